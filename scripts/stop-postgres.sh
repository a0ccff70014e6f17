#!/usr/bin/env bash
# Stops the server started by scripts/start-postgres.sh and removes its temporary folder.
set -euo pipefail
state=${ABSAH_PG_STATE:-${TMPDIR:-/tmp}/absah-postgres.dir}
if [ ! -f "$state" ]; then
  echo "stop-postgres: no server recorded in $state" >&2
  exit 0
fi
dir=$(cat "$state")
as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
if [ -d "$dir/data" ]; then
  "${as_pg[@]}" /usr/lib/postgresql/15/bin/pg_ctl -D "$dir/data" -m fast -w stop >&2 || true
fi
case "$dir" in
  */absah-pg.*) rm -rf "$dir" ;;
esac
rm -f "$state"
