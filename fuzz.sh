#!/usr/bin/env bash
# Fuzzes every write endpoint of the API: starts the system on a fresh database of its own, sends plausible and
# malformed requests (tools/Monitoring.Fuzz), stops the API and prints the summary.
#   ./fuzz.sh [--requests 20000] [--seed N] [--max-minutes M] [other monitoring-fuzz options]
# Ctrl+C (or --max-minutes) stops sending early and still prints the summary.
# Environment: FUZZ_PORT (API, default 5089), FUZZ_DB_PORT (default 55439), FUZZ_DB (a server's connection string instead
# of the private cluster .data/postgres-fuzz), Auth__SigningKey (default: a random key for this run).
# Exit code: the fuzzer's (1 when any request got a 5xx or a refused request changed the event store).
set -euo pipefail
cd "$(dirname "$0")"
port=${FUZZ_PORT:-5089}
out=.data/fuzz
mkdir -p "$out"
log="$out/api.log"

started_cluster=""
if [ -n "${FUZZ_DB:-}" ]; then
  server=$FUZZ_DB
else
  # Its own cluster and port, never the demo database of ./run.sh or the tests' cluster; stopped again at the end.
  server=$(scripts/postgres.sh start postgres-fuzz "${FUZZ_DB_PORT:-55439}")
  started_cluster=1
fi

# A fresh database for every run: findings must not depend on what an earlier run left.
db_host=$(echo "$server" | sed -n 's/.*Host=\([^;]*\).*/\1/p')
db_port=$(echo "$server" | sed -n 's/.*Port=\([^;]*\).*/\1/p')
db_user=$(echo "$server" | sed -n 's/.*Username=\([^;]*\).*/\1/p')
psql_bin=$(command -v psql || ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1)
[ -n "$psql_bin" ] || { echo "[fuzz] psql not found (install PostgreSQL's client)" >&2; exit 3; }
PGPASSWORD=$(echo "$server" | sed -n 's/.*Password=\([^;]*\).*/\1/p') "$psql_bin" -h "$db_host" -p "${db_port:-5432}" -U "${db_user:-postgres}" \
  -d postgres -qc "drop database if exists monitoring_fuzz with (force)" -c "create database monitoring_fuzz" >/dev/null
export ConnectionStrings__Monitoring=$(echo "$server" | sed 's/Database=[^;]*/Database=monitoring_fuzz/')
if [ -n "$started_cluster" ]; then
  # As production should run (README, "Secure it"): migrated by postgres, run as monitoring_app (made by postgres.sh).
  export ConnectionStrings__MonitoringOwner=$ConnectionStrings__Monitoring
  export ConnectionStrings__Monitoring=$(echo "$ConnectionStrings__Monitoring" | sed 's/Username=[^;]*/Username=monitoring_app/')
fi
export Monitoring__DemoData=false
# The fuzzer writes as one user far above any human rate, and sends bad tokens on purpose: the rate limits (tested on
# their own in tests/Api.Tests/Platform) would otherwise answer 429 before the inputs reach the checks under test.
export Security__WritesPerMinute=${Security__WritesPerMinute:-0}
export Security__FailedAuthPerMinute=${Security__FailedAuthPerMinute:-0}
# The API and the fuzzer share one key; a random one unless the caller gives it (the shipped dev key may move).
export Auth__SigningKey=${Auth__SigningKey:-fuzz-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
# The API refuses to start in Production without a journal key of its own (README, "Verify the history"): one for this run.
if [ -z "${Journal__SigningKey:-}" ] && [ -z "${Journal__SigningKeyFile:-}" ]; then
  command -v openssl >/dev/null || { echo "[fuzz] openssl not found: set Journal__SigningKeyFile to an ECDSA P-256 key (PEM)" >&2; exit 3; }
  openssl ecparam -name prime256v1 -genkey -noout -out "$out/journal-key.pem" 2>/dev/null
  export Journal__SigningKeyFile="$PWD/$out/journal-key.pem"
fi

stop_all() {
  if [ -n "${api_pid:-}" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  [ -n "$started_cluster" ] && scripts/postgres.sh stop postgres-fuzz || true
}
trap stop_all EXIT

if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "[fuzz] port $port is in use: set FUZZ_PORT to a free one" >&2
  exit 3
fi

echo "[fuzz] building the API and the fuzzer…" >&2
dotnet build tools/Monitoring.Fuzz -c Release -v quiet -nologo >&2

echo "[fuzz] starting the API on http://127.0.0.1:$port (log: $log)" >&2
dotnet src/Api/bin/Release/net10.0/Monitoring.Api.dll --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
api_pid=$!
for i in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$api_pid" 2>/dev/null; then echo "[fuzz] the API stopped at start; its log:" >&2; tail -50 "$log" >&2; exit 3; fi
  [ "$i" = 120 ] && { echo "[fuzz] the API did not answer /health in 120 s" >&2; tail -50 "$log" >&2; exit 3; }
  sleep 1
done

set +e
# Ctrl+C stops the fuzzer's sending (it still reports); this script must live on to stop the API and print the summary.
trap 'echo "[fuzz] interrupted: the fuzzer reports what it found so far" >&2' INT
dotnet tools/Monitoring.Fuzz/bin/Release/net10.0/monitoring-fuzz.dll --base-url "http://127.0.0.1:$port" \
  --connection "$ConnectionStrings__Monitoring" --api-log "$log" --report "$out/report.json" "$@" >"$out/summary.txt"
rc=$?
trap - INT
set -e

stop_all
api_pid=""
started_cluster=""
cat "$out/summary.txt"
echo "[fuzz] summary: $out/summary.txt; JSON report: $out/report.json; API log: $log" >&2
exit "$rc"
