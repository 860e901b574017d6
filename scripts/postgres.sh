#!/usr/bin/env bash
# A private PostgreSQL cluster for this checkout, made from the machine's PostgreSQL server binaries.
#   scripts/postgres.sh start NAME PORT   -> prints the connection string of database "monitoring" on that cluster, as
#                                            the superuser "postgres" (the schema owner: ConnectionStrings__MonitoringOwner)
#   scripts/postgres.sh app-connection NAME PORT -> the same, started alike, as the application role "monitoring_app"
#                                            (ConnectionStrings__Monitoring; may only append to history, README "Secure it")
#   scripts/postgres.sh stop NAME
#   scripts/postgres.sh restart NAME      (fast shutdown and start on the same port: the fault tests' "database restarted")
# The data folder is .data/NAME in the repo (kept between runs). initdb/postgres refuse to run as root, so as root
# the cluster runs as the "postgres" user; if that user cannot reach the repo (e.g. it sits under /root, mode 700),
# the data folder goes to /var/lib/monitoring/<hash-of-repo>/NAME instead and this script says so.
set -euo pipefail
cmd=${1:?usage: postgres.sh start|app-connection|stop|restart NAME [PORT]}
name=${2:?cluster name}
port=${3:-55432}
repo=$(cd "$(dirname "$0")/.." && pwd)
log() { echo "[postgres] $*" >&2; }

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "PostgreSQL server binaries not found: installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    bin=$(find_bin)
  else
    log "PostgreSQL server binaries (initdb, pg_ctl) are missing. Install them, e.g. 'sudo apt-get install postgresql'"
    log "(Debian/Ubuntu), or point the system at a server with ConnectionStrings__Monitoring."
    exit 3
  fi
fi

# runuser keeps the working directory, which the postgres user may not be allowed to enter: run from /.
as_owner() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

data="$repo/.data/$name"
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$repo/.data"
  if ! runuser -u postgres -- test -x "$repo/.data"; then
    data="/var/lib/monitoring/$(echo -n "$repo" | md5sum | cut -c1-12)/$name"
    log "the postgres user cannot reach $repo; keeping the cluster in $data"
  fi
fi

case "$cmd" in
  start|app-connection)
    if [ ! -s "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      [ "$(id -u)" = 0 ] && chown postgres: "$data"
      chmod 700 "$data"
      log "creating a cluster in $data"
      as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 300
shared_buffers = 256MB
synchronous_commit = off
fsync = on
CONF
    fi
    if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      # Another server (another checkout's cluster, say) may hold the port: take the next free one.
      while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        log "port $port is taken; trying $((port + 1))"
        port=$((port + 1))
      done
      log "starting PostgreSQL on 127.0.0.1:$port"
      as_owner "$bin/pg_ctl" -D "$data" -o "-p $port" -l "$data/server.log" -w -t 60 start >/dev/null
    fi
    actual_port=$(sed -n 4p "$data/postmaster.pid")
    if ! "$bin/psql" -h 127.0.0.1 -p "$actual_port" -U postgres -tAc "select 1 from pg_database where datname='monitoring'" | grep -q 1; then
      "$bin/psql" -h 127.0.0.1 -p "$actual_port" -U postgres -qc "create database monitoring" >/dev/null
    fi
    # The application's login role (no password: the cluster trusts local connections). Its rights on the schema are
    # granted by the API at start, as the owner.
    if ! "$bin/psql" -h 127.0.0.1 -p "$actual_port" -U postgres -tAc "select 1 from pg_roles where rolname='monitoring_app'" | grep -q 1; then
      "$bin/psql" -h 127.0.0.1 -p "$actual_port" -U postgres -qc \
        "do \$\$ begin create role monitoring_app login nosuperuser nocreatedb nocreaterole; exception when duplicate_object then null; end \$\$" >/dev/null
    fi
    user=postgres
    [ "$cmd" = app-connection ] && user=monitoring_app
    echo "Host=127.0.0.1;Port=$actual_port;Database=monitoring;Username=$user;Maximum Pool Size=100"
    ;;
  stop)
    if [ -s "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
      log "stopped the cluster in $data"
    fi
    ;;
  restart)
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 restart >/dev/null
    log "restarted the cluster in $data"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
