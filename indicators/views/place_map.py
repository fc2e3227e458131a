"""The communes of a former district drawn where they lie, each a point whose area grows with its
figure, on plain longitude/latitude axes: no map tiles can be fetched, so the map carries no
background and reads by position and name alone (issue 15)."""
from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go

from indicators.frames import records
from indicators.numbers import format_value, is_missing
from indicators.views.chart_style import BASE_FONT, NO_DATA, district_colour, key_line, style, tint

MAX_SIZE = 60  # px across the largest point
MIN_SIZE = 10  # a figure of zero stays visible
SPLIT_NOTE = "Viền đứt/hình thoi: xã nhận đất của hai huyện cũ"
SIZE_NOTE = "Diện tích chấm tỷ lệ với số liệu"


def point_sizes(values: list) -> list[float]:
    """Marker diameters whose areas are proportional to the figures (a figure twice as large covers
    twice the ink), the largest MAX_SIZE; missing or negative figures get the smallest size."""
    given = [v for v in values if not is_missing(v) and v > 0]
    top = max(given) if given else 1
    return [MIN_SIZE if is_missing(v) or v <= 0 else max(MIN_SIZE, MAX_SIZE * math.sqrt(v / top)) for v in values]


def short_name(name: str) -> str:
    """'Xã Tri Lễ (Văn Quan)' -> 'Xã Tri Lễ'."""
    return re.sub(r"\s*\([^)]*\)$", "", name)


def _hover(r: dict, field: str, unit: str) -> str:
    value = r.get(field)
    lines = [f"<b>{r['commune']}</b>", format_value(value, unit) if not is_missing(value) else NO_DATA]
    if r.get("is_split"):
        lines.append(str(r.get("split_note") or "Xã nhận đất của hai huyện cũ"))
    return "<br>".join(lines) + "<extra></extra>"


def commune_map_figure(rows: pd.DataFrame, field: str, unit: str, district: str, title: str,
                       big: bool = False) -> go.Figure:
    """Points at each commune's position, sized by `field`, labelled with name and figure; split
    communes drawn as diamonds, communes without a figure as small grey rings. Clicks carry the name."""
    placed = rows[rows["latitude"].notna() & rows["longitude"].notna()]
    colour = district_colour(district)
    items = records(placed)
    sizes = point_sizes([r.get(field) for r in items])
    symbols, fills, lines = [], [], []
    for r in items:
        missing = is_missing(r.get(field))
        symbols.append(("diamond" if r.get("is_split") else "circle") + ("-open" if missing else ""))
        fills.append("#999999" if missing else tint(colour, 0.55))
        lines.append("#999999" if missing else colour)
    # the page is about one former district: an old commune's '(Bắc Sơn)' is left off its label (not its hover);
    # a commune without a figure is named only, the page says above that there is none
    labels = [short_name(r["commune"]) + ("" if is_missing(r.get(field)) else f"<br>{format_value(r[field], unit)}")
              for r in items]
    fig = go.Figure(go.Scatter(
        x=placed["longitude"].tolist(), y=placed["latitude"].tolist(), mode="markers+text", text=labels, textposition="top center",
        textfont={"size": (BASE_FONT + 5 if big else BASE_FONT) - (4 if len(placed) <= 10 else 6)}, cliponaxis=False, showlegend=False,
        marker={"size": sizes, "symbol": symbols, "color": fills, "line": {"color": lines, "width": 2}},
        hovertemplate=[_hover(r, field, unit) for r in items], customdata=[[r["commune"]] for r in items]))
    mid = placed["latitude"].mean() if len(placed) else 22.0
    if len(placed):  # room around the outer points for their labels (above) and their size
        low, high = placed["latitude"].min(), placed["latitude"].max()
        west, east = placed["longitude"].min(), placed["longitude"].max()
        pad = max(high - low, east - west, 0.02)
        fig.update_yaxes(range=[low - 0.12 * pad, high + 0.2 * pad])
        fig.update_xaxes(range=[west - 0.12 * pad, east + 0.12 * pad])
    fig.update_xaxes(visible=False, showgrid=False)
    # one kilometre is as long north–south as east–west: a degree of longitude is cos(latitude) of one of latitude
    fig.update_yaxes(visible=False, showgrid=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(mid)))
    key = key_line((True, SIZE_NOTE), (bool(placed.get("is_split", pd.Series(dtype=bool)).fillna(False).any()),
                                       SPLIT_NOTE))
    fig = style(fig, title, big)
    fig.update_layout(plot_bgcolor="#f7f7f4", margin={"b": 40},
                      annotations=[{"text": key, "xref": "paper", "yref": "paper", "x": 0, "y": 0,
                                    "yanchor": "top", "showarrow": False, "align": "left",
                                    "font": {"size": BASE_FONT - 3, "color": "#444444"}}])
    return fig
