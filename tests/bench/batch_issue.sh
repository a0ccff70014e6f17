#!/bin/sh
# Whole-process timing of `absah render --batch` issuing one-page letters (signed and sealed)
# without a registry, through SQLite one transaction per letter (--group-size 1) and in groups
# (default 32), and through PostgreSQL when ABSAH_BENCH_POSTGRES_URL is set. The registry numbers
# the letters (no `nomor` in the records), so every letter takes the day's counter.
# Not part of ctest. Usage:
#   tests/bench/batch_issue.sh [ABSAH_BINARY] [RECORDS] [JOBS]
# Files go under $TMPDIR (mktemp). On a disk where many files were created and deleted, ext4
# spends longer allocating inodes for thousands of new files than absah spends rendering them;
# TMPDIR=/dev/shm measures absah and the database alone (docs/benchmarks.md).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
absah=${1:-$here/build/release/engine/cli/absah}
records=${2:-1000}
jobs=${3:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$absah" keys init --dir "$work/pki" >/dev/null
# Without a registry a letter needs its number in the record; with one, the registry numbers it.
python3 - "$here/samples/sk_kematian.json" "$records" "$work" <<'PY'
import json, sys
record = json.load(open(sys.argv[1]))
record.pop("nomor", None)
with open(sys.argv[3] + "/numbered.jsonl", "w") as numbered, \
     open(sys.argv[3] + "/in.jsonl", "w") as plain:
    for i in range(int(sys.argv[2])):
        line = {"type": "sk_kematian", "record": record, "idempotency_key": "bench-%d" % i}
        print(json.dumps(line), file=plain)
        line["record"] = dict(record, nomor="474.3/%06d/DUKCAPIL/BENCH" % (i + 1))
        print(json.dumps(line), file=numbered)
PY

run() {  # label, input, extra options...
  label=$1
  input=$2
  shift 2
  rm -rf "$work/out"
  start=$(date +%s.%N)
  ABSAH_DATA_DIR=$here /usr/bin/time -f "%e %U %S %M" -o "$work/time" \
    "$absah" render --batch "$work/$input" --out-dir "$work/out" --keys "$work/pki" \
    --jobs "$jobs" "$@" >"$work/summary" 2>"$work/progress" || true
  failed=$(grep -c '"error"' "$work/out/manifest.jsonl" || true)
  read -r wall user sys rss < "$work/time"
  awk -v l="$label" -v n="$records" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
    -v f="$failed" 'BEGIN {
      printf "%-28s %6.2f s  %5.0f doc/s  CPU %5.2f s (%3.0f%% of wall)  RSS %5.1f MB  failed %d\n",
             l, w, n / w, u + s, 100 * (u + s) / w, r / 1024, f
    }'
}

echo "$records letters, --jobs $jobs"
run "no registry" numbered.jsonl
run "sqlite, one per transaction" in.jsonl --registry "sqlite:$work/g1.db" --group-size 1
run "sqlite, groups of 32" in.jsonl --registry "sqlite:$work/g32.db"
if [ -n "${ABSAH_BENCH_POSTGRES_URL:-}" ]; then
  psql -q "$ABSAH_BENCH_POSTGRES_URL" -c "DROP SCHEMA IF EXISTS absah_batch_bench CASCADE" \
    -c "CREATE SCHEMA absah_batch_bench" >/dev/null 2>&1
  sep='?'
  case $ABSAH_BENCH_POSTGRES_URL in *\?*) sep='&' ;; esac
  run "postgresql, groups of 32" in.jsonl \
    --registry "${ABSAH_BENCH_POSTGRES_URL}${sep}options=-csearch_path%3Dabsah_batch_bench"
  psql -q "$ABSAH_BENCH_POSTGRES_URL" -c "DROP SCHEMA absah_batch_bench CASCADE" >/dev/null 2>&1
fi
