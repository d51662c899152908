#!/usr/bin/env bash
# A throwaway PostgreSQL for the storage tests and the load tool. Source it, then:
#   cydef_postgres_start   installs PostgreSQL when missing (as root: apt-get), creates a cluster in a temporary
#                          folder, starts it on a Unix socket there (no TCP port, so nothing to collide with), and
#                          exports CYDEF_TEST_POSTGRES, the Npgsql connection string
#   cydef_postgres_stop    stops the server and removes the folder
# Run as root, the server runs as the user "postgres" (PostgreSQL refuses to run as root).

cydef_postgres_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

cydef_postgres_install() {
  cydef_postgres_bin >/dev/null && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "postgres.sh: PostgreSQL is not installed and this is not root; the PostgreSQL tests will be skipped" >&2
    return 1
  fi
  echo "postgres.sh: installing PostgreSQL (apt-get)" >&2
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; } >&2 || return 1
  cydef_postgres_bin >/dev/null
}

# Runs a command as the cluster's owner: "postgres" when we are root, ourselves otherwise.
cydef_postgres_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cydef_postgres_start() {
  cydef_postgres_install || return 1
  local bin
  bin=$(cydef_postgres_bin) || return 1
  CYDEF_POSTGRES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/cydef-pg.XXXXXX")
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    chown postgres: "$CYDEF_POSTGRES_DIR"
  fi
  chmod 700 "$CYDEF_POSTGRES_DIR"
  cydef_postgres_as_owner "$bin/initdb" -D "$CYDEF_POSTGRES_DIR/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$CYDEF_POSTGRES_DIR/initdb.log" 2>&1 \
    || { cat "$CYDEF_POSTGRES_DIR/initdb.log" >&2; return 1; }
  # fsync off (unless CYDEF_POSTGRES_FSYNC=on, as for the load tool): a test cluster lives for one run; the crash
  # test kills the client, never the server. CYDEF_POSTGRES_OPTIONS adds server settings ("-c name=value ...").
  cydef_postgres_as_owner "$bin/pg_ctl" -D "$CYDEF_POSTGRES_DIR/data" -l "$CYDEF_POSTGRES_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$CYDEF_POSTGRES_DIR' -c port=5432 -c fsync=${CYDEF_POSTGRES_FSYNC:-off} -c max_connections=200 ${CYDEF_POSTGRES_OPTIONS:-}" start >/dev/null \
    || { cat "$CYDEF_POSTGRES_DIR/server.log" >&2; return 1; }
  export CYDEF_POSTGRES_DIR
  export CYDEF_TEST_POSTGRES="Host=$CYDEF_POSTGRES_DIR;Port=5432;Username=postgres;Database=postgres"
  echo "postgres.sh: PostgreSQL running, CYDEF_TEST_POSTGRES=$CYDEF_TEST_POSTGRES" >&2
}

cydef_postgres_stop() {
  [ -n "${CYDEF_POSTGRES_DIR:-}" ] && [ -d "$CYDEF_POSTGRES_DIR" ] || return 0
  local bin
  bin=$(cydef_postgres_bin) && cydef_postgres_as_owner "$bin/pg_ctl" -D "$CYDEF_POSTGRES_DIR/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$CYDEF_POSTGRES_DIR"
  unset CYDEF_POSTGRES_DIR CYDEF_TEST_POSTGRES
}
