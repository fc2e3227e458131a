"""Files as offices send them (issue 14): saved by LibreOffice Calc, indicator names and no codes,
400 indicators new to the catalogue; the same figures in the wide layout, and with numbers typed as
text ("1.234,5"). Each is imported as the command line does it (--new-indicators), beside the naive
path (pandas `read_excel` with openpyxl, then one bulk insert of the frame into DuckDB, no checks)
and the floor (a bare python-calamine read of the same file)."""
from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from bench import synthetic
from bench.imports import fresh_copy, import_peak_rss_mb, naive_import
from bench.stats import REPEATS
from indicators.ingest.fields import TEMPLATE_HEADER
from indicators.ingest.importer import commit_import, plan_import
from indicators.numbers import format_number
from indicators.periods import PERIODS
from indicators.store import database as store

NEW_INDICATORS = 400
NEW_UNITS = ("công trình", "người", "hộ", "%")
SHAPES = {
    "names": "LibreOffice, tên chỉ tiêu không mã, 400 chỉ tiêu mới",
    "wide": "LibreOffice, bảng theo cột huyện (một trang mỗi kỳ), 400 chỉ tiêu mới",
    "text_numbers": "LibreOffice, tên không mã, số ghi dạng chữ '1.234,5', 400 chỉ tiêu mới",
}
SHAPE_NAMES = {"names": "names, no codes", "wide": "wide layout", "text_numbers": "text numbers ('1.234,5')"}
TIME_TARGET_S, RATIO_TARGET, PEAK_TARGET_MB = 2.0, 5.0, 600
WIDE_TITLE_ROWS = 2


def indicator_names(scale: synthetic.Scale) -> list[tuple[str, str, float]]:
    """(name as typed, unit as typed, factor to the catalogue's unit): the catalogue's indicators
    written as offices vary them ("Tổng …", a unit in brackets, tỷ đồng for triệu đồng), then the new ones."""
    out = []
    for i in range(1, scale.indicators + 1):
        unit = synthetic.INDICATOR_UNITS[i % 4]
        name = f"Chỉ tiêu tổng hợp số {i}"
        if unit == "triệu đồng" and i % 20 == 0:
            out.append((f"{name} (tỷ đồng)", "tỷ đồng", 1000.0))
            continue
        out.append(([name, f"Tổng {name.lower()}", f"{name} ({unit})"][i % 3], unit, 1.0))
    out += [(f"Chỉ tiêu riêng của địa phương số {j}", NEW_UNITS[j % len(NEW_UNITS)], 1.0)
            for j in range(1, NEW_INDICATORS + 1)]
    return out


def _figures(scale: synthetic.Scale, rows: int, seed: int = 11):
    """(unit name, year, period code, name, unit, plan, actual) for `rows` figures of years after the
    scale's data (all new keys): every indicator of a unit, unit after unit, period after period."""
    rng = random.Random(seed)
    names, units = indicator_names(scale), synthetic.unit_names(scale)
    year, written = synthetic.FIRST_YEAR + scale.years, 0
    while True:
        for period in synthetic.PERIOD_CODES:
            for unit_name in units:
                for name, unit, factor in names:
                    if written == rows:
                        return
                    plan = synthetic.plausible_plan(rng, unit) / factor
                    yield unit_name, year, period, name, unit, plan, round(plan * rng.uniform(0.4, 1.2), 1)
                    written += 1
        year += 1


