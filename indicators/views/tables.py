"""Tables as leaders read them: Vietnamese headers, numbers formatted, the source beside each."""
from __future__ import annotations

import pandas as pd

from indicators.basis import LABELS, period_end
from indicators.frames import flag
from indicators.numbers import format_date, format_number, format_pct_of_plan, format_percent
from indicators.periods import PERIODS
from indicators.views.statement import COMPUTED, judgement_lines

SOURCE_COLUMNS = {
    "district": "Huyện", "period_label": "Kỳ", "year": "Năm", "indicator_name": "Chỉ tiêu", "unit": "Đơn vị tính",
    "plan": "Kế hoạch", "actual": "Thực hiện", "same_period_last_year": "Cùng kỳ năm trước",
    "pct_of_plan": "Tỷ lệ % KH", "pct_yoy": "% so cùng kỳ", "change_yoy_pct": "Tăng/giảm % so cùng kỳ",
    "judgement": "Đánh giá", "status": "Báo cáo tự đánh giá", "note": "Ghi chú", "source": "Nguồn", "reported_on": "Ngày báo cáo",
    "quote": "Trích dẫn", "basis": "Loại số liệu", "as_of": "Số liệu đến ngày", "source_file": "Tệp nguồn",
    "pct_of_plan_computed": "Ghi chú tỷ lệ % KH",
}


def vietnamese_table(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Select and rename columns; numbers stay numbers (for .xlsx), dates become dates."""
    if "judgement" in columns and len(frame):  # one rule for every page and export: statement.judgement
        frame = frame.assign(judgement=judgement_lines(frame))
    shown = {SOURCE_COLUMNS.get(name, name): _shown(frame, name) for name in columns if name in frame.columns}
    return pd.DataFrame(shown, index=frame.index)  # built once: a column set at a time copies the frame each time


def _shown(frame: pd.DataFrame, name: str):
    """One column as the table shows it, in the frame's row order."""
    column = frame[name]
    if name == "reported_on":
        return pd.to_datetime(column).dt.date.array
    if name == "as_of":
        return _stated_as_of(frame)
    if name == "basis":
        return [LABELS.get(b, "") if isinstance(b, str) else "" for b in column.tolist()]
    if name == "pct_of_plan_computed":
        return [COMPUTED if flag(v) else "" for v in column.tolist()]
    if name == "year":
        return column.astype("Int64").array
    return column.array


def _stated_as_of(frame: pd.DataFrame):
    """The cut-off date only where it is not the period's own end (which says nothing): dates or None."""
    dates = pd.to_datetime(frame["as_of"]).dt.date.tolist()
    if "as_of_stated" in frame:
        dates = [d if flag(stated) else None for d, stated in zip(dates, frame["as_of_stated"].tolist())]
    elif {"year", "period"} <= set(frame):  # no flag (source_lookup): keep other dates
        ends = [period_end(int(y), p) if p in PERIODS else None for y, p in zip(frame["year"], frame["period"])]
        dates = [None if d == end else d for d, end in zip(dates, ends)]
    return pd.array(dates, dtype=object)


COMPARISON_COLUMNS = ["indicator_name", "unit", "district", "plan", "actual", "basis", "as_of", "pct_of_plan",
                      "pct_of_plan_computed", "judgement", "pct_yoy", "status", "note", "source", "reported_on", "quote",
                      "source_file"]


def display_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """Formatted text for on-screen tables: 26.974 and 112,4% (the .xlsx keeps real numbers)."""
    out = table.copy()
    computed_note = SOURCE_COLUMNS["pct_of_plan_computed"]
    computed = out[computed_note].tolist() if computed_note in out else [""] * len(out)
    for column in out.columns:  # plain lists: Series.map costs several times more per value on pandas 3
        if column == SOURCE_COLUMNS["pct_of_plan"]:  # a % the dashboard computed: one decimal, as everywhere
            out[column] = [format_pct_of_plan(v, note == COMPUTED) for v, note in zip(out[column].tolist(), computed)]
        elif column.startswith(("Tỷ lệ", "%", "Tăng/giảm")) and column in SOURCE_COLUMNS.values():
            out[column] = [format_percent(v) for v in out[column].tolist()]
        elif column in ("Kế hoạch", "Thực hiện", "Cùng kỳ năm trước"):
            out[column] = [format_number(v) for v in out[column].tolist()]
        elif column in ("Ngày báo cáo", "Số liệu đến ngày"):
            out[column] = [format_date(v) if v is not None and pd.notna(v) else "" for v in out[column].tolist()]
        elif out[column].dtype == object or str(out[column].dtype).startswith("str"):
            out[column] = out[column].fillna("")
    return out


def both_tables(frame: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The chosen columns with Vietnamese headers twice: as numbers (for .xlsx) and as text (for the screen)."""
    table = vietnamese_table(frame, columns)
    return table, display_numbers(table)
