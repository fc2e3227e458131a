"""The import template ("Mẫu nhập chỉ tiêu") and the shipped data files share this writer,
so what we ship is exactly what a clerk can fill in and upload."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from indicators.basis import LABELS as BASIS_LABELS
from indicators.ingest.catalogue import CATALOGUE_HEADER, CATALOGUE_SHEET, catalogue_row
from indicators.ingest.fields import COLUMNS, TEMPLATE_HEADER
from indicators.periods import PERIODS
from indicators.store.database import DISTRICTS
from indicators.text import inert_cells, sheet_text

DATA_SHEET = "Số liệu"
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh sách"
CATALOGUE_WIDTHS = [30, 50, 14, 22, 16, 12, 12, 60, 50, 40]
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_WIDTHS = {"district": 14, "year": 8, "period": 12, "indicator_code": 26, "indicator_name": 48, "unit": 14,
           "note": 30, "source": 40, "reported_on": 13, "quote": 90, "basis": 16, "as_of": 14, "source_file": 26}
GUIDE = [
    "HƯỚNG DẪN NHẬP SỐ LIỆU CHỈ TIÊU",
    "1. Mỗi dòng ở trang 'Số liệu' là một chỉ tiêu của một huyện trong một kỳ báo cáo.",
    "2. Huyện và Kỳ báo cáo chọn từ danh sách thả xuống (Quý I, 6 tháng, 9 tháng, Cả năm, Quý II, ...).",
    "   Từ 1/7/2025 cột Huyện có thể ghi xã, phường mới (ví dụ 'Xã Tri Lễ'), tỉnh ('Tỉnh Lạng Sơn') hoặc mã đơn vị;",
    "   tên xã, thị trấn cũ chỉ dùng cho kỳ trước 1/7/2025.",
    "   Kỳ tính lũy kế từ đầu năm: '9 tháng' là từ tháng 1 đến hết tháng 9.",
    "3. Mã chỉ tiêu lấy ở trang 'Danh mục chỉ tiêu'; chỉ tiêu mới thì để trống mã, ghi Tên chỉ tiêu và Đơn vị tính.",
    "4. Kế hoạch là chỉ tiêu cả năm; Thực hiện là số đạt được lũy kế đến cuối kỳ.",
    "5. Số ghi theo kiểu Việt Nam hoặc nhập dạng số: 23.900 là hai mươi ba nghìn chín trăm; 902,4 có phần thập phân.",
    "6. Chỉ ghi số báo cáo có; không tự tính thêm. Nếu báo cáo chỉ ghi tỷ lệ % kế hoạch thì chỉ điền cột Tỷ lệ % KH.",
    "7. Đánh giá: vượt, đạt, chưa đạt hoặc chưa đánh giá (để trống nếu báo cáo không đánh giá).",
    "8. Nguồn: tên văn bản như khi trích dẫn (loại văn bản, cơ quan ban hành, ngày); Ngày báo cáo: ngày của văn bản;",
    "   Trích dẫn: câu trong báo cáo có số liệu; Tệp nguồn: tên tệp văn bản (nếu có).",
    "9. Loại số liệu: Thực hiện (số đã đạt), Ước thực hiện (báo cáo ghi 'ước') hoặc Dự kiến (báo cáo ghi 'dự kiến');",
    "   để trống là Thực hiện. Số liệu đến ngày: ngày số liệu tính đến khi báo cáo ghi rõ (ví dụ 'đến ngày 30/7/2024');",
    "   để trống là hết kỳ báo cáo.",
    "10. Tải tệp lên trang 'Tải số liệu' để xem trước các thay đổi trước khi ghi vào cơ sở dữ liệu.",
]


def _style_header(ws, headers, widths):
    ws.append(headers)
    for cell in ws[1]:
        cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(1, index).column_letter].width = width
    ws.freeze_panes = "A2"


def _catalogue_sheet(ws, catalogue: list[dict]) -> None:
    """The catalogue as a sheet: its names and notes come from uploads, so they are written as inert text."""
    _style_header(ws, list(CATALOGUE_HEADER.values()), CATALOGUE_WIDTHS)
    for entry in sorted(catalogue, key=lambda e: (e["group_name"], e["code"])):
        ws.append([sheet_text(v) for v in catalogue_row(entry)])
    inert_cells(ws, min_row=2)


def write_workbook(path: Path, rows: list[dict], catalogue: list[dict]) -> Path:
    """Write facts (dicts keyed by field name) in the template layout, with lists and guide."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    fields = list(COLUMNS)
    _style_header(ws, TEMPLATE_HEADER, [_WIDTHS.get(f, 13) for f in fields])
    for row in rows:
        values = []
        for f in fields:
            value = row.get(f)
            if f == "period" and value in PERIODS:
                value = PERIODS[value].label
            elif f == "basis" and value in BASIS_LABELS:
                value = BASIS_LABELS[value]
            values.append(sheet_text(value))
        ws.append(values)
    inert_cells(ws, min_row=2)
    for date_field in ("reported_on", "as_of"):
        date_col = fields.index(date_field) + 1
        for (cell,) in ws.iter_rows(min_row=2, min_col=date_col, max_col=date_col):
            cell.number_format = "DD/MM/YYYY"

    lists = wb.create_sheet(LISTS_SHEET)
    labels = [p.label for p in PERIODS.values()]
    for i, name in enumerate(DISTRICTS, start=1):
        lists.cell(i, 1, name)
    for i, label in enumerate(labels, start=1):
        lists.cell(i, 2, label)
    for i, status in enumerate(("vượt", "đạt", "chưa đạt", "chưa đánh giá"), start=1):
        lists.cell(i, 3, status)
    for i, label in enumerate(BASIS_LABELS.values(), start=1):
        lists.cell(i, 4, label)
    lists.sheet_state = "hidden"
    last = max(len(rows) + 200, 1000)
    for field_name, column, count in (("district", "A", len(DISTRICTS)), ("period", "B", len(labels)),
                                      ("status", "C", 4), ("basis", "D", len(BASIS_LABELS))):
        letter = ws.cell(1, fields.index(field_name) + 1).column_letter
        validation = DataValidation(type="list", formula1=f"='{LISTS_SHEET}'!${column}$1:${column}${count}",
                                    allow_blank=True, showErrorMessage=field_name != "district",
                                    errorTitle="Giá trị không hợp lệ", error="Chọn một giá trị trong danh sách.")
        validation.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(validation)

    _catalogue_sheet(wb.create_sheet(CATALOGUE_SHEET), catalogue)

    guide = wb.create_sheet(GUIDE_SHEET)
    for line in GUIDE:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 120
    wb.save(path)
    return Path(path)


def write_catalogue_workbook(path: Path, catalogue: list[dict]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = CATALOGUE_SHEET
    _catalogue_sheet(ws, catalogue)
    wb.save(path)
    return Path(path)


TEMPLATE_FILE_NAME = "mau_nhap_chi_tieu.xlsx"
_EXAMPLE = {"district": "Văn Quan", "year": 2025, "period": "Q1", "indicator_code": "thu_ngan_sach",
            "indicator_name": "Thu ngân sách nhà nước trên địa bàn", "unit": "triệu đồng"}


def write_template(path: Path, catalogue: list[dict]) -> Path:
    """The empty template a clerk fills in ("Mẫu nhập chỉ tiêu"), with one example row to overwrite."""
    return write_workbook(path, [_EXAMPLE], catalogue)
