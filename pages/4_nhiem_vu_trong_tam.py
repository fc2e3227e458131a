"""Nhiệm vụ trọng tâm: each district's focus tasks as a scoreboard with the report-style counts."""
import streamlit as st

from indicators.app import widgets
from indicators.app.state import dashboard
from indicators.views import charts, focus

ds = dashboard()

meeting, year, period, districts = widgets.period_page(ds)
SORTS = ["Theo thứ tự nhiệm vụ", "Tỷ lệ thấp trước", "Tỷ lệ cao trước", "Theo lĩnh vực"]
sort = widgets.url_selectbox("Sắp xếp", SORTS, "sap_xep")
when = widgets.period_text(year, period)
st.title(f"Nhiệm vụ trọng tâm – {when}")
widgets.legend()
boards = ds.from_database(focus.district_boards, year=year, period=period, districts=districts, sort=sort)
if not boards:
    st.info(f"Chưa có số liệu nhiệm vụ trọng tâm cho {when}. Chọn kỳ khác ở thanh bên.")
    st.stop()
by_district = {district: (sentence, board) for district, sentence, board in boards}
for district in districts:
    st.header(district)
    if district not in by_district:  # every chosen district gets its section, saying why it is empty
        st.info(f"Chưa có số liệu nhiệm vụ trọng tâm của {district} cho kỳ này.")
        continue
    sentence, board = by_district[district]
    st.markdown(f"**{sentence}**")
    with st.container(key=f"wide_board_{charts.file_slug(district)}"):  # a table on a wide screen, cards on a phone
        widgets.table(board,
                      column_config={"Nhiệm vụ": st.column_config.TextColumn(width="large"),
                                     "Trích dẫn": st.column_config.TextColumn(width="large")})
    with st.container(key=f"phone_board_{charts.file_slug(district)}"):
        st.markdown(focus.board_cards(board), unsafe_allow_html=True)
    if not meeting:
        widgets.xlsx_download(board, charts.file_slug("nhiem vu trong tam", district, when), key=f"dl_{district}")
