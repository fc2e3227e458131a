"""Query latency: each named query against the scale's database, beside the naive baseline's pandas
filtering and groupby on one in-memory table (and its read_excel on every rerun)."""
from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

import pandas as pd

from bench.stats import percentiles
from indicators.store import database as store
from indicators.store.named import load_query, query_names, run_query

EXCEL_MAX_ROWS = 1_048_576


def param_sets(con, rng: random.Random, runs: int) -> list[dict]:
    # ordered: a seeded run picks the same parameters every time, so two runs (or two trees) time the same work
    periods = con.execute("SELECT DISTINCT year, period FROM facts_current ORDER BY year, period").fetchall()
    codes = [r[0] for r in con.execute("SELECT code FROM indicators ORDER BY code").fetchall()]
    districts = store.district_names(con)
    sets = []
    for i in range(runs):
        year, period = rng.choice(periods)
        picked = rng.sample(codes, min(3, len(codes)))
        sets.append({
            "year": year, "period": period, "indicator_codes": picked, "indicator_code": picked[0],
            "districts": rng.sample(districts, min(3, len(districts))), "district": rng.choice(districts),
            "search": rng.choice([None, "ngan sach", "chi tieu tong hop so 1", "xa tong hop 00", "rung"]),
            "max_rows": 500, "first_row": 0,
        })
    return sets


def bench_queries(db: Path, runs: int, seed: int = 1) -> dict[str, tuple[float, float]]:
    con = store.connect(db, read_only=True)
    rng = random.Random(seed)
    sets = param_sets(con, rng, runs)
    out = {}
    for name in query_names():
        query = load_query(name)
        run_query(con, name, **{p: sets[0][p] for p in query.params})  # warm the file cache once
        samples = []
        for params in sets:
            start = time.perf_counter()
            run_query(con, name, **{p: params[p] for p in query.params})
            samples.append(time.perf_counter() - start)
        out[name] = percentiles(samples)
    con.close()
    return out


def load_naive_frame(db: Path) -> pd.DataFrame:
    """What the naive dashboard holds in memory: one flat table of figures."""
    con = store.connect(db, read_only=True)
    frame = con.execute(
        """SELECT f.district, f.year, f.period, f.indicator_code, i.name AS indicator_name, i.unit,
                  i.group_name, i.comparable, i.is_focus_task, f.plan, f.actual, f.pct_of_plan, f.status,
                  f.source, f.reported_on, f.quote
           FROM facts_current f JOIN indicators i ON i.code = f.indicator_code"""
    ).df()
    con.close()
    return frame


def _naive_questions(frame: pd.DataFrame) -> dict:
    """Each named query's question, answered with pandas on the naive dashboard's table."""
    return {
        "available_periods": lambda p: frame.groupby(["year", "period"]).agg(
            facts=("actual", "size"), districts=("district", "nunique")),
        "indicator_catalogue": lambda p: frame.groupby(["indicator_code", "indicator_name", "unit"]).size(),
        "district_comparison": lambda p: frame[(frame.year == p["year"]) & (frame.period == p["period"])
                                               & frame.indicator_code.isin(p["indicator_codes"])
                                               & frame.district.isin(p["districts"])],
        "comparable_indicators": lambda p: frame[(frame.year == p["year"]) & (frame.period == p["period"])
                                                 & frame.comparable].groupby("indicator_code").district.nunique(),
        "indicator_trend": lambda p: frame[(frame.indicator_code == p["indicator_code"])
                                           & frame.district.isin(p["districts"])].sort_values(["district", "year"]),
        "indicator_revisions": lambda p: frame[(frame.indicator_code == p["indicator_code"])
                                               & frame.district.isin(p["districts"])],
        "focus_tasks": lambda p: frame[frame.is_focus_task & (frame.year == p["year"])
                                       & (frame.period == p["period"]) & frame.district.isin(p["districts"])],
        "period_facts": lambda p: frame[(frame.year == p["year"]) & (frame.period == p["period"])
                                        & frame.district.isin(p["districts"])],
        "source_lookup": lambda p: frame[frame.indicator_name.str.contains(p["search"] or "", case=False)
                                         | frame.quote.str.contains(p["search"] or "", case=False)].head(500),
        "fact_sources": lambda p: frame[(frame.district == p["district"]) & (frame.year == p["year"])
                                        & (frame.period == p["period"])
                                        & (frame.indicator_code == p["indicator_code"])],
        "import_log": lambda p: frame.groupby("source").size(),
        # the reform's questions, as a pandas dashboard would put them to its one table
        "former_districts": lambda p: frame.district.drop_duplicates().tolist(),
        "commune_indicators": lambda p: frame[(frame.year == p["year"]) & (frame.period == p["period"])]
        .groupby("indicator_code").district.nunique().sort_values(ascending=False),
        "commune_figures": lambda p: frame[(frame.indicator_code == p["indicator_code"]) & (frame.year == p["year"])
                                           & (frame.period == p["period"])].sort_values("actual", ascending=False),
        "former_district_areas": lambda p: frame[frame.indicator_code.isin(p["indicator_codes"])
                                                 & frame.district.isin(p["districts"])]
        .groupby(["indicator_code", "district", "year", "period"]).actual.sum(),
        "reported_by_communes": lambda p: bool((frame.indicator_code == p["indicator_code"]).any()),
    }


def naive_queries(frame: pd.DataFrame, db: Path, runs: int, seed: int = 1) -> dict[str, tuple[float, float]]:
    """The same questions answered with pandas filtering and groupby on the in-memory table."""
    con = store.connect(db, read_only=True)
    sets = param_sets(con, random.Random(seed), runs)
    con.close()
    questions = _naive_questions(frame)
    out = {}
    for name in query_names():
        question = questions[name]  # every query has its naive twin, or the benchmark fails loudly
        samples = []
        for params in sets:
            start = time.perf_counter()
            question(params)
            samples.append(time.perf_counter() - start)
        out[name] = percentiles(samples)
    return out


def naive_rerun_read_seconds(frame: pd.DataFrame, folder: Path, runs: int = 5) -> float | None:
    """The naive dashboard re-reads the workbook on every rerun; only possible below Excel's row limit."""
    if len(frame) >= EXCEL_MAX_ROWS:
        return None
    path = folder / "naive_dataset.xlsx"
    frame.assign(reported_on=frame["reported_on"].astype(str)).to_excel(path, index=False, engine="openpyxl")
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        pd.read_excel(path, engine="openpyxl")
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)
