"""How the benchmark turns timed samples into figures, shared by every measurement."""
from __future__ import annotations

import statistics

RUNS = 30
PAGE_RUNS = 20  # per page and mode: p95 is then the 19th of 20, not simply the slowest
# Imports and cold starts: the median of five runs. This machine's speed varies by 10–30% from run to run;
# with three runs one slow run could decide a target, so the report also shows each figure's spread.
REPEATS = 5


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def median_of_runs(measure) -> dict | None:
    """The median of REPEATS runs of each figure `measure` returns, with the runs themselves."""
    runs = [measure() for _ in range(REPEATS)]
    if not all(runs):
        return None
    out = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    out["runs"] = runs
    return out
