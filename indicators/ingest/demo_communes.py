"""A clearly synthetic commune-level upload for 9 tháng 2025 ("dữ liệu mô phỏng"): the communes from
1/7/2025 counted in Văn Quan, Bắc Sơn and Tràng Định, for indicators that add up and that the shipped
9 tháng 2024 data also holds, plus one rate (never rolled up). For tests and demonstrations only: it is
written where the caller says, never into data/, and the shipped build never reads it.

    python -m indicators demo-communes du_lieu_mo_phong_xa_9_thang_2025.xlsx
"""
from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from indicators.ingest.catalogue import CATALOGUE_FILE, read_catalogue
from indicators.store.database import DATA_DIR, DISTRICTS, PLACES_DIR
from indicators.text import fold

DEMO_LABEL = "dữ liệu mô phỏng"
SOURCE = f"Số liệu cấp xã 9 tháng 2025 ({DEMO_LABEL}, không phải báo cáo thật)"
SEED = 2025
YEAR, PERIOD = 2025, "9M"
# code → (typical figure of one commune, typical year plan of one commune or None); invented magnitudes
INDICATORS = {
    "trong_rung": (140.0, 150.0),               # ha
    "nha_van_hoa_dat_chuan_so": (16.0, None),   # thôn
    "tuyen_quan": (28.0, None),                 # người
    "thu_ngan_sach": (8500.0, 8000.0),          # triệu đồng
    "nha_shcd_cap_gcn_ty_le": (65.0, None),     # % — a rate: shown per commune, never added or averaged
    "don_kien_nghi_tham_quyen": (12.0, None),   # đơn: the denominator of don_kien_nghi_ty_le_giai_quyet
}
# a rate given with its parts: the district's rate is Σ resolved ÷ Σ received, not the communes' mean
RATE, NUMERATOR, DENOMINATOR = "don_kien_nghi_ty_le_giai_quyet", "don_kien_nghi_da_giai_quyet", "don_kien_nghi_tham_quyen"
MISSING = {("thu_ngan_sach", "Xã Quốc Việt")}  # one gap, so a roll-up shows it is incomplete ("6/7 xã")


def demo_communes(districts=DISTRICTS) -> list[str]:
    """The communes from 2025 that took land from the given former districts, in order: also a split
    one counted elsewhere (Xã Khánh Khê, counted in Cao Lộc), so the demonstration shows the rule."""
    with open(PLACES_DIR / "bridge.csv", encoding="utf-8", newline="") as f:
        touching = {r["new_commune"] for r in csv.DictReader(f) if r["old_district"] in districts}
    with open(PLACES_DIR / "places.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["unit_level"] == "commune_2025" and r["display_name"] in touching]
    return [r["display_name"] for r in sorted(rows, key=lambda r: int(r["sort_order"]))]


def demo_rows(seed: int = SEED) -> list[dict]:
    """One row per commune and indicator, seeded so the file is the same every time."""
    rng = random.Random(seed)
    rows = []
    for commune in demo_communes():
        for code, (typical, plan) in INDICATORS.items():
            if (code, commune) in MISSING:
                continue
            value = typical * rng.uniform(0.6, 1.4)
            value = round(value, 1) if code in ("trong_rung", "nha_shcd_cap_gcn_ty_le") else float(round(value))
            rows.append(_row(commune, code, value, None if plan is None else float(round(plan * rng.uniform(0.8, 1.2)))))
            if code == DENOMINATOR:
                resolved = float(rng.randint(int(value * 0.5), int(value)))
                rows.append(_row(commune, NUMERATOR, resolved))
                rows.append(_row(commune, RATE, round(resolved / value * 100, 1)))
    return rows


def _row(commune: str, code: str, actual: float, plan: float | None = None) -> dict:
    return {"district": commune, "year": YEAR, "period": PERIOD, "indicator_code": code, "actual": actual,
            "plan": plan, "source": SOURCE, "reported_on": dt.date(2025, 10, 5), "basis": "actual",
            "quote": f"{DEMO_LABEL}: {commune}", "note": DEMO_LABEL}


def demo_path(out: Path) -> Path:
    """The file's name says it is synthetic: '_du_lieu_mo_phong' is added when the given name does not."""
    out = Path(out)
    if "mo phong" not in fold(out.stem).replace("_", " "):
        out = out.with_name(f"{out.stem}_du_lieu_mo_phong{out.suffix or '.xlsx'}")
    if out.resolve().parent == DATA_DIR.resolve():
        raise ValueError("dữ liệu mô phỏng không được ghi vào thư mục data/ (bộ dữ liệu phát hành)")
    return out


def write_demo(out: Path) -> Path:
    """Write the synthetic upload in the template layout; returns the path written."""
    from indicators.ingest.template import write_workbook

    path = demo_path(out)
    catalogue, _ = read_catalogue(DATA_DIR / CATALOGUE_FILE)
    used = [e for e in catalogue if e["code"] in {*INDICATORS, RATE, NUMERATOR}]
    return write_workbook(path, demo_rows(), used)
