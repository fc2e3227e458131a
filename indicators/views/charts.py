"""Plotly figures in one house style: Vietnamese number format, one colour per district,
fonts readable on a projector, colours that survive colour-blindness and print."""
from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from indicators.frames import records
from indicators.numbers import format_number, format_percent, format_value, is_missing
from indicators.text import fold

# Okabe–Ito: distinguishable with the common colour-vision deficiencies and in greyscale print
DISTRICT_COLOURS = {"Văn Quan": "#0072B2", "Bắc Sơn": "#E69F00", "Tràng Định": "#009E73"}
_EXTRA_COLOURS = ["#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PLAN_COLOUR = "#333333"
DEFAULT_COMPARISON = ("thu_ngan_sach", "trong_rung")
NO_DATA = "chưa có số liệu"
BASE_FONT = 17
DRAWN_TRACES = ("bar", "scatter")  # every chart here is made of these


def _house_template() -> go.layout.Template:
    """plotly_white cut down to what bar and line charts on x/y axes use. The full template carries
    defaults for every Plotly trace type, maps and 3-D scenes: setting it copied and validated all of
    them (16 ms of each chart built) and sent them to the browser inside every chart (6.6 kB)."""
    white = pio.templates["plotly_white"]
    layout = {k: v for k, v in white.layout.to_plotly_json().items()
              if k not in ("coloraxis", "colorscale", "geo", "mapbox", "polar", "scene", "ternary")}
    return go.layout.Template(layout=layout, data={t: white.data[t] for t in DRAWN_TRACES})


HOUSE_TEMPLATE = _house_template()


def district_colour(name: str) -> str:
    if name in DISTRICT_COLOURS:
        return DISTRICT_COLOURS[name]
    return _EXTRA_COLOURS[sum(map(ord, name)) % len(_EXTRA_COLOURS)]


def default_comparison(codes: list[str]) -> list[str]:
    """What the comparison page shows before anyone chooses: revenue and forest, else the first two."""
    return [c for c in DEFAULT_COMPARISON if c in codes] or list(codes)[:2]


def file_slug(*parts) -> str:
    """Vietnamese words as a safe file name: 'So sánh', '9 tháng 2024' -> 'so-sanh-9-thang-2024'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(" ".join(str(p) for p in parts if p))).strip("-")[:120]


def plotly_config(file_name: str) -> dict:
    """Toolbar: PNG download with a Vietnamese file name, no Plotly logo."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": 2, "width": 1600, "height": 900},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def wrap_title(text: str, width: int = 48) -> str:
    """Plotly titles do not wrap; break long Vietnamese titles at word boundaries."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(lines)


def style(fig: go.Figure, title: str, big: bool = False) -> go.Figure:
    """House style; `big` is the meeting-mode size (one chart per projector screen)."""
    font = BASE_FONT + 7 if big else BASE_FONT
    fig.update_layout(
        title={"text": title, "font": {"size": font + 5}, "x": 0, "xanchor": "left"},
        template=HOUSE_TEMPLATE,
        separators=",.",  # Vietnamese: decimal comma, thousands dot
        font={"size": font, "family": "Arial, 'Noto Sans', sans-serif", "color": "#1b1b1b"},
        height=680 if big else 460,
        margin={"l": 10, "r": 10, "t": 30 + (font + 12) * (title.count("<br>") + 1), "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        hoverlabel={"font_size": font - 1},
    )
    fig.update_yaxes(tickformat=",~r", separatethousands=True, automargin=True, gridcolor="#dddddd")
    fig.update_xaxes(automargin=True)
    return fig


def comparison_figure(rows: pd.DataFrame, period_text: str, big: bool = False) -> go.Figure:
    """One indicator, the districts side by side: actual bars with the plan marked,
    or % of plan bars (with the 100% line) where the reports give only percentages."""
    first = rows.iloc[0]
    unit, name = first["unit"], first["indicator_name"]
    lower = first["direction"] == "lower"
    use_amounts = rows["actual"].notna().any()
    fig = go.Figure()
    districts = list(rows["district"])
    for r in records(rows):
        value = r["actual"] if use_amounts else r["pct_of_plan"]
        colour = district_colour(r["district"])
        if is_missing(value):
            fig.add_trace(go.Bar(x=[r["district"]], y=[0], marker_color=colour, showlegend=False,
                                 text=[NO_DATA], textposition="outside", hoverinfo="skip",
                                 customdata=[[r["district"]]]))
            continue
        parts = [format_value(value, unit if use_amounts else "%")]
        if use_amounts and not is_missing(r["pct_of_plan"]):
            parts.append(f"{format_percent(r['pct_of_plan'])} KH")
        hover = [f"<b>{r['district']}</b>", f"{'Thực hiện' if use_amounts else 'Tỷ lệ % KH'}: {parts[0]}"]
        if not is_missing(r["plan"]):
            hover.append(f"Kế hoạch: {format_value(r['plan'], unit)}")
        if not is_missing(r["pct_of_plan"]):
            hover.append(f"Tỷ lệ % KH: {format_percent(r['pct_of_plan'])}")
        if not is_missing(r.get("pct_yoy")):
            hover.append(f"So với cùng kỳ: {format_percent(r['pct_yoy'])}")
        if isinstance(r.get("status"), str):
            hover.append(f"Đánh giá (báo cáo): {r['status']}")
        hover.append(f"Nguồn: {r['source']} ({pd.Timestamp(r['reported_on']):%d/%m/%Y})")
        fig.add_trace(go.Bar(
            x=[r["district"]], y=[value], name=r["district"], marker_color=colour, showlegend=False,
            text=["<br>".join(parts)], textposition="outside", cliponaxis=False,
            hovertemplate="<br>".join(hover) + "<extra></extra>", customdata=[[r["district"]]],
        ))
    plans = rows[rows["plan"].notna()] if use_amounts else rows.iloc[0:0]
    if len(plans):
        fig.add_trace(go.Scatter(
            x=plans["district"], y=plans["plan"], mode="markers", name="Kế hoạch năm",
            marker={"symbol": "line-ew-open", "size": 60, "color": PLAN_COLOUR,
                    "line": {"width": 4, "color": PLAN_COLOUR}},
            hovertemplate=[f"Kế hoạch năm: {format_value(p, unit)}<extra></extra>" for p in plans["plan"]],
        ))
    if not use_amounts:
        fig.add_hline(y=100, line_dash="dash", line_color=PLAN_COLOUR,
                      annotation_text="100% kế hoạch", annotation_position="top left")
    axis_unit = unit if use_amounts else "% kế hoạch"
    hint = " – thấp hơn là tốt" if lower else ""
    fig.update_layout(barmode="group", bargap=0.35)
    fig.update_xaxes(categoryorder="array", categoryarray=districts)
    fig.update_yaxes(title_text=axis_unit, rangemode="tozero")
    return style(fig, f"{wrap_title(f'{name} ({axis_unit}){hint}')}<br><sup>{period_text}</sup>", big)


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
        colour = district_colour(district)
        group = everything[everything[field].notna()]
        plans = everything[everything["plan"].notna()] if use_amounts else everything.iloc[0:0]
        if group.empty and plans.empty:
            continue
        points = records(group)
        labels = [f"{r['period_label']} {r['year']}" for r in points]
        hovers = []
        for r in points:
            lines = [f"<b>{district} – {r['period_label']} {r['year']}</b>",
                     f"{format_value(r[field], unit if use_amounts else '%')}"]
            history = reports.get((district, r["year"], r["period"]), [])
            if len(history) > 1:
                lines.append("Các lần báo cáo:")
                for h in history:
                    value = h[field]
                    shown = format_value(value, unit if use_amounts else "%") if not is_missing(value) else "—"
                    lines.append(f"• {pd.Timestamp(h['reported_on']):%d/%m/%Y}: {shown} ({h['source']})")
            else:
                lines.append(f"Nguồn: {r['source']}")
            hovers.append("<br>".join(lines) + "<extra></extra>")
        if len(group):
            fig.add_trace(go.Scatter(
                x=labels, y=group[field], name=district, mode="lines+markers+text",
                line={"color": colour, "width": 4}, marker={"size": 14, "color": colour},
                text=[format_number(v) for v in group[field]], textposition="top center",
                hovertemplate=hovers, customdata=[[district]] * len(group),
            ))
        if len(plans):
            fig.add_trace(go.Scatter(
                x=[f"{label} {year}" for label, year in zip(plans["period_label"], plans["year"])], y=plans["plan"],
                name=f"Kế hoạch – {district}", mode="lines+markers",
                line={"color": colour, "width": 2, "dash": "dash"}, marker={"symbol": "diamond-open", "size": 12},
                hovertemplate=[f"Kế hoạch năm {year}: {format_value(plan, unit)}<extra></extra>"
                               for year, plan in zip(plans["year"], plans["plan"])],
            ))
    fig.update_xaxes(categoryorder="array", categoryarray=order, type="category")
    fig.update_yaxes(title_text=axis_unit, rangemode="tozero")
    return style(fig, wrap_title(f"{name} ({axis_unit}) qua các kỳ báo cáo"), big)
