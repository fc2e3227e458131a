"""Fixtures: a tiny DuckDB built from small spreadsheets, and the shipped database."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from indicators.ingest.build import build_database
from indicators.ingest.catalogue import CATALOGUE_FILE
from indicators.ingest.template import write_catalogue_workbook, write_workbook
from indicators.store import database as store

TINY_CATALOGUE = [
    {"code": "thu_ngan_sach", "name": "Thu ngân sách nhà nước trên địa bàn", "unit": "triệu đồng",
     "group_name": "Kinh tế", "direction": "higher", "comparable": True, "is_focus_task": False,
     "description": "Thu NSNN so với dự toán tỉnh giao"},
    {"code": "trong_rung", "name": "Trồng rừng mới", "unit": "ha", "group_name": "Kinh tế",
     "direction": "higher", "comparable": True, "is_focus_task": False, "description": None},
    {"code": "ty_le_ngheo_da_chieu", "name": "Tỷ lệ hộ nghèo đa chiều", "unit": "%",
     "group_name": "Văn hóa – Xã hội", "direction": "lower", "comparable": True, "is_focus_task": False,
     "description": None},
    {"code": "nvtt_vq_2024_01", "name": "Quy hoạch chung xây dựng các xã", "unit": "% KH",
     "group_name": "Kinh tế", "direction": "higher", "comparable": False, "is_focus_task": True,
     "description": None},
]


def fact(district, year, period, code, source, reported_on, quote, **values):
    row = {"district": district, "year": year, "period": period, "indicator_code": code,
           "source": source, "reported_on": reported_on, "quote": quote}
    row.update(values)
    return row


EARLY = [
    fact("Văn Quan", 2024, "9M", "thu_ngan_sach", "bao_cao_a.txt", dt.date(2024, 9, 12),
         "Thu ngân sách đạt 26.974 triệu đồng, đạt 112,4% dự toán tỉnh giao.", actual=26974, pct_of_plan=112.4),
    fact("Bắc Sơn", 2024, "9M", "thu_ngan_sach", "bao_cao_b.txt", dt.date(2024, 8, 28),
         "đạt 49.000 trđ; đạt 136% so với dự toán tỉnh giao", actual=49000, pct_of_plan=136, pct_yoy=130,
         status="đạt", basis="estimate"),
    fact("Bắc Sơn", 2024, "9M", "trong_rung", "bao_cao_b.txt", dt.date(2024, 8, 28),
         "Trồng rừng mới được 715,96 ha, đạt 119,3% KH", actual=715.96, pct_of_plan=119.3, status="vượt"),
    fact("Văn Quan", 2024, "9M", "nvtt_vq_2024_01", "bao_cao_a.txt", dt.date(2024, 9, 12),
         "Đánh giá: Đạt 88% Kế hoạch.", pct_of_plan=88),
    fact("Tràng Định", 2024, "H1", "ty_le_ngheo_da_chieu", "bao_cao_c.txt", dt.date(2024, 7, 30),
         "tỷ lệ hộ nghèo còn 10,5%", actual=10.5),
]
LATER = [
    fact("Văn Quan", 2024, "9M", "thu_ngan_sach", "bao_cao_d.txt", dt.date(2024, 9, 24),
         "đạt 116,4% so với dự toán tỉnh giao", pct_of_plan=116.4),
]


@pytest.fixture
def tiny_data_dir(tmp_path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    write_catalogue_workbook(data / CATALOGUE_FILE, TINY_CATALOGUE)
    write_workbook(data / "a_early.xlsx", EARLY, TINY_CATALOGUE)
    write_workbook(data / "b_later.xlsx", LATER, TINY_CATALOGUE)
    return data


@pytest.fixture
def tiny_db(tiny_data_dir, tmp_path) -> Path:
    db = tmp_path / "tiny.duckdb"
    build_database(db, tiny_data_dir)
    return db


EDITOR, EDITOR_PASSWORD = "van_thu", "mat-khau-dai"


@pytest.fixture
def editor_account(monkeypatch, tmp_path) -> Path:
    """An editor in a users file of this test's own, with its own cookie key; the users file's path."""
    from indicators.app import accounts as auth

    users = tmp_path / "users.json"
    auth.add_user(EDITOR, EDITOR_PASSWORD, "editor", users)
    monkeypatch.setenv("INDICATORS_USERS", str(users))
    monkeypatch.setenv("INDICATORS_COOKIE_KEY_FILE", str(tmp_path / "cookie.key"))
    return users


def signed_in_upload_page(timeout: int = 60):
    """The upload page run through AppTest with the editor of `editor_account` logged in."""
    from streamlit.testing.v1 import AppTest

    from indicators.store.database import PROJECT_DIR

    at = AppTest.from_file(str(PROJECT_DIR / "pages/6_tai_so_lieu.py"), default_timeout=timeout).run()
    at.text_input[0].input(EDITOR)
    at.text_input[1].input(EDITOR_PASSWORD)
    at.button[0].click().run()
    return at


@pytest.fixture
def editor_page(tiny_db, tmp_path, monkeypatch, editor_account):
    """The upload page on a copy of the tiny database, signed in as an editor; (AppTest, database)."""
    db = tmp_path / "page.duckdb"
    shutil.copy(tiny_db, db)
    monkeypatch.setenv("INDICATORS_DB", str(db))
    monkeypatch.setenv("INDICATORS_UPLOADS", str(tmp_path / "uploads"))
    at = signed_in_upload_page(timeout=300)
    assert not at.exception
    return at, db


@pytest.fixture
def own_db(monkeypatch, app_db, tmp_path):
    """A copy of the shipped database per test, for tests that import and undo."""
    db = tmp_path / "own.duckdb"
    shutil.copy(app_db, db)
    monkeypatch.setenv("INDICATORS_DB", str(db))
    return db


@pytest.fixture(scope="session")
def shipped_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("shipped") / "indicators.duckdb"
    build_database(db)
    return db


@pytest.fixture(scope="session")
def app_db(shipped_db, tmp_path_factory) -> Path:
    """A copy of the shipped database for the app under test (it holds a read-write connection)."""
    copy = tmp_path_factory.mktemp("app") / "app.duckdb"
    shutil.copy(shipped_db, copy)
    return copy


def connect_ro(db: Path):
    return store.connect(db, read_only=True)


# ---- per-test time limits (pytest-timeout): a hung browser or server must not eat CI's 90 minutes ----

DEFAULT_TIMEOUT = 300   # seconds for a test with its fixtures; a module may mark its own
BROWSER_TIMEOUT = 150   # each Chromium test, its server start included
_hung_browser_tests: list[str] = []


def _is_browser_test(item) -> bool:
    return getattr(getattr(item, "module", None), "__name__", "") == "test_browser"


def pytest_collection_modifyitems(config, items):
    if not config.pluginmanager.hasplugin("timeout"):
        return
    for item in items:
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(BROWSER_TIMEOUT if _is_browser_test(item) else DEFAULT_TIMEOUT))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and _is_browser_test(item) and "Timeout (>" in str(report.longrepr):
        _hung_browser_tests.append(item.nodeid)
    return report


def pytest_runtest_setup(item):
    """Once one browser test has hung past its limit, the others would most likely hang as well."""
    if _hung_browser_tests and _is_browser_test(item):
        pytest.fail(f"not run: {_hung_browser_tests[0]} hung past its time limit", pytrace=False)


def pytest_terminal_summary(terminalreporter):
    """Say it plainly when the browser tests did not run (no Chromium outside CI): `-q` alone would not."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "test_browser" in r.nodeid]
    if skipped:
        reason = skipped[0].longrepr[2] if isinstance(skipped[0].longrepr, tuple) else str(skipped[0].longrepr)
        terminalreporter.write_line(f"BROWSER TESTS NOT RUN: {reason}", yellow=True, bold=True)
