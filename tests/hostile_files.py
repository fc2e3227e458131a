"""Hostile spreadsheets within the 20 MB upload cap, written on demand (never committed as binaries).

Each file is small on disk and costly to a reader that trusts it: a cell at XFD1048576, zip entries
that lie about their unpacked size, 16,384 sparse columns, a tiny .ods of repeated rows, 3.9 million
tiny cells, a 19.8 MB CSV of tiny rows.

    python tests/hostile_files.py DIR             # write them into DIR
    python tests/hostile_files.py DIR --measure   # also read each in a fresh process: time and peak memory
"""
from __future__ import annotations

import json
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from indicators.ingest.fields import TEMPLATE_HEADER  # noqa: E402

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Số liệu" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
SHEET_OPEN = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def _xlsx(path: Path, sheet_parts, dimension: str | None = None) -> Path:
    """A minimal .xlsx whose one sheet's XML is the given pieces, streamed into the zip."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_OPEN.encode())
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for part in sheet_parts:
                sheet.write(part)
            sheet.write(b"</sheetData></worksheet>")
    return path


def _header_row() -> bytes:
    """The upload template's header as row 1, so a reader goes on to the data rows."""
    cells = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
                    for i, name in enumerate(TEMPLATE_HEADER))
    return f'<row r="1">{cells}</row>'.encode()


def far_cell(folder: Path) -> Path:
    """One cell at XFD1048576, the last cell a sheet can have: 2 KB that a dense reader lays out as 17 G cells."""
    row = _header_row()
    last = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return _xlsx(folder / "o_cuoi_cung.xlsx", [row, last], "A1:XFD1048576")


def lying_zip(folder: Path) -> Path:
    """A sheet entry that declares 2 KB unpacked and holds 300 MB (the central directory and the local
    header both lie); a reader trusting the declared sizes lets it through."""
    padding = b" " * (1 << 20)
    path = _xlsx(folder / "zip_khai_sai.xlsx",
                 [b'<row r="1"><c r="A1"><v>1</v></c></row>', *([padding] * 300)])
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    _lie_about_size(data, info, 2048)
    path.write_bytes(bytes(data))
    return path


def _lie_about_size(data: bytearray, info: zipfile.ZipInfo, size: int) -> None:
    """Write `size` as the unpacked size of one entry in its local header and the central directory,
    in the zip64 extra fields where the entry has them."""
    name = info.filename.encode()
    local = info.header_offset
    struct.pack_into("<I", data, local + 22, size)
    struct.pack_into("<I", data, local + 18, min(info.compress_size, 0xFFFFFFFE))
    name_len, extra_len = struct.unpack_from("<HH", data, local + 26)
    _patch_zip64(data, local + 30 + name_len, extra_len, size, info.compress_size)
    central = data.rfind(b"PK\x01\x02")  # from the last central entry back to the sheet's
    while central != -1 and data[central + 46:central + 46 + len(name)] != name:
        central = data.rfind(b"PK\x01\x02", 0, central)
    struct.pack_into("<I", data, central + 24, size)
    struct.pack_into("<I", data, central + 20, min(info.compress_size, 0xFFFFFFFE))
    name_len, extra_len = struct.unpack_from("<HH", data, central + 28)
    _patch_zip64(data, central + 46 + name_len, extra_len, size, info.compress_size)


def _patch_zip64(data: bytearray, start: int, length: int, size: int, compressed: int) -> None:
    at = start
    while at < start + length:
        tag, body = struct.unpack_from("<HH", data, at)
        if tag == 1 and body >= 16:
            struct.pack_into("<QQ", data, at + 4, size, compressed)
        at += 4 + body


def sparse_columns(folder: Path) -> Path:
    """1,000 rows with a cell in column A and one in XFD: 16,384 columns, almost all of them empty."""
    rows = [f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="XFD{r}"><v>1</v></c></row>'.encode()
            for r in range(2, 1002)]
    return _xlsx(folder / "cot_thua.xlsx", [_header_row(), *rows])


def tiny_cells(folder: Path) -> Path:
    """3.9 million cells of '1' (16 a row, no cell references, as some tools write them)."""
    row_cells = b"<c><v>1</v></c>" * 16

    def parts():
        yield _header_row()
        for r in range(2, 243_752):
            yield b'<row r="%d">' % r + row_cells + b"</row>"
    return _xlsx(folder / "o_li_ti.xlsx", parts())


def repeated_rows(folder: Path) -> Path:
    """Under 1 KB of .ods: one filled row repeated 1,000,000 times, each of 60 filled cells (under the
    reader's own limit of 100 million cells)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Số liệu">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Huyện</text:p></table:table-cell>'
        '</table:table-row>'
        '<table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell table:number-columns-repeated="60" office:value-type="float" office:value="1">'
        '<text:p>1</text:p></table:table-cell></table:table-row>'
        '</table:table></office:spreadsheet></office:body></office:document-content>')
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '</manifest:manifest>')
    path = folder / "dong_lap_lai.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def tiny_rows_csv(folder: Path) -> Path:
    """The template's header, then 19.8 MB of rows holding one character each: 9.9 million rows."""
    path = folder / "dong_li_ti.csv"
    path.write_bytes(",".join(TEMPLATE_HEADER).encode() + b"\n" + b"1\n" * (19_800_000 // 2))
    return path


HOSTILE = {"far_cell": far_cell, "lying_zip": lying_zip, "sparse_columns": sparse_columns,
           "repeated_rows": repeated_rows, "tiny_cells": tiny_cells, "tiny_rows_csv": tiny_rows_csv}

# Reads one file in a fresh interpreter as an upload is read; prints seconds, the resident peak of this
# process and of the reader's own process (VmHWM: ru_maxrss would count the parent's memory at fork),
# and the first problem.
MEASURE = """
import json, sys, time
from indicators.ingest import isolated
from indicators.ingest.reader import read_spreadsheet
from indicators.store.database import DISTRICTS
kwargs = {'isolated': True} if sys.argv[2] == '1' else {}
start = time.perf_counter()
result = read_spreadsheet(sys.argv[1], list(DISTRICTS), {}, **kwargs)
seconds = time.perf_counter() - start
with open('/proc/self/status') as status:
    own = next(int(line.split()[1]) for line in status if line.startswith('VmHWM'))
print(json.dumps({"seconds": seconds, "peak_mb": max(own, getattr(isolated, 'last_peak_kb', 0)) / 1024,
                  "refused": bool(result.errors),
                  "message": result.errors[0].describe() if result.errors else ""}, ensure_ascii=False))
"""


def measure(path: Path, isolated: bool = True, timeout: float = 120) -> dict:
    """Read `path` in a fresh process (as the upload page does when `isolated`): time, peak, outcome."""
    project = Path(__file__).resolve().parent.parent
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", MEASURE, str(path), "1" if isolated else "0"], cwd=project,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": timeout, "peak_mb": None, "refused": None, "message": "timed out"}
    if done.returncode != 0:
        return {"seconds": time.perf_counter() - start, "peak_mb": None, "refused": None,
                "message": f"process died, exit {done.returncode}: {done.stderr.strip()[-200:]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in HOSTILE.items():
        path = make(folder)
        line = f"{name:16} {path.name:22} {path.stat().st_size:>12,} bytes"
        if "--measure" in sys.argv:
            line += "  " + json.dumps(measure(path, "--in-process" not in sys.argv), ensure_ascii=False)
        print(line, flush=True)
