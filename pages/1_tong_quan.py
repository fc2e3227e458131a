"""Tổng quan: headline cards per district for one period, figures needing attention first."""
import streamlit as st

from indicators.app import reform_section, widgets
from indicators.app.state import dashboard
from indicators.periods import PERIODS
from indicators.views import overview, reform

ds = dashboard()

meeting, year, period, districts = widgets.period_page(ds)

st.title(f"Tổng quan – {widgets.period_text(year, period)}")
lines, attention, unjudged = ds.from_database(overview.period_overview, year=year, period=period,
                                              districts=districts)
if not lines and reform.after_reform(year, period):  # no district reports after 1/7/2025: say where the figures are
    reform_section.no_district_reports(year, period)
    st.stop()

widgets.legend(f"{widgets.period_text(year, period)} = {round(PERIODS[period].months / 12 * 100)}% năm; "
               "viền đỏ = cần chú ý; 'tính từ số liệu' = tỷ lệ do bảng điều khiển tính từ Thực hiện ÷ Kế hoạch.")
with st.container(key="card_header"):  # hidden on a phone, where each card names its district
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
    st.markdown(f"#### {overview.attention_heading(attention, unjudged)}")
    if not attention.empty:
        widgets.table(attention)
        if not meeting:
            widgets.xlsx_download(attention, f"can-chu-y-{period}-{year}", key="dl_attention")
    if not unjudged.empty:
        with st.expander(f"{len(unjudged)} chỉ tiêu chưa đánh giá được", expanded=attention.empty):
            widgets.table(unjudged)
