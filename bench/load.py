"""Load: many sessions at once, spoken in Streamlit's own websocket protocol (BackMsg out, ForwardMsg in),
so the two cores measure the server and not browsers. Each simulated leader opens the overview and the
comparison page, then keeps switching the period (the sidebar's filter) on one or the other, with a
pause between clicks, until the time is up.

    python -m bench.load                      # 50 sessions, 5 minutes, the shipped data; updates docs/BENCHMARKS.md
    python -m bench.load --sessions 5 --seconds 30 --no-report

A page's server time is the time from sending the rerun to the ForwardMsg script_finished that ends it:
what the leader waits for, queueing included. A session succeeds when every run it made finished
successfully, with no exception element and no "page not found". Server memory is read from /proc
before the sessions start (after one warm-up visit of each page) and after they have all closed.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from indicators.app.pages import COMPARISON, OVERVIEW
from indicators.store.database import PROJECT_DIR

PAGES = (OVERVIEW, COMPARISON)
PERIOD_WIDGET = "w_period"  # the key of the period filter every period page has (widgets.period_picker)
THINK_SECONDS = (1.0, 3.0)  # a leader's pause between two clicks
TARGET_P95_S, TARGET_GROWTH_MB = 2.0, 100.0
SECTION_START, SECTION_END = "<!-- load:start -->", "<!-- load:end -->"


@dataclass
class Run:
    page: str
    seconds: float
    ok: bool
    problem: str = ""


@dataclass
class PageState:
    """What the last run of a page showed that the next click needs: its filters' ids and options."""

    selectboxes: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # key -> (widget id, options)


class ProtocolSession:
    """One browser tab as the server sees it: a websocket on /_stcore/stream carrying protobuf messages."""

    def __init__(self, port: int, host: str = "127.0.0.1"):
        self.url = f"ws://{host}:{port}/_stcore/stream"
        self.origin = f"http://{host}:{port}"
        self.session_id: str | None = None
        self.page_hashes: dict[str, str] = {}  # url path -> page_script_hash, from the navigation message
        self.pages: dict[str, PageState] = {}
        self.ws = None

    async def __aenter__(self):
        import websockets

        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], origin=self.origin,
                                           max_size=None, open_timeout=60, ping_interval=None)
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def open(self, url_path: str, query_string: str = "", widgets: dict[str, str] | None = None,
                   timeout: float = 120.0) -> Run:
        """Run a page as a click would: the page's hash (or its address on the first visit), the query
        string, and the filters' states; wait for the run to end."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query_string
        if url_path in self.page_hashes:
            state.page_script_hash = self.page_hashes[url_path]
        state.page_name = url_path
        page = self.pages.setdefault(url_path, PageState())
        for key, value in (widgets or {}).items():
            widget_id, _ = page.selectboxes[key]
            w = state.widget_states.widgets.add()
            w.id = widget_id
            w.string_value = value
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        try:
            problem = await asyncio.wait_for(self._until_finished(page), timeout)
        except asyncio.TimeoutError:
            problem = f"no end of run within {timeout:.0f} s"
        return Run(url_path or "/", time.perf_counter() - start, not problem, problem)

    async def _until_finished(self, page: PageState) -> str:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        problem = ""
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id
                self._remember_pages(msg.new_session.app_pages)
            elif kind == "navigation":
                self._remember_pages(msg.navigation.app_pages)
            elif kind == "page_not_found":
                problem = "page not found"
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                problem = problem or self._read_element(msg.delta.new_element, page)
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # the script asked for a rerun; the next one ends this click
                return problem or ("" if status == ForwardMsg.FINISHED_SUCCESSFULLY else f"finished with {status}")

    def _remember_pages(self, app_pages) -> None:
        for p in app_pages:
            self.page_hashes[p.url_pathname] = p.page_script_hash

    @staticmethod
    def _read_element(element, page: PageState) -> str:
        kind = element.WhichOneof("type")
        if kind == "exception":
            return f"exception: {element.exception.type}: {element.exception.message[:200]}"
        if kind == "selectbox":
            key = element.selectbox.id.rsplit("-", 1)[-1]
            page.selectboxes[key] = (element.selectbox.id, list(element.selectbox.options))
        return ""


async def leader(port: int, deadline: float, seed: int, runs: list[Run], started: asyncio.Event | None = None) -> bool:
    """One simulated leader: open both pages, then switch the period on either until the deadline."""
    rng = random.Random(seed)
    ok = True
    try:
        async with ProtocolSession(port) as tab:
            for info in PAGES:
                run = await tab.open(info.url_path)
                runs.append(run)
                ok &= run.ok
            while time.monotonic() < deadline:
                await asyncio.sleep(rng.uniform(*THINK_SECONDS))
                info = rng.choice(PAGES)
                widget = tab.pages.get(info.url_path, PageState()).selectboxes.get(PERIOD_WIDGET)
                choice = {PERIOD_WIDGET: rng.choice(widget[1])} if widget and widget[1] else None
                run = await tab.open(info.url_path, widgets=choice)
                runs.append(run)
                ok &= run.ok
    except Exception as exc:  # a dropped connection is a failed session, reported, not a crash of the load
        runs.append(Run("connection", 0.0, False, f"{type(exc).__name__}: {exc}"))
        return False
    return ok


async def run_load(port: int, sessions: int, seconds: float) -> dict:
    runs: list[Run] = []
    deadline = time.monotonic() + seconds
    # arrivals spread over the first few seconds, as people open a link sent to a meeting
    async def arrive(i):
        await asyncio.sleep(i * min(0.1, 5.0 / max(sessions, 1)))
        return await leader(port, deadline, i, runs)

    results = await asyncio.gather(*(arrive(i) for i in range(sessions)))
    return summarise(runs, results)


def summarise(runs: list[Run], results: list[bool]) -> dict:
    by_page = {}
    for page in sorted({r.page for r in runs if r.page != "connection"}):
        times = sorted(r.seconds for r in runs if r.page == page and r.ok)
        by_page[page] = {"runs": len(times), "median_s": statistics.median(times) if times else None,
                         "p95_s": _p95(times), "max_s": times[-1] if times else None}
    failed = [r for r in runs if not r.ok]
    return {"sessions": len(results), "sessions_ok": sum(results), "runs": len(runs), "runs_failed": len(failed),
            "problems": sorted({r.problem for r in failed})[:10], "pages": by_page}


def _p95(times: list[float]) -> float | None:
    if not times:
        return None
    return times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


# ---- the server under load ----------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, command: list[str] | None = None, env: dict | None = None,
                 timeout: float = 180.0) -> subprocess.Popen:
    """`python -m indicators serve` on `db` (or another launcher), returned once it answers its health check."""
    command = command or [sys.executable, "-m", "indicators", "serve"]
    server = subprocess.Popen([*command, "--server.port", str(port), "--server.headless", "true"],
                              cwd=PROJECT_DIR, env={**os.environ, "INDICATORS_DB": str(db), **(env or {})},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited with {server.returncode}: {server.stderr.read()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("server did not answer its health check")


def rss_mb(pid: int) -> tuple[float, float]:
    """(resident now, resident peak) of a process, in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _with_machine_load(work) -> tuple[dict, float]:
    """Run the load while sampling the machine's 1-minute load average (other programs on the same cores
    lengthen every queue); returns the result and the mean load average."""
    samples = []

    async def sample():
        while True:
            samples.append(os.getloadavg()[0])
            await asyncio.sleep(10)

    sampler = asyncio.create_task(sample())
    try:
        return await work, statistics.mean(samples)
    finally:
        sampler.cancel()


