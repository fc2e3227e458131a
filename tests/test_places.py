"""Places across the 2025 reform (issue 15): the bridge from the three former districts to the communes
of 1/7/2025, uploads naming communes old and new, the roll-up to former districts (sums only, a rate
never averaged), the synthetic commune quarter, and a shipped build that holds none of it."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from indicators.ingest import places_source
from indicators.ingest.build import build_database, shipped_data_files
from indicators.ingest.demo_communes import DEMO_LABEL, demo_path, demo_rows, write_demo
from indicators.ingest.importer import commit_import, plan_import
from indicators.ingest.template import write_workbook
from indicators.store import database as store

# What the package (vietnamadminunits 1.0.4) says became of each former district's communes.
AREAS = {
    "Văn Quan": {"Xã Điềm He", "Xã Khánh Khê", "Xã Tân Đoàn", "Xã Tri Lễ", "Xã Văn Quan", "Xã Yên Phúc"},
    "Bắc Sơn": {"Xã Bắc Sơn", "Xã Hưng Vũ", "Xã Nhất Hòa", "Xã Tân Tri", "Xã Vũ Lăng", "Xã Vũ Lễ"},
    "Tràng Định": {"Xã Đoàn Kết", "Xã Kháng Chiến", "Xã Quốc Khánh", "Xã Quốc Việt", "Xã Tân Tiến", "Xã Thất Khê",
                   "Xã Tràng Định"},
}
OLD_COMMUNES = {"Văn Quan": 15, "Bắc Sơn": 18, "Tràng Định": 20}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    db = tmp_path_factory.mktemp("places") / "shipped.duckdb"
    build_database(db)
    return db


@pytest.fixture(scope="module")
def demo(shipped, tmp_path_factory):
    """The shipped database with the synthetic commune quarter imported, as a leader's demo would."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.duckdb"
    shutil.copy(shipped, db)
    path = write_demo(folder / "xa_9_thang_2025.xlsx")
    with store.connect(db) as con:
        plan = plan_import(con, path, today=dt.date(2025, 10, 6))
        assert plan.ready and not plan.read.errors, plan.read.errors
        commit_import(con, plan, user="test")
    return db, path


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_every_commune_of_the_three_districts_is_bridged_to_a_commune_of_2025(shipped):
    with store.connect(shipped, read_only=True) as con:
        for district, communes in AREAS.items():
            old = rows(con, "SELECT count(*) FROM places WHERE unit_level = 'commune' AND parent_district = ?", district)
            bridged = rows(con, "SELECT count(*) FROM place_bridge b JOIN places n ON n.display_name = b.new_commune "
                                "AND n.unit_level = 'commune_2025' WHERE b.old_district = ?", district)
            assert old == bridged == [(OLD_COMMUNES[district],)], district
            found = {c for (c,) in rows(con, "SELECT commune FROM commune_districts WHERE district = ?", district)}
            assert found == communes, district
            names = {c for (c,) in rows(con, "SELECT display_name FROM places p JOIN commune_districts c "
                                             "ON c.commune = p.display_name WHERE c.district = ?", district)}
            assert names == communes  # each is a place with its code and position
        split = rows(con, "SELECT commune, district, old_communes_here, old_communes_total, counted_here "
                          "FROM commune_districts WHERE commune IN (SELECT commune FROM commune_districts "
                          "WHERE is_split AND district = 'Văn Quan') ORDER BY 1, 2")
        assert split == [("Xã Khánh Khê", "Cao Lộc", 2, 3, True), ("Xã Khánh Khê", "Văn Quan", 1, 3, False),
                         ("Xã Tân Đoàn", "Cao Lộc", 1, 3, False), ("Xã Tân Đoàn", "Văn Quan", 2, 3, True)]
        assert rows(con, "SELECT count(*) FROM commune_districts WHERE is_split AND district IN "
                         "('Bắc Sơn', 'Tràng Định')") == [(0,)]
        # the new commune named Văn Quan is three of the former district's fifteen communes, not the district
        assert rows(con, "SELECT old_names FROM commune_districts WHERE commune = 'Xã Văn Quan'") == [
            ("Thị trấn Văn Quan (Văn Quan), Xã Hòa Bình (Văn Quan), Xã Tú Xuyên (Văn Quan)",)]
        positions = rows(con, "SELECT count(*) FROM places WHERE latitude BETWEEN 21 AND 23 "
                              "AND longitude BETWEEN 106 AND 108")
        assert positions == rows(con, "SELECT count(*) FROM places")


def test_the_committed_places_are_what_the_package_says(tmp_path):
    """data/places/*.csv regenerated from vietnamadminunits must equal the committed files."""
    for generated in places_source.write_csvs(tmp_path):
        committed = store.PLACES_DIR / generated.name
        assert generated.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), generated.name


