"""python -m bench.revisions: earlier revisions timed beside the working tree in one run, so issue 12's
"no page or query slower than before" is a ratio measured side by side, with the same parameters."""
import subprocess

import pytest

from bench import revisions
from indicators.app.pages import CHART_PAGES
from indicators.store.database import PROJECT_DIR
from indicators.store.named import query_names

BEFORE_THE_RESHAPE = "e2ebb16"  # issue 12's "before": the last commit with the flat package and indicators/bench.py


def rounds(*values):
    return [{"page x cached": v} for v in values]


def test_only_a_figure_whose_every_round_is_slower_than_every_round_of_the_base_is_marked_slower():
    rows = revisions.summarise({
        "base": rounds(10.0, 11.0, 12.0, 10.5),
        "same, noisy": rounds(12.3, 12.5, 10.2, 12.4),  # median above the base's slowest, yet the ranges overlap
        "slower": rounds(12.1, 12.6, 13.0, 12.4),       # fastest round above the base's slowest
    })
    trees = rows[0]["trees"]
    assert trees["base"] == {"median": 10.75, "low": 10.0, "high": 12.0}
    assert trees["same, noisy"]["slower"] is False and trees["slower"]["slower"] is True
    assert trees["slower"]["ratio"] == pytest.approx(12.5 / 10.75)


def test_a_figure_the_base_does_not_have_is_shown_without_a_ratio():
    rows = revisions.summarise({"base": [{"query a": 1.0}], "new": [{"query a": 1.0, "query b": 2.0}]})
    by_figure = {row["figure"]: row["trees"] for row in rows}
    assert set(by_figure["query b"]) == {"new"} and "ratio" not in by_figure["query b"]["new"]
    report = revisions.report({"base": [{"query a": 1.0}], "new": [{"query a": 1.0, "query b": 2.0}]}, "S", 1)
    assert "| query b | – | 2.0 (2.0–2.0) |" in report


def worktrees() -> str:
    return subprocess.run(["git", "-C", str(PROJECT_DIR), "worktree", "list"], capture_output=True, text=True, check=True).stdout


@pytest.mark.timeout(300)
def test_head_beside_the_working_tree_times_every_query_and_page_and_leaves_no_checkout(tmp_path):
    results = revisions.compare(["HEAD"], "S", runs=1, rounds=1, what="both", folder=tmp_path)
    head, here = results
    assert here.startswith("working tree: ")
    expected = {f"query {name}" for name in query_names()} | {
        f"page {page.key} {mode}" for page in CHART_PAGES for mode in ("cached", "uncached")}
    for label in (head, here):
        assert set(results[label][0]) == expected and all(ms > 0 for ms in results[label][0].values())
    assert str(tmp_path) not in worktrees()


@pytest.mark.timeout(300)
def test_the_revision_before_the_reshape_is_timed_by_its_own_benchmark(tmp_path):
    """e2ebb16 kept its benchmark inside the package (indicators/bench.py): tree_probe finds it there."""
    known = subprocess.run(["git", "-C", str(PROJECT_DIR), "cat-file", "-e", f"{BEFORE_THE_RESHAPE}^{{commit}}"],
                           check=False)
    if known.returncode:
        pytest.skip(f"{BEFORE_THE_RESHAPE} is not in this clone's history (a shallow clone)")
    results = revisions.compare([BEFORE_THE_RESHAPE], "S", runs=1, rounds=1, what="queries", folder=tmp_path)
    before, here = (results[label][0] for label in results)
    assert "query period_facts" in before and "query source_lookup" in before
    assert set(before) <= set(here)  # every query it had is still here (new ones are timed beside it)
    assert str(tmp_path) not in worktrees()
