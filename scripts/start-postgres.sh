#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 on 127.0.0.1 for the registry tests and prints its URL, e.g.
#   export ABSAH_TEST_POSTGRES_URL=$(scripts/start-postgres.sh)
# The cluster lives in a temporary folder (trust authentication, loopback only) and is removed by
# scripts/stop-postgres.sh. Run as root it initialises and runs the server as the postgres user.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
state=${ABSAH_PG_STATE:-${TMPDIR:-/tmp}/absah-postgres.dir}

bindir=/usr/lib/postgresql/15/bin
if [ ! -x "$bindir/initdb" ]; then
  echo "start-postgres: installing postgresql-15" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends \
    postgresql-15 >&2
fi

if [ -f "$state" ] && [ -d "$(cat "$state")" ]; then
  echo "start-postgres: a server is already running from $(cat "$state"); stop it first" >&2
  exit 1
fi

as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  as_pg=(runuser -u postgres --)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/absah-pg.XXXXXX")
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"

# A free port: ask the kernel when python3 is there, else try random high ports.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || true)
if [ -z "$port" ]; then
  while :; do
    port=$((20000 + RANDOM % 20000))
    ss -ltn 2>/dev/null | grep -q ":$port " || break
  done
fi

"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on -c max_connections=50" \
  start >&2 || { cat "$dir/server.log" >&2; exit 1; }
"${as_pg[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres absah_test >&2

echo "$dir" >"$state"
url="postgresql://postgres@127.0.0.1:$port/absah_test"
echo "$url" >"$dir/url"
echo "$url"
