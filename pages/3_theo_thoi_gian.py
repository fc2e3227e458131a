"""Theo thời gian: one indicator across every period available, with the plan and revisions."""
import streamlit as st

from indicators import charts, ui

ui.page_style()
meeting = ui.meeting_mode()
catalogue = ui.query("indicator_catalogue")
catalogue = catalogue[(catalogue["facts"] > 0) & ~catalogue["is_focus_task"]]
groups = ["Tất cả"] + sorted(catalogue["group_name"].unique())
group = ui.url_selectbox("Nhóm chỉ tiêu", groups, "nhom")
if group != "Tất cả":
    catalogue = catalogue[catalogue["group_name"] == group]
names = {r.code: f"{r.name} ({r.unit})" for r in catalogue.sort_values("facts", ascending=False).itertuples()}
if not names:
    st.info("Chưa có số liệu.")
    st.stop()
code = ui.url_selectbox("Chỉ tiêu", list(names), "chi_tieu",
                        default="thu_ngan_sach" if "thu_ngan_sach" in names else None, format_func=names.get)
districts = ui.district_picker()

st.title(f"Theo thời gian – {names[code]}")
rows = ui.query("indicator_trend", indicator_code=code, districts=districts)
revisions = ui.query("indicator_revisions", indicator_code=code, districts=districts)
revisions = revisions[~revisions["undone"]]
if rows.empty:
    st.info("Chưa có số liệu cho chỉ tiêu này ở các huyện đã chọn.")
    st.stop()
periods = rows[["year", "period"]].drop_duplicates()
if len(periods) == 1:
    st.info(f"Chỉ tiêu này mới có số liệu của một kỳ ({rows.iloc[0].period_label} {rows.iloc[0].year}); "
            "đường xu hướng sẽ hiện khi có thêm kỳ báo cáo.")
fig = ui.figure(charts.trend_figure, rows, revisions, meeting)
event = ui.chart(fig, charts.file_slug("theo thoi gian", names[code]), key="trend")
district = ui.clicked_district(event)
if district:
    st.switch_page(ui.SOURCES_PAGE, query_params={"huyen": district, "chi_tieu": code})

changed = revisions[revisions.duplicated(["district", "year", "period"], keep=False)]
if not changed.empty:
    st.subheader("Số liệu đã được báo cáo sau điều chỉnh")
    st.caption("Báo cáo sau là số hiện hành; báo cáo trước vẫn được giữ trong lịch sử.")
    _, history = ui.tables_of(changed, ["district", "period_label", "year", "actual", "pct_of_plan", "pct_yoy",
                                        "status", "source", "reported_on", "quote"])
    st.dataframe(history, hide_index=True, width="stretch")

if not meeting:
    st.subheader("Bảng số liệu")
    table, shown = ui.tables_of(rows, ["district", "period_label", "year", "plan", "actual", "pct_of_plan",
                                       "pct_yoy", "change_yoy_pct", "status", "note", "source", "reported_on",
                                       "quote"])
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.xlsx_download(table, charts.file_slug("theo thoi gian", names[code]), key="dl_trend")
