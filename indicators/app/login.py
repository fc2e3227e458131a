"""Login for the app: the local users file (scrypt-hashed, see accounts) or Streamlit's OIDC
login when it is configured, and the editor check in front of uploads and undo."""
from __future__ import annotations

import streamlit as st

from indicators.app import session_cookie, streamlit_compat
from indicators.app.accounts import LoginRefused, User, authenticate, has_users, lookup, viewing_requires_login

_PENDING_COOKIE = "_login_cookie"  # written to the browser on the run after the login or logout
_LOGGED_OUT = "_logged_out"        # this session logged out: the cookie it was opened with no longer counts
_COOKIE_READ = "_cookie_read"      # the cookie the page was opened with has been read (it cannot change)


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def current_user():
    """The signed-in user, as the users file (or OIDC) has them on this run: a user removed from the
    file, or whose role changed, loses the rights of this session on its next rerun. It also tells
    the server whether this session may send files (only an editor's may)."""
    user = _signed_in_user()
    streamlit_compat.allow_uploads(user is not None and user.can_edit)
    return user


def _signed_in_user():
    if _oidc_configured():
        if not getattr(st.user, "is_logged_in", False):
            return None
        email = st.user.get("email", "")
        editors = st.secrets.get("indicators", {}).get("editors", [])
        return User(email, "editor" if email in editors else "viewer")
    _write_pending_cookie()
    if "user" not in st.session_state and not st.session_state.get(_LOGGED_OUT) and _cookie_unread():
        user = user_from_cookie(streamlit_compat.request_cookie(session_cookie.COOKIE_NAME))
        if user is not None:
            st.session_state["user"] = user
    held = st.session_state.get("user")
    if held is None:
        return None
    now = lookup(held.name)
    if now != held:  # removed from the users file, or given another role
        st.session_state.pop("user", None)
        if now is None:
            st.session_state[_PENDING_COOKIE] = ("", 0)  # nor may the browser's cookie bring them back
            _write_pending_cookie()
            return None
        st.session_state["user"] = now
    return now


def _cookie_unread() -> bool:
    """Whether this session's login cookie is still worth reading: the browser sent it once, with the
    page's first request, and only a user in the users file can be signed in by it (none, without one)."""
    if st.session_state.get(_COOKIE_READ) or not has_users():
        return False
    st.session_state[_COOKIE_READ] = True
    return True


def require_viewer() -> None:
    """Every page starts here: when viewing needs a login, nothing of the page is drawn before it,
    whichever launcher ran the page (dashboard.py, app.py or a page file opened on its own)."""
    user = current_user()
    if user is None and viewing_requires_login():
        login_form("Cần đăng nhập để xem bảng điều khiển.")
        st.stop()


def user_from_cookie(token: str | None) -> User | None:
    """The user a valid login cookie names, as the users file has them now (a removed user or a
    changed role counts at once); None for a missing, forged or expired cookie."""
    if not token:
        return None
    try:
        signed = session_cookie.verify(token, session_cookie.signing_key())
    except (OSError, ValueError):  # key file unreadable: log in again rather than fail
        return None
    if signed is None:
        return None
    user = lookup(signed[0])
    return user if user is not None and user.role == signed[1] else None


def _write_pending_cookie() -> None:
    pending = st.session_state.pop(_PENDING_COOKIE, None)
    if pending is not None:
        value, max_age = pending
        streamlit_compat.set_browser_cookie(session_cookie.COOKIE_NAME, value, max_age)


def _remember(user: User) -> None:
    try:
        token = session_cookie.sign(user.name, user.role, session_cookie.signing_key())
    except OSError:  # no place for the key: the login lasts as long as the browser tab
        return
    st.session_state[_PENDING_COOKIE] = (token, session_cookie.LIFETIME_SECONDS)


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
            st.session_state["user"] = authenticate(name, password, client=_client())
        except LoginRefused as exc:
            st.error(str(exc))
            return
        st.session_state.pop(_LOGGED_OUT, None)
        _remember(st.session_state["user"])
        st.rerun()


def _client() -> str:
    """Who is trying, for the per-client throttle: the connection's address (None means localhost)."""
    try:
        return st.context.ip_address or "localhost"
    except Exception:  # no browser behind this run
        return "?"


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
        streamlit_compat.allow_uploads(False)
        st.session_state[_LOGGED_OUT] = True
        st.session_state[_PENDING_COOKIE] = ("", 0)
        st.rerun()
