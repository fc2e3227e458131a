"""The house style every chart shares: Vietnamese number format, one colour per district, fonts
readable on a projector, colours that survive colour-blindness and print, and one look for a
figure that is not a plain result (an estimate is hatched, an earlier report's amount outlined)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from indicators.numbers import format_number, format_pct_of_plan, format_value, is_missing

# Okabe–Ito: distinguishable with the common colour-vision deficiencies and in greyscale print
DISTRICT_COLOURS = {"Văn Quan": "#0072B2", "Bắc Sơn": "#E69F00", "Tràng Định": "#009E73"}
_EXTRA_COLOURS = ["#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PLAN_COLOUR = "#333333"
NOTE_COLOUR = "#444444"
WARNING_COLOUR = "#a3330f"  # the cut-off note: figures of different dates on one chart
NO_DATA = "chưa có số liệu"
BASE_FONT = 17
DRAWN_TRACES = ("bar", "scatter")  # every chart here is made of these
HATCH = "/"
PLAN_NOTE = "Vạch đen: kế hoạch năm"
HATCH_NOTE = "Sọc chéo: số ước tính / dự kiến"
PRIOR_NOTE = "viền: số của báo cáo trước"
COMPUTED = "tính từ số liệu"


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


def tint(colour: str, alpha: float) -> str:
    """'#0072B2' at `alpha` as rgba: the lighter fill of a bar that is not a plain result."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def given(row: dict, key: str):
    """A row's value, None when missing, or when hand-built frames and older queries lack the column."""
    value = row.get(key)
    return None if is_missing(value) or value is pd.NaT else value


def day_month(date_text: str) -> str:
    """'12/9' of '12/9/2024': a report's day on a bar, where the full date would not fit (the hover has it)."""
    return date_text.rsplit("/", 1)[0]


def bar_number(value, unit) -> str:
    """A number on a bar or a point: without its unit, which the title and the axis give, except '%'."""
    return format_value(value, unit) if isinstance(unit, str) and unit.startswith("%") else format_number(value)


def pct_text(pct, computed, label: bool = False) -> str:
    """'112,4% KH'; a % the dashboard computed has one decimal and says so, never passing as the report's
    (on a bar's label in short lines, to fit over a bar on a phone)."""
    text = f"{format_pct_of_plan(pct, computed)} KH"
    if not computed:
        return text
    return f"{text}<br>({COMPUTED.replace(' số', '<br>số')})" if label else f"{text} ({COMPUTED})"


def pct_line(pct, computed) -> str:
    """The hover's line for % of plan: 'Tỷ lệ % KH: 106,1% (tính từ số liệu)'."""
    return f"Tỷ lệ % KH: {format_pct_of_plan(pct, computed)}" + (f" ({COMPUTED})" if computed else "")


def key_line(*parts: tuple[bool, str]) -> str:
    """The key under a plot, naming only the looks (used, explanation) the chart uses, wrapped to fit
    half a laptop screen (axis titles do not wrap)."""
    used = [text for shown, text in parts if shown]
    return wrap_title("; ".join(used[:1] + [t[0].lower() + t[1:] for t in used[1:]]), 44, sep="; ")


def wrap_title(text: str, width: int = 48, sep: str = " ") -> str:
    """Plotly titles do not wrap; break long Vietnamese titles at word (or `sep`) boundaries, a broken
    line keeping its separator's mark (' ·', ';')."""
    lines, line = [], ""
    for word in text.split(sep):
        if line and len(line) + len(sep) + len(word) > width:
            lines.append(line + sep.rstrip())
            line = word
        else:
            line = f"{line}{sep}{word}" if line else word
    lines.append(line)
    return "<br>".join(lines)


TITLE_CHARS = 30  # a wrapped title line fits a phone's 358 px plot at the title's 22 px (issue 18)
NOTE_CHARS = 42  # a line of a title's smaller second line (period, cut-off, synthetic data) on a phone


def wrap_note(text: str, width: int = NOTE_CHARS) -> str:
    """A title's smaller line wrapped at its dashes first ('Địa bàn huyện Văn Quan cũ –' / '9 tháng năm 2025'),
    then at words, so a period or a warning is not cut in its middle."""
    parts = text.split(" – ")
    return "<br>".join(wrap_title(part + (" –" if i < len(parts) - 1 else ""), width) for i, part in enumerate(parts))


def style(fig: go.Figure, title: str, big: bool = False, key: str = "") -> go.Figure:
    """House style; `big` is the meeting-mode size (one chart per projector screen); `key` is the
    line under the plot that explains hatched and outlined marks (in PNG downloads too). A legend goes
    below the plot, never beside the title, where it wraps into the title on a phone; the key then
    heads the legend, so the two never print over each other."""
    font = BASE_FONT + 7 if big else BASE_FONT
    title_font, lines = font + 5, title.count("<br>") + 1
    # The title hangs from the top (a line of it rises about its font size above its anchor) and the
    # plot starts below its last line, however many lines the cut-off note adds.
    pad = title_font + 6
    listed = [t.showlegend for t in fig.data if t.showlegend is not False]  # Plotly lists one trace only if told
    has_legend = len(listed) > 1 or True in listed
    fig.update_layout(
        title={"text": title, "font": {"size": title_font}, "x": 0, "xanchor": "left",
               "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": pad}},
        template=HOUSE_TEMPLATE,
        separators=",.",  # Vietnamese: decimal comma, thousands dot
        font={"size": font, "family": "Arial, 'Noto Sans', sans-serif", "color": "#1b1b1b"},
        height=(680 if big else 460) + (90 if has_legend else 0),
        margin={"l": 10, "r": 10, "t": round(pad + 1.3 * title_font * (lines - 1) + title_font + 8), "b": 10},
        hoverlabel={"font_size": font - 1},
    )
    fig.update_yaxes(tickformat=",~r", separatethousands=True, automargin=True, gridcolor="#dddddd")
    fig.update_xaxes(automargin=True)
    note = {"size": font - 3, "color": NOTE_COLOUR}
    if has_legend:  # below the axis, pushing the bottom margin as it wraps (Plotly's legend automargin)
        legend = {"orientation": "h", "yanchor": "top", "y": -0.14, "xanchor": "left", "x": 0}
        if key:
            legend["title"] = {"text": key, "side": "top left", "font": note}
        fig.update_layout(legend=legend)
    elif key:
        fig.update_xaxes(title={"text": key, "font": note})
    return fig
