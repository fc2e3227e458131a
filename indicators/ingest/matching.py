"""Which catalogue indicator a typed name means, and how a typed unit converts to the catalogue's.

A name is matched on a normalised key: case, accents, spacing and punctuation folded, a trailing
unit in brackets dropped, office abbreviations (NSNN, ĐTC, KT-XH, …) spelt out, and a leading
"Tổng" / "Tổng số" ignored. Only an exact key match (on the catalogue's name or one of its other
names, "Tên gọi khác") resolves a name; anything else gets suggestions and waits for the editor.

Suggestions are scored with rapidfuzz, which compares one key with hundreds of catalogue keys in
compiled code; each distinct name of a file is matched once.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from indicators.text import fold, nfc

NEW_INDICATOR = "__new__"  # the editor's choice "Chỉ tiêu mới" for an unknown name
SUGGESTIONS = 3

# Abbreviations as offices write them (folded, separators between letter groups optional).
ABBREVIATIONS = {
    "nsnn": "ngan sach nha nuoc",
    "nsdp": "ngan sach dia phuong",
    "ns": "ngan sach",
    "dtc": "dau tu cong",
    "kt xh": "kinh te xa hoi",
    "ntm": "nong thon moi",
    "mtqg": "muc tieu quoc gia",
    "htx": "hop tac xa",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "dtts": "dan toc thieu so",
    "gpmb": "giai phong mat bang",
    "tthc": "thu tuc hanh chinh",
    "btxm": "be tong xi mang",
    "gtnt": "giao thong nong thon",
    "ccn": "cum cong nghiep",
    "bhyt": "bao hiem y te",
    "bhxh": "bao hiem xa hoi",
    "thcs": "trung hoc co so",
    "thpt": "trung hoc pho thong",
}
_ABBREVIATION = re.compile(
    r"\b(" + "|".join(r"\s*".join(map(re.escape, k.split())) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")\b")
_EXPANSION = {k.replace(" ", ""): v for k, v in ABBREVIATIONS.items()}
LEADING_WORDS = ("tong so ", "tong ")

# Units: folded spelling -> (dimension, size in the dimension's base). Only units of one dimension
# convert, by the exact ratio of their sizes.
UNITS = {
    "dong": ("money", 1), "nghin dong": ("money", 10**3), "ngan dong": ("money", 10**3),
    "trieu dong": ("money", 10**6), "tr dong": ("money", 10**6), "trd": ("money", 10**6), "ty dong": ("money", 10**9),
    "%": ("ratio", 10), "‰": ("ratio", 1), "phan tram": ("ratio", 10), "phan nghin": ("ratio", 1),
    "m2": ("area", 1), "m²": ("area", 1), "ha": ("area", 10**4), "km2": ("area", 10**6), "km²": ("area", 10**6),
    "m": ("length", 1), "km": ("length", 1000),
    "kg": ("mass", 1), "ta": ("mass", 100), "tan": ("mass", 1000),
}
UNITS = {re.sub(r"[\s.]+", "", k): v for k, v in UNITS.items()}  # keys as unit_key gives them
CONVERTED_FIELDS = ("plan", "actual", "same_period_last_year")


def unit_key(unit) -> str:
    """'Triệu đồng', 'triệu  đồng', 'tr.đồng' -> 'trieudong' / 'trdong': spaces and dots dropped."""
    return re.sub(r"[\s.]+", "", fold(unit))


@functools.lru_cache(maxsize=1 << 16)
def name_key(name, units: frozenset[str] = frozenset()) -> str:
    """The key two names of one indicator share: 'Tổng thu NSNN trên địa bàn (triệu đồng)' and
    'Thu ngân sách nhà nước trên địa bàn' give 'thu ngan sach nha nuoc tren dia ban'. Cached: the
    checks, the duplicate test and the new-indicator step each ask for the same few hundred names."""
    text = nfc(name)
    bracket = re.search(r"[\(\[]\s*(?:đvt\s*[:.]?\s*)?([^()\[\]]*)[\)\]]\s*$", text, flags=re.IGNORECASE)
    if bracket and (unit_key(bracket.group(1)) in units or unit_key(bracket.group(1)) in UNITS):
        text = text[:bracket.start()]
    folded = fold(text)
    folded = re.sub(r"[^\w%‰²]+", " ", folded).strip()
    folded = _ABBREVIATION.sub(lambda m: _EXPANSION[re.sub(r"\s+", "", m.group(1))], folded)
    for word in LEADING_WORDS:
        if folded.startswith(word):
            folded = folded[len(word):]
            break
    return re.sub(r"\s+", " ", folded).strip()


@dataclass(frozen=True)
class Suggestion:
    code: str
    name: str
    unit: str
    score: float  # 0–100


def unit_factor(typed, expected) -> float | None:
    """What a figure in `typed` is multiplied by to be in `expected`: 1 for the same unit, the exact
    ratio between units of one dimension (tỷ đồng → triệu đồng: 1000), None when they do not convert."""
    typed_key, expected_key = unit_key(typed), unit_key(expected)
    if typed_key == expected_key:
        return 1.0
    a, b = UNITS.get(typed_key), UNITS.get(expected_key)
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] / b[1]


class NameMatcher:
    """Catalogue names and other names by key; keys two indicators share resolve to neither."""

    def __init__(self, catalogue: dict[str, dict], extra: dict[str, str] | None = None):
        self.catalogue = catalogue
        self.units = frozenset(unit_key(e["unit"]) for e in catalogue.values() if e.get("unit"))
        self.by_key: dict[str, str | None] = {}
        for code, entry in catalogue.items():
            for name in [entry["name"], *aliases_of(entry)]:
                self._add(self.key(name), code)
        self.extra = {nfc(name): code for name, code in (extra or {}).items()}
        self._keys = [k for k, c in self.by_key.items() if c is not None]
        self._cache: dict[str, str | None] = {}

    def _add(self, key: str, code: str) -> None:
        if key and self.by_key.get(key, code) != code:
            self.by_key[key] = None  # ambiguous: two indicators answer to this key
        elif key:
            self.by_key[key] = code

    def key(self, name) -> str:
        return name_key(name, self.units)

    def match(self, name) -> str | None:
        """The catalogue code a name means, or None when it matches no key exactly."""
        name = nfc(name)
        if name in self.extra:
            return self.extra[name]
        if name not in self._cache:
            self._cache[name] = self.by_key.get(self.key(name))
        return self._cache[name]

    def suggest(self, name, limit: int = SUGGESTIONS) -> list[Suggestion]:
        """The closest catalogue indicators by key, each once, best first."""
        found = process.extract(self.key(name), self._keys, scorer=fuzz.token_sort_ratio, limit=limit * 4)
        out, seen = [], set()
        for key, score, _ in found:
            code = self.by_key[key]
            if code in seen:
                continue
            seen.add(code)
            entry = self.catalogue[code]
            out.append(Suggestion(code, entry["name"], entry["unit"], round(score, 1)))
            if len(out) == limit:
                break
        return out


def aliases_of(entry: dict) -> list[str]:
    return [a.strip() for a in (entry.get("aliases") or "").split(";") if a.strip()]


def with_alias(aliases: str | None, name: str) -> str:
    """The '; '-separated other names with one more (unchanged when already there)."""
    names = [a.strip() for a in (aliases or "").split(";") if a.strip()]
    if nfc(name) not in names:
        names.append(nfc(name))
    return "; ".join(names)
