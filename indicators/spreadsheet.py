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
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class ReadResult:
    rows: list[FactRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

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
        workbook = CalamineWorkbook.from_path(str(path))
        errors = _xlsx_error_cells(path) if suffix in (".xlsx", ".xlsm") else {}
        sheets = []
        for name in workbook.sheet_names:
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
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
                text = archive.read(member).decode("utf-8", "replace")
            except KeyError:
                continue
            if 't="e"' not in text:
                continue
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


def match_district(value, districts: list[str]) -> tuple[str | None, bool]:
    """The district a typed name means, forgiving case, accents and Unicode form.

    Returns (name, exact); a near miss such as 'Trảng Định' gives exact=False.
    """
    folded = fold(value)
    for prefix in ("huyen ", "h. ", "h "):
        if folded.startswith(prefix):
            folded = folded[len(prefix):]
    by_fold = {fold(d): d for d in districts}
    if folded in by_fold:
        name = by_fold[folded]
        typed = re.sub(r"^huyện\s+", "", re.sub(r"\s+", " ", nfc(value).lower()))
        return name, typed == name.lower()
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.8)
    if close:
        return by_fold[close[0]], False
    return None, False


_WIDE_NAME = {"chi tieu", "noi dung", "ten chi tieu", "noi dung chi tieu", "chi tieu chu yeu"}
_WIDE_OTHER = {"stt": None, "tt": None, "don vi tinh": "unit", "dvt": "unit", "don vi": "unit",
               "ma chi tieu": "indicator_code", "ma": "indicator_code"}


def _find_wide_header(rows: list[list], districts: list[str]):
    """The province offices' layout: one row per indicator, one column per district."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        name_col, others, district_cols, unknown = None, {}, {}, []
        for col, cell in enumerate(row):
            if cell in (None, ""):
                continue
            key = _header_key(cell)
            district, exact = match_district(cell, districts)
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
    """
    result = ReadResult()
    path = Path(path)
    source_name = source_name or path.name
    try:
        sheets = load_sheets(path)
    except UnreadableFile as exc:
        result.problems.append(Problem(str(exc)))
        return result
    by_name = {fold(c["name"]): code for code, c in catalogue.items()}
    found_header = False
    total_rows = 0
    for sheet_name, rows in sheets:
        header = _find_header(rows)
        if header is None:
            wide = _find_wide_header(rows, districts)
            if wide is None:
                continue
            found_header = True
            total_rows += _read_wide(rows, wide, sheet_name, source_name, districts, catalogue, by_name, result, today,
                                     year, period)
            continue
        found_header = True
        header_index, mapping, unknown = header
        result.ignored_columns.extend(u for u in unknown if u not in result.ignored_columns)
        if unknown:
            result.problems.append(Problem(
                "bỏ qua các cột không thuộc mẫu: " + ", ".join(f"'{u}'" for u in unknown),
                sheet=sheet_name, row=header_index + 1, is_error=False))
        if not set(mapping.values()) & {*NUMBER_FIELDS, "status"}:
            result.problems.append(Problem(
                "không có cột số liệu nào (Kế hoạch, Thực hiện, Tỷ lệ % KH, ...)", sheet=sheet_name, row=header_index + 1))
            continue
        for offset, cells in enumerate(rows[header_index + 1:], start=header_index + 2):
            if all(_blank(c) for c in cells):
                continue
            total_rows += 1
            if total_rows > MAX_ROWS:
                result.problems.append(Problem(f"tệp có quá {MAX_ROWS:,} dòng số liệu".replace(",", "."), sheet=sheet_name))
                return result
            row = _read_row(cells, mapping, sheet_name, offset, source_name, districts, catalogue, by_name, result, today)
            if row is not None:
                result.rows.append(row)
    if not found_header:
        result.problems.append(_missing_header_problem(sheets))
    _check_duplicates(result)
    if found_header and not result.rows and not result.errors:
        result.problems.append(Problem("tệp không có dòng số liệu nào để nhập"))
    return result


def _read_wide(rows, wide, sheet_name, source_name, districts, catalogue, by_name, result, today, year, period) -> int:
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
        return 0
    count = 0
    width = max(len(r) for r in rows) if rows else 0
    for row_no, cells in enumerate(rows[header_index + 1:], start=header_index + 2):
        cells = list(cells) + [None] * (width - len(cells))
        if _blank(cells[name_col]) or all(_blank(cells[c]) for c in district_cols):
            continue  # section headings ("I. KINH TẾ") and empty lines
        for col, district in district_cols.items():
            if _blank(cells[col]):
                continue
            count += 1
            extended = cells + [district, year, period]
            mapping = {name_col: "indicator_name", col: "actual", width: "district", width + 1: "year",
                       width + 2: "period", **others}
            row = _read_row(extended, mapping, sheet_name, row_no, source_name, districts, catalogue, by_name, result,
                            today)
            if row is not None:
                result.rows.append(row)
    return count


