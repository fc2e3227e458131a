"""What a leader sees: the real app in headless Chromium (system /usr/bin/chromium via Playwright)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from indicators.app import accounts as auth
from indicators.ingest.template import write_workbook
from indicators.store.database import PROJECT_DIR

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
SHOTS = PROJECT_DIR / "test-artifacts"
EDITOR, PASSWORD = "van_thu", "mat-khau-thu-nghiem"
VIEWER, VIEWER_PASSWORD = "lanh_dao", "mat-khau-chi-xem"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing; .ci/run installs it", pytrace=False)
    pytest.skip(f"{CHROMIUM} not installed", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, users: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "INDICATORS_DB": str(db), "INDICATORS_USERS": str(users),
           "INDICATORS_UPLOADS": str(users.parent / "uploads")}
    server = subprocess.Popen(
        [sys.executable, "-m", "indicators", "serve", "--server.port", str(port),  # as scripts/start.sh does
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            return server, url
        except OSError:
            time.sleep(0.5)
    server.kill()
    pytest.fail("streamlit did not start")


@pytest.fixture(scope="module")
def app_url(shipped_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "app.duckdb"
    shutil.copy(shipped_db, db)
    users = tmp_path_factory.mktemp("users") / "users.json"
    auth.add_user(EDITOR, PASSWORD, "editor", users)
    auth.add_user(VIEWER, VIEWER_PASSWORD, "viewer", users)
    server, url = start_server(db, users)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()


def settle(pg, timeout=30):
    """Wait until Streamlit has finished running the script."""
    # until the server's first message the app says "initial" (the page may still be starting its chart code)
    pg.wait_for_selector("[data-testid=stApp]:not([data-test-script-state=initial])", timeout=timeout * 1000)
    deadline = time.time() + timeout
    time.sleep(0.8)
    while time.time() < deadline:
        if pg.locator("[data-testid=stStatusWidget]").count() == 0 and \
                pg.locator("[data-testid=stApp][data-test-script-state=running]").count() == 0:
            break
        time.sleep(0.3)
    time.sleep(0.8)


def log_in(pg, name, password):
    pg.get_by_label("Tên đăng nhập").fill(name)
    pg.get_by_label("Mật khẩu").fill(password)
    pg.get_by_role("button", name="Đăng nhập").click()
    settle(pg)


def shot(pg, name):
    SHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("path, name, expected", [
    ("/", "tong-quan", "Tổng quan – 9 tháng năm 2024"),
    ("/so-sanh-huyen", "so-sanh-huyen", "So sánh huyện – 9 tháng năm 2024"),
    ("/theo-thoi-gian", "theo-thoi-gian", "Theo thời gian"),
    ("/nhiem-vu-trong-tam", "nhiem-vu-trong-tam", "Nhiệm vụ trọng tâm – 9 tháng năm 2024"),
    ("/nguon-so-lieu", "nguon-so-lieu", "Nguồn số liệu"),
])
def test_every_page_shows_its_title_and_no_error(page, app_url, path, name, expected):
    page.goto(app_url + path)
    settle(page)
    assert expected in page.locator("h1").first.inner_text()
    assert page.locator("[data-testid=stException]").count() == 0
    shot(page, name)


def test_overview_cards_show_vietnamese_numbers(page, app_url):
    page.goto(app_url + "/?nam=2024&ky=9M")
    settle(page)
    body = page.locator("[data-testid=stMain]").inner_text()
    assert "49.000 triệu đồng" in body and "136%" in body
    assert "chưa có số liệu" in body


def test_overview_shows_pace_and_what_needs_attention(page, app_url):
    page.goto(app_url + "/?nam=2024&ky=9M&huyen=Tr%C3%A0ng+%C4%90%E1%BB%8Bnh")
    settle(page)
    main = page.locator("[data-testid=stMain]")
    # 004: "Tổng diện tích trồng rừng tập trung: 566,5ha, đạt 47% kế hoạch", data to 30/7/2024: behind the 58%
    # of the year's plan due by then, red border
    card = page.locator(".card.risk", has_text="566,5 ha")
    assert card.count() == 1
    text = card.inner_text()
    assert "KH năm: chưa đạt" in text and "Chậm tiến độ (cần ≥ 58% kế hoạch năm đến 30/7/2024)" in text
    # 004: "42.442 triệu đồng, đạt 85,7 % dự toán tỉnh giao": not the year's plan yet, but on pace
    budget = page.locator(".card", has_text="42.442 triệu đồng").inner_text()
    assert "KH năm: chưa đạt" in budget and "Đúng tiến độ" in budget and "✖" not in budget
    assert page.locator(".card.risk", has_text="42.442 triệu đồng").count() == 0
    # the 26 figures of 004 behind the share of the year gone by their cut-off (test_judgements.BEHIND_9M_2024)
    # and 004's plan to merge communes, which has no result yet
    assert "Cần chú ý: 26 số liệu chậm tiến độ hoặc chưa đạt; 1 chỉ tiêu chưa đánh giá được" in main.inner_text()
    shot(page, "tong-quan-can-chu-y")


def test_a_viewer_account_may_neither_upload_nor_undo(page, app_url):
    page.goto(app_url + "/tai-so-lieu")
    settle(page)
    log_in(page, VIEWER, VIEWER_PASSWORD)
    body = page.locator("[data-testid=stMain]").inner_text()
    assert f"Tài khoản '{VIEWER}' chỉ có quyền xem" in body
    assert page.locator("input[type=file]").count() == 0
    assert page.get_by_role("button", name="Hoàn tác").count() == 0
    assert page.get_by_role("button", name="Xác nhận ghi vào cơ sở dữ liệu").count() == 0
    shot(page, "tai-so-lieu-chi-xem")


def test_changing_a_filter_changes_the_chart(page, app_url):
    fetched = []
    page.on("request", lambda r: "PlotlyChart" in r.url and fetched.append(r))
    page.goto(app_url + "/so-sanh-huyen?nam=2024&ky=9M&chi_tieu=thu_ngan_sach")
    page.wait_for_load_state("load")
    # serve.ChartCodeFirst: the chart code is asked for as the page loads, not after the first chart
    assert fetched and page.locator(".js-plotly-plot").count() == 0
    settle(page)
    page.wait_for_selector(".js-plotly-plot .xtick text")
    before = page.locator(".js-plotly-plot .xtick text").all_text_contents()
    assert "Bắc Sơn" in before
    page.goto(app_url + "/so-sanh-huyen?nam=2024&ky=9M&chi_tieu=thu_ngan_sach&huyen=V%C4%83n+Quan")
    settle(page)
    page.wait_for_selector(".js-plotly-plot .xtick text")
    after = page.locator(".js-plotly-plot .xtick text").all_text_contents()
    assert after == ["Văn Quan"]
    shot(page, "so-sanh-mot-huyen")


def test_meeting_mode_steps_forward(page, app_url):
    page.goto(app_url + "/so-sanh-huyen?nam=2024&ky=9M&chi_tieu=thu_ngan_sach&chi_tieu=trong_rung&trinh_chieu=1")
    settle(page)
    assert page.locator("[data-testid=stSidebar]").is_hidden()
    assert "Màn hình 1/2" in page.locator("[data-testid=stMain]").inner_text()
    page.wait_for_selector(".js-plotly-plot .gtitle")
    first_title = page.locator(".js-plotly-plot .gtitle").first.text_content()
    page.keyboard.press("ArrowRight")
    settle(page)
    assert "Màn hình 2/2" in page.locator("[data-testid=stMain]").inner_text()
    page.wait_for_selector(".js-plotly-plot .gtitle")
    assert page.locator(".js-plotly-plot .gtitle").first.text_content() != first_title
    shot(page, "trinh-chieu")


def test_briefing_pack_downloads_and_opens_offline(page, app_url, browser, tmp_path):
    page.goto(app_url + "/?nam=2024&ky=9M")
    settle(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Tải tài liệu họp (HTML)").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "tai-lieu-hop-9-thang-2024.html"
    assert "static/js/PlotlyChart" not in path.read_text(encoding="utf-8")  # serve.ChartCodeFirst left it alone
    offline = browser.new_context(offline=True)
    viewer = offline.new_page()
    viewer.goto(path.as_uri())
    viewer.wait_for_selector(".js-plotly-plot", timeout=30_000)
    text = viewer.locator("body").inner_text()
    assert "49.000 triệu đồng" in text and "Nguồn số liệu" in text
    assert viewer.locator(".js-plotly-plot").count() >= 2
    SHOTS.mkdir(exist_ok=True)
    viewer.screenshot(path=str(SHOTS / "tai-lieu-hop.png"), full_page=True)
    offline.close()


def test_upload_preview_confirm_then_undo(page, app_url, tmp_path):
    import datetime as dt

    upload = tmp_path / "bac_son_dieu_chinh.xlsx"
    write_workbook(upload, [{
        "district": "Bắc Sơn", "year": 2024, "period": "9M", "indicator_code": "thu_ngan_sach",
        "actual": 50500, "source": "Báo cáo điều chỉnh", "reported_on": dt.date(2024, 10, 15),
        "quote": "Tổng thu ngân sách ước đạt 50.500 trđ",
    }], [])
    page.goto(app_url + "/tai-so-lieu")
    settle(page)
    log_in(page, EDITOR, PASSWORD)
    page.locator("input[type=file]").set_input_files(str(upload))
    settle(page)
    page.get_by_text("Xem trước thay đổi").wait_for(timeout=30_000)
    body = page.locator("[data-testid=stMain]").inner_text()
    assert "Số liệu thay đổi" in body
    shot(page, "tai-so-lieu-xem-truoc")
    page.get_by_role("button", name="Xác nhận ghi vào cơ sở dữ liệu").click()
    settle(page)
    assert "Đã nhập xong" in page.locator("[data-testid=stMain]").inner_text()

    page.goto(app_url + "/?nam=2024&ky=9M&huyen=B%E1%BA%AFc+S%C6%A1n")
    settle(page)
    assert "50.500 triệu đồng" in page.locator("[data-testid=stMain]").inner_text()

    page.goto(app_url + "/tai-so-lieu")
    settle(page)
    if page.get_by_label("Tên đăng nhập").count():
        log_in(page, EDITOR, PASSWORD)
    page.get_by_role("button", name="Hoàn tác").click()  # opens on the clerk's own upload, and only asks
    settle(page)
    assert "Hoàn tác lần nhập số 6: tệp 'bac_son_dieu_chinh.xlsx'" in page.locator("[data-testid=stMain]").inner_text()
    shot(page, "tai-so-lieu-xac-nhan-hoan-tac")
    page.get_by_role("button", name="Xác nhận hoàn tác").click()
    settle(page)
    assert "Đã hoàn tác" in page.locator("[data-testid=stMain]").inner_text()
    shot(page, "tai-so-lieu-hoan-tac")
    page.goto(app_url + "/?nam=2024&ky=9M&huyen=B%E1%BA%AFc+S%C6%A1n")
    settle(page)
    text = page.locator("[data-testid=stMain]").inner_text()
    assert "49.000 triệu đồng" in text and "50.500" not in text


def test_clicking_a_bar_opens_the_sentence_in_the_report(page, app_url):
    page.goto(app_url + "/so-sanh-huyen?nam=2024&ky=9M&chi_tieu=thu_ngan_sach")
    settle(page)
    page.wait_for_selector(".js-plotly-plot .bars path")
    bars = page.locator(".js-plotly-plot .trace.bars path")
    heading = page.get_by_role("heading", name="Nguồn số liệu")
    for _ in range(3):  # Plotly acts on a click only once it has computed the hover under the pointer
        box = bars.nth(1).bounding_box()  # Bắc Sơn's bar (districts in their usual order)
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x, y)
        time.sleep(0.7)
        page.mouse.click(x, y)
        try:
            heading.wait_for(timeout=10_000)
            break
        except sync_api.TimeoutError:
            continue
    settle(page)
    assert "/nguon-so-lieu" in page.url
    assert "huyen=B%E1%BA%AFc+S%C6%A1n" in page.url and "chi_tieu=thu_ngan_sach" in page.url
    text = page.locator("[data-testid=stMain]").inner_text()
    assert "Báo cáo của UBND huyện Bắc Sơn, 28/8/2024" in text  # Bắc Sơn's report (002), as a leader cites it
    assert "ước thu lũy kế đến ngày 30/9/2024, đạt 49.000 trđ; đạt 136% so với dự toán tỉnh giao" in text
    shot(page, "nguon-sau-khi-bam")


def test_a_bookmarked_page_opens_first_thing_after_a_restart(shipped_db, browser, tmp_path):
    """Before any visitor has run dashboard.py, Streamlit would treat pages/ as old-style pages and
    answer a bookmarked link with an English "Page not found"."""
    db = tmp_path / "restart.duckdb"
    shutil.copy(shipped_db, db)
    server, url = start_server(db, tmp_path / "users.json")
    try:
        context = browser.new_context(viewport={"width": 1920, "height": 1080})
        pg = context.new_page()
        pg.goto(url + "/so-sanh-huyen?nam=2024&ky=9M")
        pg.wait_for_selector(".js-plotly-plot .xtick", timeout=60_000)
        settle(pg)
        assert "Page not found" not in pg.locator("body").inner_text()
        assert pg.locator("h1").first.inner_text().startswith("So sánh huyện")
        context.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
