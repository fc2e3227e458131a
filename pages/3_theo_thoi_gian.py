"""Theo thời gian: one indicator across every period available, with the plan and revisions."""
import streamlit as st

from indicators.app import pages as registry
from indicators.app import reform_section, widgets
from indicators.app.state import dashboard
from indicators.views import charts, reform, trend

ds = dashboard()

widgets.page_style(ds)
meeting = widgets.meeting_mode()
choices = ds.from_database(trend.indicator_choices)
group = widgets.url_selectbox("Nhóm chỉ tiêu", list(choices), "nhom")
names = choices[group]
if not names:
    st.info("Chưa có số liệu.")
    st.stop()
code = widgets.url_selectbox("Chỉ tiêu", list(names), "chi_tieu",
                        default="thu_ngan_sach" if "thu_ngan_sach" in names else None, format_func=names.get)
districts = widgets.district_picker(ds)

st.title(f"Theo thời gian – {names[code]}")
widgets.legend()
view = ds.from_database(trend.trend_view, indicator_code=code, districts=districts, big=meeting)
areas = ds.from_database(reform.trend_areas, indicator_code=code, districts=districts, big=meeting)
if view is None:
    if areas is None:
        st.info("Chưa có số liệu cho chỉ tiêu này ở các huyện đã chọn.")
    else:  # reported only by the new communes: the areas' line is all there is
        reform_section.trend_chart(areas, districts, code)
    st.stop()
if view.single_period and areas is None:  # else the areas' line below runs across the reform
    st.info(f"Chỉ tiêu này mới có số liệu của một kỳ ({view.single_period}); "
            "đường xu hướng sẽ hiện khi có thêm kỳ báo cáo.")
event = widgets.chart(view.figure, charts.file_slug("theo thoi gian", names[code]), key="trend")
district = widgets.clicked_district(event)
if district:
    st.switch_page(registry.SOURCES.file, query_params={"huyen": district, "chi_tieu": code})
if areas is not None:
    reform_section.trend_chart(areas, districts, code)

if view.history is not None:
    st.subheader("Số liệu đã được báo cáo sau điều chỉnh")
    st.caption("Báo cáo sau là số hiện hành; báo cáo trước vẫn được giữ trong lịch sử.")
    widgets.table(view.history)

if not meeting:
    st.subheader("Bảng số liệu")
    widgets.table(view.shown)
    widgets.xlsx_download(view.table, charts.file_slug("theo thoi gian", names[code]), key="dl_trend")
