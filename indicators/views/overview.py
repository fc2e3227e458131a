"""The overview's cards and its "needs attention" list, as plain data and HTML (no Streamlit),
so tests can check exactly what a leader reads."""
from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlencode

import pandas as pd

from indicators.evaluation import Standing, standing_of, standings_of
from indicators.frames import records
from indicators.numbers import format_number, format_percent, format_value, is_missing
from indicators.store.named import run_query
from indicators.text import inert
from indicators.views.statement import (
    basis_label,
    cutoff_text,
    day,
    judgement,
    pct_text,
    prior_text,
    with_mark,
)

HEADLINE_CODES = [
    "thu_ngan_sach",
    "trong_rung",
    "ty_le_ngheo_da_chieu",
    "ntm_tieu_chi_binh_quan",
    "ocop_san_pham_moi",
    "giai_ngan_dtc",
]
NO_DATA = "chưa có số liệu"


class Overview(NamedTuple):
    lines: list[dict]          # card_grid
    attention: pd.DataFrame    # attention_list
    unjudged: pd.DataFrame     # unjudged_list: figures with a plan the dashboard could not judge


def period_overview(con, year: int, period: str, districts: list[str]) -> Overview:
    """The overview of one period: card lines, the "needs attention" table and what could not be
    judged. The page caches it by these arguments."""
    facts = run_query(con, "period_facts", year=year, period=period, districts=districts)
    return overview_of(con, facts, year, period, districts)


def overview_of(con, facts: pd.DataFrame, year: int, period: str, districts: list[str]):
    """period_overview from the period's figures already at hand (the briefing pack lists them too)."""
    cards = run_query(con, "district_comparison", year=year, period=period, indicator_codes=headline_codes(facts),
                      districts=districts)
    indicators = facts[~facts["is_focus_task"]]
    judged = judged_rows(indicators)
    return Overview(card_grid(cards, year, period, districts), attention_list(indicators, judged),
                    unjudged_list(indicators, judged))


def judged_rows(facts: pd.DataFrame) -> list[tuple[dict, Standing]]:
    """Each figure as a dict with its standing: walked once for both lists of the overview."""
    return list(zip(records(facts), standings_of(facts)))


def headline_codes(facts: pd.DataFrame) -> list[str]:
    """The usual headline indicators; where a dataset has none of them (a new catalogue),
    the six comparable indicators with the most figures in the period."""
    if facts["indicator_code"].isin(HEADLINE_CODES).any():
        return HEADLINE_CODES
    comparable = facts[~facts["is_focus_task"]]
    return list(comparable["indicator_code"].value_counts().index[:6])


def yoy_text(row) -> str:
    if not is_missing(row.get("pct_yoy")):
        return f"Bằng {format_percent(row['pct_yoy'])} cùng kỳ"
    if not is_missing(row.get("change_yoy_pct")):
        change = row["change_yoy_pct"]
        word = "Tăng" if change >= 0 else "Giảm"
        return f"{word} {format_percent(abs(change))} so với cùng kỳ"
    if not is_missing(row.get("same_period_last_year")):
        return f"Cùng kỳ năm trước: {format_value(row['same_period_last_year'], row['unit'])}"
    return ""


def headline_value(row) -> str:
    """The big number, with its kind ("(ước)"): the amount when the statement gives it, else its % of plan."""
    if not is_missing(row["actual"]):
        return with_mark(format_value(row["actual"], row["unit"]), row.get("basis"))
    if not is_missing(row["pct_of_plan"]):
        return with_mark(f"{pct_text(row)} kế hoạch", row.get("basis"))
    return ""


def source_href(row, year: int, period: str) -> str:
    params = {"huyen": row["district"], "nam": year, "ky": period, "chi_tieu": row["indicator_code"]}
    return "./nguon-so-lieu?" + urlencode(params)


def badge_html(mark: str, tone: dict) -> str:
    return (f"<span class='badge' style='color:{tone['colour']};background:{tone['background']};"
            f"border:1px solid {tone['colour']}'>{inert(mark)}</span>")


def judgement_html(row) -> str:
    """The card's judgement (statement.judgement): the lead mark, what it is due against, the year's plan
    in grey, the report's own verdict and, where they disagree, a short note."""
    standing = standing_of(row)
    said = judgement(standing)
    cutoff = pd.Timestamp(row["as_of"]) if cutoff_text(row) else None
    due = standing.due_text(int(row["period_months"]), cutoff) if standing.pace else ""
    parts = [f"<div>{badge_html(said.mark, said.tone)}"
             + (f" <span class='due'>({inert(due)})</span>" if due else "") + "</div>"]
    parts += [f"<div class='sub {kind}'>{inert(text)}</div>" for kind, text in
              (("plan-status", said.year_plan), ("report-status", said.report),
               ("disagree", said.note and f"Lưu ý: {said.note}")) if text]
    return "".join(parts)


def card_html(row, year: int, period: str) -> str:
    """One district's card for one headline indicator."""
    esc = inert
    value = headline_value(row)
    who = f"<div class='who'>{esc(row['district'])}</div>"  # stays readable when columns stack on a phone
    if not value and is_missing(row.get("status")):
        return f"<div class='card'>{who}<div class='none'>{NO_DATA}</div></div>"
    standing = standing_of(row)
    lines = [cutoff_text(row)]
    if not is_missing(row["pct_of_plan"]) and not is_missing(row["actual"]):
        lines.append(f"Đạt {pct_text(row)} kế hoạch")
    if not is_missing(row["plan"]):
        lines.append(f"Kế hoạch năm: {format_value(row['plan'], row['unit'])}")
    lines.append(yoy_text(row))
    lines.append(prior_text(row))
    lines = [line for line in lines if line]
    if isinstance(row.get("note"), str) and row["note"]:
        lines.append(f"<i>{esc(row['note'])}</i>")
    risk = " risk" if standing.at_risk else ""
    sub = "".join(f"<div class='sub'>{line if line.startswith('<i>') else esc(line)}</div>" for line in lines)
    link = (f"<div class='sub'><a href='{esc(source_href(row, year, period))}' target='_self'>"
            f"Nguồn: {esc(row['source'])}</a></div>")
    return (f"<div class='card{risk}'>{who}<div class='value'>{esc(value) or '&nbsp;'}</div>"
            f"{judgement_html(row)}{sub}{link}</div>")


