#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS cluster on loopback, for the tests and for trying the
# server on PostgreSQL. Nothing is installed or changed outside the cluster's folder.
#
#   tools/postgis.sh start   initdb (first time), start on 127.0.0.1, create the database
#                            `scoran` with PostGIS; prints the connection string and writes
#                            it, with the matching environment variables, to $SCORAN_PG_DIR/env
#   tools/postgis.sh env     prints `export SCORAN_TEST_POSTGRES=...` (eval "$(tools/postgis.sh env)")
#   tools/postgis.sh stop    stops the cluster and removes its folder; idempotent
#   tools/postgis.sh status  exit 0 when running
#
# SCORAN_PG_DIR (default /tmp/scoran-postgis) is the folder; SCORAN_PG_PORT picks the port
# (default: a free one). initdb and pg_ctl refuse to run as root: as root they run as the
# `postgres` user (Debian's packages create it), who owns the folder.
set -euo pipefail

dir="${SCORAN_PG_DIR:-/tmp/scoran-postgis}"
bin="${PG_BIN:-}"
if [ -z "$bin" ]; then
  for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/pg_ctl" ] && bin="$candidate"
  done
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

die() {
  echo "postgis.sh: $*" >&2
  exit 1
}

running() {
  [ -f "$dir/data/postmaster.pid" ] && [ -n "$bin" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

connection_string() {
  echo "Host=127.0.0.1;Port=$(cat "$dir/port");Database=scoran;Username=scoran;Password=scoran"
}

free_port() {
  python3 - <<'EOF' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

start() {
  [ -n "$bin" ] || die "PostgreSQL introuvable (/usr/lib/postgresql/*/bin) : apt-get install postgresql-15-postgis-3"
  local share
  share="$("$bin/pg_config" --sharedir 2>/dev/null || echo "/usr/share/postgresql/$(basename "$(dirname "$bin")")")"
  [ -f "$share/extension/postgis.control" ] || die "extension PostGIS absente ($share/extension) : apt-get install postgresql-15-postgis-3"
  if running; then
    connection_string
    return 0
  fi

  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$dir"
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb a échoué"; }
  fi
  local port="${SCORAN_PG_PORT:-$(free_port)}"
  echo "$port" >"$dir/port"
  # Small and fast: a test cluster, never a production one (fsync off).
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB" \
    >/dev/null || { cat "$dir/server.log" >&2; die "le serveur PostgreSQL n'a pas démarré"; }

  local psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q)
  "${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'scoran'" | grep -q 1 \
    || "${psql[@]}" -d postgres -c "CREATE ROLE scoran LOGIN SUPERUSER PASSWORD 'scoran'"
  # Tests create their databases from this template (fast, PostGIS already there); `scoran`
  # is for trying the server by hand.
  if ! "${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'scoran_template'" | grep -q 1; then
    "${psql[@]}" -d postgres -c "CREATE DATABASE scoran_template OWNER scoran"
    "${psql[@]}" -d scoran_template -c "CREATE EXTENSION IF NOT EXISTS postgis"
    "${psql[@]}" -d postgres -c "ALTER DATABASE scoran_template WITH IS_TEMPLATE true"
  fi
  "${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'scoran'" | grep -q 1 \
    || "${psql[@]}" -d postgres -c "CREATE DATABASE scoran OWNER scoran TEMPLATE scoran_template"

  {
    echo "export SCORAN_TEST_POSTGRES='$(connection_string)'"
    echo "export ConnectionStrings__Scoran='$(connection_string)'"
    echo "export Storage__Provider=Postgres"
  } >"$dir/env"
  connection_string
}

stop() {
  if running; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env)
    running || die "aucun cluster en marche dans $dir (tools/postgis.sh start)"
    echo "export SCORAN_TEST_POSTGRES='$(connection_string)'"
    ;;
  status) running ;;
  *)
    echo "usage: tools/postgis.sh start|stop|env|status" >&2
    exit 2
    ;;
esac
