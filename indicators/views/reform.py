"""The three former district areas followed across the reform of 1/7/2025: before it the districts'
own figures, after it the sum of the new communes that lie in each (district_rollup), every summed
figure saying how many communes it covers, so 'how is the Văn Quan area doing against 2024' has an
answer and a summed figure is never mistaken for a district's report (issue 15)."""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import plotly.graph_objects as go

from indicators.areas import former_area
from indicators.basis import mark, period_end
from indicators.frames import records
from indicators.numbers import format_percent, format_value, is_missing
from indicators.periods import PERIODS
from indicators.store.named import run_query
from indicators.views.chart_style import (
    BASE_FONT,
    NO_DATA,
    NOTE_COLOUR,
    WARNING_COLOUR,
    bar_number,
    district_colour,
    key_line,
    style,
    tint,
    wrap_title,
)
from indicators.views.communes import is_synthetic, rollup_note, title_lines
from indicators.views.statement import with_mark

REFORM_DATE = dt.date(2025, 7, 1)
REFORM_MARK = "Bỏ cấp huyện 1/7/2025"
ROLLUP_KEY = "Cột nhạt: báo cáo của huyện; cột đậm: tổng các xã mới trên địa bàn"


def after_reform(year: int, period: str) -> bool:
    """A period that ends after 1/7/2025 is reported by the new communes, not by the districts."""
    return period in PERIODS and period_end(int(year), period) >= REFORM_DATE


def period_name(year: int, period: str) -> str:
    return f"{PERIODS[period].label} {year}"


def note(r: dict) -> str:
    """The roll-up note of a summed figure; blank for a district's own report."""
    if not r.get("from_communes"):
        return ""
    if is_missing(r.get("communes")) or is_missing(r.get("expected_communes")):
        return ""
    return rollup_note(int(r["communes"]), int(r["expected_communes"]), bool(r.get("complete")),
                       ratio=r.get("method") == "ratio")


def _field(rows: pd.DataFrame) -> tuple[str, str]:
    unit = rows["unit"].dropna().iloc[0] if rows["unit"].notna().any() else ""
    return ("actual", unit) if rows["actual"].notna().any() else ("pct_of_plan", "% kế hoạch")


def _label(r: dict, field: str, unit: str) -> str:
    """The number on a bar or point, and beneath it the roll-up note (in the warning colour when incomplete)."""
    if is_missing(r.get(field)):  # a report that gives only its % of plan says so, as the comparison chart does
        pct, kind = r.get("pct_of_plan"), mark(r.get("basis"))
        if is_missing(pct):
            return "chưa có<br>số liệu"
        # a short word a line: the label sits over a bar of no height, as narrow as its neighbour
        return "<br>".join([format_percent(pct), "KH", *([f"({kind})"] if kind else []), "(không", "nêu số)"])
    ratio = r.get("method") == "ratio"  # worked out here, not reported: one decimal, as every computed % is shown
    text = (format_value(r[field], unit, 1) if ratio else bar_number(r[field], unit)) + (
        f"<br>({mark(r.get('basis'))})" if mark(r.get("basis")) else "")
    said = note(r)
    if said:
        colour = NOTE_COLOUR if r.get("complete") else WARNING_COLOUR
        text += f"<br><span style='font-size:0.85em;color:{colour}'>{said}</span>"
    return text


def _hover(r: dict, field: str, unit: str) -> str:
    lines = [f"<b>Địa bàn {former_area(r['district'])} – {period_name(r['year'], r['period'])}</b>"]
    if is_missing(r.get(field)):
        pct = r.get("pct_of_plan")
        lines.append(NO_DATA if is_missing(pct) else with_mark(f"Tỷ lệ % KH: {format_percent(pct)}", r.get("basis"))
                     + " (báo cáo không nêu số thực hiện)")
    else:
        lines.append(with_mark(format_value(r[field], unit), r.get("basis")))
    if r.get("from_communes"):
        if r.get("method") == "ratio":
            lines.append(f"Tổng tử số ÷ tổng mẫu số của các xã mới ({note(r)}), không lấy trung bình các tỷ lệ")
        else:
            lines.append(f"Tổng số liệu các xã mới ({note(r)})" if note(r) else "Tổng số liệu các xã mới")
        if not is_missing(r.get("split_communes")) and r["split_communes"] > 0:
            lines.append(f"gồm {int(r['split_communes'])} xã nhận đất của hai huyện cũ, tính vào huyện có phần lớn xã cũ")
        lines.append("Bấm để xem từng xã")
    elif isinstance(r.get("source"), str):
        lines.append(f"Nguồn: {wrap_title(r['source'], 70)}")
    return "<br>".join(lines) + "<extra></extra>"


