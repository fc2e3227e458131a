"""`python -m indicators serve`: start the dashboard with its heavy parts loaded first.

A plain `streamlit run` imports pandas, Plotly and DuckDB, opens the database and builds
Plotly's validators during the first visitor's page load; doing it before the server
listens makes the first chart in a meeting as quick as every later one.
"""
from __future__ import annotations

import inspect
import sys
import time
from pathlib import Path

from indicators.app.pages import PAGES
from indicators.compat import freeze_heap
from indicators.store import database as store

# The launcher `streamlit run` is given: dashboard.py inside st.App, with ChartCodeFirst in front.
LAUNCHER = store.PROJECT_DIR / "app.py"


def warm_up() -> float:
    start = time.perf_counter()
    import pyarrow  # noqa: F401
    import streamlit  # noqa: F401  (not indicators.ui: its caches must be created under the server)
    import streamlit.emojis  # noqa: F401  (compiled on the first st.set_page_config with an emoji icon)

    from indicators.ingest.build import ensure_database

    # What indicators.ui and the pages import, so the first visitor's script run does not import it
    from indicators.views import (  # noqa: F401
        briefing,
        charts,
        export,
        focus,
        overview,
        tables,
        trend,
        upload_preview,
    )

    db = ensure_database()
    con = store.connect(db)
    store.migrate(con)
    _draw_default_charts(con)
    store.hand_over(db, con)
    # Streamlit's first element in a process asks inspect whether it runs in a REPL, and inspect
    # then maps every loaded module to its file (~0.1 s); after this call only new modules are left.
    inspect.stack()
    return time.perf_counter() - start


def _draw_default_charts(con) -> None:
    """Build the charts a first visitor most likely opens, with the real chart code: Plotly creates
    its template and validators on first use and DuckDB reads the file's pages, so that visitor does
    not wait."""
    from indicators.store.named import run_query
    from indicators.views import charts

    periods = run_query(con, "available_periods")
    if periods.empty:
        return
    year, period = int(periods.iloc[0]["year"]), periods.iloc[0]["period"]
    districts = store.district_names(con)[:3]
    available = run_query(con, "comparable_indicators", year=year, period=period)
    codes = charts.default_comparison(list(available["indicator_code"]))
    if not codes:
        return
    rows = run_query(con, "district_comparison", year=year, period=period, indicator_codes=codes,
                     districts=districts)
    charts.comparison_figure(rows[rows["indicator_code"] == codes[0]], "").to_json()
    trend = run_query(con, "indicator_trend", indicator_code=codes[0], districts=districts)
    if len(trend):
        revisions = run_query(con, "indicator_revisions", indicator_code=codes[0], districts=districts)
        charts.trend_figure(trend, revisions).to_json()


def plotly_chart_code() -> Path | None:
    """Streamlit's own chunk of JavaScript for st.plotly_chart (plotly.js inside), if this version ships one."""
    import streamlit

    found = sorted((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))
    return found[0] if len(found) == 1 else None


class ChartCodeFirst:
    """ASGI middleware: a dashboard page opened in the browser fetches and starts Streamlit's chart
    code while the app itself loads, instead of after the first chart has arrived.

    Streamlit asks for its Plotly chunk (4.5 MB of JavaScript that takes about 1.3 s to start on a
    2-core machine) only when a chart reaches the browser. By then the server is running the page
    script, so the download crawls, and the start-up comes on top. Every page but the upload page
    draws charts. The tags use the same relative path as Streamlit's own script tags, so they find
    the same file under any base URL; if this Streamlit ships no such chunk, pages are left as they are.
    Measured side by side on this 2-core VM (fresh server and browser, comparison page at scale M):
    first chart after 4.3 s instead of 5.7 s; the title comes later (3.7 s instead of 2.1 s), with
    the rest of the page."""

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


def settle_heap() -> None:
    """Move what start-up built (libraries, validators, the connection) out of the collector's sight.

    Streamlit runs a full garbage collection after every script run, and Python runs one now and
    then by itself; each walks every live object, 80–100 ms on this 2-core machine with the
    libraries loaded, while the server can do nothing else. Frozen, they are skipped."""
    freeze_heap()


def main(streamlit_args: list[str]) -> int:
    seconds = warm_up()
    settle_heap()
    print(f"Đã nạp sẵn thư viện và cơ sở dữ liệu trong {seconds:.1f} giây; đang khởi động bảng điều khiển…",
          flush=True)
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    # Until some session has run st.navigation, Streamlit treats pages/ as old-style auto-discovered
    # pages: a bookmarked /so-sanh-huyen opened first after a restart shows an English "Page not
    # found" dialog, and /tai_so_lieu would run that page without dashboard.py's login check.
    PagesManager.uses_pages_directory = False

    sys.argv = ["streamlit", "run", str(LAUNCHER), *streamlit_args]
    return cli.main()
