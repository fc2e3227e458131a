"""One indicator, the districts side by side, each bar one report's statement: an estimate or a
forecast is hatched and says so, an amount taken from an earlier report is outlined and dated, and
figures whose data run to dates far apart say so above the plot, so a leader never compares
unlike figures unawares (issue 13)."""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from indicators.basis import LABELS, mark
from indicators.frames import records
from indicators.numbers import format_date, format_percent, format_value, is_missing
from indicators.views.chart_style import (
    BASE_FONT,
    HATCH,
    HATCH_NOTE,
    NO_DATA,
    NOTE_CHARS,
    PLAN_COLOUR,
    PLAN_NOTE,
    PRIOR_NOTE,
    TITLE_CHARS,
    WARNING_COLOUR,
    bar_number,
    day_month,
    district_colour,
    given,
    key_line,
    pct_line,
    pct_text,
    style,
    tint,
    wrap_title,
)
from indicators.views.statement import judgement_line, with_mark

CUTOFF_GAP_DAYS = 14  # cut-offs further apart than this are named above the plot


class Bar(NamedTuple):
    height: float | None  # None: no figure at all
    label: str
    hover: list[str]
    basis: str | None  # of the number drawn
    prior: bool  # the amount drawn is an earlier report's, not the current statement's
    as_of: object  # the date the drawn figure's data run to (NaT when unknown)


def _statement_lines(r: dict, unit: str, use_amounts: bool) -> list[str]:
    """What the current statement says beyond its headline figure, with its cut-off and source."""
    lines = []
    if not is_missing(r["plan"]) and use_amounts:
        lines.append(f"Kế hoạch: {format_value(r['plan'], unit)}")
    if use_amounts and given(r, "actual") is not None and given(r, "pct_of_plan") is not None:
        lines.append(pct_line(r["pct_of_plan"], given(r, "pct_of_plan_computed")))
    if given(r, "pct_yoy") is not None:
        lines.append(f"So với cùng kỳ: {format_percent(r['pct_yoy'])}")
    if "period_months" in r:  # the one judgement every page shows (statement.judgement)
        lines.append(f"Đánh giá: {judgement_line(r)}")
    if given(r, "as_of_stated"):
        lines.append(f"Số liệu đến ngày: {format_date(r['as_of'])}")
    lines.append(f"Nguồn: {wrap_title(str(r['source']), 70)}")
    return lines


def _current_bar(r: dict, unit: str, use_amounts: bool) -> Bar:
    """The current statement's own figure: its amount (or its % on a chart of percentages)."""
    basis, value = given(r, "basis"), (r["actual"] if use_amounts else r["pct_of_plan"])
    computed = given(r, "pct_of_plan_computed")
    if use_amounts:
        label = with_mark(bar_number(value, unit), basis)
        if given(r, "pct_of_plan") is not None:
            label += "<br>" + pct_text(r["pct_of_plan"], computed, label=True)
        headline = f"{LABELS.get(basis, 'Thực hiện')}: {format_value(value, unit)}"
    else:
        label = with_mark(format_percent(value, 1 if computed else None), basis)
        headline = with_mark(pct_line(value, computed), basis)
    hover = [headline] + _statement_lines(r, unit, use_amounts)
    return Bar(value, label, hover, basis, False, given(r, "as_of"))