def card_grid(cards: pd.DataFrame, year: int, period: str, districts: list[str]) -> list[dict]:
    """One line per headline indicator (name, unit, one card per district), the indicators with
    the most districts at risk first, otherwise in the usual order."""
    by_key = {(r["indicator_code"], r["district"]): r for r in records(cards)}
    order = list(dict.fromkeys(cards["indicator_code"]))
    lines = []
    for position, code in enumerate(order):
        rows = [by_key.get((code, d)) for d in districts]
        present = [r for r in rows if r is not None]
        if not present:
            continue
        risk = sum(standing_of(r).at_risk for r in present
                   if not (is_missing(r["actual"]) and is_missing(r["pct_of_plan"]) and is_missing(r["status"])))
        lines.append({"code": code, "name": present[0]["indicator_name"], "unit": present[0]["unit"],
                      "cards": [card_html(r, year, period) if r is not None else
                                f"<div class='card'><div class='who'>{inert(d)}</div>"
                                f"<div class='none'>{NO_DATA}</div></div>" for r, d in zip(rows, districts)],
                      "_order": (-risk, position)})
    lines.sort(key=lambda line: line.pop("_order"))
    return lines


def attention_list(facts: pd.DataFrame, judged: list[tuple[dict, Standing]] | None = None) -> pd.DataFrame:
    """Figures behind pace or judged "chưa đạt", worst gap first, as a table a leader reads; `judged` is
    judged_rows(facts) when the caller has it already."""
    rows = []
    for r, standing in judged if judged is not None else judged_rows(facts):
        if not standing.at_risk:
            continue
        reason = []
        if standing.pace_gap is not None and standing.pace_gap < 0:
            reason.append(f"chậm {format_number(-standing.pace_gap, 1)} điểm % so với tiến độ")
        if standing.status_from_report:
            reason.append(f"báo cáo đánh giá: {standing.status}")
        rows.append({
            "Huyện": r["district"],
            "Chỉ tiêu": r["indicator_name"],
            "Thực hiện": with_mark(format_value(r["actual"], r["unit"]), r.get("basis")),
            "Tỷ lệ % KH": pct_text(r),
            "Loại số liệu": basis_label(r.get("basis")),
            "Số liệu đến ngày": day(r["as_of"]) if cutoff_text(r) else "",
            "Vì sao cần chú ý": "; ".join(reason),
            "Nguồn": r["source"],
            "_gap": standing.pace_gap if standing.pace_gap is not None else 0.0,
        })
    table = pd.DataFrame(rows, columns=["Huyện", "Chỉ tiêu", "Thực hiện", "Tỷ lệ % KH", "Loại số liệu",
                                        "Số liệu đến ngày", "Vì sao cần chú ý", "Nguồn", "_gap"])
    return table.sort_values("_gap", kind="stable").drop(columns="_gap").reset_index(drop=True)


def unjudged_list(facts: pd.DataFrame, judged: list[tuple[dict, Standing]] | None = None) -> pd.DataFrame:
    """Figures with a plan (or a % of plan) that get neither a status nor a pace, and why: no result yet,
    or "lower is better", which a % of plan cannot judge. The attention list counts them, so it never
    reads as all clear while any figure could not be judged."""
    rows = []
    for r, standing in judged if judged is not None else judged_rows(facts):
        if standing.judged or (is_missing(r["plan"]) and is_missing(r["pct_of_plan"])):
            continue
        why = ("chỉ tiêu thấp hơn là tốt: tỷ lệ % kế hoạch không nói được đạt hay chưa"
               if r.get("direction") == "lower" else "có kế hoạch nhưng chưa có số thực hiện")
        rows.append({"Huyện": r["district"], "Chỉ tiêu": r["indicator_name"],
                     "Kế hoạch": format_value(r["plan"], r["unit"]) if not is_missing(r["plan"]) else "",
                     "Thực hiện": with_mark(format_value(r["actual"], r["unit"]), r.get("basis")),
                     "Vì sao chưa đánh giá được": why, "Nguồn": r["source"]})
    return pd.DataFrame(rows, columns=["Huyện", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Vì sao chưa đánh giá được",
                                       "Nguồn"])


ALL_CLEAR = "✔ Không có chỉ tiêu nào chậm tiến độ hoặc bị đánh giá chưa đạt trong kỳ này"


def attention_heading(attention: pd.DataFrame, unjudged: pd.DataFrame) -> str:
    """The attention box's heading: all clear only when every figure with a plan was judged."""
    if attention.empty and unjudged.empty:
        return ALL_CLEAR
    parts = []
    if len(attention):
        parts.append(f"{format_number(len(attention))} số liệu chậm tiến độ hoặc chưa đạt")
    if len(unjudged):
        parts.append(f"{format_number(len(unjudged))} chỉ tiêu chưa đánh giá được")
    return "⚠ Cần chú ý: " + "; ".join(parts)
