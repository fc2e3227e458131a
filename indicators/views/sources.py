"""Nguồn số liệu: the page's filter choices and its table, worked out once per data version."""
from __future__ import annotations

from typing import NamedTuple

import duckdb
import pandas as pd

from indicators.basis import ACTUAL
from indicators.frames import flag
from indicators.periods import PERIODS
from indicators.store import database as store
from indicators.store.named import run_query
from indicators.text import inert
from indicators.views.statement import basis_label, day

ANY = "Tất cả"
# The report's title in 'Nguồn'; its file name last, in its own column, for whoever checks the text
TABLE_COLUMNS = ["district", "period_label", "year", "indicator_name", "unit", "plan", "actual", "basis", "as_of",
                 "pct_of_plan", "pct_of_plan_computed", "judgement", "pct_yoy", "change_yoy_pct", "status", "note", "source", "reported_on", "quote",
                 "source_file"]


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


def cutoff(statement) -> str:
    """The date a statement's figure runs to: the one the report states; else its period's end, which
    an estimate runs to but a result reported before that end cannot, so then it says none is given."""
    if flag(statement.as_of_stated):
        return day(statement.as_of)
    if statement.basis == ACTUAL and pd.Timestamp(statement.reported_on) < pd.Timestamp(statement.as_of):
        return "báo cáo không ghi"
    return f"cuối kỳ ({day(statement.as_of)})"


def statement_line(statement, current: bool = False) -> str:
    """One report's statement of a figure as the single-figure view heads it (inert Markdown): the
    report's title, its date, what kind of figure it gives and to which date, so an estimate made in
    August is never read as a result, nor two reports' figures as the same kind."""
    facts = [f"Ngày báo cáo: {day(statement.reported_on)}"]
    kind = basis_label(statement.basis)
    if kind:
        facts.append(f"Loại số liệu: {kind}")
        facts.append(f"Số liệu đến ngày: {cutoff(statement)}")
    if flag(statement.undone):
        facts.append("đã hoàn tác")
    elif current:
        facts.append("số liệu đang dùng")
    return f"**{inert(statement.source)}**  \n" + " · ".join(facts)
