"""Xã, phường: the communes of one former district for one indicator and period, as bars and as a
map, with split communes marked and synthetic figures named as such, so a leader reads the new
communes against the district he knows (issue 15)."""
from __future__ import annotations

from typing import NamedTuple

import duckdb
import pandas as pd
import plotly.graph_objects as go

from indicators.areas import former_area
from indicators.basis import mark
from indicators.frames import records
from indicators.numbers import format_value, is_missing
from indicators.store.named import run_query
from indicators.text import fold
from indicators.views import tables
from indicators.views.chart_style import (
    BASE_FONT,
    HATCH,
    HATCH_NOTE,
    NO_DATA,
    NOTE_CHARS,
    TITLE_CHARS,
    WARNING_COLOUR,
    bar_number,
    district_colour,
    key_line,
    style,
    tint,
    wrap_note,
    wrap_title,
)
from indicators.views.place_map import commune_map_figure
from indicators.views.statement import with_mark

SYNTHETIC = "dữ liệu mô phỏng"
SYNTHETIC_TITLE = "DỮ LIỆU MÔ PHỎNG – không phải số liệu báo cáo"
SPLIT_MARK = " ◆"
SPLIT_KEY = "◆: xã nhận đất của hai huyện cũ"
ELSEWHERE_KEY = "màu nhạt: tính vào huyện cũ khác"
TABLE_COLUMNS = ["commune", "plan", "actual", "basis", "pct_of_plan", "pct_of_plan_computed", "split_note", "source",
                 "reported_on", "quote"]
TABLE_HEADERS = {"commune": "Xã, phường", "split_note": "Ghi chú địa giới"}


def is_synthetic(*texts) -> bool:
    """A figure whose source or file names itself 'dữ liệu mô phỏng' (with or without accents)."""
    return any(isinstance(t, str) and fold(SYNTHETIC) in fold(t) for t in texts)


def rollup_note(communes: int, expected: int, complete: bool, ratio: bool = False) -> str:
    """'tổng của 6 xã' ('tính từ tổng 6 xã' for a rate worked out from its parts' sums), or
    'chưa đủ: 5/6 xã' when some communes of the area have no figure yet."""
    if complete and communes >= expected:
        return f"tính từ tổng {communes} xã" if ratio else f"tổng của {communes} xã"
    return f"chưa đủ: {communes}/{expected} xã"


def value_field(rows: pd.DataFrame) -> tuple[str, str]:
    """Amounts when any commune gives one, else the % of plan: the field drawn and the axis unit."""
    unit = rows["unit"].dropna().iloc[0] if rows["unit"].notna().any() else ""
    if rows["actual"].notna().any() or rows["pct_of_plan"].isna().all():
        return "actual", unit
    return "pct_of_plan", "% kế hoạch"


def commune_label(r: dict) -> str:
    return f"{r['commune']}{SPLIT_MARK if r.get('is_split') else ''}"


def commune_bar_figure(rows: pd.DataFrame, field: str, unit: str, district: str, title: str,
                       big: bool = False) -> go.Figure:
    """Horizontal bars, largest on top (commune names are long); an estimate hatched and named, a
    commune without a figure listed with 'chưa có số liệu'. Clicks carry the commune's name."""
    ordered = records(rows.sort_values(field, ascending=True, na_position="first", kind="stable"))
    colour = district_colour(district)
    names = [commune_label(r) for r in ordered]
    values = [0 if is_missing(r.get(field)) else r[field] for r in ordered]
    hatched = [bool(mark(r.get("basis"))) for r in ordered]
    labels = [NO_DATA if is_missing(r.get(field)) else with_mark(bar_number(r[field], unit), r.get("basis"))
              for r in ordered]
    hover = [f"<b>{r['commune']}</b><br>" + (NO_DATA if is_missing(r.get(field)) else
                                             with_mark(format_value(r[field], unit), r.get("basis")))
             + (f"<br>{r['split_note']}" if r.get("is_split") and r.get("split_note") else "")
             + (f"<br>Nguồn: {wrap_title(str(r['source']), 70)}" if isinstance(r.get("source"), str) else "")
             + "<extra></extra>" for r in ordered]
    fig = go.Figure(go.Bar(
        y=names, x=values, orientation="h", text=labels, textposition="outside", cliponaxis=False,
        textfont={"size": (BASE_FONT + 7 if big else BASE_FONT) - 3}, showlegend=False,
        marker={"color": [tint(colour, 0.4) if h or r.get("counted_here") is False else colour
                          for h, r in zip(hatched, ordered)],
                "line": {"color": colour, "width": [1.5 if h else 0 for h in hatched]},
                "pattern": {"shape": [HATCH if h else "" for h in hatched], "fgcolor": colour, "solidity": 0.3}},
        hovertemplate=hover, customdata=[[r["commune"]] for r in ordered]))
    fig.update_yaxes(categoryorder="array", categoryarray=names, type="category")
    top = max(values) if values else 0
    fig.update_xaxes(range=[0, top * 1.22 or 1])  # room for the number beside the longest bar
    key = key_line((any(r.get("is_split") for r in ordered), SPLIT_KEY),
                   (any(r.get("counted_here") is False for r in ordered), ELSEWHERE_KEY), (any(hatched), HATCH_NOTE))
    fig = style(fig, title, big, f"{unit}<br>{key}" if key else unit)
    fig.update_layout(height=max(460, 140 + 34 * len(ordered)))
    return fig


