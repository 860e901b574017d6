#!/usr/bin/env bash
# Runs every test (pure domain tests, and integration/API tests against a real PostgreSQL).
#   ./test.sh [extra dotnet test arguments]
# PostgreSQL: MONITORING_TEST_DB (a server's connection string) if set; else Testcontainers where a Docker engine
# answers; else a private cluster in .data/postgres-test started here (installed from Debian's packages if missing).
# The read-replica tests make a primary and its hot standby of their own with scripts/postgres.sh (start, then replica:
# pg_basebackup; ports MONITORING_TEST_REPLICA_PORT and the next, 55436 by default) and stop both when done.
# Ends with the line "tests: N passed, N failed, N skipped" counted from the TRX result files.
set -euo pipefail
cd "$(dirname "$0")"

started=""
if [ -z "${MONITORING_TEST_DB:-}" ]; then
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    echo "[test] a Docker engine answers: the tests start PostgreSQL with Testcontainers" >&2
  else
    MONITORING_TEST_DB=$(scripts/postgres.sh start postgres-test "${TEST_DB_PORT:-55433}")
    export MONITORING_TEST_DB
    # The fault tests restart this server in the middle of an import (they run after every parallel test class).
    export MONITORING_TEST_DB_RESTART="$PWD/scripts/postgres.sh restart postgres-test"
    started=1
  fi
fi

# The pages' end-to-end tests drive Debian's Chromium (Playwright launches it by path; no browser is downloaded).
scripts/chromium.sh

rm -rf TestResults
set +e
# Built once; then each test project in turn, so that the browser tests never share the machine with the fault tests that
# restart the database server (and the two cores with the API tests).
dotnet build Monitoring.sln -c Release -nologo -v quiet
rc=$?
if [ "$rc" -eq 0 ]; then
  for project in tests/Domain.Tests tests/Api.Tests tests/Web.Tests; do
    dotnet test "$project" -c Release --no-build --logger trx --results-directory TestResults "$@" || rc=$?
  done
fi
set -e

[ -n "$started" ] && scripts/postgres.sh stop postgres-test || true

passed=0; failed=0; skipped=0
for trx in TestResults/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "[test] dotnet test failed before reporting a failing test (build or host error)" >&2; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$rc"
