"""How a figure stands against its plan: status (vượt / đạt / chưa đạt / chưa đánh giá) and pace.

The report's own evaluation wins when it gives one. Otherwise the status is read
from % of plan. Pace compares % of the annual plan with the share of the year gone
(75% at 9 tháng), which is what tells a leader who is behind before the year ends.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from indicators.basis import year_share_at
from indicators.frames import flag
from indicators.numbers import format_date, format_percent, is_missing

EXCEEDED, MET, NOT_MET, NOT_EVALUATED = "vượt", "đạt", "chưa đạt", "chưa đánh giá"
STATUS_STYLE = {
    # colour-blind safe (Okabe–Ito based), always paired with an icon and a word
    EXCEEDED: {"colour": "#0b6e4f", "background": "#d8f0e6", "icon": "▲", "label": "Vượt"},
    MET: {"colour": "#1f6f3f", "background": "#e3f3e8", "icon": "✔", "label": "Đạt"},
    NOT_MET: {"colour": "#b3261e", "background": "#fbe4e2", "icon": "✖", "label": "Chưa đạt"},
    NOT_EVALUATED: {"colour": "#5f6368", "background": "#eeeeee", "icon": "–", "label": "Chưa đánh giá"},
}
BEHIND, ON_TRACK = "chậm", "đúng"
PACE_STYLE = {
    BEHIND: {"colour": "#a65e00", "background": "#fdf0dc", "icon": "⚠", "label": "Chậm tiến độ"},
    ON_TRACK: {"colour": "#1f6f3f", "background": "#e3f3e8", "icon": "✔", "label": "Đúng tiến độ"},
}


@dataclass(frozen=True)
class Standing:
    status: str
    status_from_report: bool
    pace: str | None          # BEHIND, ON_TRACK or None when it cannot be judged
    pace_gap: float | None    # % of plan minus % of year gone (negative = behind)
    expected: float | None = None  # % of the year's plan due by the figure's cut-off
    figures_status: str = NOT_EVALUATED  # what the % of plan alone says, whatever the report writes

    @property
    def leads_with_pace(self) -> bool:
        """Before the period's end the first thing a leader reads is pace, not the whole year's plan."""
        return self.pace is not None

    @property
    def judged(self) -> bool:
        return self.pace is not None or self.status != NOT_EVALUATED

    @property
    def report_disagrees(self) -> bool:
        """The report's own verdict says the opposite of its figures: "(chưa đạt)" while on pace (or at
        100%), or "(đạt)" while behind pace (or short of the plan at the year's end)."""
        if not self.status_from_report or self.status == NOT_EVALUATED:
            return False
        report_ok = self.status in (MET, EXCEEDED)
        if self.pace is not None:
            return report_ok != (self.pace == ON_TRACK)
        if self.figures_status == NOT_EVALUATED:
            return False
        return report_ok != (self.figures_status in (MET, EXCEEDED))

    @property
    def at_risk(self) -> bool:
        """Behind pace, or judged "chưa đạt" by the report itself (or with no pace to excuse it)."""
        if self.pace == BEHIND:
            return True
        return self.status == NOT_MET and (self.status_from_report or self.pace is None)

    def due_text(self, period_months: int, cutoff: dt.date | None = None) -> str:
        """"cần ≥ 75% kế hoạch năm sau 9 tháng", or "… đến 30/7/2024" for a figure whose data stop
        before the period's end."""
        if self.pace is None:
            return ""
        due = self.expected if self.expected is not None else period_months / 12 * 100
        when = f"đến {format_date(cutoff)}" if cutoff is not None else f"sau {period_months} tháng"
        return f"cần ≥ {format_percent(due, 0)} kế hoạch năm {when}"

    def pace_text(self, period_months: int, cutoff: dt.date | None = None) -> str:
        """"⚠ Chậm tiến độ (cần ≥ 75% kế hoạch năm sau 9 tháng)"."""
        if self.pace is None:
            return ""
        style = PACE_STYLE[self.pace]
        return f"{style['icon']} {style['label']} ({self.due_text(period_months, cutoff)})"


def assess(pct_of_plan, reported_status, direction: str, period_months: int | None,
           year_share: float | None = None) -> Standing:
    """Status and pace of one figure; `year_share` is the share of the year gone at the figure's
    cut-off when its data stop before the period's end (basis.year_share_at), so a figure to 30/7 is
    not held to the 75% due by 30/9."""
    pct = None if is_missing(pct_of_plan) else float(pct_of_plan)
    if pct is None or direction == "lower":
        figures = NOT_EVALUATED
    else:
        figures = EXCEEDED if pct > 100.05 else MET if pct >= 99.95 else NOT_MET
    status, from_report = figures, False
    if isinstance(reported_status, str) and reported_status in STATUS_STYLE:
        status, from_report = reported_status, True
    pace = gap = expected = None
    if pct is not None and direction == "higher" and period_months and period_months < 12:
        expected = (period_months / 12 if year_share is None else year_share) * 100
        gap = pct - expected
        pace = ON_TRACK if gap >= 0 else BEHIND
    return Standing(status, from_report, pace, gap, expected, figures)


# What standing_of reads of a row: a table's rows with the same values here are judged alike.
STANDING_COLUMNS = ("pct_of_plan", "status", "direction", "period_months", "as_of", "as_of_stated")


def standing_of(row) -> Standing:
    """Status and pace of one row of indicator_facts (or a query built on it): a figure whose data
    stop before the period's end (as_of_stated) is paced against the share of the year gone by then."""
    share = year_share_at(pd.Timestamp(row["as_of"])) if flag(row.get("as_of_stated")) else None
    return assess(row.get("pct_of_plan"), row.get("status"), row.get("direction") or "higher",
                  row.get("period_months"), share)


def standings_of(frame: pd.DataFrame) -> list[Standing]:
    """standing_of every row of a frame, worked out once per distinct statement (its STANDING_COLUMNS):
    a page's few hundred figures hold a few dozen, and a row need not become a dict of every column."""
    columns = [c for c in STANDING_COLUMNS if c in frame.columns]
    if not columns:
        return [standing_of({})] * len(frame)
    known: dict[tuple, Standing] = {}
    out = []
    for values in zip(*(frame[c].tolist() for c in columns)):
        standing = known.get(values)
        if standing is None:
            standing = known[values] = standing_of(dict(zip(columns, values)))
        out.append(standing)
    return out
