#!/usr/bin/env bash
# Prints a development bearer token: ./token.sh ROLE [--name NAME] [--body BODYCODE]
# ROLE: inspector | steward | analyst | auditor | assessor | admin. Signed with Auth__SigningKey (default: the dev key).
set -euo pipefail
cd "$(dirname "$0")"
dll=src/Api/bin/Release/net10.0/Monitoring.Api.dll
[ -f "$dll" ] || dotnet build src/Api -c Release -v quiet -nologo >&2
exec dotnet "$dll" token "$@"
