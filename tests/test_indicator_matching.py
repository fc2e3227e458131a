"""Issue 14, item 1: a typed indicator name means a catalogue indicator by a normalised key, never
silently a new one; units convert where the ratio is exact. Names are as district offices write them."""
import datetime as dt
import hashlib
import subprocess
import sys

import pytest
from conftest import TINY_CATALOGUE, connect_ro, fact

from indicators.ingest.importer import commit_import, plan_import
from indicators.ingest.matching import NEW_INDICATOR, NameMatcher, name_key, unit_factor
from indicators.ingest.template import write_workbook
from indicators.store import database as store
from indicators.store.database import PROJECT_DIR

CATALOGUE = {
    "thu_ngan_sach": {"name": "Thu ngân sách nhà nước trên địa bàn", "unit": "triệu đồng", "aliases": None},
    "chi_ngan_sach": {"name": "Chi ngân sách địa phương", "unit": "triệu đồng", "aliases": None},
    "ty_le_ho_ngheo": {"name": "Tỷ lệ hộ nghèo", "unit": "%", "aliases": "Tỷ lệ hộ nghèo đa chiều"},
    "ty_le_ho_can_ngheo": {"name": "Tỷ lệ hộ cận nghèo", "unit": "%", "aliases": None},
    "dn_dang_hoat_dong": {"name": "Doanh nghiệp đang hoạt động (lũy kế)", "unit": "doanh nghiệp", "aliases": None},
    "giai_ngan_dtc": {"name": "Giải ngân vốn đầu tư công", "unit": "%", "aliases": None},
    "xa_ntm": {"name": "Số xã đạt chuẩn nông thôn mới", "unit": "xã", "aliases": None},
    "kt_xh_muc_tieu": {"name": "Chỉ tiêu kinh tế - xã hội đạt", "unit": "chỉ tiêu", "aliases": None},
    "von_mtqg": {"name": "Vốn các chương trình mục tiêu quốc gia giải ngân", "unit": "triệu đồng", "aliases": None},
    "htx_moi": {"name": "Hợp tác xã thành lập mới", "unit": "hợp tác xã", "aliases": None},
    "cai_cach_ubnd": {"name": "Văn bản của Ủy ban nhân dân huyện ban hành", "unit": "văn bản", "aliases": None},
    "hoc_sinh_dtts": {"name": "Học sinh dân tộc thiểu số được hỗ trợ", "unit": "người", "aliases": None},
    "gpmb_ho": {"name": "Số hộ đã kiểm đếm giải phóng mặt bằng", "unit": "hộ", "aliases": None},
    "tthc_truc_tuyen": {"name": "Hồ sơ thủ tục hành chính nộp trực tuyến", "unit": "%", "aliases": None},
    "thu_ns_xa": {"name": "Thu ngân sách xã", "unit": "triệu đồng", "aliases": None},
    "dien_tich_gieo_trong": {"name": "Tổng diện tích gieo trồng", "unit": "ha", "aliases": None},
    "dien_tich_lua": {"name": "Diện tích gieo trồng lúa", "unit": "ha", "aliases": None},
}


@pytest.fixture(scope="module")
def matcher():
    return NameMatcher(CATALOGUE)


@pytest.mark.parametrize("typed", [
    "Thu ngân sách nhà nước trên địa bàn",
    "Tổng thu ngân sách nhà nước trên địa bàn",
    "Tổng số thu ngân sách nhà nước trên địa bàn",
    "Thu ngân sách nhà nước trên địa bàn (triệu đồng)",
    "Thu ngân sách nhà nước trên địa bàn (ĐVT: triệu đồng)",
    "Thu NSNN trên địa bàn",
    "Thu NS nhà nước trên địa bàn",
    "THU NGÂN SÁCH NHÀ NƯỚC TRÊN ĐỊA BÀN",
    "thu ngan sach nha nuoc tren dia ban",
    "Thu ngân sách nhà nước  trên địa bàn.",
    "- Thu ngân sách nhà nước, trên địa bàn:",
    "Tổng thu NSNN trên địa bàn (tr.đồng)",
])
def test_the_budget_as_offices_write_it_is_one_indicator(matcher, typed):
    assert matcher.match(typed) == "thu_ngan_sach"


