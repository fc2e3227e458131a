"""Widgets the pages share: filters kept in the URL, the period and district pickers, meeting
mode, charts, downloads and the page style. Each reads or draws; what to draw comes from the
package, through the dashboard's state."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.app import login
from indicators.app.state import Dashboard
from indicators.periods import PERIODS
from indicators.store import database as store
from indicators.text import inert
from indicators.views.charts import plotly_config
from indicators.views.export import table_to_xlsx
from indicators.views.statement import LEGEND

MEETING_KEY = "trinh_chieu"
# ---- filters in the URL -------------------------------------------------------------

def _sync_url(key: str, value) -> None:
    if value is None or value == [] or value == "":
        if key in st.query_params:
            del st.query_params[key]
    elif isinstance(value, list):
        st.query_params[key] = [str(v) for v in value]
    else:
        st.query_params[key] = str(value)


def url_selectbox(label: str, options: list, key: str, default=None, format_func=str, container=None, **kwargs):
    """A selectbox whose choice lives in the URL, so a shared link opens the same view."""
    container = container or st.sidebar
    wanted = st.query_params.get(key)
    by_text = {str(o): o for o in options}
    value = by_text.get(wanted, default if default in options else (options[0] if options else None))
    if f"w_{key}" in st.session_state and st.session_state[f"w_{key}"] not in options:
        del st.session_state[f"w_{key}"]
    index = options.index(value) if value in options else None
    choice = container.selectbox(label, options, index=index, format_func=format_func, key=f"w_{key}", **kwargs)
    _sync_url(key, choice)
    return choice


def url_multiselect(label: str, options: list, key: str, default: list | None = None, format_func=str,
                    container=None, **kwargs) -> list:
    container = container or st.sidebar
    wanted = st.query_params.get_all(key)
    by_text = {str(o): o for o in options}
    chosen = [by_text[w] for w in wanted if w in by_text] if wanted else [d for d in (default or []) if d in options]
    if f"w_{key}" in st.session_state:  # the widget's own state wins; drop choices no longer offered
        st.session_state[f"w_{key}"] = [v for v in st.session_state[f"w_{key}"] if v in options]
        chosen = None
    choice = container.multiselect(label, options, default=chosen, format_func=format_func, key=f"w_{key}", **kwargs)
    _sync_url(key, choice)
    return choice


def url_int(key: str, default: int, low: int = 0, high: int = 1_000_000) -> int:
    """A whole number from the URL, or `default` for anything else (a word, a huge number, a sign)."""
    text = str(st.query_params.get(key, "")).strip()
    if not text.isdigit() or len(text) > 7:
        return default
    return min(max(int(text), low), high)


def period_picker(ds: Dashboard, container=None) -> tuple[int, str] | None:
    """Year and period in one list, in time order, newest first and so grouped by year (each year's
    periods together); defaults to the newest year's period
    with the most reported results (available_periods.is_default)."""
    periods = ds.query("available_periods")
    if periods.empty:
        return None
    labels = {f"{year}|{period}": f"{label} {year}"
              for year, period, label in zip(periods["year"], periods["period"], periods["period_label"])}
    options = list(labels)
    wanted = None
    if "nam" in st.query_params and "ky" in st.query_params:
        wanted = f"{st.query_params['nam']}|{st.query_params['ky']}"
    defaults = [key for key, is_default in zip(options, periods["is_default"].tolist()) if is_default is True]
    fallback = defaults[0] if defaults else options[0]  # plain lists: a frame mask costs a millisecond a run
    default = wanted if wanted in options else fallback
    container = container or st.sidebar
    if "w_period" in st.session_state and st.session_state["w_period"] not in options:
        del st.session_state["w_period"]
    choice = container.selectbox("Kỳ báo cáo", options, index=options.index(default),
                                 format_func=labels.get, key="w_period")
    year, period = choice.split("|")
    st.query_params["nam"], st.query_params["ky"] = year, period
    return int(year), period


def period_page(ds: Dashboard) -> tuple[bool, int, str, list[str]]:
    """The common top of a page about one period: style, meeting mode, period and districts,
    and the briefing-pack button. Stops the page with a message when there is no data yet."""
    page_style(ds)
    meeting = meeting_mode()
    picked = period_picker(ds)
    if picked is None:
        st.info("Chưa có số liệu. Hãy tải bảng tính lên ở trang Tải số liệu.")
        st.stop()
    year, period = picked
    districts = district_picker(ds)
    briefing_button(ds, year, period, districts)
    return meeting, year, period, districts


def period_text(year: int, period: str) -> str:
    return f"{PERIODS[period].label} năm {year}"


MAX_SIDE_BY_SIDE = 12  # more columns than this are unreadable on a projector


def district_picker(ds: Dashboard, container=None) -> list[str]:
    """Districts to show side by side; with a whole province or country loaded, a searchable
    choice of up to 12 (the first three by default) instead of thousands at once."""
    names = district_names(ds)
    if len(names) <= MAX_SIDE_BY_SIDE:
        return url_multiselect("Huyện", names, "huyen", default=names, container=container) or names
    chosen = url_multiselect(f"Đơn vị (gõ để tìm trong {len(names):,} đơn vị)".replace(",", "."), names, "huyen",
                             default=names[:3], container=container, max_selections=MAX_SIDE_BY_SIDE)
    return chosen or names[:3]


def district_names(ds: Dashboard) -> list[str]:
    return ds.from_database(store.district_names)


# ---- meeting mode -------------------------------------------------------------------

MEETING_ON = "meeting_on"  # not a widget's key: it outlives a page switch, which drops widget state
CARRIED = ("nam", "ky", "huyen")  # what a leader chose, taken along from page to page in a meeting


def meeting_mode() -> bool:
    """Meeting mode ('trình chiếu'): in the URL and in the session, so it stays on from page to page; the
    sidebar toggle sets it, the bar at the top moves between pages, Esc leaves it."""
    on = st.query_params.get(MEETING_KEY) == "1" or bool(st.session_state.get(MEETING_ON))
    toggled = st.sidebar.toggle("Chế độ trình chiếu", value=on, key="w_meeting",
                                help="Ẩn thanh điều khiển, phóng to chữ, chiếu lần lượt từng biểu đồ; "
                                     "chuyển trang bằng thanh trên cùng, Esc để thoát.")
    on = toggled
    st.session_state[MEETING_ON] = on
    _sync_url(MEETING_KEY, "1" if on else None)
    if on:
        st.markdown(
            """<style>
            [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none;}
            .block-container {padding-top: 1rem; max-width: 100%;}
            html, body, [data-testid="stAppViewContainer"] {font-size: 22px;}
            h1 {font-size: 2.4rem !important;}
            .meeting-bar {display:flex;flex-wrap:wrap;gap:0.4rem}
            .meeting-link {padding:0.2rem 0.7rem;border:1px solid #1F4E79;border-radius:0.4rem;text-decoration:none;
                           color:#1F4E79 !important;font-size:1rem}
            .meeting-link.here {background:#1F4E79;color:#fff !important}
            </style>""",
            unsafe_allow_html=True,
        )
        _meeting_bar()
    return on


def meeting_links(current: str, query: dict[str, list[str]]) -> str:
    """The meeting bar's links: every page with the meeting and the chosen period and districts kept in
    its address (plain links: a page opened by its address, as a shared link is, keeps them too)."""
    from urllib.parse import urlencode

    from indicators.app import pages as registry

    params = [(key, value) for key in CARRIED for value in query.get(key, [])] + [(MEETING_KEY, "1")]
    links = []
    for info in registry.CHART_PAGES:
        here = " aria-current='page' class='meeting-link here'" if info.url_path == current else \
            " class='meeting-link'"
        links.append(f"<a href='./{info.url_path}?{inert(urlencode(params))}' target='_self'{here}>"
                     f"{inert(info.title)}</a>")
    return "<nav class='meeting-bar'>" + "".join(links) + "</nav>"


def _meeting_bar() -> None:
    """Every page one click away without leaving the meeting; and the way out."""
    query = {key: st.query_params.get_all(key) for key in CARRIED}
    current = st.context.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] if st.context.url else ""
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.markdown(meeting_links(current, query), unsafe_allow_html=True)
    right.button("✕ Thoát trình chiếu (Esc)", key="meeting_exit", shortcut="Esc", on_click=_leave_meeting,
                 type="tertiary")


def _leave_meeting() -> None:
    """Runs before the next script run, so the toggle's own state can still be changed."""
    st.session_state["w_meeting"] = False
    st.session_state[MEETING_ON] = False
    for key in (MEETING_KEY, "buoc"):
        if key in st.query_params:
            del st.query_params[key]


def meeting_controls(total: int, key: str) -> int:
    """Previous / next (← → on the keyboard) through `total` screens; returns the current index."""
    index = url_int("buoc", 0) % max(total, 1)
    left, middle, right = st.columns([1, 2, 1])
    if left.button("◀ Trước", key=f"{key}_prev", shortcut="Left", width="stretch"):
        index = (index - 1) % total
    if right.button("Tiếp ▶", key=f"{key}_next", shortcut="Right", width="stretch", type="primary"):
        index = (index + 1) % total
    middle.markdown(f"<div style='text-align:center;font-size:1.2rem'>Màn hình {index + 1}/{total}</div>",
                    unsafe_allow_html=True)
    st.query_params["buoc"] = str(index)
    return index


# ---- pieces of pages ------------------------------------------------------------------

def table(frame: pd.DataFrame, column_config: dict | None = None, **kwargs):
    """A table whose first column stays put while the rest scroll sideways, so a phone shows what each
    row is (issue 18: two or three columns at 390 px, the row's name scrolled away)."""
    config = dict(column_config or {})
    if len(frame.columns):
        first = frame.columns[0]
        config[first] = {**(config.get(first) or st.column_config.Column()), "pinned": True}
    return st.dataframe(frame, hide_index=True, width="stretch", column_config=config, **kwargs)


def table_or_none(frame: pd.DataFrame) -> None:
    if len(frame):
        table(frame)
    else:
        st.write("Không có.")


def legend(extra: str = "") -> None:
    """The one-line key to the marks (views.statement.LEGEND), on every page that shows a judgement."""
    st.caption(LEGEND + (f" · {extra}" if extra else ""))


def esc(text) -> str:
    return inert(text)


def chart(fig, file_name: str, key: str):
    """A Plotly chart whose PNG download has a Vietnamese file name; clicks select a district."""
    return st.plotly_chart(fig, width="stretch", config=plotly_config(file_name), key=key, theme=None,
                           on_select="rerun", selection_mode="points")


def clicked_district(event) -> str | None:
    try:
        points = event.selection["points"]
    except (AttributeError, KeyError, TypeError):
        return None
    for point in points:
        data = point.get("customdata")
        if data:
            return data[0]
        if point.get("x"):
            return point["x"]
    return None


def xlsx_download(frame: pd.DataFrame, file_name: str, key: str, label: str = "Tải bảng (.xlsx)") -> None:
    """The workbook is written only when the button is clicked, not on every rerun."""
    st.download_button(label, data=lambda: table_to_xlsx(frame), file_name=f"{file_name}.xlsx", key=key,
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:")


def briefing_button(ds: Dashboard, year: int, period: str, districts: list[str]) -> None:
    """One click: the briefing pack for this period and these districts, built when clicked."""
    from indicators.views.briefing import briefing_file_name

    st.sidebar.download_button("Tải tài liệu họp (HTML)", data=ds.briefing(year, period, districts),
                               file_name=briefing_file_name(year, period),
                               mime="text/html", icon=":material/summarize:", key="dl_briefing",
                               help="Một tệp HTML mở được khi không có mạng: thẻ chỉ tiêu, biểu đồ so sánh, "
                                    "nhiệm vụ trọng tâm, bộ lọc và nguồn số liệu.")


def page_style(ds: Dashboard) -> None:
    """Every page starts here: the login is checked when viewing needs one (whatever started the
    app), then the data version is read afresh, so an import shows at once; the toolbar over charts
    and tables speaks Vietnamese."""
    from indicators.app import streamlit_compat

    login.require_viewer()
    ds.refresh_data_version()
    streamlit_compat.toolbar_in_vietnamese()
    st.markdown(
        """<style>
        .badge {display:inline-block;padding:0.1rem 0.5rem;border-radius:0.4rem;font-weight:600;white-space:nowrap}
        .card {border:1px solid #d0d7de;border-radius:0.6rem;padding:0.7rem 0.9rem;margin-bottom:0.6rem;
               background:#ffffff;min-height:9.5rem}
        .card .value {font-size:1.7rem;font-weight:700;color:#1b1b1b;line-height:1.2}
        .card .sub {font-size:0.95rem;color:#444;margin-top:0.25rem}
        .card .none {font-size:1.2rem;color:#777;font-style:italic}
        .card .who {font-size:0.8rem;color:#555;text-transform:uppercase;letter-spacing:0.04em}
        .card.risk {border-left:6px solid #b3261e}
        .card .due {font-size:0.85rem;color:#555}.card .plan-status {color:#5f6368}.card .disagree {color:#8a4b00;font-style:italic}
        .indicator-title {font-size:1.15rem;font-weight:700;margin:0.6rem 0 0.2rem 0}
        .card.task {min-height:0}
        .card .task-name {font-weight:600}
        @media (max-width: 640px) {.st-key-card_header, [class*="st-key-wide_"] {display:none}}
        @media (min-width: 641px) {[class*="st-key-phone_"] {display:none}}
        </style>""",
        unsafe_allow_html=True,
    )
