"""Login hardening (issue 16, item 6): the view login holds however a page is started, nobody can lock an
editor out, unknown names answer as slowly as known ones, scrypt at OWASP's minimum, the users file is
private from creation, a removed user loses their rights at once, and only editors' sessions may upload."""
from __future__ import annotations

import asyncio
import base64
import hashlib
import inspect
import os
import stat
import statistics
import time

import pytest
from conftest import EDITOR, EDITOR_PASSWORD
from streamlit.testing.v1 import AppTest

from indicators.app import accounts as auth
from indicators.app import pages as registry
from indicators.app import streamlit_compat
from indicators.store.database import PROJECT_DIR

PASSWORD = EDITOR_PASSWORD


@pytest.fixture
def users(editor_account):
    return editor_account


# ---- the view login holds whatever starts the page ----------------------------------------------

@pytest.mark.parametrize("page", [p for p in registry.PAGES if p is not registry.UPLOAD], ids=lambda p: p.key)
def test_a_page_opened_on_its_own_asks_for_the_login_before_any_figure(monkeypatch, app_db, page):
    """`streamlit run dashboard.py` runs pages/ files directly for the first visitor after a restart
    (Streamlit's old multipage mode), without dashboard.py's check: each page must check by itself."""
    monkeypatch.setenv("INDICATORS_DB", str(app_db))
    monkeypatch.setenv("INDICATORS_REQUIRE_LOGIN", "1")
    at = AppTest.from_file(page.absolute_file, default_timeout=60).run()
    assert not at.exception, at.exception
    assert any("Cần đăng nhập để xem" in i.value for i in at.info)
    assert not at.title and not at.get("plotly_chart") and not at.dataframe and not at.get("download_button")


def test_app_py_makes_pages_come_from_navigation_before_the_server_listens():
    import subprocess
    import sys

    code = ("import runpy; runpy.run_path('app.py'); "
            "from streamlit.runtime.pages_manager import PagesManager; print(PagesManager.uses_pages_directory)")
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().endswith("False"), done.stderr


# ---- throttling: per client and per name; the right password gets through --------------------

def test_an_attacker_failing_on_an_editors_name_cannot_lock_the_editor_out(users):
    names, clients, held = auth.LoginThrottle(3, 8.0), auth.LoginThrottle(10, 300.0), []
    for _ in range(12):
        with pytest.raises(auth.LoginRefused):
            auth.authenticate(EDITOR, "doan-mo", users, throttle=names, client="10.0.0.66", client_throttle=clients,
                              sleep=held.append)
    with pytest.raises(auth.LoginRefused, match="từ máy này"):  # the attacker's own machine is refused outright
        auth.authenticate(EDITOR, PASSWORD, users, throttle=names, client="10.0.0.66", client_throttle=clients,
                          sleep=held.append)
    held.clear()
    user = auth.authenticate(EDITOR, PASSWORD, users, throttle=names, client="10.0.0.7", client_throttle=clients,
                             sleep=held.append)
    assert user.can_edit  # the editor, from their own machine, is let in
    assert held and 0 < held[0] <= 8.0  # after a delay, not refused


def test_one_client_trying_many_names_is_refused_after_ten_failures(users):
    clients = auth.LoginThrottle(10, 300.0)
    for i in range(10):
        with pytest.raises(auth.LoginRefused, match="không đúng"):
            auth.authenticate(f"ten_{i}", "x", users, throttle=auth.LoginThrottle(), client="10.0.0.66",
                              client_throttle=clients, sleep=lambda s: None)
    with pytest.raises(auth.LoginRefused, match="từ máy này"):
        auth.authenticate("ten_moi", "x", users, throttle=auth.LoginThrottle(), client="10.0.0.66",
                          client_throttle=clients, sleep=lambda s: None)


