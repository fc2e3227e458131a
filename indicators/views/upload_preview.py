"""Tables the upload page shows for a planned import: problems, new and changed figures."""
from __future__ import annotations

import pandas as pd

from indicators.ingest.compare import ESTIMATE_TO_ACTUAL  # noqa: F401 (the page uses it)
from indicators.ingest.fields import Problem, shown_value
from indicators.ingest.importer import FIELD_LABELS, ImportPlan
from indicators.ingest.matching import NEW_INDICATOR
from indicators.numbers import format_number, is_missing
from indicators.periods import PERIODS


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame([{
        "Trang": p.sheet or "", "Dòng": p.row if p.row else "", "Cột": p.column or "",
        "Giá trị": "" if p.value is None else shown_value(p.value), "Vấn đề": p.message,
    } for p in problems], columns=["Trang", "Dòng", "Cột", "Giá trị", "Vấn đề"])


def _show(value) -> str:
    if is_missing(value):
        return ""
    return value if isinstance(value, str) else format_number(value)


def kind_count(plan: ImportPlan, kind: str) -> int:
    """How many of the file's figures are of `kind` (mới, thay đổi, không đổi, ước → thực hiện)."""
    return 0 if plan.preview is None else int((plan.preview["kind"] == kind).sum())


def figures_table(plan: ImportPlan, kind: str, catalogue: dict[str, dict], start: int = 0,
                  stop: int | None = None) -> pd.DataFrame:
    """The figures of one kind, rows `start`..`stop` of them only (a page, not the whole file)."""
    rows = plan.preview[plan.preview["kind"] == kind].iloc[start:stop] if plan.preview is not None else pd.DataFrame()
    new_entries = {n["code"]: n for n in plan.new_indicators}
    out = []
    for r in rows.itertuples():
        entry = catalogue.get(r.indicator_code) or new_entries.get(r.indicator_code, {})
        record = {"Dòng": r.sheet_row, "Huyện": r.district, "Kỳ": f"{PERIODS[r.period].label} {r.year}",
                  "Chỉ tiêu": entry.get("name", r.indicator_code), "Đơn vị tính": entry.get("unit", "")}
        for field, label in FIELD_LABELS.items():
            record[label] = _show(getattr(r, field))
        out.append(record)
    table = pd.DataFrame(out)
    if not table.empty:
        table = table.loc[:, (table != "").any(axis=0)]
    return table


def changes_of(plan: ImportPlan, estimates: bool = False) -> list:
    """The field changes of one table: conflicts, or with `estimates` the estimates a result now states."""
    return [c for c in plan.changes if c.estimate_to_actual == estimates]


def changes_table(plan: ImportPlan, catalogue: dict[str, dict], estimates: bool = False, start: int = 0,
                  stop: int | None = None) -> pd.DataFrame:
    """Fields whose stored value this file changes (rows `start`..`stop`): conflicts, or with `estimates`
    the estimates a result now states ("ước → thực hiện": one figure with two statements, not a conflict)."""
    old, new = ("Số ước", "Số thực hiện") if estimates else ("Số cũ", "Số mới")
    return pd.DataFrame([{
        "Huyện": c.district, "Kỳ": f"{PERIODS[c.period].label} {c.year}",
        "Chỉ tiêu": catalogue.get(c.indicator_code, {}).get("name", c.indicator_code),
        "Trường": FIELD_LABELS[c.field], old: _show(c.old), new: _show(c.new), "Nguồn số cũ": c.old_source,
    } for c in changes_of(plan, estimates)[start:stop]],
        columns=["Huyện", "Kỳ", "Chỉ tiêu", "Trường", old, new, "Nguồn số cũ"])


def new_indicators_table(entries: list[dict]) -> pd.DataFrame:
    """Indicators the import adds to the catalogue: code, name, unit."""
    return pd.DataFrame([{"Mã": n["code"], "Tên": n["name"], "Đơn vị tính": n["unit"]} for n in entries],
                        columns=["Mã", "Tên", "Đơn vị tính"])


MANY_NAMES = 10  # more unknown names than this: the editor may confirm them all as new at once


def all_new_choices(plan: ImportPlan) -> dict[str, str]:
    """Every unknown name confirmed as a new indicator (the page's 'thêm cả … thành chỉ tiêu mới')."""
    return {u["name"]: NEW_INDICATOR for u in plan.unmatched}


def unmatched_table(plan: ImportPlan, start: int = 0, stop: int | None = None) -> pd.DataFrame:
    """Each name that matched no catalogue indicator, with its closest ones (similarity and unit)."""
    return pd.DataFrame([{
        "Tên trong tệp": u["name"], "Đơn vị tính": u["unit"] or "", "Số dòng": u["rows"],
        "Gợi ý gần nhất": "; ".join(f"{s.name} ({s.unit}) – giống {format_number(s.score, 0)}%"
                                   for s in u["suggestions"]) or "không có",
    } for u in plan.unmatched[start:stop]], columns=["Tên trong tệp", "Đơn vị tính", "Số dòng", "Gợi ý gần nhất"])


def choice_options(unmatched: dict) -> list[str]:
    """What the editor may pick for an unknown name: its suggestions, then 'Chỉ tiêu mới'."""
    return [s.code for s in unmatched["suggestions"]] + [NEW_INDICATOR]


def choice_label(unmatched: dict, option: str) -> str:
    if option == NEW_INDICATOR:
        return f"Chỉ tiêu mới: '{unmatched['name']}' ({unmatched['unit'] or 'không ghi đơn vị'})"
    s = next(s for s in unmatched["suggestions"] if s.code == option)
    return f"{s.name} ({s.unit}) – giống {format_number(s.score, 0)}%"
