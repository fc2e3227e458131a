"""The Streamlit private API the benchmark's AppTest page runs patch, in one place.

None of it is public: a Streamlit upgrade may move any of it, and tests/test_bench_internals.py
fails when it does, instead of the benchmark silently timing something else.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager

SCAN = "discover_and_register_components"
CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
MISSING_CONTEXT = "missing ScriptRunContext"
_INHERITED = object()  # the scanner took the method from a base class: restored by deleting ours


def component_scanners() -> list[type]:
    """The classes in Streamlit's component manager that scan installed packages for components."""
    from streamlit.components.v2 import component_manager

    return [holder for holder in vars(component_manager).values()
            if isinstance(holder, type) and hasattr(holder, SCAN)]


def _no_missing_context_warning(record: logging.LogRecord) -> bool:
    return MISSING_CONTEXT not in record.getMessage()


@contextmanager
def apptest_runs_like_a_server():
    """Within it, AppTest runs a page as a running server does, and everything is put back after.

    Two costs AppTest pays on every run that a real server pays once, at start, are left out of
    the page's server time: rescanning every installed package for components, and compiling the
    page (AppTest makes its own ScriptCache per run; a server keeps one for the process). And
    AppTest's constructor sets session state before its script runs, which Streamlit warns about
    each time ("missing ScriptRunContext", hundreds of lines in the benchmark's output otherwise);
    a filter, because Streamlit resets its loggers' levels whenever it reads its config.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import local_script_runner

    scanners = component_scanners()
    if not scanners:
        raise RuntimeError(f"Streamlit's component manager has no {SCAN} to skip: see bench/streamlit_patches.py")
    own_scans = [vars(holder).get(SCAN, _INHERITED) for holder in scanners]
    own_script_cache, compiled = local_script_runner.ScriptCache, ScriptCache()
    context_log = logging.getLogger(CONTEXT_LOGGER)
    try:
        for holder in scanners:
            setattr(holder, SCAN, lambda self, *a, **k: None)
        local_script_runner.ScriptCache = lambda: compiled
        context_log.addFilter(_no_missing_context_warning)
        yield
    finally:
        local_script_runner.ScriptCache = own_script_cache
        for holder, scan in zip(scanners, own_scans):
            if scan is not _INHERITED:
                setattr(holder, SCAN, scan)
            elif SCAN in vars(holder):
                delattr(holder, SCAN)
        context_log.removeFilter(_no_missing_context_warning)
