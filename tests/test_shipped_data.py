"""The shipped dataset against the five reports it was read from (data/reports, shipped with the repository).

Each correction of the second reading is held here with the report's own sentence quoted beside it, so a
test fails when the correction is undone. Figures are checked in the spreadsheets as the reader returns
them (kind of figure, the date it runs to, the report's title and file) and in the built database.
"""
import datetime as dt
import re

import pandas as pd
import pytest
from conftest import connect_ro

from indicators.basis import period_end
from indicators.ingest.catalogue import CATALOGUE_FILE, CATALOGUE_SHEET, read_catalogue
from indicators.ingest.reader import read_spreadsheet
from indicators.numbers import format_number
from indicators.periods import PERIODS
from indicators.store.database import DISTRICTS, PROJECT_DIR

DATA = PROJECT_DIR / "data"
SEEDS = DATA / "reports"
REPORTS = {
    "000_72e49cc3d83d93a7.txt": "Văn Quan",
    "001_a2b00ce3a1f28bad.txt": "Văn Quan",
    "002_1c753b00058e0a8b.txt": "Bắc Sơn",
    "003_c2a1555fca01a86f.txt": "Văn Quan",
    "004_8ee23ba8d346291e.txt": "Tràng Định",
}
# How a leader cites each report: type, issuing body, date (or that the text carries none)
TITLES = {
    "000_72e49cc3d83d93a7.txt": "Báo cáo của UBND huyện Văn Quan, 9 tháng 2024 (văn bản không ghi ngày)",
    "001_a2b00ce3a1f28bad.txt": "Báo cáo của UBND huyện Văn Quan, 6 tháng đầu năm 2020 (văn bản không ghi ngày)",
    "002_1c753b00058e0a8b.txt": "Báo cáo của UBND huyện Bắc Sơn, 28/8/2024",
    "003_c2a1555fca01a86f.txt": "Thông báo kết luận phiên họp UBND huyện Văn Quan ngày 24/9/2024",
    "004_8ee23ba8d346291e.txt": "Báo cáo của UBND huyện Tràng Định, tháng 8/2024 (văn bản không ghi ngày; "
                                "số liệu đến 30/7/2024)",
}
VQ, BS, TD = "000_72e49cc3d83d93a7.txt", "002_1c753b00058e0a8b.txt", "004_8ee23ba8d346291e.txt"
VQ_MEETING = "003_c2a1555fca01a86f.txt"
NUMBER_FIELDS = ["plan", "actual", "same_period_last_year", "pct_of_plan", "pct_yoy", "change_yoy_pct"]
# Codes that named one concept twice: merged into the kept code, the old name kept as "Tên gọi khác"
MERGED = {
    "nvtt_so_nhiem_vu_dat_100": "nvtt_so_dat_100",
    "nhiem_vu_trong_tam_hoan_thanh": "nvtt_so_dat_100",
    "ntm_xa_phan_dau_tieu_chi_dat": "ntm_tieu_chi_xa_phan_dau",
    "nha_van_hoa_dat_chuan_so_nha": "nha_van_hoa_dat_chuan_so",
    "nha_van_hoa_dat_chuan_so_thon": "nha_van_hoa_dat_chuan_so",
    "ho_so_tthc_da_tra_ket_qua": "ho_so_da_tra_ket_qua",
}
# Codes that mixed two concepts (or claimed a scope the report does not give), replaced by precise ones
MIXED = ["duong_trung_tam_thon_cung_hoa_ty_le", "ho_ngheo_can_ngheo_ho_tro_tien_dien", "truong_chuan_quoc_gia"]