@pytest.mark.parametrize("typed, code", [
    ("Giải ngân vốn ĐTC", "giai_ngan_dtc"),
    ("Số xã đạt chuẩn NTM", "xa_ntm"),
    ("Chỉ tiêu KT-XH đạt", "kt_xh_muc_tieu"),
    ("Chỉ tiêu KT - XH đạt", "kt_xh_muc_tieu"),
    ("Chỉ tiêu KTXH đạt", "kt_xh_muc_tieu"),
    ("Vốn các chương trình MTQG giải ngân", "von_mtqg"),
    ("HTX thành lập mới", "htx_moi"),
    ("Văn bản của UBND huyện ban hành", "cai_cach_ubnd"),
    ("Học sinh DTTS được hỗ trợ", "hoc_sinh_dtts"),
    ("Số hộ đã kiểm đếm GPMB", "gpmb_ho"),
    ("Hồ sơ TTHC nộp trực tuyến", "tthc_truc_tuyen"),
    ("Thu NS xã", "thu_ns_xa"),
    ("Diện tích gieo trồng", "dien_tich_gieo_trong"),
    ("Tỷ lệ hộ nghèo đa chiều (%)", "ty_le_ho_ngheo"),          # an other name, with its unit
    ("Doanh nghiệp đang hoạt động (lũy kế)", "dn_dang_hoat_dong"),  # a bracket that is no unit stays
])
def test_each_abbreviation_leading_word_and_alias(matcher, typed, code):
    assert matcher.match(typed) == code


@pytest.mark.parametrize("typed", [
    "Chi ngân sách",                          # spending is not revenue
    "Chi ngân sách nhà nước trên địa bàn",
    "Thu ngân sách",                          # too short to be sure which budget
    "Tỷ lệ hộ cận nghèo đa chiều",            # near-poor is not poor
    "Doanh nghiệp đang hoạt động",            # '(lũy kế)' is part of the name, not a unit
    "Diện tích gieo trồng ngô",
])
def test_names_that_must_not_match(matcher, typed):
    assert matcher.match(typed) not in {"thu_ngan_sach", "ty_le_ho_ngheo", "dn_dang_hoat_dong",
                                        "dien_tich_gieo_trong"}
    assert matcher.match(typed) is None


def test_chi_is_not_thu_even_when_both_are_suggested(matcher):
    assert matcher.match("Chi ngân sách") is None
    suggestions = matcher.suggest("Chi ngân sách")
    assert suggestions[0].code == "chi_ngan_sach"
    assert all(0 <= s.score <= 100 and s.unit for s in suggestions)
    assert len({s.code for s in suggestions}) == len(suggestions)


def test_a_key_two_indicators_share_resolves_to_neither():
    shared = {"a": {"name": "Thu ngân sách", "unit": "triệu đồng", "aliases": None},
              "b": {"name": "Tổng thu ngân sách", "unit": "triệu đồng", "aliases": None}}
    assert NameMatcher(shared).match("Thu ngân sách") is None


def test_keys_fold_units_and_punctuation():
    assert name_key("Tổng thu NSNN (triệu đồng)") == "thu ngan sach nha nuoc"
    assert name_key("Thu ngân sách [tỷ đồng]") == "thu ngan sach"


@pytest.mark.parametrize("typed, expected, factor", [
    ("tỷ đồng", "triệu đồng", 1000), ("triệu đồng", "tỷ đồng", 0.001), ("Triệu đồng", "triệu đồng", 1),
    ("tr.đồng", "triệu đồng", 1), ("‰", "%", 0.1), ("%", "‰", 10), ("ha", "m2", 10_000), ("tấn", "kg", 1000),
])
def test_units_convert_where_exact(typed, expected, factor):
    assert unit_factor(typed, expected) == pytest.approx(factor)


