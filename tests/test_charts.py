"""What the charts say on hover: every report of a revised figure, with its date and source."""
import datetime as dt

import pandas as pd

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
    assert "20/09/2024: 700 ha (bc_9_thang.txt)" in revised
    assert "05/10/2024: 715,96 ha (bc_9_thang_sua.txt)" in revised
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
