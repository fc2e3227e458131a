"""What the upload page's progress bar says at each stage of an import, with its counts; and how a
long preview table is cut into pages, so a 100,000-row file never sends 100,000 rows to the browser."""
from __future__ import annotations

from dataclasses import dataclass, field

from indicators.ingest.importer import STAGES
from indicators.numbers import format_number

PAGE_ROWS = 100  # rows of one preview table sent to the browser at a time
_ORDER = list(STAGES)
_SHARE = {"read": 0.02, "check": 0.3, "compare": 0.75, "write": 0.9}  # the bar's place as a stage begins


def stage_text(stage: str, count: int, file_name: str = "") -> tuple[float, str]:
    """(fraction of the bar, what it says) as `stage` begins with `count` rows or figures."""
    step = f"Bước {_ORDER.index(stage) + 1}/{len(_ORDER)} · {STAGES[stage]}"
    n = format_number(count)
    detail = {
        "read": f" '{file_name}'…" if file_name else "…",
        "check": f" {n} dòng số liệu…",
        "compare": f" {n} số liệu với số đã lưu…",
        "write": f" {n} số liệu vào cơ sở dữ liệu…",
    }[stage]
    return _SHARE[stage], step + detail


@dataclass
class StagesSeen:
    """The stages an import went through, with their counts, in order."""

    seen: list[tuple[str, int]] = field(default_factory=list)

    def add(self, stage: str, count: int) -> None:
        self.seen.append((stage, count))

    def done_text(self) -> str:
        """'Đã đọc tệp · kiểm tra 100.000 dòng · đối chiếu 100.000 số liệu', the bar's last words."""
        words = {"read": lambda n: "đọc tệp", "check": lambda n: f"kiểm tra {format_number(n)} dòng",
                 "compare": lambda n: f"đối chiếu {format_number(n)} số liệu",
                 "write": lambda n: f"ghi {format_number(n)} số liệu"}
        return "Đã " + " · ".join(words[stage](n) for stage, n in self.seen) + "."


@dataclass(frozen=True)
class Page:
    """One page of a long table: rows start..stop (0-based, stop excluded) of total."""

    number: int
    pages: int
    start: int
    stop: int
    total: int

    def caption(self) -> str:
        return (f"Dòng {format_number(self.start + 1)}–{format_number(self.stop)} trong {format_number(self.total)} "
                f"(trang {format_number(self.number)}/{format_number(self.pages)}, mỗi trang {PAGE_ROWS} dòng).")


def page_of(total: int, number: int, size: int = PAGE_ROWS) -> Page:
    """Page `number` (from 1, kept within the pages there are) of a table of `total` rows."""
    pages = max(1, -(-total // size))
    number = min(max(1, int(number or 1)), pages)
    start = (number - 1) * size
    return Page(number, pages, start, min(total, start + size), total)
