"""The benchmark's command line: `python -m bench` (or `python -m indicators bench`) writes docs/BENCHMARKS.md.

Synthetic data at three scales (bench/synthetic.py), each in its own database file under
--dir (never the real one). Everything is measured in one run, side by side with the naive
baseline most Streamlit dashboards use: pandas `read_excel` (openpyxl) on every rerun and pandas
filtering/groupby per chart; for imports, `read_excel` plus one bulk insert of the frame.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from bench import synthetic
from bench.browser import bench_browser, bench_streamlit_floor
from bench.imports import bench_imports
from bench.load import previous_load, run_default
from bench.office import bench_office
from bench.pages import bench_pages
from bench.queries import (
    bench_queries,
    load_naive_frame,
    naive_queries,
    naive_rerun_read_seconds,
)
from bench.report import machine, write_report
from bench.stats import PAGE_RUNS, RUNS, median_of_runs
from indicators.store.database import PROJECT_DIR


def build_parser(prog: str = "python -m bench") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="đo hiệu năng trên dữ liệu tổng hợp, ghi docs/BENCHMARKS.md")
    parser.add_argument("--scales", default="S,M,L")
    parser.add_argument("--dir", default=str(PROJECT_DIR / "bench-data"))
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--import-rows", default="10000,100000")
    parser.add_argument("--out", default=str(PROJECT_DIR / "docs" / "BENCHMARKS.md"))
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--load", action="store_true", help="also 50 sessions × 5 minutes over the websocket (bench/load.py)")
    return parser


def main(argv: list[str] | None = None, prog: str = "python -m bench") -> int:
    args = build_parser(prog).parse_args(sys.argv[1:] if argv is None else argv)
    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
    results = run(args.scales.split(","), Path(args.dir), args.runs,
                  [int(n) for n in args.import_rows.split(",")], not args.no_browser)
    # the load figures are measured apart (python -m bench.load); a run without --load keeps the last ones, dated
    results["load"] = run_default() if args.load else previous_load(Path(args.out))
    write_report(results, Path(args.out))
    print(f"Đã ghi {args.out}")
    return 0


def run(scales: list[str], folder: Path, runs: int, import_sizes: list[int], browser: bool) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    results = {"machine": machine(), "runs": runs, "scales": {}}
    if browser:
        print("[Streamlit] ứng dụng tối thiểu có một biểu đồ", flush=True)
        results["streamlit_floor"] = median_of_runs(lambda: bench_streamlit_floor(folder))
    naive_import_done = {}
    for name in scales:
        results["scales"][name] = _run_scale(name, folder, runs, import_sizes, browser, naive_import_done)
    return results


def _run_scale(name: str, folder: Path, runs: int, import_sizes: list[int], browser: bool,
               naive_import_done: dict) -> dict:
    """Every measurement at one scale, on its own synthetic database, deleted afterwards."""
    scale = synthetic.SCALES[name]
    print(f"[{name}] tạo dữ liệu tổng hợp: {scale.facts:,} số liệu", flush=True)
    db = folder / f"bench_{name}.duckdb"
    start = time.perf_counter()
    synthetic.generate(db, scale)
    entry = {"facts": scale.facts, "units": scale.units, "indicators": scale.indicators,
             "periods": scale.periods, "generate_s": time.perf_counter() - start,
             "db_mb": db.stat().st_size / 1024 ** 2}
    print(f"[{name}] truy vấn", flush=True)
    entry["queries"] = bench_queries(db, runs)
    frame = load_naive_frame(db)
    entry["naive_queries"] = naive_queries(frame, db, runs)
    entry["naive_read_s"] = naive_rerun_read_seconds(frame, folder)
    del frame
    print(f"[{name}] trang (AppTest)", flush=True)
    entry["pages"] = bench_pages(db, PAGE_RUNS)
    if browser:
        print(f"[{name}] trình duyệt", flush=True)
        entry["browser"] = median_of_runs(lambda: bench_browser(db))
    entry["imports"] = bench_imports(name, db, folder, import_sizes, naive_import_done)
    entry["office"] = bench_office(name, db, folder, max(import_sizes))
    db.unlink()
    return entry


if __name__ == "__main__":
    sys.exit(main())
