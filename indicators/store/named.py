"""Named .sql files in queries/, run with bound parameters only.

Each file starts with a header comment naming its parameters and output columns:

    -- params: year INTEGER, period VARCHAR
    -- columns: district, indicator_code, actual
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from indicators.store.database import PROJECT_DIR

QUERIES_DIR = PROJECT_DIR / "queries"


@dataclass(frozen=True)
class Query:
    name: str
    sql: str
    params: tuple[str, ...]
    columns: tuple[str, ...]


def _header_list(sql: str, key: str) -> tuple[str, ...]:
    match = re.search(rf"^--\s*{key}:(.*)$", sql, re.MULTILINE)
    if not match or match.group(1).strip() in ("", "none"):
        return ()
    return tuple(part.strip().split()[0] for part in match.group(1).split(",") if part.strip())


@functools.cache
def load_query(name: str) -> Query:
    path = QUERIES_DIR / f"{name}.sql"
    sql = path.read_text(encoding="utf-8")
    return Query(name, sql, _header_list(sql, "params"), _header_list(sql, "columns"))


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql with exactly its declared parameters, bound (never formatted in)."""
    query = load_query(name)
    if set(params) != set(query.params):
        raise TypeError(f"{name}.sql takes {query.params}, got {tuple(params)}")
    return con.execute(query.sql, params).df() if params else con.execute(query.sql).df()