def _prior_bar(r: dict, unit: str) -> Bar:
    """The current statement gives no amount: the best earlier one that does is drawn as that report's,
    with the current statement beneath it, each with its own date, never merged into one figure."""
    earlier, now = format_date(r["prior_reported_on"]), format_date(r["reported_on"])
    amount = with_mark(format_value(r["prior_actual"], unit), r.get("prior_basis"))
    if given(r, "prior_pct_of_plan") is not None:
        amount += f" ({format_percent(r['prior_pct_of_plan'])})"
    current = f"Báo cáo ngày {now}: " + (with_mark(pct_text(r["pct_of_plan"], False), r.get("basis"))
                                          if given(r, "pct_of_plan") is not None else "không nêu số thực hiện")
    # one short line each, so a label fits over its bar on a phone (about 100 px a bar)
    label = with_mark(bar_number(r["prior_actual"], unit), r.get("prior_basis")) + f"<br>BC {day_month(earlier)}"
    if given(r, "pct_of_plan") is not None:
        label += f"<br>{with_mark(pct_text(r['pct_of_plan'], False), r.get('basis'))}<br>BC {day_month(now)}"
    hover = [f"Theo báo cáo ngày {earlier}: {amount}", f"Nguồn: {wrap_title(str(r['prior_source']), 70)}", current]
    return Bar(r["prior_actual"], label, hover + _statement_lines(r, unit, True), given(r, "prior_basis"), True,
               given(r, "as_of"))


def _bar(r: dict, unit: str, use_amounts: bool) -> Bar:
    """Which of the four a district's bar is: its own figure, an earlier report's amount, a % with no
    amount (on a chart of amounts), or nothing."""
    if not is_missing(r["actual"] if use_amounts else r["pct_of_plan"]):
        return _current_bar(r, unit, use_amounts)
    if use_amounts and given(r, "prior_actual") is not None:
        return _prior_bar(r, unit)
    if use_amounts and given(r, "pct_of_plan") is not None:
        hover = [with_mark(pct_line(r["pct_of_plan"], False), r.get("basis")),
                 "Báo cáo không nêu số thực hiện"] + _statement_lines(r, unit, False)
        label = with_mark(f"{format_percent(r['pct_of_plan'])} KH", r.get("basis")) + "<br>(không nêu số)"
        return Bar(0, label, hover, given(r, "basis"), False, given(r, "as_of"))
    return Bar(None, NO_DATA, [], None, False, None)


def _bar_trace(district: str, bar: Bar, font: int) -> go.Bar:
    """A plain result is solid; an estimate or forecast hatched on a lighter fill; an earlier report's
    amount a pale bar with a heavy outline. Clicks carry the district (the sources page opens)."""
    colour = district_colour(district)
    hatched, fill = bool(mark(bar.basis)), colour
    if hatched or bar.prior:
        fill = tint(colour, 0.4 if hatched else 0.12)
    marker = {"color": fill, "line": {"color": colour, "width": 4 if bar.prior else (1.5 if hatched else 0)},
              "pattern": {"shape": HATCH if hatched else "", "fgcolor": colour, "bgcolor": fill,
                          "size": 14, "solidity": 0.3}}
    if bar.height is None:
        return go.Bar(x=[district], y=[0], marker_color=colour, showlegend=False, text=[NO_DATA],
                      textposition="outside", textfont={"size": font}, constraintext="none", cliponaxis=False,
                      hoverinfo="skip", customdata=[[district]])
    hover = "<br>".join([f"<b>{district}</b>"] + bar.hover) + "<extra></extra>"
    return go.Bar(x=[district], y=[bar.height], name=district, marker=marker, showlegend=False, text=[bar.label],
                  textposition="outside", constraintext="none", textfont={"size": font}, cliponaxis=False,
                  hovertemplate=hover,
                  customdata=[[district]])


def _clear_of_plan(fig: go.Figure, districts: list[str], bars: list[Bar], plan_at: dict, font: int,
                   big: bool) -> None:
    """A value label whose lines would be struck through by its district's plan line (or the 100% line)
    is drawn just above that line instead of on the bar's top ("75% KH", "47.800" in issue 18)."""
    tops = [b.height for b in bars if b.height] + [p for p in plan_at.values() if p is not None]
    if not tops:
        return
    plot_px = (680 if big else 460) - 190  # the plot's height less title, key and axis, roughly
    per_px = max(tops) * 1.35 / plot_px  # axis units per pixel (the axis leaves room for the labels)
    for trace, district, bar in zip(fig.data, districts, bars):
        plan = plan_at.get(district)
        if not bar.height and bar.height != 0 or plan is None:
            continue
        label_top = bar.height + (bar.label.count("<br>") + 1) * font * 1.25 * per_px
        if bar.height - 4 * per_px <= plan <= label_top + 4 * per_px:
            trace.textposition = "none"
            fig.add_trace(go.Scatter(x=[district], y=[plan], mode="text", text=[bar.label], showlegend=False,
                                     textposition="top center", textfont={"size": font}, hoverinfo="skip",
                                     cliponaxis=False))


