"""What the Xã, phường page and the across-the-reform charts show, read from small frames: the roll-up
note on every summed figure, split communes marked, synthetic data named, points where the communes
lie and sized by their figures, and the reform marked between the periods it separates (issue 15)."""
import math
import re

import pandas as pd
import pytest

from indicators.views import communes, place_map, reform


def commune_rows(**changes):
    rows = pd.DataFrame({
        "commune": ["Xã Văn Quan", "Xã Tri Lễ", "Xã Điềm He", "Xã Yên Phúc"],
        "unit_code": ["06901", "06902", "06903", "06904"],
        "latitude": [21.86, 21.80, 21.90, None], "longitude": [106.55, 106.50, 106.60, None],
        "is_split": [False, True, False, False],
        "split_note": [None, "Nhận đất của huyện Văn Quan và huyện Bình Gia cũ", None, None],
        "indicator_name": ["Trồng rừng mới"] * 4, "unit": ["ha"] * 4, "direction": ["higher"] * 4,
        "plan": [None] * 4, "actual": [400.0, 100.0, None, 25.5], "pct_of_plan": [None] * 4,
        "basis": ["actual", "estimate", None, "actual"],
        "source": ["Báo cáo 9 tháng 2025 (dữ liệu mô phỏng)"] * 4, "source_file": ["mo_phong.xlsx"] * 4,
        "reported_on": [pd.Timestamp("2025-10-05")] * 4, "quote": ["…"] * 4,
    })
    for column, values in changes.items():
        rows[column] = values
    return rows


@pytest.mark.parametrize("count, expected, complete, text", [
    (6, 6, True, "tổng của 6 xã"), (5, 6, False, "chưa đủ: 5/6 xã"), (6, 6, False, "chưa đủ: 6/6 xã")])
def test_a_summed_figure_says_how_many_communes_it_covers(count, expected, complete, text):
    assert communes.rollup_note(count, expected, complete) == text


def test_a_rate_from_its_parts_says_it_is_worked_out_from_the_sums():
    assert communes.rollup_note(7, 7, True, ratio=True) == "tính từ tổng 7 xã"


def test_synthetic_data_is_recognised_with_or_without_accents():
    assert communes.is_synthetic("Báo cáo quý (dữ liệu mô phỏng)")
    assert communes.is_synthetic(None, "du_lieu_mo_phong_9_thang_2025.xlsx".replace("_", " "))
    assert not communes.is_synthetic("Báo cáo số 412/BC-UBND", None)


def test_commune_bars_put_the_largest_on_top_and_mark_split_estimated_and_missing_communes():
    rows = commune_rows()
    field, unit = communes.value_field(rows)
    fig = communes.commune_bar_figure(rows, field, unit, "Văn Quan", "t")
    bar = fig.data[0]
    assert list(bar.y) == ["Xã Điềm He", "Xã Yên Phúc", "Xã Tri Lễ ◆", "Xã Văn Quan"]  # bottom to top
    assert list(bar.text) == ["chưa có số liệu", "25,5", "100 (ước)", "400"]
    assert list(bar.marker.pattern.shape) == ["", "", "/", ""]  # only the estimate is hatched
    assert "xã nhận đất của hai huyện cũ" in fig.layout.xaxis.title.text
    assert "Nhận đất của huyện Văn Quan và huyện Bình Gia cũ" in bar.hovertemplate[2]


def test_a_commune_counted_in_another_former_district_is_drawn_pale():
    rows = commune_rows(counted_here=[True, False, True, True], basis=["actual"] * 4)
    bar = communes.commune_bar_figure(rows, "actual", "ha", "Văn Quan", "t").data[0]
    colours = dict(zip(bar.y, bar.marker.color))
    assert colours["Xã Tri Lễ ◆"].startswith("rgba(") and colours["Xã Văn Quan"] == "#0072B2"


def test_synthetic_figures_say_so_in_the_chart_title():
    title = communes.chart_title("Trồng rừng mới", "ha", "Văn Quan", "9 tháng năm 2025", synthetic=True)
    read = " ".join(re.sub(r"<[^>]+>", " ", title).split())  # the text a leader reads, line breaks as spaces
    assert "DỮ LIỆU MÔ PHỎNG – không phải số liệu báo cáo" in read
    assert "Địa bàn huyện Văn Quan cũ – 9 tháng năm 2025" in read
    assert "Địa bàn huyện Văn Quan cũ –</sup><br><sup>9 tháng năm 2025" in title  # cut at its dash, not mid-period
    assert "MÔ PHỎNG" not in communes.chart_title("Trồng rừng mới", "ha", "Văn Quan", "9 tháng", synthetic=False)


def test_the_map_draws_each_commune_where_it_lies_without_tiles():
    rows = commune_rows()
    fig = place_map.commune_map_figure(rows, "actual", "ha", "Văn Quan", "t")
    points = fig.data[0]
    assert [t.type for t in fig.data] == ["scatter"]  # plain axes: no mapbox/map trace needs a tile server
    assert list(points.x) == [106.55, 106.50, 106.60] and list(points.y) == [21.86, 21.80, 21.90]
    assert "Xã Yên Phúc" not in " ".join(points.text)  # no position, not drawn (the page lists it)
    assert points.text[0] == "Xã Văn Quan<br>400 ha" and points.text[2] == "Xã Điềm He"  # named, no number
    assert "chưa có số liệu" in points.hovertemplate[2]
    assert list(points.marker.symbol) == ["circle", "diamond", "circle-open"]
    ratio = fig.layout.yaxis.scaleratio
    assert fig.layout.yaxis.scaleanchor == "x" and ratio == pytest.approx(1 / math.cos(math.radians(21.8533)), 1e-3)


