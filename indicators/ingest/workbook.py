"""Opening an uploaded file as rows of cells, refusing what is too big or not a spreadsheet.

Kept apart from the checks so the size guards sit in one place, in front of every reader.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from indicators.ingest.fields import UnreadableFile

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv"}


def load_sheets(path: Path) -> list[tuple[str, list[list]]]:
    """Every sheet as rows of cell values (cached values for formulas), rows as the file numbers them."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"Tệp '{path.name}' nặng {size / 1024 / 1024:.1f} MB, vượt giới hạn {MAX_FILE_BYTES // 1024 // 1024} MB."
        )
    other = other_kind_of_file(path)
    if other:
        raise UnreadableFile(f"Tệp '{path.name}' là {other}, không phải bảng tính. "
                             "Hãy chọn tệp Excel (.xlsx, .xls), .ods hoặc .csv.")
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES:
        raise UnreadableFile(
            f"Tệp '{path.name}' không phải bảng tính được hỗ trợ (.xlsx, .xls, .ods, .csv)."
        )
    if suffix == ".csv":
        return [(path.stem, _read_csv(path))]
    if suffix in (".xlsx", ".xlsm", ".ods"):
        _refuse_zip_bomb(path)
    try:
        return _read_workbook(path, suffix)
    except Exception as exc:  # calamine raises several types for corrupt files
        raise UnreadableFile(
            f"Không đọc được tệp '{path.name}': tệp hỏng hoặc không phải bảng tính. "
            "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi tải lên lại."
        ) from exc


def _read_workbook(path: Path, suffix: str) -> list[tuple[str, list[list]]]:
    from python_calamine import CalamineWorkbook

    with ThreadPoolExecutor(1) as pool:  # calamine lets go of the GIL: look for error cells meanwhile
        error_scan = pool.submit(_xlsx_error_cells, path) if suffix in (".xlsx", ".xlsm") else None
        workbook = CalamineWorkbook.from_path(str(path))
        parsed = [(name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
                  for name in workbook.sheet_names]
        errors = error_scan.result() if error_scan else {}
    sheets = []
    for name, rows in parsed:
        for (r, c), text in errors.get(name, {}).items():
            if r < len(rows) and c < len(rows[r]):
                rows[r][c] = text  # calamine shows error cells as blank; keep "#VALUE!" visible
        sheets.append((name, rows))
    return sheets


_ERROR_CELL = re.compile(r'<c r="([A-Z]+)(\d+)"[^>]*?t="e"[^>]*>.*?<v>([^<]*)</v>', re.DOTALL)
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def _xlsx_error_cells(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Cells whose cached value is an error (#VALUE!, #DIV/0!), by sheet name and 0-based (row, col)."""
    found: dict[str, dict[tuple[int, int], str]] = {}
    with zipfile.ZipFile(path) as archive:
        for name, member in _sheet_members(archive):
            try:
                data = archive.read(member)
            except KeyError:
                continue
            if b't="e"' not in data:
                continue
            found[name] = _error_cells_in(data.decode("utf-8", "replace"))
    return found


def _sheet_members(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """Each sheet's name and the archive member holding its cells, in the workbook's order."""
    from defusedxml import ElementTree

    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return []
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    members = []
    for sheet in book.iterfind("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        members.append((sheet.get("name"), target.lstrip("/") if target.startswith("/") else f"xl/{target}"))
    return members


def _error_cells_in(text: str) -> dict[tuple[int, int], str]:
    cells = {}
    for letters, row, value in _ERROR_CELL.findall(text):
        col = 0
        for ch in letters:
            col = col * 26 + ord(ch) - 64
        cells[(int(row) - 1, col - 1)] = value
    return cells


# What a file that is not a spreadsheet is, by what it holds rather than its name: the content
# types of an Office Open XML zip, the mimetype of an OpenDocument zip, or the first bytes.
_OOXML_KINDS = (("wordprocessingml", "tệp Word (.docx)"), ("presentationml", "tệp PowerPoint (.pptx)"))
_ODF_KINDS = (("opendocument.text", "tệp văn bản OpenDocument (.odt)"),
              ("opendocument.presentation", "tệp trình chiếu OpenDocument (.odp)"))
_MAGIC_KINDS = ((b"%PDF", "tệp PDF"), (b"\x89PNG", "tệp ảnh (.png)"), (b"\xff\xd8\xff", "tệp ảnh (.jpg)"),
                (b"{\\rtf", "tệp văn bản RTF"), (b"Rar!", "tệp nén (.rar)"), (b"7z\xbc\xaf", "tệp nén (.7z)"))
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Office format: .xls, but also .doc and .ppt


def other_kind_of_file(path: Path) -> str | None:
    """'tệp Word (.docx)' and the like for a file that is plainly not a spreadsheet, else None."""
    with open(path, "rb") as f:
        head = f.read(8)
        if head.startswith(_OLE):
            body = head + f.read(MAX_FILE_BYTES)
            if "WordDocument".encode("utf-16-le") in body:
                return "tệp Word (.doc)"
            if "PowerPoint Document".encode("utf-16-le") in body:
                return "tệp PowerPoint (.ppt)"
            return None
    for magic, kind in _MAGIC_KINDS:
        if head.startswith(magic):
            return kind
    if not head.startswith(b"PK"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if any(archive.getinfo(n).file_size > 1 << 20 for n in ("[Content_Types].xml", "mimetype") if n in names):
                return None  # left to the size guards
            if "[Content_Types].xml" in names:
                types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
                if "spreadsheetml" in types:
                    return None
                return next((kind for marker, kind in _OOXML_KINDS if marker in types), None)
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace")
                if "spreadsheet" in mimetype:
                    return None
                return next((kind for marker, kind in _ODF_KINDS if marker in mimetype), None)
            return None  # a bare zip: the size guards and the reader say what is wrong with it
    except (zipfile.BadZipFile, KeyError, OSError):
        return None


def _refuse_zip_bomb(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise UnreadableFile(
            f"Tệp '{path.name}' không phải bảng tính hợp lệ (có thể đã bị đổi tên đuôi tệp)."
        ) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(f"Tệp '{path.name}' khi giải nén quá lớn ({unpacked // 1024 // 1024} MB); từ chối để bảo vệ máy chủ.")


def _read_csv(path: Path) -> list[list]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"Tệp CSV '{path.name}' không ở mã UTF-8; hãy lưu lại với mã UTF-8.") from exc
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]
