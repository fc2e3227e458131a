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


# Characters a cell should never carry: controls (C0, DEL, C1: a raw \x07, or Excel's _x0007_ escape,
# which the reader decodes) and invisible format characters (zero-width spaces and joiners, soft hyphen,
# bidi controls, BOM, tags): they make look-alike codes and break files written later.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"
_FORMATS = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
            "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
            "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
HIDDEN = re.compile(f"[{_CONTROLS}{_FORMATS}]")
LINE_BREAKS = re.compile("[\t\n\r\x85\u2028\u2029]+")


def hidden_characters(text: str) -> list[str]:
    """The control and invisible characters in `text`, named as 'U+200B', each once, in order."""
    return list(dict.fromkeys(f"U+{ord(ch):04X}" for ch in HIDDEN.findall(text)))


def visible(text: str, keep_lines: bool = False) -> str:
    """`text` without control and invisible characters; tabs and line breaks become one space unless
    `keep_lines` (notes and quotes keep their line breaks as plain newlines)."""
    text = HIDDEN.sub("", text)
    if keep_lines:
        return re.sub("[\r\x85\u2028\u2029]\n?", "\n", text).replace("\t", " ")
    return LINE_BREAKS.sub(" ", text)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value) -> bool:
    """Text a spreadsheet would run as a formula when opened or pasted: '=…', '+…', '-…', '@…'."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def inert_for_csv(value):
    """A text cell for CSV or HTML a clerk may open in a spreadsheet: formula-like text gets a leading
    apostrophe (shown as text, never run); everything else is unchanged."""
    return "'" + value if formula_like(value) else value


def inert_cells(worksheet, min_row: int = 1) -> None:
    """Every text cell of an openpyxl worksheet written as text: formula-like text is stored as a
    string with Excel's quote prefix (its value unchanged, never a formula)."""
    for row in worksheet.iter_rows(min_row=min_row):
        for cell in row:
            if formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True


def sheet_text(value):
    """A value made writable to a spreadsheet: text loses the control characters openpyxl refuses."""
    return HIDDEN.sub("", value) if isinstance(value, str) else value
