"""The results cache every session shares: what one session does to its frames stays its own,
an import makes every page recompute, and two databases never answer for each other."""
import html
import shutil
import threading
import time

import pandas as pd
import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

from indicators.app.cache import VersionedCache
from indicators.store import database as store
from indicators.store.database import PROJECT_DIR


def budget_frame() -> pd.DataFrame:
    return pd.DataFrame({"district": ["Văn Quan", "Bắc Sơn"], "actual": [26974.0, 49000.0]})


def test_a_session_that_edits_its_frame_does_not_change_what_the_next_one_gets():
    cache = VersionedCache()
    first = cache.get("v1", "budget", budget_frame)
    first.loc[0, "actual"] = -1.0
    first["extra"] = 1
    first.columns = ["huyen", "thuc_hien", "them"]
    rows, options = cache.get("v1", "pair", lambda: (budget_frame(), ["Văn Quan", "Bắc Sơn"]))
    rows.iloc[1, 1] = 0.0
    options.append("Tràng Định")

    again = cache.get("v1", "budget", lambda: None)
    pd.testing.assert_frame_equal(again, budget_frame())
    rows, options = cache.get("v1", "pair", lambda: None)
    assert rows["actual"].tolist() == [26974.0, 49000.0]
    assert options == ["Văn Quan", "Bắc Sơn"]


def test_figures_are_shared_not_rebuilt():
    cache = VersionedCache()
    built = []
    key = ("figure", "trend")
    first = cache.get("v1", key, lambda: built.append(1) or go.Figure())
    assert cache.get("v1", key, lambda: built.append(1) or go.Figure()) is first
    assert built == [1]


def test_a_new_data_version_drops_everything_computed_from_the_old_data():
    cache = VersionedCache()
    calls = []

    def compute():
        calls.append(1)
        return budget_frame()

    cache.get("v1", "a", compute)
    cache.get("v1", "b", compute)
    cache.get("v1", "a", compute)
    assert (len(calls), len(cache)) == (2, 2)
    cache.get("v2", "a", compute)
    assert (len(calls), len(cache)) == (3, 1)


def test_the_least_recently_used_go_first_beyond_the_entry_and_memory_budgets():
    cache = VersionedCache(max_entries=2)
    for key in ("a", "b", "a", "c"):
        cache.get("v1", key, budget_frame)
    assert cache.get("v1", "b", lambda: "recomputed") == "recomputed"  # b was the oldest

    big = pd.DataFrame({"x": range(100_000)})  # 800 kB
    briefing = b"<html>" + b" " * 800_000  # a downloaded file counts too
    chart = go.Figure(go.Scatter(x=list(range(50_000)), y=list(range(50_000))))  # and a figure's points
    for value in (big, briefing, chart):
        cache = VersionedCache(max_bytes=1_000_000)
        cache.get("v1", "first", lambda: value)
        cache.get("v1", "second", lambda: value)
        assert len(cache) == 1, type(value)
        assert cache.get("v1", "first", lambda: "recomputed") == "recomputed"


def test_a_tab_still_on_the_old_data_does_not_wind_the_cache_back():
    cache = VersionedCache()
    cache.get("before import", "budget", budget_frame)
    cache.get("after import", "budget", budget_frame)
    old = cache.get("before import", "budget", lambda: "computed for the old tab")
    assert old == "computed for the old tab"
    pd.testing.assert_frame_equal(cache.get("after import", "budget", lambda: "recomputed"), budget_frame())


def test_sessions_asking_for_the_same_missing_value_at_once_compute_it_once():
    cache = VersionedCache()
    calls, results = [], []

    def slow_query():
        calls.append(1)
        time.sleep(0.3)
        return budget_frame()

    sessions = [threading.Thread(target=lambda: results.append(cache.get("v1", "budget", slow_query)))
                for _ in range(6)]
    for session in sessions:
        session.start()
    for session in sessions:
        session.join(timeout=10)
    assert len(calls) == 1
    assert len(results) == 6 and all(r["actual"].tolist() == [26974.0, 49000.0] for r in results)


def test_a_failed_computation_lets_the_waiting_sessions_try_themselves():
    cache = VersionedCache()
    started = threading.Event()
    outcome = {}

    def failing():
        started.set()
        time.sleep(0.2)
        raise RuntimeError("database busy")

    def first():
        try:
            cache.get("v1", "budget", failing)
        except RuntimeError as exc:
            outcome["first"] = str(exc)

    one = threading.Thread(target=first)
    one.start()
    started.wait(5)
    two = threading.Thread(target=lambda: outcome.setdefault("second", cache.get("v1", "budget", budget_frame)))
    two.start()
    one.join(10)
    two.join(10)
    assert outcome["first"] == "database busy"
    assert outcome["second"]["actual"].tolist() == [26974.0, 49000.0]


def overview_text(db, monkeypatch) -> str:
    monkeypatch.setenv("INDICATORS_DB", str(db))
    at = AppTest.from_file(str(PROJECT_DIR / "pages/1_tong_quan.py"), default_timeout=60)
    at.query_params["nam"], at.query_params["ky"], at.query_params["huyen"] = "2024", "9M", "Bắc Sơn"
    at.run()
    assert not at.exception, at.exception
    return html.unescape("\n".join(m.value for m in at.markdown))  # as the browser shows it


def test_two_databases_with_the_same_import_history_never_share_results(tiny_db, tmp_path, monkeypatch):
    other = tmp_path / "corrected.duckdb"
    shutil.copy(tiny_db, other)
    con = store.connect(other)
    con.execute("UPDATE facts_current SET actual = 49500 WHERE district = 'Bắc Sơn' AND indicator_code = 'thu_ngan_sach'")
    con.close()

    assert "49.000 triệu đồng" in overview_text(tiny_db, monkeypatch)
    assert "49.500 triệu đồng" in overview_text(other, monkeypatch)
    assert "49.000 triệu đồng" in overview_text(tiny_db, monkeypatch)
