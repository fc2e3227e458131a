"""Vietnamese number format: "." groups thousands, "," is the decimal mark.

Parsing and formatting live here only, so the spreadsheet reader, the charts and
the tables agree on what "26.974" and "112,4%" mean.
"""
from __future__ import annotations

import math
import re
from decimal import Decimal

try:
    from pandas import NA as _NA
except ImportError:  # pragma: no cover - pandas is a dependency
    _NA = object()

# grouped ("23.900", "1.234,5") or plain ("902,4"): one pattern for a cell (re) and a column (Arrow's RE2)
_NUMBER_TEXT = r"^-?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)$"
_NUMBER = re.compile(_NUMBER_TEXT)
_DOT_DECIMAL = re.compile(r"^-?\d+\.\d+$")


def parse_vn_number_texts(texts: list[str]):
    """Many cells typed as text ("1.234,5") read at once, each as parse_vn_number reads it, as a
    numpy array; None when any is not a bare grouped or plain number (a %, a space, "1.5", "#VALUE!"),
    which then go one by one through parse_vn_number and its message. Arrow's compute functions
    check and convert the whole column in C (RE2, ASCII digits), not a Python call per cell."""
    import pyarrow as pa
    import pyarrow.compute as pc

    column = pa.array(texts, type=pa.string())
    if not texts or not pc.all(pc.match_substring_regex(column, _NUMBER_TEXT)).as_py():
        return None
    plain = pc.replace_substring(pc.replace_substring(column, ".", ""), ",", ".")
    try:
        return pc.cast(plain, pa.float64()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:  # what Arrow will not parse goes one by one, as any doubtful cell does
        return None


class NotANumber(ValueError):
    """Raised with a Vietnamese explanation when text cannot be read as a number."""


def parse_vn_number(value) -> float | None:
    """Read a cell as a number: numeric cells as they are, text in Vietnamese format.

    "23.900" -> 23900, "902,4" -> 902.4, "112,4%" -> 112.4, "" -> None.
    Text such as "1.5" is refused: in Vietnamese format it is neither 15 nor 1,5.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise NotANumber("giá trị đúng/sai không phải là số")
    if isinstance(value, (int, float, Decimal)):
        number = float(value)
        if math.isnan(number):
            return None
        if math.isinf(number):
            raise NotANumber("số vô hạn")
        return number
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if not text or text in ("-", "–"):
        return None
    if text.endswith("%"):
        text = text[:-1]
    if text.startswith("+"):
        text = text[1:]
    if _NUMBER.match(text):  # a plain number has no "." to drop
        return float(text.replace(".", "").replace(",", "."))
    if _DOT_DECIMAL.match(text):
        raise NotANumber(
            "số không rõ định dạng: dùng dấu phẩy cho phần thập phân (ví dụ 902,4) "
            "và dấu chấm để phân cách hàng nghìn (ví dụ 23.900)"
        )
    raise NotANumber("không phải là số")


def is_missing(value) -> bool:
    """No figure: None, NaN or pandas' NA (what an empty cell becomes on its way through pandas)."""
    if value is None or value is _NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def format_number(value, decimals: int | None = None) -> str:
    """26974 -> "26.974"; 715.96 -> "715,96"; None -> "".

    With no `decimals`, shows the digits the figure has (up to 4), so nothing
    a report wrote is rounded away.
    """
    if is_missing(value):
        return ""
    number = float(value)
    if decimals is None:
        text = f"{number:,.4f}".rstrip("0").rstrip(".")
    else:
        text = f"{number:,.{decimals}f}"
    if text in ("-0", ""):
        text = "0"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(value, decimals: int | None = None) -> str:
    """112.4 -> "112,4%"."""
    text = format_number(value, decimals)
    return f"{text}%" if text else ""


def format_pct_of_plan(pct, computed: bool) -> str:
    """A % of plan as the report writes it, or with one decimal when the dashboard worked it out
    (Thực hiện ÷ Kế hoạch): 106,1%, never the division's 106,108%."""
    return format_percent(pct, 1) if computed else format_percent(pct)


def format_value(value, unit: str | None, decimals: int | None = None) -> str:
    """A figure with its unit, as a leader reads it: "26.974 triệu đồng", "112,4%"."""
    text = format_number(value, decimals)
    if not text:
        return ""
    if unit and unit.startswith("%"):
        return f"{text}{unit}" if unit == "%" else f"{text}{unit[0]} {unit[1:].strip()}"
    return f"{text} {unit}" if unit else text


def format_date(value) -> str:
    """A date as Vietnamese reports write it: 30/7/2024 (no leading zeros); blank when missing."""
    if value is None or (not isinstance(value, str) and value != value):  # None, NaN, NaT
        return ""
    return f"{value.day}/{value.month}/{value.year}"
