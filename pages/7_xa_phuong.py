"""Xã, phường: the new communes of one former district for one indicator and period, as bars and a map."""
import streamlit as st

from indicators.app import pages as registry
from indicators.app import widgets
from indicators.app.state import dashboard
from indicators.views import charts, communes

ds = dashboard()
widgets.page_style(ds)
meeting = widgets.meeting_mode()
picked = widgets.period_picker(ds)
if picked is None:
    st.info("Chưa có số liệu. Hãy tải bảng tính lên ở trang Tải số liệu.")
    st.stop()
year, period = picked
when = widgets.period_text(year, period)
former = ds.from_database(communes.former_districts)
district = widgets.url_selectbox("Địa bàn huyện cũ", former, "huyen")
choices = ds.from_database(communes.indicator_choices, year=year, period=period)
code = widgets.url_selectbox("Chỉ tiêu", list(choices), "chi_tieu", format_func=choices.get,
                             help="Các chỉ tiêu có số liệu cấp xã trong kỳ được xếp trước.")

st.title(f"Xã, phường – địa bàn {communes.former_area(district)} – {when}")
view = ds.from_database(communes.commune_view, district=district, indicator_code=code, year=year, period=period,
                        when=when, big=meeting) if district and code else None
if view is None:
    st.info("Chưa có danh mục xã, phường của địa bàn này.")
    st.stop()
if view.synthetic:
    st.warning(f"⚠ {communes.SYNTHETIC_TITLE}: số liệu tạo ra để thử và trình diễn, không dùng để đánh giá.")
if not view.with_figure:
    st.info(f"Chưa có số liệu cấp xã của chỉ tiêu này cho {when}. Bản đồ dưới đây chỉ vị trí các xã, phường.")
st.caption(communes.coverage_text(view, district))

slug = charts.file_slug("xa phuong", district, code, when)
if view.bars is not None:
    left, right = st.columns(2) if not meeting else (st.container(), st.container())
    with left:
        widgets.chart(view.bars, slug, key="commune_bars")
    with right:
        widgets.chart(view.map, slug + "-ban-do", key="commune_map")
else:
    widgets.chart(view.map, slug + "-ban-do", key="commune_map")
if view.without_place:
    st.caption("Chưa có tọa độ, không vẽ trên bản đồ: " + ", ".join(view.without_place))

if not meeting:
    if st.button("← So sánh ba địa bàn huyện cũ", icon=":material/bar_chart:", type="tertiary"):
        st.switch_page(registry.COMPARISON.file, query_params={"nam": str(year), "ky": period, "chi_tieu": code})
    st.subheader("Bảng số liệu các xã, phường")
    st.dataframe(view.shown, hide_index=True, width="stretch")
    widgets.xlsx_download(view.table, slug, key="dl_communes")
