"""Named statements on a small database: the view period_plans, which the pages' queries read,
keeps its promise."""
from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest
from conftest import EARLY, LATER, TINY_CATALOGUE, fact

from indicators.ingest.build import build_database
from indicators.ingest.catalogue import CATALOGUE_FILE
from indicators.ingest.importer import commit_import, plan_import
from indicators.ingest.template import write_catalogue_workbook, write_workbook
from indicators.store import database as store
from indicators.store.named import load_query, query_names, run_query


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


def test_a_period_without_a_figure_is_measured_against_the_year_plan(con, tmp_path):
    """period_plans (migration 005): a figure's own plan wins; where a report gave the plan only once
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
    assert got[("thu_ngan_sach", "Văn Quan")] == (24000, 26974)       # the year's plan beside the figure
    assert got[("thu_ngan_sach", "Tràng Định")] == (30000, 1)         # its own 9-month plan wins
    assert got[("trong_rung", "Văn Quan")][0] == 500                  # no 9-month figure yet: the target alone
    assert pd.isna(got[("trong_rung", "Văn Quan")][1])
    assert pd.isna(got[("trong_rung", "Bắc Sơn")][0]) and got[("trong_rung", "Bắc Sơn")][1] == 715.96
    facts = run_query(con, "period_facts", year=2024, period="9M", districts=every)
    plans = dict(zip(facts["district"] + "/" + facts["indicator_code"], facts["plan"]))
    assert (plans["Văn Quan/thu_ngan_sach"], plans["Tràng Định/thu_ngan_sach"]) == (24000, 30000)
    assert "Văn Quan/trong_rung" not in plans and pd.isna(plans["Bắc Sơn/trong_rung"])


def test_the_year_plan_rule_lives_only_in_period_plans():
    for name in query_names():
        assert "'FY'" not in load_query(name).sql, f"{name}.sql picks the year's plan itself: read period_plans"