def test_an_old_communes_label_leaves_off_its_district():
    assert place_map.short_name("Xã Tri Lễ (Văn Quan)") == "Xã Tri Lễ" and place_map.short_name("Xã Tri Lễ") == "Xã Tri Lễ"


def test_point_areas_are_proportional_to_the_figures():
    sizes = place_map.point_sizes([400, 100, None, 0])
    assert sizes[0] == place_map.MAX_SIZE
    assert (sizes[0] / sizes[1]) ** 2 == pytest.approx(4)  # four times the figure, four times the area
    assert sizes[2] == sizes[3] == place_map.MIN_SIZE


def area_rows():
    def row(district, year, period, actual, from_communes=False, communes=None, expected=None, complete=None):
        return {"district": district, "year": year, "period": period,
                "period_sort": {"H1": 60, "9M": 90}[period], "indicator_name": "Trồng rừng mới", "unit": "ha",
                "actual": actual, "pct_of_plan": None, "basis": "actual", "source": "BC", "from_communes": from_communes,
                "communes": communes, "expected_communes": expected, "complete": complete, "split_communes": 0}
    return pd.DataFrame([
        row("Văn Quan", 2024, "9M", 500.0), row("Bắc Sơn", 2024, "9M", 715.96),
        row("Văn Quan", 2025, "H1", 300.0), row("Bắc Sơn", 2025, "H1", 410.0),
        row("Văn Quan", 2025, "9M", 525.5, True, 6, 6, True),
        row("Bắc Sơn", 2025, "9M", 690.0, True, 5, 6, False),
    ])


def test_periods_ending_after_the_first_of_july_2025_come_from_the_communes():
    assert reform.after_reform(2025, "9M") and reform.after_reform(2026, "Q1")
    assert not reform.after_reform(2025, "H1") and not reform.after_reform(2024, "FY")


def test_each_area_stands_beside_its_figure_of_a_year_before_with_the_roll_up_note():
    rows = area_rows()
    rows = rows[rows["period"] == "9M"]
    fig = reform.across_reform_figure(rows, 2025, "9M")
    before, after = fig.data
    assert before.name == "9 tháng 2024 – báo cáo huyện" and after.name == "9 tháng 2025 – tổng các xã"
    assert list(before.x) == list(after.x) == ["Văn Quan", "Bắc Sơn"]
    assert list(before.y) == [500.0, 715.96]
    assert "tổng của 6 xã" in after.text[0] and "525,5" in after.text[0]
    assert "chưa đủ: 5/6 xã" in after.text[1]
    assert not any("xã" in t for t in before.text)  # a district's own report carries no roll-up note
    assert [list(c) for c in after.customdata] == [["Văn Quan", True], ["Bắc Sơn", True]]


def test_the_trend_marks_the_reform_between_the_periods_it_separates():
    fig = reform.reform_trend_figure(area_rows())
    assert list(fig.layout.xaxis.categoryarray) == ["9 tháng 2024", "6 tháng 2025", "9 tháng 2025"]
    (line,) = fig.layout.shapes
    assert line.x0 == line.x1 == 1.5  # between 6 tháng 2025 (before) and 9 tháng 2025 (after)
    assert fig.layout.annotations[0].text == "<b>Bỏ cấp huyện 1/7/2025</b>"
    van_quan = fig.data[0]
    assert list(van_quan.marker.symbol) == ["circle", "circle", "square"]
    assert "tổng của 6 xã" in van_quan.text[2]
    # Văn Quan's figures lie below Bắc Sơn's at every period: its labels go under its points, Bắc Sơn's above
    assert list(van_quan.textposition) == ["bottom center"] * 3 and list(fig.data[1].textposition) == ["top center"] * 3


def test_no_reform_mark_when_every_period_lies_on_one_side():
    assert reform.reform_position([(2024, "9M"), (2025, "H1")]) is None
    assert reform.reform_position([(2025, "9M")]) is None


def test_a_former_city_is_not_called_a_district():
    assert communes.former_area("Văn Quan") == "huyện Văn Quan cũ"
    assert communes.former_area("Thành phố Lạng Sơn") == "Thành phố Lạng Sơn cũ"


def test_a_report_giving_only_its_percentage_reads_as_such_a_short_word_a_line():
    # 003: Văn Quan's meeting of 24/9/2024 gives only "116,4%" for the budget: its bar has no height, so its
    # label stands over a bar as narrow as its neighbour's and must not run into it
    rows = area_rows()
    rows = rows[rows["period"] == "9M"].copy()
    first = rows.index[0]
    rows.loc[first, "actual"], rows.loc[first, "pct_of_plan"] = None, 116.4
    fig = reform.across_reform_figure(rows, 2025, "9M")
    label = fig.data[0].text[0]
    assert label.split("<br>") == ["116,4%", "KH", "(không", "nêu số)"]
    assert fig.data[0].y[0] == 0


def test_the_areas_chart_leaves_its_bars_to_the_key_not_a_legend():
    rows = area_rows()
    fig = reform.across_reform_figure(rows[rows["period"] == "9M"], 2025, "9M")
    assert all(trace.showlegend is False for trace in fig.data)  # two long entries ran off a phone's screen
    assert "Cột nhạt: báo cáo của huyện" in fig.layout.xaxis.title.text