def normalise(text: str) -> str:
    text = text.replace("**", "").replace("\\", "")
    text = re.sub(r"</?sup>", "", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def reports():
    if not SEEDS.is_dir():
        pytest.fail(f"the source reports are missing from {SEEDS}")
    return {name: normalise((SEEDS / name).read_text(encoding="utf-8")) for name in REPORTS}


@pytest.fixture(scope="module")
def catalogue():
    entries, problems = read_catalogue(DATA / CATALOGUE_FILE)
    assert problems == []
    return {e["code"]: e for e in entries}


@pytest.fixture(scope="module")
def sheets(catalogue):
    """Every row of the five data files as the reader returns it, with the file it came from."""
    frames = []
    for path in sorted(p for p in DATA.glob("0*.xlsx")):
        read = read_spreadsheet(path, list(DISTRICTS), catalogue)
        assert read.errors == [], (path.name, [p.describe() for p in read.errors])
        frames.append(read.frame.assign(file=path.name))
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def history(shipped_db):
    with connect_ro(shipped_db) as con:
        return con.execute("SELECT * FROM indicator_history").df()


def figure(sheets, source_file, year, period, code) -> pd.Series:
    """The one row of a report for a year, period and indicator."""
    rows = sheets[(sheets.source_file == source_file) & (sheets.year == year) & (sheets.period == period)
                  & (sheets.indicator_code == code)]
    assert len(rows) == 1, (source_file, year, period, code, len(rows))
    return rows.iloc[0]


def current(shipped_db, district, year, period, code):
    with connect_ro(shipped_db) as con:
        rows = con.execute("SELECT * FROM indicator_facts WHERE district=? AND year=? AND period=? AND indicator_code=?",
                           [district, year, period, code]).df()
    assert len(rows) == 1, (district, year, period, code)
    return rows.iloc[0]


def missing(value) -> bool:
    return value is None or value != value  # None or NaN


# ---- every figure cites its report --------------------------------------------------------------------

def test_a_few_hundred_figures_from_all_five_reports(history):
    assert len(history) >= 250
    assert set(history["source_file"]) == set(REPORTS)
    assert (history["source"] == history["source_file"].map(TITLES)).all()
    for source_file, district in REPORTS.items():
        assert set(history.loc[history["source_file"] == source_file, "district"]) == {district}


def test_every_figure_names_its_report_by_title_and_file(sheets):
    assert set(sheets["source_file"]) == set(REPORTS)
    assert (sheets["source"] == sheets["source_file"].map(TITLES)).all()
    for source_file, district in REPORTS.items():
        assert set(sheets.loc[sheets["source_file"] == source_file, "district"]) == {district}


def test_every_figure_quotes_its_report_verbatim(history, reports):
    unquoted = [(r.source_file, r.indicator_code, (r.quote or "")[:60]) for r in history.itertuples()
                if not r.quote or normalise(r.quote) not in reports[r.source_file]]
    assert unquoted == []


def test_every_number_stored_is_written_in_its_quote(history):
    """Nothing invented or derived: each stored number appears, in Vietnamese format, in its sentence."""
    unseen = []
    for r in history.itertuples():
        for field in NUMBER_FIELDS:
            value = getattr(r, field)
            if missing(value):
                continue
            text = format_number(abs(value))
            quote = r.quote.replace(" ", "")
            if text not in quote and text.replace(".", "") not in quote:
                unseen.append((r.source_file, r.indicator_code, field, text))
    assert unseen == []


def test_every_figure_has_a_date_and_a_known_period(history, sheets):
    assert history["reported_on"].notna().all()
    assert history["period"].isin(list(PERIODS)).all()
    assert sheets["reported_on"].notna().all()


def test_a_result_dated_after_its_report_says_so(sheets):
    """Only Bắc Sơn's payments "đến 31/8/2024" in a report dated 28/8/2024 run past their report's date;
    the sentence calls them "kết quả", so they stay results, with the oddity written in Ghi chú."""
    late = sheets[sheets["as_of"].notna() & (sheets["as_of"] > sheets["reported_on"])]
    assert set(late["source_file"]) == {BS} and set(late["period"]) == {"8M"} and len(late) == 4
    assert late["note"].str.contains("sau ngày báo cáo").all()


# ---- Bắc Sơn (002, dated 28/8/2024) -------------------------------------------------------------------

def test_bac_son_budget_is_an_estimate(sheets):
    # "Tổng thu ngân sách trên địa bàn huyện, ước thu lũy kế đến ngày 30/9/2024, đạt 49.000 trđ; đạt 136% so
    #  với dự toán tỉnh giao; đạt 119% so với dự toán huyện giao"
    for code, pct in (("thu_ngan_sach", 136), ("thu_ngan_sach_dt_huyen", 119)):
        budget = figure(sheets, BS, 2024, "9M", code)
        assert (budget.actual, budget.pct_of_plan, budget.basis) == (49000, pct, "estimate")
        assert missing(budget.as_of)  # an estimate for the whole nine months


def test_bac_son_poverty_figures_are_forecasts(sheets):
    # "Dự kiến giảm nghèo năm 2024 là 598 hộ tỷ lệ giảm 3,3%, hộ cận nghèo là 319 hộ, tỷ lệ giảm 1,76%. Tỷ lệ
    #  hộ nghèo cuối năm 2024 dự kiến còn 4,97%; tỷ lệ hộ cận nghèo là 4,62%. Hiện nay chưa thực hiện rà soát"
    expected = {"giam_ho_ngheo": 598, "giam_ty_le_ngheo": 3.3, "giam_ho_can_ngheo": 319,
                "giam_ty_le_can_ngheo": 1.76, "ty_le_ngheo_da_chieu": 4.97, "ty_le_can_ngheo": 4.62}
    for code, value in expected.items():
        row = figure(sheets, BS, 2024, "FY", code)
        assert (row.actual, row.basis) == (value, "forecast"), code


def test_bac_son_disbursement_paid_to_31_8_and_estimated_to_30_9(sheets):
    # "kết quả thanh toán đến 31/8/2024: 21.643 trđ, đạt 60,26KH; ước thực hiện đến 30/9/2024: 26.714 triệu
    #  đồng, đạt 75% KH" -- the 8-month rows cannot join "9 tháng": the estimate holds those keys
    paid = figure(sheets, BS, 2024, "8M", "giai_ngan_dtc")
    assert (paid.actual, paid.pct_of_plan, paid.basis, paid.as_of) == (21643, 60.26, "actual", dt.date(2024, 8, 31))
    estimated = figure(sheets, BS, 2024, "9M", "giai_ngan_dtc")
    assert (estimated.actual, estimated.pct_of_plan, estimated.basis) == (26714, 75, "estimate")
    # "ước thực hiện đến 30/9/2024: 54.098 triệu đồng, đạt 35,85% KH (ĐTPT: 45.067 trđ, đạt 65,5%KH; SN: 9.031 trđ"
    for code, value in (("giai_ngan_mtqg", 54098), ("giai_ngan_mtqg_dtpt", 45067), ("giai_ngan_mtqg_su_nghiep", 9031)):
        row = figure(sheets, BS, 2024, "9M", code)
        assert (row.actual, row.basis) == (value, "estimate")
        assert figure(sheets, BS, 2024, "8M", code).as_of == dt.date(2024, 8, 31)


def test_bac_son_results_run_to_the_report_date(sheets):
    # "Tiến độ, kết quả thực hiện (tính đến thời điểm báo cáo, 9 tháng đầu năm 2024)"; "Trồng rừng mới được
    #  715,96 ha, đạt 119,3% KH: (vượt)"
    forest = figure(sheets, BS, 2024, "9M", "trong_rung")
    assert (forest.actual, forest.basis, forest.as_of) == (715.96, "actual", dt.date(2024, 8, 28))
    results = sheets[(sheets.source_file == BS) & (sheets.period == "9M") & (sheets.basis == "actual")]
    assert len(results) > 40 and (results["as_of"] == dt.date(2024, 8, 28)).all()
    # "doanh thu ước đạt khoảng 108 tỷ đồng, đạt trên 92% KH"
    revenue = figure(sheets, BS, 2024, "9M", "du_lich_doanh_thu")
    assert (revenue.actual, revenue.basis) == (108, "estimate")


def test_bac_son_petition_rate_is_not_the_complaint_rate(sheets, catalogue):
    # "Đã giải quyết xong 67/81 đơn kiến nghị thuộc thẩm quyền, đang giải quyết 14 đơn, đạt tỷ lệ 83%"
    # against the task "phấn đấu tỷ lệ giải quyết khiếu nại, tố cáo thuộc thẩm quyền đạt từ 90% trở lên"
    assert figure(sheets, BS, 2024, "9M", "don_kien_nghi_ty_le_giai_quyet").actual == 83
    complaints = sheets[sheets.indicator_code == "khieu_nai_ty_le_giai_quyet"]
    assert list(complaints.plan) == [90] and complaints["actual"].isna().all()
    assert "không gồm đơn kiến nghị" in catalogue["khieu_nai_ty_le_giai_quyet"]["scope"]


def test_bac_son_road_target_is_a_share_of_villages(sheets, catalogue):
    # "Phần đầu tỷ lệ thôn có đường ô tô đến trung tâm thôn được cứng hóa đạt từ 77,96% lên 82% trở lên"
    assert figure(sheets, BS, 2024, "FY", "ty_le_thon_duong_trung_tam_cung_hoa").plan == 82
    # "nâng tổng số km đường đến trung tâm thôn được cứng hóa là 220,76km/276,16km đạt 79,9% kế hoạch đề ra"
    km = figure(sheets, BS, 2024, "9M", "ty_le_km_duong_trung_tam_thon_cung_hoa")
    assert km.actual == 79.9 and missing(km.plan)
    assert "km" in catalogue["ty_le_km_duong_trung_tam_thon_cung_hoa"]["scope"]


# ---- Tràng Định (004: "Số liệu báo cáo đến ngày 30/7/2024 và ước thực hiện 9 tháng đầu năm 2024") -----

def test_trang_dinh_budget_runs_to_30_7_under_nine_months(sheets):
    # "Tổng thu ngân sách trên địa bàn: 42.442 triệu đồng, đạt 85,7 % dự toán tỉnh giao và 77,9% huyện giao"
    # "Tổng chi ngân sách địa phương: 395.549 triệu đồng, đạt 50,08% dự toán tỉnh giao và 49,8% huyện giao"
    for code, value, pct in (("thu_ngan_sach", 42442, 85.7), ("thu_ngan_sach_dt_huyen", 42442, 77.9),
                             ("chi_ngan_sach", 395549, 50.08), ("chi_ngan_sach_dt_huyen", 395549, 49.8)):
        row = figure(sheets, TD, 2024, "9M", code)
        assert (row.actual, row.pct_of_plan, row.basis, row.as_of) == (value, pct, "actual", dt.date(2024, 7, 30))


def test_trang_dinh_disbursement_moves_to_nine_months_with_its_date(sheets):
    # "Kết quả giải ngân các nguồn vốn tính đến 30/7/2024: Giải ngân các nguồn vốn đầu tư công đạt 37.115 triệu
    #  đồng/168.881 triệu đồng, đạt 21,98% kế hoạch" -- all sources, MTQG investment included (footnote 10)
    paid = figure(sheets, TD, 2024, "9M", "giai_ngan_dtc_gom_mtqg")
    assert (paid.actual, paid.plan, paid.as_of) == (37115, 168881, dt.date(2024, 7, 30))
    trang_dinh = sheets[sheets.source_file == TD]
    assert "7M" not in set(trang_dinh.period)
    results = trang_dinh[(trang_dinh.period == "9M") & (trang_dinh.basis == "actual")]
    assert (results["as_of"] == dt.date(2024, 7, 30)).all()


def test_trang_dinh_estimates_are_marked(sheets):
    # "Tổng diện tích gieo trồng trong 9 tháng đầu năm 2024 ước đạt 5.074,36ha"
    sown = figure(sheets, TD, 2024, "9M", "dien_tich_gieo_trong")
    assert (sown.actual, sown.basis) == (5074.36, "estimate") and missing(sown.as_of)
    # "Trong 9 tháng đầu năm phát triển mới 2.290 thẻ BHYT, ... đạt tỷ lệ bao phủ 92,6%": nine months in a
    # report whose data run to 30/7, so an estimate
    for code, value in (("bhyt_ty_le_bao_phu", 92.6), ("bhyt_the_phat_trien_moi", 2290)):
        row = figure(sheets, TD, 2024, "9M", code)
        assert (row.actual, row.basis) == (value, "estimate")
    estimates = sheets[(sheets.source_file == TD) & (sheets.basis == "estimate")]
    assert len(estimates) == 21 and estimates["as_of"].isna().all()


def test_trang_dinh_plans_are_not_results(sheets):
    # "Năm 2024 phân bổ vốn 79 công trình khởi công mới ..." while "tỷ lệ khởi công các công trình đạt thấp"
    works = figure(sheets, TD, 2024, "FY", "cong_trinh_khoi_cong_moi")
    assert works.plan == 79 and missing(works.actual) and missing(works.basis)
    # "thực hiện sắp xếp 05 đơn vị hành chính thành 03 đơn vị hành chính, giảm 02 đơn vị hành chính, hiện nay
    #  HĐND huyện đã ban hành Nghị quyết tán thành chủ trương"
    merger = figure(sheets, TD, 2024, "9M", "sap_xep_dvhc_giam")
    assert merger.plan == 2 and missing(merger.actual) and missing(merger.basis)


def test_trang_dinh_safe_zone_counts_communes_only(sheets, catalogue):
    # "toàn huyện có 11 xã, 01 thị trấn được công nhận là xã an toàn khu": 11 is kept, not 11 + 1
    assert figure(sheets, TD, 2024, "9M", "xa_an_toan_khu").actual == 11
    assert "không kể thị trấn" in catalogue["xa_an_toan_khu"]["name"]


def test_trang_dinh_medical_visits_carry_no_plan_the_report_does_not_name(sheets):
    # "Tuyển huyện điều trị khám bệnh: 28.594/40.820 = 62,7%" (28.594/40.820 is not 62,7%; 40.820 is not
    #  called a plan)
    visits = figure(sheets, TD, 2024, "H1", "kham_benh_tuyen_huyen")
    assert visits.actual == 28594 and missing(visits.plan) and missing(visits.pct_of_plan)


# ---- Văn Quan (000, 003) ------------------------------------------------------------------------------

def test_van_quan_schools_are_newly_recognised(sheets):
    # "phần đầu 02 trường: Mầm non Khánh Khê và Tiểu học 2 thị trấn Văn Quan được công nhận mới là trường đạt
    #  chuẩn quốc gia trong năm 2024"; "đã đạt 100% kế hoạch phần đầu xây dựng công nhận trường đạt chuẩn"
    assert figure(sheets, VQ, 2024, "FY", "truong_chuan_qg_cong_nhan_moi").plan == 2
    done = figure(sheets, VQ, 2024, "9M", "truong_chuan_qg_cong_nhan_moi")
    assert done.pct_of_plan == 100 and missing(done.actual)


def test_van_quan_poverty_target_covers_poor_and_near_poor(sheets):
    # "phần đầu giảm tỷ lệ nghèo đa chiều của huyện (gồm tỷ lệ hộ nghèo và hộ cận nghèo đa chiều) 5% trở lên"
    assert figure(sheets, VQ, 2024, "FY", "giam_ty_le_ngheo_can_ngheo").plan == 5
    assert set(sheets.loc[sheets.indicator_code == "giam_ty_le_ngheo", "source_file"]) == {BS}


def test_van_quan_one_stop_figures_run_to_12_9(sheets):
    # "Tính đến ngày 12/9/2024 tại Bộ phận Tiếp nhận và Trả kết quả ... đã tiếp nhận 965 hồ sơ"
    received = figure(sheets, VQ, 2024, "9M", "ho_so_tthc_tiep_nhan")
    assert (received.actual, received.as_of) == (965, dt.date(2024, 9, 12))
    returned = figure(sheets, VQ, 2024, "9M", "ho_so_da_tra_ket_qua")
    assert (returned.actual, returned.as_of) == (886, dt.date(2024, 9, 12))


def test_van_quan_focus_tasks_are_all_counted(sheets):
    # "có 06 nhiệm vụ đạt 100% trở lên (nhiệm vụ: 5,6,7,9,10,12); 04 nhiệm vụ đạt từ 70% trở lên (1,2,3,11) 01
    #  nhiệm vụ đạt 60% (nhiệm vụ: 8); 01 nhiệm vụ chưa có cơ sở để đánh giá (nhiệm vụ 4)" of "12 nhiệm vụ"
    counts = {code: figure(sheets, VQ, 2024, "9M", code).actual
              for code in ("nvtt_so_dat_100", "nvtt_so_dat_70", "nvtt_so_dat_60", "nvtt_so_chua_danh_gia")}
    assert counts == {"nvtt_so_dat_100": 6, "nvtt_so_dat_70": 4, "nvtt_so_dat_60": 1, "nvtt_so_chua_danh_gia": 1}
    assert sum(counts.values()) == figure(sheets, VQ, 2024, "FY", "nvtt_tong_so_nhiem_vu").actual


def test_van_quan_meeting_disbursement_keeps_its_own_scope(sheets, catalogue):
    # 003: "Tổng nguồn vốn đầu tư công thuộc kế hoạch năm 2024 là 177.135 triệu đồng, đã giải ngân đến được
    #  68.455,565 triệu đồng, đạt 38,7% KH" -- the notice does not say whether MTQG capital is in it
    row = figure(sheets, VQ_MEETING, 2024, "9M", "giai_ngan_dtc_tong_nguon")
    assert (row.plan, row.actual, row.pct_of_plan) == (177135, 68455.565, 38.7)
    assert not catalogue["giai_ngan_dtc_tong_nguon"]["comparable"]
    assert set(sheets.loc[sheets.indicator_code == "giai_ngan_dtc", "source_file"]) == {BS}


# ---- catalogue: one code per concept, one concept per code --------------------------------------------

def test_merged_codes_are_gone_and_their_names_kept(sheets, catalogue):
    gone = set(MERGED) | set(MIXED)
    assert gone.isdisjoint(catalogue) and gone.isdisjoint(set(sheets["indicator_code"]))
    for path in DATA.glob("0*.xlsx"):
        listed = set(pd.read_excel(path, sheet_name=CATALOGUE_SHEET, engine="calamine")["Mã chỉ tiêu"])
        assert gone.isdisjoint(listed), path.name
    assert "Số nhiệm vụ trọng tâm hoàn thành" in catalogue["nvtt_so_dat_100"]["aliases"]
    assert {"Số nhà văn hóa thôn đạt chuẩn", "Số thôn có nhà văn hóa đạt chuẩn"} <= set(
        catalogue["nha_van_hoa_dat_chuan_so"]["aliases"].split("; "))
    # one concept now has the figures of the reports that used either name
    pairs = {("ntm_tieu_chi_xa_phan_dau", BS): 13, ("ntm_tieu_chi_xa_phan_dau", VQ): 15,
             ("ho_so_da_tra_ket_qua", BS): 1404, ("nha_van_hoa_dat_chuan_so", TD): 101}
    for (code, source_file), value in pairs.items():
        assert figure(sheets, source_file, 2024, "9M", code).actual == value


def test_comparable_indicators_state_their_scope(catalogue):
    unscoped = [code for code, e in catalogue.items() if e["comparable"] and not e.get("scope")]
    assert unscoped == []
    assert "không gồm hộ cận nghèo" in catalogue["giam_ty_le_ngheo"]["scope"]
    assert "MTQG" in catalogue["giai_ngan_dtc"]["scope"] and "MTQG" in catalogue["giai_ngan_dtc_gom_mtqg"]["scope"]


def test_every_code_used_is_in_the_catalogue_and_every_entry_is_used(sheets, catalogue):
    assert set(sheets["indicator_code"]) == set(catalogue)


def test_each_file_lists_the_catalogue_entries_it_uses(sheets, catalogue):
    for path in sorted(DATA.glob("0*.xlsx")):
        listed = pd.read_excel(path, sheet_name=CATALOGUE_SHEET, engine="calamine").fillna("")
        used = set(sheets.loc[sheets.file == path.name, "indicator_code"])
        assert set(listed["Mã chỉ tiêu"]) == used, path.name
        for r in listed.itertuples(index=False):
            entry = catalogue[r[0]]
            assert (r[1], r[2], r[8]) == (entry["name"], entry["unit"], entry["scope"] or ""), (path.name, r[0])


# ---- the built database --------------------------------------------------------------------------------

def test_the_database_keeps_each_figures_kind_date_and_report(history, sheets):
    """Every stored figure has the basis, stated cut-off and report file its spreadsheet row gives."""
    key = ["source_file", "district", "year", "period", "indicator_code"]
    stored = history.set_index(key).sort_index()
    read = sheets.set_index(key).sort_index()
    assert stored.index.equals(read.index)
    assert stored["basis"].fillna("").tolist() == read["basis"].fillna("").tolist()
    # a date the report states, or the end of the period when it states none
    expected = [r.as_of if isinstance(r.as_of, dt.date) else period_end(r.Index[2], r.Index[3])
                for r in read.itertuples()]
    assert [pd.Timestamp(day).date() for day in stored["as_of"]] == expected


def test_estimates_forecasts_and_cut_offs_in_the_current_figures(shipped_db):
    # 002: "ước thu lũy kế đến ngày 30/9/2024, đạt 49.000 trđ"
    budget = current(shipped_db, "Bắc Sơn", 2024, "9M", "thu_ngan_sach")
    assert (budget.actual, budget.basis, bool(budget.as_of_stated)) == (49000, "estimate", False)
    # 002: "Dự kiến giảm nghèo năm 2024 là 598 hộ"
    lifted = current(shipped_db, "Bắc Sơn", 2024, "FY", "giam_ho_ngheo")
    assert (lifted.actual, lifted.basis) == (598, "forecast")
    # 004: "(Số liệu báo cáo đến ngày 30/7/2024 ...)"; "Tổng thu ngân sách trên địa bàn: 42.442 triệu đồng"
    trang_dinh = current(shipped_db, "Tràng Định", 2024, "9M", "thu_ngan_sach")
    assert (trang_dinh.basis, pd.Timestamp(trang_dinh.as_of).date(), bool(trang_dinh.as_of_stated)) == (
        "actual", dt.date(2024, 7, 30), True)
    assert trang_dinh.source_file == TD and trang_dinh.source == TITLES[TD]
    # 004: "Năm 2024 phân bổ vốn 79 công trình khởi công mới": a plan, so no kind of result at all
    works = current(shipped_db, "Tràng Định", 2024, "FY", "cong_trinh_khoi_cong_moi")
    assert works.plan == 79 and pd.isna(works.actual) and pd.isna(works.basis)


def test_van_quan_budget_keeps_both_reports_and_the_later_is_current(shipped_db, history):
    row = current(shipped_db, "Văn Quan", 2024, "9M", "thu_ngan_sach")
    assert row.pct_of_plan == 116.4 and row.source_file == VQ_MEETING and row.source == TITLES[VQ_MEETING]
    # one report per statement: 003 gives no amount, so none is merged into its line; report 000's
    # amount and % stay beside it as that report's ("theo báo cáo ngày 12/9/2024: 26.974 (112,4%)")
    assert row.actual != row.actual and row.pct_yoy == 115.2  # 003 gives % and growth, no amount
    assert (row.prior_actual, row.prior_pct_of_plan, row.prior_source) == (26974, 112.4, TITLES[VQ])
    both = history[(history.district == "Văn Quan") & (history.indicator_code == "thu_ngan_sach")
                   & (history.period == "9M")].sort_values("reported_on")
    assert list(both.pct_of_plan) == [112.4, 116.4]
    assert list(both.source_file) == [VQ, VQ_MEETING]


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
    paid = current(shipped_db, "Tràng Định", 2024, "9M", "giai_ngan_dtc_gom_mtqg")
    assert (paid.actual, paid.pct_of_plan) == (37115, 21.98)


def test_plans_without_results_stay_plans_in_the_database(shipped_db):
    # 004: "Năm 2024 phân bổ vốn 79 công trình khởi công mới" -- a plan, no works started are reported
    works = current(shipped_db, "Tràng Định", 2024, "FY", "cong_trinh_khoi_cong_moi")
    assert works.plan == 79 and pd.isna(works.actual)


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
    assert not (set(MERGED) | set(MIXED)) & set(catalogue.code)
    assert catalogue.loc[catalogue.comparable, "scope"].notna().all()
    assert set(catalogue.group_name) <= {"Kinh tế", "Văn hóa – Xã hội", "Quốc phòng – An ninh", "Xây dựng chính quyền"}
    poverty = catalogue.set_index("code").loc["ty_le_ngheo_da_chieu"]
    assert poverty.direction == "lower" and bool(poverty.comparable)
