"""The province offices' wide layout: one row per indicator, one column per district (or, from 1/7/2025,
per commune: a header naming a place keeps its text, which the checker reads at the table's date).

Such a table is turned into the template's long columns, so the same checks judge both layouts.
"""
from __future__ import annotations

import re
from operator import itemgetter

import numpy as np

from indicators.ingest.checks import DistrictMatcher
from indicators.ingest.fields import (
    HEADER_SEARCH_ROWS,
    Problem,
    Table,
    blank,
    column_label,
    header_key,
    padded,
)
from indicators.periods import parse_period
from indicators.text import fold

_WIDE_NAME = {"chi tieu", "noi dung", "ten chi tieu", "noi dung chi tieu", "chi tieu chu yeu"}
_WIDE_OTHER = {"stt": None, "tt": None, "don vi tinh": "unit", "dvt": "unit", "don vi": "unit",
               "ma chi tieu": "indicator_code", "ma": "indicator_code"}


def find_wide_header(rows: list[list], districts: list[str], places=None):
    """The header row of the wide layout: (index, name column, other columns, district columns, unknown);
    `places` (places.PlaceIndex) recognises a column of a commune or of the province."""
    matcher = DistrictMatcher(districts)
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        name_col, others, district_cols, unknown = None, {}, {}, []
        for col, cell in enumerate(row):
            if cell in (None, ""):
                continue
            key = header_key(cell)
            district, _ = matcher.match(cell)
            if key in _WIDE_NAME and name_col is None:
                name_col = col
            elif key in _WIDE_OTHER:
                if _WIDE_OTHER[key]:
                    others[col] = _WIDE_OTHER[key]
            elif district and fold(cell).replace("huyen ", "") == fold(district):
                district_cols[col] = district
            elif places is not None and places.knows(cell):
                district_cols[col] = str(cell).strip()
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


def wide_table(rows, wide, sheet_name, result, year, period) -> Table | None:
    """One long row per filled district cell; the year and period come from the title, else those given."""
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
    numbers, columns = _long_columns(rows, wide, year, period)
    labels = {"indicator_name": column_label(name_col, "indicator_name"), "district": "Huyện (tiêu đề cột)",
              "year": "Năm (tiêu đề)", "period": "Kỳ báo cáo (tiêu đề)",
              "actual": "cột huyện", **{f: column_label(c, f) for c, f in others.items()}}
    return Table(sheet_name, numbers, columns, labels)


def _long_columns(rows, wide, year, period) -> tuple[list[int], dict[str, list]]:
    """The sheet row number of each long row, and the long rows column by column: row by row, and
    within a row district column by district column, as the sheet reads. Cells are picked with numpy
    masks rather than a Python step per cell (a 500 x 200 sheet is 100,000 cells)."""
    header_index, name_col, others, district_cols, _ = wide
    body = padded(rows[header_index + 1:], max(name_col, *others, *district_cols) + 1)
    kept = [i for i, cells in enumerate(body) if not blank(cells[name_col])]
    place_cols = list(district_cols)
    grid = np.empty((len(kept), len(place_cols)), dtype=object)
    pick = itemgetter(*place_cols)  # one cell when there is one column: assigned to the row all the same
    for r, i in enumerate(kept):
        grid[r] = pick(body[i])
    filled = _filled(grid.ravel())
    at_row, at_col = np.nonzero(filled.reshape(grid.shape))  # a blank district cell stores nothing, never a zero
    count = len(at_row)
    columns: dict[str, list] = {
        "indicator_name": _objects([body[i][name_col] for i in kept])[at_row].tolist(),
        "actual": grid[at_row, at_col].tolist(),
        "district": _objects(list(district_cols.values()))[at_col].tolist(),
        "year": [year] * count,
        "period": [period] * count,
    }
    for other_col, field_name in others.items():
        columns[field_name] = _objects([body[i][other_col] for i in kept])[at_row].tolist()
    numbers = (np.asarray(kept, dtype=np.int64)[at_row] + header_index + 2).tolist()
    return numbers, columns


def _filled(cells: np.ndarray) -> np.ndarray:
    """Which cells are not blank (fields.blank), compared in numpy: a commune sheet is mostly empty
    cells; only the distinct texts left are stripped to find those of spaces alone."""
    filled = (cells != "") & (cells != None)  # noqa: E711 (elementwise on objects)
    spaces = {v for v in set(cells[filled].tolist()) if isinstance(v, str) and blank(v)}
    if spaces:
        filled &= np.fromiter((v not in spaces for v in cells.tolist()), dtype=bool, count=cells.size)
    return filled


def _objects(values: list) -> np.ndarray:
    """A list as an array of its Python objects (numpy would turn strings into fixed-width text)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out
