"""Synthetic datasets for the benchmark, built in their own database files, never mixed with real data.

Scales (issue 5): S 3 districts × 200 indicators × 40 periods; M 3,300 communes × 100 indicators
× 12 periods; L 700 districts × 300 indicators × 40 periods. A period set is years × (Q1, H1, 9M, FY).
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from indicators.ingest.fields import TEMPLATE_HEADER
from indicators.periods import PERIODS
from indicators.store import database as store
from indicators.store.named import run_write

SOURCE = "du_lieu_tong_hop_do_hieu_nang"
PERIOD_CODES = ("Q1", "H1", "9M", "FY")


@dataclass(frozen=True)
class Scale:
    name: str
    units: int
    indicators: int
    years: int
    unit_word: str

    @property
    def periods(self) -> int:
        return self.years * len(PERIOD_CODES)

    @property
    def facts(self) -> int:
        return self.units * self.indicators * self.periods


SCALES = {
    "S": Scale("S", 3, 200, 10, "huyện"),
    "M": Scale("M", 3300, 100, 3, "xã"),
    "L": Scale("L", 700, 300, 10, "huyện"),
}
FIRST_YEAR = 2015


def unit_names(scale: Scale) -> list[str]:
    if scale.units == 3:
        return list(store.DISTRICTS)
    word = "Xã" if scale.unit_word == "xã" else "Huyện"
    return [f"{word} tổng hợp {i:04d}" for i in range(1, scale.units + 1)]


INDICATOR_UNITS = ("triệu đồng", "ha", "%", "sản phẩm")  # indicator i has INDICATOR_UNITS[i % 4], as synthetic_indicators.sql


def indicator_codes(scale: Scale) -> list[str]:
    return [f"chi_tieu_{i:03d}" for i in range(1, scale.indicators + 1)]


def plausible_plan(rng: random.Random, unit: str) -> float:
    """A plan an office could write: a share of 10–100 for a '%' (the import refuses one beyond ±1.000),
    else an amount of 1.000–99.999."""
    return rng.randint(1000, 9999) / 100 if unit == "%" else rng.randint(1000, 99999)


def generate(db_path: Path, scale: Scale) -> Path:
    """Build the scale's database with set-based SQL (seconds even for 8.4 million facts).

    Rows are stored in the order reports arrive (year, then period), as the importer appends them:
    DuckDB's per-row-group min/max then lets a one-period query skip most of the table."""
    db_path = Path(db_path)
    db_path.unlink(missing_ok=True)
    Path(str(db_path) + ".wal").unlink(missing_ok=True)
    con = store.connect(db_path)
    try:
        con.execute("SET memory_limit = '6GB'")  # building millions of rows at once; the app keeps its limit
        store.migrate(con)
        run_write(con, "synthetic_clear_districts")
        store.add_districts(con, unit_names(scale))
        run_write(con, "synthetic_indicators", how_many=scale.indicators)
        (import_id,), = run_write(con, "insert_import", file_name=SOURCE, sha256="", imported_by="bench",
                                  rows_read=scale.facts, facts_new=scale.facts, facts_changed=0, facts_unchanged=0)
        run_write(con, "synthetic_history", import_id=import_id, source=SOURCE, first_year=FIRST_YEAR,
                  years=scale.years, period_codes=list(PERIOD_CODES))
        run_write(con, "synthetic_current")
        run_write(con, "synthetic_fact_counts")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return db_path


def write_import_file(path: Path, scale: Scale, rows: int, seed: int = 7) -> Path:
    """An .xlsx in the upload template with `rows` figures for later years (all new keys)."""
    rng = random.Random(seed)
    names = unit_names(scale)
    codes = indicator_codes(scale)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Số liệu")
    ws.append(TEMPLATE_HEADER)
    labels = [PERIODS[c].label for c in PERIOD_CODES]
    written = 0
    year = FIRST_YEAR + scale.years
    while written < rows:
        for i, code in enumerate(codes, start=1):
            for name in names:
                for label in labels:
                    if written == rows:
                        break
                    plan = plausible_plan(rng, INDICATOR_UNITS[i % 4])
                    actual = round(plan * rng.uniform(0.4, 1.2), 2)
                    ws.append([name, year, label, code, None, None, plan, actual, None, None, None, None, None,
                               None, "Tệp đo hiệu năng", None, None])
                    written += 1
        year += 1
    wb.save(path)
    return Path(path)
