"""Build, import, history and the rules for which figure is current."""
import datetime as dt
import hashlib
import subprocess
import sys

import pandas as pd
from conftest import TINY_CATALOGUE, connect_ro, fact

from indicators.ingest.build import build_database
from indicators.ingest.importer import commit_import, plan_import, undo_import
from indicators.ingest.template import write_workbook
from indicators.store import database as store
from indicators.store.database import PROJECT_DIR
from indicators.store.named import run_query


def facts(db):
    with connect_ro(db) as con:
        return con.execute(
            "SELECT * EXCLUDE (reported_on) FROM indicator_facts ORDER BY district, year, period, indicator_code"
        ).df()


def one(db, district, code, period="9M", year=2024):
    with connect_ro(db) as con:
        return con.execute(
            "SELECT * FROM indicator_facts WHERE district=? AND indicator_code=? AND period=? AND year=?",
            [district, code, period, year]).df().iloc[0]


def test_the_later_report_is_current_whole_and_the_earlier_amount_stays_beside_it(tiny_db):
    """One report per statement: the later report (24/9) gives only 116,4%, so the current figure is that
    statement alone; the amount of the earlier report (12/9) is carried beside it as that report's."""
    row = one(tiny_db, "Văn Quan", "thu_ngan_sach")
    assert row.pct_of_plan == 116.4 and row.source == "bao_cao_d.txt"
    assert row.actual != row.actual          # NaN: the later report gives no amount, none is merged in
    assert (row.prior_actual, row.prior_pct_of_plan, row.prior_source) == (26974, 112.4, "bao_cao_a.txt")
    assert str(row.prior_reported_on)[:10] == "2024-09-12"
    with connect_ro(tiny_db) as con:
        history = con.execute(
            "SELECT pct_of_plan, source FROM indicator_history WHERE district='Văn Quan' "
            "AND indicator_code='thu_ngan_sach' ORDER BY reported_on").fetchall()
    assert history == [(112.4, "bao_cao_a.txt"), (116.4, "bao_cao_d.txt")]


def test_an_actual_reported_later_replaces_the_estimate_which_stays_in_history(tiny_db, tmp_path):
    later = tmp_path / "later.xlsx"
    write_workbook(later, [fact("Bắc Sơn", 2024, "9M", "thu_ngan_sach", "bao_cao_e.txt", dt.date(2024, 10, 15),
                                "thu ngân sách 9 tháng đạt 47.500 triệu đồng", actual=47500, basis="actual")],
                   TINY_CATALOGUE)
    with store.connect(tiny_db) as con:
        commit_import(con, plan_import(con, later), "test")
    row = one(tiny_db, "Bắc Sơn", "thu_ngan_sach")
    assert (row.actual, row.basis, row.source) == (47500, "actual", "bao_cao_e.txt")
    assert row.pct_of_plan != row.pct_of_plan   # the estimate's 136% does not ride along with the actual
    with connect_ro(tiny_db) as con:
        bases = con.execute("SELECT basis, actual FROM indicator_history WHERE district='Bắc Sơn' "
                            "AND indicator_code='thu_ngan_sach' ORDER BY reported_on").fetchall()
    assert bases == [("estimate", 49000), ("actual", 47500)]


def test_a_later_estimate_does_not_displace_a_reported_result(tiny_db, tmp_path):
    first = tmp_path / "result.xlsx"
    write_workbook(first, [fact("Bắc Sơn", 2024, "9M", "trong_rung", "bao_cao_f.txt", dt.date(2024, 10, 1),
                                "trồng rừng 9 tháng đạt 700 ha", actual=700)], TINY_CATALOGUE)
    second = tmp_path / "estimate.xlsx"
    write_workbook(second, [fact("Bắc Sơn", 2024, "9M", "trong_rung", "bao_cao_g.txt", dt.date(2024, 11, 1),
                                 "ước trồng rừng 9 tháng 720 ha", actual=720, basis="estimate")], TINY_CATALOGUE)
    with store.connect(tiny_db) as con:
        for path in (first, second):
            commit_import(con, plan_import(con, path), "test")
    row = one(tiny_db, "Bắc Sơn", "trong_rung")
    assert (row.actual, row.basis) == (700, "actual")


