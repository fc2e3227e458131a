"""Where the app reaches into Streamlit's internals, fenced in one module: each piece says why,
and tests/test_serve.py fails when the Streamlit underneath changes what it relies on.

- `ChartCodeFirst` rewrites the HTML page Streamlit serves, so the chart code starts loading with
  the page (set INDICATORS_CHART_CODE_FIRST=0 to serve pages untouched).
- `pages_come_from_navigation` flips a class attribute of Streamlit's PagesManager.
- `request_cookie` / `set_browser_cookie`: Streamlit reads cookies (st.context.cookies, as sent
  when the page was opened) but has no API to set one, so a one-line script run by
  st.html(unsafe_allow_javascript=True) writes document.cookie.
- `uploader_in_vietnamese`: st.file_uploader has a label but no way to word its button ("Upload")
  or its line "20MB per file • XLSX, …", so CSS on Streamlit's test ids puts Vietnamese in their place.
- `toolbar_in_vietnamese`: the toolbar Streamlit puts over every chart and table ("Fullscreen",
  "Search", "Download as CSV", "Show/hide columns") has no locale and no API for its words, so a small
  script swaps them for Vietnamese in the buttons' labels and their tooltips as they appear.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from indicators.app.pages import PAGES


def chart_code_first_enabled() -> bool:
    """The middleware is on unless INDICATORS_CHART_CODE_FIRST is 0, off, no or false."""
    return os.environ.get("INDICATORS_CHART_CODE_FIRST", "1").strip().lower() not in ("0", "off", "no", "false")


def pages_come_from_navigation() -> None:
    """Private API: until some session has run st.navigation, Streamlit treats pages/ as old-style
    auto-discovered pages, so a bookmarked /so-sanh-huyen opened first after a restart shows an English
    "Page not found" dialog, and /tai_so_lieu would run without dashboard.py's login check."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def request_cookie(name: str) -> str | None:
    """A cookie as the browser sent it when this page was opened (not updated by set_browser_cookie
    until the next page load)."""
    import streamlit as st

    try:
        return st.context.cookies.get(name)
    except Exception:  # no browser behind this run (bare script)
        return None


def set_browser_cookie(name: str, value: str, max_age: int) -> None:
    """Write a cookie for the whole site from the page itself; max_age 0 deletes it. SameSite=Strict,
    and Secure whenever the page is served over https."""
    import streamlit as st

    script = (f"<script>document.cookie = {json.dumps(name)} + '=' + {json.dumps(value)} + "
              f"'; Path=/; Max-Age={int(max_age)}; SameSite=Strict' + "
              "(location.protocol === 'https:' ? '; Secure' : '');</script>")
    st.html(script, unsafe_allow_javascript=True)


UPLOADER_BUTTON = "Chọn tệp"


def uploader_in_vietnamese(types: list[str], max_mb: int) -> None:
    """Word the file uploaders of this page in Vietnamese: 'Chọn tệp' on the button, and 'Kéo thả
    tệp vào đây · tối đa 20 MB · XLSX, …' beside it. Streamlit's English stays in the page
    (at font size 0) for screen readers."""
    import streamlit as st

    line = f"Kéo thả tệp vào đây · tối đa {max_mb} MB · {', '.join(t.upper() for t in types)}"
    zone = "[data-testid=stFileUploaderDropzone]"
    st.html(f"""<style>
{zone} [data-testid=stBaseButton-secondary] [data-testid=stMarkdownContainer] p {{font-size: 0}}
{zone} [data-testid=stBaseButton-secondary] [data-testid=stMarkdownContainer] p::after {{
  content: {json.dumps(UPLOADER_BUTTON, ensure_ascii=False)}; font-size: 0.875rem}}
{zone} [data-testid=stFileUploaderDropzoneInstructions] span {{font-size: 0}}
{zone} [data-testid=stFileUploaderDropzoneInstructions] span::after {{content: {json.dumps(line, ensure_ascii=False)}; font-size: 0.875rem}}
</style>""")


