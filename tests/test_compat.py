"""The assumptions indicators/compat.py makes about Python, pandas and Plotly internals: each test
fails when a library upgrade takes away what the fenced code reaches for."""
import gc

import pandas as pd
import plotly.graph_objects as go

from indicators import compat


def test_frame_buffer_bytes_reads_pandas_blocks_and_counts_text():
    frame = pd.DataFrame({"n": range(1000), "name": ["Văn Quan"] * 1000})
    assert hasattr(frame, "_mgr") and hasattr(frame._mgr, "blocks"), "pandas dropped its block manager"
    numbers_only = compat.frame_buffer_bytes(frame[["n"]])
    assert numbers_only >= 8 * 1000
    assert compat.frame_buffer_bytes(frame) > numbers_only + 1000 * 8  # the text is counted too (Arrow buffers or str objects)


def test_figure_trace_dicts_are_plotlys_own_trace_properties():
    figure = go.Figure(go.Bar(x=["Văn Quan", "Bắc Sơn"], y=[1, 2]))
    traces = compat.figure_trace_dicts(figure)
    assert isinstance(traces, list) and isinstance(traces[0], dict)
    assert list(traces[0]["x"]) == ["Văn Quan", "Bắc Sơn"] and traces[0]["type"] == "bar"


def test_cyclic_gc_pause_restores_the_collector():
    assert gc.isenabled()
    with compat.cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_freeze_heap_moves_objects_out_of_the_collectors_sight():
    compat.freeze_heap()
    try:
        assert gc.get_freeze_count() > 0
    finally:
        compat.unfreeze_heap()
    assert gc.get_freeze_count() == 0


def test_plotly_key_paths_are_parsed_once_and_the_same_as_plotlys_own():
    from plotly import basedatatypes

    import indicators.views  # noqa: F401  (installs the memo, as every page does)

    parse = basedatatypes._str_to_dict_path_full
    assert getattr(parse, "memoized_by_indicators", False), "the memo is not installed where Plotly looks"
    original = parse.original
    for key in ("title.font.size", "xaxis.title.text", "marker.line.width", "error_x.thickness", "a_b__c_", ""):
        path, starts = parse(key)
        assert (path, starts) == original(key)
        starts.append(-1)  # a caller that changes its list does not change the remembered answer
        assert parse(key) == original(key)
    compat.memoize_plotly_key_paths()  # a second call does not wrap the wrapper
    assert basedatatypes._str_to_dict_path_full is parse
    fig = go.Figure(go.Bar(x=["Văn Quan"], y=[1]))
    fig.update_layout(title_font_size=20, xaxis_title_text="Huyện")  # Plotly's own setters go through it
    assert fig.layout.title.font.size == 20 and fig.layout.xaxis.title.text == "Huyện"