def test_a_percentage_of_plan_is_computed_only_when_the_report_gives_none(tiny_db, tmp_path):
    path = tmp_path / "fy.xlsx"
    write_workbook(path, [fact("Tràng Định", 2024, "FY", "trong_rung", "bao_cao_h.txt", dt.date(2025, 1, 10),
                               "trồng rừng cả năm 1.100 ha, kế hoạch 1.200 ha", plan=1200, actual=1100)],
                   TINY_CATALOGUE)
    with store.connect(tiny_db) as con:
        commit_import(con, plan_import(con, path), "test")
    row = one(tiny_db, "Tràng Định", "trong_rung", period="FY")
    assert round(row.pct_of_plan, 4) == round(1100 / 1200 * 100, 4) and row.pct_of_plan_computed
    given = one(tiny_db, "Bắc Sơn", "trong_rung")
    assert given.pct_of_plan == 119.3 and not given.pct_of_plan_computed


def test_an_older_report_imported_later_does_not_become_current(tiny_db, tmp_path):
    old = tmp_path / "old.xlsx"
    write_workbook(old, [fact("Văn Quan", 2024, "9M", "thu_ngan_sach", "cu.txt", dt.date(2024, 6, 1),
                              "q", pct_of_plan=90)], TINY_CATALOGUE)
    with store.connect(tiny_db) as con:
        commit_import(con, plan_import(con, old), "test")
    assert one(tiny_db, "Văn Quan", "thu_ngan_sach").pct_of_plan == 116.4


def test_build_twice_gives_the_same_database(tiny_data_dir, tmp_path):
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    build_database(a, tiny_data_dir)
    build_database(b, tiny_data_dir)
    build_database(b, tiny_data_dir)  # rebuilding over an existing file
    pd.testing.assert_frame_equal(facts(a), facts(b))
    with connect_ro(a) as ca, connect_ro(b) as cb:
        q = "SELECT * EXCLUDE (history_id, recorded_at) FROM indicator_history ORDER BY history_id"
        pd.testing.assert_frame_equal(ca.execute(q).df(), cb.execute(q).df())


def test_importing_the_same_file_twice_changes_nothing(tiny_db, tmp_path):
    new = tmp_path / "q4.xlsx"
    write_workbook(new, [fact("Tràng Định", 2024, "9M", "trong_rung", "td.txt", dt.date(2024, 10, 1),
                              "trồng 500 ha", actual=500)], TINY_CATALOGUE)
    with store.connect(tiny_db) as con:
        plan = plan_import(con, new)
        assert (plan.facts_new, plan.facts_changed) == (1, 0)
        first = commit_import(con, plan, "test")
        again = plan_import(con, new)
        assert again.already_imported == first
        assert commit_import(con, again, "test") == first
        assert con.execute("SELECT count(*) FROM fact_history WHERE source='td.txt'").fetchone()[0] == 1


def test_preview_lists_changed_figures_with_the_old_source(tiny_db, tmp_path):
    new = tmp_path / "fix.xlsx"
    write_workbook(new, [fact("Bắc Sơn", 2024, "9M", "trong_rung", "moi.txt", dt.date(2024, 10, 1),
                              "q", actual=720.5)], TINY_CATALOGUE)
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, new)
    assert (plan.facts_new, plan.facts_changed, plan.facts_unchanged) == (0, 1, 0)
    (change,) = plan.changes
    assert (change.field, change.old, change.new, change.old_source) == ("actual", 715.96, 720.5, "bao_cao_b.txt")


def test_undo_restores_the_values_an_import_replaced(tiny_db, tmp_path):
    new = tmp_path / "fix.xlsx"
    write_workbook(new, [fact("Bắc Sơn", 2024, "9M", "trong_rung", "moi.txt", dt.date(2024, 10, 1),
                              "q", actual=720.5)], TINY_CATALOGUE)
    with store.connect(tiny_db) as con:
        import_id = commit_import(con, plan_import(con, new), "test")
    assert one(tiny_db, "Bắc Sơn", "trong_rung").actual == 720.5
    with store.connect(tiny_db) as con:
        undo_import(con, import_id)
    row = one(tiny_db, "Bắc Sơn", "trong_rung")
    assert (row.actual, row.source, row.status) == (715.96, "bao_cao_b.txt", "vượt")


def run_cli(*args, db):
    return subprocess.run([sys.executable, "-m", "indicators", *args, "--db", str(db)],
                          capture_output=True, text=True, cwd=PROJECT_DIR)


def test_cli_import_accepts_a_good_file_with_a_vietnamese_summary(tiny_db, tmp_path):
    good = tmp_path / "tot.xlsx"
    write_workbook(good, [fact("Tràng Định", 2024, "9M", "trong_rung", "td.txt", dt.date(2024, 10, 1),
                               "trồng 500 ha", actual=500)], TINY_CATALOGUE)
    result = run_cli("import", str(good), db=tiny_db)
    assert result.returncode == 0, result.stderr
    assert "1 số liệu mới" in result.stdout
    assert one(tiny_db, "Tràng Định", "trong_rung").actual == 500
    listing = run_cli("imports", db=tiny_db)
    assert "tot.xlsx" in listing.stdout and "hiệu lực" in listing.stdout


