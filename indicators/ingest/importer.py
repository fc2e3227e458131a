"""Importing a spreadsheet: plan (validate and preview), then commit in one transaction.

The CLI (`python -m indicators import`) and the upload page both call
`plan_import` then `commit_import`, so a file is judged the same way everywhere.
"""
from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from indicators.compat import pause_before_commit_for_tests
from indicators.ingest.catalogue import UNGROUPED
from indicators.ingest.compare import FieldChange, as_arrow, compare_figures, rows_frame
from indicators.ingest.fields import Problem, ReadResult
from indicators.ingest.matching import NEW_INDICATOR, NameMatcher
from indicators.ingest.places import PlaceIndex
from indicators.ingest.reader import read_spreadsheet
from indicators.numbers import format_number
from indicators.store import archive
from indicators.store import database as store
from indicators.store.named import STORE, fetch, run_write
from indicators.text import fold, nfc

FIELD_LABELS = {
    "plan": "Kế hoạch", "actual": "Thực hiện", "same_period_last_year": "Cùng kỳ năm trước",
    "pct_of_plan": "Tỷ lệ % KH", "pct_yoy": "Tỷ lệ % cùng kỳ", "change_yoy_pct": "Tăng/giảm % so cùng kỳ",
    "status": "Đánh giá",
}


@dataclass
class ImportPlan:
    """What an import would do, computed without writing anything."""

    file_name: str
    sha256: str
    read: ReadResult
    new_indicators: list[dict] = field(default_factory=list)
    facts_new: int = 0
    facts_changed: int = 0
    facts_unchanged: int = 0
    facts_confirmed: int = 0  # estimates stored before, stated now as results ("ước → thực hiện")
    changes: list[FieldChange] = field(default_factory=list)
    already_imported: int | None = None
    unmatched: list[dict] = field(default_factory=list)  # names matching no catalogue key, with suggestions
    aliases: list[dict] = field(default_factory=list)    # {code, name}: a name the editor confirmed
    preview: pd.DataFrame | None = None  # one row per incoming figure, kind: mới / thay đổi / không đổi
    rows: pd.DataFrame | None = None     # the checked rows in fact_history's layout, ready to insert
    options: dict = field(default_factory=dict)  # year, period, choices, new_indicators: kept for a replay

    @property
    def ok(self) -> bool:
        return not self.read.errors

    @property
    def ready(self) -> bool:
        """Nothing in the way of committing: no error, and every name matched or chosen."""
        return self.ok and not self.unmatched

    def unmatched_text(self) -> str:
        """Each unknown name with its closest catalogue indicators, for the CLI's message."""
        lines = []
        for u in self.unmatched:
            close = "; ".join(f"{s.code} – {s.name} ({s.unit}, {format_number(s.score, 0)}%)" for s in u["suggestions"])
            lines.append(f"- '{u['name']}' ({u['unit'] or 'không ghi đơn vị'}, {u['rows']} dòng): "
                         f"gần nhất: {close or 'không có'}")
        return "\n".join(lines)

    def summary(self) -> str:
        """Short Vietnamese summary for the CLI and the page."""
        if self.already_imported:
            return (f"Tệp '{self.file_name}' đã được nhập trước đây (lần nhập số {self.already_imported}); "
                    "không có gì thay đổi.")
        parts = [
            f"{len(self.read.frame)} dòng số liệu",
            f"{self.facts_new} số liệu mới",
            f"{self.facts_changed} số liệu thay đổi",
            *([f"{self.facts_confirmed} số ước nay có số thực hiện"] if self.facts_confirmed else []),
            f"{self.facts_unchanged} không đổi",
        ]
        if self.new_indicators:
            parts.append(f"{len(self.new_indicators)} chỉ tiêu mới")
        if self.read.warnings:
            parts.append(f"{len(self.read.warnings)} cảnh báo")
        return f"Tệp '{self.file_name}': " + ", ".join(parts) + "."


file_sha256 = archive.sha256_of  # one hashing of files, shared with the upload archive