def _synthetic(rows: pd.DataFrame) -> bool:
    return any(is_synthetic(s) for s in rows.get("source", pd.Series(dtype=object)).tolist())


def _title(name: str, unit: str, sub: str, synthetic: bool, big: bool) -> str:
    return title_lines(f"{name} ({unit})", sub, synthetic, big)


def across_reform_figure(rows: pd.DataFrame, year: int, period: str, big: bool = False) -> go.Figure:
    """The former district areas side by side, each with its figure of the same period a year
    before (the district's report) and of this period (the sum of its new communes, outlined and
    noted). Clicks carry the district and whether the bar is a roll-up (the page drills to communes)."""
    field, unit = _field(rows)
    districts = list(dict.fromkeys(rows["district"]))
    font = (BASE_FONT + 7 if big else BASE_FONT) - 3
    fig = go.Figure()
    for when, (y, p) in enumerate(((year - 1, period), (year, period))):
        own = [r for r in records(rows) if r["year"] == y and r["period"] == p]
        if not own:
            continue
        now = bool(when)
        fig.add_trace(go.Bar(
            x=[r["district"] for r in own], y=[0 if is_missing(r.get(field)) else r[field] for r in own],
            name=period_name(y, p) + (" – tổng các xã" if now else " – báo cáo huyện"), showlegend=False,
            text=[_label(r, field, unit) for r in own], textposition="outside", cliponaxis=False,
            constraintext="none", textfont={"size": font},
            marker={"color": [district_colour(r["district"]) if now else tint(district_colour(r["district"]), 0.35)
                              for r in own],
                    "line": {"color": [district_colour(r["district"]) for r in own], "width": 3 if now else 0}},
            hovertemplate=[_hover(r, field, unit) for r in own],
            customdata=[[r["district"], bool(r.get("from_communes"))] for r in own]))
    # wide bars: a number and its note fit over each; no legend: the key under the plot says which bar is
    # which, and two long legend entries ran off a phone's screen
    fig.update_layout(barmode="group", bargap=0.18, bargroupgap=0.04)
    fig.update_xaxes(categoryorder="array", categoryarray=districts)
    top = rows[field].max() if rows[field].notna().any() else 0
    fig.update_yaxes(title_text=unit, range=[0, top * 1.25 or 1])  # room for the labels above the tallest bar
    name = rows["indicator_name"].dropna().iloc[0]
    sub = f"{period_name(year - 1, period)} (huyện) và {period_name(year, period)} (tổng các xã mới)"
    return style(fig, _title(name, unit, sub, _synthetic(rows), big), big, key_line((True, ROLLUP_KEY)))


def reform_position(order: list[tuple[int, str]]) -> float | None:
    """Where on a category axis of periods (in time order) the reform falls: between the last period
    before it and the first after; None when every period lies on one side."""
    after = [i for i, (y, p) in enumerate(order) if after_reform(y, p)]
    if not after or len(after) == len(order):
        return None
    return after[0] - 0.5


def label_places(rows: pd.DataFrame, field: str, order: list[tuple[int, str]]) -> dict[tuple, str]:
    """Where each point's label goes, so the areas' close figures do not print over each other: at each
    period the highest above its point, the lowest below, the others beside (inward at the last period)."""
    places = {}
    for (year, period), own in rows.groupby(["year", "period"], sort=False):
        ranked = own.sort_values(field, ascending=False)["district"].tolist()
        side = "middle left" if (year, period) == order[-1] and len(order) > 1 else "middle right"
        for i, district in enumerate(ranked):
            places[district, year, period] = ("top center" if i == 0 else
                                              "bottom center" if i == len(ranked) - 1 else side)
    return places


