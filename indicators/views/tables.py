"""Tables as leaders read them: Vietnamese headers, numbers formatted, the source beside each."""
from __future__ import annotations

import pandas as pd

from indicators.numbers import format_number, format_percent

SOURCE_COLUMNS = {
    "district": "Huyện", "period_label": "Kỳ", "year": "Năm", "indicator_name": "Chỉ tiêu", "unit": "Đơn vị tính",
    "plan": "Kế hoạch", "actual": "Thực hiện", "same_period_last_year": "Cùng kỳ năm trước",
    "pct_of_plan": "Tỷ lệ % KH", "pct_yoy": "% so cùng kỳ", "change_yoy_pct": "Tăng/giảm % so cùng kỳ",
    "status": "Đánh giá (báo cáo)", "note": "Ghi chú", "source": "Nguồn", "reported_on": "Ngày báo cáo",
    "quote": "Trích dẫn",
}


def vietnamese_table(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Select and rename columns; numbers stay numbers (for .xlsx), dates become dates."""
    out = frame[[c for c in columns if c in frame.columns]].copy()
    if "reported_on" in out:
        out["reported_on"] = pd.to_datetime(out["reported_on"]).dt.date
    if "year" in out:
        out["year"] = out["year"].astype("Int64")
    return out.rename(columns=SOURCE_COLUMNS)


COMPARISON_COLUMNS = ["indicator_name", "unit", "district", "plan", "actual", "pct_of_plan", "pct_yoy", "status",
                      "note", "source", "reported_on", "quote"]


def display_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """Formatted text for on-screen tables: 26.974 and 112,4% (the .xlsx keeps real numbers)."""
    out = table.copy()
    for column in out.columns:  # plain lists: Series.map costs several times more per value on pandas 3
        if column.startswith(("Tỷ lệ", "%", "Tăng/giảm")):
            out[column] = [format_percent(v) for v in out[column].tolist()]
        elif column in ("Kế hoạch", "Thực hiện", "Cùng kỳ năm trước"):
            out[column] = [format_number(v) for v in out[column].tolist()]
        elif column == "Ngày báo cáo":
            out[column] = [f"{v:%d/%m/%Y}" if pd.notna(v) else "" for v in out[column].tolist()]
        elif out[column].dtype == object or str(out[column].dtype).startswith("str"):
            out[column] = out[column].fillna("")
    return out


def both_tables(frame: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The chosen columns with Vietnamese headers twice: as numbers (for .xlsx) and as text (for the screen)."""
    table = vietnamese_table(frame, columns)
    return table, display_numbers(table)
