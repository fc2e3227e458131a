"""Every queries/*.sql runs with its declared parameters and returns its documented columns."""
import pytest
from conftest import connect_ro

from indicators.store.named import load_query, query_names, run_query

SAMPLE_PARAMS = {
    "year": 2024, "period": "9M", "indicator_codes": ["thu_ngan_sach", "trong_rung"], "indicator_code": "thu_ngan_sach",
    "districts": ["Văn Quan", "Bắc Sơn", "Tràng Định"], "district": "Bắc Sơn", "search": "ngan sach",
    "max_rows": 100, "first_row": 0,
}


@pytest.mark.parametrize("name", query_names())
def test_query_runs_and_returns_its_documented_columns(name, shipped_db):
    query = load_query(name)
    assert query.columns, f"{name}.sql has no '-- columns:' header"
    assert query.sql.lstrip().startswith("--"), f"{name}.sql must start with a header comment"
    with connect_ro(shipped_db) as con:
        result = run_query(con, name, **{p: SAMPLE_PARAMS[p] for p in query.params})
    assert tuple(result.columns) == query.columns
    assert len(result) > 0, f"{name}.sql returned nothing on the shipped data"


def test_parameters_are_bound_not_formatted(shipped_db):
    hostile = "x'; DROP TABLE facts_current; --"
    with connect_ro(shipped_db) as con:
        result = run_query(con, "source_lookup", search=hostile, district=None, year=None, period=None,
                           indicator_code=None, max_rows=10, first_row=0)
        assert result.empty
        assert con.execute("SELECT count(*) FROM facts_current").fetchone()[0] > 0


def test_a_query_refuses_undeclared_parameters(shipped_db):
    with connect_ro(shipped_db) as con, pytest.raises(TypeError):
        run_query(con, "focus_tasks", year=2024)


def rows(frame, **where):
    for column, value in where.items():
        frame = frame[frame[column] == value]
    return frame


ALL = ["Văn Quan", "Bắc Sơn", "Tràng Định"]


def _available_periods(result):
    # the periods the five reports cover: 9 tháng 2024 (000, 002, 003, 004) opens the dashboard, 6 tháng 2020 (001)
    opening = result[result["is_default"]]
    assert len(opening) == 1
    assert tuple(opening.iloc[0][["year", "period", "period_label", "period_months"]]) == (2024, "9M", "9 tháng", 9)
    # in time order, newest first: years descending, and within a year the later period first
    order = list(zip(result["year"], result["period_months"]))
    assert order == sorted(order, reverse=True)
    assert len(rows(result, year=2020, period="H1", period_label="6 tháng")) == 1


def _comparable_indicators(result):
    # all three 9-month reports give the budget revenue (000/003, 002 "49.000 trđ", 004 "42.442 triệu đồng")
    assert rows(result, indicator_code="thu_ngan_sach")["districts_with_data"].tolist() == [3]


def _district_comparison(result):
    # 002: "đạt 49.000 trđ; đạt 136% so với dự toán tỉnh giao"; 004: "566,5ha, đạt 47% kế hoạch"
    bac_son = rows(result, district="Bắc Sơn", indicator_code="thu_ngan_sach")
    assert bac_son[["actual", "pct_of_plan", "status"]].values.tolist() == [[49000, 136, "đạt"]]
    forest = rows(result, district="Tràng Định", indicator_code="trong_rung")
    assert forest[["actual", "pct_of_plan"]].values.tolist() == [[566.5, 47]]


def _fact_sources(result):
    # Văn Quan's budget: report 000 (figures to 12/9) "đạt 112,4% so với dự toán tỉnh giao", then the meeting
    # of 24/9/2024 (003) "công tác thu ngân sách đạt 116,4% dự toán Tỉnh giao"
    assert result.sort_values("reported_on")[["pct_of_plan", "import_file"]].values.tolist() == [
        [112.4, "000_van_quan_nhiem_vu_trong_tam_9_thang_2024.xlsx"],
        [116.4, "003_van_quan_ket_luan_phien_hop_thang_9_2024.xlsx"]]
    assert result.set_index("pct_of_plan").loc[116.4, "source"] == \
        "Thông báo kết luận phiên họp UBND huyện Văn Quan ngày 24/9/2024"


