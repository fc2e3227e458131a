"""The dashboard's state, in one object per database: its connection, the results caches and
the data version, the way every Datasette view reaches its `Datasette` instance.

Pages get it with one call, `dashboard()`, and ask it for what they draw; nothing else in the
app keeps a connection or a cache of its own.
"""
from __future__ import annotations

import hashlib
import pickle
import threading
from pathlib import Path
from typing import Any, Callable

import duckdb
import pandas as pd
import streamlit as st

from indicators.app.cache import VersionedCache
from indicators.ingest.build import ensure_database, reconcile_archive
from indicators.store import database as store
from indicators.store.named import run_query
from indicators.views import tables

_VERSION_KEY = "_data_version"


class Dashboard:
    """One database as the app sees it. Shared by every session of the server process: its
    connection hands out a cursor per caller (cursors are safe per thread), and its caches hold
    results for the current data version only, so an import or undo drops them all at once."""

    def __init__(self, db_path: Path | str, con: duckdb.DuckDBPyConnection | None = None):
        self.db_path = str(Path(db_path).resolve())
        self._con = con
        self._opening = threading.Lock()
        self.results = VersionedCache()
        self.briefings = VersionedCache(max_entries=16)  # large HTML files: one per period and districts

    # ---- the connection and the data version ------------------------------------------------

    def connection(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the process-wide connection, opened (and the database built) on first use."""
        if self._con is None:
            with self._opening:
                if self._con is None:
                    self._con = self._open()
        return self._con.cursor()

    def _open(self) -> duckdb.DuckDBPyConnection:
        from indicators.store.archive import ArchiveError

        with st.spinner("Đang chuẩn bị cơ sở dữ liệu…"):
            try:
                ensure_database(Path(self.db_path))
                con = store.connect(self.db_path)
            except (store.StoreBusy, store.StoreDamaged, ArchiveError) as exc:
                st.error(str(exc))  # what to do, in Vietnamese, instead of a traceback
                st.stop()
            store.migrate(con)  # a database built by an earlier version gets the newer migrations
            reconcile_archive(con, store.archive_dir(self.db_path))
            return con

    def data_version(self) -> tuple:
        """Read once per script run (`refresh_data_version` at the top of every page), so every
        cached call in a run agrees on which data it reads."""
        if _VERSION_KEY not in st.session_state:
            self.refresh_data_version()
        return st.session_state[_VERSION_KEY]

    def refresh_data_version(self) -> None:
        """The database's path is part of the version: two databases with the same import history
        (tests, a copy being checked) must never answer from each other's cache."""
        st.session_state[_VERSION_KEY] = (self.db_path, *store.data_version(self.connection()))

    # ---- cached reads ------------------------------------------------------------------------

    def query(self, name: str, **params) -> pd.DataFrame:
        """Run queries/<name>.sql, cached until the data changes (an import or undo)."""
        return self.results.get(self.data_version(), ("query", name, _freeze(params)),
                                lambda: run_query(self.connection(), name, **params))

    def from_database(self, function: Callable, **params) -> Any:
        """A package function of (connection, **params), cached until the data changes; keyed by
        what was asked, not by hashing the frames it works on, so a cached rerun costs almost nothing."""
        return self.results.get(self.data_version(), ("call", _name(function), _freeze(params)),
                                lambda: function(self.connection(), **params))

    def query_tables(self, name: str, columns: list[str], **params) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """A query's rows, and the chosen columns with Vietnamese headers as numbers (for .xlsx) and
        as formatted text (for the screen): cached together, so a rerun formats no cell again."""
        def compute():
            rows = run_query(self.connection(), name, **params)
            return (rows, *tables.both_tables(rows, columns))

        return self.results.get(self.data_version(), ("query_tables", name, tuple(columns), _freeze(params)), compute)

    def figure(self, builder: Callable, *args) -> Any:
        """A chart built once per data version and arguments. Figures are shared between sessions,
        so callers must not change them (meeting mode asks the builder for its large size instead)."""
        return self.results.get(self.data_version(), ("figure", _name(builder), tuple(_key_of(a) for a in args)),
                                lambda: builder(*args))

    def briefing(self, year: int, period: str, districts: list[str]) -> Callable[[], bytes]:
        """The briefing pack's bytes, built only when the download is clicked."""
        from indicators.views.briefing import build_briefing

        version = self.data_version()
        key = (year, period, tuple(districts))
        return lambda: self.briefings.get(version, key, lambda: build_briefing(
            self.connection(), year, period, list(districts)).encode("utf-8"))

    def forget_results(self) -> None:
        """Drop every computed result (the benchmark's "new filter" runs start from here)."""
        self.results.clear()
        self.briefings.clear()

    def close(self) -> None:
        """Let go of the database, so another process can open it for writing."""
        self.forget_results()
        with self._opening:
            if self._con is not None:
                self._con.close()
                self._con = None


_DASHBOARDS: dict[str, Dashboard] = {}
_REGISTRY_LOCK = threading.Lock()


def dashboard() -> Dashboard:
    """The state of the database this server shows (INDICATORS_DB, else data/indicators.duckdb)."""
    path = str(store.default_db_path().resolve())
    found = _DASHBOARDS.get(path)
    if found is None:
        with _REGISTRY_LOCK:
            found = _DASHBOARDS.setdefault(path, Dashboard(path))
    return found


def install(db_path: Path | str, con: duckdb.DuckDBPyConnection) -> Dashboard:
    """Hand over a connection opened and migrated before the server listened (`serve`)."""
    state = Dashboard(db_path, con)
    with _REGISTRY_LOCK:
        _DASHBOARDS[state.db_path] = state
    return state


def close_all() -> None:
    """Forget every dashboard and close their connections (the benchmark between databases)."""
    with _REGISTRY_LOCK:
        states = list(_DASHBOARDS.values())
        _DASHBOARDS.clear()
    for state in states:
        state.close()


def _freeze(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _name(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def frame_fingerprint(frame: pd.DataFrame) -> str:
    """Content hash of a (small) frame for chart cache keys: cheaper than Streamlit's own hashing of
    text columns, and equal for equal content however the frame was built."""
    content = (list(frame.columns), [str(d) for d in frame.dtypes], frame.index.tolist(), frame.to_numpy(dtype=object))
    return hashlib.md5(pickle.dumps(content, protocol=5)).hexdigest()


def _key_of(value):
    if isinstance(value, pd.DataFrame):
        return ("frame", frame_fingerprint(value))
    return tuple(value) if isinstance(value, list) else value
