"""Files within the 20 MB cap that cost a trusting reader gigabytes or the whole process: each is
refused in under 5 s with the reading process under 500 MB, with a message saying what is too big.
The files are written by tests/hostile_files.py (nothing large is committed)."""
import datetime as dt
import subprocess
import sys
import zipfile

import pytest
from conftest import TINY_CATALOGUE, fact
from hostile_files import HOSTILE, far_cell, lying_zip, measure

from indicators.ingest import isolated, shape, workbook
from indicators.ingest.fields import UnreadableFile
from indicators.ingest.template import write_workbook
from indicators.store.database import PROJECT_DIR

EXPECTED = {  # what the clerk is told, in part
    "far_cell": "có đến dòng 1.048.576, vượt giới hạn 500.000 dòng",
    "lying_zip": "không khớp với kích thước",
    "sparse_columns": "cột 16.384",
    "repeated_rows": "có đến dòng 1.000.001",
    "tiny_cells": "có hơn 2.200.000 ô có dữ liệu",
    "tiny_rows_csv": "có 9.900.002 dòng",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_refused_quickly_in_little_memory(name, tmp_path):
    path = HOSTILE[name](tmp_path)
    assert path.stat().st_size < workbook.MAX_FILE_BYTES
    outcome = measure(path, isolated=True, timeout=60)
    assert outcome["refused"] is True, outcome
    assert EXPECTED[name] in outcome["message"], outcome["message"]
    assert outcome["seconds"] < 5, outcome
    assert outcome["peak_mb"] < 500, outcome


SERVER = """
import sys, time
from indicators.ingest import shape, workbook
shape.scan_xlsx = lambda path: {}  # as if the shape scan had missed the file
start = time.perf_counter()
try:
    workbook.load_sheets(sys.argv[1], isolated=True)
except workbook.UnreadableFile as exc:
    print(exc)
print(time.perf_counter() - start)
"""


def test_the_reader_dying_on_a_file_does_not_take_the_server_with_it(tmp_path):
    """Past the shape scan, calamine aborts its process (exit 134) on a cell at XFD1048576; an upload
    is read in a process of its own, so the server (here a process standing for it) gets a message."""
    path = far_cell(tmp_path)
    server = subprocess.run([sys.executable, "-c", SERVER, str(path)], cwd=PROJECT_DIR, capture_output=True,
                            text=True, timeout=60)
    assert server.returncode == 0, server.stderr[-500:]
    message, seconds = server.stdout.strip().splitlines()
    assert "cần quá nhiều bộ nhớ để đọc" in message
    assert float(seconds) < 5


def test_an_upload_read_in_its_own_process_gives_the_same_rows(tmp_path):
    path = tmp_path / "so_lieu.xlsx"
    rows = [fact(d, 2024, "9M", "trong_rung", "bc.txt", dt.date(2024, 10, 1), "q", actual=i)
            for i, d in enumerate(["Văn Quan", "Bắc Sơn", "Tràng Định"], start=1)]
    write_workbook(path, rows, TINY_CATALOGUE)
    assert workbook.load_sheets(path, isolated=True) == workbook.load_sheets(path)
    assert 0 < isolated.last_peak_kb < 100 * 1024


def test_zip_entries_that_lie_about_their_size_are_refused_before_the_reader(tmp_path, monkeypatch):
    path = lying_zip(tmp_path)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size == 2048  # what it declares
    monkeypatch.setattr(workbook, "_read_workbook", lambda p: pytest.fail("the reader was reached"))
    with pytest.raises(UnreadableFile, match="không khớp với kích thước"):
        workbook.load_sheets(path)


def test_unpacking_stops_at_the_byte_budget_whatever_the_entries_declare(tmp_path, monkeypatch):
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 5_000_000)
    monkeypatch.setattr(shape, "MAX_UNPACKED_BYTES", 3_000_000)
    monkeypatch.setattr(shape, "CHUNK", 1 << 16)
    read = []
    real = shape._Budget.take

    def counting(self, count):
        read.append(count)
        real(self, count)

    monkeypatch.setattr(shape._Budget, "take", counting)
    with pytest.raises(UnreadableFile, match="khi giải nén quá lớn"):
        workbook.load_sheets(bomb)
    assert sum(read) <= 3_000_000 + (1 << 16)


def test_cells_without_references_count_as_the_next_column(tmp_path, monkeypatch):
    monkeypatch.setattr(shape, "MAX_AREA", 1000)
    from hostile_files import _xlsx

    wide = _xlsx(tmp_path / "rong.xlsx", [b'<row r="1">' + b"<c><v>1</v></c>" * 1001 + b"</row>"])
    with pytest.raises(UnreadableFile, match="cột 1.001"):
        workbook.load_sheets(wide)


def test_a_far_cell_written_in_lower_case_is_found_too(tmp_path):
    from hostile_files import _xlsx

    far = _xlsx(tmp_path / "thuong.xlsx", [b'<row r="2000"><c r="xfd2000"><v>1</v></c></row>'])
    with pytest.raises(UnreadableFile, match="cột 16.384"):
        workbook.load_sheets(far)


def test_a_csv_with_an_endless_quoted_cell_is_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "hong.csv"
    path.write_text('Huyện,Năm\n"' + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="hỏng ở dòng"):
        workbook.load_sheets(path)


def test_a_file_of_many_bad_rows_lists_a_thousand_problems_a_column_then_one_line(tmp_path):
    from indicators.ingest.fields import MAX_LISTED
    from indicators.ingest.reader import read_spreadsheet

    path = tmp_path / "sai.csv"
    path.write_text("Huyện,Năm,Kỳ báo cáo,Mã chỉ tiêu,Thực hiện\n" + "Hà Nội,2024,9 tháng,trong_rung,1\n" * 1500,
                    encoding="utf-8")
    result = read_spreadsheet(path, ["Văn Quan", "Bắc Sơn", "Tràng Định"], {e["code"]: e for e in TINY_CATALOGUE})
    district = [p for p in result.errors if p.column == "A – Huyện"]
    assert len(district) == MAX_LISTED and [p.row for p in district[:2]] == [2, 3]
    (rest,) = [p for p in result.errors if "ô khác" in p.message]
    assert "và 500 ô khác" in rest.message and rest.row == MAX_LISTED + 2 and rest.is_error
