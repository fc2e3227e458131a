"""The template's columns, the names offices give them, and the shapes a read file is handed on in.

Shared by the reader, the checks, the template and the importer, so a column is named in one place.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from indicators.numbers import format_number
from indicators.text import fold

HEADER_SEARCH_ROWS = 30

# Template header (Vietnamese) for each field, then the other ways offices write it.
COLUMNS: dict[str, tuple[str, ...]] = {
    "district": ("Huyện", "huyen/thanh pho", "dia ban", "ten huyen"),
    "year": ("Năm", "nam bao cao"),
    "period": ("Kỳ báo cáo", "ky", "thoi ky", "ky bc"),
    "indicator_code": ("Mã chỉ tiêu", "ma", "ma ct"),
    "indicator_name": ("Tên chỉ tiêu", "chi tieu", "noi dung", "ten chi tieu kinh te xa hoi"),
    "unit": ("Đơn vị tính", "dvt", "don vi"),
    "plan": ("Kế hoạch", "kh", "ke hoach nam", "chi tieu ke hoach", "du toan", "ke hoach giao"),
    "actual": ("Thực hiện", "th", "ket qua", "uoc thuc hien", "thuc hien ky bao cao"),
    "same_period_last_year": ("Cùng kỳ năm trước", "cung ky", "cung ky nam truoc thuc hien"),
    "pct_of_plan": ("Tỷ lệ % KH", "% kh", "ty le kh", "ty le % ke hoach", "% ke hoach", "so voi kh", "ty le so voi ke hoach"),
    "pct_yoy": ("Tỷ lệ % cùng kỳ", "% cung ky", "so voi cung ky", "ty le so voi cung ky"),
    "change_yoy_pct": ("Tăng/giảm % so cùng kỳ", "tang giam % so cung ky", "tang/giam so cung ky"),
    "status": ("Đánh giá", "ket qua danh gia", "muc do dat"),
    "note": ("Ghi chú",),
    "source": ("Nguồn", "nguon so lieu"),
    "reported_on": ("Ngày báo cáo", "ngay bc"),
    "quote": ("Trích dẫn", "cau trich dan", "trich dan nguon"),
    "basis": ("Loại số liệu", "loai so lieu", "tinh chat so lieu", "loai"),
    "as_of": ("Số liệu đến ngày", "so lieu den ngay", "tinh den ngay", "den ngay", "so lieu tinh den"),
    "source_file": ("Tệp nguồn", "tep nguon", "file nguon", "ten tep"),
}
TEMPLATE_HEADER = [names[0] for names in COLUMNS.values()]
NUMBER_FIELDS = ("plan", "actual", "same_period_last_year", "pct_of_plan", "pct_yoy", "change_yoy_pct")
NON_NEGATIVE_FIELDS = ("plan", "actual", "same_period_last_year", "pct_of_plan", "pct_yoy")
STATUSES = {"vuot": "vượt", "dat": "đạt", "chua dat": "chưa đạt", "chua danh gia": "chưa đánh giá",
            "khong dat": "chưa đạt", "vuot ke hoach": "vượt", "hoan thanh": "đạt",
            "chua hoan thanh": "chưa đạt", "chua co co so danh gia": "chưa đánh giá"}


def header_key(text) -> str:
    return re.sub(r"[^a-z0-9%/ ]", "", fold(text)).strip()


_HEADER_LOOKUP = {header_key(alias): name for name, aliases in COLUMNS.items() for alias in aliases}


def header_field(cell) -> str | None:
    """The field a header cell names, under any of the names offices give it."""
    return _HEADER_LOOKUP.get(header_key(cell))


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def padded(rows: list[list], width: int) -> list[list]:
    """Rows at least `width` cells long, blanks added: CSV rows can be short; spreadsheet rows are not."""
    if any(len(cells) < width for cells in rows):
        return [list(cells) + [None] * (width - len(cells)) for cells in rows]
    return rows


def column_label(col, field_name) -> str:
    """How messages name a column: "H – Thực hiện", or the template header alone without a position."""
    label = COLUMNS[field_name][0]
    return f"{_column_letter(col)} – {label}" if col is not None else label


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class Problem:
    """One thing wrong with a file, located the way the clerk sees the spreadsheet."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None
    is_error: bool = True

    def describe(self) -> str:
        where = []
        if self.sheet:
            where.append(f"trang '{self.sheet}'")
        if self.row:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột '{self.column}'")
        prefix = ", ".join(where)
        found = "" if self.value in (None, "") else f" (giá trị: '{shown_value(self.value)}')"
        return f"{prefix[:1].upper() + prefix[1:]}: {self.message}{found}" if prefix else f"{self.message}{found}"


def shown_value(value) -> str:
    """A cell's value as the clerk typed it: 2025.0 -> 2025, -15.5 -> -15,5."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format_number(value)
    return str(value)


@dataclass
class FactRow:
    district: str
    year: int
    period: str
    indicator_code: str | None
    indicator_name: str | None
    unit: str | None
    values: dict[str, float]
    status: str | None
    note: str | None
    source: str | None
    reported_on: dt.date | None
    quote: str | None
    sheet: str
    row: int
    basis: str | None = None
    as_of: dt.date | None = None
    source_file: str | None = None

    @property
    def key(self) -> tuple:
        return (self.district, self.year, self.period, self.indicator_code)


FRAME_COLUMNS = ["district", "year", "period", *NUMBER_FIELDS, "status", "reported_on", "note", "quote", "source",
                 "basis", "as_of", "source_file", "indicator_code", "indicator_name", "unit", "sheet", "sheet_row"]


@dataclass
class ReadResult:
    frame: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FRAME_COLUMNS))
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[FactRow]:
        """The accepted rows one by one (for previews and tests; the importer works on `frame`)."""
        out = []
        for r in self.frame.itertuples(index=False):
            values = {f: getattr(r, f) for f in NUMBER_FIELDS if not pd.isna(getattr(r, f))}
            out.append(FactRow(r.district, int(r.year), r.period, r.indicator_code, r.indicator_name, r.unit,
                               values, r.status, r.note, r.source, r.reported_on, r.quote, r.sheet,
                               int(r.sheet_row), r.basis, r.as_of, r.source_file))
        return out

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


MAX_LISTED = 1000  # problems listed per column of a table: a file of 180,000 bad rows is not read out in full


def too_many_listed(rows, table, judged, codes) -> Problem:
    """One problem standing for the rest of a column's, once MAX_LISTED are listed (an error if any is)."""
    is_error = any(bool(judged[codes[i]][2]) for i in rows)
    return Problem(f"và {format_number(len(rows))} ô khác có lỗi hoặc lưu ý tương tự (không liệt kê hết); "
                   "hãy sửa các ô trên rồi tải lên lại", table.sheet, table.rows[rows[0]], None, None, is_error)


class UnreadableFile(Exception):
    """The file is not a spreadsheet we can read; the message is for the clerk."""


@dataclass
class Table:
    """One sheet's data rows, column by column, before checking."""

    sheet: str
    rows: list[int]                 # row numbers as the spreadsheet shows them
    columns: dict[str, list]        # field -> raw cell values
    labels: dict[str, str]          # field -> column label for messages ("H – Thực hiện")