def test_unknown_and_known_names_take_the_same_time(users):
    def timed(name):
        start = time.perf_counter()
        with pytest.raises(auth.LoginRefused):
            auth.authenticate(name, "sai-mat-khau", users, throttle=auth.LoginThrottle(),
                              client_throttle=auth.LoginThrottle())
        return time.perf_counter() - start

    known = statistics.median(timed(EDITOR) for _ in range(3))
    unknown = statistics.median(timed("khong_ai_ca") for _ in range(3))
    assert 0.5 < unknown / known < 2.0, (known, unknown)


# ---- hashes and the users file --------------------------------------------------------------------

def test_new_hashes_use_owasps_scrypt_minimum_and_old_ones_still_verify(users):
    stored = auth._load(users)["users"][EDITOR]["password"]
    assert stored.startswith("scrypt$131072$8$1$")
    salt = b"0123456789abcdef"
    old_digest = hashlib.scrypt(b"mat-khau-cu", salt=salt, n=2**14, r=8, p=1, dklen=32)
    old = f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(old_digest).decode()}"
    assert auth.verify_password("mat-khau-cu", old) and not auth.verify_password("sai", old)


def test_the_users_file_is_private_from_creation_without_a_later_chmod(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "chmod", lambda *a, **k: None)  # a chmod after writing would leave a window
    old_mask = os.umask(0o022)
    try:
        path = auth.add_user("moi", "mat-khau-dai", "editor", tmp_path / "cfg" / "users.json")
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not list(path.parent.glob("*.tmp"))


def test_a_removed_user_loses_the_upload_page_on_the_next_rerun(monkeypatch, app_db, users):
    monkeypatch.setenv("INDICATORS_DB", str(app_db))
    at = AppTest.from_file(registry.UPLOAD.absolute_file, default_timeout=60).run()
    at.text_input[0].input(EDITOR)
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert at.get("file_uploader")
    assert auth.remove_user(EDITOR, users)
    at.run()
    assert not at.exception
    assert not at.get("file_uploader")
    assert any("Cần đăng nhập" in i.value for i in at.info)


# ---- uploads only from editors' sessions ------------------------------------------------------------

def put_upload(app, path):
    sent, calls = [], []

    async def receive():
        calls.append("receive")
        return {"type": "http.request", "body": b"x" * 100, "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app({"type": "http", "method": "PUT", "path": path, "headers": []}, receive, send))
    return sent, calls


def test_the_middleware_refuses_uploads_of_sessions_not_logged_in_as_editors_unread():
    reached = []

    async def streamlit(scope, receive, send):
        reached.append(scope["path"])
        await receive()
        await send({"type": "http.response.start", "status": 204, "headers": []})

    guard = streamlit_compat.EditorsOnlyUploads(streamlit)
    sent, calls = put_upload(guard, "/_stcore/upload_file/khach-123/file-1")
    assert sent[0]["status"] == 403 and not reached and not calls  # not one byte of the body read
    streamlit_compat._EDITOR_SESSIONS.add("bien-tap-456")
    try:
        sent, _ = put_upload(guard, "/base/_stcore/upload_file/bien-tap-456/file-1")
    finally:
        streamlit_compat._EDITOR_SESSIONS.discard("bien-tap-456")
    assert sent[0]["status"] == 204 and reached == ["/base/_stcore/upload_file/bien-tap-456/file-1"]


def test_streamlit_still_stores_uploads_the_way_the_guard_expects():
    """Fence: the guards rely on Streamlit's upload address and on its file manager's add_file(session_id,
    file) being what the upload route calls; this fails when a Streamlit upgrade changes either."""
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.runtime import Runtime
    from streamlit.web.server.starlette import starlette_routes

    assert starlette_routes._ROUTE_UPLOAD_FILE.startswith(streamlit_compat.UPLOAD_PATH.strip("/") + "/{session_id}")
    assert list(inspect.signature(MemoryUploadedFileManager.add_file).parameters) == ["self", "session_id", "file"]
    assert "upload_mgr.add_file(" in inspect.getsource(starlette_routes.create_upload_routes)
    assert isinstance(inspect.getattr_static(Runtime, "uploaded_file_mgr"), property)
