"""The upload preview figure by figure, in the file's row order: where each figure comes from
(source, report date), the number it replaces and the judgement it will be shown with; and the
file's problems in row order. Kept apart from upload_preview.py, which other preview work edits."""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.evaluation import assess
from indicators.frames import records
from indicators.ingest.compare import KEY
from indicators.ingest.fields import Problem
from indicators.ingest.importer import FIELD_LABELS, ImportPlan
from indicators.numbers import format_date, format_number, is_missing
from indicators.periods import PERIODS
from indicators.views.statement import judgement

FIGURE_COLUMNS = ["Dòng", "Huyện", "Kỳ", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Số cũ", "Đánh giá sẽ hiển thị",
                  "Nguồn", "Ngày báo cáo", "Thay đổi"]
KIND_TEXT = {"mới": "Số liệu mới", "thay đổi": "Thay đổi số đã có", "không đổi": "Không đổi"}


def in_row_order(problems: list[Problem]) -> list[Problem]:
    """Sheet by sheet as the file holds them, then row by row (problems of the whole file first)."""
    sheets: dict[str | None, int] = {}
    for p in problems:
        sheets.setdefault(p.sheet, len(sheets))
    return sorted(problems, key=lambda p: (sheets[p.sheet], p.row or 0))


def _show(value) -> str:
    if is_missing(value):
        return ""
    return value if isinstance(value, str) else format_number(value)


def _values(row) -> str:
    """'Thực hiện 49.500; Tỷ lệ % KH 137' for the fields a figure gives."""
    return "; ".join(f"{label} {_show(row[field])}" for field, label in FIELD_LABELS.items()
                     if not is_missing(row[field]) and _show(row[field]))


def _old_values(plan: ImportPlan) -> dict[tuple, str]:
    """Per key, the stored numbers this file changes: 'Thực hiện 49.000; Tỷ lệ % KH 136'."""
    old: dict[tuple, list[str]] = {}
    for c in plan.changes:
        key = (c.district, c.year, c.period, c.indicator_code)
        old.setdefault(key, []).append(f"{FIELD_LABELS[c.field]} {_show(c.old) or '(trống)'}")
    return {key: "; ".join(parts) for key, parts in old.items()}


def figures_in_row_order(plan: ImportPlan, catalogue: dict[str, dict], start: int = 0,
                         stop: int | None = None) -> pd.DataFrame:
    """The file's figures `start`..`stop` in the file's row order, one row each: only those rows are
    built, so a page of a 100,000-row preview costs what a page costs."""
    if plan.preview is None or plan.rows is None or plan.preview.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    order = np.argsort(plan.preview["sheet_row"].to_numpy(), kind="stable")[start:stop]
    preview = plan.preview.iloc[order].reset_index(drop=True)
    sources = plan.rows[["source", "reported_on"]].iloc[order].reset_index(drop=True)
    new_entries = {n["code"]: n for n in plan.new_indicators}
    old = _old_values(plan)
    out = []
    for figure, source in zip(records(preview), records(sources)):
        code = figure["indicator_code"]
        entry = catalogue.get(code) or new_entries.get(code) or {}
        months = PERIODS[figure["period"]].months
        standing = assess(figure["pct_of_plan"], figure["status"], entry.get("direction") or "higher", months)
        kind = figure["kind"]
        out.append({
            "Dòng": int(figure["sheet_row"]), "Huyện": figure["district"],
            "Kỳ": f"{PERIODS[figure['period']].label} {int(figure['year'])}",
            "Chỉ tiêu": entry.get("name", code), "Đơn vị tính": entry.get("unit") or "",
            "Số liệu": _values(figure),
            "Số cũ": old.get(tuple(figure[k] for k in KEY), "như số mới" if kind == "không đổi" else "chưa có"),
            "Đánh giá sẽ hiển thị": judgement(standing).line(),
            "Nguồn": "" if is_missing(source["source"]) else str(source["source"]),
            "Ngày báo cáo": "" if is_missing(source["reported_on"]) else format_date(source["reported_on"]),
            "Thay đổi": KIND_TEXT.get(kind, kind),
        })
    return pd.DataFrame(out, columns=FIGURE_COLUMNS)
