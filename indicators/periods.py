"""Reporting periods as Vietnamese reports use them.

Vietnamese reports count from January: "9 tháng" is January to September.
A period code is either cumulative (`Q1`, `H1`, `9M`, `FY`, or `nM` for any other
number of months) or a single quarter (`Q2`, `Q3`, `Q4`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from indicators.text import fold


@dataclass(frozen=True)
class Period:
    code: str
    label: str
    months: int  # months from January covered by the end of the period
    cumulative: bool
    sort_order: int


_CUMULATIVE_ALIASES = {3: "Q1", 6: "H1", 9: "9M", 12: "FY"}


def _build_periods() -> dict[str, Period]:
    periods = {}
    for months in range(1, 13):
        code = _CUMULATIVE_ALIASES.get(months, f"{months}M")
        if months == 3:
            label = "Quý I"
        elif months == 12:
            label = "Cả năm"
        else:
            label = f"{months} tháng"
        periods[code] = Period(code, label, months, True, months * 10)
    for quarter, roman in ((2, "II"), (3, "III"), (4, "IV")):
        code = f"Q{quarter}"
        months = quarter * 3
        periods[code] = Period(code, f"Quý {roman}", months, False, months * 10 + 5)
    return periods


PERIODS: dict[str, Period] = _build_periods()

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def period_label(code: str) -> str:
    """Vietnamese label of a period code ("9M" -> "9 tháng")."""
    return PERIODS[code].label


def year_share_elapsed(code: str) -> float:
    """Share of the year gone by the end of the period: 0.75 for 9 tháng."""
    return PERIODS[code].months / 12


def parse_period(value) -> str | None:
    """Period code for what people type: "Quý I", "quy 1", "6T", "9 tháng", "Cả năm", "9M".

    Returns None when the text is not a period.
    """
    if value is None:
        return None
    text = fold(str(value)).replace(" ", "")
    if not text:
        return None
    upper = str(value).strip().upper()
    if upper in PERIODS:
        return upper
    if text in ("canam", "nam", "fy", "12thang", "12t"):
        return "FY"
    if text in ("6thangdaunam", "h1"):
        return "H1"
    m = re.fullmatch(r"(?:quy|q)(i{1,3}|iv|[1-4])", text)
    if m:
        q = m.group(1)
        quarter = _ROMAN[q] if q in _ROMAN else int(q)
        return "Q1" if quarter == 1 else f"Q{quarter}"
    m = re.fullmatch(r"(\d{1,2})(?:thang|t|m)(?:daunam)?", text)
    if m and 1 <= int(m.group(1)) <= 12:
        months = int(m.group(1))
        return _CUMULATIVE_ALIASES.get(months, f"{months}M")
    return None
