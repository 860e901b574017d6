#!/usr/bin/env bash
# Prints a development bearer token: ./token.sh ROLE [--name NAME] [--body BODYCODE]
# ROLE: inspector | steward | analyst | auditor | assessor | admin. Signed with the key the API run by ./run.sh checks:
# the development key of appsettings.Development.json (ASPNETCORE_ENVIRONMENT defaults to Development), or Auth__SigningKey.
set -euo pipefail
cd "$(dirname "$0")"
dll=src/Api/bin/Release/net10.0/Monitoring.Api.dll
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
# A build from before the development key moved to appsettings.Development.json lacks that file: build again.
[ -f "$dll" ] && [ -f "$(dirname "$dll")/appsettings.Development.json" ] || dotnet build src/Api -c Release -v quiet -nologo >&2
exec dotnet "$dll" token "$@"