def test_cli_rejects_a_bad_file_naming_sheet_row_column_and_leaves_the_db_untouched(tiny_db, tmp_path):
    bad = tmp_path / "sai.xlsx"
    rows = [fact("Tràng Định", 2024, "9M", "trong_rung", "td.txt", dt.date(2024, 10, 1), "q", actual=500),
            fact("Bắc Sơn", 2024, "9M", "trong_rung", "td.txt", dt.date(2024, 10, 1), "q", actual="nhiều lắm")]
    write_workbook(bad, rows, TINY_CATALOGUE)
    before = hashlib.sha256(tiny_db.read_bytes()).hexdigest()
    result = run_cli("import", str(bad), db=tiny_db)
    assert result.returncode == 1
    assert "Trang 'Số liệu', dòng 3, cột 'H – Thực hiện': không phải là số (giá trị: 'nhiều lắm')" in result.stderr
    assert "Traceback" not in result.stderr
    assert hashlib.sha256(tiny_db.read_bytes()).hexdigest() == before


def test_cli_rejects_a_file_that_is_not_a_spreadsheet(tiny_db, tmp_path):
    fake = tmp_path / "bao_cao.xlsx"
    fake.write_text("đây không phải bảng tính", encoding="utf-8")
    before = tiny_db.read_bytes()
    result = run_cli("import", str(fake), db=tiny_db)
    assert result.returncode == 1
    assert "không phải bảng tính" in result.stderr and "Traceback" not in result.stderr
    assert tiny_db.read_bytes() == before


def test_rejected_rows_name_the_problem(tiny_db, tmp_path):
    rows = [fact("Huyện Không Có", 2024, "9M", "trong_rung", "x", None, "q", actual=1),
            fact("Bắc Sơn", 2024, "tháng mười ba", "trong_rung", "x", None, "q", actual=1),
            fact("Bắc Sơn", 1890, "9M", "trong_rung", "x", None, "q", actual=1),
            fact("Bắc Sơn", 2024, "9M", "trong_rung", "x", None, "q", actual=-5),
            fact("Tràng Định", 2024, "9M", "trong_rung", "x", None, "q", actual=5),
            fact("Tràng Định", 2024, "9M", "trong_rung", "x", None, "q", actual=6)]
    path = tmp_path / "nhieu_loi.xlsx"
    write_workbook(path, rows, TINY_CATALOGUE)
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, path)
    messages = [p.describe() for p in plan.read.errors]
    assert any("dòng 2" in m and "không nhận ra huyện" in m for m in messages)
    assert any("dòng 3" in m and "kỳ báo cáo không hợp lệ" in m for m in messages)
    assert any("dòng 4" in m and "năm phải là số" in m for m in messages)
    assert any("dòng 5" in m and "không thể âm" in m for m in messages)
    assert any("dòng 7" in m and "trùng với dòng 6" in m for m in messages)
    assert not plan.ok


def test_a_new_indicator_without_code_given_twice_is_a_duplicate(tiny_db, tmp_path):
    """Rows without a code are keyed by the indicator's name, whatever its accents or case."""
    def new_indicator(name, unit, actual):
        return fact("Bắc Sơn", 2024, "9M", None, "x", None, "q", indicator_name=name, unit=unit, actual=actual)

    rows = [new_indicator("Số hợp tác xã thành lập mới", "HTX", 4),
            new_indicator("SỐ HỢP TÁC XÃ THÀNH LẬP MỚI", "HTX", 5),
            new_indicator("Số trang trại đạt tiêu chí", "trang trại", 7)]
    path = tmp_path / "htx.xlsx"
    write_workbook(path, rows, TINY_CATALOGUE)
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, path)
    messages = [p.describe() for p in plan.read.errors]
    assert len(messages) == 1 and "dòng 3" in messages[0] and "trùng với dòng 2" in messages[0], messages


def test_near_miss_district_is_accepted_with_a_warning(tiny_db, tmp_path):
    path = tmp_path / "typo.xlsx"
    write_workbook(path, [fact("trảng định", 2024, "9M", "trong_rung", "x", None, "q", actual=5)], TINY_CATALOGUE)
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, path)
    assert plan.ok
    assert plan.read.rows[0].district == "Tràng Định"
    assert any("đã hiểu là 'Tràng Định'" in w.describe() for w in plan.read.warnings)


