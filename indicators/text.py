"""Text matching that forgives what people type: case, accents, Unicode form, spacing."""
from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form used to compare names and headers."""
    text = unicodedata.normalize("NFD", str(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D")
    return re.sub(r"\s+", " ", text).strip().lower()


def nfc(text: str) -> str:
    """Canonical stored form of Vietnamese text (NFC, trimmed)."""
    return unicodedata.normalize("NFC", str(text)).strip()
