"""Builds the messy-spreadsheet corpus the upload tests read.

Files are drafted with openpyxl, then re-saved by LibreOffice Calc (`soffice --headless
--convert-to`), so the tests read what a real spreadsheet program writes: cached formula
values, error cells, Calc's shared strings, .xls and .ods. Run once, commit the output:

    apt-get install -y libreoffice-calc-nogui
    python tests/corpus/make_corpus.py
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
HEADER = ["Huyện", "Năm", "Kỳ báo cáo", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"]


def calc(draft: Path, out_name: str, target: str = "xlsx") -> Path:
    """Let LibreOffice Calc open and save the draft (recalculating formulas)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--calc", "--convert-to", target, "--outdir", tmp, str(draft)],
                       check=True, capture_output=True, timeout=120)
        produced = Path(tmp) / f"{draft.stem}.{target.split(':')[0]}"
        final = HERE / out_name
        shutil.move(produced, final)
        return final


def workbook(rows, header=HEADER, title_rows=(), merge=None) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    for title in title_rows:
        ws.append([title])
    ws.append(header)
    for row in rows:
        ws.append(row)
    if merge:
        for cells in merge:
            ws.merge_cells(cells)
    return wb


def main() -> None:
    drafts = Path(tempfile.mkdtemp())

    def draft(name, wb):
        path = drafts / name
        wb.save(path)
        return path

    # 1. Title rows, merged cells, capitals without accents, columns reordered, an extra column.
    header = ["STT", "TEN CHI TIEU ", "HUYEN", "NAM", "KY BAO CAO", "DVT", "KE HOACH", "THUC HIEN", "NGUOI LAP"]
    rows = [[1, "Trồng rừng mới", "Văn Quan", 2025, "Quý I", "ha", 700, 120.5, "Nguyễn Văn A"],
            [2, "Trồng rừng mới", "Bắc Sơn", 2025, "Quý I", "ha", 600, 98, "Nguyễn Văn A"],
            [None, None, None, None, None, None, None, None, None],
            [3, "Trồng rừng mới", "Tràng Định", 2025, "Quý I", "ha", 1200, 210, "Nguyễn Văn A"]]
    wb = workbook(rows, header, ["UBND TỈNH LẠNG SƠN", "BÁO CÁO CHỈ TIÊU QUÝ I NĂM 2025"], ["A1:I1", "A2:I2"])
    calc(draft("tieu_de_o_gop.xlsx", wb), "tieu_de_o_gop.xlsx")
    calc(draft("tieu_de_o_gop_xls.xlsx", wb), "tieu_de_o_gop.xls", "xls")

    # 2. Numbers typed as text in Vietnamese format, a % sign, and a "Tỷ lệ % KH" formula.
    header = HEADER + ["Tỷ lệ % KH"]
    rows = [["Văn Quan", 2025, "6 tháng", "thu_ngan_sach", None, "triệu đồng", "23.900", "15.402,5", "=H2/G2*100"],
            ["Bắc Sơn", "2025", "6T", "thu_ngan_sach", None, "triệu đồng", "36.020", "20.100", "55,8%"]]
    calc(draft("so_kieu_viet.xlsx", workbook(rows, header)), "so_kieu_viet.xlsx")

    # 3. District names in NFD, odd case and spaces, and a typo that is a near miss.
    nfd = unicodedata.normalize("NFD", "Văn Quan")
    rows = [[nfd, 2025, "quy 1", "trong_rung", None, "ha", None, 50],
            ["  BẮC SƠN ", 2025, "Q1", "trong_rung", None, "ha", None, 60],
            ["Trảng Định", 2025, "QUÝ I", "trong_rung", None, "ha", None, 70]]
    calc(draft("ten_huyen_nfd_sai.xlsx", workbook(rows)), "ten_huyen_nfd_sai.xlsx")

    # 4. A computed % column with #VALUE! (text in a formula) and #DIV/0!.
    header = HEADER + ["Tỷ lệ % KH"]
    rows = [["Văn Quan", 2025, "9 tháng", "trong_rung", None, "ha", "chưa giao", 300, '=H2/G2*100'],
            ["Bắc Sơn", 2025, "9 tháng", "trong_rung", None, "ha", 0, 310, "=H3/G3*100"],
            ["Tràng Định", 2025, "9 tháng", "trong_rung", None, "ha", 1000, 520, "=H4/G4*100"]]
    wb = workbook(rows, header)
    wb.active["G2"] = None  # plan left empty on that row; the formula still errors on text below
    wb.active["G2"] = "=\"chưa giao\"*1"
    calc(draft("loi_value.xlsx", wb), "loi_value.xlsx")

    # 5. Missing required column (no "Năm").
    header = ["Huyện", "Kỳ báo cáo", "Mã chỉ tiêu", "Thực hiện"]
    calc(draft("thieu_cot.xlsx", workbook([["Văn Quan", "Quý I", "trong_rung", 5]], header)), "thieu_cot.xlsx")

    # 6. Words in a number column.
    rows = [["Văn Quan", 2025, "Quý I", "trong_rung", None, "ha", 700, "khoảng 500"]]
    calc(draft("chu_trong_cot_so.xlsx", workbook(rows)), "chu_trong_cot_so.xlsx")

    # 7. Impossible value: negative hectares.
    rows = [["Bắc Sơn", 2025, "Quý I", "trong_rung", None, "ha", 600, -15]]
    calc(draft("dien_tich_am.xlsx", workbook(rows)), "dien_tich_am.xlsx")

    # 8. Two rows for the same key with different values.
    rows = [["Tràng Định", 2025, "Quý I", "trong_rung", None, "ha", 1200, 210],
            ["Tràng Định", 2025, "Quý I", "trong_rung", None, "ha", 1200, 250]]
    calc(draft("trung_lap.xlsx", workbook(rows)), "trung_lap.xlsx")

    # 9. Unknown period; year out of range.
    rows = [["Văn Quan", 2025, "Quý V", "trong_rung", None, "ha", 700, 10],
            ["Văn Quan", 1995, "Quý I", "trong_rung", None, "ha", 700, 10]]
    calc(draft("ky_sai.xlsx", workbook(rows)), "ky_sai.xlsx")

    # 10. Not a spreadsheet, renamed.
    (HERE / "gia_mao.xlsx").write_bytes(b"%PDF-1.4\n% not a spreadsheet\n")

    # 11-12. Wide layout from a province office, period in the title; also as .ods.
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 01"
    ws.append(["BÁO CÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI 9 THÁNG ĐẦU NĂM 2025"])
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["STT", "Chỉ tiêu", "Đơn vị tính", "Văn Quan", "Bắc Sơn", "Tràng Định"])
    ws.append(["I", "KINH TẾ", None, None, None, None])
    ws.append([1, "Thu ngân sách nhà nước trên địa bàn", "triệu đồng", "27.500", 51000, 45210.5])
    ws.append([2, "Trồng rừng mới", "ha", 802, 730.25, None])
    ws.append([3, "Tỷ lệ hộ nghèo đa chiều", "%", 5.1, "4,8", 3.9])
    wide = draft("bang_ngang.xlsx", wb)
    calc(wide, "bang_ngang.xlsx")
    calc(wide, "bang_ngang.ods", "ods")

    # 13. CSV with a UTF-8 BOM, as Excel saves "CSV UTF-8".
    csv_text = ("Huyện,Năm,Kỳ báo cáo,Mã chỉ tiêu,Thực hiện\n"
                "Văn Quan,2025,6 tháng,trong_rung,\"410,5\"\n"
                "Tràng Định,2025,6 tháng,trong_rung,630\n")
    (HERE / "co_bom.csv").write_bytes(b"\xef\xbb\xbf" + csv_text.encode("utf-8"))

    # 14. A "Tỷ lệ % KH" that does not match plan and actual.
    header = HEADER + ["Tỷ lệ % KH"]
    rows = [["Bắc Sơn", 2025, "9 tháng", "trong_rung", None, "ha", 600, 300, 95]]
    calc(draft("ty_le_sai.xlsx", workbook(rows, header)), "ty_le_sai.xlsx")
    shutil.rmtree(drafts)


if __name__ == "__main__":
    main()