def _focus_tasks(result):
    # 000: task 1 "Đánh giá: Đạt 88% Kế hoạch."; 002 task 1.3e "đạt 119,3% KH: (vượt)"
    assert rows(result, indicator_code="nvtt_vq_2024_01")["pct_of_plan"].tolist() == [88]
    assert rows(result, indicator_code="nvtt_bs_2024_1_3_e")[["pct_of_plan", "status"]].values.tolist() == [
        [119.3, "vượt"]]
    assert set(result["district"]) == {"Văn Quan", "Bắc Sơn"}  # 004 has no focus-task list


def _import_log(result):
    # one import for each report's spreadsheet in data/
    assert sorted(result["file_name"]) == ["000_van_quan_nhiem_vu_trong_tam_9_thang_2024.xlsx",
                                           "001_van_quan_nhiem_vu_trong_tam_6_thang_2020.xlsx",
                                           "002_bac_son_nhiem_vu_trong_tam_9_thang_2024.xlsx",
                                           "003_van_quan_ket_luan_phien_hop_thang_9_2024.xlsx",
                                           "004_trang_dinh_kinh_te_xa_hoi_9_thang_2024.xlsx"]
    assert result["undone_at"].isna().all()


def _indicator_catalogue(result):
    catalogue = result.set_index("code")
    assert catalogue.loc["thu_ngan_sach", "unit"] == "triệu đồng"  # "26.974 triệu đồng"
    assert catalogue.loc["ty_le_ngheo_da_chieu", "direction"] == "lower"


def _indicator_revisions(result):
    van_quan = rows(result, district="Văn Quan", year=2024, period="9M")
    assert sorted(van_quan["pct_of_plan"]) == [112.4, 116.4]  # 000, then 003


def _indicator_trend(result):
    # 004: "Tổng thu ngân sách trên địa bàn: 42.442 triệu đồng, đạt 85,7 % dự toán tỉnh giao"
    trang_dinh = rows(result, district="Tràng Định", year=2024, period="9M")
    assert trang_dinh[["actual", "pct_of_plan"]].values.tolist() == [[42442, 85.7]]
    # only the current figure: Văn Quan's 9-month budget is 003's 116,4%
    assert rows(result, district="Văn Quan", year=2024, period="9M")["pct_of_plan"].tolist() == [116.4]


def _period_facts(result):
    # 004: "Đã di chuyển xong 198/204 ngôi mộ, đạt tỷ lệ 97,06%"
    graves = rows(result, district="Tràng Định", indicator_code="gpmb_cao_toc_di_chuyen_mo")
    assert graves[["plan", "actual", "pct_of_plan", "period_months"]].values.tolist() == [[204, 198, 97.06, 9]]


def _source_lookup(result):
    assert set(result["district"]) == {"Bắc Sơn"}
    # 002: "ước thu lũy kế đến ngày 30/9/2024, đạt 49.000 trđ"
    assert 49000 in set(rows(result, indicator_code="thu_ngan_sach", period="9M")["actual"])


def _commune_figures(result):
    # before 1/7/2025 Bắc Sơn's communes are its 18 old ones (vietnamadminunits), each placed; the shipped
    # reports are the district's, so no commune has a figure and none is invented
    assert len(result) == 18 and result["commune"].str.endswith("(Bắc Sơn)").all()
    assert result["latitude"].between(21.5, 22.5).all() and result["actual"].isna().all()


def _commune_figures_after_reform(result):
    # from 1/7/2025: the new communes that took land from Văn Quan; Xã Khánh Khê (1 of its 3 old communes
    # from Văn Quan) is counted in Cao Lộc and says so, after the ones counted here
    assert result["commune"].tolist()[-1] == "Xã Khánh Khê" and not result["counted_here"].iloc[-1]
    assert "tính vào huyện Cao Lộc cũ" in result["split_note"].iloc[-1]
    assert {"Xã Văn Quan", "Xã Tri Lễ", "Xã Tân Đoàn"} <= set(result["commune"]) and result["counted_here"].sum() == 5


