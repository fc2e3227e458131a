"""Reading one cell of a given column: year, period, number, status, basis, dates, text.

Each converter returns (value, message or None, is_error), so checks.py can judge each distinct value
once and word its problems in one place; a column of plain numbers is taken whole.
"""
from __future__ import annotations

import datetime as dt
import re

import numpy as np

from indicators.basis import parse_basis
from indicators.ingest.fields import STATUSES, blank
from indicators.numbers import NotANumber, parse_vn_number, parse_vn_number_texts
from indicators.periods import parse_period
from indicators.text import fold, nfc

ERROR_CELLS = {"#VALUE!", "#DIV/0!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#GETTING_DATA"}


def convert_year(raw):
    try:
        number = parse_vn_number(raw) if not blank(raw) else None
        if number is None or number != int(number) or not 2000 <= number <= 2100:
            raise NotANumber("")
    except NotANumber:
        return None, "năm phải là số từ 2000 đến 2100", True
    return int(number), None, False


def convert_period(raw):
    code = parse_period(raw)
    if code is None:
        return None, "kỳ báo cáo không hợp lệ; ví dụ: Quý I, 6 tháng, 9 tháng, Cả năm", True
    return code, None, False


def convert_number(raw, non_negative):
    if isinstance(raw, str) and raw.strip().upper() in ERROR_CELLS:
        return None, "ô bị lỗi công thức, coi như để trống", False
    try:
        value = parse_vn_number(raw)
    except NotANumber as exc:
        return None, str(exc), True
    if value is not None and non_negative and value < 0:
        return None, "giá trị không thể âm", True
    return value, None, False


def convert_status(raw):
    if blank(raw):
        return None, None, False
    status = STATUSES.get(re.sub(r"[()]", "", fold(raw)).strip())
    if status is None:
        return None, "đánh giá phải là: vượt, đạt, chưa đạt hoặc chưa đánh giá", True
    return status, None, False


def convert_basis(raw):
    if blank(raw):
        return None, None, False
    basis = parse_basis(raw)
    if basis is None:
        return None, "loại số liệu phải là: Thực hiện, Ước thực hiện hoặc Dự kiến", True
    return basis, None, False


def convert_as_of(raw):
    if blank(raw):
        return None, None, False
    try:
        return parse_date(raw), None, False
    except ValueError:
        return None, "ngày số liệu không hợp lệ; ví dụ 30/07/2024", True


def convert_text(raw):
    return (None if blank(raw) else nfc(raw)), None, False


def parse_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def plain_numbers(raw, non_negative) -> np.ndarray | None:
    """A column of numbers, empty cells and numbers typed as text ("1.234,5") as floats in one
    vectorised pass; None when any cell needs the value-by-value conversion and its messages (other
    text, infinity, a negative where none may be)."""
    raw = raw or []
    kinds = set(map(type, raw))
    if not kinds <= {float, int, str, type(None)} or raw.count("") + raw.count(None) == len(raw):
        return None  # other kinds of cell, or an empty column (its cells go the usual way, as blanks)
    texts = [i for i, v in enumerate(raw) if type(v) is str and v] if str in kinds else []
    values = np.array([v if type(v) is float or type(v) is int else np.nan for v in raw], dtype=float)
    if texts:
        parsed = parse_vn_number_texts([raw[i] for i in texts])
        if parsed is None:
            return None
        values[texts] = parsed
    given = values[~np.isnan(values)]
    if np.isfinite(given).all() and not (non_negative and (given < 0).any()):
        return values
    return None
