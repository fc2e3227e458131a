"""The benchmark's verdicts: a figure just over its target is reported as missed, with its spread."""
from bench.report import check_targets, write_report


def scale(import_runs, query_p95, browser_runs=None, pages=None):
    ordered = sorted(import_runs)
    entry = {"imports": {100_000: {"ours_s": ordered[len(ordered) // 2], "ours_runs_s": import_runs,
                                   "naive_s": 60.0, "peak_mb": 440.0}},
             "queries": {"district_comparison": (query_p95 / 2, query_p95), "indicator_trend": (0.001, 0.002)}}
    if browser_runs:
        runs = [{"server_start_s": 3.0, "open_to_title_s": 3.0, "open_to_chart_s": s, "launch_to_chart_s": s + 3,
                 "server_peak_mb": 700.0, "chart_code_asked_s": 0.1, "chart_code_received_s": 0.7}
                for s in browser_runs]
        entry["browser"] = {**sorted(runs, key=lambda r: r["open_to_chart_s"])[len(runs) // 2], "runs": runs}
    if pages:
        entry["pages"] = pages
    return entry


def verdicts(results):
    return {target: (measured, met) for target, measured, met in check_targets(results)}


def test_targets_are_judged_on_the_median_and_show_the_spread():
    pages = {"1_tong_quan": {"uncached": (0.1, 0.19), "cached": (0.02, 0.03)},
             "3_theo_thoi_gian": {"uncached": (0.2, 0.26), "cached": (0.02, 0.049)}}
    results = {"scales": {
        "M": scale([2.61, 2.95, 3.40, 2.70, 2.88], 0.049, browser_runs=[4.2, 4.4, 6.0, 4.3, 4.9], pages=pages),
        "L": scale([3.01, 2.99, 3.10, 2.80, 3.30], 0.31),
    }}
    v = verdicts(results)
    assert v["M: 100,000-row .xlsx imported in < 3 s, ≥ 5× naive"] == (
        "2.88 s (median of 5 runs, 2.61–3.40 s), 20.8×", True)
    assert v["L: 100,000-row .xlsx imported in < 3 s, ≥ 5× naive"][1] is False  # median 3.01 s
    assert v["M: every query p95 < 50 ms"] == ("slowest district_comparison 49.0 ms", True)
    assert v["L: every query p95 < 300 ms"] == ("slowest district_comparison 310.0 ms", False)
    assert v["M: every page's server time p95 < 250 ms"] == ("slowest 3_theo_thoi_gian 260.0 ms", False)
    assert v["M: cached filter switch p95 < 50 ms"] == ("slowest 3_theo_thoi_gian 49.0 ms", True)
    measured, met = v["M: cold start to first chart < 5 s (fresh server, fresh browser, page opened)"]
    assert measured == "4.40 s (median of 5 runs, 4.20–6.00 s)" and met
    # the server's launch is reported beside the cold start, never counted as a target met or missed
    assert v["M: … counting the server's own launch too (reported, not judged: see below)"] == ("7.40 s", None)


def test_the_report_marks_each_verdict_and_shows_the_floor(tmp_path):
    pages = {"1_tong_quan": {"uncached": (0.1, 0.19), "cached": (0.02, 0.03)}}
    floor_runs = [{"server_start_s": 1.4, "open_to_chart_s": s, "launch_to_chart_s": s + 1.4} for s in (3.5, 3.9, 4.2)]
    m = scale([2.9, 3.1, 2.8], 0.02, browser_runs=[4.2, 5.3, 4.4], pages=pages)
    m.update(facts=3_960_000, units=3300, indicators=100, periods=12, generate_s=17.0, db_mb=187.0,
             naive_queries={q: (0.08, 0.09) for q in m["queries"]}, naive_read_s=None)
    results = {
        "machine": {"date": "2026-11-29", "cpu": "cpu", "cores": 2, "memory_gb": 24, "os": "Linux", "python": "3.11",
                    "duckdb": "1", "pandas": "3", "streamlit": "1"},
        "runs": 30,
        "streamlit_floor": {**floor_runs[1], "runs": floor_runs},
        "scales": {"M": m},
    }
    path = tmp_path / "BENCHMARKS.md"
    write_report(results, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    row = {line.split(" | ")[0].lstrip("| "): line for line in lines if line.startswith("| M: ")}
    assert row["M: 100,000-row .xlsx imported in < 3 s, ≥ 5× naive"].endswith("| ✓ |")
    assert row["M: every query p95 < 50 ms"].endswith("| ✓ |")
    assert row["M: cold start to first chart < 5 s (fresh server, fresh browser, page opened)"].endswith(
        "4.40 s (median of 3 runs, 4.20–5.30 s) | ✓ |")
    assert row["M: … counting the server's own launch too (reported, not judged: see below)"].endswith(
        "7.40 s (a four-line Streamlit app with one chart: 5.30 s) | – |")
    text = "\n".join(lines)
    assert "Cold start is read as a leader meets it" in text
    assert "page opened to chart 3.90 s (median of 3 runs, 3.50–4.20 s)" in text
