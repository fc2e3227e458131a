"""Every place the package reaches past a library's public API or flips a process-wide switch.

Kept in one small module so that a library upgrade breaks here, where tests/test_compat.py
checks each assumption, and not silently somewhere in the import or the page cache.
Streamlit's own internals have their twin in indicators/app/streamlit_compat.py.
"""
from __future__ import annotations

import functools
import gc
import os
import sys
import time
from contextlib import contextmanager

import numpy as np
import pandas as pd
from plotly import basedatatypes
from plotly.basedatatypes import BaseFigure


@contextmanager
def cyclic_gc_paused():
    """Process-wide switch: a file is read into millions of small acyclic objects that the cyclic
    collector would walk over and over for nothing to collect; reference counting still frees them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_heap() -> None:
    """Process-wide switch: what start-up built (libraries, validators, the connection) is moved out
    of the collector's sight, so the full collection Streamlit runs after every script run skips it."""
    gc.collect()
    gc.freeze()


def unfreeze_heap() -> None:
    gc.unfreeze()


def frame_buffer_bytes(frame: pd.DataFrame) -> int:
    """Private API (pandas' block manager): column buffers read off the frame's blocks, plus the
    Python objects in object columns; pandas' public memory_usage is several times slower, and the
    results cache pays this on every page run that fills it."""
    try:
        blocks = frame._mgr.blocks
    except AttributeError:  # a pandas without block managers
        return int(frame.memory_usage(index=True, deep=True).sum())
    total = frame.index.nbytes
    for block in blocks:
        values = block.values
        total += values.nbytes
        if values.dtype == object:
            total += sum(map(sys.getsizeof, np.asarray(values).ravel()))
    return int(total)


def figure_trace_dicts(figure: BaseFigure) -> list[dict]:
    """Private API (Plotly): the traces' own property dicts; the public `figure.data` copies them
    into validated objects, which costs more than the cache lookup it serves."""
    return figure._data


def memoize_plotly_key_paths() -> None:
    """Process-wide switch on a private Plotly function: every property set on a figure parses its
    path ('title.font.size') from scratch, defining a helper class on each call, about half of
    what styling a chart costs; the parse is a pure function of the string, so it is remembered."""
    parse = basedatatypes._str_to_dict_path_full
    if getattr(parse, "memoized_by_indicators", False):
        return
    remembered = functools.lru_cache(maxsize=4096)(parse)

    def parse_once(key_path: str):
        path, starts = remembered(key_path)
        return path, list(starts)  # the caller gets its own list, as from the original

    parse_once.memoized_by_indicators = True
    parse_once.original = parse
    basedatatypes._str_to_dict_path_full = parse_once


def pause_before_commit_for_tests() -> None:
    """Test hook inside the commit path: with INDICATORS_TEST_PAUSE_BEFORE_COMMIT set, the import
    waits inside its open transaction so the crash test can kill -9 it there."""
    seconds = float(os.environ.get("INDICATORS_TEST_PAUSE_BEFORE_COMMIT", "0") or 0)
    if seconds:
        print("tạm dừng trước khi ghi", file=sys.stderr, flush=True)
        time.sleep(seconds)
