"""The DuckDB store: where it lives, its migrations, its reference tables and catalogue."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import duckdb

from indicators.periods import PERIODS
from indicators.store.named import STORE, fetch, run_write

STORE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = STORE_DIR.parent.parent
DATA_DIR = PROJECT_DIR / "data"
MIGRATIONS_DIR = STORE_DIR / "migrations"
PLACES_DIR = DATA_DIR / "places"  # written by `python -m indicators places` (ingest/places_source.py)
DISTRICTS = ("Văn Quan", "Bắc Sơn", "Tràng Định")
# DuckDB's buffer pool would otherwise grow towards 80% of the machine's memory
MEMORY_LIMIT = os.environ.get("INDICATORS_DUCKDB_MEMORY", "512MB")
CATALOGUE_FIELDS = ("code", "name", "unit", "group_name", "direction", "comparable", "is_focus_task", "description",
                    "scope", "aliases")


class StoreBusy(Exception):
    """Another program has the database file open; the message is Vietnamese and says what to do."""


class StoreDamaged(Exception):
    """The database file is truncated or not a database; the message is Vietnamese and says what to do."""


def busy_message(db_path: Path | str, exc: Exception) -> str:
    """Who holds the file (DuckDB names the program and its PID) and what to do about it."""
    held = re.search(r"held in (.+?) \(PID (\d+)\)", str(exc))
    who = f" (chương trình {Path(held.group(1)).name}, PID {held.group(2)})" if held else ""
    return (f"Tệp cơ sở dữ liệu '{db_path}' đang được một chương trình khác mở{who}: khi một chương trình đang "
            "mở tệp, chương trình khác không ghi được vào đó. Có thể đó là bảng điều khiển đang chạy, một lệnh "
            "nhập hoặc sao lưu chưa xong. Hãy đợi lệnh đó xong hoặc dừng chương trình đó rồi chạy lại; khi bảng "
            "điều khiển đang chạy, hãy nhập số liệu qua trang Tải số liệu.")


def damaged_message(db_path: Path | str) -> str:
    return (f"Tệp cơ sở dữ liệu '{db_path}' bị hỏng hoặc không đầy đủ (có thể do sao chép dở dang, ổ đĩa đầy "
            "hoặc tắt máy đột ngột). Số liệu không mất: hãy chạy 'python -m indicators rebuild' để xây dựng lại từ "
            "data/ và kho tệp tải lên, hoặc 'python -m indicators restore THƯ_MỤC_SAO_LƯU' để khôi phục từ bản sao "
            "lưu.")


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
        except duckdb.Error as exc:
            if "permission denied" in str(exc).lower():
                raise StoreDamaged(f"Không có quyền mở tệp cơ sở dữ liệu '{db_path}'; hãy chạy bằng tài khoản "
                                   "sở hữu tệp hoặc sửa quyền của tệp.") from exc
            if "lock" not in str(exc).lower():
                raise StoreDamaged(damaged_message(db_path)) from exc
            if time.monotonic() >= deadline:
                raise StoreBusy(busy_message(db_path, exc)) from exc
            time.sleep(0.2)


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the numbered migrations not yet applied; returns their names."""
    run_write(con, "create_migration_log")
    done = {name for (name,) in fetch(con, f"{STORE}/applied_migrations")}
    applied = []
    for path in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")):
        if path.name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            run_write(con, "record_migration", name=path.name)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(path.name)
    _ensure_reference_rows(con)
    return applied


def _ensure_reference_rows(con: duckdb.DuckDBPyConnection) -> None:
    """Periods and districts the package knows, added where missing, so a database made by an older
    version gains new ones on its next start."""
    periods = list(PERIODS.values())
    run_write(con, "add_periods", codes=[p.code for p in periods], labels=[p.label for p in periods],
              months=[p.months for p in periods], cumulative=[p.cumulative for p in periods],
              sort_orders=[p.sort_order for p in periods])
    add_districts(con, list(DISTRICTS))
    _ensure_places(con)


def _ensure_places(con: duckdb.DuckDBPyConnection) -> None:
    """Lạng Sơn's places and the bridge across the 2025 reform, loaded from the committed CSVs into
    empty tables (a migration cannot know where the project lies), then the units' codes filled in."""
    (places, bridge), = fetch(con, f"{STORE}/place_count")
    if not places:
        run_write(con, "load_places", path=str(PLACES_DIR / "places.csv"))
    if not bridge:
        run_write(con, "load_place_bridge", path=str(PLACES_DIR / "bridge.csv"))
    run_write(con, "fill_unit_columns")


def add_place_units(con: duckdb.DuckDBPyConnection, names: list[str]) -> None:
    """Places a file brings figures for become reporting units (ordered as in places) where missing."""
    run_write(con, "add_place_units", names=names)


def add_districts(con: duckdb.DuckDBPyConnection, names: list[str]) -> None:
    """Reporting units added where missing, ordered as given."""
    run_write(con, "add_districts", names=names, sort_orders=list(range(1, len(names) + 1)))


def district_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [name for (name,) in fetch(con, f"{STORE}/district_names")]


def load_catalogue(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    return {r[0]: dict(zip(CATALOGUE_FIELDS, r)) for r in fetch(con, f"{STORE}/catalogue_entries")}


def upsert_indicators(con: duckdb.DuckDBPyConnection, entries: list[dict]) -> None:
    """Insert or update catalogue entries (one SQL statement for all)."""
    if not entries:
        return
    import pandas as pd

    frame = pd.DataFrame([{f: e.get(f) for f in CATALOGUE_FIELDS} for e in entries])
    run_write(con, "upsert_indicators", relations={"new_indicators": frame})


def data_version(con: duckdb.DuckDBPyConnection) -> tuple:
    """Changes whenever an import or undo lands; cache keys use it."""
    return fetch(con, f"{STORE}/data_version")[0]
