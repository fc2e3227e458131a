"""What the charts say on hover: every report of a revised figure, with its date and source."""
import datetime as dt

import re

import pandas as pd
import pytest

from indicators.views import charts


def test_trend_hover_lists_every_report_of_a_revised_figure():
    rows = pd.DataFrame([
        {"district": "Bắc Sơn", "district_sort": 2, "year": 2024, "period": p, "period_label": label,
         "period_months": months, "period_sort": months, "indicator_name": "Trồng rừng mới", "unit": "ha",
         "direction": "higher", "plan": 600.0, "actual": actual, "pct_of_plan": None, "pct_yoy": None,
         "change_yoy_pct": None, "status": None, "note": None, "source": source,
         "reported_on": dt.date(2024, months, 28), "quote": "q"}
        for p, label, months, actual, source in (("H1", "6 tháng", 6, 300.0, "bc_6_thang.txt"),
                                                  ("9M", "9 tháng", 9, 715.96, "bc_9_thang_sua.txt"))])
    revisions = pd.DataFrame([
        {"district": "Bắc Sơn", "year": 2024, "period": "9M", "actual": actual, "pct_of_plan": None,
         "reported_on": pd.Timestamp(day), "source": source}
        for actual, day, source in ((700.0, "2024-09-20", "bc_9_thang.txt"),
                                    (715.96, "2024-10-05", "bc_9_thang_sua.txt"))])
    fig = charts.trend_figure(rows, revisions)
    hovers = [h for trace in fig.data if trace.hovertemplate for h in trace.hovertemplate]
    revised = next(h for h in hovers if "9 tháng 2024" in h and "Kế hoạch" not in h)
    assert "Các lần báo cáo" in revised
    assert "20/9/2024: 700 ha (bc_9_thang.txt)" in revised
    assert "5/10/2024: 715,96 ha (bc_9_thang_sua.txt)" in revised
    single = next(h for h in hovers if "6 tháng 2024" in h and "Kế hoạch" not in h)
    assert "Các lần báo cáo" not in single and "Nguồn: bc_6_thang.txt" in single


def test_charts_look_like_plotly_white_for_every_trace_they_draw():
    import plotly.io as pio

    white = pio.templates["plotly_white"]
    rows = pd.DataFrame([
        {"district": d, "district_sort": i, "indicator_code": "trong_rung", "indicator_name": "Trồng rừng mới",
         "unit": "ha", "direction": "higher", "plan": 600.0, "actual": a, "pct_of_plan": None, "pct_yoy": None,
         "status": None, "source": "bc.txt", "reported_on": dt.date(2024, 9, 28), "quote": "q"}
        for i, (d, a) in enumerate((("Văn Quan", 500.0), ("Bắc Sơn", 715.96)))])
    fig = charts.comparison_figure(rows, "9 tháng năm 2024")
    template = fig.layout.template
    drawn = {trace.type for trace in fig.data}
    assert drawn <= set(charts.DRAWN_TRACES)
    for kind in charts.DRAWN_TRACES:
        assert template.data[kind] == white.data[kind]
    for key in ("colorway", "font", "paper_bgcolor", "plot_bgcolor", "xaxis", "yaxis", "hoverlabel", "title"):
        assert template.layout[key] == white.layout[key], key
    sent = template.to_plotly_json()  # only what these charts use travels with each of them
    assert set(sent["data"]) == set(charts.DRAWN_TRACES) and "geo" not in sent["layout"]


# ---- issue 13: figures a leader can put side by side ----

def comparison_row(district, **values):
    """One district's statement as district_comparison returns it, a plain actual unless told otherwise."""
    row = {"indicator_code": "thu_ngan_sach", "indicator_name": "Thu ngân sách nhà nước trên địa bàn",
           "unit": "triệu đồng", "direction": "higher", "comparable": True, "scope": None, "district": district,
           "district_sort": 1, "plan": None, "actual": None, "same_period_last_year": None, "pct_of_plan": None,
           "pct_of_plan_computed": False, "pct_yoy": None, "change_yoy_pct": None, "status": None, "note": None,
           "source": f"Báo cáo của UBND huyện {district}, 28/8/2024", "source_file": "bc.txt",
           "reported_on": pd.Timestamp("2024-08-28"), "quote": "q", "basis": "actual",
           "as_of": pd.Timestamp("2024-09-30"), "as_of_stated": False, "prior_actual": None,
           "prior_pct_of_plan": None, "prior_basis": None, "prior_reported_on": pd.NaT, "prior_source": None,
           "period_months": 9}
    row.update(values)
    return row


def bar_of(fig, district):
    return next(t for t in fig.data if t.type == "bar" and tuple(t.x) == (district,))


