"""The synthetic commune-level quarter (9 tháng 2025, 'dữ liệu mô phỏng') imported into a copy of the
shipped database, as an office clerk would: through the command line, never into the shipped build."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from indicators.store.database import PROJECT_DIR

DEMO_FILE = "du_lieu_mo_phong_xa_9_thang_2025.xlsx"


def demo_database(shipped_db: Path, folder: Path) -> Path:
    """A copy of the shipped database with the generated commune file imported (the CLI's own exit code checked)."""
    db = folder / "communes.duckdb"
    shutil.copy(shipped_db, db)
    demo = folder / DEMO_FILE
    for command in (["demo-communes", str(demo)], ["import", str(demo), "--db", str(db)]):
        done = subprocess.run([sys.executable, "-m", "indicators", *command], cwd=PROJECT_DIR, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    return db
