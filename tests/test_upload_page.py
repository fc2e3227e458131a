"""The upload page and the small fixes of issue 18, driven through Streamlit's AppTest: a clerk
cannot lose data by a slip, the preview says what each figure will become, and the period list
and the focus-task page say what they hold."""
from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from indicators.store.database import PROJECT_DIR

UPLOAD = "pages/6_tai_so_lieu.py"
FOCUS = "pages/4_nhiem_vu_trong_tam.py"


@pytest.fixture
def own_db(monkeypatch, app_db, tmp_path):
    """A copy of the shipped database per test: these tests import and undo."""
    db = tmp_path / "own.duckdb"
    shutil.copy(app_db, db)
    monkeypatch.setenv("INDICATORS_DB", str(db))
    return db


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