@pytest.mark.parametrize("typed, expected", [("ha", "hộ"), ("%", "% KH"), ("triệu đồng", "%"), ("người", "lượt")])
def test_units_that_do_not_convert(typed, expected):
    assert unit_factor(typed, expected) is None


# --- through the importer and the CLI, on the tiny catalogue -------------------------------------

def named(district, name, unit, actual, period="FY"):
    row = fact(district, 2024, period, None, "ca_nam.txt", dt.date(2025, 1, 10), "q", actual=actual)
    row.update(indicator_name=name, unit=unit)
    return row


def full_year(path):
    return write_workbook(path, [
        named("Văn Quan", "Tổng thu ngân sách nhà nước trên địa bàn", "triệu đồng", 41000),
        named("Bắc Sơn", "Thu ngân sách nhà nước trên địa bàn (triệu đồng)", "triệu đồng", 60000),
        named("Tràng Định", "Thu NSNN trên địa bàn", "tỷ đồng", 38.5),
        named("Văn Quan", "Chi ngân sách", "triệu đồng", 300000),
    ], TINY_CATALOGUE)


def test_a_full_year_file_lands_on_the_catalogue_indicator_and_waits_for_the_unknown_name(tiny_db, tmp_path):
    path = full_year(tmp_path / "ca_nam_2024.xlsx")
    with store.connect(tiny_db) as con:
        plan = plan_import(con, path)
        assert plan.ok and not plan.ready
        assert [u["name"] for u in plan.unmatched] == ["Chi ngân sách"]
        assert plan.unmatched[0]["suggestions"][0].code == "thu_ngan_sach"  # the closest there is, not taken
        with pytest.raises(ValueError):
            commit_import(con, plan, "test")
        frame = plan.read.frame.set_index("district")
        assert set(frame["indicator_code"].dropna()) == {"thu_ngan_sach"}
        assert frame.loc["Tràng Định", "actual"] == 38500  # tỷ đồng converted exactly
        assert any("tỷ đồng" in w.message and "triệu đồng" in w.message for w in plan.read.warnings)

        plan = plan_import(con, path, choices={"Chi ngân sách": NEW_INDICATOR})
        assert plan.ready and [n["name"] for n in plan.new_indicators] == ["Chi ngân sách"]
        commit_import(con, plan, "test")
        codes = con.execute("SELECT count(DISTINCT indicator_code) FROM facts_current WHERE year = 2024 "
                            "AND period = 'FY'").fetchone()[0]
        assert codes == 2


def test_a_confirmed_name_becomes_an_other_name_and_matches_next_time(tiny_db, tmp_path):
    path = tmp_path / "trong_rung.xlsx"
    write_workbook(path, [named("Bắc Sơn", "DT rừng trồng mới", "ha", 700)], TINY_CATALOGUE)
    with store.connect(tiny_db) as con:
        assert plan_import(con, path).unmatched
        plan = plan_import(con, path, choices={"DT rừng trồng mới": "trong_rung"})
        assert plan.ready and not plan.new_indicators and plan.facts_new == 1
        commit_import(con, plan, "test")
        assert store.load_catalogue(con)["trong_rung"]["aliases"] == "DT rừng trồng mới"
    again = tmp_path / "trong_rung_q.xlsx"
    write_workbook(again, [named("Văn Quan", "DT rừng trồng mới (ha)", "ha", 10)], TINY_CATALOGUE)
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, again)
        assert plan.ready and set(plan.read.frame["indicator_code"]) == {"trong_rung"}


