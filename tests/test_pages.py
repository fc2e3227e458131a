"""Every page driven through Streamlit's AppTest on the shipped database."""
import pytest
from streamlit.testing.v1 import AppTest

from indicators.app.pages import CHART_PAGES
from indicators.store.database import PROJECT_DIR

PAGES = [page.file for page in CHART_PAGES]


@pytest.fixture(autouse=True)
def shipped(monkeypatch, app_db):
    monkeypatch.setenv("INDICATORS_DB", str(app_db))


def run(page, **params):
    at = AppTest.from_file(str(PROJECT_DIR / page), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def markdown_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page):
    at = run(page)
    assert not at.exception, at.exception


def test_navigation_opens_the_overview():
    at = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value.startswith("Tổng quan")


def test_overview_defaults_to_nine_months_2024():
    at = run("pages/1_tong_quan.py")
    assert at.title[0].value == "Tổng quan – 9 tháng năm 2024"


def test_overview_cards_show_bac_son_budget_for_nine_months_2024():
    at = run("pages/1_tong_quan.py", nam="2024", ky="9M", huyen="Bắc Sơn")
    text = markdown_text(at)
    assert "49.000 triệu đồng" in text
    assert "Đạt 136% kế hoạch" in text
    assert "Bằng 130% cùng kỳ" in text
    assert "Đạt (theo báo cáo)" in text


def test_overview_says_no_data_rather_than_zero():
    at = run("pages/1_tong_quan.py", nam="2024", ky="9M")
    assert "chưa có số liệu" in markdown_text(at)


def test_url_filters_open_that_view():
    at = run("pages/2_so_sanh_huyen.py", nam="2020", ky="H1", chi_tieu="thu_ngan_sach")
    assert at.title[0].value == "So sánh huyện – 6 tháng năm 2020"
    assert at.selectbox(key="w_period").value == "2020|H1"


def test_changing_the_period_filter_updates_the_url_and_the_view():
    at = run("pages/1_tong_quan.py")
    at.selectbox(key="w_period").set_value("2020|H1").run()
    assert at.query_params["nam"] == ["2020"] or at.query_params["nam"] == "2020"
    assert at.title[0].value == "Tổng quan – 6 tháng năm 2020"


def test_comparison_table_lists_each_figure_with_its_source():
    at = run("pages/2_so_sanh_huyen.py", nam="2024", ky="9M", chi_tieu="thu_ngan_sach")
    table = at.dataframe[0].value
    bac_son = table[table["Huyện"] == "Bắc Sơn"].iloc[0]
    assert bac_son["Thực hiện"] == "49.000"
    assert bac_son["Tỷ lệ % KH"] == "136%"
    assert bac_son["Nguồn"] == "002_1c753b00058e0a8b.txt"


def test_focus_tasks_show_the_counts_a_report_writes():
    at = run("pages/4_nhiem_vu_trong_tam.py", nam="2024", ky="9M", huyen="Văn Quan")
    text = markdown_text(at)
    # report 000 writes: "06 nhiệm vụ đạt 100% trở lên …; 04 nhiệm vụ đạt từ 70% trở lên …
    # 01 nhiệm vụ đạt 60% …; 01 nhiệm vụ chưa có cơ sở để đánh giá"
    assert ("Tổng số 12 nhiệm vụ: 06 nhiệm vụ đạt 100% trở lên; 04 nhiệm vụ đạt từ 70% đến dưới 100%; "
            "01 nhiệm vụ đạt dưới 70%; 01 nhiệm vụ chưa có cơ sở để đánh giá.") in text


def test_sources_page_finds_a_figure_without_accents():
    at = run("pages/5_nguon_so_lieu.py", tim="trong rung", huyen="Bắc Sơn")
    table = at.dataframe[0].value
    assert len(table) >= 1
    assert table["Chỉ tiêu"].str.contains("rừng").all()
    assert table["Trích dẫn"].str.len().gt(10).all()


def test_meeting_mode_hides_controls_and_steps_through_charts():
    at = run("pages/2_so_sanh_huyen.py", trinh_chieu="1", nam="2024", ky="9M",
             chi_tieu=["thu_ngan_sach", "trong_rung"])
    assert "Màn hình 1/2" in markdown_text(at)
    at.button(key="compare_next").click().run()
    assert "Màn hình 2/2" in markdown_text(at)
    at.button(key="meeting_exit").click().run()
    assert "trinh_chieu" not in at.query_params
    assert "Màn hình" not in markdown_text(at) and len(at.dataframe) == 1  # the table is back


def test_viewing_can_require_a_login(monkeypatch):
    monkeypatch.setenv("INDICATORS_REQUIRE_LOGIN", "1")
    at = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert any("Cần đăng nhập để xem" in i.value for i in at.info)
    assert not at.title  # no figures before logging in


def test_upload_page_asks_an_editor_to_log_in_and_refuses_a_wrong_password(monkeypatch, tmp_path):
    from indicators.app import accounts as auth

    users = tmp_path / "users.json"
    auth.add_user("van_thu", "mat-khau-dai", "editor", users)
    monkeypatch.setenv("INDICATORS_USERS", str(users))
    at = run("pages/6_tai_so_lieu.py")
    assert any("biên tập viên" in i.value for i in at.info)
    at.text_input[0].input("van_thu")
    at.text_input[1].input("sai-mat-khau")
    at.button[0].click().run()
    assert any("không đúng" in e.value for e in at.error)
    at.text_input[1].input("mat-khau-dai")
    at.button[0].click().run()
    assert not at.exception
    assert any(b.label == "Tải mẫu nhập chỉ tiêu (.xlsx)" for b in at.get("download_button"))
