"""Reading indicator spreadsheets as offices make them, and checking every cell.

`read_spreadsheet` turns a file into cleaned `FactRow`s plus the problems found,
each naming the sheet, the row number the spreadsheet shows and the column, in
Vietnamese. Nothing here touches the database: the importer decides what to write.
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.compat import cyclic_gc_paused
from indicators.numbers import NotANumber, format_number, parse_vn_number
from indicators.periods import parse_period
from indicators.text import fold, nfc

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 500_000
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
HEADER_SEARCH_ROWS = 30

# Template header (Vietnamese) for each field, then the other ways offices write it.
COLUMNS: dict[str, tuple[str, ...]] = {
    "district": ("Huyện", "huyen/thanh pho", "dia ban", "ten huyen"),
    "year": ("Năm", "nam bao cao"),
    "period": ("Kỳ báo cáo", "ky", "thoi ky", "ky bc"),
    "indicator_code": ("Mã chỉ tiêu", "ma", "ma ct"),
    "indicator_name": ("Tên chỉ tiêu", "chi tieu", "noi dung", "ten chi tieu kinh te xa hoi"),
    "unit": ("Đơn vị tính", "dvt", "don vi"),
    "plan": ("Kế hoạch", "kh", "ke hoach nam", "chi tieu ke hoach", "du toan", "ke hoach giao"),
    "actual": ("Thực hiện", "th", "ket qua", "uoc thuc hien", "thuc hien ky bao cao"),
    "same_period_last_year": ("Cùng kỳ năm trước", "cung ky", "cung ky nam truoc thuc hien"),
    "pct_of_plan": ("Tỷ lệ % KH", "% kh", "ty le kh", "ty le % ke hoach", "% ke hoach", "so voi kh", "ty le so voi ke hoach"),
    "pct_yoy": ("Tỷ lệ % cùng kỳ", "% cung ky", "so voi cung ky", "ty le so voi cung ky"),
    "change_yoy_pct": ("Tăng/giảm % so cùng kỳ", "tang giam % so cung ky", "tang/giam so cung ky"),
    "status": ("Đánh giá", "ket qua danh gia", "muc do dat"),
    "note": ("Ghi chú",),
    "source": ("Nguồn", "nguon so lieu"),
    "reported_on": ("Ngày báo cáo", "ngay bc"),
    "quote": ("Trích dẫn", "cau trich dan", "trich dan nguon"),
}
TEMPLATE_HEADER = [names[0] for names in COLUMNS.values()]
NUMBER_FIELDS = ("plan", "actual", "same_period_last_year", "pct_of_plan", "pct_yoy", "change_yoy_pct")
NON_NEGATIVE_FIELDS = ("plan", "actual", "same_period_last_year", "pct_of_plan", "pct_yoy")
STATUSES = {"vuot": "vượt", "dat": "đạt", "chua dat": "chưa đạt", "chua danh gia": "chưa đánh giá",
            "khong dat": "chưa đạt", "vuot ke hoach": "vượt", "hoan thanh": "đạt",
            "chua hoan thanh": "chưa đạt", "chua co co so danh gia": "chưa đánh giá"}
ERROR_CELLS = {"#VALUE!", "#DIV/0!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#GETTING_DATA"}
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv"}


def _header_key(text) -> str:
    return re.sub(r"[^a-z0-9%/ ]", "", fold(text)).strip()


_HEADER_LOOKUP = {_header_key(alias): name for name, aliases in COLUMNS.items() for alias in aliases}


@dataclass
class Problem:
    """One thing wrong with a file, located the way the clerk sees the spreadsheet."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None
    is_error: bool = True

    def describe(self) -> str:
        where = []
        if self.sheet:
            where.append(f"trang '{self.sheet}'")
        if self.row:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột '{self.column}'")
        prefix = ", ".join(where)
        found = "" if self.value in (None, "") else f" (giá trị: '{shown_value(self.value)}')"
        return f"{prefix[:1].upper() + prefix[1:]}: {self.message}{found}" if prefix else f"{self.message}{found}"


