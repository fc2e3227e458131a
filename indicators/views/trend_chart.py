"""One indicator over time per district: the plan dashed, every report of a figure in the hover, an
estimate or forecast drawn hollow and named, an amount only an earlier report gives drawn as that
report's, and how far an estimate was from the actual that replaced it, so the trend never mixes
kinds of figures unseen (issue 13)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from indicators.basis import LABELS, mark
from indicators.frames import records
from indicators.numbers import (
    format_date,
    format_number,
    format_percent,
    format_value,
    is_missing,
)
from indicators.views.chart_style import (
    TITLE_CHARS,
    district_colour,
    given,
    key_line,
    pct_line,
    pct_text,
    style,
    wrap_title,
)
from indicators.views.statement import with_mark

HOLLOW_NOTE = "Điểm rỗng: số ước tính / dự kiến"
SQUARE_NOTE = "ô vuông: số của báo cáo trước"


def _has(r: dict, key: str) -> bool:
    return given(r, key) is not None


def estimate_to_actual(history: list[dict], field: str, unit: str) -> str:
    """'ước 49.000 triệu đồng → thực hiện 50.000 triệu đồng (chênh +2,0%)': the last estimate before
    the first actual against the actual in force, so a leader sees how good the estimates were."""
    actuals = [i for i, h in enumerate(history) if h.get("basis") == "actual" and _has(h, field)]
    estimates = [h for h in history[:actuals[0]] if mark(h.get("basis")) and _has(h, field)] if actuals else []
    if not estimates:
        return ""
    guess, result = estimates[-1][field], history[actuals[-1]][field]
    if field == "pct_of_plan":
        gap = f"{'+' if result >= guess else ''}{format_number(result - guess, 1)} điểm %"
    elif guess:
        gap = f"{'+' if result >= guess else ''}{format_percent((result - guess) / guess * 100, 1)}"
    else:
        gap = ""
    shown = unit if field == "actual" else "%"
    text = (f"{mark(estimates[-1]['basis'])} {format_value(guess, shown)} → "
            f"thực hiện {format_value(result, shown)}")
    return f"{text} (chênh {gap})" if gap else text


def _report_lines(history: list[dict], field: str, shown: str) -> list[str]:
    """Every report of a point, oldest first, each value with its basis word and its source."""
    lines = ["Các lần báo cáo:"]
    for h in history:
        value = with_mark(format_value(h[field], shown), h.get("basis")) if _has(h, field) else "—"
        if not _has(h, field) and _has(h, "pct_of_plan"):  # a statement that gives only its % of plan
            value = with_mark(pct_text(h["pct_of_plan"], False), h.get("basis"))
        lines.append(f"• {format_date(h['reported_on'])}: {value} ({wrap_title(str(h['source']), 70)})")
    return lines


def _point_hover(district: str, r: dict, history: list[dict], field: str, unit: str) -> str:
    """Basis, % of plan (flagged when computed), stated cut-off, estimate → actual and every report."""
    shown = unit if field == "actual" else "%"
    if field == "actual":
        lines = [f"{LABELS.get(r.get('basis'), 'Thực hiện')}: {format_value(r[field], unit)}"]
        if _has(r, "pct_of_plan"):
            lines.append(pct_line(r["pct_of_plan"], r.get("pct_of_plan_computed") is True))
    else:
        lines = [with_mark(pct_line(r[field], r.get("pct_of_plan_computed") is True), r.get("basis"))]
    if r.get("as_of_stated") is True:
        lines.append(f"Số liệu đến ngày: {format_date(r['as_of'])}")
    change = estimate_to_actual(history, field, unit)
    if change:
        lines.append(change)
    if len(history) > 1:
        lines += _report_lines(history, field, shown)
    else:
        lines.append(f"Nguồn: {wrap_title(str(r['source']), 70)}")
    return "<br>".join([f"<b>{district} – {r['period_label']} {r['year']}</b>"] + lines) + "<extra></extra>"


def earlier_amount(r: dict, history: list[dict], field: str) -> dict | None:
    """The report that gives the amount a current statement lacks (an actual before an estimate, then
    the newest), to be drawn as that report's; None when the point has its own or none gives one."""
    if _has(r, field) or field != "actual":
        return None
    given = [h for h in history if _has(h, field)]
    return max(given, key=lambda h: (h.get("basis") == "actual", pd.Timestamp(h["reported_on"]))) if given else None


def _earlier_hover(district: str, r: dict, earlier: dict, history: list[dict], unit: str) -> str:
    """The earlier report's amount, then the current statement on its own line, each with its date."""
    amount = with_mark(format_value(earlier["actual"], unit), earlier.get("basis"))
    if _has(earlier, "pct_of_plan"):
        amount += f" ({format_percent(earlier['pct_of_plan'])})"
    now = pct_text(r["pct_of_plan"], False) if _has(r, "pct_of_plan") else "không nêu số thực hiện"
    lines = [f"<b>{district} – {r['period_label']} {r['year']}</b>",
             f"Theo báo cáo ngày {format_date(earlier['reported_on'])}: {amount}",
             f"Báo cáo ngày {format_date(r['reported_on'])}: {now}"] + _report_lines(history, "actual", unit)
    return "<br>".join(lines) + "<extra></extra>"


