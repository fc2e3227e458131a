"""The spreadsheet reader (calamine, native code) run in a process of its own for uploads.

calamine can still abort the whole process on a file the shape scan did not foresee (it does on a
cell at XFD1048576: no Python exception, exit 134), and a web server must not die with it. The
child caps its own address space and is given a time limit; its rows come back pickled, and its
death becomes a Vietnamese message. Only the reader's own module is imported there, so starting it
costs tens of milliseconds, not the app's imports.
"""
from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from indicators.ingest.fields import UnreadableFile

MEMORY_LIMIT = 512 * 1024 * 1024  # address space of the reading process: its resident peak stays below
TIME_LIMIT = 20.0                 # seconds

_CHILD = """
import pickle, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[2]), int(sys.argv[2])))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
try:
    from python_calamine import CalamineWorkbook
    book = CalamineWorkbook.from_path(sys.argv[1])
    sheets = [(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in book.sheet_names]
    with open("/proc/self/status") as status:  # VmHWM: this program's resident peak (ru_maxrss counts the fork)
        peak = next((int(line.split()[1]) for line in status if line.startswith("VmHWM")), 0)
    answer = ("ok", sheets, peak)
except MemoryError:
    answer = ("memory", None, 0)
except Exception as exc:
    answer = ("unreadable", type(exc).__name__ + ": " + str(exc)[:300], 0)
sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
"""

last_peak_kb = 0  # resident peak of the latest reading process, for tests and the benchmark


def read_in_child(path: Path) -> list[tuple[str, list[list]]]:
    """Every sheet as rows of cells, read by calamine in a child process with capped memory and time."""
    global last_peak_kb
    try:
        done = subprocess.run([sys.executable, "-I", "-c", _CHILD, str(path), str(MEMORY_LIMIT)],
                              capture_output=True, timeout=TIME_LIMIT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise UnreadableFile(f"Đọc tệp '{path.name}' quá {TIME_LIMIT:.0f} giây nên đã dừng; tệp quá lớn hoặc "
                             "quá phức tạp. Hãy chia nhỏ tệp, xóa các trang và ô thừa rồi tải lên lại.") from exc
    answer = pickle.loads(done.stdout) if done.returncode == 0 and done.stdout else ("died", None, 0)
    kind, payload, last_peak_kb = answer
    if kind == "ok":
        return payload
    if kind == "unreadable":
        raise UnreadableFile(f"Không đọc được tệp '{path.name}': tệp hỏng hoặc không phải bảng tính. "
                             "Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi tải lên lại.")
    raise UnreadableFile(f"Tệp '{path.name}' cần quá nhiều bộ nhớ để đọc (thường do có ô ở rất xa vùng số liệu "
                         "hoặc rất nhiều ô trống được định dạng); đã từ chối để bảo vệ máy chủ. Hãy xóa các dòng, "
                         "cột thừa rồi tải lên lại.")