def test_an_estimate_is_hatched_lighter_and_says_so_on_its_label_and_hover():
    fig = charts.comparison_figure(pd.DataFrame([
        comparison_row("Bắc Sơn", actual=49000.0, pct_of_plan=136.0, basis="estimate"),
        comparison_row("Tràng Định", actual=42442.0, pct_of_plan=85.7),
        comparison_row("Văn Quan", actual=30000.0, basis="forecast")]), "9 tháng năm 2024")
    estimate, actual, forecast = bar_of(fig, "Bắc Sơn"), bar_of(fig, "Tràng Định"), bar_of(fig, "Văn Quan")
    assert estimate.marker.pattern.shape == "/" and forecast.marker.pattern.shape == "/"
    assert estimate.marker.color.startswith("rgba(") and estimate.marker.color != charts.DISTRICT_COLOURS["Bắc Sơn"]
    assert estimate.text[0].startswith("49.000 (ước)") and forecast.text[0].startswith("30.000 (dự kiến)")
    assert "Ước thực hiện: 49.000 triệu đồng" in estimate.hovertemplate
    assert "Nguồn: Báo cáo của UBND huyện Bắc Sơn, 28/8/2024" in estimate.hovertemplate
    assert not actual.marker.pattern.shape and actual.marker.color == charts.DISTRICT_COLOURS["Tràng Định"]
    assert "(ước)" not in actual.text[0] and "Thực hiện: 42.442 triệu đồng" in actual.hovertemplate
    assert "Sọc chéo: số ước tính / dự kiến" in fig.layout.xaxis.title.text  # the key under the plot
    assert estimate.customdata[0][0] == "Bắc Sơn"  # a click still opens that district's sources


def test_an_amount_only_an_earlier_report_gives_is_drawn_as_that_reports_never_merged():
    fig = charts.comparison_figure(pd.DataFrame([
        comparison_row("Văn Quan", pct_of_plan=116.4, reported_on=pd.Timestamp("2024-09-24"),
                       source="Thông báo kết luận phiên họp UBND huyện Văn Quan ngày 24/9/2024",
                       prior_actual=26974.0, prior_pct_of_plan=112.4, prior_basis="actual",
                       prior_reported_on=pd.Timestamp("2024-09-12"), prior_source="Báo cáo 9 tháng của Văn Quan"),
        comparison_row("Bắc Sơn", actual=49000.0, basis="estimate")]), "9 tháng năm 2024")
    earlier = bar_of(fig, "Văn Quan")
    assert earlier.y[0] == 26974
    # each number with its own report, one short line each so the label fits over its bar on a phone
    assert earlier.text[0].split("<br>") == ["26.974", "BC 12/9", "116,4% KH", "BC 24/9"]
    assert "Theo báo cáo ngày 12/9/2024: 26.974 triệu đồng (112,4%)" in earlier.hovertemplate
    assert "Báo cáo ngày 24/9/2024: 116,4% KH" in earlier.hovertemplate
    assert "Thực hiện: 26.974" not in earlier.hovertemplate  # never the current figure
    assert earlier.marker.line.width > 0 and not earlier.marker.pattern.shape
    assert earlier.marker.color != charts.DISTRICT_COLOURS["Văn Quan"]
    assert "viền: số của báo cáo trước" in fig.layout.xaxis.title.text.replace("<br>", " ")


@pytest.mark.parametrize("days, noted", [(15, True), (14, False)])
def test_the_chart_names_each_cut_off_above_the_plot_only_when_they_lie_over_14_days_apart(days, noted):
    late = pd.Timestamp("2024-09-30")
    early = late - pd.Timedelta(days=days)
    fig = charts.comparison_figure(pd.DataFrame([
        comparison_row("Văn Quan", actual=26974.0),
        comparison_row("Tràng Định", actual=42442.0, as_of=early, as_of_stated=True)]), "9 tháng năm 2024")
    # the title (in PNGs and the pack), its lines joined: the note wraps to fit a phone
    title = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fig.layout.title.text))
    assert ("Số liệu đến:" in title) is noted
    if noted:
        assert f"Văn Quan 30/9/2024 · Tràng Định {early.day}/{early.month}/2024" in title
    assert f"Số liệu đến ngày: {early.day}/{early.month}/2024" in bar_of(fig, "Tràng Định").hovertemplate
    assert "Số liệu đến ngày" not in bar_of(fig, "Văn Quan").hovertemplate  # the period's end is not news


