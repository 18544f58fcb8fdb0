#!/usr/bin/env bash
# Project-local PostgreSQL + pgvector for Inkwell.
#   scripts/db.sh [start]   install what is missing, create and start the cluster, create the databases
#   scripts/db.sh stop | status | url
#   scripts/db.sh pooler [start|stop|status]   PgBouncer in transaction mode in front of it (port 54339)
#   scripts/db.sh replica [start [--sync]|stop|status|promote]   a hot standby streaming from it (port 54330)
#   scripts/db.sh kill      stops the primary at once (pg_ctl -m immediate), as a crash: failover drills
# INKWELL_DB_PORT, INKWELL_DB_REPLICA_PORT and INKWELL_DB_DATA make a second pair elsewhere (the
# failover test's, which crashes its primary).
# Idempotent: a second "start" with everything in place only checks and returns.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT=${INKWELL_DB_PORT:-54329}   # the app and test defaults name this port
POOLER_PORT=54339
REPLICA_PORT=${INKWELL_DB_REPLICA_PORT:-54330}
REPLICA_NAME=inkwell_replica   # its application_name: what synchronous_standby_names names
DB_USER=inkwell
DATABASES=(inkwell inkwell_test)
PG_MIN=15

LOG_TAG=db
# shellcheck source=lib.sh
. "$ROOT/scripts/lib.sh"

# Newest installed server of version >= PG_MIN (Debian layout: /usr/lib/postgresql/NN/bin).
find_bindir() {
  local v
  for v in $(ls /usr/lib/postgresql 2>/dev/null | sort -rn); do
    if [ "$v" -ge "$PG_MIN" ] 2>/dev/null && [ -x "/usr/lib/postgresql/$v/bin/postgres" ]; then
      echo "/usr/lib/postgresql/$v/bin"; return 0
    fi
  done
  # Non-Debian layouts: a postgres binary on PATH.
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/postgres" ]; then
    pg_config --bindir; return 0
  fi
  return 1
}

install_server() {
  find_bindir >/dev/null && return 0
  command -v apt-get >/dev/null || die "PostgreSQL >= $PG_MIN is not installed and this is not a Debian/Ubuntu machine"
  log "installing PostgreSQL server"
  apt_install postgresql postgresql-contrib
  find_bindir >/dev/null || die "PostgreSQL installed, but no server >= $PG_MIN found"
}

# The first apt source's mirror URI, from deb822 or one-line format; never hard-coded here.
debian_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk '/^URIs:/ {print $2; exit}' "$f")
    case "$uri" in *debian-security*|"") ;; *) echo "$uri"; return 0 ;; esac
  done
  if [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1=="deb" && $0 !~ /security/ {for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list)
    [ -n "$uri" ] && { echo "$uri"; return 0; }
  fi
  return 1
}

# The server's own pg_config (Debian ships it with the client package), else the one on PATH.
pg_config_of() { if [ -x "$1/pg_config" ]; then echo "$1/pg_config"; else command -v pg_config; fi; }

install_pgvector() {
  local bindir=$1 ver
  ver=$(basename "$(dirname "$bindir")")
  if [ -f "$("$(pg_config_of "$bindir")" --sharedir)/extension/vector.control" ]; then return 0; fi
  command -v apt-get >/dev/null || die "pgvector is not installed for PostgreSQL $ver"

  apt_update_once
  if apt-cache show "postgresql-$ver-pgvector" >/dev/null 2>&1; then
    log "installing postgresql-$ver-pgvector"
    apt_install "postgresql-$ver-pgvector"
    return 0
  fi

  # Debian 12 has no pgvector package; Debian 13's source package builds against PostgreSQL 15.
  log "building pgvector from Debian trixie's source package"
  local mirror keyring src work
  mirror=$(debian_mirror) || die "cannot read a Debian mirror from the apt sources"
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  src=/etc/apt/sources.list.d/inkwell-trixie-src.sources
  apt_install "postgresql-server-dev-$ver" build-essential dpkg-dev
  printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: %s\n' "$mirror" "$keyring" \
    | as_admin tee "$src" >/dev/null
  as_admin apt-get update -qq
  work=$(mktemp -d)
  # Sandbox user = whoever runs this: apt's _apt user cannot write into a private temp directory.
  ( cd "$work" && apt-get source --download-only -qq -o APT::Sandbox::User="$(id -un)" pgvector >/dev/null )
  # The trixie entry was only needed to fetch the source: leave apt as it was.
  as_admin rm -f "$src"
  ( cd "$work" && tar xf pgvector_*.orig.tar.* && cd "$(find . -maxdepth 1 -type d -name 'pgvector*' | head -1)" \
      && make -s PG_CONFIG="$(pg_config_of "$bindir")" >/dev/null \
      && as_admin make -s PG_CONFIG="$(pg_config_of "$bindir")" install >/dev/null )
  rm -rf "$work"
  [ -f "$("$(pg_config_of "$bindir")" --sharedir)/extension/vector.control" ] || die "pgvector build did not install"
  log "pgvector installed"
}

