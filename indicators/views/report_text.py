"""A report's own text opened at the sentence a figure was read from, so a leader can read what
surrounds a number before putting it beside another district's.

The reports in data/reports are plain text converted from the documents, with some Markdown left in
(**bold**, # headings, \\* escapes, <sup> footnote marks). The sentence is found the way
tests/test_shipped_data.py checks it is there: with those marks dropped and spacing ignored. What
comes back is HTML in which every character of the report is escaped; only the tags built here
(<p>, <sup>, <mark>) act as HTML. No Streamlit here: the page places the fragment.
"""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from indicators.store.database import DATA_DIR
from indicators.text import fold

REPORTS_DIR = DATA_DIR / "reports"
MISSING = "Không có bản văn của báo cáo này trong hệ thống; chỉ có câu trích dẫn."
NOT_FOUND = ("Không tìm thấy câu trích dẫn trong bản văn của báo cáo (câu có thể đã được sửa khi nhập số liệu); "
             "dưới đây là toàn văn để đối chiếu.")
NO_QUOTE = "Số liệu này không kèm câu trích dẫn; dưới đây là toàn văn báo cáo."
_HEADING = re.compile(r"^(#{1,6})\s+")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_SUP = re.compile(r"<sup>(.*?)</sup>", re.IGNORECASE)
CONTEXT = 3000  # characters before a repeated sentence read to tell its places apart
_MARKS = re.compile(r"\\(.)|\*")  # a backslash escape keeps its character; a bare * is emphasis


class Paragraph(NamedTuple):
    heading: bool  # a heading or a line bold throughout: shown in bold
    segments: tuple[tuple[str, bool], ...]  # (text as shown, is a footnote mark)


class Report(NamedTuple):
    paragraphs: tuple[Paragraph, ...]
    key: str  # the text as matched: marks dropped, spacing single
    places: tuple[tuple[int, int, int], ...]  # key position -> (paragraph, segment, offset)
    folded: str  # key without case or accents, position for position


class ReportView(NamedTuple):
    has_text: bool  # the report's text is held here
    found: int  # how many places the sentence was marked at (0: not found)
    message: str  # what the leader is told when the text or the sentence is missing, else ""
    html: str  # the report, escaped, the sentence in <mark>; "" when there is no text


def report_path(source_file, folder: Path = REPORTS_DIR) -> Path | None:
    """The report's file, only when `source_file` names a file directly inside the reports folder:
    a path ('../../etc/passwd', 'a/b.txt', an absolute path) or a link leading out is refused."""
    if not isinstance(source_file, str):
        return None
    name = source_file.strip()
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        return None
    root = folder.resolve()
    path = (root / name).resolve()
    return path if path.parent == root and path.is_file() else None


def _clean(text: str) -> str:
    return _MARKS.sub(lambda m: m.group(1) or "", text)


def _paragraph(line: str) -> Paragraph | None:
    """One line of the report as shown: heading marks, emphasis and escapes gone, footnote marks kept apart."""
    line = unicodedata.normalize("NFC", line).strip()
    if not line or _RULE.match(line):
        return None
    heading = _HEADING.match(line)
    if heading:
        line = line[heading.end():]
    bold = line.startswith("**") and line.endswith("**") and line.count("**") == 2  # a task's title line
    segments, at = [], 0
    for sup in _SUP.finditer(line):
        segments += [(_clean(line[at:sup.start()]), False), (_clean(sup.group(1)), True)]
        at = sup.end()
    segments.append((_clean(line[at:]), False))
    return Paragraph(bool(heading) or bold, tuple((text, is_sup) for text, is_sup in segments if text))


def _fold_char(ch: str) -> str:
    folded = fold(ch)
    return folded[0] if len(folded) == 1 else ch.lower()


def parse(text: str) -> Report:
    """The report split into paragraphs, with the matching key and where each key character sits."""
    paragraphs = tuple(p for p in map(_paragraph, text.splitlines()) if p and p.segments)
    key, places = [], []
    for p_no, paragraph in enumerate(paragraphs):
        for s_no, (segment, _) in enumerate(paragraph.segments):
            for offset, ch in enumerate(segment):
                if ch.isspace():
                    if key and key[-1] != " ":
                        key.append(" ")
                        places.append((p_no, s_no, offset))
                    continue
                key.append(ch)
                places.append((p_no, s_no, offset))
        if key and key[-1] != " ":  # paragraphs read as one text, as the shipped-data check reads them
            key.append(" ")
            places.append((p_no, len(paragraph.segments), 0))
    joined = "".join(key)
    return Report(paragraphs, joined, tuple(places), "".join(" " if c == " " else _fold_char(c) for c in joined))


def quote_key(quote: str) -> str:
    """The quote in the report's matching form: marks dropped, spacing single, NFC."""
    text = _clean(_SUP.sub(r"\1", unicodedata.normalize("NFC", quote)))
    return re.sub(r"\s+", " ", text).strip()


def find(report: Report, quote) -> list[tuple[int, int]]:
    """Every (start, end) of the quote in the report's key; exact first, then without case or accents."""
    needle = quote_key(quote) if isinstance(quote, str) else ""
    if not needle:
        return []
    for haystack, sought in ((report.key, needle), (report.folded, "".join(map(_fold_char, needle)))):
        spans, at = [], haystack.find(sought)
        while at >= 0:
            spans.append((at, at + len(sought)))
            at = haystack.find(sought, at + len(sought))
        if spans:
            return spans
    return []


def _pairs(folded: str) -> set[tuple[str, str]]:
    words = re.findall(r"\w+", folded)
    return set(zip(words, words[1:]))


