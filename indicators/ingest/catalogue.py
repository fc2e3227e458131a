"""The indicator catalogue spreadsheet ("Danh mục chỉ tiêu"): codes, names, units, groups, what each
measures (scope and denominator, so unlike figures are never drawn as alike) and other names."""
from __future__ import annotations

from pathlib import Path

from indicators.ingest.fields import Problem, UnreadableFile
from indicators.ingest.workbook import load_sheets
from indicators.text import fold, nfc

CATALOGUE_FILE = "danh_muc_chi_tieu.xlsx"
CATALOGUE_SHEET = "Danh mục chỉ tiêu"
# field -> Vietnamese header
CATALOGUE_HEADER = {
    "code": "Mã chỉ tiêu",
    "name": "Tên chỉ tiêu",
    "unit": "Đơn vị tính",
    "group_name": "Nhóm",
    "direction": "Chiều tốt",
    "comparable": "So sánh giữa các huyện",
    "is_focus_task": "Nhiệm vụ trọng tâm",
    "description": "Mô tả",
    "scope": "Phạm vi, mẫu số",
    "aliases": "Tên gọi khác",
}
DIRECTION_LABELS = {"higher": "Cao hơn là tốt", "lower": "Thấp hơn là tốt"}
UNGROUPED = "Chưa phân nhóm"
_YES = {"co", "yes", "x", "1", "true"}
_NO = {"khong", "no", "", "0", "false"}


def catalogue_row(entry: dict) -> list:
    """One catalogue entry as the spreadsheet shows it."""
    return [
        entry["code"], entry["name"], entry["unit"], entry["group_name"],
        DIRECTION_LABELS[entry["direction"]],
        "Có" if entry["comparable"] else "Không",
        "Có" if entry["is_focus_task"] else "Không",
        entry.get("description") or "",
        entry.get("scope") or "",
        entry.get("aliases") or "",
    ]


def read_catalogue(path: Path) -> tuple[list[dict], list[Problem]]:
    """Catalogue entries from the first sheet whose header matches; problems in Vietnamese."""
    try:
        sheets = load_sheets(Path(path))
    except UnreadableFile as exc:
        return [], [Problem(str(exc))]
    wanted = {fold(label): field for field, label in CATALOGUE_HEADER.items()}
    for sheet_name, rows in sheets:
        for index, row in enumerate(rows[:10]):
            mapping = {c: wanted[fold(v)] for c, v in enumerate(row) if isinstance(v, str) and fold(v) in wanted}
            if {"code", "name", "unit"} <= set(mapping.values()):
                return _entries(rows[index + 1:], mapping, sheet_name, index + 2)
    return [], [Problem("không tìm thấy bảng danh mục chỉ tiêu (cần các cột Mã chỉ tiêu, Tên chỉ tiêu, Đơn vị tính)")]


def _entries(rows, mapping, sheet_name, first_row):
    entries, problems = [], []
    for row_no, cells in enumerate(rows, start=first_row):
        values = {field: cells[c] if c < len(cells) else None for c, field in mapping.items()}
        if not str(values.get("code") or "").strip():
            continue
        direction = fold(values.get("direction") or "")
        entry = {
            "code": str(values["code"]).strip(),
            "name": nfc(values.get("name") or ""),
            "unit": nfc(values.get("unit") or ""),
            "group_name": nfc(values.get("group_name") or "") or UNGROUPED,
            "direction": "lower" if direction.startswith("thap") or direction == "lower" else "higher",
            "description": nfc(values.get("description") or "") or None,
            "scope": nfc(values.get("scope") or "") or None,
            "aliases": _aliases(values.get("aliases")),
        }
        for flag in ("comparable", "is_focus_task"):
            text = fold(values.get(flag) or "")
            if text not in _YES | _NO:
                problems.append(Problem("phải là 'Có' hoặc 'Không'", sheet_name, row_no,
                                        CATALOGUE_HEADER[flag], values.get(flag)))
            entry[flag] = text in _YES
        if not entry["name"] or not entry["unit"]:
            problems.append(Problem("thiếu tên chỉ tiêu hoặc đơn vị tính", sheet_name, row_no, value=entry["code"]))
            continue
        entries.append(entry)
    return entries, problems


def _aliases(cell) -> str | None:
    """Other names an indicator goes by, one per line or separated by ';', kept as one text."""
    names = [nfc(n).strip() for n in str(cell or "").replace("\n", ";").split(";")]
    return "; ".join(n for n in names if n) or None
