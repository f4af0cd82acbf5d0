#!/usr/bin/env bash
# The whole suite: everything on SQLite, then the database-facing tests again on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
$BIN/ruff check .
$BIN/pytest -n 2 "$@"
REVIEWFLOW_TEST_DB=postgresql $BIN/pytest -n 2 -m "not browser" "$@"
