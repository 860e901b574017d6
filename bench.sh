#!/usr/bin/env bash
# Prints the performance figures of the running system against targets and references measured in the same run:
#   ./bench.sh [--responses N] [--http N] [--clients N] [--violations N]
# Uses BENCH_DB (a server connection string) if set, else a private cluster in .data/postgres-bench (port 55434).
set -euo pipefail
cd "$(dirname "$0")"
started=""
if [ -z "${BENCH_DB:-}" ]; then
  BENCH_DB=$(scripts/postgres.sh start postgres-bench "${BENCH_DB_PORT:-55434}")
  started=1
fi
# The API the bench starts signs and checks development tokens (Development), and its per-user limit of changes is
# off: the bench's 16 clients write as one user far above any human rate on purpose.
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export Security__WritesPerMinute=${Security__WritesPerMinute:-0}
dotnet build src/Api -c Release -v quiet -nologo >&2
dotnet build bench/Monitoring.Bench -c Release -v quiet -nologo >&2
set +e
dotnet bench/Monitoring.Bench/bin/Release/net10.0/Monitoring.Bench.dll --server "$BENCH_DB" --api src/Api/bin/Release/net10.0/Monitoring.Api.dll "$@"
rc=$?
set -e
[ -n "$started" ] && scripts/postgres.sh stop postgres-bench || true
exit $rc
