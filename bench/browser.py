"""Cold start in headless Chromium: server launch to the first chart drawn, for the dashboard and for
a four-line Streamlit app (the floor), and the dashboard server's peak memory."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from indicators.app.pages import CHART_PAGES, COMPARISON
from indicators.app.streamlit_compat import plotly_chart_code
from indicators.store import database as store

CHROMIUM = "/usr/bin/chromium"
BROWSER_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 120_000

FLOOR_APP = """import plotly.graph_objects as go
import streamlit as st

st.title("Văn Quan, Bắc Sơn, Tràng Định")
st.plotly_chart(go.Figure(go.Bar(x=["Văn Quan", "Bắc Sơn", "Tràng Định"], y=[26974, 49000, 31000])))
"""


def bench_browser(db: Path) -> dict[str, float] | None:
    """Cold start (server launch to the first chart drawn in Chromium) and the server's peak memory
    after every page has been opened."""
    return _cold_start([sys.executable, "-m", "indicators", "serve"], {"INDICATORS_DB": str(db)}, COMPARISON.path,
                       then=tuple(page.path for page in CHART_PAGES if page != COMPARISON))


def bench_streamlit_floor(folder: Path) -> dict[str, float] | None:
    """The same cold start for a four-line Streamlit app drawing one Plotly bar chart under plain
    `streamlit run`: what Streamlit and Plotly cost on this machine before any work of the dashboard."""
    app = folder / "floor_app.py"
    app.write_text(FLOOR_APP, encoding="utf-8")
    return _cold_start([sys.executable, "-m", "streamlit", "run", str(app)], {}, "/")


def plotly_bundle_mb() -> float:
    found = plotly_chart_code()
    return found.stat().st_size / 1024 ** 2 if found else float("nan")


def _cold_start(command: list[str], env: dict, path: str, then: tuple[str, ...] = ()) -> dict[str, float] | None:
    """Launch a server, open `path` in a fresh headless Chromium once it answers, time the first chart drawn,
    then open the pages in `then` and read the server's peak memory."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright  # imported before the clock starts

    port = _free_port()
    start = time.perf_counter()
    server = subprocess.Popen([*command, "--server.port", str(port), "--server.headless", "true"],
                              cwd=store.PROJECT_DIR, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        times = _open_in_chromium(sync_playwright, f"http://127.0.0.1:{port}", path, then)
        peak = _vm_hwm_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
    opened, first_chart, bundle = times["opened"], times["first_chart"], times["bundle"]
    return {"server_start_s": times["server_up"] - start, "open_to_chart_s": first_chart - opened,
            "open_to_title_s": times["title"] - opened, "launch_to_chart_s": first_chart - start,
            "server_peak_mb": peak, "chart_code_asked_s": bundle.get("asked", first_chart) - opened,
            "chart_code_received_s": bundle.get("received", first_chart) - opened}


def _open_in_chromium(sync_playwright, url: str, path: str, then: tuple[str, ...]) -> dict:
    """The browser's side of a cold start: the moments (perf_counter) each step was reached."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        _wait_until_healthy(url)
        server_up = time.perf_counter()
        opened = time.perf_counter()
        bundle = {}  # when the browser asked for and received Streamlit's Plotly bundle (JavaScript)
        page.on("request", lambda r: "PlotlyChart" in r.url and bundle.setdefault("asked", time.perf_counter()))
        page.on("requestfinished",
                lambda r: "PlotlyChart" in r.url and bundle.setdefault("received", time.perf_counter()))
        page.goto(url + path)
        page.wait_for_selector("h1", timeout=TIMEOUT_MS)
        title = time.perf_counter()
        page.wait_for_selector(".js-plotly-plot .xtick", timeout=TIMEOUT_MS)
        first_chart = time.perf_counter()
        for other in then:
            page.goto(url + other)
            page.wait_for_selector("h1", timeout=TIMEOUT_MS)
            time.sleep(1.5)
        browser.close()
    return {"server_up": server_up, "opened": opened, "title": title, "first_chart": first_chart, "bundle": bundle}


def _wait_until_healthy(url: str) -> None:
    while True:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            return
        except OSError:
            time.sleep(0.05)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
