#!/usr/bin/env bash
# A private PostgreSQL cluster for this checkout, made from the machine's PostgreSQL server binaries.
#   scripts/postgres.sh start NAME PORT   -> prints the connection string of database "monitoring" on that cluster, as
#                                            the superuser "postgres" (the schema owner: ConnectionStrings__MonitoringOwner)
#   scripts/postgres.sh app-connection NAME PORT -> the same, started alike, as the application role "monitoring_app"
#                                            (ConnectionStrings__Monitoring; may only append to history, README "Secure it")
#   scripts/postgres.sh replica NAME PRIMARY_NAME PORT -> makes (once, with pg_basebackup) a hot standby of the running
#                                            cluster PRIMARY_NAME, streaming from it, starts it and prints its connection
#                                            string (database "monitoring", as "postgres"; ConnectionStrings__MonitoringReplica)
#   scripts/postgres.sh stop NAME           (a primary or a replica)
#   scripts/postgres.sh restart NAME      (fast shutdown and start on the same port: the fault tests' "database restarted")
# The data folder is .data/NAME in the repo (kept between runs). initdb/postgres refuse to run as root, so as root
# the cluster runs as the "postgres" user; if that user cannot reach the repo (e.g. it sits under /root, mode 700),
# the data folder goes to /var/lib/monitoring/<hash-of-repo>/NAME instead and this script says so.
set -euo pipefail
cmd=${1:?usage: postgres.sh start|app-connection|replica|stop|restart NAME [PRIMARY_NAME] [PORT]}
name=${2:?cluster name}
if [ "$cmd" = replica ]; then
  primary=${3:?usage: postgres.sh replica NAME PRIMARY_NAME PORT}
  port=${4:-55434}
else
  port=${3:-55432}
fi
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

# The data folder of cluster $1.
data_of() {
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$repo/.data"
    if ! runuser -u postgres -- test -x "$repo/.data"; then
      echo "/var/lib/monitoring/$(echo -n "$repo" | md5sum | cut -c1-12)/$1"
      return
    fi
  fi
  echo "$repo/.data/$1"
}
data=$(data_of "$name")
[ "$data" = "$repo/.data/$name" ] || log "the postgres user cannot reach $repo; keeping the cluster in $data"

# Starts the cluster in $data unless it runs, on $port or, if another server holds it, the next free port.
start_cluster() {
  if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Another server (another checkout's cluster, say) may hold the port: take the next free one.
    while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
      log "port $port is taken; trying $((port + 1))"
      port=$((port + 1))
    done
    # A port nobody listens on can still be held as the local end of a client's connection (these ports lie in Linux's
    # ephemeral range), and then the server cannot bind it: try the next ones.
    local tries=0
    until log "starting PostgreSQL on 127.0.0.1:$port" && as_owner "$bin/pg_ctl" -D "$data" -o "-p $port" -l "$data/server.log" -w -t 60 start >/dev/null; do
      tries=$((tries + 1))
      if [ "$tries" -ge 5 ] || ! tail -n 20 "$data/server.log" | grep -q "could not bind\|could not create any TCP/IP sockets"; then
        log "PostgreSQL did not start; see $data/server.log"
        exit 1
      fi
      port=$((port + 1))
    done
  fi
  actual_port=$(sed -n 4p "$data/postmaster.pid")
}

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
# Imports write gigabytes: checkpoints every 1 GB of WAL (the default) would write every page twice (full-page images).
max_wal_size = 4GB
checkpoint_timeout = 15min
CONF
    fi
    start_cluster
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
  replica)
    # A hot standby: a copy of the whole primary cluster (every database and role) by pg_basebackup, replaying the
    # primary's WAL as it streams in and answering read-only queries meanwhile. initdb's pg_hba.conf (--auth=trust)
    # already lets local TCP connections replicate; wal_level=replica and max_wal_senders are PostgreSQL's defaults.
    primary_data=$(data_of "$primary")
    if ! as_owner "$bin/pg_ctl" -D "$primary_data" status >/dev/null 2>&1; then
      log "the primary cluster $primary is not running: start it first (scripts/postgres.sh start $primary PORT)"
      exit 1
    fi
    primary_port=$(sed -n 4p "$primary_data/postmaster.pid")
    on_primary() { "$bin/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc "$1"; }
    # A replication slot keeps the WAL the standby has not yet received, so a stopped standby picks up where it left
    # off; max_slot_wal_keep_size bounds what a standby that never comes back can hold on the primary.
    slot=$(echo "standby_$name" | tr -c 'a-zA-Z0-9_\n' '_' | tr 'A-Z' 'a-z')
    if [ -s "$data/PG_VERSION" ]; then
      # A standby made from an earlier primary of that name (its cluster since made anew) can never follow this one.
      primary_id=$(on_primary "select system_identifier from pg_control_system()")
      standby_id=$(as_owner "$bin/pg_controldata" -D "$data" | sed -n 's/^Database system identifier: *//p')
      if [ "$primary_id" != "$standby_id" ] || [ ! -f "$data/standby.signal" ]; then
        log "$data is no standby of $primary: making it again"
        as_owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$data"
      fi
    fi
    if [ ! -s "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      [ "$(id -u)" = 0 ] && chown postgres: "$data"
      chmod 700 "$data"
      on_primary "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '$slot' and not active" >/dev/null
      on_primary "alter system set max_slot_wal_keep_size = '2GB'" >/dev/null
      on_primary "select pg_reload_conf()" >/dev/null
      log "copying $primary (127.0.0.1:$primary_port) into $data with pg_basebackup"
      as_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$data" -R -X stream -c fast -C -S "$slot" >&2
      # Long reads on the standby are not cancelled by the primary vacuuming rows they still see.
      echo "hot_standby_feedback = on" | as_owner tee -a "$data/postgresql.conf" >/dev/null
    fi
    # Where the primary listens now (it takes another port when its own is taken), named for pg_stat_replication.
    as_owner sed -i '/^primary_conninfo/d' "$data/postgresql.auto.conf"
    echo "primary_conninfo = 'host=127.0.0.1 port=$primary_port user=postgres application_name=$slot'" | as_owner tee -a "$data/postgresql.auto.conf" >/dev/null
    start_cluster
    echo "Host=127.0.0.1;Port=$actual_port;Database=monitoring;Username=postgres;Maximum Pool Size=100"
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
