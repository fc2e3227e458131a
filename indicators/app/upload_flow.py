"""The upload page's Streamlit glue for big files: a progress bar naming each stage of the import
with its counts, the plan kept across reruns (a page turn must not read a 100,000-row file again),
and preview tables sent to the browser one page at a time."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from indicators.ingest.importer import ImportPlan, plan_import
from indicators.views.upload_progress import StagesSeen, page_of, stage_text

PLAN_STATE = "upload_plans"
KEPT_PLANS = 2  # the plan before the editor's choices and the one with them: both are read on every rerun


class ImportProgress:
    """A progress bar the importer moves through read, check, compare and write; it stays on the page
    when done, saying what was done and to how many rows."""

    def __init__(self, file_name: str):
        self.file_name = file_name
        self.bar = st.progress(0.0, text=stage_text("read", 0, file_name)[1])
        self.stages = StagesSeen()

    def __call__(self, stage: str, count: int) -> None:
        self.stages.add(stage, count)
        fraction, text = stage_text(stage, count, self.file_name)
        self.bar.progress(fraction, text=text)

    def finish(self) -> None:
        self.bar.progress(1.0, text=self.stages.done_text())


def planned(con, data_version: tuple, path: Path, digest: str, file_name: str, year: int | None,
            period: str | None, choices: dict[str, str] | None = None) -> ImportPlan:
    """The file's plan, read with a progress bar the first time and kept in the session until the
    file, the wide-layout year and period, the editor's choices or the stored data change."""
    key = (digest, file_name, year, period, tuple(sorted((choices or {}).items())), data_version)
    kept = st.session_state.setdefault(PLAN_STATE, {})
    if key in kept:
        plan, done = kept[key]
        st.progress(1.0, text=done)
        return plan
    progress = ImportProgress(file_name)
    plan = plan_import(con, path, file_name=file_name, year=year, period=period, choices=choices,
                       progress=progress, isolated=True)  # a reader that aborts cannot take the server down
    progress.finish()
    while len(kept) >= KEPT_PLANS:
        kept.pop(next(iter(kept)))  # the oldest
    kept[key] = (plan, progress.stages.done_text())
    return plan


def forget_plan() -> None:
    st.session_state.pop(PLAN_STATE, None)


def paged_table(key: str, total: int, rows: Callable[[int, int], pd.DataFrame]) -> None:
    """A table of `total` rows shown a page at a time (Streamlit's own st.pagination below it):
    `rows(start, stop)` builds only that page."""
    if total == 0:
        st.write("Không có.")
        return
    table, below = st.container(), st.container()
    pages = page_of(total, 1).pages
    number = below.pagination(pages, key=f"page_{key}") if pages > 1 else 1
    page = page_of(total, number)
    table.dataframe(rows(page.start, page.stop), hide_index=True, width="stretch")
    if pages > 1:
        below.caption(page.caption())
