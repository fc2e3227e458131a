"""A checked file against what is stored: which figures are new, changed, unchanged, or an estimate
now stated as a result, and its rows in fact_history's shape for the bulk insert.

Kept apart from the importer's plan and commit so the comparison, the one step repeated under the
write lock, reads in one place.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from indicators.basis import ACTUAL, ESTIMATE
from indicators.frames import records
from indicators.ingest.fields import NUMBER_FIELDS
from indicators.store.named import STORE, run_query

if TYPE_CHECKING:  # the plan is the importer's; this module only fills it
    from indicators.ingest.importer import ImportPlan

VALUE_FIELDS = (*NUMBER_FIELDS, "status")
KEY = ["district", "year", "period", "indicator_code"]
ESTIMATE_TO_ACTUAL = "ước → thực hiện"


@dataclass
class FieldChange:
    district: str
    year: int
    period: str
    indicator_code: str
    field: str
    old: object
    new: object
    old_source: str
    estimate_to_actual: bool = False  # the stored figure was an estimate; this file states the result


HISTORY_COLUMNS = [*KEY, *NUMBER_FIELDS, "status", "note", "source", "reported_on", "quote", "sheet_row",
                   "basis", "as_of", "source_file"]


def rows_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Checked rows in fact_history's column order and types, for one bulk insert (no per-row SQL)."""
    out = frame[HISTORY_COLUMNS].copy()
    for name in NUMBER_FIELDS:
        out[name] = out[name].astype("float64")
    out["year"] = out["year"].astype("int32")
    out["sheet_row"] = out["sheet_row"].astype("int32")
    out["reported_on"] = pd.to_datetime(out["reported_on"])
    out["as_of"] = pd.to_datetime(out["as_of"])
    for name in ("district", "period", "indicator_code", "status", "note", "source", "quote", "basis", "source_file"):
        if not isinstance(out[name].dtype, pd.StringDtype):  # DuckDB reads pandas' own strings, gaps as NULL
            out[name] = out[name].astype(object).where(out[name].notna(), None)
    return out


def as_arrow(frame: pd.DataFrame) -> pa.Table:
    """DuckDB scans Arrow without copying; handed a DataFrame of pandas strings, it first converts
    every string to a Python object (a tenth of a second per 100 thousand rows and column)."""
    return pa.Table.from_pandas(frame, preserve_index=False)


def compare_figures(con: duckdb.DuckDBPyConnection, plan: ImportPlan) -> None:
    """Each checked row against the figure stored under its key: new, changed, unchanged, or an
    estimate now stated as a result (ESTIMATE_TO_ACTUAL); fills the plan's rows, preview, changes and counts."""
    incoming = plan.rows = rows_frame(plan.read.frame)
    keys = incoming[KEY].assign(position=np.arange(len(incoming)))
    # only figures already stored come back: none at all for a new quarter
    stored = run_query(con, f"{STORE}/stored_figures", relations={"incoming_keys": as_arrow(keys)})
    # keys are unique within a file (checked on reading), so each position appears at most once
    positions = stored["position"].to_numpy()
    known = np.zeros(len(incoming), dtype=bool)
    known[positions] = True
    changed_any = np.zeros(len(incoming), dtype=bool)
    confirmed = np.zeros(len(incoming), dtype=bool)
    if len(stored):  # only figures already stored can change
        merged = incoming.iloc[positions].reset_index(drop=True)
        merged = pd.concat([merged, stored.drop(columns=["position"])], axis=1)
        # an estimate stored before and a result now: one figure with two statements, not a conflict
        upgrade = ((merged["old_basis"] == ESTIMATE) & (merged["basis"] == ACTUAL)).to_numpy()
        confirmed[positions[upgrade]] = True
        for name in VALUE_FIELDS:
            new, old = merged[name], merged[f"old_{name}"]
            if name == "status":
                differs = new.notna() & (new != old)
            else:
                differs = new.notna() & ~((new - old).abs() < 1e-9)
            changed_any[positions[differs.to_numpy()]] = True
            for r in records(merged[differs].head(5000)):
                plan.changes.append(FieldChange(r["district"], int(r["year"]), r["period"], r["indicator_code"], name,
                                                None if pd.isna(r[f"old_{name}"]) else r[f"old_{name}"],
                                                r[name], r["old_source"], r["old_basis"] == ESTIMATE
                                                and r["basis"] == ACTUAL))
    changed_any &= ~confirmed
    preview = incoming[[*KEY, *VALUE_FIELDS, "sheet_row"]].reset_index(drop=True)
    preview["kind"] = np.where(confirmed, ESTIMATE_TO_ACTUAL, np.where(
        changed_any, "thay đổi", np.where(known, "không đổi", "mới")))
    plan.preview = preview
    plan.facts_new = int((~known).sum())
    plan.facts_changed = int(changed_any.sum())
    plan.facts_confirmed = int(confirmed.sum())
    plan.facts_unchanged = int((known & ~changed_any & ~confirmed).sum())
