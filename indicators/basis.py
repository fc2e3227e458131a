"""What kind of figure a number is, and to which date it runs: a result, an estimate or a forecast,
read from the report's own words, so no page ever shows an estimate or a forecast as a result.
"""
from __future__ import annotations

import calendar
import datetime as dt

from indicators.periods import PERIODS
from indicators.text import fold

ACTUAL, ESTIMATE, FORECAST = "actual", "estimate", "forecast"
BASES = (ACTUAL, ESTIMATE, FORECAST)
# The template's drop-down, in the words reports use
LABELS = {ACTUAL: "Thực hiện", ESTIMATE: "Ước thực hiện", FORECAST: "Dự kiến"}
# The word set next to a number on cards, bars and tables ("49.000 triệu đồng (ước)"); a result needs none
MARKS = {ACTUAL: "", ESTIMATE: "ước", FORECAST: "dự kiến"}
_WORDS = {
    "thuc hien": ACTUAL, "th": ACTUAL, "ket qua": ACTUAL, "dat": ACTUAL, "actual": ACTUAL,
    "uoc thuc hien": ESTIMATE, "uoc": ESTIMATE, "uoc th": ESTIMATE, "uoc dat": ESTIMATE, "uoc tinh": ESTIMATE,
    "uoc thu": ESTIMATE, "estimate": ESTIMATE,
    "du kien": FORECAST, "phan dau": FORECAST, "du bao": FORECAST, "forecast": FORECAST,
}


def parse_basis(text) -> str | None:
    """The basis a cell names ("Ước thực hiện", "uoc", "Dự kiến"), or None when it names none."""
    return _WORDS.get(" ".join(fold(text).replace(".", " ").split()))


def period_end(year: int, period: str) -> dt.date:
    """The last day a period covers: 30/9 for "9 tháng", 31/12 for "Cả năm", 30/6 for "Quý II"."""
    month = PERIODS[period].months
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def year_share_at(day: dt.date) -> float:
    """Share of the year gone at the end of `day`, in months: 30/9 is 0.75 like "9 tháng", 30/7 is
    about 0.58, so pace at a cut-off before the period's end is judged against the time really gone."""
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (day.month - 1 + day.day / days_in_month) / 12


def mark(basis) -> str:
    """"ước" or "dự kiến" beside a number; nothing for a result (or no basis)."""
    return MARKS.get(basis, "") if isinstance(basis, str) else ""
