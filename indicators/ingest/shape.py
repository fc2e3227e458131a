"""A spreadsheet's shape read from its XML before any cell is: sizes, rows, columns, cells.

A file of a few kilobytes can describe billions of cells (one cell at XFD1048576, a row repeated a
million times in an .ods, zip entries that lie about their size); a reader that lays out the sheet
densely would ask for gigabytes or abort the process. Every zip entry is read here as a stream that
stops at a byte budget, and each sheet's extent is counted from its tags, so such a file is refused
in a fraction of a second with a message saying what is too big.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from itertools import repeat
from pathlib import Path

from indicators.ingest.fields import HEADER_SEARCH_ROWS, UnreadableFile
from indicators.numbers import format_number

MAX_UNPACKED_BYTES = 400 * 1024 * 1024   # all entries of one file, counted as they are unpacked
MAX_ROWS = 500_000                       # data rows in a file (the reader says the same of its tables)
MAX_SHEET_ROWS = MAX_ROWS + HEADER_SEARCH_ROWS
MAX_CELLS = 2_200_000                    # filled cells in a file: 100,000 template rows are 1.7-2 million
MAX_AREA = 4_000_000                     # rows x columns a reader lays out for one sheet, from A1 on
CHUNK = 1 << 20

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


class _Budget:
    """Bytes unpacked so far across one file's entries; refuses the file past MAX_UNPACKED_BYTES."""

    def __init__(self, name: str):
        self.name, self.used = name, 0

    def take(self, count: int) -> None:
        self.used += count
        if self.used > MAX_UNPACKED_BYTES:
            raise UnreadableFile(f"Tệp '{self.name}' khi giải nén quá lớn (trên "
                                 f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB); từ chối để bảo vệ máy chủ.")


def entry_chunks(archive: zipfile.ZipFile, member: str, budget: _Budget):
    """One entry unpacked chunk by chunk: whatever size it declares, reading stops at the budget, and
    an entry whose content does not match what the zip says of it (size, checksum) is refused."""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                budget.take(len(chunk))
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UnreadableFile(f"Tệp '{budget.name}' hỏng: phần '{member}' trong tệp nén không khớp với kích thước "
                             "hoặc mã kiểm tra tệp khai báo. Hãy mở tệp bằng Excel, lưu lại rồi tải lên lại.") from exc


def _whole(archive, member, budget) -> bytes:
    return b"".join(entry_chunks(archive, member, budget))


def _tags(chunks):
    """The chunks cut after their last '>', so no tag is split between two pieces."""
    rest = b""
    for chunk in chunks:
        data = rest + chunk
        cut = data.rfind(b">") + 1
        if cut:
            yield data[:cut]
        rest = data[cut:]
        if len(rest) > CHUNK:  # a tag longer than a megabyte is not a spreadsheet's
            raise UnreadableFile("tệp có thẻ XML dài bất thường; không phải bảng tính hợp lệ")
    if rest.strip():
        yield rest


def column_number(letters: bytes | str) -> int:
    """'A' -> 1, 'XFD' -> 16384."""
    number = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.decode().upper():
        number = number * 26 + ord(ch) - 64
    return number


class _Extent:
    """Rows, columns and cells of one sheet as they are counted; refuses as soon as one is too many."""

    def __init__(self, file_name: str, sheet: str, totals: dict):
        self.file_name, self.sheet, self.totals = file_name, sheet, totals
        self.rows = self.cols = 0

    def grow(self, rows: int, cols: int, cells: int) -> None:
        self.rows, self.cols = max(self.rows, rows), max(self.cols, cols)
        self.totals["cells"] += cells
        where = f"Tệp '{self.file_name}', trang '{self.sheet}'"
        if self.rows > MAX_SHEET_ROWS:
            raise UnreadableFile(f"{where} có đến dòng {format_number(self.rows)}, vượt giới hạn "
                                 f"{format_number(MAX_ROWS)} dòng số liệu; hãy xóa các dòng thừa hoặc chia nhỏ tệp.")
        if self.rows * self.cols > MAX_AREA:
            raise UnreadableFile(
                f"{where} trải đến dòng {format_number(self.rows)}, cột {format_number(self.cols)} "
                f"({format_number(self.rows * self.cols)} ô, giới hạn {format_number(MAX_AREA)}); thường do có ô ở "
                "rất xa vùng số liệu. Hãy xóa các dòng, cột thừa rồi tải lên lại.")
        if self.totals["cells"] > MAX_CELLS:
            raise UnreadableFile(f"Tệp '{self.file_name}' có hơn {format_number(MAX_CELLS)} ô có dữ liệu; "
                                 "hãy chia nhỏ tệp.")


