"""Nguồn số liệu: the page's filter choices and its table, worked out once per data version."""
from __future__ import annotations

from typing import NamedTuple

import duckdb

from indicators.periods import PERIODS
from indicators.store import database as store
from indicators.store.named import run_query

ANY = "Tất cả"
TABLE_COLUMNS = ["district", "period_label", "year", "indicator_name", "unit", "plan", "actual", "pct_of_plan",
                 "pct_yoy", "change_yoy_pct", "status", "note", "source", "reported_on", "quote"]


class SourceFilters(NamedTuple):
    districts: list[str]  # 'Tất cả' first, then every district
    years: list[str]  # newest first
    periods: list[str]  # period codes in the calendar's order
    indicators: dict[str, str]  # code -> 'name (unit)', indicators with at least one figure


def source_filters(con: duckdb.DuckDBPyConnection) -> SourceFilters:
    catalogue = run_query(con, "indicator_catalogue")
    periods = run_query(con, "available_periods")
    catalogue = catalogue[catalogue["facts"] > 0]
    reported = set(periods["period"])
    return SourceFilters(
        [ANY, *store.district_names(con)],
        [ANY, *sorted({str(y) for y in periods["year"]}, reverse=True)],
        [ANY, *[p for p in PERIODS if p in reported]],
        {ANY: ANY, **{code: f"{name} ({unit})"
                      for code, name, unit in zip(catalogue["code"], catalogue["name"], catalogue["unit"])}},
    )