def test_upload_names_communes_old_and_new_and_refuses_an_old_one_after_the_reform(shipped, tmp_path):
    good = tmp_path / "ten_xa.xlsx"
    base = {"year": 2025, "period": "9M", "indicator_code": "trong_rung", "source": "thử", "actual": 10.0}
    write_workbook(good, [
        {**base, "district": "xa tri le"},                        # accent-less, lower case
        {**base, "district": "Tân Đoàn"},                          # without "Xã"
        {**base, "district": "6286"},                             # official code, leading zero lost
        {**base, "district": "Tỉnh Lạng Sơn"},
        {**base, "district": "Huyện Bắc Sơn"},
        {**base, "district": "Xã Hữu Lễ", "year": 2024},           # an old commune, before the reform
    ], [])
    with store.connect(shipped, read_only=True) as con:
        plan = plan_import(con, good, today=dt.date(2025, 10, 6))
    assert not plan.read.errors
    assert plan.read.frame["district"].tolist() == ["Xã Tri Lễ", "Xã Tân Đoàn", "Xã Khánh Khê", "Tỉnh Lạng Sơn",
                                                    "Bắc Sơn", "Xã Hữu Lễ (Văn Quan)"]
    old = tmp_path / "ten_cu.xlsx"
    write_workbook(old, [{**base, "district": "Xã Hữu Lễ"}, {**base, "district": "Thị trấn Văn Quan"}], [])
    with store.connect(shipped, read_only=True) as con:
        plan = plan_import(con, old, today=dt.date(2025, 10, 6))
    messages = [p.describe() for p in plan.read.errors]
    assert len(messages) == 2
    assert "trước ngày 1/7/2025" in messages[0] and "hãy ghi số liệu cho 'Xã Tri Lễ'" in messages[0]
    assert "hãy ghi số liệu cho 'Xã Văn Quan'" in messages[1]


def test_a_commune_typo_is_refused_not_read_as_the_district(shipped, tmp_path):
    path = tmp_path / "sai_ten.xlsx"
    write_workbook(path, [{"district": "Xã Văn Quann", "year": 2025, "period": "9M", "indicator_code": "trong_rung",
                           "source": "thử", "actual": 1.0}], [])
    with store.connect(shipped, read_only=True) as con:
        plan = plan_import(con, path, today=dt.date(2025, 10, 6))
    (error,) = plan.read.errors
    assert "không nhận ra xã, phường" in error.describe() and "Xã Văn Quan" in error.describe()


def test_district_rollup_adds_the_communes_of_each_former_district(demo):
    db, _ = demo
    given = {}
    for r in demo_rows():
        given.setdefault((r["district"], r["indicator_code"]), r)
    with store.connect(db, read_only=True) as con:
        rollup = {(d, c): (a, covered, expected, complete, split) for d, c, a, covered, expected, complete, split in rows(
            con, "SELECT district, indicator_code, actual, communes_covered, communes_expected, complete, "
                 "split_communes FROM district_rollup WHERE year = 2025 AND period = '9M'")}
        counted = dict(rows(con, "SELECT display_name, parent_district FROM places WHERE unit_level = 'commune_2025'"))
    for district, communes in AREAS.items():
        mine = [c for c in communes if counted[c] == district]
        total = sum(given[(c, "trong_rung")]["actual"] for c in mine)
        actual, covered, expected, complete, split = rollup[(district, "trong_rung")]
        assert actual == pytest.approx(total) and covered == expected == len(mine) and complete
        assert split == (1 if district == "Văn Quan" else 0)  # Xã Tân Đoàn
    assert rollup[("Tràng Định", "thu_ngan_sach")][1:4] == (6, 7, False)  # Xã Quốc Việt gave none
    assert rollup[("Cao Lộc", "trong_rung")][1] == 1  # Xã Khánh Khê counts where most of it lay


