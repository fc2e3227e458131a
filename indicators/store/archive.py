"""The upload archive: every accepted upload's bytes, hash, who and when, and every undo, kept
beside the database so that the database is derived and never the only copy.

Layout of the archive directory (mode 0700; every file 0600, written with that mode from creation):
    journal.jsonl                       one JSON object a line, in the order things happened:
        {"event": "import", "sha256", "file", "file_name", "user", "at", "year", "period",
         "choices", "new_indicators"}
        {"event": "undo", "sha256", "user", "at"}
    <sha256[:16]>_<file name>           the uploaded bytes, named by their hash
    staging/                            files being previewed on the upload page; rejected or
                                        abandoned ones are removed (prune_staging)
Rebuilding replays the journal after building from data/ (indicators.ingest.build).
No DuckDB here: the archive must stay readable when the database is gone or damaged.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

JOURNAL = "journal.jsonl"
STAGING = "staging"
DIR_MODE, FILE_MODE = 0o700, 0o600
STAGING_LIFETIME = 24 * 3600  # a preview left for a day is abandoned
_LOCK = threading.Lock()  # one journal writer at a time within a process (O_APPEND across processes)


class ArchiveError(Exception):
    """The archive cannot be read or written; the message is Vietnamese."""


@dataclass(frozen=True)
class Event:
    """One line of the journal."""

    event: str
    sha256: str
    user: str
    at: str
    file: str = ""
    file_name: str = ""
    year: int | None = None
    period: str | None = None
    choices: dict | None = None
    new_indicators: bool = False


def private_dir(path: Path) -> Path:
    """Create (or tighten) a directory only its owner can enter."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.chmod(path, DIR_MODE)
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write a file readable by its owner only from the moment it exists (no chmod afterwards),
    through a temporary name so a crash never leaves half a file under the final name."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def stored_name(sha256: str, file_name: str) -> str:
    """The archived file's name: its hash first (unique), then the name the clerk gave, made safe."""
    safe = re.sub(r"[^\w.\-]+", "_", Path(file_name).name, flags=re.UNICODE).strip("._") or "tep"
    return f"{sha256[:16]}_{safe[:80]}"


def keep_file(archive: Path, source: Path, sha256: str, file_name: str) -> str:
    """Copy an upload into the archive (before its import commits); returns the stored name."""
    archive = private_dir(archive)
    name = stored_name(sha256, file_name)
    target = archive / name
    if not target.exists() or sha256_of(target) != sha256:
        write_private(target, Path(source).read_bytes())
    return name


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def append_line(archive: Path, line: str) -> None:
    """Add one journal line (made by import_line / undo_line), synced to disk before returning."""
    archive = private_dir(archive)
    data = (line + "\n").encode("utf-8")
    with _LOCK:
        fd = os.open(archive / JOURNAL, os.O_RDWR | os.O_CREAT | os.O_APPEND, FILE_MODE)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":  # a torn line from a crash: drop it
                os.ftruncate(fd, os.pread(fd, size, 0).rfind(b"\n") + 1)
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def import_line(*, sha256: str, file: str, file_name: str, user: str, year=None, period=None,
                choices: dict | None = None, new_indicators: bool = False) -> str:
    """An accepted upload, with what the editor chose, so a replay imports it the same way."""
    return _line({"event": "import", "sha256": sha256, "file": file, "file_name": file_name, "user": user,
                  "at": _now(), "year": year, "period": period, "choices": choices or {},
                  "new_indicators": bool(new_indicators)})


def undo_line(*, sha256: str, user: str) -> str:
    """An undo, by the file's hash (import ids differ between databases)."""
    return _line({"event": "undo", "sha256": sha256, "user": user, "at": _now()})


def reconcile(archive: Path, recorded: list[str]) -> int:
    """Append the lines the database recorded (in order) that the journal file lacks: the process died
    between the database's COMMIT and the append. Returns how many were added."""
    path = Path(archive) / JOURNAL
    present = set(path.read_text(encoding="utf-8").splitlines()) if path.exists() else set()
    missing = [line for line in recorded if line not in present]
    for line in missing:
        append_line(archive, line)
    return len(missing)


