"""How one report's statement of a figure reads on a card, a table row or a tooltip: its kind
(ước, dự kiến), the date its data run to, a % the dashboard computed, and an earlier report's
amount shown beside it, never merged into it. One place, so every page says it the same way."""
from __future__ import annotations

import pandas as pd

from indicators.basis import LABELS, mark
from indicators.frames import flag
from indicators.numbers import format_date, format_percent, format_value, is_missing

COMPUTED = "tính từ số liệu"


def day(value) -> str:
    return "" if value is None or pd.isna(value) else format_date(pd.Timestamp(value))


def with_mark(text: str, basis) -> str:
    """"49.000 triệu đồng (ước)"; a result needs no word."""
    word = mark(basis)
    return f"{text} ({word})" if text and word else text


def basis_label(basis) -> str:
    """Thực hiện / Ước thực hiện / Dự kiến, or blank for a plan-only row."""
    return LABELS.get(basis, "") if isinstance(basis, str) else ""


def pct_text(row) -> str:
    """The % of plan as the report gives it, or with one decimal and "tính từ số liệu" when computed."""
    if is_missing(row.get("pct_of_plan")):
        return ""
    if flag(row.get("pct_of_plan_computed")):
        return f"{format_percent(row['pct_of_plan'], 1)} ({COMPUTED})"
    return format_percent(row["pct_of_plan"])


def cutoff_text(row) -> str:
    """"Số liệu đến 30/7/2024" when the report runs its data to a date other than the period's end."""
    return f"Số liệu đến {day(row.get('as_of'))}" if flag(row.get("as_of_stated")) else ""


def prior_text(row) -> str:
    """The earlier report's amount beside a statement that gives none:
    "Theo báo cáo ngày 12/9/2024: 26.974 triệu đồng (112,4%)"."""
    if not is_missing(row.get("actual")) or is_missing(row.get("prior_actual")):
        return ""
    amount = with_mark(format_value(row["prior_actual"], row.get("unit")), row.get("prior_basis"))
    pct = "" if is_missing(row.get("prior_pct_of_plan")) else f" ({format_percent(row['prior_pct_of_plan'])})"
    return f"Theo báo cáo ngày {day(row.get('prior_reported_on'))}: {amount}{pct}"
