#!/usr/bin/env bash
# The whole suite: ruff, everything on SQLite, then everything but the browser tests on PostgreSQL.
# Each pytest process (-n 2: two per pass) starts its own Redis and PostgreSQL on free ports.
# Both passes always run, so one report shows every failure; the exit status is non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
$BIN/ruff check . || exit 1
status=0
SECONDS=0
echo "== SQLite pass"
$BIN/pytest -n 2 --durations=10 "$@" || status=1
echo "== SQLite pass took ${SECONDS}s"
SECONDS=0
echo "== PostgreSQL pass"
REVIEWFLOW_TEST_DB=postgresql $BIN/pytest -n 2 -m "not browser" --durations=10 "$@" || status=1
echo "== PostgreSQL pass took ${SECONDS}s"
exit $status