def cutoff_note(districts: list[str], bars: list[Bar], width: int = 60) -> str:
    """'Số liệu đến: Văn Quan 30/9/2024 · …' when the drawn figures' cut-offs lie more than
    CUTOFF_GAP_DAYS apart, so the gap is read before the bars are compared; blank otherwise."""
    dated = [(d, pd.Timestamp(b.as_of)) for d, b in zip(districts, bars)
             if b.height is not None and b.as_of is not None and not pd.isna(b.as_of)]
    if len(dated) < 2 or (max(a for _, a in dated) - min(a for _, a in dated)).days <= CUTOFF_GAP_DAYS:
        return ""
    text = "Số liệu đến: " + " · ".join(f"{d} {format_date(a)}" for d, a in dated)
    return wrap_title(text, width, sep=" · ")


def comparison_figure(rows: pd.DataFrame, period_text: str, big: bool = False) -> go.Figure:
    """One indicator, the districts side by side: amounts with the plan marked, or % of plan bars
    (with the 100% line) where the reports give only percentages; each bar says what kind of figure it is."""
    first = rows.iloc[0]
    unit, name = first["unit"], first["indicator_name"]
    use_amounts = rows["actual"].notna().any() or rows.get("prior_actual", rows["actual"]).notna().any()
    districts = list(rows["district"])
    bars = [_bar(r, unit, use_amounts) for r in records(rows)]
    label_font = (BASE_FONT + 7 if big else BASE_FONT) - 2  # a label must fit over its bar on half a laptop screen
    fig = go.Figure([_bar_trace(d, b, label_font) for d, b in zip(districts, bars)])
    plans = rows[rows["plan"].notna()] if use_amounts else rows.iloc[0:0]
    if len(plans):
        fig.add_trace(go.Scatter(
            x=plans["district"], y=plans["plan"], mode="markers", name="Kế hoạch năm", showlegend=False,
            marker={"symbol": "line-ew-open", "size": 60, "color": PLAN_COLOUR,
                    "line": {"width": 4, "color": PLAN_COLOUR}},
            hovertemplate=[f"Kế hoạch năm: {format_value(p, unit)}<extra></extra>" for p in plans["plan"]],
        ))
    plan_at = dict(zip(plans["district"], plans["plan"])) if use_amounts else dict.fromkeys(districts, 100)
    _clear_of_plan(fig, districts, bars, plan_at, label_font, big)
    if not use_amounts:
        fig.add_hline(y=100, line_dash="dash", line_color=PLAN_COLOUR,
                      annotation_text="100% kế hoạch", annotation_position="top left")
    axis_unit = unit if use_amounts else "% kế hoạch"
    hint = " – thấp hơn là tốt" if first["direction"] == "lower" else ""
    title = f"{wrap_title(f'{name} ({axis_unit}){hint}', 48 if big else TITLE_CHARS)}<br><sup>{period_text}</sup>"
    note = cutoff_note(districts, bars, 60 if big else NOTE_CHARS)
    if note:
        title += "".join(f"<br><sup><span style='color:{WARNING_COLOUR}'>{line}</span></sup>"
                         for line in note.split("<br>"))
    fig.update_layout(barmode="group", bargap=0.35)
    fig.update_xaxes(categoryorder="array", categoryarray=districts)
    fig.update_yaxes(title_text=axis_unit, rangemode="tozero")
    key = key_line((len(plans) > 0, PLAN_NOTE), (any(mark(b.basis) for b in bars if b.height), HATCH_NOTE),
                   (any(b.prior for b in bars), PRIOR_NOTE))
    return style(fig, title, big, key)