def plotly_chart_code() -> Path | None:
    """Streamlit's own chunk of JavaScript for st.plotly_chart (plotly.js inside), if this version ships one."""
    import streamlit

    found = sorted((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))
    return found[0] if len(found) == 1 else None


class ChartCodeFirst:
    """ASGI middleware: a dashboard page opened in the browser fetches and starts Streamlit's chart
    code while the app itself loads, instead of after the first chart has arrived.

    Streamlit asks for its Plotly chunk (several MB of JavaScript) only when a chart reaches the
    browser; by then the server is busy running the page script, so the download crawls and the
    start-up comes on top. Every page but the upload page draws charts. The tags use the same
    relative path as Streamlit's own script tags, so they find the same file under any base URL; if
    this Streamlit ships no such chunk, pages are left as they are. The gain is measured by the
    benchmark's cold start (docs/BENCHMARKS.md)."""

    PAGES_WITHOUT_CHARTS = tuple(p.url_path for p in PAGES if not p.draws_charts)

    def __init__(self, app, chart_code: Path | None = None):
        self.app = app
        chart_code = chart_code or plotly_chart_code()
        self.fetch_tag = self.start_tag = None
        if chart_code is not None:
            src = f"./static/js/{chart_code.name}"
            self.fetch_tag = f'<link rel="modulepreload" crossorigin href="{src}" />'.encode()
            self.start_tag = f'<script type="module">import("{src}").catch(() => {{}})</script>'.encode()

    def _wants_chart_code(self, scope) -> bool:
        return (scope["type"] == "http" and scope.get("method") == "GET" and self.fetch_tag is not None
                and b"text/html" in dict(scope.get("headers", [])).get(b"accept", b"")
                and not scope.get("path", "").rstrip("/").endswith(self.PAGES_WITHOUT_CHARTS))

    def add_tags(self, page: bytes) -> bytes:
        """Fetch first thing in <head>; start once Streamlit's own code has run, at the end of <body>."""
        return page.replace(b"<head>", b"<head>" + self.fetch_tag, 1).replace(b"</body>", self.start_tag + b"</body>", 1)

    async def __call__(self, scope, receive, send):
        if not self._wants_chart_code(scope):
            await self.app(scope, receive, send)
            return
        # Ask for the page uncompressed (it is 8 kB), so the tags can be added
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]}
        held: dict = {}

        async def send_page(message):
            if message["type"] == "http.response.start":
                headers = {k.lower(): v for k, v in message.get("headers", [])}
                if (message.get("status") == 200 and headers.get(b"content-type", b"").startswith(b"text/html")
                        and b"content-encoding" not in headers
                        and b"content-disposition" not in headers):  # not a download (the briefing pack)
                    held["start"], held["body"] = message, b""
                    return
            elif "start" in held:
                if message["type"] == "http.response.pathsend":  # a file sent by path (ASGI extension)
                    held["body"] += Path(message["path"]).read_bytes()
                else:
                    held["body"] += message.get("body", b"")
                if message.get("more_body"):
                    return
                body = self.add_tags(held["body"])
                start = held.pop("start")
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in (b"content-length", b"etag")]
                await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, send_page)


# ---- uploads only from sessions logged in as editors --------------------------------------------
# Streamlit accepts a file for any live session at PUT /_stcore/upload_file/<session id>/<file id> and
# keeps it in memory until the session's widget asks for it, whatever the page shows. The login decides
# which sessions may upload (allow_uploads, called on every run); EditorsOnlyUploads refuses the others
# before reading a byte (app.py's stack, so `serve` and `streamlit run app.py`), and guard_upload_store
# refuses them where Streamlit stores the file (any launcher, `streamlit run dashboard.py` included).

UPLOAD_PATH = "/_stcore/upload_file/"
_EDITOR_SESSIONS: set[str] = set()


