"""Tải số liệu: upload a spreadsheet, see exactly what will change, confirm; undo any import."""
import hashlib
import tempfile
from pathlib import Path

import streamlit as st

from indicators.app import login, streamlit_compat, undo, widgets
from indicators.app.state import dashboard
from indicators.ingest.fields import UnreadableFile
from indicators.ingest.importer import commit_import, plan_import
from indicators.ingest.template import TEMPLATE_FILE_NAME, write_template
from indicators.ingest.workbook import MAX_FILE_BYTES
from indicators.periods import PERIODS
from indicators.store import database as store
from indicators.views import upload_figures
from indicators.views import upload_preview as upload_view

ds = dashboard()

widgets.page_style(ds)
st.title("Tải số liệu")
user = login.require_editor()
login.logout_button()
con = ds.connection()
catalogue = store.load_catalogue(con)


@st.cache_data(show_spinner=False)
def template_bytes(version: tuple) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_template(Path(tmp) / TEMPLATE_FILE_NAME, list(catalogue.values()))
        return path.read_bytes()


st.download_button("Tải mẫu nhập chỉ tiêu (.xlsx)", template_bytes(ds.data_version()), file_name=TEMPLATE_FILE_NAME,
                   icon=":material/download:", key="dl_template",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
st.caption("Nhận .xlsx, .xls, .ods, .csv (tối đa 20 MB). Tiêu đề, ô gộp, chữ không dấu, số kiểu 23.900 hoặc 902,4 "
           "đều đọc được; bảng theo cột huyện (STT | Chỉ tiêu | Đơn vị tính | Văn Quan | Bắc Sơn | Tràng Định) cũng được.")

counter = st.session_state.setdefault("upload_counter", 0)
UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "ods", "csv"]
streamlit_compat.uploader_in_vietnamese(UPLOAD_TYPES, MAX_FILE_BYTES // 1024 // 1024)
uploaded = st.file_uploader("Chọn tệp bảng tính", type=UPLOAD_TYPES,
                            key=f"upload_{counter}")
with st.expander("Bảng theo cột huyện mà tiêu đề không ghi năm và kỳ báo cáo"):
    columns = st.columns(2)
    year = columns[0].number_input("Năm", min_value=2000, max_value=2100, value=None, step=1, key="wide_year")
    period = columns[1].selectbox("Kỳ báo cáo", list(PERIODS), index=None, key="wide_period",
                                  format_func=lambda c: PERIODS[c].label)

if uploaded is not None:
    data = uploaded.getvalue()
    if len(data) > MAX_FILE_BYTES:
        st.error(f"Tệp nặng {len(data) / 1024 / 1024:.1f} MB, vượt giới hạn 20 MB.")
        st.stop()
    digest = hashlib.sha256(data).hexdigest()
    staging = Path(tempfile.gettempdir()) / "chi-tieu-uploads" / digest
    staging.mkdir(parents=True, exist_ok=True)
    path = staging / Path(uploaded.name).name
    path.write_bytes(data)
    try:
        plan = plan_import(con, path, file_name=uploaded.name, year=int(year) if year else None, period=period,
                           isolated=True)
    except UnreadableFile as exc:
        st.error(str(exc))
        st.stop()

    if not plan.ok:
        st.error(f"Tệp '{uploaded.name}' chưa nhập được: {len(plan.read.errors)} lỗi cần sửa. "
                 "Cơ sở dữ liệu không thay đổi.")
        st.dataframe(upload_view.problems_table(upload_figures.in_row_order(plan.read.errors)), hide_index=True, width="stretch")
        if plan.read.warnings:
            st.warning(f"{len(plan.read.warnings)} cảnh báo")
            st.dataframe(upload_view.problems_table(upload_figures.in_row_order(plan.read.warnings)), hide_index=True, width="stretch")
        st.stop()
    if plan.already_imported:
        st.info(plan.summary())
        st.stop()

    if plan.unmatched:
        st.subheader("Tên chỉ tiêu chưa khớp danh mục")
        st.warning(f"{len(plan.unmatched)} tên chỉ tiêu trong tệp không khớp chỉ tiêu nào trong danh mục. Hãy chọn "
                   "chỉ tiêu đúng trong các gợi ý, hoặc 'Chỉ tiêu mới' nếu đây thật sự là chỉ tiêu chưa có; tên đã "
                   "chọn sẽ được ghi vào 'Tên gọi khác' của chỉ tiêu để lần sau tự khớp.")
        st.dataframe(upload_view.unmatched_table(plan), hide_index=True, width="stretch")
        choices = {}
        for i, unmatched in enumerate(plan.unmatched):
            choice = st.selectbox(f"'{unmatched['name']}' là chỉ tiêu nào?", upload_view.choice_options(unmatched),
                                  index=None, key=f"match_{digest[:12]}_{i}",
                                  placeholder="Chọn một chỉ tiêu gợi ý hoặc 'Chỉ tiêu mới'",
                                  format_func=lambda o, u=unmatched: upload_view.choice_label(u, o))
            if choice is not None:
                choices[unmatched["name"]] = choice
        if len(choices) < len(plan.unmatched):
            st.info(f"Còn {len(plan.unmatched) - len(choices)} tên chưa chọn; xem trước và xác nhận sau khi chọn hết.")
            st.button("Xác nhận ghi vào cơ sở dữ liệu", type="primary", key="confirm_import", disabled=True)
            st.stop()
        plan = plan_import(con, path, file_name=uploaded.name, year=int(year) if year else None, period=period,
                           choices=choices, isolated=True)  # the preview again, with the choices applied
        if not plan.ready:
            st.error("Tệp chưa nhập được với các lựa chọn này. Cơ sở dữ liệu không thay đổi.")
            st.dataframe(upload_view.problems_table(plan.read.errors), hide_index=True, width="stretch")
            st.stop()

    st.subheader("Xem trước thay đổi")
    metrics = st.columns(6)
    metrics[0].metric("Dòng số liệu", len(plan.read.frame))
    metrics[1].metric("Số liệu mới", plan.facts_new)
    metrics[2].metric("Số liệu thay đổi", plan.facts_changed)
    metrics[3].metric("Ước → thực hiện", plan.facts_confirmed)
    metrics[4].metric("Không đổi", plan.facts_unchanged)
    metrics[5].metric("Chỉ tiêu mới", len(plan.new_indicators))
    st.caption("Từng số liệu theo thứ tự dòng trong tệp: nguồn, ngày báo cáo, số cũ sẽ bị thay và đánh giá "
               "sẽ hiển thị trên các trang.")
    st.dataframe(upload_figures.figures_in_row_order(plan, catalogue), hide_index=True, width="stretch")
    tabs = st.tabs(["Thay đổi", "Số liệu mới", "Không đổi", f"Cảnh báo ({len(plan.read.warnings)})",
                    "Chỉ tiêu mới", f"Ước → thực hiện ({plan.facts_confirmed})"])
    with tabs[0]:
        widgets.table_or_none(upload_view.changes_table(plan, catalogue))
    with tabs[5]:
        st.caption("Số đã nhập trước đây là số ước thực hiện; tệp này ghi số thực hiện của cùng chỉ tiêu, kỳ và huyện. "
                   "Đây là hai lần báo cáo của một số liệu, không phải mâu thuẫn; số ước vẫn giữ trong lịch sử.")
        widgets.table_or_none(upload_view.changes_table(plan, catalogue, estimates=True))
        widgets.table_or_none(upload_view.figures_table(plan, upload_view.ESTIMATE_TO_ACTUAL, catalogue))
    for tab, kind in ((tabs[1], "mới"), (tabs[2], "không đổi")):
        with tab:
            widgets.table_or_none(upload_view.figures_table(plan, kind, catalogue))
    with tabs[3]:
        widgets.table_or_none(upload_view.problems_table(upload_figures.in_row_order(plan.read.warnings)))
    with tabs[4]:
        if plan.new_indicators:
            st.caption("Các chỉ tiêu chưa có trong danh mục sẽ được thêm vào nhóm 'Chưa phân nhóm'.")
            st.dataframe([{"Mã": n["code"], "Tên": n["name"], "Đơn vị tính": n["unit"]} for n in plan.new_indicators],
                         hide_index=True, width="stretch")
        else:
            st.write("Không có.")
    if st.button("Xác nhận ghi vào cơ sở dữ liệu", type="primary", key="confirm_import", disabled=not plan.ready):
        try:
            import_id = commit_import(con, plan, user.name, archive_from=path,
                                      archive_dir=store.archive_dir(store.default_db_path()))
        except Exception as exc:  # the transaction rolled back; nothing is half-written
            st.error(f"Không ghi được số liệu, cơ sở dữ liệu giữ nguyên như trước: {exc}")
            st.stop()
        st.session_state["upload_counter"] = counter + 1
        st.session_state["flash"] = f"Đã nhập xong (lần nhập số {import_id}). {plan.summary()}"
        st.rerun()

if "flash" in st.session_state:
    st.success(st.session_state.pop("flash"))

st.subheader("Các lần nhập")
log = ds.query("import_log")
if log.empty:
    st.write("Chưa có lần nhập nào.")
    st.stop()
shown = log.assign(**{
    "Trạng thái": log["undone_at"].map(lambda v: "đã hoàn tác" if v == v and v is not None else "hiệu lực"),
    "Thời điểm": log["imported_at"].map(lambda v: f"{v:%d/%m/%Y %H:%M}"),
    "Người nhập": log["imported_by"].map(undo.importer_name),
})[["id", "Thời điểm", "Người nhập", "file_name", "rows_read", "facts_new", "facts_changed", "Trạng thái"]]
shown.columns = ["Mã", "Thời điểm", "Người nhập", "Tệp", "Dòng", "Mới", "Thay đổi", "Trạng thái"]
st.dataframe(shown, hide_index=True, width="stretch")
undo.undo_section(con, user.name, log)
