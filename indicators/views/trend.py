"""Theo thời gian: everything the trend page draws for one indicator, worked out once per data
version and filter, so switching back to an indicator costs a cache lookup, not pandas work."""
from __future__ import annotations

from typing import NamedTuple

import duckdb
import pandas as pd
import plotly.graph_objects as go

from indicators.store.named import run_query
from indicators.views import charts, tables

ALL_GROUPS = "Tất cả"
TABLE_COLUMNS = ["district", "period_label", "year", "plan", "actual", "pct_of_plan", "judgement", "pct_yoy",
                 "change_yoy_pct", "status", "note", "source", "reported_on", "quote"]
HISTORY_COLUMNS = ["district", "period_label", "year", "actual", "pct_of_plan", "pct_yoy", "status", "source",
                   "reported_on", "quote"]


def indicator_choices(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """Group name ('Tất cả' first) -> {code: 'name (unit)'}, most reported indicators first.
    Focus tasks have their own page and indicators without figures have no trend to show."""
    catalogue = run_query(con, "indicator_catalogue")
    catalogue = catalogue[(catalogue["facts"] > 0) & ~catalogue["is_focus_task"]]
    catalogue = catalogue.sort_values("facts", ascending=False, kind="stable")
    labels = [f"{name} ({unit})" for name, unit in zip(catalogue["name"], catalogue["unit"])]
    choices = {ALL_GROUPS: dict(zip(catalogue["code"], labels))}
    for group in sorted(catalogue["group_name"].unique()):
        chosen = (catalogue["group_name"] == group).to_numpy()
        choices[group] = {code: label for code, label, keep in zip(catalogue["code"], labels, chosen) if keep}
    return choices


class TrendView(NamedTuple):
    rows: pd.DataFrame  # the current figure of each district and period
    figure: go.Figure
    single_period: str | None  # 'Quý 4 2025' while only one period has figures
    history: pd.DataFrame | None  # figures reported more than once, every report, as on-screen text
    table: pd.DataFrame | None  # the rows as numbers, for .xlsx (None in meeting mode)
    shown: pd.DataFrame | None  # the same as Vietnamese text


def trend_view(con: duckdb.DuckDBPyConnection, indicator_code: str, districts: list[str],
               big: bool = False) -> TrendView | None:
    """None when the chosen districts have no figure for this indicator."""
    rows = run_query(con, "indicator_trend", indicator_code=indicator_code, districts=districts)
    if rows.empty:
        return None
    revisions = run_query(con, "indicator_revisions", indicator_code=indicator_code, districts=districts)
    revisions = revisions[~revisions["undone"]]
    periods = rows[["year", "period"]].drop_duplicates()
    single = f"{rows['period_label'].iloc[0]} {rows['year'].iloc[0]}" if len(periods) == 1 else None
    changed = revisions[revisions.duplicated(["district", "year", "period"], keep=False)]
    history = tables.both_tables(changed, HISTORY_COLUMNS)[1] if len(changed) else None
    table, shown = (None, None) if big else tables.both_tables(rows, TABLE_COLUMNS)
    return TrendView(rows, charts.trend_figure(rows, revisions, big), single, history, table, shown)