def test_migrations_are_numbered_and_recorded(tiny_db):
    with connect_ro(tiny_db) as con:
        names = [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
    assert names == sorted(p.name for p in (PROJECT_DIR / "indicators" / "store" / "migrations").glob("*.sql"))


def test_each_figure_is_current_once(tiny_db, tmp_path):
    """facts_current has no index to enforce it; the importer must keep one row per key."""
    for i, value in enumerate((500, 510, 520)):
        path = tmp_path / f"r{i}.xlsx"
        write_workbook(path, [fact("Tràng Định", 2024, "9M", "trong_rung", f"r{i}.txt", dt.date(2024, 10, 1 + i),
                                   "q", actual=value)], TINY_CATALOGUE)
        with store.connect(tiny_db) as con:
            commit_import(con, plan_import(con, path), "test")
    with connect_ro(tiny_db) as con:
        assert con.execute("SELECT count(*) FROM (SELECT district, year, period, indicator_code FROM facts_current "
                           "GROUP BY ALL HAVING count(*) > 1)").fetchone()[0] == 0
        assert con.execute("SELECT actual FROM facts_current WHERE district='Tràng Định' AND "
                           "indicator_code='trong_rung'").fetchone()[0] == 520


def fact_counts_match_the_figures(db) -> pd.DataFrame:
    """The kept counts, checked against counting every figure; summed per period."""
    with connect_ro(db) as con:
        kept = con.execute("SELECT * FROM fact_counts ORDER BY ALL").df()
        counted = con.execute("SELECT * FROM count_facts() ORDER BY ALL").df()
        pd.testing.assert_frame_equal(kept, counted)
        return con.execute("SELECT year, period, sum(facts)::BIGINT AS facts, sum(results)::BIGINT AS results FROM fact_counts "
                           "GROUP BY ALL ORDER BY ALL").df()


def catalogue_count(con, code) -> int:
    catalogue = run_query(con, "indicator_catalogue")
    return int(catalogue.loc[catalogue["code"] == code, "facts"].iloc[0])


def test_the_period_picker_counts_follow_imports_and_undo(tiny_db, tmp_path):
    """The period and indicator pickers read fact_counts, which the importer keeps instead of recounting
    every figure."""
    before = fact_counts_match_the_figures(tiny_db)
    assert not ((before.year == 2025) & (before.period == "Q1")).any()
    new = tmp_path / "q1.xlsx"
    write_workbook(new, [fact("Bắc Sơn", 2025, "Q1", "trong_rung", "q1.txt", dt.date(2025, 4, 1), "q", actual=100),
                         fact("Văn Quan", 2025, "Q1", "trong_rung", "q1.txt", dt.date(2025, 4, 1), "q", plan=90),
                         fact("Bắc Sơn", 2024, "9M", "trong_rung", "q1.txt", dt.date(2025, 4, 1), "q", actual=721)],
                   TINY_CATALOGUE)
    with store.connect(tiny_db) as con:
        forest_before = catalogue_count(con, "trong_rung")
        import_id = commit_import(con, plan_import(con, new), "test")
        assert catalogue_count(con, "trong_rung") == forest_before + 2  # the 9M figure only changed
    after = fact_counts_match_the_figures(tiny_db).set_index(["year", "period"])
    assert (after.loc[(2025, "Q1"), "facts"], after.loc[(2025, "Q1"), "results"]) == (2, 1)
    with store.connect(tiny_db) as con:
        undo_import(con, import_id)
    undone = fact_counts_match_the_figures(tiny_db)
    pd.testing.assert_frame_equal(undone, before)


def test_search_text_folded_part_by_part_equals_folding_the_whole(tiny_db, tmp_path):
    """The importer folds names, codes and districts once each; the result must be what folding the
    whole text gives, or a search would miss figures."""
    new = tmp_path / "n.xlsx"
    write_workbook(new, [fact("Bắc Sơn", 2025, "Q1", "trong_rung", "q1.txt", dt.date(2025, 4, 1),
                              "Trồng rừng ĐẠT 100 ha", actual=100, note="Ước thực hiện"),
                         fact("Văn Quan", 2025, "Q1", "trong_rung", "q1.txt", dt.date(2025, 4, 1), None, plan=9)],
                   TINY_CATALOGUE)
    with store.connect(tiny_db) as con:
        commit_import(con, plan_import(con, new), "test")
    with connect_ro(tiny_db) as con:
        rows = con.execute("""SELECT f.search_text, fold_text(concat_ws(' ', i.name, f.indicator_code, f.district,
                                  f.quote, f.note)) FROM facts_current f JOIN indicators i ON i.code = f.indicator_code""").fetchall()
        assert rows and all(stored == whole for stored, whole in rows)
        assert con.execute("SELECT count(*) FROM facts_current WHERE contains(search_text, 'trong rung dat 100 ha')"
                           " AND contains(search_text, 'uoc thuc hien')").fetchone()[0] == 1
