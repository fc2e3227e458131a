"""Which unit a row's "Huyện / đơn vị" cell means: the province, a former district, a commune before
the 2025 reform or a commune from 1/7/2025, by name (with or without "Xã", "Phường", "Thị trấn",
"Huyện", with or without accents), by name with its former district, or by official code.

A commune name is read at the row's date: "Xã Tri Lễ" for 9 tháng 2024 is the old commune of Văn Quan,
for 9 tháng 2025 the new one; an old commune for a period after the reform is refused with the name of
the commune it became.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from indicators.areas import former_area
from indicators.numbers import NotANumber, parse_vn_number
from indicators.periods import PERIODS, parse_period
from indicators.text import fold, nfc

REFORM_DATE = dt.date(2025, 7, 1)  # the district level abolished and communes merged from this day
COMMUNE_LEVELS = ("commune", "commune_2025")
# typed prefix (folded) → what it says about the unit: its type, or its level
PREFIXES = {"thi tran": "Thị trấn", "tt.": "Thị trấn", "tt": "Thị trấn", "xa": "Xã", "x.": "Xã", "phuong": "Phường",
            "p.": "Phường", "huyen": "district", "h.": "district", "thanh pho": "Thành phố", "tp.": "Thành phố",
            "tp": "Thành phố", "tinh": "province"}
_PREFIX = re.compile(r"^(" + "|".join(re.escape(p) for p in sorted(PREFIXES, key=len, reverse=True)) + r")\s*")
_QUALIFIED = re.compile(r"^(.+?)\s*(?:\(|,|-|–)\s*(?:huyen\s+|h\.\s*)?([^()]+?)\s*\)?\s*$")
LEVEL_ORDER = {"province": 0, "district": 1, "commune_2025": 2, "commune": 3}


@dataclass(frozen=True)
class Place:
    display_name: str
    unit_code: str
    unit_level: str
    name: str
    short_name: str
    unit_type: str
    parent_district: str | None
    new_commune: str | None  # a pre-2025 commune: the commune from 2025 it went into


def period_end(year, period) -> dt.date | None:
    """The last day of a row's period from its raw cells, None when either is not readable (their own
    columns report that)."""
    try:
        number = parse_vn_number(year)
    except NotANumber:
        return None
    code = parse_period(period)
    if number is None or code is None or number != int(number) or not 2000 <= number <= 2100:
        return None
    months = PERIODS[code].months
    return (dt.date(int(number), months, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


class PlaceIndex:
    """Places by display name, official name, short name and code, folded once."""

    def __init__(self, places: list[Place]):
        self.places = places
        self.by_display = {fold(p.display_name): p for p in places}
        self.by_short: dict[str, list[Place]] = {}
        self.by_code: dict[str, list[Place]] = {}
        for p in places:
            self.by_short.setdefault(fold(p.short_name), []).append(p)
            self.by_code.setdefault(p.unit_code, []).append(p)
        self.commune_shorts = sorted({fold(p.short_name) for p in places if p.unit_level in COMMUNE_LEVELS})

    @classmethod
    def from_store(cls, con) -> "PlaceIndex":
        from indicators.store.named import STORE, fetch

        return cls([Place(*row) for row in fetch(con, f"{STORE}/place_names")])

    def recognise(self, raw, year=None, period=None):
        """(display name, message or None, is_error) for a unit cell, or None when the cell names no place
        (then the district matcher's own rules and message apply)."""
        typed = _typed_code(raw) or nfc(raw)
        found = self._candidates(typed)
        if found is None or isinstance(found, tuple):  # no place, or a refusal already worded
            return found
        return self._at_date(found, typed, period_end(year, period))

    @staticmethod
    def date_columns(names, stored: set) -> tuple[str, ...]:
        """The columns a unit cell is read with: its row's year and period, unless every name is a stored
        district as it is (the fast path of the three districts' files, and of millions of rows)."""
        return () if set(names or ()) <= stored else ("year", "period")

    def knows(self, cell) -> bool:
        """Whether a header cell names a place, whatever the date (a wide table's column of a commune)."""
        return isinstance(self._candidates(nfc(cell)), list)

    def _candidates(self, typed: str):
        """The places a typed name or code may mean (a list), None for no place, or a worded refusal."""
        folded = fold(typed)
        shown = self.by_display.get(folded)
        if shown is not None and shown.unit_level != "commune_2025":  # 'Xã Tri Lễ' may be old or new: read on
            return [shown]
        if folded.isdigit():
            code = folded if len(folded) <= 3 else folded.zfill(5)
            return self.by_code.get(code) or (None, f"không có đơn vị hành chính mã '{typed}' trong tỉnh Lạng Sơn",
                                              True)
        base, qualifier = folded, None
        qualified = _QUALIFIED.match(folded)
        if qualified and qualified.group(2) and not qualified.group(2).isdigit():
            base, qualifier = qualified.group(1), re.sub(r"^huyen\s+", "", qualified.group(2))
        kind = None
        prefix = _PREFIX.match(base)
        if prefix and base[prefix.end():]:
            kind, base = PREFIXES[prefix.group(1)], base[prefix.end():]
        candidates = [p for p in self.by_short.get(base, []) if _fits(p, kind, qualifier)]
        if not candidates:
            return self._unknown(typed, base, kind)
        exact = [p for p in candidates if p.short_name.lower() in typed.lower()]
        candidates = exact or candidates  # 'Tân Thành' typed with its accents is not 'Tân Thanh'
        if kind is None:  # a bare name means the largest unit of that name: 'Lạng Sơn' the province
            top = min(LEVEL_ORDER[p.unit_level] for p in candidates)
            if top < LEVEL_ORDER["commune_2025"]:
                candidates = [p for p in candidates if LEVEL_ORDER[p.unit_level] == top]
        return candidates

    def _at_date(self, candidates: list[Place], typed: str, when: dt.date | None):
        """One unit among those the cell may mean, chosen by the row's date."""
        after = when is None or when >= REFORM_DATE
        communes = [p for p in candidates if p.unit_level in COMMUNE_LEVELS]
        if communes and len(communes) == len(candidates):
            current = [p for p in communes if (p.unit_level == "commune_2025") == after]
            if not current and after:
                return None, _merged_message(typed, communes), True
            if current:
                candidates = current
        if len(candidates) > 1:
            examples = ", ".join(f"'{p.display_name}'" for p in candidates)
            return None, f"tên '{typed}' chỉ nhiều đơn vị: {examples}; hãy ghi đúng một tên như vậy", True
        place = candidates[0]
        notes = []
        if typed not in (place.display_name, place.name):
            notes.append(f"đã hiểu là '{place.display_name}'")
        if place.unit_level == "commune_2025" and not after:
            notes.append("xã, phường này có từ 1/7/2025; số liệu kỳ trước được hiểu là theo địa giới mới")
        return place.display_name, "; ".join(notes) or None, False

    def _unknown(self, typed, base, kind):
        """A name with a commune's prefix that matches no commune is refused here, with the nearest
        commune names, rather than read as a former district by a loose match ('Xã Văn Quann')."""
        if kind not in ("Xã", "Phường", "Thị trấn"):
            return None
        close = difflib.get_close_matches(base, self.commune_shorts, n=3, cutoff=0.75)
        names = sorted({p.display_name for c in close for p in self.by_short[c] if p.unit_level == "commune_2025"}
                       | {p.name for c in close for p in self.by_short[c] if p.unit_level == "commune"})
        hint = f"; có phải: {', '.join(names)}?" if names else ""
        return None, f"không nhận ra xã, phường '{typed}' trong tỉnh Lạng Sơn{hint}", True


def _typed_code(raw) -> str | None:
    """A code typed as a number (Excel drops the leading zero: 6313 for 06313)."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        return None
    return str(int(raw)) if raw == int(raw) else None


def _fits(place: Place, kind: str | None, qualifier: str | None) -> bool:
    if kind in ("district", "province") and place.unit_level != kind:
        return False
    if kind in ("Xã", "Phường", "Thị trấn", "Thành phố") and place.unit_type != kind:
        return False
    return qualifier is None or (place.parent_district is not None and fold(place.parent_district) == qualifier)


def _merged_message(typed: str, olds: list[Place]) -> str:
    """An old commune named for a period after the reform: say what it became."""
    became = "; ".join(f"{p.name} ({former_area(p.parent_district)}) đã nhập vào '{p.new_commune}'"
                       for p in olds)
    news = sorted({p.new_commune for p in olds})
    return (f"'{typed}' là đơn vị cấp xã trước ngày 1/7/2025: {became}. Từ 1/7/2025 hãy ghi số liệu cho "
            + " hoặc ".join(f"'{n}'" for n in news))