_DIMENSION = re.compile(rb'<dimension\s+ref="\$?([A-Za-z]{1,3})?\$?(\d+)?(?::\$?([A-Za-z]{1,3})\$?(\d+))?"')
_ROW_REF = re.compile(rb'<row r="(\d+)"')
_ANY_ROW_REF = re.compile(rb'<row\b[^>]*?\sr="(\d+)"')
_WIDE_REF = re.compile(rb'<c r="([A-Za-z]{2,3})\d')
_NARROW_REF = re.compile(rb'<c r="([A-Za-z])\d')
_ANY_REF = re.compile(rb'<c\b[^>]*?\sr="([A-Za-z]{1,3})(\d+)"')
_ERROR_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?t="e"[^>]*>.*?<v>([^<]*)</v>', re.DOTALL)


def _scan_sheet(pieces, extent: _Extent, errors: dict) -> None:
    """Count one worksheet's rows, columns and cells from its tags, and note its error cells (#VALUE!).
    Cells without a reference (allowed, and written by some tools) are placed after the row's last.
    Counts err on the large side ('<c' also counts a '<col>'): three passes over the bytes, not a parse."""
    rows_seen = 0
    for piece in pieces:
        if rows_seen == 0 and (found := _DIMENSION.search(piece)):
            extent.grow(int(found[4] or found[2] or 0), column_number(found[3] or found[1] or b""), 0)
        row_count = piece.count(b"<row")
        row_refs = _ROW_REF.findall(piece)
        if len(row_refs) != row_count:  # a reference after another attribute, or rows without one
            row_refs = _ANY_ROW_REF.findall(piece)
        rows_seen += row_count
        last_row = max(map(int, row_refs), default=0)
        cells = piece.count(b"<c")
        extent.grow(0, 0, cells)  # too many cells is known before their columns are worked out
        if cells != piece.count(b'<c r="'):  # some cells lack a reference, or name it later: exact count
            cols = _unreferenced_width(piece)
        else:
            wide = _WIDE_REF.findall(piece)
            cols = max(map(column_number, wide), default=0)
            if not wide and cells and max(extent.rows, last_row, rows_seen) * 26 > MAX_AREA:
                cols = max(map(column_number, _NARROW_REF.findall(piece)), default=0)
            elif not wide and cells:
                cols = 26  # at most Z: within the area whatever the exact column
        extent.grow(max(last_row, rows_seen), cols, 0)
        if b't="e"' in piece:
            for letters, row, value in _ERROR_CELL.findall(piece):
                errors[(int(row) - 1, column_number(letters) - 1)] = value.decode("utf-8", "replace")


def _unreferenced_width(piece: bytes) -> int:
    """The widest row of a piece, counting each cell without a reference as the next column."""
    rows = piece.split(b"<row")
    if not _ANY_REF.search(piece):  # no cell names its place: each row is as wide as its cells
        return max(map(bytes.count, rows, repeat(b"<c")), default=0)
    widest = 0
    for row in rows:
        col = 0
        for cell in re.finditer(rb"<c(?=[\s>/])([^>]*)>", row):
            ref = re.search(rb'\sr="([A-Za-z]{1,3})\d+"', cell[1])
            col = column_number(ref[1]) if ref else col + 1
            widest = max(widest, col)
    return widest