def choose(report: Report, spans: list[tuple[int, int]], name) -> list[tuple[int, int]]:
    """Where the sentence occurs more than once ('Đánh giá: 100% Kế hoạch.' closes four tasks of one
    report), the place whose preceding text shares most word pairs with the indicator's name; every
    place when none stands out, so a leader is never shown one task's sentence as another's."""
    if len(spans) < 2 or not isinstance(name, str):
        return spans
    sought = _pairs("".join(map(_fold_char, name)))
    scores, previous_end = [], 0
    for start, end in spans:
        scores.append(len(sought & _pairs(report.folded[max(previous_end, start - CONTEXT):start])))
        previous_end = end
    best = max(scores)
    return [spans[scores.index(best)]] if best and scores.count(best) == 1 else spans


@lru_cache(maxsize=16)
def _read(path: Path, mtime_ns: int) -> Report:
    return parse(path.read_text(encoding="utf-8", errors="replace"))


def load(source_file, folder: Path = REPORTS_DIR) -> Report | None:
    """The report's parsed text, read once per change of the file; None when it is not held here."""
    path = report_path(source_file, folder)
    return None if path is None else _read(path, path.stat().st_mtime_ns)


def _marked_ranges(report: Report, spans) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Per (paragraph, segment), the character ranges to mark: from the first to the last character
    of the sentence in it, spaces the key collapsed included."""
    ranges: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for start, end in spans:
        reach: dict[tuple[int, int], tuple[int, int]] = {}
        for p_no, s_no, offset in report.places[start:end]:
            if s_no < len(report.paragraphs[p_no].segments):
                low, high = reach.get((p_no, s_no), (offset, offset))
                reach[(p_no, s_no)] = (min(low, offset), max(high, offset))
        for place, (low, high) in reach.items():
            ranges.setdefault(place, []).append((low, high + 1))
    return ranges


def _segment_html(text: str, marks: list[tuple[int, int]], anchor: str, first: bool) -> str:
    parts, at = [], 0
    for a, b in marks:
        parts.append(html.escape(text[at:a]))
        ident = f' id="{anchor}"' if first and anchor else ""
        parts.append(f"<mark{ident}>{html.escape(text[a:b])}</mark>")
        first, at = False, b
    parts.append(html.escape(text[at:]))
    return "".join(parts)


def render(report: Report, spans, anchor: str = "") -> str:
    """The whole report as escaped paragraphs, the sentence in <mark> (the first one carries `anchor`)."""
    ranges = _marked_ranges(report, spans)
    first = min(ranges) if ranges else None
    out = []
    for p_no, paragraph in enumerate(report.paragraphs):
        body = []
        for s_no, (text, is_sup) in enumerate(paragraph.segments):
            inner = _segment_html(text, ranges.get((p_no, s_no), []), anchor, (p_no, s_no) == first)
            body.append(f"<sup>{inner}</sup>" if is_sup else inner)
        css = ' class="rt-h"' if paragraph.heading else ""
        out.append(f"<p{css}>{''.join(body)}</p>")
    return "\n".join(out)


def report_view(source_file, quote, name=None, anchor: str = "", folder: Path = REPORTS_DIR) -> ReportView:
    """What the page shows for one statement: the report at its sentence (the place nearest the
    indicator's `name` when the sentence repeats), or why it cannot."""
    report = load(source_file, folder)
    if report is None:
        return ReportView(False, 0, MISSING, "")
    spans = choose(report, find(report, quote), name)
    if not spans:
        message = NOT_FOUND if isinstance(quote, str) and quote.strip() else NO_QUOTE
    else:
        message = f"Câu trích dẫn có ở {len(spans)} chỗ trong báo cáo; cả {len(spans)} chỗ đều được tô sáng." \
            if len(spans) > 1 else ""
    return ReportView(True, len(spans), message, render(report, spans, anchor))


STYLE = """<style>
.rt-box{max-height:26rem;overflow-y:auto;position:relative;padding:.25rem 1rem;border:1px solid #c9ced8;
  border-radius:.5rem;background:#fff;color:#1f2430;font-size:1rem;line-height:1.55}
.rt-box p{margin:.5rem 0}
.rt-box p.rt-h{font-weight:600}
.rt-box mark{background:#ffd84d;color:inherit;padding:0 .1em;border-radius:2px;box-shadow:0 0 0 1px #e0b100}
</style>"""
# Scrolls the box, not the page, so the first mark sits a third of the way down; when the box is inside
# a closed expander it has no size, so this waits until it is shown (and again after it is closed and opened).
SCROLL = """<script>(() => {
  const box = document.getElementById("%(box)s");
  const mark = box && box.querySelector("mark");
  if (!mark) return;
  const place = () => { box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3); };
  if (!("IntersectionObserver" in window)) { place(); return; }
  new IntersectionObserver((seen) => {
    if (box.clientHeight === 0) { box.dataset.placed = ""; return; }
    if (seen.some((e) => e.isIntersecting) && !box.dataset.placed) { place(); box.dataset.placed = "1"; }
  }).observe(box);
})();</script>"""


def fragment(view: ReportView, box_id: str) -> str:
    """The report in a scrolling box with the script that brings the marked sentence into view;
    `box_id` must be made here of letters, digits and dashes (it is placed in the script)."""
    if not re.fullmatch(r"[A-Za-z][\w-]*", box_id):
        raise ValueError(f"not an element id: {box_id!r}")
    script = SCROLL % {"box": box_id} if view.found else ""
    return f'{STYLE}<div class="rt-box" id="{box_id}">{view.html}</div>{script}'
