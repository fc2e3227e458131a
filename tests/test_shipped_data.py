"""The shipped dataset against the five reports it was read from (data/reports, shipped with the repository)."""
import re

import pandas as pd
import pytest
from conftest import connect_ro

from indicators.ingest.catalogue import CATALOGUE_FILE, read_catalogue
from indicators.numbers import format_number
from indicators.periods import PERIODS
from indicators.store.database import PROJECT_DIR

SEEDS = PROJECT_DIR / "data" / "reports"
REPORTS = {
    "000_72e49cc3d83d93a7.txt": "Văn Quan",
    "001_a2b00ce3a1f28bad.txt": "Văn Quan",
    "002_1c753b00058e0a8b.txt": "Bắc Sơn",
    "003_c2a1555fca01a86f.txt": "Văn Quan",
    "004_8ee23ba8d346291e.txt": "Tràng Định",
}
NUMBER_FIELDS = ["plan", "actual", "same_period_last_year", "pct_of_plan", "pct_yoy", "change_yoy_pct"]


def normalise(text: str) -> str:
    text = text.replace("**", "").replace("\\", "")
    text = re.sub(r"</?sup>", "", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def history(shipped_db):
    with connect_ro(shipped_db) as con:
        return con.execute("SELECT * FROM indicator_history").df()


@pytest.fixture(scope="module")
def reports():
    if not SEEDS.is_dir():
        pytest.fail(f"the source reports are missing from {SEEDS}")
    return {name: normalise((SEEDS / name).read_text(encoding="utf-8")) for name in REPORTS}


def test_a_few_hundred_figures_from_all_five_reports(history):
    assert len(history) >= 250
    assert set(history["source"]) == set(REPORTS)
    for source, district in REPORTS.items():
        assert set(history.loc[history["source"] == source, "district"]) == {district}


def test_every_figure_quotes_its_report_verbatim(history, reports):
    missing = [(r.source, r.indicator_code, r.quote[:60]) for r in history.itertuples()
               if not r.quote or normalise(r.quote) not in reports[r.source]]
    assert missing == []


def test_every_number_stored_is_written_in_its_quote(history):
    """Nothing invented or derived: each stored number appears, in Vietnamese format, in its sentence."""
    unseen = []
    for r in history.itertuples():
        for field in NUMBER_FIELDS:
            value = getattr(r, field)
            if value != value or value is None:  # NaN
                continue
            text = format_number(abs(value))
            quote = r.quote.replace(" ", "")
            if text not in quote and text.replace(".", "") not in quote:
                unseen.append((r.source, r.indicator_code, field, text))
    assert unseen == []


def test_every_figure_has_a_date_and_a_known_period(history):
    assert history["reported_on"].notna().all()
    assert history["period"].isin(list(PERIODS)).all()


def current(shipped_db, district, year, period, code):
    with connect_ro(shipped_db) as con:
        rows = con.execute("SELECT * FROM indicator_facts WHERE district=? AND year=? AND period=? AND indicator_code=?",
                           [district, year, period, code]).df()
    assert len(rows) == 1, (district, year, period, code)
    return rows.iloc[0]


def test_van_quan_budget_keeps_both_reports_and_the_later_is_current(shipped_db, history):
    row = current(shipped_db, "Văn Quan", 2024, "9M", "thu_ngan_sach")
    assert row.pct_of_plan == 116.4 and row.source == "003_c2a1555fca01a86f.txt"
    assert row.actual == 26974            # only report 000 gives the amount; 003 does not erase it
    assert row.pct_yoy == 115.2
    both = history[(history.district == "Văn Quan") & (history.indicator_code == "thu_ngan_sach")
                   & (history.period == "9M")].sort_values("reported_on")
    assert list(both.pct_of_plan) == [112.4, 116.4]
    assert list(both.source) == ["000_72e49cc3d83d93a7.txt", "003_c2a1555fca01a86f.txt"]


def test_van_quan_budget_against_the_district_estimate(shipped_db):
    assert current(shipped_db, "Văn Quan", 2024, "9M", "thu_ngan_sach_dt_huyen").pct_of_plan == 105.8


def test_bac_son_nine_months_2024(shipped_db):
    budget = current(shipped_db, "Bắc Sơn", 2024, "9M", "thu_ngan_sach")
    assert (budget.actual, budget.pct_of_plan, budget.pct_yoy, budget.status) == (49000, 136, 130, "đạt")
    assert current(shipped_db, "Bắc Sơn", 2024, "9M", "thu_ngan_sach_dt_huyen").pct_of_plan == 119
    forest = current(shipped_db, "Bắc Sơn", 2024, "9M", "trong_rung")
    assert (forest.actual, forest.pct_of_plan, forest.status) == (715.96, 119.3, "vượt")
    investment = current(shipped_db, "Bắc Sơn", 2024, "9M", "giai_ngan_dtc")
    assert (investment.actual, investment.pct_of_plan, investment.status) == (26714, 75, "chưa đạt")
    paid = current(shipped_db, "Bắc Sơn", 2024, "8M", "giai_ngan_dtc")
    assert (paid.actual, paid.pct_of_plan) == (21643, 60.26)


def test_trang_dinh_nine_months_2024(shipped_db):
    budget = current(shipped_db, "Tràng Định", 2024, "9M", "thu_ngan_sach")
    assert (budget.actual, budget.pct_of_plan) == (42442, 85.7)
    assert current(shipped_db, "Tràng Định", 2024, "9M", "thu_ngan_sach_dt_huyen").pct_of_plan == 77.9
    forest = current(shipped_db, "Tràng Định", 2024, "9M", "trong_rung")
    assert (forest.actual, forest.pct_of_plan, forest.change_yoy_pct) == (566.5, 47, -30)


def test_van_quan_new_rural_area_targets_are_stored_as_plans(shipped_db):
    """003 gives 12,75 criteria per commune as the year's target, not as a result."""
    target = current(shipped_db, "Văn Quan", 2024, "FY", "ntm_tieu_chi_binh_quan")
    assert target.plan == 12.75 and pd.isna(target.actual)
    commune = current(shipped_db, "Văn Quan", 2024, "9M", "ntm_tieu_chi_xa_phan_dau")
    assert (commune.actual, commune.plan) == (15, 19)


def test_focus_tasks_carry_their_evaluation(shipped_db):
    with connect_ro(shipped_db) as con:
        tasks = con.execute("SELECT district, indicator_code, pct_of_plan, status FROM indicator_facts "
                            "WHERE is_focus_task AND year = 2024 AND period = '9M'").df()
    van_quan = tasks[tasks.district == "Văn Quan"].set_index("indicator_code")
    assert van_quan.loc["nvtt_vq_2024_01", "pct_of_plan"] == 88
    assert van_quan.loc["nvtt_vq_2024_04", "status"] == "chưa đánh giá"
    bac_son = tasks[tasks.district == "Bắc Sơn"]
    assert set(bac_son.status.dropna()) >= {"đạt", "chưa đạt", "vượt"}


def test_catalogue_is_complete(shipped_db):
    with connect_ro(shipped_db) as con:
        catalogue = con.execute("SELECT * FROM indicators").df()
        used = {r[0] for r in con.execute("SELECT DISTINCT indicator_code FROM fact_history").fetchall()}
    assert used <= set(catalogue.code)
    assert set(catalogue.group_name) <= {"Kinh tế", "Văn hóa – Xã hội", "Quốc phòng – An ninh", "Xây dựng chính quyền"}
    poverty = catalogue.set_index("code").loc["ty_le_ngheo_da_chieu"]
    assert poverty.direction == "lower" and bool(poverty.comparable)


@pytest.fixture(scope="module")
def catalogue():
    entries, problems = read_catalogue(PROJECT_DIR / "data" / CATALOGUE_FILE)
    assert problems == []
    return {e["code"]: e for e in entries}


def test_comparable_indicators_state_their_scope(catalogue):
    unscoped = [code for code, e in catalogue.items() if e["comparable"] and not e.get("scope")]
    assert unscoped == []
    assert "không gồm hộ cận nghèo" in catalogue["giam_ty_le_ngheo"]["scope"]
    assert "MTQG" in catalogue["giai_ngan_dtc"]["scope"] and "MTQG" in catalogue["giai_ngan_dtc_gom_mtqg"]["scope"]
