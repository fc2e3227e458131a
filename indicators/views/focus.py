"""Focus tasks (nhiệm vụ trọng tâm): the scoreboard and the counts a report would write."""
from __future__ import annotations

import re

import pandas as pd

from indicators.evaluation import NOT_EVALUATED, STATUS_STYLE, standing_of
from indicators.frames import records
from indicators.periods import PERIODS
from indicators.store.named import run_query
from indicators.text import inert
from indicators.views.statement import judgement, pct_text, with_mark


def _two_digits(n: int) -> str:
    return f"{n:02d}"


def sub_items(codes: pd.Series) -> pd.Series:
    """True for a task's separately evaluated parts (nvtt_vq_2024_03_1 under nvtt_vq_2024_03):
    reports count tasks, not their parts."""
    known = set(codes)
    return codes.map(lambda code: any(code.startswith(other + "_") for other in known if other != code))


def task_of(code: str) -> str:
    """The task a lettered part belongs to (nvtt_bs_2024_1_3_a → nvtt_bs_2024_1_3), where a report
    judges each part of a task separately but counts tasks."""
    return re.sub(r"_[a-z]$", "", code)


def counts_sentence(tasks: pd.DataFrame) -> str:
    """'06 nhiệm vụ đạt 100% trở lên, 04 nhiệm vụ đạt từ 70% trở lên, …' as reports write it. Where the
    report judges the parts of a task one by one (Bắc Sơn: 10 tasks, 21 parts), it counts the tasks and
    says the marks are the parts', never calling 21 parts 21 tasks."""
    tasks = tasks[~sub_items(tasks["indicator_code"])]
    n_tasks = tasks["indicator_code"].map(task_of).nunique()
    item = "nhiệm vụ" if n_tasks == len(tasks) else "nội dung"
    pct = tasks["pct_of_plan"]
    parts = []
    bands = [
        (pct >= 100, "đạt 100% trở lên"),
        ((pct >= 70) & (pct < 100), "đạt từ 70% đến dưới 100%"),
        (pct < 70, "đạt dưới 70%"),
    ]
    for mask, words in bands:
        if mask.sum():
            parts.append(f"{_two_digits(int(mask.sum()))} {item} {words}")
    statuses = tasks.loc[pct.isna(), "status"]
    for status, words in (("vượt", "vượt"), ("đạt", "đạt"), ("chưa đạt", "chưa đạt")):
        n = int((statuses == status).sum())
        if n:
            parts.append(f"{_two_digits(n)} {item} {words} (theo đánh giá của báo cáo)")
    unknown = int((pct.isna() & ~tasks["status"].isin(["vượt", "đạt", "chưa đạt"])).sum())
    if unknown:
        parts.append(f"{_two_digits(unknown)} {item} chưa có cơ sở để đánh giá")
    total = f"Tổng số {_two_digits(n_tasks)} nhiệm vụ"
    if item != "nhiệm vụ":
        total += f" ({_two_digits(len(tasks))} nội dung được đánh giá riêng)"
    return total + ": " + "; ".join(parts) + "." if parts else ""


def scoreboard(tasks: pd.DataFrame, period_months: int, sort: str) -> pd.DataFrame:
    rows = []
    parts = sub_items(tasks["indicator_code"])
    for t, is_part in zip(records(tasks), parts):
        standing = standing_of({**t, "direction": "higher", "period_months": period_months})
        rows.append({
            "Nhiệm vụ": ("↳ " if is_part else "") + t["task"],
            "Lĩnh vực": t["group_name"],
            "Tỷ lệ % KH": with_mark(pct_text(t), t.get("basis")),
            "Đánh giá": judgement(standing).line(),
            "Ghi chú": t["note"] if isinstance(t["note"], str) else "",
            "Nguồn": t["source"],
            "Trích dẫn": t["quote"] if isinstance(t["quote"], str) else "",
            "_pct": t["pct_of_plan"],
            "_rank": list(STATUS_STYLE).index(standing.status) if standing.status != NOT_EVALUATED else 9,
            "_code": t["indicator_code"],
        })
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    if sort == "Tỷ lệ thấp trước":
        table = table.sort_values(["_pct", "_rank"], na_position="last", kind="stable")
    elif sort == "Tỷ lệ cao trước":
        table = table.sort_values(["_pct", "_rank"], ascending=[False, True], na_position="last", kind="stable")
    elif sort == "Theo lĩnh vực":
        table = table.sort_values(["Lĩnh vực", "_code"], kind="stable")
    else:
        table = table.sort_values("_code", kind="stable")
    return table.drop(columns=["_pct", "_rank", "_code"]).reset_index(drop=True)


def district_boards(con, year: int, period: str, districts: list[str], sort: str) -> list[tuple[str, str, pd.DataFrame]]:
    """Each district's counts sentence and scoreboard for one period, in the districts' order:
    what the focus-task page draws, built once per data version and filter."""
    tasks = run_query(con, "focus_tasks", year=year, period=period, districts=districts)
    months = PERIODS[period].months
    return [(district, counts_sentence(group), scoreboard(group, months, sort))
            for district, group in tasks.groupby("district", sort=False)]


def board_cards(board: pd.DataFrame) -> str:
    """The scoreboard as cards for a phone, where a table shows two columns: each task's name, its
    % of plan and judgement, and the report's note (HTML, every text escaped)."""
    cards = []
    for row in records(board):
        facts = " · ".join(part for part in (row["Tỷ lệ % KH"], row["Đánh giá"]) if part)
        note = f"<div class='sub'><i>{inert(row['Ghi chú'])}</i></div>" if row.get("Ghi chú") else ""
        cards.append(f"<div class='card task'><div class='task-name'>{inert(row['Nhiệm vụ'])}</div>"
                     f"<div class='sub'>{inert(facts)}</div>{note}</div>")
    return "".join(cards)
