"""How `python -m indicators serve` changes what the browser receives: the dashboard's pages ask for
Streamlit's chart code as they load; nothing else is touched."""
from __future__ import annotations

import asyncio
from pathlib import Path

from indicators.app.streamlit_compat import (
    ChartCodeFirst,
    chart_code_first_enabled,
    pages_come_from_navigation,
    plotly_chart_code,
)

PAGE = b"<!DOCTYPE html><html><head><title>Streamlit</title></head><body><div id=root></div></body></html>"


def _serve(path: str, accept: bytes, body_parts: list[bytes], content_type: bytes = b"text/html; charset=utf-8",
           extra_headers: tuple = ()):
    """Run one GET through the middleware in front of a stand-in for Streamlit's static files."""
    seen_by_streamlit: dict = {}

    async def streamlit_static(scope, receive, send):
        seen_by_streamlit["headers"] = dict(scope["headers"])
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", content_type), (b"etag", b'"abc"'),
                                (b"content-length", str(sum(map(len, body_parts))).encode()), *extra_headers]})
        for i, part in enumerate(body_parts):
            await send({"type": "http.response.body", "body": part, "more_body": i < len(body_parts) - 1})

    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {"type": "http", "method": "GET", "path": path,
             "headers": [(b"accept", accept), (b"accept-encoding", b"gzip, deflate")]}
    asyncio.run(ChartCodeFirst(streamlit_static)(scope, receive, send))
    headers = dict(sent[0]["headers"])
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return headers, body, seen_by_streamlit["headers"]


def test_streamlit_ships_the_chart_code_the_pages_ask_for():
    code = plotly_chart_code()
    assert code is not None and code.stat().st_size > 1_000_000


def test_a_dashboard_page_fetches_the_chart_code_first_and_starts_it_after_streamlit():
    name = plotly_chart_code().name
    headers, body, asked = _serve("/so-sanh-huyen", b"text/html,application/xhtml+xml", [PAGE[:40], PAGE[40:]])
    assert body.startswith(f'<!DOCTYPE html><html><head><link rel="modulepreload" crossorigin '
                           f'href="./static/js/{name}" />'.encode())
    assert body.endswith(f'<script type="module">import("./static/js/{name}").catch(() => {{}})</script>'
                         f'</body></html>'.encode())
    assert int(headers[b"content-length"]) == len(body)
    assert b"etag" not in headers  # the page is no longer the file Streamlit's ETag names
    assert b"accept-encoding" not in asked  # asked for uncompressed, so the tags can be added


def test_the_upload_page_and_everything_else_pass_untouched():
    for path, accept, content_type in (("/tai-so-lieu", b"text/html", b"text/html"),
                                       ("/static/js/index.js", b"*/*", b"application/javascript"),
                                       ("/_stcore/health", b"application/json", b"text/html")):
        headers, body, asked = _serve(path, accept, [PAGE], content_type)
        assert body == PAGE
        assert headers[b"etag"] == b'"abc"'
        assert asked[b"accept-encoding"] == b"gzip, deflate"


def test_a_downloaded_html_file_is_left_as_the_app_made_it():
    attachment = ((b"content-disposition", b'attachment; filename="tai-lieu-hop.html"'),)
    headers, body, _ = _serve("/media/abc.html", b"text/html", [PAGE], extra_headers=attachment)
    assert body == PAGE and headers[b"etag"] == b'"abc"'


def test_streamlits_own_page_has_the_places_the_tags_go():
    """ChartCodeFirst inserts after <head> and before </body>, beside Streamlit's relative script tags."""
    import streamlit

    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    assert index.count("<head>") == 1 and index.count("</body>") == 1
    assert './static/js/' in index


def test_pages_come_from_navigation_flips_the_flag_streamlit_reads():
    from streamlit.runtime.pages_manager import PagesManager

    assert hasattr(PagesManager, "uses_pages_directory"), "Streamlit renamed the flag serve relies on"
    before = PagesManager.uses_pages_directory
    try:
        pages_come_from_navigation()
        assert PagesManager.uses_pages_directory is False
    finally:
        PagesManager.uses_pages_directory = before


def test_the_middleware_can_be_switched_off(monkeypatch):
    for value, expected in (("0", False), ("off", False), ("1", True), ("", True)):
        monkeypatch.setenv("INDICATORS_CHART_CODE_FIRST", value)
        assert chart_code_first_enabled() is expected
    monkeypatch.delenv("INDICATORS_CHART_CODE_FIRST")
    assert chart_code_first_enabled()


def test_serve_neither_watches_source_files_nor_collects_after_every_run_unless_asked():
    """Under 20 protocol-level sessions (bench/load.py), Streamlit's source watcher (walking every loaded
    module after each run of each session) and its full collection after every run held pages up for
    seconds; `serve` turns both off by default, and an option given on the command line still wins."""
    from streamlit import config

    from indicators.app.serve import streamlit_argv

    argv = streamlit_argv(["--server.port", "8600"])
    assert argv[argv.index("--server.fileWatcherType") + 1] == "none"
    assert argv[argv.index("--runner.postScriptGC") + 1] == "false"
    assert argv[-2:] == ["--server.port", "8600"]
    mine = streamlit_argv(["--server.fileWatcherType", "auto"])
    assert mine.count("--server.fileWatcherType") == 1 and mine[-1] == "auto"
    # the options still exist in this Streamlit (a renamed option would be refused at start)
    assert config.get_option("runner.postScriptGC") in (True, False)
    assert config.get_option("server.fileWatcherType") in ("auto", "watchdog", "poll", "none")
