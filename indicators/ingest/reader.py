"""Reading an indicator spreadsheet as offices make it into checked rows and the problems found.

Ties the workbook, the two layouts and the checks together; nothing here touches the database.
"""
from __future__ import annotations

import datetime as dt
from operator import itemgetter
from pathlib import Path

import pandas as pd

from indicators.compat import cyclic_gc_paused
from indicators.ingest import guards
from indicators.ingest.checks import Checker, check_duplicates
from indicators.ingest.fields import (
    HEADER_SEARCH_ROWS,
    NUMBER_FIELDS,
    TEMPLATE_HEADER,
    Problem,
    ReadResult,
    Table,
    UnreadableFile,
    column_label,
    header_field,
    padded,
)
from indicators.ingest.wide import find_wide_header, wide_table
from indicators.ingest.shape import MAX_ROWS
from indicators.ingest.workbook import load_sheets
from indicators.numbers import format_number

REQUIRED = {"district": "Huyện", "year": "Năm", "period": "Kỳ báo cáo"}


def read_spreadsheet(path: Path, districts: list[str], catalogue: dict[str, dict],
                     today: dt.date | None = None, year: int | None = None,
                     period: str | None = None, source_name: str | None = None,
                     choices: dict[str, str] | None = None, places=None, on_loaded=None,
                     isolated: bool = False) -> ReadResult:
    """Read and check every data row of a spreadsheet; nothing is written anywhere.

    `year` and `period` are used for the wide layout when its title does not say them; `choices`
    maps a typed indicator name to the catalogue code the editor picked for it; `places` (a
    places.PlaceIndex) recognises communes and the province beside the districts; `on_loaded` is told
    the number of data rows once the file is read, before they are checked (the upload page's progress);
    `isolated` reads the file in a child process (uploads to the web server, see isolated.py).
    Work is column by column with each distinct cell value converted once.
    """
    with cyclic_gc_paused():
        return _read_spreadsheet(Path(path), districts, catalogue, today, year, period, source_name, choices,
                                 places, on_loaded, isolated)


def _read_spreadsheet(path, districts, catalogue, today, year, period, source_name, choices, places,
                      on_loaded, isolated) -> ReadResult:
    result = ReadResult()
    source_name = source_name or path.name
    try:
        sheets = load_sheets(path, isolated)
    except UnreadableFile as exc:
        result.problems.append(Problem(str(exc)))
        return result
    checker = Checker(districts, catalogue, today or dt.date.today(), source_name, result, choices, places)
    found_header, tables = _tables(sheets, districts, result, year, period, places)
    if sum(len(t.rows) for t in tables) > MAX_ROWS:
        result.problems.append(Problem(f"tệp có quá {format_number(MAX_ROWS)} dòng số liệu; hãy chia nhỏ tệp"))
        return result
    if on_loaded is not None:
        on_loaded(sum(len(t.rows) for t in tables))
    for table in tables:
        guards.clean_text_cells(table, result)
    frames = [guards.check_ranges(checker.check(t), t, result, checker.today, catalogue) for t in tables]
    frames = [f for f in frames if len(f)]
    if frames:
        result.frame = pd.concat(frames, ignore_index=True)
    if not found_header:
        result.problems.append(_missing_header_problem(sheets))
    check_duplicates(result)
    if found_header and result.frame.empty and not result.errors:
        result.problems.append(Problem("tệp không có dòng số liệu nào để nhập"))
    return result


def _tables(sheets, districts, result, year, period, places=None) -> tuple[bool, list[Table]]:
    """Whether any sheet has a header of either layout, and the tables read from those sheets."""
    found_header = False
    tables = []
    for sheet_name, rows in sheets:
        header = _find_header(rows)
        if header is not None:
            found_header = True
            table = _long_table(rows, header, sheet_name, result)
        else:
            wide = find_wide_header(rows, districts, places)
            if wide is None:
                continue
            found_header = True
            table = wide_table(rows, wide, sheet_name, result, year, period)
        if table is not None:
            tables.append(table)
    return found_header, tables


def _find_header(rows: list[list]) -> tuple[int, dict[int, str], list[str]] | None:
    """Index of the header row below any title rows, with column index -> field name."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping, unknown = {}, []
        for col, cell in enumerate(row):
            if cell in (None, ""):
                continue
            name = header_field(cell)
            if name and name not in mapping.values():
                mapping[col] = name
            else:
                unknown.append(str(cell).strip())
        fields = set(mapping.values())
        if {"district", "year", "period"} <= fields and fields & {"indicator_code", "indicator_name"}:
            return index, mapping, unknown
    return None


def _missing_header_problem(sheets) -> Problem:
    """Name the required columns missing from the row that looks most like a header."""
    best = (0, None, None, set())
    for sheet_name, rows in sheets:
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            fields = {header_field(c) for c in row if c not in (None, "")} - {None}
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


def _not_blank(cells) -> bool:
    return any(c is not None and c != "" for c in cells)


def _long_table(rows, header, sheet_name, result) -> Table | None:
    """The template's layout as it is: the data rows below the header, column by column."""
    header_index, mapping, unknown = header
    result.ignored_columns.extend(u for u in unknown if u not in result.ignored_columns)
    if unknown:
        result.problems.append(Problem("bỏ qua các cột không thuộc mẫu: " + ", ".join(f"'{u}'" for u in unknown),
                                       sheet=sheet_name, row=header_index + 1, is_error=False))
    if not set(mapping.values()) & {*NUMBER_FIELDS, "status"}:
        result.problems.append(Problem("không có cột số liệu nào (Kế hoạch, Thực hiện, Tỷ lệ % KH, ...)",
                                       sheet=sheet_name, row=header_index + 1))
        return None
    body = rows[header_index + 1:]
    # any() settles almost every row at its first cell; a row of zeros is not blank
    keep = [i for i, filled in enumerate(map(any, body)) if filled or _not_blank(body[i])]
    first = header_index + 2
    if len(keep) == len(body):
        kept, numbers = body, list(range(first, first + len(body)))
    else:
        kept, numbers = [body[i] for i in keep], [first + i for i in keep]
    kept = padded(kept, max(mapping) + 1)
    # only the template's columns, each taken straight from the rows (no transposing of the others)
    columns = {field: list(map(itemgetter(col), kept)) for col, field in mapping.items()}
    labels = {field: column_label(col, field) for col, field in mapping.items()}
    return Table(sheet_name, numbers, columns, labels)