def reform_trend_figure(rows: pd.DataFrame, big: bool = False) -> go.Figure:
    """Each former district area as one line across the reform: its own reports, then the sums of
    its new communes (squares, each with its note), with the date of the reform marked between."""
    field, unit = _field(rows)
    rows = rows[rows[field].notna()].sort_values(["year", "period_sort"], kind="stable")  # a plan alone is no point
    order = list(dict.fromkeys(zip(rows["year"], rows["period"])))
    places = label_places(rows, field, order)
    categories = [period_name(y, p) for y, p in order]
    fig = go.Figure()
    for district, own in rows.groupby("district", sort=False):
        drawn = [r for r in records(own) if not is_missing(r.get(field))]
        colour = district_colour(district)
        fig.add_trace(go.Scatter(
            x=[period_name(r["year"], r["period"]) for r in drawn], y=[r[field] for r in drawn], name=district,
            mode="lines+markers+text", line={"color": colour, "width": 4},
            marker={"size": 14, "color": colour, "line": {"width": 3, "color": colour},
                    "symbol": ["square" if r.get("from_communes") else "circle" for r in drawn]},
            text=[_label(r, field, unit) for r in drawn], cliponaxis=False,
            textposition=[places[district, r["year"], r["period"]] for r in drawn],
            textfont={"size": (BASE_FONT + 7 if big else BASE_FONT) - 4},
            hovertemplate=[_hover(r, field, unit) for r in drawn],
            customdata=[[district, bool(r.get("from_communes"))] for r in drawn]))
    fig.update_xaxes(categoryorder="array", categoryarray=categories, type="category")
    top = max(rows[field].max(), 0) if len(rows) else 0
    fig.update_yaxes(title_text=unit, range=[min(rows[field].min(), 0) * 1.2 if len(rows) else 0, top * 1.3 or 1])
    at = reform_position(order)
    if at is not None:
        fig.add_shape(type="line", x0=at, x1=at, xref="x", y0=0, y1=1, yref="paper",
                      line={"color": WARNING_COLOUR, "width": 3, "dash": "dash"})
        fig.add_annotation(x=at, xref="x", y=0, yref="paper", text=f"<b>{REFORM_MARK}</b>", showarrow=False,
                           xanchor="right", yanchor="bottom", bgcolor="rgba(255,255,255,0.85)",
                           font={"color": WARNING_COLOUR, "size": BASE_FONT - 2})
    name = rows["indicator_name"].dropna().iloc[0]
    key = key_line((True, "Chấm tròn: báo cáo của huyện"), (True, "ô vuông: tổng các xã mới trên địa bàn"))
    return style(fig, _title(name, unit, "Địa bàn ba huyện cũ qua các kỳ", _synthetic(rows), big), big, key)


def area_rows(con: duckdb.DuckDBPyConnection, indicator_codes: list[str], districts: list[str]) -> pd.DataFrame:
    """Each former district's figures by period: its own reports before the reform, the sums of its
    new communes (district_rollup) after."""
    return run_query(con, "former_district_areas", indicator_codes=indicator_codes, districts=districts)


def comparison_areas(con: duckdb.DuckDBPyConnection, indicator_codes: list[str], districts: list[str], year: int,
                     period: str, big: bool = False) -> dict[str, go.Figure]:
    """code -> the areas beside their figure of a year before, for the indicators whose communes
    report in this period (empty before the reform or when no commune has reported)."""
    if not after_reform(year, period):
        return {}
    indicator_codes = [code for code in indicator_codes if reported_by_communes(con, code)]
    if not indicator_codes:  # the roll-up views aggregate every commune figure: not asked for nothing
        return {}
    rows = area_rows(con, indicator_codes, districts)
    rows = rows[rows["period"].eq(period) & rows["year"].isin([year - 1, year])]
    figures = {}
    for code in indicator_codes:
        own = rows[rows["indicator_code"] == code]
        now = own[own["year"] == year]
        if len(now) and (now["communes"].fillna(0) > 0).any():
            figures[code] = across_reform_figure(own, year, period, big)
    return figures


def reported_by_communes(con: duckdb.DuckDBPyConnection, indicator_code: str) -> bool:
    """Whether any commune has a figure of this indicator (one EXISTS): without one there is no roll-up."""
    return bool(run_query(con, "reported_by_communes", indicator_code=indicator_code)["reported"].iloc[0])


def trend_areas(con: duckdb.DuckDBPyConnection, indicator_code: str, districts: list[str],
                big: bool = False) -> go.Figure | None:
    """The areas' line across the reform, once some commune has reported this indicator; else None
    (asked first in one look-up: the roll-up views aggregate every commune figure)."""
    if not reported_by_communes(con, indicator_code):
        return None
    rows = area_rows(con, [indicator_code], districts)
    if not (rows["from_communes"].fillna(False).astype(bool) & rows["communes"].fillna(0).gt(0)).any():
        return None
    return reform_trend_figure(rows, big)
