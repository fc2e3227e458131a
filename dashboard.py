"""Bảng điều khiển chỉ tiêu kinh tế – xã hội: Văn Quan, Bắc Sơn, Tràng Định (Lạng Sơn).

Run: streamlit run dashboard.py
"""
import streamlit as st

from indicators.app import pages as registry
from indicators.app.login import require_viewer

st.set_page_config(page_title="Chỉ tiêu KT-XH Lạng Sơn", page_icon="📊", layout="wide",
                   initial_sidebar_state="auto")

pages = [st.Page(info.file, title=info.title, icon=info.icon, url_path=info.url_path or None,
                 default=info is registry.OVERVIEW) for info in registry.PAGES]
page = st.navigation(pages)
require_viewer()  # each page checks again: a page opened without this file (first visit after a restart) too
page.run()
