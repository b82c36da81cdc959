#!/usr/bin/env bash
# Throwaway PostgreSQL for tests: `pg-throwaway.sh start` prints export lines (PG_TMP, TEST_DATABASE_URL)
# for a fresh cluster in a temp directory on a free port, run as the postgres user; `pg-throwaway.sh stop`
# stops it and removes the directory. Needs Debian's postgresql package (initdb refuses to run as root).
set -euo pipefail

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

case "${1:-}" in
  start)
    [ -x "$PGBIN/initdb" ] || { echo "pg-throwaway: PostgreSQL server binaries not found" >&2; exit 2; }
    id postgres >/dev/null 2>&1 || { echo "pg-throwaway: no postgres user" >&2; exit 2; }
    tmp=$(mktemp -d /tmp/dj-pg.XXXXXX)
    chown postgres:postgres "$tmp"
    mkdir "$tmp/data" "$tmp/sock" && chown postgres:postgres "$tmp/data" "$tmp/sock"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    runuser -u postgres -- "$PGBIN/initdb" -D "$tmp/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" \
      -o "-p $port -k $tmp/sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" -w start >/dev/null
    echo "export PG_TMP=$tmp"
    echo "export PG_PORT=$port"
    echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    tmp=${PG_TMP:-}
    [ -n "$tmp" ] && [ -d "$tmp" ] || exit 0
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$tmp/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$tmp"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
