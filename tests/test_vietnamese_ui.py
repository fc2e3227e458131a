"""Issue 18, 'English on screen': Plotly's toolbar speaks Vietnamese, Streamlit's menu is gone and
the uploader's own words are Vietnamese."""
import re
import tomllib

from conftest import signed_in_upload_page
from streamlit.testing.v1 import AppTest

from indicators.app import streamlit_compat
from indicators.store.database import PROJECT_DIR
from indicators.views import charts, plotly_locale

# The toolbar buttons of a Plotly chart as Streamlit 1.67 draws it (seen in Chromium)
TOOLBAR = ["Download plot as a PNG", "Zoom", "Pan", "Zoom in", "Zoom out", "Autoscale", "Reset axes",
           "Box Select", "Lasso Select", "Toggle Spike Lines", "Show closest data on hover", "Compare data on hover"]
REMOVED = {"Box Select", "Lasso Select", "Toggle Spike Lines", "Show closest data on hover", "Compare data on hover"}


def test_every_toolbar_button_a_chart_keeps_has_vietnamese_words():
    config = charts.plotly_config("so-sanh-huyen")
    assert config["locale"] == "vi"
    words = config["locales"]["vi"]["dictionary"]
    kept = [t for t in TOOLBAR if t not in REMOVED]
    assert all(t in words and words[t] != t for t in kept), [t for t in kept if t not in words]
    assert {"lasso2d", "select2d", "toggleSpikelines", "hoverClosestCartesian",
            "hoverCompareCartesian"} <= set(config["modeBarButtonsToRemove"])


def test_streamlits_plotly_still_asks_for_these_words():
    """If a Streamlit upgrade rewords a button, the dictionary no longer reaches it: fail here."""
    chunk = streamlit_compat.plotly_chart_code()
    assert chunk is not None
    asked = set(re.findall(r"\(e,`([^`]+)`\)", chunk.read_text(encoding="utf-8")))
    assert {t for t in TOOLBAR if t not in REMOVED} <= asked
    assert set(plotly_locale.DICTIONARY) - {"Fullscreen", "Download plot as a png"} <= asked


def test_streamlits_menu_is_hidden():
    config = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["toolbarMode"] == "minimal"  # shows only menu items the app gives …
    assert "menu_items" not in (PROJECT_DIR / "dashboard.py").read_text(encoding="utf-8")  # … and it gives none


def test_the_uploader_is_worded_in_vietnamese(monkeypatch, app_db, editor_account):
    monkeypatch.setenv("INDICATORS_DB", str(app_db))
    at = signed_in_upload_page()
    assert at.get("file_uploader")
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert '"Chọn tệp"' in styles and "Kéo thả tệp vào đây · tối đa 20 MB · XLSX, XLSM, XLS, ODS, CSV" in styles


def test_streamlits_chart_and_table_toolbar_still_uses_these_words():
    """The toolbar over charts and tables is put in Vietnamese by its English words: if a Streamlit
    upgrade rewords a button, the swap no longer reaches it: fail here."""
    chunks = streamlit_compat.toolbar_chunks()
    assert chunks
    labels = set(re.findall(r"label:`([^`]+)`", " ".join(c.read_text(encoding="utf-8") for c in chunks)))
    assert set(streamlit_compat.TOOLBAR_WORDS) <= labels, set(streamlit_compat.TOOLBAR_WORDS) - labels


def test_every_page_puts_the_toolbar_in_vietnamese(monkeypatch, app_db):
    monkeypatch.setenv("INDICATORS_DB", str(app_db))
    at = AppTest.from_file(str(PROJECT_DIR / "pages/2_so_sanh_huyen.py"), default_timeout=60).run()
    scripts = " ".join(h.proto.body for h in at.get("html"))
    assert '"Fullscreen": "Toàn màn hình"' in scripts and '"Download as CSV": "Tải bảng dạng CSV"' in scripts
