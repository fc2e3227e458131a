"""Login for the app: the local users file (scrypt-hashed, see accounts) or Streamlit's OIDC
login when it is configured, and the editor check in front of uploads and undo."""
from __future__ import annotations

import streamlit as st

from indicators.app.accounts import LoginRefused, User, authenticate


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def current_user():
    """The signed-in user: st.login (OIDC) when configured in secrets, else the local users file."""
    if _oidc_configured():
        if not getattr(st.user, "is_logged_in", False):
            return None
        email = st.user.get("email", "")
        editors = st.secrets.get("indicators", {}).get("editors", [])
        return User(email, "editor" if email in editors else "viewer")
    return st.session_state.get("user")


def login_form(reason: str) -> None:
    """Vietnamese login form; failures are slowed down by the shared throttle."""
    st.info(reason)
    if _oidc_configured():
        st.button("Đăng nhập", on_click=st.login, type="primary")
        return
    with st.form("login"):
        name = st.text_input("Tên đăng nhập")
        password = st.text_input("Mật khẩu", type="password")
        submitted = st.form_submit_button("Đăng nhập", type="primary")
    if submitted:
        try:
            st.session_state["user"] = authenticate(name, password)
        except LoginRefused as exc:
            st.error(str(exc))
            return
        st.rerun()


def require_editor():
    """The signed-in editor, or a login form and a stop."""
    user = current_user()
    if user is None:
        login_form("Cần đăng nhập bằng tài khoản biên tập viên để tải số liệu lên hoặc hoàn tác.")
        st.stop()
    if not user.can_edit:
        st.error(f"Tài khoản '{user.name}' chỉ có quyền xem; cần quyền biên tập để tải số liệu.")
        st.stop()
    return user


def logout_button() -> None:
    user = current_user()
    if user is None:
        return
    st.sidebar.caption(f"Đăng nhập: {user.name} ({'biên tập' if user.can_edit else 'xem'})")
    if st.sidebar.button("Đăng xuất", key="logout"):
        if _oidc_configured():
            st.logout()
        st.session_state.pop("user", None)
        st.rerun()
