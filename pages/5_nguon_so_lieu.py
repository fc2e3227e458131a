"""Nguồn số liệu: every figure with its report, date and the sentence it was read from."""
import streamlit as st

from indicators.app import widgets
from indicators.app.state import dashboard
from indicators.numbers import format_number
from indicators.periods import PERIODS
from indicators.views import charts, report_text, sources

ds = dashboard()

widgets.page_style(ds)
meeting = widgets.meeting_mode()
st.title("Nguồn số liệu")
st.caption("Mỗi số liệu kèm tên báo cáo, ngày báo cáo và câu trích nguyên văn để đối chiếu.")
widgets.legend()

filters = ds.from_database(sources.source_filters)
search = st.text_input("Tìm kiếm (không cần gõ dấu)", value=st.query_params.get("tim", ""),
                       placeholder="ví dụ: ngân sách, trồng rừng, OCOP, 49.000 …")
if search:
    st.query_params["tim"] = search
elif "tim" in st.query_params:
    del st.query_params["tim"]
columns = st.columns(4)
district = widgets.url_selectbox("Huyện", filters.districts, "huyen", container=columns[0])
year = widgets.url_selectbox("Năm", filters.years, "nam", container=columns[1])
period = widgets.url_selectbox("Kỳ", filters.periods, "ky", container=columns[2],
                          format_func=lambda c: PERIODS[c].label if c in PERIODS else c)
code = widgets.url_selectbox("Chỉ tiêu", list(filters.indicators), "chi_tieu", container=columns[3],
                        format_func=filters.indicators.get)

PAGE_ROWS = 500
page_no = widgets.url_int("trang", 1, low=1)


def lookup(page: int):
    return ds.query_tables("source_lookup", sources.TABLE_COLUMNS, search=search or None,
                           district=None if district == sources.ANY else district,
                           year=None if year == sources.ANY else int(year),
                           period=None if period == sources.ANY else period,
                           indicator_code=None if code == sources.ANY else code,
                           max_rows=PAGE_ROWS, first_row=(page - 1) * PAGE_ROWS)


found, table, shown = lookup(page_no)
if found.empty and page_no > 1:  # a link to a page past the last one opens the first
    page_no = 1
    found, table, shown = lookup(page_no)
if found.empty:
    st.info("Không tìm thấy số liệu nào khớp. Hãy bỏ bớt điều kiện lọc hoặc đổi từ khóa.")
    st.stop()
total = int(found["total_matches"].iloc[0])
pages = (total + PAGE_ROWS - 1) // PAGE_ROWS
if pages > 1:
    page_no = st.number_input(f"Trang (mỗi trang {PAGE_ROWS} số liệu)", 1, pages, page_no, key="w_trang")
    st.query_params["trang"] = str(page_no)
st.markdown(f"**{format_number(total)} số liệu**" + (f" – trang {page_no}/{format_number(pages)}" if pages > 1 else ""))
widgets.table(shown, height=560 if len(shown) > 14 else "content",
              column_config={"Trích dẫn": st.column_config.TextColumn(width="large"),
                             "Chỉ tiêu": st.column_config.TextColumn(width="medium")})
widgets.xlsx_download(table, charts.file_slug("nguon so lieu", search), key="dl_sources")

if len(found) == 1:
    row = found.iloc[0]
    st.subheader("Mọi lần báo cáo số liệu này")
    history = ds.query("fact_sources", district=row.district, year=int(row.year), period=row.period,
                       indicator_code=row.indicator_code)
    for h in history.itertuples():
        current = not h.undone and h.source_file == row.source_file and h.quote == row.quote
        with st.container(border=True):
            st.markdown(sources.statement_line(h, current))
            st.markdown(f"> {widgets.esc(h.quote)}")
            view = report_text.report_view(h.source_file, h.quote, row.indicator_name)
            if not view.has_text:
                st.caption(view.message)
                continue
            with st.expander("Xem trong báo cáo", expanded=current):
                if view.message:
                    st.caption(view.message)
                st.html(report_text.fragment(view, f"bao-cao-{int(h.history_id)}"), unsafe_allow_javascript=True)
