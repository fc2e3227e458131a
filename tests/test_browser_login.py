"""In Chromium: a clerk who logged in stays logged in across a reload (F5), through the signed
login cookie, and is logged out for good by the logout button."""
from __future__ import annotations

import shutil

import pytest

from indicators.app import accounts as auth
from indicators.app.session_cookie import COOKIE_NAME

browser_helpers = pytest.importorskip("test_browser")  # skips with it when Chromium is missing
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server_url(shipped_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("login") / "app.duckdb"
    shutil.copy(shipped_db, db)
    users = tmp_path_factory.mktemp("login_users") / "users.json"
    auth.add_user(browser_helpers.EDITOR, browser_helpers.PASSWORD, "editor", users)
    server, url = browser_helpers.start_server(db, users)
    yield url
    server.terminate()
    server.wait(timeout=10)


def test_a_reload_keeps_the_clerk_logged_in_and_logout_ends_it(server_url):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_helpers.CHROMIUM, args=browser_helpers.FLAGS)
        try:
            context = browser.new_context(viewport={"width": 1600, "height": 1000})
            page = context.new_page()
            page.goto(server_url + "/tai-so-lieu")
            browser_helpers.settle(page)
            browser_helpers.log_in(page, browser_helpers.EDITOR, browser_helpers.PASSWORD)
            template = page.get_by_role("button", name="Tải mẫu nhập chỉ tiêu (.xlsx)")
            assert template.count() == 1
            cookies = {c["name"]: c for c in context.cookies()}
            assert COOKIE_NAME in cookies and cookies[COOKIE_NAME]["sameSite"] == "Strict"

            page.reload()  # F5
            browser_helpers.settle(page)
            assert page.get_by_role("button", name="Tải mẫu nhập chỉ tiêu (.xlsx)").count() == 1
            assert page.get_by_label("Mật khẩu").count() == 0
            browser_helpers.shot(page, "tai-so-lieu-sau-khi-tai-lai")

            page.get_by_role("button", name="Đăng xuất").click()
            browser_helpers.settle(page)
            assert page.get_by_label("Mật khẩu").count() == 1
            page.reload()
            browser_helpers.settle(page)
            assert page.get_by_label("Mật khẩu").count() == 1  # the cookie went with the logout
            assert COOKIE_NAME not in {c["name"] for c in context.cookies()}
        finally:
            browser.close()


def test_chart_toolbar_uploader_and_menu_speak_vietnamese(server_url):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_helpers.CHROMIUM, args=browser_helpers.FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.goto(server_url + "/so-sanh-huyen")
            browser_helpers.settle(page)
            page.locator(".js-plotly-plot").first.hover()
            titles = [b.get_attribute("data-title") for b in page.locator(".js-plotly-plot").first
                      .locator(".modebar-btn").all()]
            assert "Tải biểu đồ (ảnh PNG)" in titles and "Tự động co giãn" in titles, titles
            assert not {"Download plot as a PNG", "Autoscale", "Zoom in", "Reset axes"} & set(titles), titles
            assert page.locator("[data-testid=stMainMenu]").count() == 0  # no Print / Record screen menu

            page.goto(server_url + "/tai-so-lieu")
            browser_helpers.settle(page)
            browser_helpers.log_in(page, browser_helpers.EDITOR, browser_helpers.PASSWORD)
            zone = page.locator("[data-testid=stFileUploaderDropzone]")
            after = zone.evaluate("z => getComputedStyle(z.querySelector("
                                  "'[data-testid=stFileUploaderDropzoneInstructions] span'), '::after').content")
            assert "tối đa 20 MB" in after
            browser_helpers.shot(page, "tai-so-lieu-tieng-viet")
        finally:
            browser.close()
