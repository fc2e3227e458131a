"""Guards at the door for what the cell-by-cell checks take as given: the characters of every text
cell, report dates within a sane window, and figures within plausible bounds for their unit.

Kept apart from checks.py so each guard is one place: a control character, a date of 31/12/9999 or
a figure of 1.7e308 stored once would break the template, the previews and later corrections.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from indicators.ingest.fields import COLUMNS, Problem, ReadResult, Table
from indicators.numbers import format_number
from indicators.text import HIDDEN, LINE_BREAKS, hidden_characters, visible

MULTI_LINE_FIELDS = ("note", "quote")
FIRST_REPORT_DATE = dt.date(2000, 1, 1)
FUTURE_MARGIN_DAYS = 31        # a report dated a little ahead (typed before the meeting) is accepted
MAX_AMOUNT = 1e12              # a district's figure in any unit (triệu đồng, ha, người) stays far below
MAX_PERCENT = 100_000          # % of plan, % of last year: a thousandfold is already a typing error
MAX_PERCENT_UNIT = 1_000       # a figure whose unit is % (tỷ lệ hộ nghèo, ...)
PERCENT_FIELDS = ("pct_of_plan", "pct_yoy", "change_yoy_pct")
AMOUNT_FIELDS = ("plan", "actual", "same_period_last_year")


def clean_text_cells(table: Table, result: ReadResult) -> None:
    """Every text cell of a table without control and invisible characters (a raw \\x07, Excel's
    _x0007_, zero-width spaces, bidi controls), each cleaned cell named in a warning; line breaks in
    one-line fields (names, codes, units, sources) become spaces. Each distinct value is looked at once."""
    for field_name, values in table.columns.items():
        keep_lines = field_name in MULTI_LINE_FIELDS
        texts = {v for v in set(values) if type(v) is str}
        # both patterns are single characters: one search over the distinct texts settles a clean column
        joined = "".join(texts)
        if not HIDDEN.search(joined) and (keep_lines or not LINE_BREAKS.search(joined)):
            continue
        dirty = {v for v in texts if HIDDEN.search(v) or (not keep_lines and LINE_BREAKS.search(v))}
        cleaned = {v: visible(v, keep_lines) for v in dirty}
        label = table.labels.get(field_name, COLUMNS[field_name][0])
        for i, value in enumerate(values):
            if type(value) is str and value in cleaned:
                values[i] = cleaned[value]
                found = hidden_characters(value)
                if found:
                    result.problems.append(Problem(
                        f"đã bỏ ký tự điều khiển hoặc ký tự ẩn ({', '.join(found)}) khỏi ô; "
                        "hãy kiểm tra lại nội dung", table.sheet, table.rows[i], label, cleaned[value], False))


def check_ranges(frame: pd.DataFrame, table: Table, result: ReadResult, today: dt.date,
                 catalogue: dict[str, dict]) -> pd.DataFrame:
    """Rows whose report date or figures are out of range are refused, each named by sheet, row and column.
    A figure's unit is the one typed, else its catalogue indicator's."""
    if frame.empty:
        return frame
    bad = np.zeros(len(frame), dtype=bool)
    latest = today + dt.timedelta(days=FUTURE_MARGIN_DAYS)
    dates = frame["reported_on"]
    out_of_window = [d for d in dates.dropna().unique()  # a file has few distinct report dates
                     if isinstance(d, dt.date) and not FIRST_REPORT_DATE <= d <= latest]
    for i in np.flatnonzero(dates.isin(out_of_window).to_numpy()) if out_of_window else ():
        bad[i] = True
        result.problems.append(Problem(
            f"ngày báo cáo phải từ {FIRST_REPORT_DATE:%d/%m/%Y} đến {latest:%d/%m/%Y}", table.sheet,
            int(frame["sheet_row"].iat[i]), table.labels.get("reported_on", COLUMNS["reported_on"][0]),
            f"{dates.iat[i]:%d/%m/%Y}"))
    units = frame["unit"]
    if units.isna().any():  # a dict lookup per distinct code, not a Python call per row
        units = units.fillna(frame["indicator_code"].map({c: i.get("unit") for c, i in catalogue.items()}))
    percent_units = [u for u in units.dropna().unique() if str(u).strip() == "%"]
    percent_unit = units.isin(percent_units).to_numpy()
    for name in (*AMOUNT_FIELDS, *PERCENT_FIELDS):
        values = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)
        given = ~np.isnan(values)
        if name in PERCENT_FIELDS:
            limit, message = np.full(len(values), MAX_PERCENT), f"tỷ lệ quá lớn (vượt {format_number(MAX_PERCENT)}%)"
        else:
            limit = np.where(percent_unit, MAX_PERCENT_UNIT, MAX_AMOUNT)
            message = None
        with np.errstate(invalid="ignore"):
            out = given & ~(np.abs(values) <= limit)  # infinity and overflow are out too
        for i in np.flatnonzero(out):
            bad[i] = True
            text = message or (f"số liệu tính bằng % phải trong khoảng ±{format_number(MAX_PERCENT_UNIT)}"
                               if percent_unit[i] else "số quá lớn (vượt 1.000 tỷ); hãy kiểm tra lại số và đơn vị tính")
            result.problems.append(Problem(text, table.sheet, int(frame["sheet_row"].iat[i]),
                                           table.labels.get(name, COLUMNS[name][0]), _shown(values[i])))
    return frame[~bad].reset_index(drop=True) if bad.any() else frame


def _shown(value: float) -> str:
    """A huge number as a clerk can read it ('1,7e+308'), never three hundred digits."""
    if not np.isfinite(value) or abs(value) >= 1e15:
        return f"{value:.3g}".replace(".", ",")
    return format_number(value)
