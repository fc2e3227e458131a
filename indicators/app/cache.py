"""The process-wide cache of what pages draw: query results, tables and figures, for the
current data version only.

Why not st.cache_data: on every cached rerun it hashes its arguments through `inspect` and
unpickles a fresh copy of each frame, a millisecond or more per call, several calls per page.
Our keys are already plain tuples (what was asked, and of which data version), and pandas ≥ 3
copies on write, so one stored frame can be handed to every session as a shallow copy: a
session that edits its frame edits its own copy, never the stored one.
"""
from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from typing import Any, Callable

import numpy as np
import pandas as pd
from plotly.basedatatypes import BaseFigure

from indicators.compat import figure_trace_dicts, frame_buffer_bytes

COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3
_IMMUTABLE = frozenset({str, int, float, bool, type(None)})


def own_copy(value: Any) -> Any:
    """What a caller may change freely without touching the stored value. Frames are copied
    lazily (pandas copy-on-write); lists, tuples and dicts are rebuilt around them. Anything
    else (Plotly figures, text) is shared and must be treated as read-only."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=not COPY_ON_WRITE)
    if isinstance(value, (list, tuple)):
        if all(type(v) in _IMMUTABLE for v in value):  # 3,300 commune names: no per-item calls
            return value.copy() if isinstance(value, list) else value
        items = [own_copy(v) for v in value]
        if isinstance(value, list):
            return items
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, dict):
        return {k: own_copy(v) for k, v in value.items()}
    return value


def size_of(value: Any) -> int:
    """Roughly the memory a value holds, for the cache's budget: frames with their text (Arrow
    buffers or Python strings), files as bytes, figures by their traces and hover text (a trend
    chart of 12 districts × 40 periods holds about 0.5 MB)."""
    if isinstance(value, pd.DataFrame):
        return frame_buffer_bytes(value)
    if isinstance(value, pd.Series):
        return frame_buffer_bytes(value.to_frame())
    if isinstance(value, BaseFigure):
        return _figure_bytes(value)
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if isinstance(value, (list, tuple)):
        if all(type(v) in _IMMUTABLE for v in value):  # 3,300 commune names: no call back in per item
            return 56 + 8 * len(value) + sum(map(sys.getsizeof, value))
        return 56 + sum(8 + size_of(v) for v in value)
    if isinstance(value, dict):
        return 64 + sum(16 + size_of(k) + size_of(v) for k, v in value.items())
    return sys.getsizeof(value)


def _figure_bytes(figure: BaseFigure) -> int:
    """A figure's points, labels and hover text, one level deep: walking it fully (or copying it with
    to_plotly_json) costs more than the cache lookup saves."""
    total = 4096  # layout and template
    for trace in figure_trace_dicts(figure):
        for value in trace.values():
            if isinstance(value, np.ndarray):
                total += value.nbytes
            elif isinstance(value, (list, tuple)):
                total += 8 * len(value) + sum(map(sys.getsizeof, value))
            else:
                total += sys.getsizeof(value)
    return total


class VersionedCache:
    """Values for one data version at a time; the least recently used are dropped beyond
    `max_entries` or once the values held pass `max_bytes` (a country's worth of data makes
    single results of tens of MB).

    When a caller brings a new version (an import or undo landed), every value computed from
    the older data is dropped at once instead of lingering until evicted. A caller still on a
    version already replaced (a tab drawn before the import) gets its value computed but not
    kept, so it cannot wind the cache back for everyone. When several sessions ask for the same
    missing value at once (everyone's rerun after an import), one computes it and the others wait."""

    def __init__(self, max_entries: int = 1024, max_bytes: int = 256 * 2**20):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._version: Any = None
        self._retired: OrderedDict[Any, None] = OrderedDict()  # versions replaced, newest last
        self._entries: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self._computing: dict[Any, threading.Event] = {}
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, version: Any, key: Any, compute: Callable[[], Any]) -> Any:
        while True:
            with self._lock:
                if version != self._version:
                    if version in self._retired:
                        break  # computed below, not kept
                    self._retire_current()
                    self._version = version
                if key in self._entries:
                    self._entries.move_to_end(key)
                    return own_copy(self._entries[key][0])
                underway = self._computing.get(key)
                if underway is None:
                    underway = self._computing[key] = threading.Event()
                    return self._compute_and_keep(version, key, compute, underway)
            underway.wait()  # another session is computing it; then look again
        return compute()

    def _compute_and_keep(self, version, key, compute, underway: threading.Event) -> Any:
        """Called holding the lock; computes without it, so a slow query holds up no other key."""
        self._lock.release()
        try:
            value = compute()
            size = size_of(value)
        finally:
            self._lock.acquire()
            del self._computing[key]
            underway.set()
        if version == self._version and key not in self._entries:
            self._entries[key] = (value, size)
            self._bytes += size
            while len(self._entries) > 1 and (len(self._entries) > self.max_entries or self._bytes > self.max_bytes):
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped
        return own_copy(value)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self._retired.clear()
            self._version = None

    def _retire_current(self) -> None:
        if self._version is not None:
            self._retired[self._version] = None
            while len(self._retired) > 64:
                self._retired.popitem(last=False)
        self._entries.clear()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)
