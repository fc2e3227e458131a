"""A started server under protocol-level load (issue 16, item 8: CI's short version, 5 sessions for 30 s),
and uploads refused at the server for sessions not logged in as editors (item 6), whatever launched it."""
from __future__ import annotations

import asyncio
import shutil
import sys
import urllib.error
import urllib.request
import uuid

import pytest

from bench import load


@pytest.fixture
def served_db(shipped_db, tmp_path):
    db = tmp_path / "load.duckdb"
    shutil.copy(shipped_db, db)
    return db


@pytest.mark.timeout(300)
def test_five_sessions_for_thirty_seconds_all_succeed(served_db):
    result = load.measure(served_db, sessions=5, seconds=30)
    assert result["warm_up_ok"]
    assert result["sessions_ok"] == 5, result["problems"]
    assert result["runs_failed"] == 0, result["problems"]
    # each session opened both pages and then switched filters: more runs than the two openings each
    assert set(result["pages"]) == {"/", "so-sanh-huyen"} and result["runs"] > 5 * 2


def test_the_report_section_says_each_load_target_and_replaces_itself(tmp_path):
    figures = {"sessions": 50, "sessions_ok": 49, "runs": 1000, "runs_failed": 1, "problems": ["page not found"],
               "seconds": 300, "think_s": [1, 3], "rss_before_mb": 300, "rss_after_mb": 350, "rss_peak_mb": 420,
               "growth_mb": 50, "date": "2026-12-01",
               "pages": {"/": {"runs": 500, "median_s": 0.2, "p95_s": 0.9, "max_s": 2.5},
                         "so-sanh-huyen": {"runs": 500, "median_s": 0.3, "p95_s": 2.4, "max_s": 3.0}}}
    verdicts = {t.split(":")[1].strip().split(" ")[0]: ok for t, _, ok in load.targets(figures)}
    assert verdicts == {"50": False, "p95": False, "server": True}  # 49/50 sessions, p95 2.4 s, +50 MB
    report = tmp_path / "BENCHMARKS.md"
    report.write_text("# Benchmarks\n\n## Targets\n", encoding="utf-8")
    load.update_report(figures, report)
    load.update_report({**figures, "sessions_ok": 50}, report)
    text = report.read_text(encoding="utf-8")
    assert text.count(load.SECTION_START) == 1 and "## Targets" in text
    assert "| so-sanh-huyen | 500 | 0.30 s | 2.40 s | 3.00 s |" in text and "50/50 sessions" in text


def put_file(port: int, session_id: str) -> tuple[int, str]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n" + "a,b\n1,2\n" * 1000 + f"\r\n--{boundary}--\r\n").encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/_stcore/upload_file/{session_id}/{uuid.uuid4()}",
                                     data=body, method="PUT",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


async def upload_as_visitor(port: int) -> tuple[int, str]:
    async with load.ProtocolSession(port) as tab:
        assert (await tab.open("")).ok
        return await asyncio.to_thread(put_file, port, tab.session_id)  # while the session is live


@pytest.mark.timeout(400)
@pytest.mark.parametrize("launcher", ["serve", "streamlit run dashboard.py"])
def test_a_visitor_who_has_not_logged_in_cannot_push_files_to_the_server(served_db, tmp_path, launcher):
    command = ([sys.executable, "-m", "indicators", "serve"] if launcher == "serve"
               else [sys.executable, "-m", "streamlit", "run", "dashboard.py"])
    port = load.free_port()
    server = load.start_server(served_db, port, command=[*command, "--server.enableXsrfProtection", "false"],
                               env={"INDICATORS_USERS": str(tmp_path / "users.json"),
                                    "INDICATORS_UPLOADS": str(tmp_path / "uploads")})
    try:
        status, text = asyncio.run(upload_as_visitor(port))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert status == 403 and "biên tập viên" in text, (status, text)