def _district_traces(district: str, everything: pd.DataFrame, reports: dict, field: str, unit: str) -> list:
    """A district's line of current figures (hollow where estimated), its earlier-report squares and its plan."""
    colour, traces = district_colour(district), []
    points, earlier = [], []
    for r in records(everything):
        history = reports.get((district, r["year"], r["period"]), [])
        if _has(r, field):
            points.append((r, _point_hover(district, r, history, field, unit)))
        elif (found := earlier_amount(r, history, field)) is not None:
            earlier.append((r, found, _earlier_hover(district, r, found, history, unit)))
    if points:
        traces.append(go.Scatter(
            x=[f"{r['period_label']} {r['year']}" for r, _ in points], y=[r[field] for r, _ in points],
            name=district, mode="lines+markers+text", line={"color": colour, "width": 4},
            marker={"size": 14, "color": colour, "line": {"width": 3, "color": colour},
                    "symbol": ["circle-open" if mark(r.get("basis")) else "circle" for r, _ in points]},
            text=[with_mark(format_number(r[field]), r.get("basis")) for r, _ in points], textposition="top center",
            hovertemplate=[h for _, h in points], customdata=[[district]] * len(points)))
    if earlier:
        traces.append(go.Scatter(
            x=[f"{r['period_label']} {r['year']}" for r, _, _ in earlier], y=[e["actual"] for _, e, _ in earlier],
            name=f"{district} – báo cáo trước", mode="markers+text", showlegend=not points,
            marker={"size": 16, "symbol": "square-open", "color": colour, "line": {"width": 3, "color": colour}},
            text=[f"{with_mark(format_number(e['actual']), e.get('basis'))} · BC {format_date(e['reported_on'])}"
                  for _, e, _ in earlier],
            textposition="top center", hovertemplate=[h for _, _, h in earlier],
            customdata=[[district]] * len(earlier)))
    return traces


def _plan_trace(district: str, plans: pd.DataFrame, unit: str) -> go.Scatter:
    return go.Scatter(
        x=[f"{label} {year}" for label, year in zip(plans["period_label"], plans["year"])], y=plans["plan"],
        name=f"Kế hoạch – {district}", mode="lines+markers",
        line={"color": district_colour(district), "width": 2, "dash": "dash"},
        marker={"symbol": "diamond-open", "size": 12},
        hovertemplate=[f"Kế hoạch năm {year}: {format_value(plan, unit)}<extra></extra>"
                       for year, plan in zip(plans["year"], plans["plan"])])


def _free(box: tuple[float, float], taken: list[tuple[float, float]]) -> bool:
    return all(box[1] <= low or box[0] >= high for low, high in taken)


def _place_labels(fig: go.Figure) -> None:
    """Room above the top point for its label (below the legend), and each label of a period placed,
    from the highest point down, above its point, else under it, else beside it, where no marker or
    label already is: districts with close figures would otherwise print over each other."""
    drawn = [(x, y, i, j) for i, trace in enumerate(fig.data) for j, (x, y) in enumerate(zip(trace.x, trace.y))
             if not is_missing(y)]
    if not drawn:
        return
    low, high = min(0, min(p[1] for p in drawn)), max(p[1] for p in drawn)
    span = (high - low) * 1.18 or 1
    if low == 0:
        fig.update_yaxes(range=[0, span])
    marker, label = 0.03 * span, 0.08 * span  # half a marker and a label's height, in the axis's units
    taken: dict = {}
    for x, y, _, _ in drawn:
        taken.setdefault(x, []).append((y - marker, y + marker))
    places = {}
    for x, y, i, j in sorted((p for p in drawn if fig.data[p[2]].text is not None), key=lambda p: (p[0], -p[1])):
        above, under = (y + marker, y + marker + label), (y - marker - label, y - marker)
        box = above if _free(above, taken[x]) else under if _free(under, taken[x]) else None
        places[i, j] = "top center" if box is above else "bottom center" if box else "middle right"
        taken[x].append(box or (y, y))
    for i in {i for i, _ in places}:
        fig.data[i].textposition = [places.get((i, j), "top center") for j in range(len(fig.data[i].x))]


def trend_figure(rows: pd.DataFrame, revisions: pd.DataFrame, big: bool = False) -> go.Figure:
    """One indicator over time per district, with the plan dashed and every revision in the hover."""
    first = rows.iloc[0]
    unit, name = first["unit"], first["indicator_name"]
    use_amounts = rows["actual"].notna().any()
    field, axis_unit = ("actual", unit) if use_amounts else ("pct_of_plan", "% kế hoạch")
    rows = rows.sort_values(["year", "period_sort"])
    order = list(dict.fromkeys(f"{label} {year}" for label, year in zip(rows["period_label"], rows["year"])))
    reports: dict[tuple, list[dict]] = {}  # every report of each point, in report order
    for report in records(revisions):
        reports.setdefault((report["district"], report["year"], report["period"]), []).append(report)
    fig = go.Figure()
    for district, everything in rows.groupby("district", sort=False):
        fig.add_traces(_district_traces(district, everything, reports, field, unit))
        plans = everything[everything["plan"].notna()] if use_amounts else everything.iloc[0:0]
        if len(plans):
            fig.add_trace(_plan_trace(district, plans, unit))
    symbols = [trace.marker.symbol for trace in fig.data]
    hollow = any(isinstance(s, tuple) and "circle-open" in s for s in symbols)
    squares = "square-open" in symbols
    # half a category of room either side, so a first or last label is never cut by the plot's edge
    fig.update_xaxes(categoryorder="array", categoryarray=order, type="category", range=[-0.5, len(order) - 0.5])
    fig.update_yaxes(title_text=axis_unit, rangemode="tozero")
    _place_labels(fig)
    return style(fig, wrap_title(f"{name} ({axis_unit}) qua các kỳ báo cáo", 48 if big else TITLE_CHARS), big,
                 key_line((hollow, HOLLOW_NOTE), (squares, SQUARE_NOTE)))
