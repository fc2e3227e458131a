"""Page server time: each chart page's script run through AppTest, with an empty cache (a new
filter) and cached, as a running server would run it."""
from __future__ import annotations

import os
import random
import time
from pathlib import Path

from bench.queries import param_sets
from bench.stats import percentiles
from bench.streamlit_patches import apptest_runs_like_a_server
from indicators.app import serve, state
from indicators.app.pages import CHART_PAGES, PageInfo
from indicators.compat import unfreeze_heap
from indicators.store import database as store


def bench_pages(db: Path, runs: int, seed: int = 3) -> dict[str, dict[str, tuple[float, float]]]:
    """Each page's script run time through AppTest: with an empty cache (a new filter) and cached."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    con = store.connect(db, read_only=True)
    sets = param_sets(con, random.Random(seed), runs)  # read before patching: a failure leaves no patch
    con.close()
    out = {}
    with apptest_runs_like_a_server():
        os.environ["INDICATORS_DB"] = str(db)
        try:
            for page in CHART_PAGES:
                out[page.key] = _page_times(AppTest, page, sets)
        finally:
            state.close_all()
            st.cache_resource.clear()
            unfreeze_heap()
    return out


def _page_times(AppTest, page: PageInfo, sets: list[dict]) -> dict[str, tuple[float, float]]:
    cold, warm = [], []
    for params in sets[:1]:  # one unmeasured run, as a running server has already made
        at = AppTest.from_file(page.absolute_file, default_timeout=120)
        at.query_params["nam"], at.query_params["ky"] = str(params["year"]), params["period"]
        at.run()
    serve.settle_heap()  # as `serve` does once it has loaded everything
    for params in sets:
        query = {"nam": str(params["year"]), "ky": params["period"], "chi_tieu": params["indicator_code"]}
        for bucket, clear in ((cold, True), (warm, False)):
            if clear:
                state.dashboard().forget_results()
            at = AppTest.from_file(page.absolute_file, default_timeout=120)
            for key, value in query.items():
                at.query_params[key] = value
            start = time.perf_counter()
            at.run()
            bucket.append(time.perf_counter() - start)
            if at.exception:
                raise RuntimeError(f"{page.file}: {at.exception[0].value}")
    return {"uncached": percentiles(cold), "cached": percentiles(warm)}