def shown_value(value) -> str:
    """A cell's value as the clerk typed it: 2025.0 -> 2025, -15.5 -> -15,5."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format_number(value)
    return str(value)


@dataclass
class FactRow:
    district: str
    year: int
    period: str
    indicator_code: str | None
    indicator_name: str | None
    unit: str | None
    values: dict[str, float]
    status: str | None
    note: str | None
    source: str | None
    reported_on: dt.date | None
    quote: str | None
    sheet: str
    row: int

    @property
    def key(self) -> tuple:
        return (self.district, self.year, self.period, self.indicator_code)


FRAME_COLUMNS = ["district", "year", "period", *NUMBER_FIELDS, "status", "reported_on", "note", "quote", "source",
                 "indicator_code", "indicator_name", "unit", "sheet", "sheet_row"]


@dataclass
class ReadResult:
    frame: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FRAME_COLUMNS))
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[FactRow]:
        """The accepted rows one by one (for previews and tests; the importer works on `frame`)."""
        out = []
        for r in self.frame.itertuples(index=False):
            values = {f: getattr(r, f) for f in NUMBER_FIELDS if not pd.isna(getattr(r, f))}
            out.append(FactRow(r.district, int(r.year), r.period, r.indicator_code, r.indicator_name, r.unit,
                               values, r.status, r.note, r.source, r.reported_on, r.quote, r.sheet,
                               int(r.sheet_row)))
        return out

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


class UnreadableFile(Exception):
    """The file is not a spreadsheet we can read; the message is for the clerk."""


def load_sheets(path: Path) -> list[tuple[str, list[list]]]:
    """Every sheet as rows of cell values (cached values for formulas), rows as the file numbers them."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"Tệp '{path.name}' nặng {size / 1024 / 1024:.1f} MB, vượt giới hạn {MAX_FILE_BYTES // 1024 // 1024} MB."
        )
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES:
        raise UnreadableFile(
            f"Tệp '{path.name}' không phải bảng tính được hỗ trợ (.xlsx, .xls, .ods, .csv)."
        )
    if suffix == ".csv":
        return [(path.stem, _read_csv(path))]
    if suffix in (".xlsx", ".xlsm", ".ods"):
        _refuse_zip_bomb(path)
    from python_calamine import CalamineWorkbook

    try:
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
    except Exception as exc:  # calamine raises several types for corrupt files
        raise UnreadableFile(
            f"Không đọc được tệp '{path.name}': tệp hỏng hoặc không phải bảng tính ({type(exc).__name__})."
        ) from exc


_ERROR_CELL = re.compile(r'<c r="([A-Z]+)(\d+)"[^>]*?t="e"[^>]*>.*?<v>([^<]*)</v>', re.DOTALL)