def _new_code(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")[:48] or "chi_tieu"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    taken.add(code)
    return code


# The stages an import goes through, as the upload page's progress bar names them.
STAGES = {"read": "Đọc tệp", "check": "Kiểm tra", "compare": "Đối chiếu", "write": "Ghi"}
Progress = Callable[[str, int], None]  # (stage, count): rows read, checked, compared or written


def _silent(stage: str, count: int) -> None:
    """The default progress report: nobody is watching."""


def plan_import(con: duckdb.DuckDBPyConnection, path: Path, *, file_name: str | None = None,
                year: int | None = None, period: str | None = None, today: dt.date | None = None,
                choices: dict[str, str] | None = None, new_indicators: bool = False,
                progress: Progress = _silent, isolated: bool = False) -> ImportPlan:
    """Read, check and compare a file with what is stored; writes nothing.

    `file_name` is the name the clerk uploaded (the file itself may sit in a temporary place);
    `year`/`period` serve wide-layout files whose title does not say them. A name matching no
    catalogue indicator is listed in `unmatched` (the plan is not `ready`) unless `choices` maps it
    to a catalogue code or to NEW_INDICATOR, or `new_indicators` makes every such name a new one.
    `isolated` reads the file in a child process (the web server's uploads).
    """
    plan = read_file(con, path, file_name=file_name, year=year, period=period, today=today, choices=choices,
                     new_indicators=new_indicators, progress=progress, isolated=isolated)
    return compare_with_database(con, plan, progress)


def read_file(con: duckdb.DuckDBPyConnection, path: Path, *, file_name: str | None = None,
              year: int | None = None, period: str | None = None, today: dt.date | None = None,
              choices: dict[str, str] | None = None, new_indicators: bool = False,
              progress: Progress = _silent, isolated: bool = False) -> ImportPlan:
    """The file read and checked against the catalogue and districts, its names matched; no stored
    figure is looked at, so the CLI can do this once and only compare again under the write lock."""
    choices = {nfc(k): v for k, v in (choices or {}).items()}
    path = Path(path)
    file_name = file_name or path.name
    catalogue = store.load_catalogue(con)
    progress("read", 0)
    read = read_spreadsheet(path, store.district_names(con), catalogue, today=today or dt.date.today(),
                            year=year, period=period, source_name=file_name, choices=choices,
                            places=PlaceIndex.from_store(con), on_loaded=lambda rows: progress("check", rows),
                            isolated=isolated)
    plan = ImportPlan(file_name=file_name, sha256=file_sha256(path) if path.exists() else "", read=read,
                      options={"year": year, "period": period, "choices": choices, "new_indicators": new_indicators})
    if not plan.ok:
        return plan
    plan.aliases = _confirmed_aliases(plan.read.frame, catalogue, choices)
    _assign_new_indicators(plan, catalogue, choices, new_indicators)
    return plan


def compare_with_database(con: duckdb.DuckDBPyConnection, plan: ImportPlan,
                          progress: Progress = _silent) -> ImportPlan:
    """A read plan compared with what is stored now: already imported, and which figures are new,
    changed or unchanged. Safe to repeat on the same plan (the CLI does, under the write lock)."""
    plan.already_imported, plan.changes = None, []
    if not plan.ok:
        return plan
    (previous,), = fetch(con, f"{STORE}/import_of_file", sha256=plan.sha256)
    if previous:
        plan.already_imported = previous
        return plan
    if plan.unmatched:
        return plan  # the preview waits for the editor's choices
    progress("compare", len(plan.read.frame))
    compare_figures(con, plan)
    return plan


def _confirmed_aliases(frame: pd.DataFrame, catalogue: dict[str, dict], choices: dict[str, str]) -> list[dict]:
    """Names of this file the editor matched to a catalogue indicator: they become its other names."""
    typed = set(frame["indicator_name"].dropna().unique()) if len(frame) else set()
    return [{"code": code, "name": name} for name, code in choices.items()
            if code in catalogue and name in typed and name != catalogue[code]["name"]]


def _assign_new_indicators(plan: ImportPlan, catalogue: dict[str, dict], choices: dict[str, str],
                           allow_new: bool) -> None:
    """Rows whose name matched nothing: listed with suggestions, or (chosen as new, or with
    `allow_new`) given a new code, one per normalised name. Column-wise: each distinct name is
    looked at once, and codes reach the rows through one mapping."""
    frame = plan.read.frame
    if frame.empty:
        return
    codes = frame["indicator_code"]
    unnamed = codes.isna()
    if unnamed.any():
        _assign_unnamed(plan, frame, unnamed, catalogue, choices, allow_new)
    coded_new = frame["indicator_code"].notna() & ~frame["indicator_code"].isin(list(catalogue))
    known_new = {n["code"] for n in plan.new_indicators}
    firsts = frame.loc[coded_new, ["indicator_code", "indicator_name", "unit"]].drop_duplicates("indicator_code")
    for code, name, unit in firsts[~firsts["indicator_code"].isin(known_new)].itertuples(index=False):
        plan.new_indicators.append(_new_entry(code, name, unit))


def _assign_unnamed(plan, frame, unnamed, catalogue, choices, allow_new) -> None:
    names = frame.loc[unnamed, "indicator_name"]
    counts = names.value_counts(sort=False)
    units = frame.loc[unnamed, ["indicator_name", "unit"]].drop_duplicates("indicator_name").set_index(
        "indicator_name")["unit"]
    matcher = NameMatcher(catalogue)
    taken, by_key, code_of = set(catalogue), {}, {}
    for name, rows in counts.items():
        if not (allow_new or choices.get(name) == NEW_INDICATOR):
            plan.unmatched.append({"name": name, "unit": units.get(name), "rows": int(rows),
                                   "suggestions": matcher.suggest(name)})
            continue
        if not isinstance(units.get(name), str):
            plan.read.problems.append(Problem("chỉ tiêu mới cần có cả tên chỉ tiêu và đơn vị tính", value=name))
            continue
        key = matcher.key(name) or fold(name)
        if key not in by_key:
            by_key[key] = _new_code(name, taken)
            plan.new_indicators.append(_new_entry(by_key[key], name, units.get(name)))
        code_of[name] = by_key[key]
    if code_of:
        frame.loc[unnamed, "indicator_code"] = names.map(code_of)


def _new_entry(code: str, name: str, unit) -> dict:
    return {"code": code, "name": name, "unit": unit, "group_name": UNGROUPED, "direction": "higher",
            "comparable": False, "is_focus_task": False, "description": None}


WRITE_LOCK = threading.Lock()  # one writer at a time within a process; DuckDB's file lock across processes


def commit_import(con: duckdb.DuckDBPyConnection, plan: ImportPlan, user: str,
                  archive_from: Path | None = None, archive_dir: Path | None = None,
                  progress: Progress = _silent) -> int:
    """Write a checked plan in one transaction; returns the import's id.

    With `archive_from` and `archive_dir`, the uploaded file is copied into the archive before the
    transaction and the import is written in the archive's journal after it, so a rebuild replays it
    (indicators.store.archive).
    """
    if not plan.ok:
        raise ValueError("refusing to commit a plan with errors")
    if plan.unmatched:
        raise ValueError("refusing to commit a plan with indicator names not yet matched or confirmed as new")
    if plan.already_imported:
        return plan.already_imported
    rows = plan.rows if plan.rows is not None else rows_frame(plan.read.frame)
    progress("write", len(rows))
    line = None
    if archive_from is not None and archive_dir is not None:
        kept = archive.keep_file(Path(archive_dir), Path(archive_from), plan.sha256, plan.file_name)
        line = archive.import_line(sha256=plan.sha256, file=kept, file_name=plan.file_name, user=user, **plan.options)
    with WRITE_LOCK:
        import_id = _commit(con, plan, user, rows, line)
    if line is not None:
        archive.append_line(Path(archive_dir), line)
    return import_id



def _commit(con, plan: ImportPlan, user: str, rows: pd.DataFrame, line: str | None) -> int:
    con.execute("BEGIN TRANSACTION")
    try:
        store.upsert_indicators(con, plan.new_indicators)
        store.add_place_units(con, sorted(rows["district"].unique()))  # communes, the province: units from now
        if plan.aliases:
            run_write(con, "add_indicator_aliases", codes=[a["code"] for a in plan.aliases],
                      names=[a["name"] for a in plan.aliases])
        (import_id,), = run_write(con, "insert_import", file_name=plan.file_name, sha256=plan.sha256,
                                  imported_by=user, rows_read=len(rows), facts_new=plan.facts_new,
                                  facts_changed=plan.facts_changed + plan.facts_confirmed,  # the log's one count
                                  facts_unchanged=plan.facts_unchanged)
        run_write(con, "insert_history", relations={"incoming_rows": as_arrow(rows)}, import_id=import_id)
        _refresh_after_import(con, import_id)
        if line is not None:  # the journal line, kept with the import it describes
            run_write(con, "record_archive_event", line=line)
        pause_before_commit_for_tests()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return import_id


def refresh_current(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute facts_current for the keys in the work table affected_keys, which a collect_keys_*
    write fills, from the history of imports not undone (which report wins: see the .sql file)."""
    run_write(con, "delete_current_of_affected_keys")
    run_write(con, "insert_current_of_affected_keys")


def _refresh_after_import(con: duckdb.DuckDBPyConnection, import_id: int) -> None:
    """Keys already stored go through refresh_current; keys this import brings for the first time
    (the usual case for a new quarter) are current as given, inserted straight from its rows
    without re-reading millions of history rows."""
    (seen,), = run_write(con, "collect_keys_seen_before", import_id=import_id)
    if seen:
        refresh_current(con)
    run_write(con, "insert_current_of_new_keys", import_id=import_id)
    run_write(con, "forget_affected_keys")
    refresh_fact_counts(con, import_id)


def refresh_fact_counts(con: duckdb.DuckDBPyConnection, import_id: int) -> None:
    """Recount fact_counts for the periods an import (or its undo) touched, in the same transaction."""
    run_write(con, "collect_touched_periods", import_id=import_id)
    run_write(con, "delete_counts_of_touched_periods")
    (first_year,), = fetch(con, f"{STORE}/first_touched_year")
    run_write(con, "insert_counts_of_touched_periods", first_year=first_year)
    run_write(con, "forget_touched_periods")


def undo_import(con: duckdb.DuckDBPyConnection, import_id: int, user: str = "",
                archive_dir: Path | None = None) -> int:
    """Take an import back: its values leave the current figures, history keeps them marked undone,
    and the catalogue entries it alone created go (forget_indicators_of_import.sql). With
    `archive_dir`, the undo is written in the archive's journal, so a replay undoes it too."""
    rows = fetch(con, f"{STORE}/import_state", import_id=import_id)
    if not rows:
        raise LookupError(f"Không có lần nhập số {import_id}.")
    if rows[0][0] is not None:
        raise LookupError(f"Lần nhập số {import_id} đã được hoàn tác trước đó.")
    line = archive.undo_line(sha256=rows[0][1], user=user) if archive_dir is not None else None
    with WRITE_LOCK:
        _undo(con, import_id, line)
    if line is not None:
        archive.append_line(Path(archive_dir), line)
    return import_id


def _undo(con, import_id: int, line: str | None) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        run_write(con, "mark_import_undone", import_id=import_id)
        run_write(con, "collect_keys_of_import", import_id=import_id)
        refresh_current(con)
        run_write(con, "forget_affected_keys")
        refresh_fact_counts(con, import_id)
        run_write(con, "forget_indicators_of_import", import_id=import_id, ungrouped=UNGROUPED)
        if line is not None:
            run_write(con, "record_archive_event", line=line)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def problems_text(problems: list[Problem], limit: int = 50) -> str:
    lines = [f"- {p.describe()}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"- … và {len(problems) - limit} vấn đề khác")
    return "\n".join(lines)
