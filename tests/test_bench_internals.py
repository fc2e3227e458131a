"""The Streamlit private API bench/streamlit_patches.py patches: each test fails when a Streamlit
upgrade takes away what the benchmark's AppTest runs reach for, or when the patch is left behind."""
import inspect
import logging

import pytest
from streamlit.components.v2 import component_manager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.runtime.scriptrunner_utils import script_run_context
from streamlit.testing.v1 import local_script_runner

from bench import streamlit_patches as patches


class Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def scans():
    return {holder: vars(holder).get(patches.SCAN) for holder in patches.component_scanners()}


def test_the_patched_streamlit_internals_still_exist():
    assert patches.component_scanners(), f"no class in {component_manager.__name__} has {patches.SCAN}"
    assert all(callable(scan) for scan in scans().values())
    # AppTest's runner builds its own ScriptCache per run, by the name the patch replaces
    assert local_script_runner.ScriptCache is ScriptCache
    assert "ScriptCache()" in inspect.getsource(local_script_runner)
    assert script_run_context.__name__ == patches.CONTEXT_LOGGER


def test_the_missing_context_warning_is_still_the_one_filtered():
    log, records = logging.getLogger(patches.CONTEXT_LOGGER), Records()
    log.addHandler(records)
    level, log.level = log.level, logging.WARNING
    try:
        script_run_context.get_script_run_ctx()  # no script runs in this thread: Streamlit warns
        assert any(patches.MISSING_CONTEXT in m for m in records.messages), records.messages
        records.messages.clear()
        with patches.apptest_runs_like_a_server():
            script_run_context.get_script_run_ctx()
        assert records.messages == []
    finally:
        log.removeHandler(records)
        log.level = level


def test_the_patches_apply_inside_and_are_restored_even_after_an_error():
    own_scans, own_filters = scans(), list(logging.getLogger(patches.CONTEXT_LOGGER).filters)
    with pytest.raises(RuntimeError, match="inside"):
        with patches.apptest_runs_like_a_server():
            assert local_script_runner.ScriptCache() is local_script_runner.ScriptCache()  # compiled once
            assert all(scan is not own_scans[holder] for holder, scan in scans().items())
            raise RuntimeError("inside")
    assert local_script_runner.ScriptCache is ScriptCache
    assert scans() == own_scans
    assert logging.getLogger(patches.CONTEXT_LOGGER).filters == own_filters


def test_every_named_query_has_its_naive_twin():
    """`python -m bench` compares each query with a pandas twin and stops at one without: a new query
    file must bring its twin (the reform's five queries once stopped the benchmark)."""
    import pandas as pd

    from bench.queries import _naive_questions
    from indicators.store.named import query_names

    assert set(query_names()) <= set(_naive_questions(pd.DataFrame()))
