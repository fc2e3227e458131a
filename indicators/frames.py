"""Walking DataFrames quickly: shared by the importer and the views."""
from __future__ import annotations

import pandas as pd


def records(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as plain dicts, column by column: several times faster than to_dict("records"),
    itertuples or iterrows under pandas 3, which matters when a page walks its rows on every rerun."""
    columns = list(frame.columns)
    return [dict(zip(columns, values)) for values in zip(*(frame[c].tolist() for c in columns))]
