"""The Xã, phường page and the areas across the reform, driven through AppTest on the shipped data with
the synthetic commune quarter (9 tháng 2025, 'dữ liệu mô phỏng') imported: what a leader reads."""
import html
import json
import shutil

import duckdb
import pytest
from commune_demo import demo_database
from streamlit.testing.v1 import AppTest

from indicators.app.pages import COMMUNES, COMPARISON, OVERVIEW, TREND
from indicators.store.database import PROJECT_DIR

VAN_QUAN = "Văn Quan"


@pytest.fixture(scope="module")
def demo_db(shipped_db, tmp_path_factory):
    return demo_database(shipped_db, tmp_path_factory.mktemp("communes"))


@pytest.fixture
def with_demo(monkeypatch, demo_db):
    monkeypatch.setenv("INDICATORS_DB", str(demo_db))


def run(page, **params):
    at = AppTest.from_file(str(PROJECT_DIR / page.file), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def text_of(at) -> str:
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning") for e in getattr(at, kind)]
    for table in at.dataframe:
        parts += [str(v) for v in table.value.to_numpy().ravel()]
    return html.unescape("\n".join(parts))


def charts(at) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def chart_text(chart: dict) -> str:
    texts = [chart["layout"].get("title", {}).get("text", "")]
    for trace in chart["data"]:
        texts += [str(t) for t in (trace.get("text") or [])] + [str(trace.get("name", ""))]
    return html.unescape("\n".join(texts))


def test_commune_page_draws_the_communes_of_van_quan_as_bars_and_a_map(with_demo):
    at = run(COMMUNES, nam="2025", ky="9M", huyen=VAN_QUAN, chi_tieu="trong_rung")
    assert not at.exception, at.exception
    text = text_of(at)
    assert "Xã, phường – địa bàn huyện Văn Quan cũ – 9 tháng năm 2025" in text
    assert "DỮ LIỆU MÔ PHỎNG" in text  # the page says the figures are synthetic …
    bars, the_map = charts(at)
    assert "DỮ LIỆU MÔ PHỎNG" in chart_text(bars) and "DỮ LIỆU MÔ PHỎNG" in chart_text(the_map)  # … and each PNG too
    # the package's bridge: Xã Văn Quan lies in the former district; Xã Tân Đoàn (2 of 3 old communes
    # from Văn Quan) is split and counted here; Xã Khánh Khê (1 of 3) is split and counted in Cao Lộc
    names = bars["data"][0]["y"]
    assert "Xã Văn Quan" in names and "Xã Tân Đoàn ◆" in names and "Xã Khánh Khê ◆" in names
    assert "tính vào huyện Cao Lộc cũ" in text and "Xã Tân Đoàn" in text
    points = the_map["data"][0]
    assert the_map["data"][0]["type"] == "scatter" and "mapbox" not in the_map["layout"]
    assert all(21.5 < y < 22.5 for y in points["y"]) and all(106 < x < 107 for x in points["x"])


def test_commune_page_before_the_reform_lists_the_old_communes_without_inventing_figures(with_demo):
    at = run(COMMUNES, nam="2024", ky="9M", huyen="Bắc Sơn", chi_tieu="trong_rung")
    assert not at.exception, at.exception
    text = text_of(at)
    assert "Chưa có số liệu cấp xã của chỉ tiêu này cho 9 tháng năm 2024" in text
    assert "DỮ LIỆU MÔ PHỎNG" not in text
    (the_map,) = charts(at)  # only where the communes lie
    points = the_map["data"][0]
    assert len(points["x"]) == 18 and all("<br>" not in t for t in points["text"])  # Bắc Sơn's old communes, no number
    assert all("chưa có số liệu" in h for h in points["hovertemplate"])


def test_comparison_after_the_reform_sets_each_area_beside_its_figure_of_a_year_before(with_demo):
    at = run(COMPARISON, nam="2025", ky="9M", chi_tieu="trong_rung")
    assert not at.exception, at.exception
    (chart,) = charts(at)
    before, after = chart["data"]
    assert before["name"] == "9 tháng 2024 – báo cáo huyện" and after["name"] == "9 tháng 2025 – tổng các xã"
    assert before["x"] == after["x"] == ["Văn Quan", "Bắc Sơn", "Tràng Định"]
    # Bắc Sơn's own 9-month 2024 report: "Trồng rừng mới được 715,96 ha"
    assert before["y"][1] == pytest.approx(715.96)
    notes = [html.unescape(t) for t in after["text"]]
    assert "tổng của 5 xã" in notes[0] and "tổng của 6 xã" in notes[1] and "tổng của 7 xã" in notes[2]
    assert "DỮ LIỆU MÔ PHỎNG" in chart_text(chart)
    assert "Sau 1/7/2025 không còn cấp huyện" in text_of(at)


def test_trend_marks_the_reform_and_notes_each_summed_point(with_demo):
    at = run(TREND, chi_tieu="trong_rung")
    assert not at.exception, at.exception
    areas = charts(at)[-1]
    assert "Bỏ cấp huyện 1/7/2025" in html.unescape(areas["layout"]["annotations"][0]["text"])
    assert "tổng của" in chart_text(areas)
    assert "Ba địa bàn huyện cũ qua sắp xếp đơn vị hành chính" in text_of(at)


def test_a_rate_is_not_summed_for_the_areas_but_named_with_the_way_to_its_communes(with_demo):
    # the demo's rate (% of community houses with land certificates) is reported by each commune
    at = run(COMPARISON, nam="2025", ky="9M", chi_tieu=["trong_rung", "nha_shcd_cap_gcn_ty_le"])
    assert not at.exception, at.exception
    assert len(charts(at)) == 1  # the forest area only: no chart adds or averages the communes' percentages
    assert "Không có tổng các xã (chỉ tiêu tỷ lệ không cộng số các xã" in text_of(at)
    assert [b.label for b in at.button].count("Văn Quan →") == 2  # each indicator still leads to its communes
    communes = run(COMMUNES, nam="2025", ky="9M", huyen="Bắc Sơn", chi_tieu="nha_shcd_cap_gcn_ty_le")
    assert "6 xã, phường trên địa bàn huyện Bắc Sơn cũ; 6 có số liệu." in text_of(communes)


def test_a_rate_given_with_its_parts_is_the_ratio_of_their_sums_and_says_so(with_demo, demo_db, tmp_path):
    at = run(COMPARISON, nam="2025", ky="9M", chi_tieu="don_kien_nghi_ty_le_giai_quyet")
    assert not at.exception, at.exception
    (chart,) = charts(at)
    summed = chart["data"][-1]
    copy = tmp_path / "copy.duckdb"  # the app under test keeps its own connection to demo_db
    shutil.copy(demo_db, copy)
    with duckdb.connect(str(copy), read_only=True) as con:  # the file's own parts, summed over Văn Quan's communes
        solved, due = con.execute(
            "SELECT sum(actual) FILTER (indicator_code = 'don_kien_nghi_da_giai_quyet'), "
            "sum(actual) FILTER (indicator_code = 'don_kien_nghi_tham_quyen') FROM indicator_facts "
            "WHERE year = 2025 AND period = '9M' AND unit_level = 'commune_2025' AND parent_district = 'Văn Quan'"
        ).fetchone()
    assert summed["y"][0] == pytest.approx(solved / due * 100)
    label = html.unescape(summed["text"][0])
    assert label.startswith(f"{solved / due * 100:.1f}%".replace(".", ",")) and "tính từ tổng 5 xã" in label


def test_overview_after_the_reform_says_where_the_figures_are_instead_of_an_empty_all_clear(with_demo):
    at = run(OVERVIEW, nam="2025", ky="9M")
    assert not at.exception, at.exception
    text = text_of(at)
    assert "Từ 1/7/2025 không còn cấp huyện nên kỳ này không có báo cáo của huyện" in text
    assert "Không có chỉ tiêu nào chậm tiến độ" not in text  # no district reports is not 'nothing needs attention'
    assert [b.label for b in at.button if "ba địa bàn" in b.label] == ["So sánh ba địa bàn huyện cũ →"]


def test_trend_of_an_indicator_the_communes_report_runs_the_areas_line_across_the_reform(with_demo):
    at = run(TREND, chi_tieu="tuyen_quan")  # districts reported it for 9 tháng 2024, the communes for 9 tháng 2025
    assert not at.exception, at.exception
    areas = charts(at)[-1]
    assert areas["layout"]["xaxis"]["categoryarray"] == ["9 tháng 2024", "9 tháng 2025"]
    assert "đường xu hướng sẽ hiện khi có thêm kỳ báo cáo" not in text_of(at)