def measure(db: Path, sessions: int, seconds: float) -> dict:
    """Start a server, visit each page once (as its first visitor would), then run the load and read memory."""
    port = free_port()
    server = start_server(db, port)
    try:
        warm = asyncio.run(run_load(port, 1, 0))
        before, _ = rss_mb(server.pid)
        cpu, start = cpu_seconds(server.pid), time.perf_counter()
        result, machine_load = asyncio.run(_with_machine_load(run_load(port, sessions, seconds)))
        result["wall_s"] = time.perf_counter() - start
        result["server_cpu_ms_per_run"] = (cpu_seconds(server.pid) - cpu) / max(result["runs"], 1) * 1000
        result["load_average"] = machine_load
        time.sleep(5)  # sessions closed: let the server drop them
        after, peak = rss_mb(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    result.update(seconds=seconds, think_s=list(THINK_SECONDS), warm_up_ok=warm["runs_failed"] == 0,
                  rss_before_mb=before, rss_after_mb=after, rss_peak_mb=peak, growth_mb=after - before)
    return result


def shipped_copy(folder: Path) -> Path:
    """The shipped reports built into a database of the benchmark's own (never the real one)."""
    from indicators.ingest.build import build_database

    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "load.duckdb"
    build_database(db, archive_dir=folder / "load-uploads")
    return db


# ---- report ---------------------------------------------------------------------------------------

def targets(load: dict) -> list[tuple[str, str, bool]]:
    """Issue 16's load targets, with what was measured and whether each is met."""
    worst = max(load["pages"], key=lambda p: load["pages"][p]["p95_s"] or 0.0)
    p95 = load["pages"][worst]["p95_s"] or float("inf")
    n, minutes = load["sessions"], load["seconds"] / 60
    return [
        (f"load: {n} sessions for {minutes:g} min all succeed", f"{load['sessions_ok']}/{n} sessions, "
         f"{load['runs'] - load['runs_failed']}/{load['runs']} page runs", load["sessions_ok"] == n),
        (f"load: p95 server time per page < {TARGET_P95_S:g} s", f"slowest {worst} {p95:.2f} s", p95 < TARGET_P95_S),
        (f"load: server memory growth < {TARGET_GROWTH_MB:g} MB after the run", f"{load['growth_mb']:+.0f} MB "
         f"({load['rss_before_mb']:.0f} → {load['rss_after_mb']:.0f} MB, peak {load['rss_peak_mb']:.0f} MB)",
         load["growth_mb"] < TARGET_GROWTH_MB),
    ]


def section_lines(load: dict | None) -> list[str]:
    """The report's load section, between markers so a load-only run can replace it in place."""
    if not load:
        return []
    verdict = {True: "✓", False: "✗"}
    lines = [SECTION_START, "## Load (issue 16): concurrent sessions over Streamlit's websocket protocol", "",
             f"{load['sessions']} sessions, each a leader opening Tổng quan and So sánh huyện and then switching the "
             f"period on one of them every {load['think_s'][0]:g}–{load['think_s'][1]:g} s, for "
             f"{load['seconds'] / 60:g} minutes, against `python -m indicators serve` on the shipped reports "
             f"(`python -m bench.load`, {load.get('date', '')}). Each session is a protocol-level client "
             "(`bench/load.py`: BackMsg rerun_script out, ForwardMsg in), not a browser, so the two cores measure "
             "the server. A page's time runs from the click to the server's script_finished, queueing included.",
             "", "| target | measured | met |", "|---|---|:---:|",
             *[f"| {t} | {m} | {verdict[ok]} |" for t, m, ok in targets(load)], "",
             "| page | runs | median | p95 | max |", "|---|---:|---:|---:|---:|"]
    for page, p in load["pages"].items():
        lines.append(f"| {page} | {p['runs']} | {p['median_s']:.2f} s | {p['p95_s']:.2f} s | {p['max_s']:.2f} s |")
    if "load_average" in load:
        lines += ["", f"While it ran, the machine's 1-minute load average was {load['load_average']:.1f} on "
                  f"{os.cpu_count()} cores (other programs share them), and the server used "
                  f"{load['server_cpu_ms_per_run']:.0f} ms of CPU per page run."]
    if load["problems"]:
        lines += ["", "Problems: " + "; ".join(load["problems"])]
    return [*lines, "", SECTION_END]


def previous_load(path: Path) -> dict | None:
    """The load figures of the last run written beside the report (its JSON), if any."""
    raw = path.with_suffix(".json")
    try:
        return json.loads(raw.read_text(encoding="utf-8")).get("load")
    except (OSError, ValueError):
        return None


def update_report(load: dict, path: Path) -> None:
    """Put the load section into docs/BENCHMARKS.md (replacing an earlier one) and the figures into its JSON."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = "\n".join(section_lines(load))
    if SECTION_START in text and SECTION_END in text:
        head, rest = text.split(SECTION_START, 1)
        text = head + section + rest.split(SECTION_END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
    raw = path.with_suffix(".json")
    data = json.loads(raw.read_text(encoding="utf-8")) if raw.exists() else {}
    data["load"] = load
    raw.write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")


def run_default(sessions: int = 50, seconds: float = 300, db: Path | None = None) -> dict:
    """The load on the shipped reports (built into a folder of the benchmark's own), or on `db`."""
    import datetime as dt

    folder = PROJECT_DIR / "bench-data"
    folder.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="load-", dir=folder) as tmp:
        load = measure(db or shipped_copy(Path(tmp)), sessions, seconds)
    load["date"] = dt.date.today().isoformat()
    return load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description="tải đồng thời qua giao thức websocket")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--db", help="cơ sở dữ liệu (mặc định: các báo cáo kèm theo, dựng riêng cho lần đo)")
    parser.add_argument("--out", default=str(PROJECT_DIR / "docs" / "BENCHMARKS.md"))
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args(argv)
    load = run_default(args.sessions, args.seconds, Path(args.db) if args.db else None)
    print(json.dumps(load, indent=1, ensure_ascii=False))
    if not args.no_report:
        update_report(load, Path(args.out))
        print(f"Đã ghi {args.out}")
    return 0 if all(ok for _, _, ok in targets(load)) else 1


if __name__ == "__main__":
    sys.exit(main())
