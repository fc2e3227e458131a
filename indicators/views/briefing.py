"""The briefing pack for a meeting: headline cards, comparison charts, focus-task scoreboard,
the active filters and every source, in one self-contained offline HTML file."""
from __future__ import annotations

import html

import duckdb

from indicators.periods import PERIODS
from indicators.store.named import run_query
from indicators.text import inert_for_csv
from indicators.views import charts, focus, overview, tables
from indicators.views.export import briefing_html, inert_frame
from indicators.views.statement import LEGEND

COMPARISON_CODES = ["thu_ngan_sach", "trong_rung", "giai_ngan_dtc", "ntm_tieu_chi_binh_quan", "ty_le_ngheo_da_chieu",
                    "ocop_san_pham_moi"]


def briefing_file_name(year: int, period: str) -> str:
    return charts.file_slug("tai lieu hop", PERIODS[period].label, year) + ".html"


def _cards_table(lines: list[dict], districts: list[str]) -> str:
    head = "".join(f"<th>{html.escape(d)}</th>" for d in districts)
    body = []
    for line in lines:
        cells = "".join(f"<td>{card}</td>" for card in line["cards"])
        body.append(f"<tr><th>{html.escape(inert_for_csv(line['name']))}<br><small>{html.escape(line['unit'])}</small>"
                    f"</th>{cells}</tr>")
    style = ("<style>.card{min-height:0}.card .value{font-size:1.3rem;font-weight:700}.card .sub{font-size:.85rem}"
             ".card .none{color:#777;font-style:italic}.card .due{font-size:.85rem;color:#555}.card .plan-status{color:#5f6368}"
             ".card .disagree{color:#8a4b00;font-style:italic}.legend{color:#444;font-size:.85rem}"
             ".card .who{font-size:.75rem;color:#555}.card.risk{border-left:5px solid #b3261e;padding-left:.4rem}"
             "</style>")
    return f"{style}<table><tr><th>Chỉ tiêu</th>{head}</tr>{''.join(body)}</table>"


def build_briefing(con: duckdb.DuckDBPyConnection, year: int, period: str, districts: list[str]) -> str:
    when = f"{PERIODS[period].label} năm {year}"
    sections = []
    facts = run_query(con, "period_facts", year=year, period=period, districts=districts)
    lines, attention, unjudged = overview.overview_of(con, facts, year, period, districts)
    sections.append(("Chỉ tiêu chủ yếu", f"<p class='legend'>{html.escape(LEGEND)}</p>"
                     + _cards_table(lines, districts)))
    heading = overview.attention_heading(attention, unjudged)
    sections.append((heading, inert_frame(attention).to_html(index=False, border=0) if len(attention) else ""))
    if len(unjudged):
        sections.append(("Chỉ tiêu chưa đánh giá được", inert_frame(unjudged).to_html(index=False, border=0)))

    rows = run_query(con, "district_comparison", year=year, period=period, indicator_codes=COMPARISON_CODES,
                     districts=districts)
    charted = False
    for code in COMPARISON_CODES:
        group = rows[rows["indicator_code"] == code]
        if group[["actual", "pct_of_plan"]].notna().any().any():
            fig = charts.comparison_figure(group, when)
            sections.append((f"So sánh: {group.iloc[0]['indicator_name']}",
                             fig.to_html(full_html=False, include_plotlyjs=False,
                                         config={"displaylogo": False}, default_width="100%")))
            charted = True
    if not charted:
        sections.append(("So sánh các huyện", f"<p>{charts.NO_DATA}</p>"))

    tasks = run_query(con, "focus_tasks", year=year, period=period, districts=districts)
    for district, group in tasks.groupby("district", sort=False):
        board = focus.scoreboard(group, PERIODS[period].months, "Theo thứ tự nhiệm vụ").drop(columns=["Trích dẫn"])
        sections.append((f"Nhiệm vụ trọng tâm – {district}",
                         f"<p><b>{html.escape(focus.counts_sentence(group))}</b></p>"
                         + inert_frame(board).to_html(index=False, border=0)))

    sources = tables.display_numbers(tables.vietnamese_table(
        facts, ["district", "indicator_name", "unit", "actual", "pct_of_plan", "source", "reported_on", "quote"]))
    filters = [f"Kỳ: {when}", "Huyện: " + ", ".join(districts)]
    return briefing_html(f"Tài liệu họp – Chỉ tiêu kinh tế – xã hội {when}", filters, sections, sources)