# initdb refuses root: as root the cluster belongs to the unprivileged 'postgres' user.
run_user=""
as_pg() { if [ -n "$run_user" ]; then runuser -u "$run_user" -- "$@"; else "$@"; fi; }

pick_datadir() {
  DATA="${INKWELL_DB_DATA:-$ROOT/.pgdata}"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    run_user=postgres
    # A checkout under a private home (e.g. /root) is not reachable by 'postgres'.
    if [ -z "${INKWELL_DB_DATA:-}" ] && ! runuser -u postgres -- test -x "$ROOT"; then
      DATA="/var/tmp/inkwell-pgdata-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)"
      log "checkout not readable by 'postgres'; data directory is $DATA"
    fi
  fi
}

psql_admin() { "$BINDIR/psql" -X -q -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -v ON_ERROR_STOP=1 "$@"; }

is_running() { [ -f "$DATA/PG_VERSION" ] && as_pg "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

start() {
  install_server
  BINDIR=$(find_bindir)
  install_pgvector "$BINDIR"
  pick_datadir
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "creating cluster in $DATA (port $PORT)"
    mkdir -p "$DATA"
    [ -n "$run_user" ] && chown "$run_user" "$DATA"
    chmod 700 "$DATA"
    as_pg "$BINDIR/initdb" -D "$DATA" -U "$DB_USER" --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >/dev/null
    # The project's own user connects without a password over loopback; any other role needs its
    # password, so tests can prove what a wrong password does.
    as_pg sed -i "0,/^host/s//host    all             $DB_USER         127.0.0.1\/32            trust\n&/" "$DATA/pg_hba.conf"
    # Loopback only, no Unix socket (its path would depend on the checkout's location).
    as_pg tee -a "$DATA/postgresql.conf" >/dev/null <<CONF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
shared_buffers = 256MB
CONF
  fi
  restore_durability
  if ! is_running; then
    log "starting PostgreSQL on 127.0.0.1:$PORT"
    as_pg "$BINDIR/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start >/dev/null \
      || { tail -20 "$DATA/server.log" >&2; die "server did not start"; }
  fi
  local db
  for db in "${DATABASES[@]}"; do
    if [ -z "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      psql_admin -d postgres -c "CREATE DATABASE $db"
    fi
    psql_admin -d "$db" -c "CREATE EXTENSION IF NOT EXISTS vector" 2>/dev/null
  done
  # The test database alone may lose its last few commits in a crash (never a corrupt cluster):
  # commits there do not wait for the WAL flush.
  psql_admin -d postgres -c "ALTER DATABASE inkwell_test SET synchronous_commit = off"
  log "ready: jdbc:postgresql://127.0.0.1:$PORT/inkwell (tests: inkwell_test), user $DB_USER"
}

# Clusters made by an older version of this script ran with fsync, full_page_writes and
# synchronous_commit off. The service's data keeps PostgreSQL's defaults: drop those lines once.
restore_durability() {
  local conf="$DATA/postgresql.conf"
  as_pg grep -Eq '^(fsync|synchronous_commit|full_page_writes) = off' "$conf" || return 0
  as_pg sed -i -E '/^(fsync|synchronous_commit|full_page_writes) = off$/d' "$conf"
  if is_running; then
    as_pg "$BINDIR/pg_ctl" -D "$DATA" -w restart -m fast -l "$DATA/server.log" >/dev/null
  fi
  sync # what was written while fsync was off reaches the disk now
  log "durability restored: fsync, full_page_writes and synchronous_commit are back to on in $conf"
}

stop() {
  BINDIR=$(find_bindir) || { log "no PostgreSQL installed"; return 0; }
  pick_datadir
  if pooler_running; then kill "$(cat "$(pooler_dir)/pgbouncer.pid")"; log "pooler stopped"; fi
  if replica_running; then as_pg "$BINDIR/pg_ctl" -D "$(replica_dir)" -m fast -w stop >/dev/null; log "replica stopped"; fi
  if is_running; then as_pg "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; log "stopped"; else log "not running"; fi
}

status() {
  BINDIR=$(find_bindir) || { log "no PostgreSQL installed"; return 3; }
  pick_datadir
  if is_running; then log "running on 127.0.0.1:$PORT, data in $DATA"; else log "not running"; return 3; fi
}

# --- PgBouncer in transaction mode, for users (and tests) of a transaction-pooling proxy --------------
pooler_dir() { echo "$(dirname "$DATA")/$(basename "$DATA" | sed 's/pgdata/pgbouncer/')"; }

pooler_running() { local pid; pid=$(cat "$(pooler_dir)/pgbouncer.pid" 2>/dev/null) && kill -0 "$pid" 2>/dev/null; }

pooler_start() {
  start
  command -v pgbouncer >/dev/null || { log "installing pgbouncer"; apt_install pgbouncer; }
  local dir; dir=$(pooler_dir)
  if pooler_running; then return 0; fi
  mkdir -p "$dir"
  # The cluster trusts the project's user on loopback; PgBouncer checks only that the user is listed.
  printf '"%s" ""\n' "$DB_USER" > "$dir/userlist.txt"
  cat > "$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$PORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $POOLER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = 20
; Several server connections kept open and used in turn: a client's consecutive transactions land on
; different ones, as they do under real concurrency.
min_pool_size = 5
server_round_robin = 1
max_client_conn = 500
; pgjdbc sends it at start-up; PgBouncer would refuse the connection otherwise
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
  [ -n "$run_user" ] && chown -R "$run_user" "$dir"
  log "starting PgBouncer (transaction pooling) on 127.0.0.1:$POOLER_PORT"
  as_pg pgbouncer -q -d "$dir/pgbouncer.ini" || { tail -5 "$dir/pgbouncer.log" >&2; die "pgbouncer did not start"; }
  for _ in $(seq 50); do pooler_running && return 0; sleep 0.1; done
  die "pgbouncer did not start"
}

pooler() {
  BINDIR=$(find_bindir) || true
  pick_datadir
  case "${1:-start}" in
    start) pooler_start; log "pooler ready: jdbc:postgresql://127.0.0.1:$POOLER_PORT/inkwell (transaction mode)" ;;
    stop) if pooler_running; then kill "$(cat "$(pooler_dir)/pgbouncer.pid")"; log "pooler stopped"; else log "pooler not running"; fi ;;
    status) if pooler_running; then log "pooler running on 127.0.0.1:$POOLER_PORT"; else log "pooler not running"; return 3; fi ;;
    *) die "usage: $0 pooler [start|stop|status]" ;;
  esac
}

