"""Checking a read table cell by cell, column by column, with each distinct value judged once.

Column-wise so that large files are checked without a Python loop over pandas rows.
"""
from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd

from indicators.basis import ACTUAL, ESTIMATE
from indicators.frames import records
from indicators.ingest.cells import (
    convert_as_of,
    convert_basis,
    convert_number,
    convert_period,
    convert_status,
    convert_text,
    convert_year,
    parse_date,
    plain_numbers,
)
from indicators.ingest.fields import (
    COLUMNS,
    MAX_LISTED,
    NON_NEGATIVE_FIELDS,
    NUMBER_FIELDS,
    Problem,
    ReadResult,
    Table,
    blank,
    too_many_listed,
)
from indicators.ingest.matching import (
    CONVERTED_FIELDS,
    NameMatcher,
    name_key,
    unit_factor,
)
from indicators.numbers import format_number
from indicators.text import fold, nfc


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


class Checker:
    """Converts and checks a table column by column; each distinct value is judged once."""

    def __init__(self, districts, catalogue, today, source_name, result: ReadResult, choices=None, places=None):
        self.districts, self.catalogue, self.today, self.places = districts, catalogue, today, places
        self.source_name, self.result = source_name, result
        chosen = {name: code for name, code in (choices or {}).items() if code in catalogue}
        self.names = NameMatcher(catalogue, chosen)
        self.matcher = DistrictMatcher(districts)

    def check(self, table: Table) -> pd.DataFrame:
        bad = np.zeros(len(table.rows), dtype=bool)
        frame = pd.DataFrame({**self._converted_columns(table, bad), **self._indicator_columns(table, bad)})
        _convert_units(frame)
        frame["sheet"] = table.sheet
        frame["sheet_row"] = table.rows
        frame = frame[~pd.Series(bad, index=frame.index)]
        frame = self._without_empty_rows(frame, table)
        self._fill_basis(frame, table)
        frame = self._check_as_of(frame, table)
        self._check_pct_of_plan(frame, table)
        return frame.reset_index(drop=True)

    # converters needing what the checker knows: each returns (value, message or None, is_error)
    def district(self, raw, year=None, period=None):
        if blank(raw):
            return None, "thiếu tên huyện", True
        found = None if raw in self.matcher.stored or self.places is None else self.places.recognise(raw, year, period)
        if found is not None:  # a place of the province, read at the row's date (ingest/places.py)
            return found
        name, exact = self.matcher.match(raw)
        if name is None:
            return None, "không nhận ra huyện; cần một trong: " + ", ".join(self.districts[:12]) + (
                ", …" if len(self.districts) > 12 else ""), True
        return name, None if exact else f"đã hiểu là '{name}'", False

    def reported_on(self, raw):
        if blank(raw):
            return self.today, None, False
        try:
            return parse_date(raw), None, False
        except ValueError:
            return None, "ngày báo cáo không hợp lệ; ví dụ 24/09/2024", True

    def indicator(self, triple):
        """Code, name and unit judged together: a name is matched to the catalogue on its key (see
        matching.py); a known indicator's unit is the catalogue's, converted when the ratio is exact;
        a name matching nothing keeps no code and waits for the editor's choice (importer.plan_import)."""
        code, name, unit = triple
        code = None if blank(code) else str(code).strip()
        name = None if blank(name) else nfc(name)
        unit = None if blank(unit) else nfc(unit)
        if code is None and name is not None:
            code = self.names.match(name)
        if code is None and name is None:
            return (None, None, None, 1.0), ("indicator_name", "thiếu mã chỉ tiêu và tên chỉ tiêu", None), True
        if code is not None and code in self.catalogue:
            return self._known_unit(code, name, unit)
        if name is None or (unit is None and code is not None):  # a name alone waits for the editor's choice
            return (code, name, unit, 1.0), ("indicator_name", "chỉ tiêu mới cần có cả tên chỉ tiêu và đơn vị tính",
                                             code), True
        return (code, name, unit, 1.0), None, False

    def _known_unit(self, code, name, unit):
        expected = self.catalogue[code]["unit"]
        if unit is None:
            return (code, name, unit, 1.0), None, False
        factor = unit_factor(unit, expected)
        if factor is None:
            return (code, name, unit, 1.0), ("unit", f"đơn vị tính khác danh mục: chỉ tiêu '{code}' tính bằng "
                                             f"'{expected}', không đổi được từ '{unit}'", unit), True
        if factor != 1:
            return (code, name, expected, factor), ("unit", f"đã đổi số liệu từ '{unit}' sang '{expected}' theo danh "
                                                    f"mục (nhân {format_number(factor)})", unit), False
        return (code, name, unit, 1.0), None, False

    def _converted_columns(self, table, bad) -> dict[str, list]:
        """Every column but the indicator's, in the frame's order."""
        data = {
            "district": self._column(table, "district", self.district, bad, also=() if self.places is None else
                                     self.places.date_columns(table.columns.get("district"), self.matcher.stored)),
            "year": self._column(table, "year", convert_year, bad),
            "period": self._column(table, "period", convert_period, bad),
        }
        for name in NUMBER_FIELDS:
            data[name] = self._number_column(table, name, bad)
        data["status"] = self._column(table, "status", convert_status, bad)
        data["reported_on"] = self._column(table, "reported_on", self.reported_on, bad)
        for name in ("note", "quote"):
            data[name] = self._column(table, name, convert_text, bad)
        sources = self._column(table, "source", convert_text, bad)
        data["source"] = [s or self.source_name for s in sources]
        data["basis"] = self._column(table, "basis", convert_basis, bad)
        data["as_of"] = self._column(table, "as_of", convert_as_of, bad)
        data["source_file"] = self._column(table, "source_file", convert_text, bad)
        return data

    def _indicator_columns(self, table, bad) -> dict[str, list]:
        n = len(table.rows)
        triple_columns = [table.columns.get(f) or [None] * n for f in ("indicator_code", "indicator_name", "unit")]
        triples = self._judge(table, triple_columns, lambda *triple: self.indicator(triple), bad)
        return {"indicator_code": [t[0] for t in triples], "indicator_name": [t[1] for t in triples],
                "unit": [t[2] for t in triples], "unit_factor": np.array([t[3] for t in triples], dtype=float)}

    def _judge(self, table, columns, convert, bad):
        """Convert each distinct value (or tuple of values across `columns`) once, then spread the
        results over the rows. `convert` returns (value, (column, message, shown value) or None,
        is_error); problems are recorded in row order and rows with an error are marked in `bad`."""
        codes, first = _distinct(columns)
        judged = [convert(*(column[i] for column in columns)) for i in first]
        flagged = np.fromiter((j[1] is not None for j in judged), dtype=bool, count=len(judged))
        if flagged.any():
            bad |= np.fromiter((bool(j[2]) for j in judged), dtype=bool, count=len(judged))[codes]
            problems, rows = self.result.problems, np.flatnonzero(flagged[codes])
            for i in rows[:MAX_LISTED]:
                _, (column, message, shown), is_error = judged[codes[i]]
                problems.append(Problem(message, table.sheet, table.rows[i],
                                        table.labels.get(column, COLUMNS[column][0]), shown, is_error))
            if len(rows) > MAX_LISTED:
                problems.append(too_many_listed(rows[MAX_LISTED:], table, judged, codes))
        values = np.empty(len(judged), dtype=object)
        for j, (value, _, _) in enumerate(judged):
            values[j] = value
        return values[codes].tolist()

    def _column(self, table, name, convert, bad, also=()):
        """`also`: columns whose cells `convert` receives beside the value (a unit is read at its row's date)."""
        columns = [[None] * len(table.rows) if (c := table.columns.get(f)) is None else c for f in (name, *also)]

        def judge(value, *rest):
            converted, message, is_error = convert(value, *rest)
            return converted, message and (name, message, value), is_error

        return self._judge(table, columns, judge, bad)

    def _number_column(self, table, name, bad):
        """Numeric cells are taken as they are; only a column holding text or other values goes
        through the value-by-value conversion and its messages."""
        non_negative = name in NON_NEGATIVE_FIELDS
        values = plain_numbers(table.columns.get(name), non_negative)
        if values is not None:
            return values
        return self._column(table, name, lambda v: convert_number(v, non_negative), bad)

    def _without_empty_rows(self, frame, table):
        empty = frame[list(NUMBER_FIELDS)].isna().all(axis=1) & frame["status"].isna()
        for row_no in frame.loc[empty, "sheet_row"]:
            self.result.problems.append(Problem("dòng không có số liệu nào, bỏ qua", table.sheet, int(row_no),
                                                is_error=False))
        return frame[~empty]

    def _fill_basis(self, frame, table):
        """A row with a result and no "Loại số liệu" is a result ("Thực hiện"), or an estimate when its
        column is headed "Ước thực hiện"; a row with only a plan has no basis: there is no result."""
        given = frame["basis"].notna()
        has_result = frame[["actual", "pct_of_plan", "pct_yoy", "change_yoy_pct"]].notna().any(axis=1) | \
            frame["status"].notna()
        heading = table.labels.get("actual", "")
        default = ESTIMATE if "uoc" in fold(heading).split() else ACTUAL
        frame.loc[~given & has_result, "basis"] = default
        for row_no in frame.loc[given & ~has_result, "sheet_row"]:
            self.result.problems.append(Problem(
                "có 'Loại số liệu' nhưng dòng không có số thực hiện nào; loại số liệu bị bỏ qua",
                table.sheet, int(row_no), table.labels.get("basis"), None, False))
        frame.loc[given & ~has_result, "basis"] = None

    def _check_as_of(self, frame, table) -> pd.DataFrame:
        """The date a figure runs to lies in its own year; a result cannot run past its report's date."""
        label, wrong_year = table.labels.get("as_of"), set()
        for r in records(frame.loc[frame["as_of"].notna(), ["as_of", "year", "reported_on", "basis", "sheet_row"]]):
            shown = f"{r['as_of']:%d/%m/%Y}"
            if r["as_of"].year != r["year"]:
                wrong_year.add(r["sheet_row"])
                self.result.problems.append(Problem(f"ngày số liệu không thuộc năm {r['year']}", table.sheet,
                                                    int(r["sheet_row"]), label, shown))
            elif r["basis"] == ACTUAL and r["reported_on"] is not None and r["as_of"] > r["reported_on"]:
                self.result.problems.append(Problem(
                    f"số thực hiện tính đến sau ngày báo cáo ({r['reported_on']:%d/%m/%Y}); nếu là số ước tính, "
                    "hãy ghi 'Ước thực hiện' ở cột Loại số liệu", table.sheet, int(r["sheet_row"]), label, shown,
                    False))
        return frame[~frame["sheet_row"].isin(wrong_year)]

    def _check_pct_of_plan(self, frame, table):
        """A typed "Tỷ lệ % KH" is checked against Thực hiện / Kế hoạch, not trusted blindly."""
        full = frame.dropna(subset=["plan", "actual", "pct_of_plan"])
        full = full[full["plan"] > 0]
        computed = full["actual"] / full["plan"] * 100
        off = (computed - full["pct_of_plan"]).abs() > (computed * 0.01).clip(lower=1.0)
        for r, value in zip(records(full.loc[off, ["pct_of_plan", "sheet_row"]]), computed[off].tolist()):
            self.result.problems.append(Problem(
                f"tỷ lệ % KH ghi {format_number(r['pct_of_plan'])} nhưng Thực hiện/Kế hoạch = "
                f"{format_number(value, 1)}%; giữ nguyên số đã ghi, đề nghị kiểm tra lại",
                table.sheet, int(r["sheet_row"]), table.labels.get("pct_of_plan"), r["pct_of_plan"], False))


