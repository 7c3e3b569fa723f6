#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: TEST_DATABASE_URL points at it while the
# command runs, and the server is stopped by its PID afterwards, whatever the command's result.
#   bash .ci/with-postgres.sh npm test
# Installs Debian's postgresql when it is missing (as root). The server runs as an
# unprivileged user, listens on 127.0.0.1 on a free port, and keeps its files in a temp folder.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: bash .ci/with-postgres.sh COMMAND [ARGS...]" >&2
  exit 2
fi

find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

pg_bin=$(find_pg_bin || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "== installing PostgreSQL from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(find_pg_bin)
fi

# The server refuses to run as root: use the postgres account the package creates, or make one.
pg_user=postgres
if ! id "$pg_user" >/dev/null 2>&1; then
  pg_user=drillbot-ci
  id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home "$pg_user"
fi
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(setpriv --reuid="$pg_user" --regid="$pg_user" --init-groups --); fi

work=$(mktemp -d "${TMPDIR:-/tmp}/drillbot-pg.XXXXXX")
chmod 755 "$work"
[ "$(id -u)" -eq 0 ] && chown "$pg_user" "$work"
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

"${as_pg[@]}" "$pg_bin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --no-sync >"$work/initdb.log" 2>&1 || {
  cat "$work/initdb.log" >&2
  exit 1
}

# setpriv execs in place, so $! is the postgres server's own PID.
"${as_pg[@]}" "$pg_bin/postgres" -D "$work/data" -p "$port" -k "$work" \
  -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
  -c max_connections=200 >"$work/server.log" 2>&1 &
pg_pid=$!

stop_postgres() {
  if kill -0 "$pg_pid" 2>/dev/null; then
    kill -INT "$pg_pid" 2>/dev/null || true # fast shutdown
    for _ in $(seq 1 50); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pg_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_postgres EXIT

for _ in $(seq 1 100); do
  if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then break; fi
  if ! kill -0 "$pg_pid" 2>/dev/null; then
    echo "PostgreSQL failed to start:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  sleep 0.1
done
"$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port"

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "== PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (pid $pg_pid)"
set +e
"$@"
status=$?
set -e
exit "$status"
