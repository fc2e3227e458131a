"""The upload page and the small fixes of issue 18, driven through Streamlit's AppTest: a clerk
cannot lose data by a slip, the preview says what each figure will become, and the period list
and the focus-task page say what they hold."""
from __future__ import annotations

import pytest
from conftest import EDITOR, EDITOR_PASSWORD
from streamlit.testing.v1 import AppTest

from indicators.store.database import PROJECT_DIR

UPLOAD = "pages/6_tai_so_lieu.py"
FOCUS = "pages/4_nhiem_vu_trong_tam.py"




def run(page, **params):
    at = AppTest.from_file(str(PROJECT_DIR / page), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


# ---- periods and the focus-task page ----------------------------------------------------------

def _period_keys(labels: list[str]) -> list[tuple[int, int]]:
    """(year, place in the year) of each label the period list shows ('9 tháng 2024')."""
    from indicators.periods import PERIODS

    by_label = {p.label: p.sort_order for p in PERIODS.values()}
    return [(int(label.rsplit(" ", 1)[1]), by_label[label.rsplit(" ", 1)[0]]) for label in labels]


def test_periods_are_listed_in_time_order_newest_first(own_db):
    at = run(FOCUS)
    picker = at.selectbox(key="w_period")
    assert picker.value == "2024|9M"  # the opening choice stays the newest year's fullest period
    labels = list(picker.options)
    assert _period_keys(labels) == sorted(_period_keys(labels), reverse=True), labels
    # Cả năm used to sit below 9 tháng, and 6 tháng above 8 tháng
    assert labels.index("Cả năm 2024") < labels.index("9 tháng 2024") < labels.index("6 tháng 2024"), labels


def test_every_chosen_district_has_a_focus_section_saying_why_it_is_empty(own_db):
    at = run(FOCUS)
    headers = [h.value for h in at.header]
    assert set(headers) == {"Văn Quan", "Bắc Sơn", "Tràng Định"}, headers
    assert any(i.value == "Chưa có số liệu nhiệm vụ trọng tâm của Tràng Định cho kỳ này." for i in at.info)


# ---- undo: a clerk cannot lose data by a slip ---------------------------------------------------

CLERK, PASSWORD = EDITOR, EDITOR_PASSWORD
NEW_NAME = "Số hộ được hỗ trợ nhà ở (chỉ tiêu thử)"


@pytest.fixture
def clerk(editor_account):
    return CLERK


def clerk_upload(tmp_path, name="bac_son_q4.xlsx") -> tuple[str, list[dict]]:
    """A quarter's spreadsheet from the clerk: Bắc Sơn's budget changed, one indicator new to the catalogue."""
    import datetime as dt

    from indicators.ingest.template import write_workbook

    rows = [
        {"district": "Bắc Sơn", "year": 2024, "period": "9M", "indicator_code": "thu_ngan_sach",
         "indicator_name": "Thu ngân sách nhà nước trên địa bàn", "unit": "triệu đồng", "actual": 49500,
         "pct_of_plan": 137, "source": "Báo cáo bổ sung", "reported_on": dt.date(2024, 10, 5)},
        {"district": "Bắc Sơn", "year": 2024, "period": "9M", "indicator_code": "ho_ho_tro_nha_o_thu",
         "indicator_name": NEW_NAME, "unit": "hộ",
         "actual": 42, "source": "Báo cáo bổ sung", "reported_on": dt.date(2024, 10, 5)},
    ]
    path = tmp_path / name
    write_workbook(path, rows, [])
    return str(path), rows


def import_as_clerk(db, tmp_path) -> int:
    from indicators.ingest.importer import commit_import, plan_import
    from indicators.store import database as store

    path, _ = clerk_upload(tmp_path)
    con = store.connect(db)
    try:
        plan = plan_import(con, path)
        assert plan.ok, plan.read.errors
        return commit_import(con, plan, CLERK)
    finally:
        con.close()


def logged_in_upload_page():
    at = run(UPLOAD)
    at.text_input[0].input(CLERK)
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def catalogue_names(db) -> set[str]:
    from indicators.store import database as store

    con = store.connect(db)
    try:
        return {e["name"] for e in store.load_catalogue(con).values()}
    finally:
        con.close()


def import_states(db) -> dict[int, bool]:
    from indicators.store import database as store

    con = store.connect(db)  # as the app connects: DuckDB refuses a second configuration in one process
    try:
        return {i: undone is not None for i, undone in con.execute("SELECT id, undone_at FROM imports").fetchall()}
    finally:
        con.close()


def test_undo_choice_defaults_to_the_clerks_latest_upload(own_db, clerk, tmp_path):
    import_id = import_as_clerk(own_db, tmp_path)
    at = logged_in_upload_page()
    assert at.selectbox(key="undo_choice").value == import_id


def test_undo_choice_never_defaults_to_a_shipped_report(own_db, clerk):
    at = logged_in_upload_page()
    assert at.selectbox(key="undo_choice").value is None  # the clerk has uploaded nothing yet
    assert at.button(key="undo_button").disabled  # nothing chosen, nothing to undo


def test_undo_asks_for_confirmation_naming_file_date_and_figures(own_db, clerk, tmp_path):
    import_id = import_as_clerk(own_db, tmp_path)
    at = logged_in_upload_page()
    at.button(key="undo_button").click().run()
    assert import_states(own_db)[import_id] is False  # one click undoes nothing
    warning = " ".join(w.value for w in at.warning)
    assert "bac_son_q4.xlsx" in warning and "2 số liệu sẽ thay đổi" in warning
    assert any(ch.isdigit() for ch in warning.split("nhập lúc")[1][:10])  # the date of the import
    at.button(key="undo_cancel").click().run()
    assert import_states(own_db)[import_id] is False
    assert not any(b.key == "undo_confirm" for b in at.button)
    at.button(key="undo_button").click().run()
    at.button(key="undo_confirm").click().run()
    assert not at.exception
    assert import_states(own_db)[import_id] is True
    assert any("Đã hoàn tác lần nhập số" in s.value and "bac_son_q4.xlsx" in s.value for s in at.success)


def test_undoing_a_shipped_report_needs_a_second_confirmation(own_db, clerk):
    at = logged_in_upload_page()
    shipped = at.selectbox(key="undo_choice").options[-1]
    first = import_states(own_db)
    at.selectbox(key="undo_choice").select_index(len(at.selectbox(key="undo_choice").options) - 1).run()
    assert "báo cáo gốc" in shipped
    at.button(key="undo_button").click().run()
    at.button(key="undo_confirm").click().run()
    assert import_states(own_db) == first  # refused without the second confirmation
    assert any("ô xác nhận thứ hai" in e.value for e in at.error)
    at.checkbox[0].check().run()
    at.button(key="undo_confirm").click().run()
    assert sum(import_states(own_db).values()) == sum(first.values()) + 1


def test_undo_removes_the_indicators_the_import_created(own_db, clerk, tmp_path):
    from indicators.ingest.importer import undo_import
    from indicators.store import database as store

    import_id = import_as_clerk(own_db, tmp_path)
    assert NEW_NAME in catalogue_names(own_db)
    con = store.connect(own_db)
    try:
        undo_import(con, import_id)
    finally:
        con.close()
    assert NEW_NAME not in catalogue_names(own_db)
    assert "Thu ngân sách nhà nước trên địa bàn" in catalogue_names(own_db)
    # nor in the next template (the upload page writes it from the stored catalogue)
    from openpyxl import load_workbook

    from indicators.ingest.template import write_template

    con = store.connect(own_db)
    try:
        template = write_template(tmp_path / "mau.xlsx", list(store.load_catalogue(con).values()))
    finally:
        con.close()
    words = {str(c.value) for ws in load_workbook(template).worksheets for row in ws.iter_rows() for c in row
             if c.value}
    assert NEW_NAME not in words and "Thu ngân sách nhà nước trên địa bàn" in words


# ---- the preview: each figure's source, date, old value and judgement; problems in row order -----

def upload(at, name: str, content: bytes):
    at.file_uploader[0].upload(name, content).run()
    assert not at.exception, at.exception
    return at


def test_preview_shows_source_report_date_old_value_and_status(own_db, clerk, tmp_path):
    path, _ = clerk_upload(tmp_path)
    at = upload(logged_in_upload_page(), "bac_son_q4.xlsx", open(path, "rb").read())
    table = next(d.value for d in at.dataframe if "Đánh giá sẽ hiển thị" in d.value.columns)
    assert list(table["Dòng"]) == sorted(table["Dòng"])
    budget = table[table["Chỉ tiêu"] == "Thu ngân sách nhà nước trên địa bàn"].iloc[0]
    # 002: "đạt 49.000 trđ; đạt 136% so với dự toán tỉnh giao" is what the clerk's 49.500 replaces
    assert "49.000" in budget["Số cũ"] and "136" in budget["Số cũ"]
    assert "49.500" in budget["Số liệu"]
    assert budget["Nguồn"] == "Báo cáo bổ sung" and budget["Ngày báo cáo"] == "5/10/2024"
    # 137% of the plan after 9 months, the file giving no judgement: on pace, the year's plan exceeded
    assert budget["Đánh giá sẽ hiển thị"] == "✔ Đúng tiến độ · KH năm: vượt"
    assert budget["Thay đổi"] not in ("Số liệu mới", "Không đổi")  # a change (from the estimate 49.000)
    new = table[table["Chỉ tiêu"] == NEW_NAME].iloc[0]
    assert new["Số cũ"] == "chưa có" and new["Thay đổi"] == "Số liệu mới"


def test_problems_are_listed_in_row_order(own_db, clerk, tmp_path):
    import datetime as dt

    from indicators.ingest.template import write_workbook

    def row(district, actual):
        return {"district": district, "year": 2024, "period": "9M", "indicator_code": "thu_ngan_sach",
                "indicator_name": "Thu ngân sách nhà nước trên địa bàn", "unit": "triệu đồng", "actual": actual,
                "source": "Báo cáo", "reported_on": dt.date(2024, 10, 5)}

    rows = [row("Bắc Sơn", "nhiều lắm"), row("Hà Nội", 10), row("Văn Quan", "??"), row("Huyện Lạ", 5)]
    path = write_workbook(tmp_path / "loi.xlsx", rows, [])
    at = upload(logged_in_upload_page(), "loi.xlsx", path.read_bytes())
    assert any("chưa nhập được" in e.value for e in at.error)
    problems = at.dataframe[0].value
    lines = [int(r) for r in problems["Dòng"] if str(r).strip()]
    assert len(set(lines)) >= 3 and lines == sorted(lines), lines


def _word_file() -> bytes:
    """What Word writes, in short: a zip whose content types name a word-processing document."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_a_word_file_renamed_xlsx_is_named_plainly(own_db, clerk):
    at = upload(logged_in_upload_page(), "so_lieu_quy_4.xlsx", _word_file())
    errors = " ".join([e.value for e in at.error] + [str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()])
    assert "tệp Word (.docx), không phải bảng tính" in errors, errors
    assert "Error" not in errors and "(" + "Calamine" not in errors


def test_the_import_list_names_shipped_reports_and_the_clerk(own_db, clerk, tmp_path):
    import_as_clerk(own_db, tmp_path)
    at = logged_in_upload_page()
    log = next(d.value for d in at.dataframe if "Người nhập" in d.value.columns)
    assert set(log["Người nhập"]) == {"báo cáo gốc kèm theo bảng điều khiển", CLERK}
