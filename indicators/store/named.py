"""Named .sql files in queries/, run with bound parameters only.

Each file starts with a header comment naming its parameters and output columns, and, when it
reads a frame the caller registers or a work table an earlier statement made, those relations:

    -- params: year INTEGER, period VARCHAR
    -- relations: incoming_rows
    -- columns: district, indicator_code, actual

queries/*.sql are what pages read; queries/store/ what the store and importer read for themselves;
queries/writes/ every statement that changes the database, one statement a file.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:  # DuckDB makes the frames; the store need not import pandas to open a database
    import pandas as pd

# Found from this file rather than from database.py, which runs its own statements through here.
QUERIES_DIR = Path(__file__).resolve().parent.parent.parent / "queries"
WRITES = "writes"
STORE = "store"


@dataclass(frozen=True)
class Query:
    name: str
    sql: str
    params: tuple[str, ...]
    columns: tuple[str, ...]
    relations: tuple[str, ...] = ()


def _header_list(sql: str, key: str) -> tuple[str, ...]:
    match = re.search(rf"^--\s*{key}:(.*)$", sql, re.MULTILINE)
    if not match or match.group(1).strip() in ("", "none"):
        return ()
    return tuple(part.strip().split()[0] for part in match.group(1).split(",") if part.strip())


@functools.cache
def load_query(name: str) -> Query:
    """queries/<name>.sql; `name` may name a sub-folder, as in "writes/insert_history"."""
    path = QUERIES_DIR / f"{name}.sql"
    sql = path.read_text(encoding="utf-8")
    return Query(name, sql, _header_list(sql, "params"), _header_list(sql, "columns"),
                 _header_list(sql, "relations"))


def query_names(folder: str = "") -> list[str]:
    """The files of one folder: the pages' reads by default, else e.g. query_names(WRITES)."""
    prefix = f"{folder}/" if folder else ""
    return sorted(prefix + p.stem for p in (QUERIES_DIR / folder).glob("*.sql"))


def _execute(con: duckdb.DuckDBPyConnection, name: str, relations: dict | None, params: dict, take):
    """Bind the declared parameters, register the given frames under their declared names for
    this statement only, and take the result before the frames go (unregistering discards it)."""
    query = load_query(name)
    if set(params) != set(query.params):
        raise TypeError(f"{name}.sql takes {query.params}, got {tuple(params)}")
    relations = relations or {}
    if not set(relations) <= set(query.relations):
        raise TypeError(f"{name}.sql declares relations {query.relations}, got {tuple(relations)}")
    for relation, frame in relations.items():
        con.register(relation, frame)
    try:
        return take(con.execute(query.sql, params) if params else con.execute(query.sql))
    finally:
        for relation in relations:
            con.unregister(relation)


def _refuse_writes(name: str) -> None:
    if name.startswith(f"{WRITES}/"):
        raise ValueError(f"{name}.sql changes the database: run it with run_write")


def run_query(con: duckdb.DuckDBPyConnection, name: str, /, *, relations: dict | None = None,
              **params) -> pd.DataFrame:
    """Run queries/<name>.sql with exactly its declared parameters, bound (never formatted in)."""
    _refuse_writes(name)
    return _execute(con, name, relations, params, lambda result: result.df())


def fetch(con: duckdb.DuckDBPyConnection, name: str, /, *, relations: dict | None = None,
          **params) -> list[tuple]:
    """run_query's rows as plain tuples, for the store's small look-ups where a DataFrame is overhead."""
    _refuse_writes(name)
    return _execute(con, name, relations, params, lambda result: result.fetchall())


def run_write(con: duckdb.DuckDBPyConnection, name: str, /, *, relations: dict | None = None,
              **params) -> list[tuple]:
    """Run queries/writes/<name>.sql; returns its RETURNING rows, or DuckDB's count of rows changed."""
    return _execute(con, f"{WRITES}/{name}", relations, params, lambda result: result.fetchall())