def scan_xlsx(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Refuse an .xlsx too big to lay out, before any cell is read; return its error cells
    (#VALUE!, #DIV/0!, which the reader shows as blank) by sheet name and 0-based (row, col)."""
    from defusedxml import ElementTree

    budget, totals, found = _Budget(path.name), {"cells": 0}, {}
    with _open_zip(path) as archive:
        names = set(archive.namelist())
        members = _sheet_members(archive, budget, ElementTree) if "xl/workbook.xml" in names else []
        for sheet, member in members:
            if member in names:
                errors = found.setdefault(sheet, {})
                _scan_sheet(_tags(entry_chunks(archive, member, budget)), _Extent(path.name, sheet, totals), errors)
        for member in names - {m for _, m in members}:  # the rest is unpacked too: it must not lie either
            for _ in entry_chunks(archive, member, budget):
                pass
    return {sheet: errors for sheet, errors in found.items() if errors}


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFile(f"Tệp '{path.name}' không phải bảng tính hợp lệ (có thể đã bị đổi tên đuôi tệp).") from exc


def _sheet_members(archive, budget, tree) -> list[tuple[str, str]]:
    """Each sheet's name and the archive member holding its cells, in the workbook's order."""
    try:
        book = tree.fromstring(_whole(archive, "xl/workbook.xml", budget))
        rels = tree.fromstring(_whole(archive, "xl/_rels/workbook.xml.rels", budget))
    except KeyError:
        return []
    except Exception as exc:  # defusedxml refuses entities; broken XML
        raise UnreadableFile(f"Tệp '{budget.name}' hỏng: không đọc được danh sách trang tính.") from exc
    targets = {rel.get("Id"): rel.get("Target") or "" for rel in rels}
    members = []
    for sheet in book.iterfind("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        members.append((sheet.get("name"), target.lstrip("/") if target.startswith("/") else f"xl/{target}"))
    return members


_ODS_TAG = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)\b([^>]*?)(/?)>")
_REPEAT = re.compile(rb'number-(?:rows|columns)-repeated="(\d+)"')
_TABLE_NAME = re.compile(rb'table:name="([^"]*)"')


def scan_ods(path: Path) -> None:
    """Refuse an .ods too big to lay out, before any cell is read: rows and cells are counted with
    their `number-rows-repeated` / `number-columns-repeated`, trailing empty ones left out."""
    budget, totals = _Budget(path.name), {"cells": 0}
    with _open_zip(path) as archive:
        names = set(archive.namelist())
        for member in names - {"content.xml"}:
            for _ in entry_chunks(archive, member, budget):
                pass
        if "content.xml" in names:
            _scan_ods_content(_tags(entry_chunks(archive, "content.xml", budget)), path.name, totals)


def _scan_ods_content(pieces, file_name: str, totals: dict) -> None:
    extent, row, col, last_filled, filled = None, 0, 0, 0, 0
    row_repeat = 1
    for piece in pieces:
        for closing, tag, attrs, empty in _ODS_TAG.findall(piece):
            repeat = int(m[1]) if (m := _REPEAT.search(attrs)) else 1
            if tag == b"table" and not closing:
                name = _TABLE_NAME.search(attrs)
                extent, row = _Extent(file_name, name[1].decode("utf-8", "replace") if name else "?", totals), 0
            elif tag == b"table-row" and not closing:
                row_repeat, col, last_filled, filled = repeat, 0, 0, 0
                if empty:  # an empty row, possibly repeated
                    row += repeat
            elif tag == b"table-row":  # the row ends: its filled cells count once per repeat
                if filled and extent is not None:
                    extent.grow(row + row_repeat, last_filled, filled * row_repeat)
                row += row_repeat
            elif not closing:  # a cell, filled when it has a value or content
                col += repeat
                if not empty or b"value-type" in attrs:
                    last_filled, filled = col, filled + repeat
