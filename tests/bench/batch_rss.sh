#!/bin/sh
# Peak resident memory of `absah render --batch` over many records (default 100 000 one-page
# letters, signed and sealed), to check that memory stays flat in the number of records.
# Not part of ctest: it takes minutes. Usage:
#   tests/bench/batch_rss.sh [ABSAH_BINARY] [RECORDS] [JOBS]
# Prints records, wall time, documents per second and the peak RSS (GNU time's %M).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
absah=${1:-$here/build/release/engine/cli/absah}
records=${2:-100000}
jobs=${3:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$absah" keys init --dir "$work/pki" >/dev/null
# One letter per line, each with its own subject name and idempotency key, so that no two
# records shape, subset or seal alike.
python3 - "$here/samples/sk_kematian.json" "$records" > "$work/in.jsonl" <<'PY'
import json, sys
record = json.load(open(sys.argv[1]))
record.pop("nomor", None)
names = ["SITI AMINAH", "BAIQ NURUL", "LALU AHMAD", "I WAYAN SUDARMA", "MUHAMMAD ZAINI"]
def letters(n):  # names take letters only: 0 -> A, 25 -> Z, 26 -> BA
    s = ""
    while True:
        s = chr(65 + n % 26) + s
        n //= 26
        if n == 0:
            return s
for i in range(int(sys.argv[2])):
    r = dict(record)
    r["nomor"] = "474.3/%06d/DUKCAPIL/BENCH" % (i + 1)
    if "nama" in r:
        r["nama"] = "%s %s" % (names[i % len(names)], letters(i))
    print(json.dumps({"type": "sk_kematian", "record": r}))
PY

start=$(date +%s.%N)
ABSAH_DATA_DIR=$here /usr/bin/time -f "%M" -o "$work/rss" \
  "$absah" render --batch "$work/in.jsonl" --out-dir "$work/out" --keys "$work/pki" \
  --jobs "$jobs" >"$work/summary" 2>"$work/progress" || true
end=$(date +%s.%N)
cat "$work/summary"
failed=$(grep -c '"error"' "$work/out/manifest.jsonl" || true)
awk -v n="$records" -v s="$start" -v e="$end" -v rss="$(cat "$work/rss")" -v f="$failed" \
  -v j="$jobs" 'BEGIN {
    t = e - s
    printf "records %d, jobs %d, failed %d, %.1f s, %.0f doc/s, peak RSS %.1f MB\n",
           n, j, f, t, n / t, rss / 1024
  }'
