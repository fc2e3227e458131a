"""Imports: our read, check, preview and commit of an .xlsx in the upload template, beside the naive
read_excel plus one bulk insert of the frame, and the command-line import's peak memory."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd

from bench import synthetic
from bench.stats import REPEATS
from indicators.ingest.importer import commit_import, plan_import
from indicators.store import database as store


def bench_import(db: Path, xlsx: Path) -> float:
    """Our import as the upload page runs it: read, check, preview, commit."""
    con = store.connect(db)
    start = time.perf_counter()
    plan = plan_import(con, xlsx)
    if not plan.ok:
        raise RuntimeError(plan.read.errors[:3])
    commit_import(con, plan, "bench")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def fresh_copy(db: Path, copy: Path) -> None:
    """A copy of the scale's database for one import, flushed to disk first: otherwise the import's
    COMMIT would also wait for the operating system to write out the benchmark's own copy."""
    shutil.copy(db, copy)
    os.sync()


def naive_import(xlsx: Path, skiprows: int = 0) -> float:
    """pandas read_excel (openpyxl) of every sheet, then one bulk insert of the frame into DuckDB: what
    anyone would pick (a per-row INSERT would flatter us); nothing checked. `skiprows` skips title rows."""
    con = duckdb.connect()
    start = time.perf_counter()
    sheets = pd.read_excel(xlsx, engine="openpyxl", sheet_name=None, skiprows=skiprows)
    frame = pd.concat(sheets.values(), ignore_index=True)  # noqa: F841 (DuckDB reads it by name)
    con.execute("CREATE TABLE facts AS SELECT * FROM frame")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


_PEAK_AFTER_IMPORT = (
    "import sys, runpy\n"
    "sys.argv = ['indicators'] + sys.argv[1:]\n"
    "try:\n"
    "    runpy.run_module('indicators', run_name='__main__')\n"
    "except SystemExit as done:\n"
    "    assert not done.code, done.code\n"
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
    "print('PEAK_KB', hwm)\n"
)


def import_peak_rss_mb(db: Path, xlsx: Path, *options: str) -> float:
    """Peak memory (VmHWM) of the command-line import, the upload page's code path, in a fresh
    process. (rusage's ru_maxrss would also count the benchmark's own memory copied at fork.)"""
    out = subprocess.run([sys.executable, "-c", _PEAK_AFTER_IMPORT, "import", str(xlsx), "--db", str(db),
                          "--user", "bench", *options], cwd=store.PROJECT_DIR, capture_output=True, text=True, check=True,
                         env={**os.environ, "INDICATORS_UPLOADS": str(db.parent / "up")})
    line = next(l for l in out.stdout.splitlines() if l.startswith("PEAK_KB"))
    return int(line.split()[1]) / 1024


def bench_imports(name: str, db: Path, folder: Path, import_sizes: list[int], naive_done: dict) -> dict:
    """Each import size at one scale, into fresh copies of its database; the naive import does not
    depend on the scale, so `naive_done` keeps it from the first scale that measured it."""
    scale = synthetic.SCALES[name]
    out = {}
    for rows in import_sizes:
        print(f"[{name}] nhập {rows:,} dòng", flush=True)
        xlsx = folder / f"import_{name}_{rows}.xlsx"
        synthetic.write_import_file(xlsx, scale, rows)
        copy = folder / f"import_{name}.duckdb"
        ours = []
        for _ in range(REPEATS):
            fresh_copy(db, copy)
            ours.append(bench_import(copy, xlsx))
        fresh_copy(db, copy)
        peak = import_peak_rss_mb(copy, xlsx)
        if rows not in naive_done:
            naive_done[rows] = naive_import(xlsx)
        out[rows] = {"ours_s": statistics.median(ours), "ours_runs_s": ours,
                     "naive_s": naive_done[rows], "peak_mb": peak}
        copy.unlink()
        xlsx.unlink()
    return out