def _xlsx_error_cells(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Cells whose cached value is an error (#VALUE!, #DIV/0!), by sheet name and 0-based (row, col)."""
    from defusedxml import ElementTree

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    found: dict[str, dict[tuple[int, int], str]] = {}
    with zipfile.ZipFile(path) as archive:
        try:
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        except KeyError:
            return found
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        for sheet in book.iterfind("m:sheets/m:sheet", ns):
            target = targets.get(sheet.get(f"{{{ns['r']}}}id"), "")
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            try:
                data = archive.read(member)
            except KeyError:
                continue
            if b't="e"' not in data:
                continue
            text = data.decode("utf-8", "replace")
            cells = {}
            for letters, row, value in _ERROR_CELL.findall(text):
                col = 0
                for ch in letters:
                    col = col * 26 + ord(ch) - 64
                cells[(int(row) - 1, col - 1)] = value
            found[sheet.get("name")] = cells
    return found


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


def _find_header(rows: list[list]) -> tuple[int, dict[int, str], list[str]] | None:
    """Index of the header row below any title rows, with column index -> field name."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping, unknown = {}, []
        for col, cell in enumerate(row):
            if cell in (None, ""):
                continue
            name = _HEADER_LOOKUP.get(_header_key(cell))
            if name and name not in mapping.values():
                mapping[col] = name
            else:
                unknown.append(str(cell).strip())
        fields = set(mapping.values())
        if {"district", "year", "period"} <= fields and fields & {"indicator_code", "indicator_name"}:
            return index, mapping, unknown
    return None


REQUIRED = {"district": "Huyện", "year": "Năm", "period": "Kỳ báo cáo"}


def _missing_header_problem(sheets) -> Problem:
    """Name the required columns missing from the row that looks most like a header."""
    best = (0, None, None, set())
    for sheet_name, rows in sheets:
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            fields = {_HEADER_LOOKUP.get(_header_key(c)) for c in row if c not in (None, "")} - {None}
            if len(fields) > best[0]:
                best = (len(fields), sheet_name, index + 1, fields)
    count, sheet_name, row_no, fields = best
    if count >= 2:
        missing = [label for name, label in REQUIRED.items() if name not in fields]
        if not fields & {"indicator_code", "indicator_name"}:
            missing.append("Mã chỉ tiêu hoặc Tên chỉ tiêu")
        return Problem("thiếu cột bắt buộc: " + ", ".join(missing), sheet_name, row_no)
    expected = ", ".join(TEMPLATE_HEADER[:6])
    return Problem(f"không tìm thấy dòng tiêu đề của mẫu nhập chỉ tiêu (cần các cột: {expected}, ...) "
                   "hoặc bảng theo cột huyện (Chỉ tiêu | Đơn vị tính | Văn Quan | Bắc Sơn | Tràng Định)")


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parse_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


class DistrictMatcher:
    """The district a typed name means, forgiving case, accents, Unicode form and small typos.

    The folded names are computed once, so matching stays cheap with thousands of units.
    """

    def __init__(self, districts: list[str]):
        self.by_fold = {fold(d): d for d in districts}
        self.stored = set(districts)

    def match(self, value) -> tuple[str | None, bool]:
        """(name, exact); a near miss such as 'Trảng Định' gives exact=False."""
        if value in self.stored:  # most cells: the name exactly as stored (3,300 folds saved at commune scale)
            return value, True
        folded = fold(value)
        if folded not in self.by_fold:  # "Huyện Bắc Sơn", "H. Bắc Sơn" for "Bắc Sơn"
            for prefix in ("huyen ", "h. ", "h "):
                if folded.startswith(prefix) and folded[len(prefix):] in self.by_fold:
                    folded = folded[len(prefix):]
                    break
        if folded in self.by_fold:
            name = self.by_fold[folded]
            typed = re.sub(r"^huyện\s+", "", re.sub(r"\s+", " ", nfc(value).lower()))
            return name, typed == name.lower()
        close = difflib.get_close_matches(folded, list(self.by_fold), n=1, cutoff=0.8)
        if close:
            return self.by_fold[close[0]], False
        return None, False


_WIDE_NAME = {"chi tieu", "noi dung", "ten chi tieu", "noi dung chi tieu", "chi tieu chu yeu"}
_WIDE_OTHER = {"stt": None, "tt": None, "don vi tinh": "unit", "dvt": "unit", "don vi": "unit",
               "ma chi tieu": "indicator_code", "ma": "indicator_code"}


def _find_wide_header(rows: list[list], districts: list[str]):
    """The province offices' layout: one row per indicator, one column per district."""
    matcher = DistrictMatcher(districts)
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        name_col, others, district_cols, unknown = None, {}, {}, []
        for col, cell in enumerate(row):
            if cell in (None, ""):
                continue
            key = _header_key(cell)
            district, _ = matcher.match(cell)
            if key in _WIDE_NAME and name_col is None:
                name_col = col
            elif key in _WIDE_OTHER:
                if _WIDE_OTHER[key]:
                    others[col] = _WIDE_OTHER[key]
            elif district and fold(cell).replace("huyen ", "") == fold(district):
                district_cols[col] = district
            else:
                unknown.append(str(cell).strip())
        if name_col is not None and district_cols:
            return index, name_col, others, district_cols, unknown
    return None


def period_from_title(rows: list[list]) -> tuple[int | None, str | None]:
    """Year and period from title rows such as "… 9 THÁNG ĐẦU NĂM 2025" or "QUÝ I NĂM 2025"."""
    text = fold(" ".join(str(c) for row in rows for c in row if isinstance(c, str)))
    m = re.search(r"(\d{1,2}) thang (?:dau )?nam (20\d\d)", text)
    if m and 1 <= int(m.group(1)) <= 12:
        return int(m.group(2)), parse_period(f"{m.group(1)} tháng")
    m = re.search(r"quy (iv|i{1,3}|[1-4]) (?:nam )?(20\d\d)", text)
    if m:
        return int(m.group(2)), parse_period(f"quý {m.group(1)}")
    m = re.search(r"ca nam (20\d\d)", text)
    if m:
        return int(m.group(1)), "FY"
    return None, None


def read_spreadsheet(path: Path, districts: list[str], catalogue: dict[str, dict],
                     today: dt.date | None = None, year: int | None = None,
                     period: str | None = None, source_name: str | None = None) -> ReadResult:
    """Read and check every data row of a spreadsheet; nothing is written anywhere.

    `year` and `period` are used for the wide layout when its title does not say them.
    Work is column by column with each distinct cell value converted once, so a
    100-thousand-row file is checked in about a second.
    """
    with cyclic_gc_paused():
        return _read_spreadsheet(Path(path), districts, catalogue, today, year, period, source_name)


def _read_spreadsheet(path, districts, catalogue, today, year, period, source_name) -> ReadResult:
    result = ReadResult()
    source_name = source_name or path.name
    try:
        sheets = load_sheets(path)
    except UnreadableFile as exc:
        result.problems.append(Problem(str(exc)))
        return result
    checker = _Checker(districts, catalogue, today or dt.date.today(), source_name, result)
    found_header = False
    tables = []
    for sheet_name, rows in sheets:
        header = _find_header(rows)
        if header is not None:
            found_header = True
            table = _long_table(rows, header, sheet_name, result)
        else:
            wide = _find_wide_header(rows, districts)
            if wide is None:
                continue
            found_header = True
            table = _wide_table(rows, wide, sheet_name, result, year, period)
        if table is not None:
            tables.append(table)
    if sum(len(t.rows) for t in tables) > MAX_ROWS:
        result.problems.append(Problem(f"tệp có quá {format_number(MAX_ROWS)} dòng số liệu; hãy chia nhỏ tệp"))
        return result
    frames = [checker.check(t) for t in tables]
    frames = [f for f in frames if len(f)]
    if frames:
        result.frame = pd.concat(frames, ignore_index=True)
    if not found_header:
        result.problems.append(_missing_header_problem(sheets))
    _check_duplicates(result)
    if found_header and result.frame.empty and not result.errors:
        result.problems.append(Problem("tệp không có dòng số liệu nào để nhập"))
    return result


@dataclass
class _Table:
    """One sheet's data rows, column by column, before checking."""

    sheet: str
    rows: list[int]                 # row numbers as the spreadsheet shows them
    columns: dict[str, list]        # field -> raw cell values
    labels: dict[str, str]          # field -> column label for messages ("H – Thực hiện")


def _not_blank(cells) -> bool:
    return any(c is not None and c != "" for c in cells)


def _long_table(rows, header, sheet_name, result) -> _Table | None:
    header_index, mapping, unknown = header
    result.ignored_columns.extend(u for u in unknown if u not in result.ignored_columns)
    if unknown:
        result.problems.append(Problem("bỏ qua các cột không thuộc mẫu: " + ", ".join(f"'{u}'" for u in unknown),
                                       sheet=sheet_name, row=header_index + 1, is_error=False))
    if not set(mapping.values()) & {*NUMBER_FIELDS, "status"}:
        result.problems.append(Problem("không có cột số liệu nào (Kế hoạch, Thực hiện, Tỷ lệ % KH, ...)",
                                       sheet=sheet_name, row=header_index + 1))
        return None
    numbers, kept = [], []
    for row_no, cells in enumerate(rows[header_index + 1:], start=header_index + 2):
        if any(cells) or _not_blank(cells):  # any() settles almost every row; a row of zeros is not blank
            numbers.append(row_no)
            kept.append(cells)
    width = max(mapping) + 1
    if any(len(cells) < width for cells in kept):  # CSV rows can be short; spreadsheet rows are not
        kept = [list(cells) + [None] * (width - len(cells)) for cells in kept]
    by_column = list(zip(*kept)) if kept else [()] * width
    columns = {field: list(by_column[col]) for col, field in mapping.items()}
    labels = {field: _col_name(col, field) for col, field in mapping.items()}
    return _Table(sheet_name, numbers, columns, labels)


def _wide_table(rows, wide, sheet_name, result, year, period) -> _Table | None:
    header_index, name_col, others, district_cols, unknown = wide
    title_year, title_period = period_from_title(rows[:header_index])
    year, period = title_year or year, title_period or period
    if unknown:
        result.problems.append(Problem("bỏ qua các cột không thuộc mẫu: " + ", ".join(f"'{u}'" for u in unknown),
                                       sheet=sheet_name, row=header_index + 1, is_error=False))
    if year is None or period is None:
        result.problems.append(Problem(
            "bảng theo cột huyện nhưng tiêu đề không ghi rõ kỳ và năm (ví dụ '9 THÁNG ĐẦU NĂM 2025'); "
            "hãy chọn Năm và Kỳ báo cáo khi tải lên", sheet=sheet_name, row=header_index + 1))
        return None
    fields = ["indicator_name", "actual", "district", "year", "period", *others.values()]
    columns: dict[str, list] = {f: [] for f in fields}
    numbers = []
    for row_no, cells in enumerate(rows[header_index + 1:], start=header_index + 2):
        def at(col):
            return cells[col] if col < len(cells) else None

        if _blank(at(name_col)):
            continue
        for col, district in district_cols.items():
            if _blank(at(col)):
                continue  # a blank district cell stores nothing, never a zero
            numbers.append(row_no)
            columns["indicator_name"].append(at(name_col))
            columns["actual"].append(at(col))
            columns["district"].append(district)
            columns["year"].append(year)
            columns["period"].append(period)
            for other_col, field_name in others.items():
                columns[field_name].append(at(other_col))
    labels = {"indicator_name": _col_name(name_col, "indicator_name"), "district": "Huyện (tiêu đề cột)",
              "year": "Năm (tiêu đề)", "period": "Kỳ báo cáo (tiêu đề)",
              "actual": "cột huyện", **{f: _col_name(c, f) for c, f in others.items()}}
    return _Table(sheet_name, numbers, columns, labels)


class _Checker:
    """Converts and checks a table column by column; each distinct value is judged once."""

    def __init__(self, districts, catalogue, today, source_name, result):
        self.districts, self.catalogue, self.today = districts, catalogue, today
        self.source_name, self.result = source_name, result
        self.by_name = {fold(c["name"]): code for code, c in catalogue.items()}
        self.matcher = DistrictMatcher(districts)

    # each converter returns (value, message or None, is_error)
    def district(self, raw):
        if _blank(raw):
            return None, "thiếu tên huyện", True
        name, exact = self.matcher.match(raw)
        if name is None:
            return None, "không nhận ra huyện; cần một trong: " + ", ".join(self.districts[:12]) + (
                ", …" if len(self.districts) > 12 else ""), True
        return name, None if exact else f"đã hiểu là '{name}'", False

    @staticmethod
    def year(raw):
        try:
            number = parse_vn_number(raw) if not _blank(raw) else None
            if number is None or number != int(number) or not 2000 <= number <= 2100:
                raise NotANumber("")
        except NotANumber:
            return None, "năm phải là số từ 2000 đến 2100", True
        return int(number), None, False

    @staticmethod
    def period(raw):
        code = parse_period(raw)
        if code is None:
            return None, "kỳ báo cáo không hợp lệ; ví dụ: Quý I, 6 tháng, 9 tháng, Cả năm", True
        return code, None, False

    @staticmethod
    def number(raw, non_negative):
        if isinstance(raw, str) and raw.strip().upper() in ERROR_CELLS:
            return None, "ô bị lỗi công thức, coi như để trống", False
        try:
            value = parse_vn_number(raw)
        except NotANumber as exc:
            return None, str(exc), True
        if value is not None and non_negative and value < 0:
            return None, "giá trị không thể âm", True
        return value, None, False

    @staticmethod
    def status(raw):
        if _blank(raw):
            return None, None, False
        status = STATUSES.get(re.sub(r"[()]", "", fold(raw)).strip())
        if status is None:
            return None, "đánh giá phải là: vượt, đạt, chưa đạt hoặc chưa đánh giá", True
        return status, None, False

    def reported_on(self, raw):
        if _blank(raw):
            return self.today, None, False
        try:
            return _parse_date(raw), None, False
        except ValueError:
            return None, "ngày báo cáo không hợp lệ; ví dụ 24/09/2024", True

    @staticmethod
    def text(raw):
        return (None if _blank(raw) else nfc(raw)), None, False

    def indicator(self, triple):
        code, name, unit = triple
        code = None if _blank(code) else str(code).strip()
        name = None if _blank(name) else nfc(name)
        unit = None if _blank(unit) else nfc(unit)
        if code is None and name is not None:
            code = self.by_name.get(fold(name))
        if code is None and name is None:
            return (None, None, None), ("indicator_name", "thiếu mã chỉ tiêu và tên chỉ tiêu", None), True
        if code is not None and code in self.catalogue:
            expected = self.catalogue[code]["unit"]
            if unit is not None and fold(unit) != fold(expected):
                return (code, name, unit), ("unit", f"đơn vị tính khác danh mục: chỉ tiêu '{code}' tính bằng "
                                            f"'{expected}'", unit), True
            return (code, name, unit), None, False
        if name is None or unit is None:
            return (code, name, unit), ("indicator_name", "chỉ tiêu mới cần có cả tên chỉ tiêu và đơn vị tính",
                                        code), True
        return (code, name, unit), None, False

    def _judge(self, table, columns, convert, bad):
        """Convert each distinct value (or tuple of values across `columns`) once, then spread the
        results over the rows. `convert` returns (value, (column, message, shown value) or None,
        is_error); problems are recorded in row order and rows with an error are marked in `bad`."""
        codes, first = _distinct(columns)
        judged = [convert(*(column[i] for column in columns)) for i in first]
        flagged = np.fromiter((j[1] is not None for j in judged), dtype=bool, count=len(judged))
        if flagged.any():
            bad |= np.fromiter((bool(j[2]) for j in judged), dtype=bool, count=len(judged))[codes]
            problems = self.result.problems
            for i in np.flatnonzero(flagged[codes]):
                _, (column, message, shown), is_error = judged[codes[i]]
                problems.append(Problem(message, table.sheet, table.rows[i],
                                        table.labels.get(column, COLUMNS[column][0]), shown, is_error))
        values = np.empty(len(judged), dtype=object)
        for j, (value, _, _) in enumerate(judged):
            values[j] = value
        return values[codes].tolist()

    def _column(self, table, name, convert, bad):
        raw = table.columns.get(name)
        if raw is None:
            raw = [None] * len(table.rows)

        def judge(value):
            converted, message, is_error = convert(value)
            return converted, message and (name, message, value), is_error

        return self._judge(table, [raw], judge, bad)

    def _number_column(self, table, name, bad):
        """Numeric cells are taken as they are, in one vectorised pass; only a column holding text or
        other values goes through the value-by-value conversion and its messages."""
        raw = table.columns.get(name)
        non_negative = name in NON_NEGATIVE_FIELDS
        kinds = set(map(type, raw or ()))
        if kinds & {float, int} and kinds <= {float, int, str, type(None)} and (
                str not in kinds or {v for v in raw if type(v) is str} == {""}):
            values = np.array([v if type(v) is float or type(v) is int else np.nan for v in raw], dtype=float)
            given = values[~np.isnan(values)]
            if np.isfinite(given).all() and not (non_negative and (given < 0).any()):
                return values
        return self._column(table, name, lambda v: self.number(v, non_negative), bad)

    def check(self, table: _Table) -> pd.DataFrame:
        n = len(table.rows)
        bad = np.zeros(n, dtype=bool)
        data = {
            "district": self._column(table, "district", self.district, bad),
            "year": self._column(table, "year", self.year, bad),
            "period": self._column(table, "period", self.period, bad),
        }
        for name in NUMBER_FIELDS:
            data[name] = self._number_column(table, name, bad)
        data["status"] = self._column(table, "status", self.status, bad)
        data["reported_on"] = self._column(table, "reported_on", self.reported_on, bad)
        for name in ("note", "quote"):
            data[name] = self._column(table, name, self.text, bad)
        sources = self._column(table, "source", self.text, bad)
        data["source"] = [s or self.source_name for s in sources]
        triple_columns = [table.columns.get(f) or [None] * n for f in ("indicator_code", "indicator_name", "unit")]
        triples = self._judge(table, triple_columns, lambda *triple: self.indicator(triple), bad)
        codes = [t[0] for t in triples]
        names = [t[1] for t in triples]
        units = [t[2] for t in triples]
        data.update(indicator_code=codes, indicator_name=names, unit=units)
        frame = pd.DataFrame(data)
        frame["sheet"] = table.sheet
        frame["sheet_row"] = table.rows
        frame = frame[~pd.Series(bad, index=frame.index)]
        empty = frame[list(NUMBER_FIELDS)].isna().all(axis=1) & frame["status"].isna()
        for row_no in frame.loc[empty, "sheet_row"]:
            self.result.problems.append(Problem("dòng không có số liệu nào, bỏ qua", table.sheet, int(row_no),
                                                is_error=False))
        frame = frame[~empty]
        self._check_pct_of_plan(frame, table)
        return frame.reset_index(drop=True)

    def _check_pct_of_plan(self, frame, table):
        """A typed "Tỷ lệ % KH" is checked against Thực hiện / Kế hoạch, not trusted blindly."""
        full = frame.dropna(subset=["plan", "actual", "pct_of_plan"])
        full = full[full["plan"] > 0]
        computed = full["actual"] / full["plan"] * 100
        off = (computed - full["pct_of_plan"]).abs() > (computed * 0.01).clip(lower=1.0)
        for (_, r), value in zip(full[off].iterrows(), computed[off]):
            self.result.problems.append(Problem(
                f"tỷ lệ % KH ghi {format_number(r['pct_of_plan'])} nhưng Thực hiện/Kế hoạch = "
                f"{format_number(value, 1)}%; giữ nguyên số đã ghi, đề nghị kiểm tra lại",
                table.sheet, int(r["sheet_row"]), table.labels.get("pct_of_plan"), r["pct_of_plan"], False))


def _distinct(columns: list[list]) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the number of its distinct value (tuple across `columns`), and the first row holding each."""
    n = len(columns[0])
    codes = None
    for column in columns:
        cells = np.empty(n, dtype=object)
        cells[:] = column
        column_codes, uniques = pd.factorize(cells, use_na_sentinel=False)
        codes = column_codes if codes is None else codes * (len(uniques) + 1) + column_codes
    if len(columns) > 1:
        codes, _ = pd.factorize(codes)
    first = np.empty(codes.max() + 1 if n else 0, dtype=np.int64)
    first[codes[::-1]] = np.arange(n - 1, -1, -1)  # the last write wins: each code's first row
    return codes, first


def _col_name(col, field_name):
    label = COLUMNS[field_name][0]
    return f"{_column_letter(col)} – {label}" if col is not None else label


def _check_duplicates(result: ReadResult) -> None:
    """Same district, year, period and indicator twice: identical rows are kept once, differing ones refused."""
    frame = result.frame
    if frame.empty:
        return
    codes = frame["indicator_code"]
    unnamed = codes.isna()  # a new indicator without a code is known by its folded name; fold only those rows
    key = codes.fillna(frame.loc[unnamed, "indicator_name"].map(lambda n: fold(n) if isinstance(n, str) else n))
    keys = pd.DataFrame({"district": frame["district"], "year": frame["year"], "period": frame["period"], "k": key})
    repeated = keys.duplicated(keep=False)
    if not repeated.any():
        return
    values = [*NUMBER_FIELDS, "status"]
    drop = []
    for _, group in frame[repeated].groupby([keys["district"], keys["year"], keys["period"], keys["k"]],
                                            sort=False):
        first = group.iloc[0]
        for index, row in group.iloc[1:].iterrows():
            same = all((pd.isna(first[v]) and pd.isna(row[v])) or first[v] == row[v] for v in values)
            result.problems.append(Problem(
                f"trùng với dòng {first['sheet_row']} (cùng huyện, năm, kỳ, chỉ tiêu)"
                + ("; số liệu giống nhau nên chỉ lấy một lần" if same else " nhưng số liệu khác nhau"),
                row["sheet"], int(row["sheet_row"]), is_error=not same))
            drop.append(index)
    result.frame = frame.drop(index=drop).reset_index(drop=True)