# --- A hot standby of the cluster above, for read replicas, read-your-writes and failover -------------
replica_dir() { echo "$(dirname "$DATA")/$(basename "$DATA" | sed 's/pgdata/pgreplica/')"; }

replica_running() { local r; r=$(replica_dir); [ -f "$r/PG_VERSION" ] && as_pg "$BINDIR/pg_ctl" -D "$r" status >/dev/null 2>&1; }

psql_replica() { "$BINDIR/psql" -X -q -h 127.0.0.1 -p "$REPLICA_PORT" -U "$DB_USER" -d postgres -v ON_ERROR_STOP=1 "$@"; }

# Synchronous (--sync: a commit on the primary waits for the standby's flush) or not.
replica_sync() {
  if [ "$1" = on ]; then
    psql_admin -d postgres -c "ALTER SYSTEM SET synchronous_standby_names = '$REPLICA_NAME'"
  else
    psql_admin -d postgres -c "ALTER SYSTEM RESET synchronous_standby_names"
  fi
  psql_admin -d postgres -tAc "SELECT pg_reload_conf()" >/dev/null
}

replica_start() {
  local sync=off dir
  [ "${1:-}" = --sync ] && sync=on
  start
  dir=$(replica_dir)
  # Replication connections from the project's user over loopback, like its other connections.
  if ! as_pg grep -q "^host    replication     $DB_USER " "$DATA/pg_hba.conf"; then
    as_pg sed -i "0,/^host/s//host    replication     $DB_USER         127.0.0.1\/32            trust\n&/" "$DATA/pg_hba.conf"
    psql_admin -d postgres -tAc "SELECT pg_reload_conf()" >/dev/null
  fi
  # A standby that was promoted is a primary of its own now: made again from the cluster.
  if [ -f "$dir/PG_VERSION" ] && [ ! -f "$dir/standby.signal" ]; then
    log "the replica in $dir was promoted; making it again from the primary"
    as_pg "$BINDIR/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "creating the replica in $dir (port $REPLICA_PORT) from the primary"
    mkdir -p "$dir"
    [ -n "$run_user" ] && chown "$run_user" "$dir"
    chmod 700 "$dir"
    as_pg "$BINDIR/pg_basebackup" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -D "$dir" -R -X stream -c fast
    # The primary's own ALTER SYSTEM settings came along: a standby promoted with the primary's
    # synchronous_standby_names would wait for itself.
    as_pg sed -i '/^synchronous_standby_names/d' "$dir/postgresql.auto.conf"
    # Later lines win: the primary's port and a name the primary can require for synchronous commits.
    printf "port = %s\ncluster_name = '%s'\n" "$REPLICA_PORT" "$REPLICA_NAME" | as_pg tee -a "$dir/postgresql.conf" >/dev/null
  fi
  if ! replica_running; then
    log "starting the replica on 127.0.0.1:$REPLICA_PORT"
    as_pg "$BINDIR/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null \
      || { tail -20 "$dir/server.log" >&2; die "replica did not start"; }
  fi
  # A standby stopped while the primary went on (benchmarks write a lot) may need WAL the primary has
  # recycled: it can never catch up, so it is made again (once).
  if ! replica_streaming; then
    if [ "${2:-}" != again ] && grep -q "has already been removed" "$dir/server.log"; then
      log "the replica in $dir fell behind the primary's WAL; making it again"
      as_pg "$BINDIR/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
      rm -rf "$dir"
      replica_start "${1:-}" again
      return
    fi
    tail -20 "$dir/server.log" >&2
    die "replica does not stream from the primary"
  fi
  replica_sync "$sync"
  log "replica ready: jdbc:postgresql://127.0.0.1:$REPLICA_PORT/inkwell ($( [ $sync = on ] && echo synchronous || echo asynchronous))"
}

