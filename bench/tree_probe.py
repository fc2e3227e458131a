"""Run inside another revision's checkout (by bench/revisions.py): that revision's own query and
page benchmark on its own synthetic database, with the parameters the caller gives, so every
revision times exactly the same work. Prints one line, PROBE{json}: medians in milliseconds.

It knows the two layouts the benchmark has had: bench/ beside the package (after the reshape of
issue 12) and indicators/bench.py inside it (before).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

MARK = "PROBE"


def _benchmark(tree: Path, given):
    """The revision's (generate, scales, bench_queries, bench_pages), its parameter picker replaced by `given`."""
    if (tree / "bench" / "pages.py").exists():
        import bench.pages
        import bench.queries
        from bench.synthetic import SCALES, generate

        bench.pages.param_sets = bench.queries.param_sets = given
        return generate, SCALES, bench.queries.bench_queries, bench.pages.bench_pages
    if (tree / "indicators" / "bench.py").exists():
        import indicators.bench as old
        from indicators.synthetic import SCALES, generate

        old._param_sets = given
        return generate, SCALES, old.bench_queries, old.bench_pages
    raise SystemExit(f"{tree}: neither bench/pages.py nor indicators/bench.py")


def main(tree: str, db: str, scale: str, sets_file: str, what: str) -> None:
    root = Path(tree).resolve()
    here = str(Path(__file__).resolve().parent)
    sys.path[:] = [str(root)] + [p for p in sys.path if p not in ("", here)]  # that revision's code, not ours
    os.chdir(root)
    sets = json.loads(Path(sets_file).read_text(encoding="utf-8")) if what != "generate" else []

    def given(con, rng, runs):
        return sets[:runs]

    generate, scales, bench_queries, bench_pages = _benchmark(root, given)
    database = Path(db)
    if not database.exists():
        generate(database, scales[scale])
    out = {}
    if what in ("queries", "both"):
        out.update({f"query {name}": p50 * 1000 for name, (p50, _) in bench_queries(database, len(sets)).items()})
    if what in ("pages", "both"):
        for page, modes in bench_pages(database, len(sets)).items():
            out.update({f"page {page} {mode}": p50 * 1000 for mode, (p50, _) in modes.items()})
    print(MARK + json.dumps(out), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:6])