def test_a_percent_the_dashboard_computed_has_one_decimal_and_says_so():
    fig = charts.comparison_figure(pd.DataFrame([
        comparison_row("Văn Quan", actual=795.81, plan=750.0, pct_of_plan=106.108, pct_of_plan_computed=True),
        comparison_row("Bắc Sơn", actual=715.96, plan=600.0, pct_of_plan=119.3)]), "9 tháng năm 2024")
    computed, reported = bar_of(fig, "Văn Quan"), bar_of(fig, "Bắc Sơn")
    assert "106,1% KH<br>(tính từ<br>số liệu)" in computed.text[0] and "106,108" not in computed.text[0]
    assert "Tỷ lệ % KH: 106,1% (tính từ số liệu)" in computed.hovertemplate
    assert "119,3% KH" in reported.text[0] and "tính từ số liệu" not in reported.text[0] + reported.hovertemplate


def trend_row(period, label, months, **values):
    row = {"district": "Bắc Sơn", "district_sort": 2, "year": 2024, "period": period, "period_label": label,
           "period_months": months, "period_sort": months, "indicator_name": "Trồng rừng mới", "unit": "ha",
           "direction": "higher", "plan": None, "actual": None, "pct_of_plan": None, "pct_yoy": None,
           "change_yoy_pct": None, "status": None, "note": None, "source": "Báo cáo của UBND huyện Bắc Sơn",
           "reported_on": pd.Timestamp(2024, months, 28), "quote": "q", "basis": "actual",
           "as_of": pd.Timestamp(2024, months, 28), "as_of_stated": False, "pct_of_plan_computed": False}
    row.update(values)
    return row


def test_trend_draws_estimates_hollow_and_shows_how_far_an_estimate_was_from_the_actual():
    rows = pd.DataFrame([
        trend_row("9M", "9 tháng", 9, actual=715.96, as_of=pd.Timestamp("2024-08-28"), as_of_stated=True),
        trend_row("FY", "Cả năm", 12, actual=1000.0, basis="estimate")])
    revisions = pd.DataFrame([
        {"district": "Bắc Sơn", "year": 2024, "period": "9M", "actual": actual, "pct_of_plan": None, "basis": basis,
         "reported_on": pd.Timestamp(day), "source": source}
        for actual, basis, day, source in ((700.0, "estimate", "2024-08-20", "BC 20/8"),
                                           (715.96, "actual", "2024-10-05", "BC 5/10"))])
    fig = charts.trend_figure(rows, revisions)
    line = next(t for t in fig.data if t.name == "Bắc Sơn")
    assert list(line.marker.symbol) == ["circle", "circle-open"]
    assert list(line.text) == ["715,96", "1.000 (ước)"]
    settled, estimated = line.hovertemplate
    assert "ước 700 ha → thực hiện 715,96 ha (chênh +2,3%)" in settled
    assert "Số liệu đến ngày: 28/8/2024" in settled and "• 20/8/2024: 700 ha (ước) (BC 20/8)" in settled
    assert "Ước thực hiện: 1.000 ha" in estimated and "→" not in estimated
    # one district, no legend: the key is under the plot
    assert "Điểm rỗng: số ước tính / dự kiến" in fig.layout.xaxis.title.text
    # two districts: the legend goes below the plot, headed by the key, never beside the title
    both = charts.trend_figure(pd.concat([rows, rows.assign(district="Văn Quan")]), revisions)
    assert "Điểm rỗng: số ước tính / dự kiến" in both.layout.legend.title.text
    assert both.layout.legend.y < 0 and both.layout.legend.yanchor == "top" and not both.layout.xaxis.title.text


def test_shipped_figures_of_9_months_2024_say_what_kind_each_is(shipped_db):
    from conftest import connect_ro

    from indicators.store.named import run_query

    districts = ["Văn Quan", "Bắc Sơn", "Tràng Định"]
    with connect_ro(shipped_db) as con:
        rows = run_query(con, "district_comparison", year=2024, period="9M", indicator_codes=["thu_ngan_sach"],
                         districts=districts)
        trend = run_query(con, "indicator_trend", indicator_code="thu_ngan_sach", districts=districts)
        revisions = run_query(con, "indicator_revisions", indicator_code="thu_ngan_sach", districts=districts)
    fig = charts.comparison_figure(rows, "9 tháng năm 2024")
    assert bar_of(fig, "Bắc Sơn").text[0].startswith("49.000 (ước)") and bar_of(fig, "Bắc Sơn").marker.pattern.shape
    assert bar_of(fig, "Văn Quan").text[0].startswith("26.974<br>BC 12/9")
    assert "Tràng Định 30/7/2024" in fig.layout.title.text
    line = charts.trend_figure(trend, revisions[~revisions["undone"]])
    earlier = next(t for t in line.data if t.name == "Văn Quan – báo cáo trước")
    assert earlier.text == ("26.974 · BC 12/9/2024",) and earlier.marker.symbol == "square-open"