def _convert_units(frame: pd.DataFrame) -> None:
    """Amounts typed in another unit of the same kind (tỷ đồng for triệu đồng) scaled, column-wise."""
    factor = frame.pop("unit_factor")
    scaled = factor != 1
    if scaled.any():
        for name in CONVERTED_FIELDS:
            values = pd.to_numeric(frame[name], errors="coerce").astype(float)
            frame[name] = values.where(~scaled, (values * factor).round(9))


def _distinct(columns: list[list]) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the number of its distinct value (tuple across `columns`), and the first row holding each."""
    n = len(columns[0])
    codes = None
    for column in columns:
        column_codes, count = _column_codes(column)
        codes = column_codes if codes is None else codes * (count + 1) + column_codes
    if len(columns) > 1:
        codes, _ = pd.factorize(codes)
    first = np.empty(codes.max() + 1 if n else 0, dtype=np.int64)
    first[codes[::-1]] = np.arange(n - 1, -1, -1)  # the last write wins: each code's first row
    return codes, first


def _column_codes(column: list) -> tuple[np.ndarray, int]:
    """Each cell's number among the column's distinct values (equal values share one), and how many
    there are. A column left empty or all alike, the usual case for a template's optional columns, is
    settled by one comparison pass; otherwise a dict numbers the values (faster than pandas' factorize
    on Python objects, which first copies them into an array)."""
    n = len(column)
    if n == 0 or column.count(column[0]) == n:
        return np.zeros(n, dtype=np.int64), min(n, 1)
    seen: dict = {}
    codes = [seen.setdefault(v, len(seen)) for v in column]
    return np.array(codes, dtype=np.int64), len(seen)


def check_duplicates(result: ReadResult) -> None:
    """Same district, year, period and indicator twice: identical rows are kept once, differing ones refused."""
    frame = result.frame
    if frame.empty:
        return
    codes = frame["indicator_code"]
    unnamed = codes.isna()  # a new indicator without a code is known by its name's key (matching.name_key)
    names = frame.loc[unnamed, "indicator_name"]
    keys_of = {n: name_key(n) for n in names.dropna().unique()}  # each distinct name once
    key = codes.fillna(names.map(keys_of))
    keys = pd.DataFrame({"district": frame["district"], "year": frame["year"], "period": frame["period"], "k": key})
    repeated = keys.duplicated(keep=False)
    if not repeated.any():
        return
    # column-wise: each repeated row against the first row with its key, in one groupby (a file pasted
    # twice repeats every row; a loop over 50,000 groups took seconds)
    repeats = keys[repeated].assign(position=np.flatnonzero(repeated.to_numpy()))
    first = repeats.groupby(["district", "year", "period", "k"], sort=False)["position"].transform("first")
    later = first.notna() & (repeats["position"] != first)
    at, of = repeats.loc[later, "position"].to_numpy(), first[later].to_numpy().astype(np.int64)
    values = frame[[*NUMBER_FIELDS, "status"]]
    now, before = values.iloc[at].reset_index(drop=True), values.iloc[of].reset_index(drop=True)
    same = ((now == before) | (now.isna() & before.isna())).all(axis=1).tolist()
    rows, sheets = frame["sheet_row"].to_numpy(), frame["sheet"].tolist()
    for i, j, is_same in zip(at.tolist(), of.tolist(), same):
        result.problems.append(Problem(
            f"trùng với dòng {rows[j]} (cùng huyện, năm, kỳ, chỉ tiêu)"
            + ("; số liệu giống nhau nên chỉ lấy một lần" if is_same else " nhưng số liệu khác nhau"),
            sheets[i], int(rows[i]), is_error=not is_same))
    result.frame = frame.drop(index=frame.index[at]).reset_index(drop=True)