def test_a_rate_is_never_summed_or_averaged(demo):
    db, _ = demo
    with store.connect(db, read_only=True) as con:
        assert rows(con, "SELECT count(*) FROM district_rollup WHERE indicator_code = 'nha_shcd_cap_gcn_ty_le'") == [(0,)]
        assert rows(con, "SELECT count(*) FROM district_area_figures WHERE year = 2025 "
                         "AND indicator_code = 'nha_shcd_cap_gcn_ty_le'") == [(0,)]
        # % of plan of a sum is sum ÷ sum, which the communes' own percentages averaged would not give
        (pct, mean_pct), = rows(con, """
            SELECT r.pct_of_plan, avg(f.actual / f.plan * 100)
            FROM district_rollup r JOIN indicator_facts f ON f.parent_district = r.district
             AND f.indicator_code = r.indicator_code AND f.year = r.year AND f.period = r.period
             AND f.unit_level = 'commune_2025'
            WHERE r.district = 'Bắc Sơn' AND r.indicator_code = 'trong_rung' GROUP BY r.pct_of_plan""")
        (plan, actual), = rows(con, "SELECT plan, actual FROM district_rollup WHERE district = 'Bắc Sơn' "
                                    "AND indicator_code = 'trong_rung'")
        additive = {c for (c,) in rows(con, "SELECT code FROM additive_indicators")}
        # a rate given with its parts (rate_parts): Σ numerator ÷ Σ denominator, from the file's own figures
        (rate_of_parts, method), = rows(con, "SELECT actual, method FROM district_rollup WHERE district = 'Tràng Định' "
                                             "AND indicator_code = 'don_kien_nghi_ty_le_giai_quyet'")
        counted = {c for (c,) in rows(con, "SELECT display_name FROM places WHERE parent_district = 'Tràng Định' "
                                           "AND unit_level = 'commune_2025'")}
    given = [r for r in demo_rows() if r["district"] in counted]
    resolved, received = (sum(r["actual"] for r in given if r["indicator_code"] == code)
                          for code in ("don_kien_nghi_da_giai_quyet", "don_kien_nghi_tham_quyen"))
    rates = [r["actual"] for r in given if r["indicator_code"] == "don_kien_nghi_ty_le_giai_quyet"]
    mean_rate = sum(rates) / len(rates)
    assert pct == pytest.approx(actual / plan * 100) and abs(pct - mean_pct) > 0.1
    assert rate_of_parts == pytest.approx(resolved / received * 100) and abs(rate_of_parts - mean_rate) > 0.5
    assert method == "ratio"
    assert {"trong_rung", "thu_ngan_sach", "tuyen_quan", "nha_van_hoa_dat_chuan_so"} <= additive
    assert not additive & {"nha_shcd_cap_gcn_ty_le", "ntm_tieu_chi_binh_quan", "gia_ban_dien_binh_quan",
                           "ntm_tieu_chi_xa_phan_dau"}  # %, tiêu chí/xã, đ/kWh, tiêu chí


def test_the_former_districts_are_followed_across_the_reform_and_pickers_stay_three(demo):
    db, _ = demo
    with store.connect(db, read_only=True) as con:
        lines = rows(con, "SELECT year, rolled_up, actual FROM district_area_figures WHERE district = 'Văn Quan' "
                          "AND indicator_code = 'trong_rung' AND period = '9M' ORDER BY year")
        assert lines[0] == (2024, False, 795.81) and lines[1][:2] == (2025, True)
        assert store.district_names(con) == list(store.DISTRICTS)
        levels = rows(con, "SELECT DISTINCT unit_level, parent_district IS NOT NULL FROM indicator_facts "
                           "WHERE year = 2025 ORDER BY 1")
        assert levels == [("commune_2025", True)]
        assert rows(con, "SELECT DISTINCT source LIKE ? FROM indicator_facts WHERE year = 2025",
                    f"%{DEMO_LABEL}%") == [(True,)]


def test_the_shipped_build_holds_no_commune_and_no_synthetic_figure(shipped, demo):
    _, demo_file = demo
    assert DEMO_LABEL in demo_file.name.replace("_", " ").replace("du lieu mo phong", DEMO_LABEL)
    assert all("mo_phong" not in p.name for p in shipped_data_files())
    with pytest.raises(ValueError):
        demo_path(store.DATA_DIR / "xa.xlsx")
    with store.connect(shipped, read_only=True) as con:
        assert rows(con, "SELECT DISTINCT unit_level FROM indicator_facts") == [("district",)]
        assert rows(con, "SELECT count(*) FROM indicator_facts") == rows(con, "SELECT count(*) FROM facts_current")
        assert rows(con, "SELECT count(*) FROM fact_history WHERE source ILIKE '%mô phỏng%'") == [(0,)]
        assert store.district_names(con) == list(store.DISTRICTS)


def test_a_wide_table_with_a_column_per_commune_is_read_at_its_title_date(shipped, tmp_path):
    """A province office's table after the reform: one column per commune, the period in the title."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["SỐ LIỆU 9 THÁNG ĐẦU NĂM 2025"])
    ws.append(["STT", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Xã Văn Quan", "Tri Lễ", "Xã Hữu Lễ"])
    ws.append([1, "trong_rung", "Trồng rừng", "ha", 120, 80.5, 3])
    path = tmp_path / "bang_ngang_xa.xlsx"
    wb.save(path)
    with store.connect(shipped, read_only=True) as con:
        plan = plan_import(con, path, today=dt.date(2025, 10, 6))
    assert plan.read.frame["district"].tolist() == ["Xã Văn Quan", "Xã Tri Lễ"]
    assert plan.read.frame["actual"].tolist() == [120, 80.5]
    (error,) = plan.read.errors  # Hữu Lễ is no commune after 1/7/2025: the cell is refused, naming Tri Lễ
    assert "'Xã Tri Lễ'" in error.describe()
