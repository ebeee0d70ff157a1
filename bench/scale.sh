#!/bin/sh
# Scale benchmark of issue 7 (not part of the test suite).
# Usage: bench/scale.sh [RUNS] [FAMILIES...]   (defaults: 3 runs; 1000 and 10000 families)
# For each size: a repository from `kurator demo --generate N --seed 1`, then RUNS times each of
#   validate; full build (PDF + HTML) into an empty folder; no-op rebuild; rebuild after one
#   case is edited (its address, which every document of the case prints).
# Prints wall time and peak memory (/usr/bin/time) of every run, then the median of the runs
# of each measure as a Markdown table (the one in BENCHMARKS.md).
set -eu
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
sizes=${*:-1000 10000}
cargo build --release --locked --quiet
bin=target/release/kurator
tmp=${TMPDIR:-/tmp}
results=$tmp/kurator-scale-results
: > "$results"
# measure SIZE WHAT COMMAND...: runs it, appends "SIZE|WHAT|seconds|KB" to the results.
measure() {
    size=$1
    what=$2
    shift 2
    /usr/bin/time -o "$tmp/kurator-scale-time" -f "%e|%M" "$@" >/dev/null 2>"$tmp/kurator-scale-err" || {
        cat "$tmp/kurator-scale-err" >&2
        exit 1
    }
    line="$size|$what|$(cat "$tmp/kurator-scale-time")"
    echo "$line" >> "$results"
    echo "$line   $(grep '^Собрано' "$tmp/kurator-scale-err" || true)"
}
for n in $sizes; do
    repo=$tmp/kurator-scale-$n
    out=$tmp/kurator-scale-$n-out
    rm -rf "$repo" "$out"
    $bin demo --generate "$n" --seed 1 "$repo" >/dev/null
    case=$(ls "$repo/cases" | head -n 1)
    for run in $(seq "$runs"); do
        measure "$n" validate $bin validate --root "$repo"
        rm -rf "$out"
        measure "$n" "full build" $bin build --root "$repo" --out "$out" --as-of 2025-12-31
        measure "$n" "no-op rebuild" $bin build --root "$repo" --out "$out" --as-of 2025-12-31
        sed -i "s/ул\. \([^,]*\), д\. [0-9]*/ул. \1, д. $run$run/" "$repo/cases/$case"
        measure "$n" "one case edited" $bin build --root "$repo" --out "$out" --as-of 2025-12-31
    done
    pdfs=$(find "$out" -name '*.pdf' | wc -l)
    echo "$n|PDF documents|$pdfs|0" >> "$results"
done
echo
echo "| families | measure | median of $runs runs, s | peak memory (median), MB |"
echo "|---:|---|---:|---:|"
python3 - "$results" <<'PY'
import statistics, sys
rows, pdfs = {}, {}
for line in open(sys.argv[1], encoding="utf-8"):
    size, what, seconds, kb = line.strip().split("|")
    if what == "PDF documents":
        pdfs[size] = int(seconds)
        continue
    rows.setdefault((size, what), []).append((float(seconds), int(kb)))
for (size, what), runs in rows.items():
    seconds = statistics.median(s for s, _ in runs)
    mb = statistics.median(kb for _, kb in runs) / 1024
    extra = ""
    if what == "full build":
        extra = f" ({pdfs[size]} PDF: {pdfs[size] / seconds:.0f} PDF/s)"
    print(f"| {size} | {what}{extra} | {seconds:.2f} | {mb:.0f} |")
PY
