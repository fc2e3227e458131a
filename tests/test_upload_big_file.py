"""A big file on the upload page and on the command line (issue 14, items 3 and 4): the importer reports
its stages (reading, checking, comparing, writing) with counts, the command line reads and checks the
file once, and a 100,000-row preview reaches the browser a page at a time."""
from __future__ import annotations

import csv

import pytest

from indicators.__main__ import main as cli
from indicators.ingest import importer
from indicators.ingest.importer import commit_import, plan_import
from indicators.store import database as store
from indicators.views.upload_progress import PAGE_ROWS, StagesSeen, page_of, stage_text

HEADER = ["Huyện", "Năm", "Kỳ báo cáo", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"]
PERIOD_LABELS = ["Quý I", "6 tháng", "9 tháng", "Cả năm"]
DISTRICTS = ["Văn Quan", "Bắc Sơn", "Tràng Định"]


def big_csv(path, rows: int):
    """`rows` figures with distinct keys: indicators new to the catalogue, each with a code, name and unit,
    for the three districts over years and periods (a file as large as an office's backlog)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        written = 0
        for code in range(1, 1000):
            for year in range(2000, 2100):
                for period in PERIOD_LABELS:
                    for district in DISTRICTS:
                        if written == rows:
                            return path
                        out.writerow([district, year, period, f"ct_lon_{code:03d}", f"Chỉ tiêu thử số {code}",
                                      "người", 1000 + written % 97, 900 + written % 89])
                        written += 1
    return path


# ---- the stages, in order, with their counts ------------------------------------------------------

def test_an_import_reports_reading_checking_comparing_and_writing_with_counts(tiny_db, tmp_path):
    path = big_csv(tmp_path / "nam_lon.csv", 1_500)
    seen = StagesSeen()
    with store.connect(tiny_db) as con:
        plan = plan_import(con, path, progress=seen.add)
        assert seen.seen == [("read", 0), ("check", 1_500), ("compare", 1_500)]
        commit_import(con, plan, "van_thu", progress=seen.add)
    assert seen.seen[-1] == ("write", 1_500)
    assert seen.done_text() == ("Đã đọc tệp · kiểm tra 1.500 dòng · đối chiếu 1.500 số liệu · "
                                "ghi 1.500 số liệu.")


def test_the_bar_names_each_stage_as_step_n_of_four_and_moves_forward():
    stages = [stage_text(s, 100_000, "ca_nam.xlsx") for s in ("read", "check", "compare", "write")]
    assert [t for _, t in stages] == [
        "Bước 1/4 · Đọc tệp 'ca_nam.xlsx'…",
        "Bước 2/4 · Kiểm tra 100.000 dòng số liệu…",
        "Bước 3/4 · Đối chiếu 100.000 số liệu với số đã lưu…",
        "Bước 4/4 · Ghi 100.000 số liệu vào cơ sở dữ liệu…",
    ]
    fractions = [f for f, _ in stages]
    assert fractions == sorted(fractions) and 0 < fractions[0] and fractions[-1] < 1


def test_pages_cover_every_row_once_and_a_page_past_the_end_is_the_last():
    pages = [page_of(100_000, n) for n in range(1, 1001)]
    assert [p.start for p in pages] == list(range(0, 100_000, PAGE_ROWS))
    assert all(p.stop - p.start == PAGE_ROWS for p in pages)
    assert page_of(100_000, 5000) == pages[-1]
    assert page_of(250, 3).caption() == "Dòng 201–250 trong 250 (trang 3/3, mỗi trang 100 dòng)."


# ---- the command line reads and checks a file once ------------------------------------------------

def test_the_command_line_reads_and_checks_the_file_once(tiny_db, tmp_path, monkeypatch):
    path = big_csv(tmp_path / "nam_lon.csv", 300)
    reads = []
    real = importer.read_spreadsheet

    def counted(*args, **kwargs):
        reads.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "read_spreadsheet", counted)
    monkeypatch.setenv("INDICATORS_UPLOADS", str(tmp_path / "up"))
    assert cli(["import", str(path), "--db", str(tiny_db), "--user", "van_thu"]) == 0
    assert len(reads) == 1
    with store.connect(tiny_db, read_only=True) as con:
        (count,), = con.execute("SELECT count(*) FROM facts_current WHERE indicator_code LIKE 'ct_lon_%'").fetchall()
    assert count == 300


# ---- the upload page with 100,000 rows -------------------------------------------------------------

def rows_sent(at) -> list[int]:
    return [len(d.value) for d in at.dataframe]


@pytest.mark.timeout(900)
def test_a_100000_row_preview_is_sent_a_page_at_a_time_with_the_stages_shown(editor_page, tmp_path):
    at, _ = editor_page
    path = big_csv(tmp_path / "nam_lon.csv", 100_000)
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "text/csv")).run()
    assert not at.exception, at.exception
    assert any(s.value == "Xem trước thay đổi" for s in at.subheader)
    assert at.metric[0].value == "100.000"
    # what the bar says once the file is read: each stage, with its counts
    assert [p.text for p in at.progress] == ["Đã đọc tệp · kiểm tra 100.000 dòng · đối chiếu 100.000 số liệu."]
    sent = rows_sent(at)
    assert max(sent) <= PAGE_ROWS and sum(sent) <= 10 * PAGE_ROWS, sent  # never the 100,000 rows
    figures = at.dataframe[0].value
    assert figures["Dòng"].tolist() == list(range(2, 2 + PAGE_ROWS))
    assert any(c.value == "Dòng 1–100 trong 100.000 (trang 1/1.000, mỗi trang 100 dòng)." for c in at.caption)

    at.pagination[0].set_value(2).run()  # the next page of figures: rows 101–200
    assert not at.exception, at.exception
    assert at.dataframe[0].value["Dòng"].tolist() == list(range(2 + PAGE_ROWS, 2 + 2 * PAGE_ROWS))
    assert max(rows_sent(at)) <= PAGE_ROWS


def test_many_unknown_names_can_be_confirmed_as_new_at_once_after_their_suggestions(editor_page, tmp_path):
    at, db = editor_page
    path = tmp_path / "xa_moi.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow([h for h in HEADER if h != "Mã chỉ tiêu"])
        for n in range(1, 26):
            out.writerow(["Bắc Sơn", 2025, "Quý I", f"Số hộ tham gia mô hình thứ {n}", "hộ", 100 + n, 90 + n])
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "text/csv")).run()
    assert not at.exception, at.exception
    assert len(at.selectbox) >= 25  # each name with its suggestions, as for a few names
    assert len(at.dataframe[0].value) == 25
    at.checkbox(key=[c.key for c in at.checkbox if c.key.startswith("all_new_")][0]).check().run()
    assert not at.exception, at.exception
    assert not any(s.label.endswith("là chỉ tiêu nào?") for s in at.selectbox)
    assert any(s.value == "Xem trước thay đổi" for s in at.subheader)
    assert [m.value for m in at.metric if m.label == "Chỉ tiêu mới"] == ["25"]
    next(b for b in at.button if b.label == "Xác nhận ghi vào cơ sở dữ liệu").click().run()
    assert any("Đã nhập xong" in s.value for s in at.success)
    with store.connect(db) as con:  # the page holds the file open: the same configuration
        names = {e["name"] for e in store.load_catalogue(con).values()}
    assert {f"Số hộ tham gia mô hình thứ {n}" for n in range(1, 26)} <= names
