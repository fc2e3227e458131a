"""Text matching that forgives what people type: case, accents, Unicode form, spacing."""
from __future__ import annotations

import functools
import re
import unicodedata


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form used to compare names and headers. Cached: a large
    file asks for the same few hundred names, units and headers again and again."""
    text = unicodedata.normalize("NFD", str(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D")
    return re.sub(r"\s+", " ", text).strip().lower()


def nfc(text: str) -> str:
    """Canonical stored form of Vietnamese text (NFC, trimmed)."""
    return unicodedata.normalize("NFC", str(text)).strip()


_MARKDOWN_ACTIVE = re.compile(r"[\\`*_{}\[\]()#+\-.!|~<>&\"'=:$^]")


def inert(text) -> str:
    """Text from a file made safe to place in Streamlit markdown, with or without HTML allowed: every
    character HTML or Markdown would act on becomes an entity (shown as itself, never a link, an
    image, a tag or emphasis), and line breaks become spaces so no block can be opened."""
    if text is None:
        return ""
    flat = re.sub(r"\s+", " ", str(text))
    return _MARKDOWN_ACTIVE.sub(lambda m: f"&#{ord(m.group())};", flat)
