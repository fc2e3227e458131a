"""The messy and bad spreadsheets offices really send (tests/corpus, saved by LibreOffice Calc),
each with its expected outcome and message."""
from pathlib import Path

import pytest
from conftest import connect_ro

from indicators.ingest.importer import plan_import

CORPUS = Path(__file__).parent / "corpus"

# file -> (accepted?, substrings expected in the problems' text, rows read)
CASES = {
    "tieu_de_o_gop.xlsx": (True, ["bỏ qua các cột không thuộc mẫu: 'STT', 'NGUOI LAP'"], 3),
    "tieu_de_o_gop.xls": (True, ["'NGUOI LAP'"], 3),
    "so_kieu_viet.xlsx": (True, ["ô bị lỗi công thức, coi như để trống (giá trị: '#VALUE!')"], 2),
    "ten_huyen_nfd_sai.xlsx": (True, ["dòng 4, cột 'A – Huyện': đã hiểu là 'Tràng Định' (giá trị: 'Trảng Định')"], 3),
    "loi_value.xlsx": (True, ["dòng 2, cột 'G – Kế hoạch': ô bị lỗi công thức", "dòng 3, cột 'I – Tỷ lệ % KH': ô bị lỗi"
                              " công thức, coi như để trống (giá trị: '#DIV/0!')"], 3),
    "thieu_cot.xlsx": (False, ["Trang 'Số liệu', dòng 1: thiếu cột bắt buộc: Năm"], 0),
    "chu_trong_cot_so.xlsx": (False, ["dòng 2, cột 'H – Thực hiện': không phải là số (giá trị: 'khoảng 500')"], 0),
    "dien_tich_am.xlsx": (False, ["dòng 2, cột 'H – Thực hiện': giá trị không thể âm (giá trị: '-15')"], 0),
    "trung_lap.xlsx": (False, ["dòng 3: trùng với dòng 2 (cùng huyện, năm, kỳ, chỉ tiêu) nhưng số liệu khác nhau"], 1),
    "ky_sai.xlsx": (False, ["dòng 2, cột 'C – Kỳ báo cáo': kỳ báo cáo không hợp lệ", "dòng 3, cột 'B – Năm': năm phải là"
                            " số từ 2000 đến 2100 (giá trị: '1995')"], 0),
    "gia_mao.xlsx": (False, ["là tệp PDF, không phải bảng tính"], 0),  # a PDF renamed .xlsx, named by its bytes
    "bang_ngang.xlsx": (True, [], 8),
    "bang_ngang.ods": (True, [], 8),
    "co_bom.csv": (True, [], 2),
    "ty_le_sai.xlsx": (True, ["tỷ lệ % KH ghi 95 nhưng Thực hiện/Kế hoạch = 50,0%"], 1),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_file_gets_its_expected_outcome(name, tiny_db):
    accepted, messages, rows = CASES[name]
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, CORPUS / name)
    text = "\n".join(p.describe() for p in plan.read.problems)
    assert plan.ok is accepted, text
    for message in messages:
        assert message in text
    assert len(plan.read.rows) == rows, text


def test_vietnamese_text_numbers_are_read_as_numbers(tiny_db):
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, CORPUS / "so_kieu_viet.xlsx")
    van_quan, bac_son = plan.read.rows
    assert van_quan.values == {"plan": 23900, "actual": 15402.5}
    assert bac_son.values == {"plan": 36020, "actual": 20100, "pct_of_plan": 55.8}
    assert bac_son.year == 2025 and bac_son.period == "H1"


def test_wide_layout_takes_year_and_period_from_the_title(tiny_db):
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, CORPUS / "bang_ngang.ods")
    by_key = {(r.district, r.indicator_code): r for r in plan.read.rows}
    budget = by_key[("Văn Quan", "thu_ngan_sach")]
    assert (budget.year, budget.period, budget.values) == (2025, "9M", {"actual": 27500})
    assert by_key[("Bắc Sơn", "ty_le_ngheo_da_chieu")].values == {"actual": 4.8}
    assert ("Tràng Định", "trong_rung") not in by_key  # blank cell: nothing stored, never a zero


def test_unknown_indicators_become_new_catalogue_entries(tiny_db, tmp_path):
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, CORPUS / "tieu_de_o_gop.xlsx")
    assert plan.new_indicators == []  # "Trồng rừng mới" matched the catalogue by name
    assert {r.indicator_code for r in plan.read.rows} == {"trong_rung"}


def test_wide_layout_keeps_sheet_order_and_row_numbers_and_skips_cells_of_spaces(tiny_db, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["BÁO CÁO 6 THÁNG ĐẦU NĂM 2025"])
    ws.append(["STT", "Chỉ tiêu", "Đơn vị tính", "Văn Quan", "Bắc Sơn", "Tràng Định"])
    ws.append([1, "Thu ngân sách nhà nước trên địa bàn", "triệu đồng", 100, "   ", 300])
    ws.append([2, None, "ha", 5, 6, 7])  # no indicator name: the row is not read
    ws.append([3, "Trồng rừng mới", "ha", None, 20])  # a short row, a blank district cell
    path = tmp_path / "bang_ngang_khoang_trang.xlsx"
    wb.save(path)
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, path)
    read = [(r.row, r.district, r.indicator_code, r.values) for r in plan.read.rows]
    assert read == [(3, "Văn Quan", "thu_ngan_sach", {"actual": 100}), (3, "Tràng Định", "thu_ngan_sach", {"actual": 300}),
                    (5, "Bắc Sơn", "trong_rung", {"actual": 20})]
