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
    import plotly.graph_objects as go

    import pyarrow  # noqa: F401
    import streamlit  # noqa: F401  (not indicators.ui: its caches must be created under the server)

    from indicators import charts
    from indicators.build import ensure_database
    from indicators.queries import query_names, run_query

    db = ensure_database()
    with store.connect(db) as con:
        store.migrate(con)
        if "available_periods" in query_names():
            run_query(con, "available_periods")  # brings the file's pages into the OS cache
    figure = charts.style(go.Figure([go.Bar(x=["a"], y=[1]), go.Scatter(x=["a"], y=[1])]), "khởi động")
    figure.to_json()
    return time.perf_counter() - start


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
