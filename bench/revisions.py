"""Earlier revisions beside this working tree: each one's own query and page benchmark, taking turns
in one run on one machine with the same parameters, so "no slower than before" is a ratio measured
side by side here, not two reports from two machines compared.

    python -m bench.revisions e2ebb16 9832349 --rounds 4 --runs 10 --scale M

The first revision is the base. A figure counts as slower than the base beyond the run-to-run
spread when even its fastest round is slower than the base's slowest (the two ranges do not
overlap: for two trees that are the same, 1 chance in 70 with 4 rounds each). Writes
docs/BENCHMARK_REVISIONS.md (the raw rounds beside it as JSON).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.queries import param_sets
from bench.report import machine
from bench.synthetic import SCALES
from bench.tree_probe import MARK
from indicators.store import database as store
from indicators.store.database import PROJECT_DIR

PROBE = Path(__file__).with_name("tree_probe.py")
OUT = PROJECT_DIR / "docs" / "BENCHMARK_REVISIONS.md"


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(PROJECT_DIR), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def describe(revision: str) -> str:
    return _git("log", "-1", "--format=%h %s", revision)[:110]


def describe_working_tree() -> str:
    changed = " (with uncommitted changes)" if _git("status", "--porcelain", "--untracked-files=no") else ""
    return f"working tree: {describe('HEAD')}{changed}"


def shared_parameters(db: Path, folder: Path, runs: int) -> Path:
    """The seeded parameters every revision is timed with, drawn once from this tree's synthetic data."""
    con = store.connect(db, read_only=True)
    try:
        sets = param_sets(con, random.Random(1), runs)
    finally:
        con.close()
    path = folder / "parameters.json"
    path.write_text(json.dumps(sets, ensure_ascii=False), encoding="utf-8")
    return path


def probe(tree: Path, db: Path, scale: str, sets_file: Path | None, what: str) -> dict[str, float]:
    """One revision's benchmark in its own process (its own imports, caches and Streamlit state);
    `what` "generate" only builds its database, with no parameters."""
    done = subprocess.run([sys.executable, str(PROBE), str(tree), str(db), scale, str(sets_file or "-"), what],
                          cwd=tree, capture_output=True, text=True, check=False)  # its stderr, not a bare error
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    if done.returncode or not lines:
        raise RuntimeError(f"{tree}: the benchmark failed\n{done.stderr[-2000:]}")
    return json.loads(lines[-1][len(MARK):])


def measure(trees: dict[str, Path], folder: Path, scale: str, runs: int, rounds: int,
            what: str) -> dict[str, list[dict[str, float]]]:
    """Every tree's benchmark, `rounds` times, the trees taking turns within each round."""
    databases = {label: folder / f"tree_{n}.duckdb" for n, label in enumerate(trees)}
    for label, tree in trees.items():  # each revision builds its own database with its own schema
        probe(tree, databases[label], scale, None, "generate")
    here = next(label for label, tree in trees.items() if tree == PROJECT_DIR)
    sets_file = shared_parameters(databases[here], folder, runs)
    results: dict[str, list[dict[str, float]]] = {label: [] for label in trees}
    for n in range(rounds):
        for label, tree in trees.items():
            print(f"[{n + 1}/{rounds}] {label}", flush=True)
            results[label].append(probe(tree, databases[label], scale, sets_file, what))
    return results


def summarise(results: dict[str, list[dict[str, float]]]) -> list[dict]:
    """Per figure: the base's median and range, and each other tree's median, range, ratio and
    whether it is slower than the base beyond the spread (its fastest round above the base's slowest)."""
    base, *others = results
    figures = sorted({key for rounds in results.values() for measured in rounds for key in measured})
    rows = []
    for figure in figures:
        row = {"figure": figure, "trees": {}}
        base_samples = [measured[figure] for measured in results[base] if figure in measured]
        for label in (base, *others):
            samples = [measured[figure] for measured in results[label] if figure in measured]
            if not samples:
                continue
            median = statistics.median(samples)
            entry = {"median": median, "low": min(samples), "high": max(samples)}
            if label != base and base_samples:
                entry["ratio"] = median / statistics.median(base_samples)
                entry["slower"] = min(samples) > max(base_samples)
            row["trees"][label] = entry
        rows.append(row)
    return rows


def _short(label: str) -> str:
    return "working tree" if label.startswith("working tree") else label.split(" ", 1)[0]


def report(results: dict[str, list[dict[str, float]]], scale: str, runs: int) -> str:
    labels = list(results)
    head = ["figure (median ms, range over rounds)", *[f"`{_short(label)}`" for label in labels]]
    intro = ("Written by `python -m bench.revisions`: each revision's own query and page benchmark, taking turns in "
             f"one run, {len(results[labels[0]])} rounds of {runs} parameter sets each (the same for every revision), "
             f"at scale {scale}. A ratio is to the first column (the base); ✗ marks a figure whose fastest round is "
             "slower than the base's slowest, that is slower than the base beyond the run-to-run spread.")
    lines = [
        "# Revisions side by side", "", intro, "",
        *[f"- `{_short(label)}`: {label}" for label in labels],
        f"- machine: {json.dumps(machine(), ensure_ascii=False)}", "",
        "| " + " | ".join(head) + " |", "|" + "---|" * len(head),
    ]
    for row in summarise(results):
        cells = [row["figure"]]
        for label in labels:
            entry = row["trees"].get(label)
            if entry is None:
                cells.append("–")
                continue
            cell = f"{entry['median']:.1f} ({entry['low']:.1f}–{entry['high']:.1f})"
            if "ratio" in entry:
                cell += f" ×{entry['ratio']:.2f} {'✗' if entry['slower'] else '✓'}"
            cells.append(cell)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def compare(revisions: list[str], scale: str, runs: int, rounds: int, what: str, folder: Path) -> dict:
    """Check each revision out beside the repository, measure, and remove the checkouts again."""
    trees, checkouts = {}, []
    try:
        for revision in revisions:
            path = folder / f"rev_{len(checkouts)}"
            _git("worktree", "add", "--detach", "--force", str(path), revision)
            checkouts.append(path)
            trees[describe(revision)] = path
        trees[describe_working_tree()] = PROJECT_DIR
        return measure(trees, folder, scale, runs, rounds, what)
    finally:
        for path in checkouts:
            _git("worktree", "remove", "--force", str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.revisions", description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs="+", help="git revisions; the first is the base")
    parser.add_argument("--scale", default="M", choices=sorted(SCALES))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--what", default="both", choices=["queries", "pages", "both"])
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-revisions-") as tmp:
        results = compare(args.revisions, args.scale, args.runs, args.rounds, args.what, Path(tmp))
    out = Path(args.out)
    out.write_text(report(results, args.scale, args.runs), encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps({"date": dt.date.today().isoformat(), "results": results},
                                                   ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"Đã ghi {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