def _read_row(cells, mapping, sheet, row_no, source_name, districts, catalogue, by_name, result, today):
    def cell(name):
        for col, field_name in mapping.items():
            if field_name == name:
                value = cells[col] if col < len(cells) else None
                if isinstance(value, str):
                    value = value.strip()
                    if value.upper() in ERROR_CELLS:
                        result.problems.append(Problem(
                            "ô bị lỗi công thức, coi như để trống", sheet, row_no,
                            _col_name(col, name), value, is_error=False))
                        return None
                return value
        return None

    def problem(message, name, value=None, is_error=True):
        col = next((c for c, f in mapping.items() if f == name), None)
        result.problems.append(Problem(message, sheet, row_no, _col_name(col, name), value, is_error))

    ok = True
    raw = cell("district")
    district = None
    if _blank(raw):
        problem("thiếu tên huyện", "district")
        ok = False
    else:
        district, exact = match_district(raw, districts)
        if district is None:
            problem("không nhận ra huyện; cần một trong: " + ", ".join(districts), "district", raw)
            ok = False
        elif not exact:
            problem(f"đã hiểu là '{district}'", "district", raw, is_error=False)

    raw = cell("year")
    year = None
    try:
        number = parse_vn_number(raw) if not _blank(raw) else None
        if number is None or number != int(number) or not 2000 <= number <= 2100:
            raise NotANumber("")
        year = int(number)
    except NotANumber:
        problem("năm phải là số từ 2000 đến 2100", "year", raw)
        ok = False

    raw = cell("period")
    period = parse_period(raw)
    if period is None:
        problem("kỳ báo cáo không hợp lệ; ví dụ: Quý I, 6 tháng, 9 tháng, Cả năm", "period", raw)
        ok = False

    code, name, unit = cell("indicator_code"), cell("indicator_name"), cell("unit")
    code = None if _blank(code) else str(code).strip()
    name = None if _blank(name) else nfc(name)
    unit = None if _blank(unit) else nfc(unit)
    if code is None and name is not None:
        code = by_name.get(fold(name))
    if code is None and name is None:
        problem("thiếu mã chỉ tiêu và tên chỉ tiêu", "indicator_name")
        ok = False
    elif code is not None and code in catalogue:
        expected_unit = catalogue[code]["unit"]
        if unit is not None and fold(unit) != fold(expected_unit):
            problem(f"đơn vị tính khác danh mục: chỉ tiêu '{code}' tính bằng '{expected_unit}'", "unit", unit)
            ok = False
    elif name is None or unit is None:
        problem("chỉ tiêu mới cần có cả tên chỉ tiêu và đơn vị tính", "indicator_name", code)
        ok = False

    values = {}
    for name_ in NUMBER_FIELDS:
        raw = cell(name_)
        try:
            number = parse_vn_number(raw)
        except NotANumber as exc:
            problem(str(exc), name_, raw)
            ok = False
            continue
        if number is None:
            continue
        if name_ in NON_NEGATIVE_FIELDS and number < 0:
            problem("giá trị không thể âm", name_, raw)
            ok = False
            continue
        values[name_] = number

    raw = cell("status")
    status = None
    if not _blank(raw):
        status = STATUSES.get(re.sub(r"[()]", "", fold(raw)).strip())
        if status is None:
            problem("đánh giá phải là: vượt, đạt, chưa đạt hoặc chưa đánh giá", "status", raw)
            ok = False

    raw = cell("reported_on")
    reported_on = today
    if not _blank(raw):
        try:
            reported_on = _parse_date(raw)
        except ValueError:
            problem("ngày báo cáo không hợp lệ; ví dụ 24/09/2024", "reported_on", raw)
            ok = False

    if ok and not values and status is None:
        result.problems.append(Problem("dòng không có số liệu nào, bỏ qua", sheet, row_no, is_error=False))
        return None
    if ok and {"plan", "actual", "pct_of_plan"} <= values.keys() and values["plan"] > 0:
        computed = values["actual"] / values["plan"] * 100
        if abs(computed - values["pct_of_plan"]) > max(1.0, 0.01 * computed):
            problem(
                f"tỷ lệ % KH ghi {values['pct_of_plan']:g} nhưng Thực hiện/Kế hoạch = {computed:.1f}%; "
                "giữ nguyên số đã ghi, đề nghị kiểm tra lại", "pct_of_plan", cell("pct_of_plan"), is_error=False)
    if not ok:
        return None
    note, source, quote = (cell(n) for n in ("note", "source", "quote"))
    return FactRow(
        district=district, year=year, period=period, indicator_code=code, indicator_name=name, unit=unit,
        values=values, status=status,
        note=None if _blank(note) else nfc(note),
        source=source_name if _blank(source) else nfc(source),
        reported_on=reported_on,
        quote=None if _blank(quote) else nfc(quote),
        sheet=sheet, row=row_no,
    )


def _col_name(col, field_name):
    label = COLUMNS[field_name][0]
    return f"{_column_letter(col)} – {label}" if col is not None else label


def _check_duplicates(result: ReadResult) -> None:
    seen: dict[tuple, FactRow] = {}
    unique = []
    for row in result.rows:
        key = (row.district, row.year, row.period, row.indicator_code or fold(row.indicator_name))
        first = seen.get(key)
        if first is None:
            seen[key] = row
            unique.append(row)
            continue
        same = (first.values, first.status) == (row.values, row.status)
        result.problems.append(Problem(
            f"trùng với dòng {first.row} (cùng huyện, năm, kỳ, chỉ tiêu)"
            + ("; số liệu giống nhau nên chỉ lấy một lần" if same else " nhưng số liệu khác nhau"),
            row.sheet, row.row, is_error=not same))
    result.rows = unique
