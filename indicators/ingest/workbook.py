"""Opening an uploaded file as rows of cells, refusing what is too big or not a spreadsheet.

Kept apart from the checks so the size guards sit in one place, in front of every reader.
"""
from __future__ import annotations

import csv
import io
import zipfile
import zlib
from pathlib import Path

from indicators.ingest import shape
from indicators.ingest.fields import UnreadableFile
from indicators.ingest.isolated import read_in_child
from indicators.numbers import format_number

MAX_FILE_BYTES = 20 * 1024 * 1024
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv"}


def load_sheets(path: Path, isolated: bool = False) -> list[tuple[str, list[list]]]:
    """Every sheet as rows of cell values (cached values for formulas), rows as the file numbers them.

    The file's shape is checked before any cell is read (shape.py); `isolated` (uploads to the web
    server) runs the native reader in a child process whose death cannot take the server with it."""
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
    errors = {}
    if suffix in (".xlsx", ".xlsm"):
        errors = shape.scan_xlsx(path)
    elif suffix == ".ods":
        shape.scan_ods(path)
    if isolated:
        parsed = read_in_child(path)
    else:
        try:
            parsed = _read_workbook(path)
        except Exception as exc:  # calamine raises several types for corrupt files
            raise UnreadableFile(
                f"Không đọc được tệp '{path.name}': tệp hỏng hoặc không phải bảng tính. "
                "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi tải lên lại."
            ) from exc
    for name, rows in parsed:
        for (r, c), text in errors.get(name, {}).items():
            if r < len(rows) and c < len(rows[r]):
                rows[r][c] = text  # calamine shows error cells as blank; keep "#VALUE!" visible
    return parsed


def _read_workbook(path: Path) -> list[tuple[str, list[list]]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return [(name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in workbook.sheet_names]


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
    except (zipfile.BadZipFile, KeyError, OSError, zlib.error, EOFError, NotImplementedError, RuntimeError):
        return None


def _read_csv(path: Path) -> list[list]:
    """Rows of a UTF-8 CSV, its rows and cells counted on the raw bytes before any is parsed."""
    raw = path.read_bytes()
    lines = max(raw.count(b"\n"), raw.count(b"\r")) + 1
    if lines > shape.MAX_SHEET_ROWS:
        raise UnreadableFile(f"Tệp CSV '{path.name}' có {format_number(lines)} dòng, vượt giới hạn "
                             f"{format_number(shape.MAX_ROWS)} dòng số liệu; hãy xóa các dòng thừa hoặc chia nhỏ tệp.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"Tệp CSV '{path.name}' không ở mã UTF-8; hãy lưu lại với mã UTF-8.") from exc
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    if raw.count(dialect.delimiter.encode()) + lines > shape.MAX_CELLS:
        raise UnreadableFile(f"Tệp CSV '{path.name}' có hơn {format_number(shape.MAX_CELLS)} ô; hãy chia nhỏ tệp.")
    rows = []
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        rows.extend(list(r) for r in reader)
    except csv.Error as exc:  # an unclosed quote running to the end, a field over the size limit
        raise UnreadableFile(f"Tệp CSV '{path.name}' hỏng ở dòng {reader.line_num}: {_csv_problem(exc)}. "
                             "Hãy mở tệp, lưu lại dạng CSV (UTF-8) rồi tải lên lại.") from exc
    return rows


def _csv_problem(exc: csv.Error) -> str:
    if "field larger" in str(exc):
        return "có ô dài quá mức cho phép"
    return "dấu ngoặc kép không khép lại hoặc ký tự không hợp lệ"