def test_a_unit_that_does_not_convert_is_refused_with_a_message(tiny_db, tmp_path):
    path = tmp_path / "don_vi.xlsx"
    write_workbook(path, [named("Bắc Sơn", "Trồng rừng mới", "hộ", 7)], TINY_CATALOGUE)
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, path)
    assert not plan.ok
    assert "không đổi được từ 'hộ'" in plan.read.errors[0].message


def run_cli(*args, db):
    return subprocess.run([sys.executable, "-m", "indicators", *args, "--db", str(db)],
                          capture_output=True, text=True, cwd=PROJECT_DIR)


def test_cli_refuses_unmatched_names_with_suggestions_then_takes_them_with_new_indicators(tiny_db, tmp_path):
    path = full_year(tmp_path / "ca_nam_2024.xlsx")
    before = hashlib.sha256(tiny_db.read_bytes()).hexdigest()
    refused = run_cli("import", str(path), db=tiny_db)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "1 tên chỉ tiêu không khớp danh mục" in refused.stderr
    assert "'Chi ngân sách' (triệu đồng, 1 dòng): gần nhất: thu_ngan_sach – Thu ngân sách nhà nước" in refused.stderr
    assert "--new-indicators" in refused.stderr
    assert hashlib.sha256(tiny_db.read_bytes()).hexdigest() == before
    taken = run_cli("import", str(path), "--new-indicators", db=tiny_db)
    assert taken.returncode == 0, taken.stderr
    assert "4 số liệu mới" in taken.stdout and "1 chỉ tiêu mới" in taken.stdout


def test_two_spellings_of_one_new_name_in_a_file_are_one_indicator_and_a_repeat_is_caught(tiny_db, tmp_path):
    path = tmp_path / "hai_cach_viet.xlsx"
    write_workbook(path, [named("Bắc Sơn", "Chi NS xã", "triệu đồng", 10),
                          named("Văn Quan", "Chi ngân sách xã", "triệu đồng", 20),
                          named("Văn Quan", "Tổng chi ngân sách xã", "triệu đồng", 25)], TINY_CATALOGUE)
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, path, new_indicators=True)
    assert not plan.ok  # Văn Quan's figure given twice, differently
    assert "trùng với dòng 3" in plan.read.errors[0].message


def test_building_from_a_shipped_file_with_an_unknown_name_says_which(tiny_data_dir, tmp_path):
    from indicators.ingest.build import BuildError, build_database

    write_workbook(tiny_data_dir / "c_ten_la.xlsx", [named("Bắc Sơn", "Chi NS xã", "triệu đồng", 10)], TINY_CATALOGUE)
    with pytest.raises(BuildError, match="c_ten_la.xlsx: tên chỉ tiêu không khớp danh mục:\n- 'Chi NS xã'"):
        build_database(tmp_path / "x.duckdb", tiny_data_dir)


def test_a_name_without_a_unit_still_gets_suggestions_and_needs_one_only_to_be_new(tiny_db, tmp_path):
    path = tmp_path / "khong_don_vi.xlsx"
    write_workbook(path, [named("Bắc Sơn", "Thu NSNN", None, 10), named("Bắc Sơn", "DT rừng trồng", None, 5)],
                   TINY_CATALOGUE)
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, path)
        assert plan.ok and [u["name"] for u in plan.unmatched] == ["Thu NSNN", "DT rừng trồng"]
        plan = plan_import(con, path, choices={"Thu NSNN": "thu_ngan_sach", "DT rừng trồng": "trong_rung"})
        assert plan.ready and set(plan.read.frame["indicator_code"]) == {"thu_ngan_sach", "trong_rung"}
        plan = plan_import(con, path, choices={"Thu NSNN": "thu_ngan_sach", "DT rừng trồng": NEW_INDICATOR})
        assert not plan.ok and not plan.ready
        assert [(e.message, e.value) for e in plan.read.errors] == [
            ("chỉ tiêu mới cần có cả tên chỉ tiêu và đơn vị tính", "DT rừng trồng")]
