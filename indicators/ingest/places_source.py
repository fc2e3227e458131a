"""Lạng Sơn's units before and after the 2025 reform, taken from the `vietnamadminunits` package and
written to data/places/ (committed), so the store loads them without the package and pages never call it.

Run `python -m indicators places` after upgrading the package; the CSVs change only when its data does.
"""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from indicators.text import fold

PROVINCE = "Lạng Sơn"
OUR_DISTRICTS = ("Văn Quan", "Bắc Sơn", "Tràng Định")  # sort 1-3, as store.DISTRICTS
PLACE_COLUMNS = ("display_name", "unit_code", "unit_level", "name", "short_name", "unit_type", "parent_district",
                 "is_split", "latitude", "longitude", "area_km2", "sort_order")
BRIDGE_COLUMNS = ("old_commune", "old_code", "old_district", "new_commune", "new_code", "divided")


def district_display(short: str, unit_type: str) -> str:
    """A former district is known by its short name ('Văn Quan'), a city by its full name, so that
    'Thành phố Lạng Sơn' is never read as the province."""
    return f"{unit_type} {short}" if unit_type == "Thành phố" else short


def old_commune_display(name: str, district: str) -> str:
    """A pre-2025 commune with its former district: old names repeat across districts (Xã Tân Thành)
    and reappear as new communes (Xã Tri Lễ), and the stored name must say which unit it is."""
    return f"{name} ({district})"


def _rows(sql: str) -> list[dict]:
    from vietnamadminunits.database import query

    return query(sql)


def read_package() -> tuple[list[dict], list[dict]]:
    """(places, bridge) for the province, in the layout of data/places/*.csv."""
    from vietnamadminunits import convert_address
    from vietnamadminunits.converter.converter_2025 import DICT_PROVINCE_WARD_DIVIDED

    legacy = _rows("SELECT * FROM admin_units_legacy WHERE provinceShort = 'Lạng Sơn' ORDER BY districtCode, wardCode")
    current = _rows("SELECT * FROM admin_units WHERE provinceShort = 'Lạng Sơn' ORDER BY wardCode")
    first = legacy[0]
    places = [_place("Tỉnh Lạng Sơn", first["provinceCode"], "province", first["province"], PROVINCE, "Tỉnh", None,
                     None, current[0]["provinceLat"], current[0]["provinceLon"], None, 0)]
    districts = {}
    for r in legacy:
        districts.setdefault(r["districtCode"], r)
    order = sorted(districts.values(), key=lambda r: (r["districtShort"] not in OUR_DISTRICTS,
                                                      OUR_DISTRICTS.index(r["districtShort"])
                                                      if r["districtShort"] in OUR_DISTRICTS else 0, r["districtShort"]))
    district_sort = {}
    for i, r in enumerate(order, start=1):
        display = district_display(r["districtShort"], r["districtType"])
        district_sort[r["districtCode"]] = i
        places.append(_place(display, r["districtCode"], "district", r["district"], r["districtShort"],
                             r["districtType"], None, None, r["districtLat"], r["districtLon"], None, i))
    name_of_district = {p["unit_code"]: p["display_name"] for p in places if p["unit_level"] == "district"}
    divided = DICT_PROVINCE_WARD_DIVIDED.get("tinhlangson", {})
    new_by_code = {r["wardCode"]: r for r in current}
    new_by_name = {r["ward"]: r for r in current}
    bridge = []
    for r in legacy:
        district = name_of_district[r["districtCode"]]
        became = convert_address(f"{r['ward']}, {r['district']}, {r['province']}")
        new = new_by_name[became.ward]
        bridge.append({"old_commune": old_commune_display(r["ward"], district), "old_code": r["wardCode"],
                       "old_district": district, "new_commune": new["ward"], "new_code": new["wardCode"],
                       "divided": f"tinhlangson_{r['districtKey']}_{r['wardKey']}" in divided})
    majority = _majority_districts(bridge, district_sort)
    for r in legacy:
        district = name_of_district[r["districtCode"]]
        places.append(_place(old_commune_display(r["ward"], district), r["wardCode"], "commune", r["ward"],
                             r["wardShort"], r["wardType"], district, None, r["wardLat"], r["wardLon"], None,
                             20000 + 100 * district_sort[r["districtCode"]]))
    for code, r in new_by_code.items():
        district, split = majority.get(r["ward"], (None, False))
        sort = 10000 + 100 * next((district_sort[c] for c, n in name_of_district.items() if n == district), 99)
        places.append(_place(r["ward"], code, "commune_2025", r["ward"], r["wardShort"], r["wardType"], district,
                             split, r["wardLat"], r["wardLon"], r["wardAreaKm2"], sort))
    _number_within_districts(places)
    return places, bridge


def _majority_districts(bridge: list[dict], district_sort: dict) -> dict[str, tuple[str, bool]]:
    """New commune → (former district holding most of its former communes, whether it drew on several).
    A tie goes to the former district of the old commune whose name the new commune took, else to the
    district first in the project's order."""
    by_new: dict[str, Counter] = {}
    named_after: dict[str, str] = {}
    for b in bridge:
        by_new.setdefault(b["new_commune"], Counter())[b["old_district"]] += 1
        if fold(b["old_commune"]).split(" (")[0].split(" ", 1)[-1] == fold(b["new_commune"]).split(" ", 1)[-1]:
            named_after[b["new_commune"]] = b["old_district"]
    out = {}
    for new, counts in by_new.items():
        top = max(counts.values())
        leaders = [d for d, n in counts.items() if n == top]
        choice = named_after.get(new) if named_after.get(new) in leaders else sorted(leaders)[0]
        out[new] = (choice, len(counts) > 1)
    return out


def _number_within_districts(places: list[dict]) -> None:
    """Communes ordered by name within their district (sort_order keeps the district's block)."""
    blocks: dict[int, list[dict]] = {}
    for p in places:
        if p["unit_level"].startswith("commune"):
            blocks.setdefault(p["sort_order"], []).append(p)
    for base, members in blocks.items():
        for i, p in enumerate(sorted(members, key=lambda p: fold(p["short_name"])), start=1):
            p["sort_order"] = base + i


def _place(display, code, level, name, short, unit_type, parent, split, lat, lon, area, sort) -> dict:
    return dict(zip(PLACE_COLUMNS, (display, code, level, name, short, unit_type, parent, split, lat, lon, area, sort)))


def write_csvs(out_dir: Path) -> tuple[Path, Path]:
    """Write places.csv and bridge.csv (UTF-8, sorted, stable) into out_dir."""
    places, bridge = read_package()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = out_dir / "places.csv", out_dir / "bridge.csv"
    for path, rows, columns in ((paths[0], places, PLACE_COLUMNS), (paths[1], bridge, BRIDGE_COLUMNS)):
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return paths
