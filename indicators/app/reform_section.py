"""The comparison and trend pages' part after the reform of 1/7/2025: the former district areas' charts,
and the drill from an area's bar to its communes on the Xã, phường page, its filters in the URL."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from indicators.app import pages as registry
from indicators.app import widgets
from indicators.areas import former_area
from indicators.views import charts, reform

SUMMED_NOTE = ("Sau 1/7/2025 không còn cấp huyện: số của mỗi địa bàn huyện cũ là tổng số liệu các xã mới nằm trên "
               "địa bàn đó (xã nhận đất của hai huyện cũ tính vào huyện có phần lớn xã cũ của nó); tỷ lệ chỉ "
               "tính lại khi có tử số và mẫu số, không lấy trung bình. Bấm vào một cột để xem từng xã.")


def commune_filters(district: str, code: str, year: int | None = None, period: str | None = None) -> dict:
    """The Xã, phường page's URL filters for one area and indicator (and period)."""
    params = {"huyen": district, "chi_tieu": code}
    if year is not None and period:
        params.update({"nam": str(year), "ky": period})
    return params


def drill_on_click(event, code: str, year: int | None = None, period: str | None = None) -> None:
    """A click on an area's bar or point opens its communes."""
    district = widgets.clicked_district(event)
    if district:
        st.switch_page(registry.COMMUNES.file, query_params=commune_filters(district, code, year, period))


def commune_links(districts: list[str], code: str, year: int | None = None, period: str | None = None) -> None:
    """One button per area, for those who do not click charts (and for keyboards); a button, not
    st.page_link, because a page run on its own (AppTest, the benchmark) has no navigation to link in."""
    st.caption("Xem từng xã, phường trên địa bàn:")
    for column, district in zip(st.columns(max(len(districts), 1)), districts):
        if column.button(f"{district} →", key=f"to_communes_{code}_{district}", icon=":material/location_on:",
                         type="tertiary", help=f"Các xã, phường trên địa bàn {former_area(district)}"):
            st.switch_page(registry.COMMUNES.file, query_params=commune_filters(district, code, year, period))


def area_charts(figures: dict[str, go.Figure], districts: list[str], year: int, period: str, when: str,
                meeting: bool) -> None:
    """Each chosen indicator's areas beside a year before; in meeting mode one chart a screen."""
    if meeting:
        codes = list(figures)
        code = codes[widgets.meeting_controls(len(codes), "areas")]
        event = widgets.chart(figures[code], charts.file_slug("dia ban huyen cu", code, when), key=f"area_m_{code}")
        drill_on_click(event, code, year, period)
        return
    st.info(SUMMED_NOTE)
    columns = st.columns(2 if len(figures) > 1 else 1)
    for i, (code, fig) in enumerate(figures.items()):
        with columns[i % len(columns)]:
            event = widgets.chart(fig, charts.file_slug("dia ban huyen cu", code, when), key=f"area_{code}")
            drill_on_click(event, code, year, period)
            commune_links(districts, code, year, period)


def trend_chart(fig: go.Figure, districts: list[str], code: str) -> None:
    """The areas' line across the reform, under the districts' own trend."""
    st.subheader("Ba địa bàn huyện cũ qua sắp xếp đơn vị hành chính")
    st.caption(SUMMED_NOTE)
    event = widgets.chart(fig, charts.file_slug("dia ban huyen cu qua cac ky", code), key="trend_areas")
    drill_on_click(event, code)
    commune_links(districts, code)


def after_reform(ds, chosen: list[str], names: dict[str, str], districts: list[str], year: int, period: str,
                 when: str, meeting: bool) -> None:
    """The comparison page for a period after 1/7/2025: the areas' sums beside a year before, and the
    chosen indicators that have no sum (a rate, or no commune has reported) named with their communes' link."""
    figures = ds.from_database(reform.comparison_areas, indicator_codes=chosen, districts=districts, year=year,
                               period=period, big=meeting)
    if figures:
        area_charts(figures, districts, year, period, when, meeting)
    else:
        st.info(f"{when} sau ngày bỏ cấp huyện (1/7/2025): chưa có số liệu cấp xã để cộng cho các địa bàn huyện cũ. "
                "Hãy tải số liệu các xã, phường lên ở trang Tải số liệu.")
    missing = [code for code in chosen if code not in figures]
    if missing and not meeting:
        st.caption("Không có tổng các xã (chỉ tiêu tỷ lệ không cộng số các xã, hoặc chưa xã nào báo cáo): "
                   + "; ".join(names.get(code, code).split(" – ")[0] for code in missing) + ".")
        for code in missing:
            commune_links(districts, code, year, period)


def no_district_reports(year: int, period: str) -> None:
    """A page of district cards for a period after 1/7/2025 has none to show: it says why and where the
    areas' figures are, instead of an empty grid that reads as 'nothing needs attention'."""
    st.info("Từ 1/7/2025 không còn cấp huyện nên kỳ này không có báo cáo của huyện. Số liệu của ba địa bàn "
            "huyện cũ (tổng các xã mới) ở trang So sánh huyện; từng xã ở trang Xã, phường.")
    if st.button("So sánh ba địa bàn huyện cũ →", icon=":material/bar_chart:", type="primary"):
        st.switch_page(registry.COMPARISON.file, query_params={"nam": str(year), "ky": period})
