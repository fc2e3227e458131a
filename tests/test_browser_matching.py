"""In Chromium: an upload with a name the catalogue does not know goes through the suggestions and
the editor's confirmation before anything is written (issue 14, item 1)."""
from __future__ import annotations

import datetime as dt

from test_browser import EDITOR, PASSWORD, app_url, browser, log_in, page, settle, shot  # noqa: F401 (fixtures)

from indicators.ingest.template import write_workbook

UNKNOWN = "Chi NS cho sự nghiệp giáo dục huyện"


def named(district, name, unit, actual):
    return {"district": district, "year": 2024, "period": "FY", "indicator_name": name, "unit": unit,
            "actual": actual, "source": "Báo cáo cả năm 2024", "reported_on": dt.date(2025, 1, 10)}


def main_text(pg) -> str:
    return pg.locator("[data-testid=stMain]").inner_text()


def test_an_unknown_name_goes_through_suggestion_and_confirmation(page, app_url, tmp_path):  # noqa: F811
    upload = tmp_path / "ca_nam_2024_ten_khac.xlsx"
    write_workbook(upload, [
        named("Văn Quan", "Tổng thu NSNN trên địa bàn (triệu đồng)", "triệu đồng", 41000),
        named("Văn Quan", UNKNOWN, "triệu đồng", 120000),
    ], [])
    page.goto(app_url + "/tai-so-lieu")
    settle(page)
    log_in(page, EDITOR, PASSWORD)
    page.locator("input[type=file]").set_input_files(str(upload))
    settle(page)
    page.get_by_text("Tên chỉ tiêu chưa khớp danh mục").wait_for(timeout=30_000)
    body = main_text(page)
    assert "không khớp chỉ tiêu nào trong danh mục" in body, body[-1500:]
    confirm = page.get_by_role("button", name="Xác nhận ghi vào cơ sở dữ liệu")
    assert confirm.is_disabled()
    shot(page, "tai-so-lieu-ten-chua-khop")

    page.get_by_role("combobox", name=f"'{UNKNOWN}' là chỉ tiêu nào?").click()
    options = page.locator("[role=option]")
    options.first.wait_for(timeout=10_000)
    shown = options.all_inner_texts()
    assert any("giống" in o and "(triệu đồng)" in o for o in shown), shown  # suggestions with score and unit
    assert shown[-1].startswith(f"Chỉ tiêu mới: '{UNKNOWN}'")
    options.last.click()
    settle(page)
    page.get_by_text("Xem trước thay đổi").wait_for(timeout=30_000)
    confirm = page.get_by_role("button", name="Xác nhận ghi vào cơ sở dữ liệu")
    assert confirm.is_enabled()
    assert "Chỉ tiêu mới" in main_text(page)
    shot(page, "tai-so-lieu-da-chon")
    confirm.click()
    settle(page)
    assert "Đã nhập xong" in main_text(page) and "1 chỉ tiêu mới" in main_text(page)
