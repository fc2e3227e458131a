"""`python -m indicators serve`: start the dashboard with its heavy parts loaded first.

A plain `streamlit run` imports pandas, Plotly and DuckDB, opens the database and builds
Plotly's validators during the first visitor's page load; doing it before the server
listens makes the first chart in a meeting as quick as every later one.
"""
from __future__ import annotations

import sys
import time

from indicators import store


def warm_up() -> float:
    start = time.perf_counter()
    import pyarrow  # noqa: F401
    import streamlit  # noqa: F401  (not indicators.ui: its caches must be created under the server)

    from indicators import charts  # noqa: F401  (Plotly and pandas, even when there is nothing to draw yet)
    from indicators.build import ensure_database

    db = ensure_database()
    con = store.connect(db)
    store.migrate(con)
    _draw_default_charts(con)
    store.hand_over(db, con)
    return time.perf_counter() - start


def _draw_default_charts(con) -> None:
    """Build the charts a first visitor most likely opens, with the real chart code: Plotly creates
    its validators on first use and DuckDB reads the file's pages, so that visitor does not wait."""
    from indicators import charts
    from indicators.overview import HEADLINE_CODES
    from indicators.queries import run_query

    periods = run_query(con, "available_periods")
    if periods.empty:
        return
    year, period = int(periods.iloc[0]["year"]), periods.iloc[0]["period"]
    districts = store.district_names(con)[:3]
    rows = run_query(con, "district_comparison", year=year, period=period, indicator_codes=HEADLINE_CODES[:2],
                     districts=districts)
    if rows["actual"].notna().any() or rows["pct_of_plan"].notna().any():
        charts.comparison_figure(rows[rows["indicator_code"] == rows.iloc[0]["indicator_code"]], "").to_json()
    trend = run_query(con, "indicator_trend", indicator_code=HEADLINE_CODES[0], districts=districts)
    if len(trend):
        revisions = run_query(con, "indicator_revisions", indicator_code=HEADLINE_CODES[0], districts=districts)
        charts.trend_figure(trend, revisions).to_json()


def main(streamlit_args: list[str]) -> int:
    seconds = warm_up()
    print(f"Đã nạp sẵn thư viện và cơ sở dữ liệu trong {seconds:.1f} giây; đang khởi động bảng điều khiển…",
          flush=True)
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    # Until some session has run st.navigation, Streamlit treats pages/ as old-style auto-discovered
    # pages: a bookmarked /so-sanh-huyen opened first after a restart shows an English "Page not
    # found" dialog, and /tai_so_lieu would run that page without dashboard.py's login check.
    PagesManager.uses_pages_directory = False

    sys.argv = ["streamlit", "run", str(store.PROJECT_DIR / "dashboard.py"), *streamlit_args]
    return cli.main()
