"""Bảng điều khiển chỉ tiêu kinh tế – xã hội: Văn Quan, Bắc Sơn, Tràng Định (Lạng Sơn).

Run: streamlit run dashboard.py
"""
import streamlit as st

from indicators.app.accounts import viewing_requires_login
from indicators.app.serve import UPLOAD_PAGE_PATH
from indicators.app.ui import current_user, login_form

st.set_page_config(page_title="Chỉ tiêu KT-XH Lạng Sơn", page_icon="📊", layout="wide",
                   initial_sidebar_state="auto")

pages = [
    st.Page("pages/1_tong_quan.py", title="Tổng quan", icon=":material/dashboard:", default=True),
    st.Page("pages/2_so_sanh_huyen.py", title="So sánh huyện", icon=":material/bar_chart:", url_path="so-sanh-huyen"),
    st.Page("pages/3_theo_thoi_gian.py", title="Theo thời gian", icon=":material/timeline:", url_path="theo-thoi-gian"),
    st.Page("pages/4_nhiem_vu_trong_tam.py", title="Nhiệm vụ trọng tâm", icon=":material/task_alt:",
            url_path="nhiem-vu-trong-tam"),
    st.Page("pages/5_nguon_so_lieu.py", title="Nguồn số liệu", icon=":material/description:", url_path="nguon-so-lieu"),
    st.Page("pages/6_tai_so_lieu.py", title="Tải số liệu", icon=":material/upload_file:", url_path=UPLOAD_PAGE_PATH),
]
page = st.navigation(pages)
if viewing_requires_login() and current_user() is None:
    login_form("Cần đăng nhập để xem bảng điều khiển.")
    st.stop()
page.run()
