"""Exports a leader takes out of the meeting: tables as .xlsx and the briefing pack."""
from __future__ import annotations

import datetime as dt
import html
import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from indicators.numbers import is_missing
from indicators.text import inert_cells, inert_for_csv, sheet_text


def table_to_xlsx(frame: pd.DataFrame, sheet: str = "Bảng số liệu") -> bytes:
    """Numbers stay numbers; text that a spreadsheet would run as a formula is stored as plain text."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([str(c) for c in frame.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in frame.itertuples(index=False):
        values = []
        for value in row:
            if is_missing(value) or value is pd.NaT:
                values.append(None)
            elif isinstance(value, pd.Timestamp):
                values.append(value.to_pydatetime().date())
            elif hasattr(value, "item") and not isinstance(value, str):
                values.append(value.item())
            else:
                values.append(sheet_text(value))
        ws.append(values)
    inert_cells(ws, min_row=2)  # never a formula
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, (dt.date, dt.datetime)):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, float):
                cell.number_format = "#,##0.##"
    for index, column in enumerate(frame.columns, start=1):
        longest = max([len(str(column))] + [len(str(v)) for v in frame.iloc[:200, index - 1].tolist()])
        ws.column_dimensions[ws.cell(1, index).column_letter].width = min(max(10, longest + 2), 80)
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A table for HTML a leader may copy into a spreadsheet: formula-like text gets an apostrophe."""
    return frame.map(inert_for_csv) if len(frame) else frame


def briefing_html(title: str, filters: list[str], sections: list[tuple[str, str]], sources: pd.DataFrame) -> str:
    """A self-contained, offline HTML briefing pack: plotly.js is inlined once, no network needed.

    `sections` are (heading, html_fragment) pairs; figures come as `fig.to_html(full_html=False,
    include_plotlyjs=False)` fragments.
    """
    from plotly.offline import get_plotlyjs

    made = dt.datetime.now().strftime("%d/%m/%Y %H:%M")
    parts = [
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:Arial,'Noto Sans',sans-serif;margin:2rem;color:#1b1b1b;font-size:16px}"
        "h1{font-size:1.8rem}h2{font-size:1.4rem;border-bottom:2px solid #1F4E79;padding-bottom:.2rem;margin-top:2rem;"
        "page-break-before:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}"
        "th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}"
        "th{background:#1F4E79;color:#fff}td.num{text-align:right;white-space:nowrap}"
        ".badge{padding:0 .4rem;border-radius:.3rem;font-weight:600}.filters{color:#444}"
        "@media print{.plotly-graph-div{page-break-inside:avoid}}"
        "@media (max-width:640px){body{margin:.5rem}}</style>",  # a phone: the charts get the width they need
        f"<script type='text/javascript'>{get_plotlyjs()}</script>",
        "</head><body>",
        f"<h1>{html.escape(title)}</h1>",
        "<p class='filters'>" + " · ".join(html.escape(f) for f in filters) + f" · Lập lúc {made}</p>",
    ]
    for heading, fragment in sections:
        parts.append(f"<h2>{html.escape(heading)}</h2>{fragment}")
    parts.append("<h2>Nguồn số liệu</h2>")
    parts.append(inert_frame(sources).to_html(index=False, escape=True, na_rep="", border=0))
    parts.append("</body></html>")
    return "".join(parts)
