"""Tổng quan: headline cards per district for one period, figures needing attention first."""
import streamlit as st

from indicators.app import reform_section, widgets
from indicators.app.state import dashboard
from indicators.periods import PERIODS
from indicators.views import overview, reform

ds = dashboard()

meeting, year, period, districts = widgets.period_page(ds)

st.title(f"Tổng quan – {widgets.period_text(year, period)}")
lines, attention = ds.from_database(overview.period_overview, year=year, period=period, districts=districts)
if not lines and reform.after_reform(year, period):  # no district reports after 1/7/2025: say where the figures are
    reform_section.no_district_reports(year, period)
    st.stop()

st.caption("Tiến độ: % kế hoạch năm so với phần thời gian đã qua "
           f"({widgets.period_text(year, period)} = {round(PERIODS[period].months / 12 * 100)}% năm). "
           "Số liệu dừng trước cuối kỳ ('Số liệu đến …') được so với phần thời gian đã qua đến ngày đó. "
           "Màu và biểu tượng: ▲ Vượt · ✔ Đạt · ✖ Chưa đạt · – Chưa đánh giá; viền đỏ = cần chú ý. "
           "(ước) = số ước tính, (dự kiến) = số dự báo, chưa phải kết quả; '(theo báo cáo)' = báo cáo tự đánh giá; "
           "'tính từ số liệu' = tỷ lệ do bảng điều khiển tính từ Thực hiện ÷ Kế hoạch.")
header = st.columns([1.3] + [2] * len(districts))
header[0].markdown("**Chỉ tiêu**")
for column, district in zip(header[1:], districts):
    column.markdown(f"### {district}")
for line in lines:
    columns = st.columns([1.3] + [2] * len(districts))
    columns[0].markdown(f"<div class='indicator-title'>{widgets.esc(line['name'])}</div>"
                        f"<div class='sub'>{widgets.esc(line['unit'])}</div>", unsafe_allow_html=True)
    for column, card in zip(columns[1:], line["cards"]):
        column.markdown(card, unsafe_allow_html=True)

with st.container(border=True):
    if attention.empty:
        st.markdown("#### ✔ Không có chỉ tiêu nào chậm tiến độ hoặc bị đánh giá chưa đạt trong kỳ này")
    else:
        st.markdown(f"#### ⚠ Cần chú ý: {len(attention)} số liệu chậm tiến độ hoặc chưa đạt")
        st.dataframe(attention, hide_index=True, width="stretch")
        if not meeting:
            widgets.xlsx_download(attention, f"can-chu-y-{period}-{year}", key="dl_attention")
