#!/usr/bin/env bash
# The command-line tool: ./cli.sh import-responses --campaign CODE --file answers.csv [--skip-invalid]
#                        ./cli.sh import-published --file data/surveys/national-2018.json
# Uses ConnectionStrings__Monitoring (with ConnectionStrings__MonitoringOwner, if set, to migrate first), or else the
# private cluster that ./run.sh made (.data/postgres): migrated as postgres, imported as monitoring_app.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${ConnectionStrings__Monitoring:-}" ]; then
  export ConnectionStrings__MonitoringOwner=$(scripts/postgres.sh start postgres "${DB_PORT:-55432}")
  export ConnectionStrings__Monitoring=$(scripts/postgres.sh app-connection postgres "${DB_PORT:-55432}")
fi
dll=tools/Monitoring.Cli/bin/Release/net10.0/monitoring.dll
dotnet build tools/Monitoring.Cli -c Release -v quiet -nologo >&2
exec dotnet "$dll" "$@"
