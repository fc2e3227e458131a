"""`python -m indicators serve`: start the dashboard with its heavy parts loaded first.

A plain `streamlit run` imports pandas, Plotly and DuckDB, opens the database and builds
Plotly's validators during the first visitor's page load; doing it before the server
listens makes the first chart in a meeting as quick as every later one.
"""
from __future__ import annotations

import inspect
import sys
import time

from indicators.app import state
from indicators.app.streamlit_compat import pages_come_from_navigation
from indicators.compat import freeze_heap
from indicators.store import database as store

# The launcher `streamlit run` is given: dashboard.py inside st.App, with ChartCodeFirst in front.
LAUNCHER = store.PROJECT_DIR / "app.py"


def warm_up() -> float:
    start = time.perf_counter()
    import pyarrow  # noqa: F401
    import streamlit  # noqa: F401  (not indicators.app: its state is made under the server)
    import streamlit.emojis  # noqa: F401  (compiled on the first st.set_page_config with an emoji icon)

    from indicators.ingest.build import ensure_database, reconcile_archive

    # What indicators.app and the pages import, so the first visitor's script run does not import it
    from indicators.views import (  # noqa: F401
        briefing,
        charts,
        export,
        focus,
        overview,
        tables,
        trend,
        upload_preview,
    )

    db = ensure_database()
    con = store.connect(db)
    store.migrate(con)
    reconcile_archive(con, store.archive_dir(db))
    _draw_default_charts(con)
    state.install(db, con)
    # Streamlit's first element in a process asks inspect whether it runs in a REPL, and inspect
    # then maps every loaded module to its file (~0.1 s); after this call only new modules are left.
    inspect.stack()
    return time.perf_counter() - start


def _draw_default_charts(con) -> None:
    """Build the charts a first visitor most likely opens, with the real chart code: Plotly creates
    its template and validators on first use and DuckDB reads the file's pages, so that visitor does
    not wait."""
    from indicators.store.named import run_query
    from indicators.views import charts

    periods = run_query(con, "available_periods")
    if periods.empty:
        return
    opening = periods[periods["is_default"]].iloc[0]  # the period the pages open on
    year, period = int(opening["year"]), opening["period"]
    districts = store.district_names(con)[:3]
    available = run_query(con, "comparable_indicators", year=year, period=period)
    codes = charts.default_comparison(list(available["indicator_code"]))
    if not codes:
        return
    rows = run_query(con, "district_comparison", year=year, period=period, indicator_codes=codes,
                     districts=districts)
    charts.comparison_figure(rows[rows["indicator_code"] == codes[0]], "").to_json()
    trend = run_query(con, "indicator_trend", indicator_code=codes[0], districts=districts)
    if len(trend):
        revisions = run_query(con, "indicator_revisions", indicator_code=codes[0], districts=districts)
        charts.trend_figure(trend, revisions).to_json()


def settle_heap() -> None:
    """Move what start-up built out of the collector's sight: Streamlit runs a full collection after
    every script run, and walking the libraries' objects each time would hold up every session."""
    freeze_heap()


def main(streamlit_args: list[str]) -> int:
    from indicators.ingest.build import BuildError
    from indicators.store.archive import ArchiveError

    try:
        seconds = warm_up()
    except (store.StoreBusy, store.StoreDamaged, ArchiveError, BuildError) as exc:
        print(f"Không khởi động được bảng điều khiển. {exc}", file=sys.stderr, flush=True)
        return 3
    settle_heap()
    print(f"Đã nạp sẵn thư viện và cơ sở dữ liệu trong {seconds:.1f} giây; đang khởi động bảng điều khiển…",
          flush=True)
    from streamlit.web import cli

    pages_come_from_navigation()

    sys.argv = streamlit_argv(streamlit_args)
    return cli.main()


def streamlit_argv(streamlit_args: list[str]) -> list[str]:
    """`streamlit run app.py` with the caller's options, after two defaults for a served dashboard (each
    kept unless the caller sets it), found with py-spy under bench/load.py's 20 sessions:
    - no watching of source files: Streamlit's watcher walks every loaded module (pandas, Plotly, …) and
      resolves its path on the server's event loop after each script run of every session, holding every
      page up (a new session's first page 0.6 s → 0.1 s); a served dashboard is restarted for new code;
    - no full garbage collection after every script run (a quarter of the server's time under load):
      start-up's heap is frozen (settle_heap) and Python's own collector still runs as objects accumulate."""
    defaults = {"--server.fileWatcherType": "none", "--runner.postScriptGC": "false"}
    given = {a.split("=", 1)[0] for a in streamlit_args}
    extra = [x for option, value in defaults.items() if option not in given for x in (option, value)]
    return ["streamlit", "run", str(LAUNCHER), *extra, *streamlit_args]
