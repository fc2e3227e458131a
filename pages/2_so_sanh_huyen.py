"""So sánh huyện: chosen indicators, the districts side by side, numbers and sources beneath."""
import streamlit as st

from indicators.app import pages as registry
from indicators.app import reform_section, widgets
from indicators.app.state import dashboard
from indicators.views import charts, reform, tables

ds = dashboard()

meeting, year, period, districts = widgets.period_page(ds)
when = widgets.period_text(year, period)

available = ds.query("comparable_indicators", year=year, period=period)
groups = ["Tất cả"] + sorted(available["group_name"].unique())
group = widgets.url_selectbox("Nhóm chỉ tiêu", groups, "nhom")
if group != "Tất cả":
    available = available[available["group_name"] == group]
all_units = len(widgets.district_names(ds))
units_word = "huyện" if all_units <= widgets.MAX_SIDE_BY_SIDE else "đơn vị"
after_reform = reform.after_reform(year, period)  # the figures are the new communes', no longer the districts'
names = {code: f"{name} ({unit}) – " + (f"{count} đơn vị có số liệu" if after_reform else f"{count}/{all_units} {units_word}")
         for code, name, unit, count in
         zip(available["indicator_code"], available["indicator_name"], available["unit"],
             available["districts_with_data"])}
chosen = widgets.url_multiselect("Chỉ tiêu so sánh", list(names), "chi_tieu",
                                 default=charts.default_comparison(list(names)), format_func=names.get,
                                 help="Chỉ các chỉ tiêu so sánh được giữa các huyện.")

st.title(f"{'So sánh địa bàn huyện cũ' if after_reform else 'So sánh huyện'} – {when}")
widgets.legend()
if not chosen:
    st.info("Chọn ít nhất một chỉ tiêu ở thanh bên để so sánh các huyện.")
    st.stop()
if after_reform:  # no district reports any more: the areas, summed from their communes
    reform_section.after_reform(ds, chosen, names, districts, year, period, when, meeting)
    st.stop()

rows, table, shown = ds.query_tables("district_comparison", tables.COMPARISON_COLUMNS, year=year, period=period,
                                     indicator_codes=chosen, districts=districts)


def comparison(code: str):
    """One indicator's rows and its chart."""
    own = rows[rows["indicator_code"] == code]
    return own, ds.figure(charts.comparison_figure, own, when, meeting)


if meeting:
    index = widgets.meeting_controls(len(chosen), "compare")
    code = chosen[index]
    _, fig = comparison(code)
    widgets.chart(fig, charts.file_slug("so sanh", code, when), key=f"meeting_{code}")
    st.stop()

columns = st.columns(2 if len(chosen) > 1 else 1)
for i, code in enumerate(chosen):  # each chart is sent as soon as it is built: the first one shows sooner
    with columns[i % len(columns)]:
        own, fig = comparison(code)
        event = widgets.chart(fig, charts.file_slug("so sanh", own["indicator_name"].iloc[0], when), key=f"fig_{code}")
        district = widgets.clicked_district(event)
        if district:
            st.switch_page(registry.SOURCES.file, query_params={"huyen": district, "nam": str(year), "ky": period,
                                                          "chi_tieu": code})

st.caption("Bấm vào một cột để mở câu trích dẫn trong báo cáo gốc. "
           "Vạch đen ngang là kế hoạch năm; chỉ tiêu 'thấp hơn là tốt' được ghi rõ trên tiêu đề.")
st.subheader("Bảng số liệu và nguồn")
widgets.table(shown,
              column_config={"Trích dẫn": st.column_config.TextColumn(width="large")})
widgets.xlsx_download(table, charts.file_slug("so sanh huyen", when), key="dl_compare")
