#!/usr/bin/env bash
# Starts the monitoring API with demo data.
#   ./run.sh                     uses ConnectionStrings__Monitoring if set; else the compose database if a Docker
#                                engine answers; else a private PostgreSQL cluster in .data/postgres (made once, reused),
#                                where the API runs as the role monitoring_app and migrates as the superuser postgres
# Environment: PORT (default 5080), DB_PORT (default 55432), ConnectionStrings__Monitoring (and optionally
#   ConnectionStrings__MonitoringOwner, the schema owner; README "Secure it"), Monitoring__DemoData (default true),
#   ASPNETCORE_ENVIRONMENT (default Development: the development signing key in appsettings.Development.json signs
#   ./token.sh tokens; any other environment needs Auth__SigningKey or Auth__Authority, see README "Secure it").
set -euo pipefail
cd "$(dirname "$0")"
port=${PORT:-5080}

if [ -z "${ConnectionStrings__Monitoring:-}" ]; then
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    echo "[run] Docker engine found: starting the compose database" >&2
    # docker-compose.dev.yml: a development database only, published on 127.0.0.1 with a development password
    # (docker-compose.yml itself publishes no database port and needs real secrets).
    DB_PORT=${DB_PORT:-55432} docker compose -f docker-compose.dev.yml up -d --wait db >&2
    # The application's role (development password), as on the private cluster below.
    DB_PORT=${DB_PORT:-55432} docker compose -f docker-compose.dev.yml exec -T db \
      psql -U postgres -d monitoring -q -v ON_ERROR_STOP=1 -v app_password=monitoring_app -f /db-roles.sql >&2
    export ConnectionStrings__MonitoringOwner="Host=127.0.0.1;Port=${DB_PORT:-55432};Database=monitoring;Username=postgres;Password=postgres"
    export ConnectionStrings__Monitoring="Host=127.0.0.1;Port=${DB_PORT:-55432};Database=monitoring;Username=monitoring_app;Password=monitoring_app"
  else
    # Two roles, as production should have them (README, "Secure it"): the API migrates and grants as the superuser,
    # then runs as monitoring_app, which may only read and append to the event store.
    export ConnectionStrings__MonitoringOwner=$(scripts/postgres.sh start postgres "${DB_PORT:-55432}")
    export ConnectionStrings__Monitoring=$(scripts/postgres.sh app-connection postgres "${DB_PORT:-55432}")
  fi
fi
export Monitoring__DemoData=${Monitoring__DemoData:-true}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}

echo "[run] building…" >&2
dotnet build src/Api -c Release -v quiet -nologo >&2
echo "[run] web app:        http://127.0.0.1:$port/   (sign in as a demo user)" >&2
echo "[run] API:            http://127.0.0.1:$port/api" >&2
echo "[run] API reference:  http://127.0.0.1:$port/docs   (OpenAPI: /openapi/v1.json, health: /health)" >&2
echo "[run] a token:        ./token.sh admin" >&2
exec dotnet src/Api/bin/Release/net10.0/Monitoring.Api.dll --urls "http://127.0.0.1:$port"
