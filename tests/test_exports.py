"""What leaves the dashboard: .xlsx tables, the template and the briefing pack."""
import datetime as dt
import html
import io
import re

import pandas as pd
from conftest import connect_ro
from openpyxl import load_workbook

from indicators.ingest.catalogue import CATALOGUE_SHEET
from indicators.ingest.fields import TEMPLATE_HEADER
from indicators.ingest.template import DATA_SHEET, GUIDE_SHEET, write_template
from indicators.views.briefing import briefing_file_name, build_briefing
from indicators.views.export import table_to_xlsx


def test_table_export_keeps_numbers_as_numbers_and_neutralises_formulas():
    frame = pd.DataFrame({"Huyện": ["Bắc Sơn", "=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)"],
                          "Thực hiện": [49000.0, 1.5, None, 3.0, 4.0],
                          "Ngày báo cáo": [dt.date(2024, 8, 28)] * 5})
    sheet = load_workbook(io.BytesIO(table_to_xlsx(frame))).active
    assert [c.value for c in sheet[1]] == ["Huyện", "Thực hiện", "Ngày báo cáo"]
    assert sheet["B2"].value == 49000 and sheet["B2"].data_type == "n"
    for row, text in zip(range(3, 7), ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)"]):
        cell = sheet.cell(row, 1)
        # text, never a formula: stored as a string, and marked so that a spreadsheet program opening or
        # re-saving the file keeps it as text (openpyxl stores "+1" as a string with or without the guard)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert not sheet["A2"].quotePrefix  # plain text is left alone
    assert sheet["B4"].value is None
    assert sheet["C2"].value.date() == dt.date(2024, 8, 28)


def test_template_has_the_header_lists_catalogue_and_guide(tmp_path, tiny_db):
    with connect_ro(tiny_db) as con:
        from indicators.store import database as store
        path = write_template(tmp_path / "mau.xlsx", list(store.load_catalogue(con).values()))
    book = load_workbook(path)
    assert [c.value for c in book[DATA_SHEET][1]] == TEMPLATE_HEADER
    assert TEMPLATE_HEADER[:11] == ["Huyện", "Năm", "Kỳ báo cáo", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính",
                                    "Kế hoạch", "Thực hiện", "Cùng kỳ năm trước", "Tỷ lệ % KH", "Tỷ lệ % cùng kỳ"]
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in book[DATA_SHEET].data_validations.dataValidation}
    assert "A2" in validations and "C2" in validations  # drop-downs for Huyện and Kỳ báo cáo
    codes = [row[0].value for row in book[CATALOGUE_SHEET].iter_rows(min_row=2)]
    assert "thu_ngan_sach" in codes
    assert "HƯỚNG DẪN" in book[GUIDE_SHEET]["A1"].value


def test_briefing_pack_is_self_contained(shipped_db):
    with connect_ro(shipped_db) as con:
        page = build_briefing(con, 2024, "9M", ["Văn Quan", "Bắc Sơn", "Tràng Định"])
    shown = html.unescape(page)  # what the browser shows
    assert briefing_file_name(2024, "9M") == "tai-lieu-hop-9-thang-2024.html"
    assert "49.000 triệu đồng" in shown and "Nhiệm vụ trọng tâm – Văn Quan" in shown
    assert "Kỳ: 9 tháng năm 2024" in shown and "Báo cáo của UBND huyện Bắc Sơn, 28/8/2024" in shown
    assert not re.search(r"<script[^>]+src=", page)  # plotly.js is inlined: opens with no network
    assert page.count("Plotly.newPlot") >= 2