def events(archive: Path) -> list[Event]:
    """The journal in order; a torn last line (a crash while appending) is skipped, any other damage
    stops with a message, since replaying part of the history would silently lose figures."""
    path = Path(archive) / JOURNAL
    if not path.exists():
        return []
    complete, _, _torn = path.read_bytes().rpartition(b"\n")  # after the last newline: a torn append
    out = []
    for number, raw in enumerate(complete.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw.decode("utf-8"))
            out.append(Event(**{k: data[k] for k in Event.__dataclass_fields__ if k in data}))
        except (ValueError, TypeError, KeyError) as exc:
            raise ArchiveError(f"Nhật ký kho tệp tải lên '{path}' hỏng ở dòng {number}; hãy khôi phục từ bản sao "
                               "lưu (python -m indicators restore THƯ_MỤC_SAO_LƯU).") from exc
    return out


def has_uploads(archive: Path) -> bool:
    return any(e.event == "import" for e in events(archive))


def staging_dir(archive: Path) -> Path:
    """Where the upload page keeps a file between its preview and the editor's confirmation:
    inside the private archive, not in a shared temporary directory."""
    return private_dir(private_dir(archive) / STAGING)


def stage(archive: Path, data: bytes, file_name: str) -> Path:
    """Keep an uploaded file for its preview; older abandoned previews are removed on the way."""
    prune_staging(archive)
    digest = hashlib.sha256(data).hexdigest()
    folder = private_dir(staging_dir(archive) / digest)
    path = folder / Path(file_name).name
    if not path.exists():
        write_private(path, data)
    return path


def discard_staged(path: Path) -> None:
    """A rejected (or committed and archived) upload leaves the staging area."""
    shutil.rmtree(Path(path).parent, ignore_errors=True)


def prune_staging(archive: Path, lifetime: float = STAGING_LIFETIME, now: float | None = None) -> int:
    """Remove previews older than `lifetime` seconds; returns how many went."""
    folder = Path(archive) / STAGING
    if not folder.is_dir():
        return 0
    now = time.time() if now is None else now
    gone = 0
    for entry in folder.iterdir():
        try:
            if now - entry.stat().st_mtime > lifetime:
                shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink()
                gone += 1
        except FileNotFoundError:
            continue
    return gone


def backup(archive: Path, destination: Path) -> dict:
    """Copy the journal and every file it names to `destination` (a new or empty directory),
    checking each copy's hash; returns counts."""
    archive, destination = Path(archive), Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise ArchiveError(f"Thư mục '{destination}' đã có tệp; hãy chọn một thư mục mới hoặc rỗng.")
    found = events(archive)
    private_dir(destination)
    files = 0
    for name in sorted({e.file for e in found if e.event == "import"}):
        _copy_checked(archive / name, destination / name, _sha_of_event(found, name))
        files += 1
    journal = archive / JOURNAL  # written even when empty: a backup of no uploads restores as one
    write_private(destination / JOURNAL, journal.read_bytes() if journal.exists() else b"")
    return {"events": len(found), "files": files}


def restore(source: Path, archive: Path) -> dict:
    """Put a backup in the archive's place after checking every file against its hash; the archive
    it replaces is moved aside (never deleted). The database is then rebuilt by the caller."""
    source, archive = Path(source), Path(archive)
    if not (source / JOURNAL).exists():
        raise ArchiveError(f"'{source}' không phải bản sao lưu kho tệp tải lên (không có {JOURNAL}).")
    found = events(source)
    for name in {e.file for e in found if e.event == "import"}:
        if not (source / name).exists() or sha256_of(source / name) != _sha_of_event(found, name):
            raise ArchiveError(f"Bản sao lưu thiếu hoặc hỏng tệp '{name}'; không khôi phục gì.")
    aside = None
    if archive.exists():
        aside = archive.with_name(f"{archive.name}.truoc-khoi-phuc-{dt.datetime.now():%Y%m%d-%H%M%S}")
        os.replace(archive, aside)
    staged = backup(source, archive)
    return {**staged, "moved_aside": str(aside) if aside else None}


def _sha_of_event(found: list[Event], name: str) -> str:
    return next(e.sha256 for e in found if e.event == "import" and e.file == name)


def _copy_checked(source: Path, target: Path, sha256: str) -> None:
    if not source.exists():
        raise ArchiveError(f"Kho tệp tải lên thiếu tệp '{source.name}' mà nhật ký ghi; hãy khôi phục từ bản sao lưu.")
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ArchiveError(f"Tệp '{source.name}' trong kho tệp tải lên không khớp mã băm đã ghi (tệp bị hỏng).")
    write_private(target, data)
