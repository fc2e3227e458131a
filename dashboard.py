"""Bảng điều khiển chỉ tiêu kinh tế – xã hội: Văn Quan, Bắc Sơn, Tràng Định (Lạng Sơn).

Run: streamlit run dashboard.py
"""
import streamlit as st

from indicators.app import pages as registry
from indicators.app.accounts import viewing_requires_login
from indicators.app.login import current_user, login_form

st.set_page_config(page_title="Chỉ tiêu KT-XH Lạng Sơn", page_icon="📊", layout="wide",
                   initial_sidebar_state="auto")

pages = [st.Page(info.file, title=info.title, icon=info.icon, url_path=info.url_path or None,
                 default=info is registry.OVERVIEW) for info in registry.PAGES]
page = st.navigation(pages)
if viewing_requires_login() and current_user() is None:
    login_form("Cần đăng nhập để xem bảng điều khiển.")
    st.stop()
page.run()
