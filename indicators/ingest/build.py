"""Building the database from the shipped spreadsheets in data/."""
from __future__ import annotations

import os
from pathlib import Path

from indicators.ingest.catalogue import CATALOGUE_FILE, read_catalogue
from indicators.ingest.importer import commit_import, plan_import, problems_text
from indicators.store import database as store

SHIPPED_BY = "build"  # imports.imported_by of the reports shipped in data/, loaded when the database is built


class BuildError(Exception):
    """A shipped file was rejected; the message lists every problem."""


def shipped_data_files(data_dir: Path = store.DATA_DIR) -> list[Path]:
    return sorted(p for p in Path(data_dir).glob("*.xlsx") if p.name != CATALOGUE_FILE and not p.name.startswith("~$"))


def build_database(db_path: Path, data_dir: Path = store.DATA_DIR) -> dict:
    """Create the database afresh from data/, then swap it into place.

    Built beside the target and renamed at the end, so readers never see a
    half-built file and a failed build leaves the old database as it was.
    """
    db_path = Path(db_path)
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
    return {"files": len(files), "indicators": len(entries), "facts": facts, "history": history}


def ensure_database(db_path: Path | None = None) -> Path:
    """The app's first start builds the database from data/ when it is missing."""
    db_path = Path(db_path or store.default_db_path())
    if not db_path.exists():
        build_database(db_path)
    return db_path
