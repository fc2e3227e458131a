"""Walking DataFrames quickly: shared by the importer and the views."""
from __future__ import annotations

import numpy as np
import pandas as pd


def records(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as plain dicts, column by column: several times faster than to_dict("records"),
    itertuples or iterrows under pandas 3, which matters when a page walks its rows on every rerun."""
    columns = list(frame.columns)
    return [dict(zip(columns, values)) for values in zip(*(frame[c].tolist() for c in columns))]


def flag(value) -> bool:
    """A boolean column's cell, where a missing figure gives NULL (None, NaN or pd.NA)."""
    return isinstance(value, (bool, np.bool_)) and bool(value)
