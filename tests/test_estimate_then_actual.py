"""Issue 14, item 2: a figure uploaded as 'Ước thực hiện' and later as 'Thực hiện' is one figure with
two statements; the preview shows it as 'ước → thực hiện', not as a conflict."""
import datetime as dt

from conftest import TINY_CATALOGUE, connect_ro, fact
from test_upload_matching_page import upload

from indicators.ingest.compare import ESTIMATE_TO_ACTUAL
from indicators.ingest.importer import commit_import, plan_import
from indicators.ingest.template import write_workbook
from indicators.store import database as store
from indicators.views import upload_preview


def test_a_result_after_an_estimate_is_not_a_conflict(tiny_db, tmp_path):
    # stored: Bắc Sơn's 9-month budget 49.000 triệu đồng as an estimate (28/8), Văn Quan's 26.974 as a result
    path = write_workbook(tmp_path / "thuc_hien_9_thang.xlsx", [
        fact("Bắc Sơn", 2024, "9M", "thu_ngan_sach", "bc_10.txt", dt.date(2024, 10, 5), "đạt 49.512 trđ",
             actual=49512, basis="actual"),
        fact("Văn Quan", 2024, "9M", "thu_ngan_sach", "bc_10.txt", dt.date(2024, 10, 5), "đạt 27.100 trđ",
             actual=27100, basis="actual"),
    ], TINY_CATALOGUE)
    with store.connect(tiny_db) as con:
        plan = plan_import(con, path)
        catalogue = store.load_catalogue(con)
    assert plan.ready
    assert (plan.facts_confirmed, plan.facts_changed, plan.facts_new) == (1, 1, 0)
    kinds = dict(zip(plan.preview["district"], plan.preview["kind"]))
    assert kinds == {"Bắc Sơn": ESTIMATE_TO_ACTUAL, "Văn Quan": "thay đổi"}
    conflicts = upload_preview.changes_table(plan, catalogue)
    assert conflicts["Huyện"].tolist() == ["Văn Quan"]
    estimates = upload_preview.changes_table(plan, catalogue, estimates=True)
    assert estimates[["Huyện", "Số ước", "Số thực hiện"]].values.tolist() == [["Bắc Sơn", "49.000", "49.512"]]
    assert "1 số ước nay có số thực hiện" in plan.summary()

    with store.connect(tiny_db) as con:
        commit_import(con, plan, "test")
    with connect_ro(tiny_db) as con:
        rows = con.execute("SELECT basis, actual FROM fact_history WHERE district = 'Bắc Sơn' AND period = '9M' "
                           "AND indicator_code = 'thu_ngan_sach' ORDER BY reported_on").fetchall()
        current = con.execute("SELECT basis, actual FROM facts_current WHERE district = 'Bắc Sơn' AND period = '9M' "
                              "AND indicator_code = 'thu_ngan_sach'").fetchall()
    assert rows == [("estimate", 49000), ("actual", 49512)]  # two statements of one figure
    assert current == [("actual", 49512)]


def test_the_same_amount_stated_as_a_result_is_still_shown_as_estimate_to_actual(tiny_db, tmp_path):
    path = write_workbook(tmp_path / "thuc_hien.xlsx", [
        fact("Bắc Sơn", 2024, "9M", "thu_ngan_sach", "bc_10.txt", dt.date(2024, 10, 5), "đạt 49.000 trđ",
             actual=49000, basis="actual")], TINY_CATALOGUE)
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, path)
    assert (plan.facts_confirmed, plan.facts_changed, plan.facts_unchanged) == (1, 0, 0)
    assert plan.preview["kind"].tolist() == [ESTIMATE_TO_ACTUAL]


def test_the_upload_page_shows_estimate_to_actual_apart_from_conflicts(editor_page, tmp_path):
    at, _ = editor_page
    path = write_workbook(tmp_path / "thuc_hien_bac_son.xlsx", [
        fact("Bắc Sơn", 2024, "9M", "thu_ngan_sach", "bc_10.txt", dt.date(2024, 10, 5), "đạt 49.512 trđ",
             actual=49512, basis="actual")], TINY_CATALOGUE)
    upload(at, path)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Ước → thực hiện"] == "1" and metrics["Số liệu thay đổi"] == "0"
    assert any(t.label == "Ước → thực hiện (1)" for t in at.tabs)
    tables = [d.value for d in at.dataframe]
    assert any("Số ước" in t.columns and t["Số thực hiện"].tolist() == ["49.512"] for t in tables)
