#!/usr/bin/env bash
# Installs the dependencies into .venv (Python 3.11) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -d .venv ] || "$PYTHON" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/python -m pytest -q "$@"
