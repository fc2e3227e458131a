"""Tải số liệu: upload a spreadsheet, see exactly what will change, confirm; undo any import."""
import hashlib
import tempfile
from pathlib import Path

import streamlit as st

from indicators.app import login, streamlit_compat, undo, widgets
from indicators.app.state import dashboard
from indicators.app.upload_flow import ImportProgress, forget_plan, paged_table, planned
from indicators.ingest.fields import UnreadableFile
from indicators.ingest.importer import commit_import
from indicators.ingest.template import TEMPLATE_FILE_NAME, write_template
from indicators.ingest.workbook import MAX_FILE_BYTES
from indicators.numbers import format_number
from indicators.periods import PERIODS
from indicators.store import archive
from indicators.store import database as store
from indicators.views import upload_figures
from indicators.views import upload_preview as upload_view

ds = dashboard()

widgets.page_style(ds)
st.title("Tải số liệu")
user = login.require_editor()
login.logout_button()
con = ds.connection()
ARCHIVE = store.archive_dir(store.default_db_path())
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
    path = archive.stage(ARCHIVE, data, uploaded.name)  # private, beside the database; pruned when stale
    wide_year = int(year) if year else None
    try:
        plan = planned(con, ds.data_version(), path, digest, uploaded.name, wide_year, period)
    except UnreadableFile as exc:
        archive.discard_staged(path)  # a rejected upload is not kept
        st.error(str(exc))
        st.stop()

    if not plan.ok:
        archive.discard_staged(path)
        st.error(f"Tệp '{uploaded.name}' chưa nhập được: {len(plan.read.errors)} lỗi cần sửa. "
                 "Cơ sở dữ liệu không thay đổi.")
        errors = upload_figures.in_row_order(plan.read.errors)
        paged_table(f"errors_{digest[:12]}", len(errors), lambda a, b: upload_view.problems_table(errors[a:b]))
        if plan.read.warnings:
            st.warning(f"{len(plan.read.warnings)} cảnh báo")
            warnings = upload_figures.in_row_order(plan.read.warnings)
            paged_table(f"warnings_{digest[:12]}", len(warnings),
                        lambda a, b: upload_view.problems_table(warnings[a:b]))
        st.stop()
    if plan.already_imported:
        archive.discard_staged(path)
        st.info(plan.summary())
        st.stop()

    if plan.unmatched:
        st.subheader("Tên chỉ tiêu chưa khớp danh mục")
        st.warning(f"{len(plan.unmatched)} tên chỉ tiêu trong tệp không khớp chỉ tiêu nào trong danh mục. Hãy chọn "
                   "chỉ tiêu đúng trong các gợi ý, hoặc 'Chỉ tiêu mới' nếu đây thật sự là chỉ tiêu chưa có; tên đã "
                   "chọn sẽ được ghi vào 'Tên gọi khác' của chỉ tiêu để lần sau tự khớp.")
        paged_table(f"unmatched_{digest[:12]}", len(plan.unmatched),
                    lambda a, b: upload_view.unmatched_table(plan, a, b))
        all_new = len(plan.unmatched) > upload_view.MANY_NAMES and st.checkbox(
            f"Đã xem hết gợi ý: thêm cả {len(plan.unmatched)} tên chưa khớp thành chỉ tiêu mới",
            key=f"all_new_{digest[:12]}")
        choices = upload_view.all_new_choices(plan) if all_new else {}
        for i, unmatched in enumerate([] if all_new else plan.unmatched):
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
        plan = planned(con, ds.data_version(), path, digest, uploaded.name, wide_year, period,
                       choices)  # the preview again, with the choices applied
        if not plan.ready:
            st.error("Tệp chưa nhập được với các lựa chọn này. Cơ sở dữ liệu không thay đổi.")
            st.dataframe(upload_view.problems_table(plan.read.errors), hide_index=True, width="stretch")
            st.stop()

    st.subheader("Xem trước thay đổi")
    metrics = st.columns(6)
    counts = [("Dòng số liệu", len(plan.read.frame)), ("Số liệu mới", plan.facts_new),
              ("Số liệu thay đổi", plan.facts_changed), ("Ước → thực hiện", plan.facts_confirmed),
              ("Không đổi", plan.facts_unchanged), ("Chỉ tiêu mới", len(plan.new_indicators))]
    for column, (label, count) in zip(metrics, counts):
        column.metric(label, format_number(count))  # 100.000, as every number on the pages
    st.caption("Từng số liệu theo thứ tự dòng trong tệp: nguồn, ngày báo cáo, số cũ sẽ bị thay và đánh giá "
               "sẽ hiển thị trên các trang.")
    paged_table(f"figures_{digest[:12]}", len(plan.preview),
                lambda a, b: upload_figures.figures_in_row_order(plan, catalogue, a, b))
    tabs = st.tabs(["Thay đổi", "Số liệu mới", "Không đổi", f"Cảnh báo ({len(plan.read.warnings)})",
                    "Chỉ tiêu mới", f"Ước → thực hiện ({plan.facts_confirmed})"])
    with tabs[0]:
        paged_table(f"changes_{digest[:12]}", len(upload_view.changes_of(plan)),
                    lambda a, b: upload_view.changes_table(plan, catalogue, start=a, stop=b))
    with tabs[5]:
        st.caption("Số đã nhập trước đây là số ước thực hiện; tệp này ghi số thực hiện của cùng chỉ tiêu, kỳ và huyện. "
                   "Đây là hai lần báo cáo của một số liệu, không phải mâu thuẫn; số ước vẫn giữ trong lịch sử.")
        paged_table(f"estimates_{digest[:12]}", len(upload_view.changes_of(plan, estimates=True)),
                    lambda a, b: upload_view.changes_table(plan, catalogue, estimates=True, start=a, stop=b))
    for tab, kind in ((tabs[5], upload_view.ESTIMATE_TO_ACTUAL), (tabs[1], "mới"), (tabs[2], "không đổi")):
        with tab:
            paged_table(f"{kind}_{digest[:12]}", upload_view.kind_count(plan, kind),
                        lambda a, b, k=kind: upload_view.figures_table(plan, k, catalogue, a, b))
    with tabs[3]:
        warnings = upload_figures.in_row_order(plan.read.warnings)
        paged_table(f"warnings_{digest[:12]}", len(warnings), lambda a, b: upload_view.problems_table(warnings[a:b]))
    with tabs[4]:
        if plan.new_indicators:
            st.caption("Các chỉ tiêu chưa có trong danh mục sẽ được thêm vào nhóm 'Chưa phân nhóm'.")
            paged_table(f"new_{digest[:12]}", len(plan.new_indicators),
                        lambda a, b: upload_view.new_indicators_table(plan.new_indicators[a:b]))
        else:
            st.write("Không có.")
    if st.button("Xác nhận ghi vào cơ sở dữ liệu", type="primary", key="confirm_import", disabled=not plan.ready):
        try:
            import_id = commit_import(con, plan, user.name, archive_from=path, archive_dir=ARCHIVE,
                                      progress=ImportProgress(uploaded.name))
        except Exception as exc:  # the transaction rolled back; nothing is half-written
            st.error(f"Không ghi được số liệu, cơ sở dữ liệu giữ nguyên như trước: {exc}")
            st.stop()
        archive.discard_staged(path)  # kept in the archive now
        forget_plan()
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
undo.undo_section(con, user.name, log, ARCHIVE)
