#!/usr/bin/env bash
# Installs the dependencies into .venv (Python 3.11), builds the database from data/ when
# missing, and starts the dashboard on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -d .venv ] || "$PYTHON" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
exec .venv/bin/python -m indicators serve "$@"