def write_long(path: Path, scale: synthetic.Scale, rows: int, text_numbers: bool = False) -> Path:
    """The template without its code column; numbers as numbers, or typed as text the Vietnamese way."""
    header = [h for h in TEMPLATE_HEADER if h != "Mã chỉ tiêu"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Số liệu")
    ws.append(header)
    tail = [None] * (len(header) - 7)
    for unit_name, year, period, name, unit, plan, actual in _figures(scale, rows):
        if text_numbers:
            plan, actual = format_number(plan), format_number(actual)
        ws.append([unit_name, year, PERIODS[period].label, name, unit, plan, actual, *tail])
    wb.save(path)
    return path


_TITLES = {"Q1": "QUÝ I NĂM {}", "H1": "6 THÁNG ĐẦU NĂM {}", "9M": "9 THÁNG ĐẦU NĂM {}", "FY": "CẢ NĂM {}"}


def write_wide(path: Path, scale: synthetic.Scale, rows: int) -> Path:
    """One sheet per period: a title naming it, then STT | Chỉ tiêu | Đơn vị tính | one column per unit."""
    figures = {}
    for unit_name, year, period, name, unit, _, actual in _figures(scale, rows):
        figures.setdefault((year, period), {}).setdefault((name, unit), {})[unit_name] = actual
    units = synthetic.unit_names(scale)
    wb = Workbook(write_only=True)
    for (year, period), by_name in figures.items():
        ws = wb.create_sheet(f"{period} {year}")
        ws.append([f"BÁO CÁO CHỈ TIÊU KINH TẾ – XÃ HỘI {_TITLES[period].format(year)}"])
        ws.append([])
        ws.append(["STT", "Chỉ tiêu", "Đơn vị tính", *units])
        for n, ((name, unit), values) in enumerate(by_name.items(), start=1):
            ws.append([n, name, unit, *(values.get(u) for u in units)])
    wb.save(path)
    return path


def save_with_libreoffice(path: Path) -> str:
    """Re-save the workbook with LibreOffice Calc, as an office would; returns who wrote the file."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return "openpyxl (LibreOffice not installed: not re-saved)"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                        "xlsx:Calc MS Excel 2007 XML", "--outdir", f"{tmp}/out", str(path)],
                       check=True, capture_output=True, timeout=900)
        shutil.move(f"{tmp}/out/{path.name}", path)
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True, check=False).stdout.split()
    return "LibreOffice Calc " + (version[1] if len(version) > 1 else "")


def calamine_floor(xlsx: Path) -> float:
    """A bare python-calamine read of every sheet: no reader does less."""
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    workbook = CalamineWorkbook.from_path(str(xlsx))
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python()
    return time.perf_counter() - start


def ours(db: Path, xlsx: Path) -> tuple[float, dict]:
    """Our import as the command line runs it with --new-indicators: read, check, match, compare, commit."""
    con = store.connect(db)
    start = time.perf_counter()
    plan = plan_import(con, xlsx, new_indicators=True)
    if not plan.ready:
        raise RuntimeError(plan.read.errors[:3] or plan.unmatched[:3])
    commit_import(con, plan, "bench")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed, {"figures": len(plan.rows), "new_indicators": len(plan.new_indicators),
                     "warnings": len(plan.read.warnings)}


def bench_office(name: str, db: Path, folder: Path, rows: int) -> dict:
    """Each office shape at one scale: written, re-saved by LibreOffice, then the floor, ours (median
    of REPEATS, each on a fresh copy of the scale's database), the naive path and our peak memory,
    one after the other in this run."""
    scale = synthetic.SCALES[name]
    out = {}
    for shape in SHAPES:
        print(f"[{name}] tệp văn phòng '{shape}': {rows:,} số liệu", flush=True)
        xlsx = folder / f"office_{name}_{shape}.xlsx"
        if shape == "wide":
            write_wide(xlsx, scale, rows)
        else:
            write_long(xlsx, scale, rows, text_numbers=shape == "text_numbers")
        writer = save_with_libreoffice(xlsx)
        copy = folder / f"office_{name}.duckdb"
        floor = statistics.median(calamine_floor(xlsx) for _ in range(REPEATS))
        runs, counts = [], {}
        for _ in range(REPEATS):
            fresh_copy(db, copy)
            elapsed, counts = ours(copy, xlsx)
            runs.append(elapsed)
        naive = naive_import(xlsx, skiprows=WIDE_TITLE_ROWS if shape == "wide" else 0)
        fresh_copy(db, copy)
        peak = import_peak_rss_mb(copy, xlsx, "--new-indicators")
        out[shape] = {"rows": rows, "writer": writer, "file_mb": xlsx.stat().st_size / 1024 ** 2, **counts,
                      "ours_s": statistics.median(runs), "ours_runs_s": runs, "naive_s": naive,
                      "floor_s": floor, "peak_mb": peak}
        copy.unlink()
        xlsx.unlink()
    return out


def office_targets(name: str, office: dict, spread) -> list[tuple[str, str, bool | None]]:
    """Issue 14's targets for each office shape, with the floor beside them (reported, not judged)."""
    rows = []
    for shape, t in office.items():
        ratio = t["naive_s"] / t["ours_s"]
        rows.append(((f"{name}: {t['rows']:,}-row office file ({SHAPE_NAMES[shape]}; {t['writer']}) imported "
                      f"in < {TIME_TARGET_S:.0f} s, ≥ {RATIO_TARGET:.0f}× naive (read_excel + one bulk insert)"),
                     f"{t['ours_s']:.2f} s ({spread(t['ours_runs_s'])}), naive {t['naive_s']:.2f} s, {ratio:.1f}×",
                     t["ours_s"] < TIME_TARGET_S and ratio >= RATIO_TARGET))
        rows.append((f"{name}: … floor, a bare python-calamine read of that file (reported, not judged)",
                     f"{t['floor_s']:.2f} s (ours is {t['ours_s'] / t['floor_s']:.1f}× the floor)", None))
        rows.append((f"{name}: … peak memory of that import < {PEAK_TARGET_MB} MB", f"{t['peak_mb']:.0f} MB",
                     t["peak_mb"] < PEAK_TARGET_MB))
    return rows


def office_lines(office: dict) -> list[str]:
    """The office shapes' table in a scale's section of the report."""
    if not office:
        return []
    lines = ["", "### Office files (issue 14: names without codes, 400 new indicators, saved by LibreOffice)", "",
             ("| shape | file | figures | ours | naive read_excel + one bulk insert | ratio | calamine floor | "
              "peak memory |"), "|---|---|---:|---:|---:|---:|---:|---:|"]
    for shape, t in office.items():
        lines.append(f"| {SHAPE_NAMES[shape]} | {t['file_mb']:.1f} MB, {t['writer']} | {t['figures']:,} "
                     f"({t['new_indicators']} new indicators) | {t['ours_s']:.2f} s | {t['naive_s']:.2f} s | "
                     f"{t['naive_s'] / t['ours_s']:.1f}× | {t['floor_s']:.2f} s | {t['peak_mb']:.0f} MB |")
    return lines