def _commune_indicators(result):
    assert "thu_ngan_sach" in set(result["indicator_code"]) and (result["communes_with_data"] == 0).all()


def _former_districts(result):
    assert result["district"].tolist()[:3] == ALL and "Cao Lộc" in set(result["district"])


def _former_district_areas(result):
    # before the reform an area's figure is its district's own report: 002 "Trồng rừng mới được 715,96 ha"
    bac_son = rows(result, district="Bắc Sơn", indicator_code="trong_rung", year=2024, period="9M")
    assert bac_son[["actual", "from_communes"]].values.tolist() == [[715.96, False]]


def _reported_by_communes(result):
    assert result["reported"].tolist() == [False]  # the shipped reports are the districts' own


VALUE_CHECKS = {
    "reported_by_communes": ({"indicator_code": "trong_rung"}, _reported_by_communes),
    "commune_figures": ({"district": "Bắc Sơn", "indicator_code": "thu_ngan_sach", "year": 2024, "period": "9M"},
                        _commune_figures),
    "commune_indicators": ({"year": 2024, "period": "9M"}, _commune_indicators),
    "former_districts": ({}, _former_districts),
    "former_district_areas": ({"indicator_codes": ["trong_rung"], "districts": ALL}, _former_district_areas),
    "available_periods": ({}, _available_periods),
    "comparable_indicators": ({"year": 2024, "period": "9M"}, _comparable_indicators),
    "district_comparison": ({"year": 2024, "period": "9M", "indicator_codes": ["thu_ngan_sach", "trong_rung"],
                             "districts": ALL}, _district_comparison),
    "fact_sources": ({"district": "Văn Quan", "year": 2024, "period": "9M", "indicator_code": "thu_ngan_sach"},
                     _fact_sources),
    "focus_tasks": ({"year": 2024, "period": "9M", "districts": ALL}, _focus_tasks),
    "import_log": ({}, _import_log),
    "indicator_catalogue": ({}, _indicator_catalogue),
    "indicator_revisions": ({"indicator_code": "thu_ngan_sach", "districts": ["Văn Quan"]}, _indicator_revisions),
    "indicator_trend": ({"indicator_code": "thu_ngan_sach", "districts": ALL}, _indicator_trend),
    "period_facts": ({"year": 2024, "period": "9M", "districts": ALL}, _period_facts),
    "source_lookup": ({"search": "ngan sach", "district": "Bắc Sơn", "year": None, "period": None,
                       "indicator_code": None, "max_rows": 100, "first_row": 0}, _source_lookup),
}


@pytest.mark.parametrize("name", query_names())
def test_query_returns_what_the_reports_say(name, shipped_db):
    assert name in VALUE_CHECKS, f"{name}.sql has no value check: add one to VALUE_CHECKS"
    params, check = VALUE_CHECKS[name]
    with connect_ro(shipped_db) as con:
        check(run_query(con, name, **params))


def test_communes_after_the_reform_are_the_new_ones_with_split_communes_placed(shipped_db):
    with connect_ro(shipped_db) as con:
        _commune_figures_after_reform(run_query(con, "commune_figures", district="Văn Quan",
                                                indicator_code="trong_rung", year=2025, period="9M"))


def test_source_lookup_narrows_to_one_district(shipped_db):
    with connect_ro(shipped_db) as con:
        def found(district):
            return run_query(con, "source_lookup", search="trong rung", district=district, year=None, period=None,
                             indicator_code=None, max_rows=100, first_row=0)
        everyone, trang_dinh = found(None), found("Tràng Định")
    # 004: "566,5ha, đạt 47% kế hoạch"; 002: "Trồng rừng mới được 715,96 ha"
    assert {566.5, 715.96} <= set(everyone["actual"])
    assert set(trang_dinh["district"]) == {"Tràng Định"} and 566.5 in set(trang_dinh["actual"])
    assert trang_dinh["total_matches"].iloc[0] == len(trang_dinh) < everyone["total_matches"].iloc[0]
