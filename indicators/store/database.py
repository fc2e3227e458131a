"""The DuckDB store: where it lives, its migrations, its reference tables and catalogue."""
from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb

from indicators.periods import PERIODS

STORE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = STORE_DIR.parent.parent
DATA_DIR = PROJECT_DIR / "data"
MIGRATIONS_DIR = STORE_DIR / "migrations"
DISTRICTS = ("Văn Quan", "Bắc Sơn", "Tràng Định")
# DuckDB's buffer pool would otherwise grow towards 80% of the machine's memory
MEMORY_LIMIT = os.environ.get("INDICATORS_DUCKDB_MEMORY", "512MB")
CATALOGUE_FIELDS = ("code", "name", "unit", "group_name", "direction", "comparable", "is_focus_task", "description")


class StoreBusy(Exception):
    """Another program holds the database for writing; the message is Vietnamese."""


def default_db_path() -> Path:
    """INDICATORS_DB when set, else data/indicators.duckdb (git-ignored)."""
    return Path(os.environ.get("INDICATORS_DB") or DATA_DIR / "indicators.duckdb")


def archive_dir(db_path: Path | str) -> Path:
    """Uploaded files are kept beside the database (git-ignored), one per import."""
    return Path(os.environ.get("INDICATORS_UPLOADS") or Path(db_path).parent / "uploads")


def connect(db_path: Path | str, read_only: bool = False, wait_seconds: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open the database; when another process holds it, retry for up to `wait_seconds`,
    so two command-line imports started together run one after the other."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(db_path), read_only=read_only, config={"memory_limit": MEMORY_LIMIT})
            con.execute("SET enable_progress_bar = false")  # it would print into the server's log
            return con
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(
                    "Cơ sở dữ liệu đang được một chương trình khác ghi (có thể là ứng dụng đang chạy); "
                    "hãy thử lại sau hoặc nhập qua trang Tải số liệu của ứng dụng."
                ) from exc
            time.sleep(0.2)


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the numbered migrations not yet applied; returns their names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT now())"
    )
    done = {r[0] for r in con.execute("SELECT name FROM schema_migrations").fetchall()}
    applied = []
    for path in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")):
        if path.name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [path.name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(path.name)
    _ensure_reference_rows(con)
    return applied


def _ensure_reference_rows(con: duckdb.DuckDBPyConnection) -> None:
    for p in PERIODS.values():
        con.execute(
            "INSERT INTO periods VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [p.code, p.label, p.months, p.cumulative, p.sort_order],
        )
    for order, name in enumerate(DISTRICTS, start=1):
        con.execute("INSERT INTO districts VALUES (?, ?) ON CONFLICT DO NOTHING", [name, order])


def district_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT name FROM districts ORDER BY sort_order, name").fetchall()]


def load_catalogue(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    rows = con.execute(f"SELECT {', '.join(CATALOGUE_FIELDS)} FROM indicators").fetchall()
    return {r[0]: dict(zip(CATALOGUE_FIELDS, r)) for r in rows}


def upsert_indicators(con: duckdb.DuckDBPyConnection, entries: list[dict]) -> None:
    """Insert or update catalogue entries (one SQL statement for all)."""
    if not entries:
        return
    import pandas as pd

    frame = pd.DataFrame([{f: e.get(f) for f in CATALOGUE_FIELDS} for e in entries])
    con.register("new_indicators", frame)
    try:
        con.execute(
            f"""INSERT INTO indicators SELECT {', '.join(CATALOGUE_FIELDS)} FROM new_indicators
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, unit = excluded.unit,
              group_name = excluded.group_name, direction = excluded.direction,
              comparable = excluded.comparable, is_focus_task = excluded.is_focus_task,
              description = excluded.description"""
        )
    finally:
        con.unregister("new_indicators")


def data_version(con: duckdb.DuckDBPyConnection) -> tuple:
    """Changes whenever an import or undo lands; cache keys use it."""
    return con.execute(
        "SELECT count(*), max(id), count(undone_at), max(undone_at)::VARCHAR FROM imports"
    ).fetchone()