def chart_title(indicator: str, unit: str, district: str, when: str, synthetic: bool, big: bool = False) -> str:
    """Indicator, unit, area and period; a synthetic figure says so in the title itself, so a PNG
    taken away from the page still does."""
    return title_lines(f"{indicator} ({unit})", f"Địa bàn {former_area(district)} – {when}", synthetic, big)


def title_lines(main: str, sub: str, synthetic: bool, big: bool = False) -> str:
    """A reform chart's title wrapped for a phone's plot, as every chart's is: the indicator, its smaller
    second line, and the synthetic-data warning line by line."""
    title_width, note_width = (48, 60) if big else (TITLE_CHARS, NOTE_CHARS)
    title = wrap_title(main, title_width) + "".join(f"<br><sup>{line}</sup>" for line in
                                                    wrap_note(sub, note_width).split("<br>"))
    if synthetic:
        title += "".join(f"<br><sup><span style='color:{WARNING_COLOUR}'><b>{line}</b></span></sup>"
                         for line in wrap_note(SYNTHETIC_TITLE, note_width).split("<br>"))
    return title


class CommuneView(NamedTuple):
    rows: pd.DataFrame           # one row per commune of the area, figures or NULLs
    bars: go.Figure | None       # None while no commune has a figure
    map: go.Figure | None
    synthetic: bool              # some figure shown is 'dữ liệu mô phỏng'
    without_place: list[str]     # communes the map cannot place
    split: list[str]             # communes that took land from two former districts
    with_figure: int             # communes with a figure
    table: pd.DataFrame          # for .xlsx
    shown: pd.DataFrame          # for the screen


def commune_table(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The communes' figures with Vietnamese headers, as numbers and as on-screen text."""
    table, shown = tables.both_tables(rows, TABLE_COLUMNS)
    return table.rename(columns=TABLE_HEADERS), shown.rename(columns=TABLE_HEADERS)


def former_districts(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The former districts whose communes the places table knows, in the dashboard's order."""
    return run_query(con, "former_districts")["district"].tolist()


def indicator_choices(con: duckdb.DuckDBPyConnection, year: int, period: str) -> dict[str, str]:
    """code -> 'name (unit) – 17 xã có số liệu', indicators with commune figures in the period first."""
    found = run_query(con, "commune_indicators", year=year, period=period)
    return {code: f"{name} ({unit})" + (f" – {count} xã có số liệu" if count else "")
            for code, name, unit, count in zip(found["indicator_code"], found["indicator_name"], found["unit"],
                                               found["communes_with_data"])}


def coverage_text(view: "CommuneView", district: str) -> str:
    """'17 xã, phường trên địa bàn huyện Văn Quan cũ; 15 có số liệu. Xã nhận đất của hai huyện cũ: …'"""
    text = f"{len(view.rows)} xã, phường trên địa bàn {former_area(district)}; {view.with_figure} có số liệu."
    if view.split:
        text += (" Xã nhận đất của hai huyện cũ (tính vào huyện có phần lớn xã cũ của nó): "
                 + ", ".join(view.split) + ".")
    return text


def commune_view(con: duckdb.DuckDBPyConnection, district: str, indicator_code: str, year: int, period: str,
                 when: str, big: bool = False) -> CommuneView | None:
    """None when the former district has no commune in the places table."""
    rows = run_query(con, "commune_figures", district=district, indicator_code=indicator_code, year=year,
                     period=period)
    if rows.empty:
        return None
    field, unit = value_field(rows)
    synthetic = any(is_synthetic(s, f) for s, f in zip(rows["source"], rows["source_file"]))
    indicator = rows["indicator_name"].dropna().iloc[0] if rows["indicator_name"].notna().any() else indicator_code
    with_figure = int(rows[field].notna().sum())
    title = chart_title(indicator, unit, district, when, synthetic, big)
    bars = commune_bar_figure(rows, field, unit, district, title, big) if with_figure else None
    the_map = commune_map_figure(rows, field, unit, district, title, big)  # without figures: where the communes lie
    placed = rows["latitude"].notna() & rows["longitude"].notna()
    split = rows.loc[rows["is_split"].fillna(False).astype(bool), "commune"].tolist()
    table, shown = commune_table(rows)
    return CommuneView(rows, bars, the_map, synthetic, rows.loc[~placed, "commune"].tolist(), split, with_figure,
                       table, shown)
