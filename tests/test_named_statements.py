"""Named statements on a small database. Every write (queries/writes/) and store read (queries/store/)
holds its header true: it runs with exactly its declared parameters, only the relations it declares
exist beside the schema when it runs (so one it does not declare would fail), and a write changes
something. The year-plan rule (migration 008), which the pages' queries read, keeps its promise."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field
from typing import Callable

import duckdb
import pandas as pd
import pytest
from conftest import EARLY, LATER, TINY_CATALOGUE, fact

from bench import synthetic
from indicators.ingest import importer
from indicators.ingest.build import build_database
from indicators.ingest.catalogue import CATALOGUE_FILE
from indicators.ingest.compare import VALUE_FIELDS
from indicators.ingest.importer import (
    commit_import,
    file_sha256,
    plan_import,
)
from indicators.ingest.template import write_catalogue_workbook, write_workbook
from indicators.store import database as store
from indicators.store.named import (
    STORE,
    WRITES,
    load_query,
    query_names,
    run_query,
    run_write,
)


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    """The tiny database of conftest (import 1: a_early.xlsx, five figures; import 2: b_later.xlsx,
    a later % of plan for Văn Quan's budget), built once and copied for each statement."""
    data = tmp_path_factory.mktemp("named_data")
    write_catalogue_workbook(data / CATALOGUE_FILE, TINY_CATALOGUE)
    write_workbook(data / "a_early.xlsx", EARLY, TINY_CATALOGUE)
    write_workbook(data / "b_later.xlsx", LATER, TINY_CATALOGUE)
    db = tmp_path_factory.mktemp("named") / "small.duckdb"
    build_database(db, data)
    return db, data


@pytest.fixture
def con(small_db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(small_db[0], copy)
    with store.connect(copy) as connection:
        yield connection


def write(name, **params):
    return lambda con: run_write(con, name, **params)


def sql(text):
    return lambda con: con.execute(text)


def scalar(con, text):
    return con.execute(text).fetchone()[0]


@dataclass
class Case:
    params: dict = field(default_factory=dict)
    frames: Callable = lambda con: {}    # registered frames, by relation name
    setup: tuple = ()                    # run before, e.g. the write that makes a work table
    check: Callable | None = None        # (con, result) -> None, after the statement


def history_rows(con):
    return con.execute("SELECT * EXCLUDE (id, import_id) FROM fact_history WHERE import_id = 1").to_arrow_table()


def budget(con):
    return con.execute("SELECT actual, pct_of_plan, search_text FROM facts_current WHERE district = 'Văn Quan' "
                       "AND indicator_code = 'thu_ngan_sach'").fetchall()


NEW_INDICATORS = pd.DataFrame([
    {**TINY_CATALOGUE[1], "name": "Trồng rừng tập trung", "scope": "diện tích trồng mới", "aliases": "Trồng rừng"},
    {"code": "moi", "name": "Chỉ tiêu mới", "unit": "ha", "group_name": "Kinh tế", "direction": "higher",
     "comparable": False, "is_focus_task": False, "description": None, "scope": None, "aliases": None},
])
WRITE_CASES = {
    "create_migration_log": Case(setup=(sql("DROP TABLE schema_migrations"),),
                                 check=lambda con, _: scalar(con, "SELECT count(*) FROM schema_migrations") == 0),
    "record_migration": Case({"name": "999_x.sql"}, check=lambda con, _: scalar(
        con, "SELECT count(*) FROM schema_migrations WHERE name = '999_x.sql'") == 1),
    "add_periods": Case({"codes": ["X1", "FY"], "labels": ["Kỳ thử", "?"], "months": [1, 1],
                         "cumulative": [True, False], "sort_orders": [99, 99]},
                        check=lambda con, _: con.execute("SELECT code, label FROM periods WHERE code IN ('X1', 'FY') "
                                                         "ORDER BY code").fetchall() == [("FY", "Cả năm"),
                                                                                         ("X1", "Kỳ thử")]),
    "add_districts": Case({"names": ["Xã Thử", "Bắc Sơn"], "sort_orders": [4, 9]},
                          check=lambda con, _: store.district_names(con)[-2:] == ["Tràng Định", "Xã Thử"]),
    "upsert_indicators": Case(frames=lambda con: {"new_indicators": NEW_INDICATORS},
                              check=lambda con, _: {c: e["name"] for c, e in store.load_catalogue(con).items()
                                                    if c in ("moi", "trong_rung")}
                              == {"moi": "Chỉ tiêu mới", "trong_rung": "Trồng rừng tập trung"}),
    "add_indicator_aliases": Case(
        {"codes": ["thu_ngan_sach", "thu_ngan_sach", "thu_ngan_sach", "trong_rung"],
         "names": ["Thu NSNN trên địa bàn", "Thu NSNN trên địa bàn", "Thu NS", "Trồng rừng mới"]},
        check=lambda con, _: con.execute("SELECT code, aliases FROM indicators WHERE aliases IS NOT NULL").fetchall()
        == [("thu_ngan_sach", "Thu NS; Thu NSNN trên địa bàn")]),
    "record_archive_event": Case({"line": '{"event": "undo"}'}, check=lambda con, _: scalar(
        con, "SELECT line FROM archive_events") == '{"event": "undo"}'),
    "insert_import": Case({"file_name": "c.xlsx", "sha256": "abc", "imported_by": "t", "rows_read": 1,
                           "facts_new": 1, "facts_changed": 0, "facts_unchanged": 0},
                          check=lambda con, result: result == [(3,)]),
    "insert_history": Case({"import_id": 2}, frames=lambda con: {"incoming_rows": history_rows(con)},
                           check=lambda con, _: scalar(con, "SELECT count(*) FROM fact_history "
                                                            "WHERE import_id = 2") == 1 + len(EARLY)),
    "collect_keys_seen_before": Case({"import_id": 2}, check=lambda con, result: result == [(1,)] and con.execute(
        "SELECT * FROM affected_keys").fetchall() == [("Văn Quan", 2024, "9M", "thu_ngan_sach")]),
    "collect_keys_of_import": Case({"import_id": 1}, check=lambda con, result: result == [(len(EARLY),)]),
    "delete_current_of_affected_keys": Case(setup=(write("collect_keys_of_import", import_id=2),),
                                            check=lambda con, _: budget(con) == []),
    # with import 2 undone, the budget's current figure is import 1's again
    "insert_current_of_affected_keys": Case(
        setup=(write("mark_import_undone", import_id=2), write("collect_keys_of_import", import_id=2),
               write("delete_current_of_affected_keys")),
        check=lambda con, _: budget(con) == [(26974, 112.4, "thu ngan sach nha nuoc tren dia ban thu_ngan_sach "
                                              "van quan thu ngan sach dat 26.974 trieu dong, dat 112,4% "
                                              "du toan tinh giao.")]),
    "insert_current_of_new_keys": Case({"import_id": 1}, setup=(
        sql("DELETE FROM facts_current"), write("collect_keys_seen_before", import_id=1)),
        check=lambda con, _: scalar(con, "SELECT count(search_text) FROM facts_current") == len(EARLY)),
    "forget_affected_keys": Case(setup=(write("collect_keys_of_import", import_id=1),)),
    "collect_touched_periods": Case({"import_id": 1}, check=lambda con, _: con.execute(
        "SELECT * FROM touched_periods ORDER BY period").fetchall() == [(2024, "9M"), (2024, "H1")]),
    "delete_counts_of_touched_periods": Case(setup=(write("collect_touched_periods", import_id=2),),
                                             check=lambda con, _: scalar(con, "SELECT count(*) FROM fact_counts "
                                                                              "WHERE period = '9M'") == 0),
    "insert_counts_of_touched_periods": Case({"first_year": 2024}, setup=(
        write("collect_touched_periods", import_id=1), write("delete_counts_of_touched_periods")),
        check=lambda con, _: con.execute("SELECT * FROM fact_counts ORDER BY ALL").fetchall()
        == con.execute("SELECT * FROM count_facts() ORDER BY ALL").fetchall()),
    "forget_touched_periods": Case(setup=(write("collect_touched_periods", import_id=1),)),
    # an ungrouped indicator only import 1 gives goes; a catalogue one (trồng rừng) and one import 2 also gives stay
    "forget_indicators_of_import": Case(
        {"import_id": 1, "ungrouped": "Chưa phân nhóm"},
        setup=(sql("UPDATE indicators SET group_name = 'Chưa phân nhóm' "
                   "WHERE code IN ('ty_le_ngheo_da_chieu', 'thu_ngan_sach')"),),
        check=lambda con, _: {"ty_le_ngheo_da_chieu", "thu_ngan_sach", "trong_rung"} & set(store.load_catalogue(con))
        == {"thu_ngan_sach", "trong_rung"}),
    "mark_import_undone": Case({"import_id": 2}, check=lambda con, _: store.data_version(con)[2] == 1),
    "synthetic_clear_districts": Case(check=lambda con, _: store.district_names(con) == []),
    "synthetic_indicators": Case({"how_many": 3}, check=lambda con, _: scalar(
        con, "SELECT count(*) FROM indicators WHERE code LIKE 'chi_tieu_00_'") == 3),
    "synthetic_history": Case({"import_id": 1, "source": "s", "first_year": 2015, "years": 1,
                               "period_codes": ["Q1", "FY"]},
                              check=lambda con, _: scalar(con, "SELECT count(*) FROM fact_history WHERE source = 's'")
                              == 3 * len(TINY_CATALOGUE) * 2),
    "synthetic_current": Case(setup=(sql("DELETE FROM facts_current"),), check=lambda con, _: scalar(
        con, "SELECT count(*) FROM facts_current") == len(EARLY) + len(LATER)),
    "synthetic_fact_counts": Case(setup=(sql("DELETE FROM fact_counts"),)),
    "load_places": Case({"path": str(store.PLACES_DIR / "places.csv")}, setup=(sql("DELETE FROM places"),),
                        check=lambda con, _: con.execute(
                            "SELECT unit_code, unit_level, parent_district, is_split FROM places "
                            "WHERE display_name = 'Xã Tân Đoàn'").fetchall() == [("06316", "commune_2025", "Văn Quan",
                                                                                  True)]),
    "load_place_bridge": Case({"path": str(store.PLACES_DIR / "bridge.csv")}, setup=(sql("DELETE FROM place_bridge"),),
                              check=lambda con, _: con.execute(
                                  "SELECT new_commune FROM place_bridge WHERE old_commune = 'Xã Hữu Lễ (Văn Quan)'"
                              ).fetchall() == [("Xã Tri Lễ",)]),
    "add_place_units": Case({"names": ["Xã Tri Lễ", "Xã Không Có", "Văn Quan"]},
                            check=lambda con, _: con.execute(
                                "SELECT name, unit_level, parent_district FROM districts WHERE unit_level <> 'district'"
                            ).fetchall() == [("Xã Tri Lễ", "commune_2025", "Văn Quan")]
                            and store.district_names(con) == list(store.DISTRICTS)),
    "fill_unit_columns": Case(setup=(sql("UPDATE districts SET unit_code = NULL, unit_level = NULL "
                                         "WHERE name = 'Bắc Sơn'"),),
                              check=lambda con, _: con.execute("SELECT unit_code, unit_level FROM districts "
                                                               "WHERE name = 'Bắc Sơn'").fetchall()
                              == [("185", "district")]),
}


def database_state(con) -> dict:
    """Every table's rows, work tables included, as a count and a sum of row hashes."""
    tables = con.execute("SELECT database_name, table_name FROM duckdb_tables() WHERE NOT internal").fetchall()
    return {(db, t): con.execute(f'SELECT count(*), sum(hash(x)) FROM "{db}".main."{t}" x').fetchone()
            for db, t in tables}


def work_tables(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()}


def run_case(con, name, case, runner):
    for step in case.setup:
        step(con)
    query = load_query(name)
    frames = case.frames(con)
    params = case.params(con) if callable(case.params) else case.params
    assert set(params) == set(query.params), f"{name}.sql declares {query.params}"
    assert work_tables(con) | set(frames) == set(query.relations), (
        f"{name}.sql declares relations {query.relations}; the case provides {work_tables(con) | set(frames)}")
    return runner(con, name, relations=frames, **params)


@pytest.mark.parametrize("name", query_names(WRITES))
def test_write_holds_its_header_and_changes_the_database(name, con):
    short = name.removeprefix(f"{WRITES}/")
    assert short in WRITE_CASES, f"{name}.sql has no case: add one to WRITE_CASES"
    query = load_query(name)
    assert re.search(r"^-- params:", query.sql, re.MULTILINE), f"{name}.sql must say '-- params:' (or none)"
    assert len(duckdb.extract_statements(query.sql)) == 1, f"{name}.sql must hold one statement"
    case = WRITE_CASES[short]
    before = {}

    def runner(con, name, /, **kwargs):
        before.update(database_state(con))
        return run_write(con, short, **kwargs)

    result = run_case(con, name, case, runner)
    assert database_state(con) != before, f"{name}.sql changed nothing"
    if case.check:
        assert case.check(con, result), f"{name}.sql did not do what its case expects"


def sha_of_first_import(data_dir):
    return lambda con: {"sha256": file_sha256(data_dir / "a_early.xlsx")}


INCOMING_KEYS = pd.DataFrame({"district": ["Văn Quan", "Bắc Sơn"], "year": [2024, 2025], "period": ["9M", "9M"],
                              "indicator_code": ["thu_ngan_sach", "thu_ngan_sach"], "position": [0, 1]})


def store_cases(data_dir):
    """Store reads: each case's check receives the result frame."""
    return {
        "applied_migrations": (Case(), lambda r: "005_period_plans.sql" in set(r["name"])),
        "archive_events": (Case(setup=(write("record_archive_event", line="b"), write("record_archive_event", line="a"))),
                           lambda r: r["line"].tolist() == ["b", "a"]),
        "catalogue_entries": (Case(), lambda r: tuple(r.columns) == store.CATALOGUE_FIELDS and len(r) == 4),
        "data_version": (Case(), lambda r: r.iloc[0].tolist()[:3] == [2, 2, 0]),
        "district_names": (Case(setup=(write("add_place_units", names=["Xã Tri Lễ", "Tỉnh Lạng Sơn"]),)),
                           lambda r: r["name"].tolist() == list(store.DISTRICTS)),
        "place_count": (Case(), lambda r: r.iloc[0].tolist() == [271, 194]),
        "place_names": (Case(), lambda r: r.loc[r["display_name"] == "Xã Hữu Lễ (Văn Quan)", "new_commune"].tolist()
                        == ["Xã Tri Lễ"] and r["display_name"].iloc[0] == "Tỉnh Lạng Sơn"),
        "first_touched_year": (Case(setup=(write("collect_touched_periods", import_id=1),)),
                               lambda r: r["first_year"].tolist() == [2024]),
        "import_of_file": (Case(sha_of_first_import(data_dir)), lambda r: r["import_id"].tolist() == [1]),
        "import_state": (Case({"import_id": 1}), lambda r: len(r) == 1 and r["undone_at"].isna().all()
                         and r["sha256"].tolist() == [file_sha256(data_dir / "a_early.xlsx")]),
        "stored_figures": (Case(frames=lambda con: {"incoming_keys": INCOMING_KEYS}),
                           lambda r: r["position"].tolist() == [0] and pd.isna(r["old_actual"].iloc[0])
                           and r["old_pct_of_plan"].tolist() == [116.4]  # the current statement (24/9) has no amount
                           and tuple(r.columns) == ("position", *(f"old_{f}" for f in VALUE_FIELDS), "old_source", "old_basis")),
    }


@pytest.mark.parametrize("name", query_names(STORE))
def test_store_read_holds_its_header(name, con, small_db):
    cases = store_cases(small_db[1])
    short = name.removeprefix(f"{STORE}/")
    assert short in cases, f"{name}.sql has no case: add one to store_cases"
    case, check = cases[short]
    result = run_case(con, name, case, run_query)
    assert tuple(result.columns) == load_query(name).columns
    assert check(result), f"{name}.sql did not return what its case expects"


def test_writes_go_through_run_write_and_relations_through_their_declaration(con):
    applied = scalar(con, "SELECT count(*) FROM schema_migrations")
    with pytest.raises(ValueError):
        run_query(con, f"{WRITES}/record_migration", name="999_x.sql")
    with pytest.raises(TypeError):
        run_write(con, "upsert_indicators", relations={"indicators": NEW_INDICATORS})
    with pytest.raises(TypeError):
        run_write(con, "record_migration")
    assert scalar(con, "SELECT count(*) FROM schema_migrations") == applied


def test_sql_of_the_store_importer_and_synthetic_data_lives_in_named_files():
    """Only transaction control, settings and the migration files themselves are run from Python."""
    allowed = re.compile(r'"(BEGIN TRANSACTION|COMMIT|ROLLBACK|CHECKPOINT|SET [^"]+)"|path\.read_text')
    for module in (importer, store, synthetic):
        source = open(module.__file__, encoding="utf-8").read()
        for call in re.finditer(r"\.execute(?:many)?\((.*)", source):
            assert allowed.match(call.group(1)), f"{module.__name__}: {call.group(0)}"
        assert ".register(" not in source, f"{module.__name__} registers a frame outside run_write/run_query"


def test_a_period_without_a_figure_is_measured_against_the_year_plan(con, tmp_path):
    """plan_or_year_plan over year_plans (migration 008), in the comparison, the period's figures and the sources
    page alike: a figure's own plan wins; where a report gave the plan only once
    for the year, every period of that year is measured against it, with or without a figure."""
    year_plans = tmp_path / "ke_hoach_nam.xlsx"
    write_workbook(year_plans, [
        fact("Văn Quan", 2024, "FY", "thu_ngan_sach", "kh.txt", dt.date(2024, 1, 5), "q", plan=24000),
        fact("Văn Quan", 2024, "FY", "trong_rung", "kh.txt", dt.date(2024, 1, 5), "q", plan=500),
        fact("Tràng Định", 2024, "9M", "thu_ngan_sach", "kh.txt", dt.date(2024, 9, 5), "q", plan=30000, actual=1),
        fact("Tràng Định", 2024, "FY", "thu_ngan_sach", "kh.txt", dt.date(2024, 1, 5), "q", plan=40000),
    ], TINY_CATALOGUE)
    commit_import(con, plan_import(con, year_plans), "test")
    every = list(store.DISTRICTS)
    compared = run_query(con, "district_comparison", year=2024, period="9M",
                         indicator_codes=["thu_ngan_sach", "trong_rung"], districts=every)
    got = {(r.indicator_code, r.district): (r.plan, r.actual) for r in compared.itertuples()}
    assert got[("thu_ngan_sach", "Văn Quan")][0] == 24000               # the year's plan beside the figure
    assert got[("thu_ngan_sach", "Tràng Định")] == (30000, 1)         # its own 9-month plan wins
    assert got[("trong_rung", "Văn Quan")][0] == 500                  # no 9-month figure yet: the target alone
    assert pd.isna(got[("trong_rung", "Văn Quan")][1])
    assert pd.isna(got[("trong_rung", "Bắc Sơn")][0]) and got[("trong_rung", "Bắc Sơn")][1] == 715.96
    facts = run_query(con, "period_facts", year=2024, period="9M", districts=every)
    plans = dict(zip(facts["district"] + "/" + facts["indicator_code"], facts["plan"]))
    assert (plans["Văn Quan/thu_ngan_sach"], plans["Tràng Định/thu_ngan_sach"]) == (24000, 30000)
    assert "Văn Quan/trong_rung" not in plans and pd.isna(plans["Bắc Sơn/trong_rung"])
    found = run_query(con, "source_lookup", search=None, district=None, year=2024, period="9M",
                      indicator_code="thu_ngan_sach", max_rows=10, first_row=0)
    sourced = dict(zip(found["district"], found["plan"]))  # the sources page judges by the same plan
    assert (sourced["Văn Quan"], sourced["Tràng Định"]) == (24000, 30000)


def test_the_year_plan_rule_lives_only_in_year_plans():
    for name in query_names():
        assert "'FY'" not in load_query(name).sql, f"{name}.sql picks the year's plan itself: read year_plans"