def this_session_id() -> str | None:
    """The Streamlit session the current script run belongs to."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None


def allow_uploads(allowed: bool) -> None:
    """Record whether this session may send files (an editor is logged in); called on every run, so
    a logout or a removed user stops uploads at once."""
    session = this_session_id()
    if session is None:
        return
    if allowed:
        _EDITOR_SESSIONS.add(session)
    else:
        _EDITOR_SESSIONS.discard(session)
    guard_upload_store()


def uploads_allowed(session_id: str) -> bool:
    return session_id in _EDITOR_SESSIONS


def upload_session(path: str) -> str | None:
    """The session id in an upload address (…/_stcore/upload_file/<session>/<file>), else None."""
    at = path.find(UPLOAD_PATH)
    if at < 0:
        return None
    return path[at + len(UPLOAD_PATH):].split("/", 1)[0]


def guard_upload_store() -> None:
    """Private API: wrap the running server's MemoryUploadedFileManager.add_file (called by Streamlit's
    upload route with the session id and the file) so that a file for a session not logged in as an
    editor is refused with 403 and never kept. Installed once per server, from the first script run."""
    from streamlit import runtime

    if not runtime.exists():
        return
    manager = runtime.get_instance().uploaded_file_mgr
    if getattr(manager, "_editors_only", False):
        return
    original = manager.add_file

    def add_file(session_id, file):
        if not uploads_allowed(session_id):
            from starlette.exceptions import HTTPException

            raise HTTPException(status_code=403, detail="Cần đăng nhập bằng tài khoản biên tập viên để tải tệp lên.")
        return original(session_id, file)

    manager.add_file = add_file
    manager._editors_only = True


class EditorsOnlyUploads:
    """ASGI middleware: an upload to a session that is not logged in as an editor gets 403 before its
    body is read, so a visitor on the login form cannot fill the server's memory with files."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope.get("method") == "PUT":
            session = upload_session(scope.get("path", ""))
            if session is not None and not uploads_allowed(session):
                body = "Cần đăng nhập bằng tài khoản biên tập viên để tải tệp lên.".encode()
                await send({"type": "http.response.start", "status": 403,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)

# Streamlit's toolbar words (frontend chunks Toolbar.*.js and DataFrame.*.js) and ours
TOOLBAR_WORDS = {
    "Fullscreen": "Toàn màn hình",
    "Close fullscreen": "Thoát toàn màn hình",
    "Search": "Tìm trong bảng",
    "Download as CSV": "Tải bảng dạng CSV",
    "Show/hide columns": "Ẩn/hiện cột",
    "Clear selection": "Bỏ chọn",
}


def toolbar_in_vietnamese() -> None:
    """Put Vietnamese in place of the chart and table toolbar's English: each button's aria-label and the
    tooltip shown on hover, watched once per browser page (a MutationObserver), whichever page is open."""
    import streamlit as st

    script = """<script>(() => {
  if (window.__toolbarInVietnamese) return;
  window.__toolbarInVietnamese = true;
  const words = %s;
  const fix = root => {
    if (root.nodeType !== 1) return;
    for (const el of [root, ...root.querySelectorAll('[aria-label]')]) {
      const said = el.getAttribute && el.getAttribute('aria-label');
      if (said && words[said]) el.setAttribute('aria-label', words[said]);
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const said = node.data.trim();
      if (words[said] && node.parentElement && node.parentElement.closest(
          '[data-baseweb=tooltip], [role=tooltip], [data-testid=stElementToolbar], [data-testid=stTooltipContent]'))
        node.data = node.data.replace(said, words[said]);
    }
  };
  new MutationObserver(changes => changes.forEach(change => {
    change.addedNodes.forEach(fix);
    if (change.type === 'attributes') fix(change.target);
  })).observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label']});
  fix(document.body);
})();</script>""" % json.dumps(TOOLBAR_WORDS, ensure_ascii=False)
    st.html(script, unsafe_allow_javascript=True)


def toolbar_chunks() -> list[Path]:
    """Streamlit's frontend chunks that hold the toolbar's words (checked by tests/test_vietnamese_ui.py)."""
    import streamlit

    js = Path(streamlit.__file__).parent / "static" / "static" / "js"
    return sorted(js.glob("Toolbar.*.js")) + sorted(js.glob("DataFrame.*.js"))
