"""Meeting mode ('trình chiếu') on every page (issue 18, item 4): each page opens in it from its address,
shows a bar that moves to every other page with the meeting and the chosen period and districts kept, and
Esc (the exit button's shortcut) restores the page with its controls."""
from __future__ import annotations

import html

import pytest
from test_pages import run, shipped  # noqa: F401 (shipped: the shipped database for every test)

from indicators.app.pages import CHART_PAGES


def bar_links(at) -> list[str]:
    bars = [html.unescape(m.value) for m in at.markdown if "class='meeting-bar'" in m.value]
    assert len(bars) == 1
    return [part.split("'", 1)[0] for part in bars[0].split("href='")[1:]]


@pytest.mark.parametrize("page", CHART_PAGES, ids=[p.key for p in CHART_PAGES])
def test_every_page_opens_in_meeting_mode_and_links_to_every_other_keeping_it(page):
    at = run(page.file, trinh_chieu="1", nam="2024", ky="9M", huyen=["Văn Quan", "Tràng Định"])
    assert not at.exception, at.exception
    assert at.button(key="meeting_exit").value is False  # the way out is on the page
    links = bar_links(at)
    assert [link.split("?")[0] for link in links] == [f"./{p.url_path}" for p in CHART_PAGES]
    for link in links:  # the meeting, the period and both districts go along
        query = link.split("?", 1)[1]
        assert "trinh_chieu=1" in query and "nam=2024" in query and "ky=9M" in query
        assert query.count("huyen=") == 2


@pytest.mark.parametrize("page", CHART_PAGES, ids=[p.key for p in CHART_PAGES])
def test_esc_leaves_the_meeting_and_restores_the_page(page):
    at = run(page.file, trinh_chieu="1", nam="2024", ky="9M")
    at.button(key="meeting_exit").click().run()
    assert not at.exception, at.exception
    assert "trinh_chieu" not in at.query_params
    assert at.toggle(key="w_meeting").value is False
    assert not any("class='meeting-bar'" in m.value for m in at.markdown)
    assert not any("display: none" in m.value and "stSidebar" in m.value for m in at.markdown)
    if page.key not in ("3_theo_thoi_gian", "5_nguon_so_lieu"):  # pages about one period keep it
        assert "nam" in at.query_params and "ky" in at.query_params


def test_meeting_stays_on_when_the_address_loses_its_flag():
    """Moving between pages inside one session keeps the meeting even where a link drops the flag."""
    at = run("pages/1_tong_quan.py", trinh_chieu="1")
    assert at.session_state["meeting_on"] is True
    del at.query_params["trinh_chieu"]
    at.run()
    assert any("class='meeting-bar'" in m.value for m in at.markdown)
    assert at.query_params.get("trinh_chieu") in ("1", ["1"])  # and puts it back in the address
