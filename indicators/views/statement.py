"""How one report's statement of a figure reads on a card, a table row or a tooltip: its kind
(ước, dự kiến), the date its data run to, a % the dashboard computed, and an earlier report's
amount shown beside it, never merged into it. One place, so every page says it the same way."""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from indicators.basis import LABELS, mark
from indicators.evaluation import (
    EXCEEDED,
    MET,
    NOT_EVALUATED,
    NOT_MET,
    PACE_STYLE,
    STATUS_STYLE,
    Standing,
    standing_of,
    standings_of,
)
from indicators.frames import flag
from indicators.numbers import format_date, format_pct_of_plan, format_percent, format_value, is_missing

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
    computed = flag(row.get("pct_of_plan_computed"))
    return format_pct_of_plan(row["pct_of_plan"], computed) + (f" ({COMPUTED})" if computed else "")


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


# ---- the judgement of a figure, worded once for every page, the briefing pack and exports ----------

NEUTRAL = {"colour": "#444444", "background": "#f1f3f4"}
LEGEND = ("Cách đọc: ✔ Đúng / ⚠ Chậm tiến độ = % KH năm so với phần năm đã qua · KH năm (chữ xám) = so với cả năm · "
          "▲ Vượt ✔ Đạt ✖ Chưa đạt = hết năm · 'Báo cáo đánh giá' = lời của báo cáo · (ước), (dự kiến): chưa phải kết quả")
DISAGREES = "báo cáo khác số liệu"
_YEAR_PLAN = {EXCEEDED: "vượt", MET: "đạt", NOT_MET: "chưa đạt"}


class Judgement(NamedTuple):
    """How a figure is judged, in the order a leader reads it: the lead mark, then the whole year's plan
    in a neutral tone, then the report's own verdict (labelled as the report's) and a note when the
    report and its figures disagree."""
    mark: str
    tone: dict
    year_plan: str = ""
    report: str = ""
    note: str = ""

    def line(self) -> str:
        """One line for a table cell: "✔ Đúng tiến độ · KH năm: chưa đạt"."""
        text = " · ".join(part for part in (self.mark, self.year_plan, self.report) if part)
        return f"{text} ({DISAGREES})" if self.note else text


def _figures_word(standing: Standing) -> str:
    if standing.pace is not None:
        return PACE_STYLE[standing.pace]["label"].lower()
    return f"{_YEAR_PLAN[standing.figures_status]} kế hoạch"


def judgement(standing: Standing) -> Judgement:
    """Before the period's end pace leads and the year's plan follows in grey, never a red cross; at
    the year's end the figures' status leads; the report's verdict leads only when the figures give none."""
    report = f"Báo cáo đánh giá: {standing.status}" if standing.status_from_report else ""
    note = (f"báo cáo ghi '{standing.status}' nhưng số liệu {_figures_word(standing)}"
            if standing.report_disagrees else "")
    if standing.leads_with_pace:
        style = PACE_STYLE[standing.pace]
        year = "" if report else f"KH năm: {_YEAR_PLAN[standing.figures_status]}"
        return Judgement(f"{style['icon']} {style['label']}", style, year, report, note)
    if standing.figures_status != NOT_EVALUATED:
        style = STATUS_STYLE[standing.figures_status]
        return Judgement(f"{style['icon']} {style['label']}", style, "", report, note)
    style = STATUS_STYLE[standing.status]
    mark = f"{style['icon']} {style['label']}" + (" (theo báo cáo)" if standing.status_from_report else "")
    return Judgement(mark, style)


def judgement_line(row) -> str:
    """The judgement of one row of indicator_facts (or a query built on it) as a table cell reads it."""
    return judgement(standing_of(row)).line()


def judgement_lines(frame: pd.DataFrame) -> list[str]:
    """judgement_line of every row of a frame, worked out once per distinct statement (standings_of):
    walking every row of every column as a dict cost the sources page more than the rest of its table."""
    said: dict[Standing, str] = {}
    lines = []
    for standing in standings_of(frame):
        line = said.get(standing)
        if line is None:
            line = said[standing] = judgement(standing).line()
        lines.append(line)
    return lines
