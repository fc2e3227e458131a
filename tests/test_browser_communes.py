"""Issue 15 in Chromium at a laptop's 1366 px: the synthetic commune quarter (9 tháng 2025) imported, the three
former district areas beside their 9 tháng 2024 figures with the roll-up note, the drill to one area's
communes, and their map."""
from __future__ import annotations

import urllib.parse

import pytest
from commune_demo import demo_database
from test_browser import browser, settle, shot, start_server  # noqa: F401 (browser is a fixture)

from indicators.app import accounts as auth


@pytest.fixture(scope="module")
def demo_url(shipped_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser_communes")
    db = demo_database(shipped_db, folder)
    users = folder / "users.json"
    auth.add_user("lanh_dao", "mat-khau-chi-xem", "viewer", users)
    server, url = start_server(db, users)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def laptop(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    pg = context.new_page()
    yield pg
    context.close()


def test_three_areas_beside_their_2024_figures_with_the_roll_up_note(laptop, demo_url):
    laptop.goto(demo_url + "/so-sanh-huyen?nam=2025&ky=9M&chi_tieu=trong_rung")
    settle(laptop)
    laptop.wait_for_selector(".js-plotly-plot .xtick text")
    assert laptop.locator("[data-testid=stException]").count() == 0
    assert laptop.locator(".js-plotly-plot .xtick text").all_text_contents() == ["Văn Quan", "Bắc Sơn", "Tràng Định"]
    chart = laptop.locator(".js-plotly-plot").first.inner_text()
    read = " ".join(chart.replace("\u200b", " ").split())  # the title's wrapped lines as one text
    assert "9 tháng 2024 (huyện) và 9 tháng 2025 (tổng các xã mới)" in read  # which bar is which: the title …
    assert "Cột nhạt: báo cáo của huyện" in read and "cột đậm: tổng các xã mới trên địa bàn" in read  # … and the key
    assert "715,96" in chart  # Bắc Sơn's own report of 9 tháng 2024
    assert "tổng của 5 xã" in chart and "tổng của 6 xã" in chart and "tổng của 7 xã" in chart
    assert "DỮ LIỆU MÔ PHỎNG" in chart
    shot(laptop, "dia-ban-huyen-cu-9-thang-2025")
    link = laptop.locator("button", has_text="Văn Quan →").first
    link.click()
    settle(laptop)
    assert "Xã, phường – địa bàn huyện Văn Quan cũ – 9 tháng năm 2025" in laptop.locator("h1").first.inner_text()
    query = urllib.parse.parse_qs(urllib.parse.urlparse(laptop.url).query)
    assert query["huyen"] == ["Văn Quan"] and query["chi_tieu"] == ["trong_rung"] and query["nam"] == ["2025"]


def test_a_click_on_an_areas_bar_opens_its_communes(laptop, demo_url):
    laptop.goto(demo_url + "/so-sanh-huyen?nam=2025&ky=9M&chi_tieu=trong_rung")
    settle(laptop)
    summed = laptop.locator(".js-plotly-plot .barlayer .trace").nth(1).locator(".point")  # the 2025 sums
    box = summed.nth(1).bounding_box()  # Bắc Sơn's; Plotly's drag layer takes the click, as a mouse gives it
    laptop.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    settle(laptop)
    laptop.wait_for_selector("h1:has-text('Xã, phường')")
    assert "Xã, phường – địa bàn huyện Bắc Sơn cũ – 9 tháng năm 2025" in laptop.locator("h1").first.inner_text()


def test_the_map_draws_each_commune_of_the_area_in_its_place(laptop, demo_url):
    query = urllib.parse.urlencode({"nam": 2025, "ky": "9M", "huyen": "Tràng Định", "chi_tieu": "trong_rung"})
    laptop.goto(demo_url + "/xa-phuong?" + query)
    settle(laptop)
    laptop.wait_for_selector(".js-plotly-plot .scatterlayer .point")
    assert laptop.locator("[data-testid=stException]").count() == 0
    main = laptop.locator("[data-testid=stMain]").inner_text()
    assert "DỮ LIỆU MÔ PHỎNG" in main
    points = laptop.locator(".js-plotly-plot").nth(1).locator(".scatterlayer .point")
    assert points.count() == 7  # Tràng Định's seven new communes, none split
    shot(laptop, "xa-phuong-trang-dinh-ban-do")