# Whether the primary streams to the standby, within 15 s.
replica_streaming() {
  local i
  for i in $(seq 1 30); do
    [ "$(psql_admin -d postgres -tAc "SELECT count(*) FROM pg_stat_replication WHERE application_name = '$REPLICA_NAME' AND state = 'streaming'")" = 1 ] && return 0
    sleep 0.5
  done
  return 1
}

replica_stop() {
  local dir; dir=$(replica_dir)
  # A primary that requires this standby's flush would wait for it forever.
  if is_running; then replica_sync off; fi
  if replica_running; then as_pg "$BINDIR/pg_ctl" -D "$dir" -m fast -w stop >/dev/null; log "replica stopped"; else log "replica not running"; fi
}

replica_status() {
  if ! replica_running; then log "replica not running"; return 3; fi
  log "replica running on 127.0.0.1:$REPLICA_PORT, data in $(replica_dir): $(psql_replica -tAc \
    "SELECT CASE WHEN pg_is_in_recovery() THEN 'standby, replayed to ' || pg_last_wal_replay_lsn() ELSE 'promoted (a primary)' END")"
}

replica_promote() {
  replica_running || die "replica not running"
  # The old primary must not wait for a standby that is no longer one.
  if is_running; then replica_sync off; fi
  as_pg "$BINDIR/pg_ctl" -D "$(replica_dir)" -w promote >/dev/null
  psql_replica -c "ALTER SYSTEM RESET synchronous_standby_names" -c "SELECT pg_reload_conf()" >/dev/null
  log "replica promoted: 127.0.0.1:$REPLICA_PORT accepts writes"
}

replica() {
  BINDIR=$(find_bindir) || die "no PostgreSQL installed: run $0 start"
  pick_datadir
  case "${1:-start}" in
    start) shift || true; replica_start "$@" ;;
    stop) replica_stop ;;
    status) replica_status ;;
    promote) replica_promote ;;
    *) die "usage: $0 replica [start [--sync]|stop|status|promote]" ;;
  esac
}

# The cores the running cluster may use (taskset's list, e.g. "1"): its postmaster and every process
# it has started; the backends it forks later inherit them (scripts/bench.sh data --split-cores).
pin() {
  [ -n "${1:-}" ] || die "usage: $0 pin CPU-LIST"
  BINDIR=$(find_bindir) || die "no PostgreSQL installed"
  pick_datadir
  is_running || die "not running"
  local postmaster p
  postmaster=$(head -1 "$DATA/postmaster.pid")
  # shellcheck disable=SC2046
  for p in "$postmaster" $(cat "/proc/$postmaster/task/$postmaster/children"); do taskset -a -cp "$1" "$p" >/dev/null; done
  log "cluster on CPUs $1"
}

# A crash, as far as clients and the standby can tell: no shutdown checkpoint, connections cut.
kill_primary() {
  BINDIR=$(find_bindir) || die "no PostgreSQL installed"
  pick_datadir
  if is_running; then as_pg "$BINDIR/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null; log "primary stopped (immediate)"; else log "not running"; fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  kill) kill_primary ;;
  pin) shift; pin "$@" ;;
  status) status ;;
  url) echo "jdbc:postgresql://127.0.0.1:$PORT/inkwell" ;;
  pooler) shift; pooler "$@" ;;
  replica) shift; replica "$@" ;;
  *) die "usage: $0 [start|stop|kill|status|url|pin CPU-LIST|pooler [start|stop|status]|replica [start [--sync]|stop|status|promote]]" ;;
esac
