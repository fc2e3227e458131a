"""Undo on the upload page, made hard to do by a slip: the list opens on the clerk's own latest
upload (never on a shipped report), the button only asks, a confirmation names the file, the date
and how many figures go back, and a shipped report needs a second, explicit confirmation."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.ingest.build import SHIPPED_BY
from indicators.ingest.importer import undo_import

PENDING = "undo_pending"
SHIPPED_NAME = "báo cáo gốc kèm theo bảng điều khiển"


def is_shipped(imported_by) -> bool:
    """A report shipped in data/ and loaded when the database was built."""
    return str(imported_by or "").strip().lower() == SHIPPED_BY


def importer_name(imported_by) -> str:
    """Who made an import, as the import list shows it: the shipped reports say so."""
    return SHIPPED_NAME if is_shipped(imported_by) else str(imported_by)


def default_choice(active: pd.DataFrame, user_name: str) -> int | None:
    """The user's own latest upload still in force, else nothing chosen: never a shipped report."""
    mine = active[(active["imported_by"] == user_name) & ~active["imported_by"].map(is_shipped)]
    return int(mine.sort_values("id").iloc[-1]["id"]) if len(mine) else None


def _when(value) -> str:
    return f"{value:%d/%m/%Y %H:%M}"


def describe(row) -> str:
    """One import as the list and the confirmation name it."""
    return f"Số {int(row['id'])} – {row['file_name']} – {_when(row['imported_at'])} – {importer_name(row['imported_by'])}"


def undo_section(con, user_name: str, log: pd.DataFrame, archive_dir=None) -> None:
    """The undo choice, its confirmation and the undo itself (written in the upload archive's journal
    when `archive_dir` is given, so a rebuild undoes it too); reruns the page once done."""
    active = log[log["undone_at"].isna()]
    if active.empty:
        return
    rows = active.set_index("id", drop=False)
    ids = [int(i) for i in active["id"]]
    default = default_choice(active, user_name)
    if "undo_choice" in st.session_state and st.session_state["undo_choice"] not in ids:
        del st.session_state["undo_choice"]
    choice = st.selectbox("Hoàn tác lần nhập", ids, index=ids.index(default) if default is not None else None,
                          key="undo_choice", placeholder="Chọn lần nhập cần hoàn tác",
                          format_func=lambda i: describe(rows.loc[i]))
    if st.button("Hoàn tác", key="undo_button", icon=":material/undo:", disabled=choice is None):
        st.session_state[PENDING] = choice
    if choice is None:
        return
    if st.session_state.get(PENDING) != choice:
        return
    row = rows.loc[choice]
    figures = int(row["facts_new"]) + int(row["facts_changed"])
    box = st.container(border=True)
    box.warning(f"Hoàn tác lần nhập số {choice}: tệp '{row['file_name']}', nhập lúc {_when(row['imported_at'])}. "
                f"{figures} số liệu sẽ thay đổi ({int(row['facts_new'])} số liệu mới bị gỡ, "
                f"{int(row['facts_changed'])} số liệu thay đổi trở về số trước đó).")
    shipped = is_shipped(row["imported_by"])
    sure = True
    if shipped:
        box.error("Đây là báo cáo gốc kèm theo bảng điều khiển, không phải tệp do người dùng tải lên. "
                  "Hoàn tác sẽ gỡ toàn bộ số liệu của báo cáo này khỏi các trang.")
        sure = box.checkbox("Tôi hiểu, vẫn hoàn tác báo cáo gốc này", key=f"undo_shipped_{choice}")
    left, right = box.columns(2)
    if left.button("Xác nhận hoàn tác", type="primary", key="undo_confirm"):
        if not sure:
            box.error("Chưa hoàn tác: cần đánh dấu ô xác nhận thứ hai cho báo cáo gốc.")
            return
        try:
            undo_import(con, choice, user=user_name, archive_dir=archive_dir)
        except LookupError as exc:
            st.error(str(exc))
            return
        st.session_state.pop(PENDING, None)
        st.session_state["flash"] = (f"Đã hoàn tác lần nhập số {choice} (tệp '{row['file_name']}'); "
                                     "các số liệu trước đó đã được khôi phục.")
        st.rerun()
    if right.button("Thôi, không hoàn tác", key="undo_cancel"):
        st.session_state.pop(PENDING, None)
        st.rerun()
