"""Building the database from the shipped spreadsheets in data/."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from indicators.ingest.catalogue import CATALOGUE_FILE, read_catalogue
from indicators.ingest.importer import commit_import, plan_import, problems_text, undo_import
from indicators.store import archive
from indicators.store import database as store
from indicators.store.named import STORE, fetch

SHIPPED_BY = "build"  # imports.imported_by of the reports shipped in data/, loaded when the database is built


class BuildError(Exception):
    """A shipped file was rejected; the message lists every problem."""


def shipped_data_files(data_dir: Path = store.DATA_DIR) -> list[Path]:
    return sorted(p for p in Path(data_dir).glob("*.xlsx") if p.name != CATALOGUE_FILE and not p.name.startswith("~$"))


def build_database(db_path: Path, data_dir: Path = store.DATA_DIR, archive_dir: Path | None = None) -> dict:
    """Create the database afresh from data/, replay the upload archive's journal on top (every
    accepted upload and undo, in order), then swap it into place.

    Built beside the target and renamed at the end, so readers never see a
    half-built file and a failed build leaves the old database as it was.
    """
    db_path = Path(db_path)
    archive_dir = Path(archive_dir) if archive_dir is not None else store.archive_dir(db_path)
    journal = archive.events(archive_dir)  # read first: a damaged journal stops the build, nothing replaced
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(db_path.name + ".tmp")
    for leftover in (tmp, Path(str(tmp) + ".wal")):
        leftover.unlink(missing_ok=True)
    con = store.connect(tmp)
    try:
        store.migrate(con)
        entries, problems = read_catalogue(Path(data_dir) / CATALOGUE_FILE)
        if problems:
            raise BuildError(f"{CATALOGUE_FILE}:\n{problems_text(problems)}")
        store.upsert_indicators(con, entries)
        files = shipped_data_files(data_dir)
        for path in files:
            plan = plan_import(con, path)
            if not plan.ok:
                raise BuildError(f"{path.name}:\n{problems_text(plan.read.errors)}")
            if plan.unmatched:  # a shipped report names its indicators by the catalogue: say which do not
                raise BuildError(f"{path.name}: tên chỉ tiêu không khớp danh mục:\n{plan.unmatched_text()}")
            commit_import(con, plan, user=SHIPPED_BY)
        replayed, skipped = replay(con, archive_dir, journal)
        facts = con.execute("SELECT count(*) FROM indicator_facts").fetchone()[0]
        history = con.execute("SELECT count(*) FROM fact_history").fetchone()[0]
        con.execute("CHECKPOINT")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    Path(str(db_path) + ".wal").unlink(missing_ok=True)
    os.replace(tmp, db_path)
    return {"files": len(files), "indicators": len(entries), "facts": facts, "history": history,
            "replayed": replayed, "skipped": skipped}


def replay(con, archive_dir: Path, journal: list[archive.Event]) -> tuple[int, list[str]]:
    """Apply the archive's journal: each upload imported as its editor confirmed it, each undo undone.
    An entry that no longer applies is named in the returned list (its file stays in the archive)."""
    done, skipped = 0, []
    for event in journal:
        if event.event == "undo":
            (import_id,), = fetch(con, f"{STORE}/import_of_file", sha256=event.sha256)
            if import_id is None:
                skipped.append(f"hoàn tác tệp có mã băm {event.sha256[:16]}…: không còn lần nhập nào của tệp này")
                continue
            undo_import(con, import_id)
            done += 1
            continue
        path = Path(archive_dir) / event.file
        if not path.exists() or archive.sha256_of(path) != event.sha256:
            skipped.append(f"{event.file_name}: tệp trong kho bị thiếu hoặc không khớp mã băm")
            continue
        plan = plan_import(con, path, file_name=event.file_name, year=event.year, period=event.period,
                           choices=event.choices or {}, new_indicators=event.new_indicators)
        if not plan.ready:
            reasons = problems_text(plan.read.errors) or plan.unmatched_text()
            skipped.append(f"{event.file_name} (nhập lúc {event.at}, {event.user}): không còn nhập được:\n{reasons}")
            continue
        commit_import(con, plan, user=event.user)
        done += 1
    return done, skipped


def ensure_database(db_path: Path | None = None) -> Path:
    """The app's first start builds the database from data/ when it is missing, with every upload
    kept in the archive replayed on top, and says so on standard error when there were any."""
    db_path = Path(db_path or store.default_db_path())
    if not db_path.exists():
        stats = build_database(db_path)
        if stats["replayed"] or stats["skipped"]:
            print(rebuilt_text(db_path, stats), file=sys.stderr, flush=True)
    return db_path


def reconcile_archive(con, archive_dir: Path) -> int:
    """Append to the archive's journal what the database recorded but the journal lacks (a crash just
    after a COMMIT); run when the app or a command opens the database. Returns how many lines were added."""
    return archive.reconcile(Path(archive_dir), [line for (line,) in fetch(con, f"{STORE}/archive_events")])


def rebuilt_text(db_path: Path, stats: dict) -> str:
    """What a build did, in Vietnamese, with the uploads it replayed and any it could not."""
    text = (f"Đã xây dựng {db_path}: {stats['files']} tệp gốc, {stats['indicators']} chỉ tiêu, "
            f"{stats['facts']} số liệu hiện hành, {stats['history']} dòng lịch sử; "
            f"áp dụng lại {stats['replayed']} thao tác từ kho tệp tải lên.")
    if stats["skipped"]:
        text += ("\nKhông áp dụng lại được (tệp vẫn giữ trong kho):\n"
                 + "\n".join(f"- {s}" for s in stats["skipped"]))
    return text
