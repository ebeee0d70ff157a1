#!/bin/sh
# Scale benchmark of issue 7 (not part of the test suite).
# Usage: bench/scale.sh [RUNS] [FAMILIES...]   (defaults: 3 runs; 1000 and 10000 families)
# For each size: a repository from `kurator demo --generate N --seed 1`, then RUNS times each of
#   validate; full build (PDF + HTML) into an empty folder; no-op rebuild; rebuild after one
#   case is edited (its address, which every document of the case prints).
# Prints wall time and peak memory (/usr/bin/time) of every run, and the number of PDFs.
set -eu
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
sizes=${*:-1000 10000}
cargo build --release --locked --quiet
bin=target/release/kurator
tmp=${TMPDIR:-/tmp}
for n in $sizes; do
    repo=$tmp/kurator-scale-$n
    out=$tmp/kurator-scale-$n-out
    rm -rf "$repo" "$out"
    $bin demo --generate "$n" --seed 1 "$repo" >/dev/null
    case=$(ls "$repo/cases" | head -n 1)
    for run in $(seq "$runs"); do
        /usr/bin/time -f "$n validate: %e s, peak %M KB" $bin validate --root "$repo" >/dev/null
        rm -rf "$out"
        /usr/bin/time -f "$n full build: %e s, peak %M KB" \
            $bin build --root "$repo" --out "$out" --as-of 2025-12-31 2>&1 >/dev/null | grep -v '^$'
        /usr/bin/time -f "$n no-op rebuild: %e s, peak %M KB" \
            $bin build --root "$repo" --out "$out" --as-of 2025-12-31 2>&1 >/dev/null | grep -v '^$'
        sed -i "s/ул\. \([^,]*\), д\. [0-9]*/ул. \1, д. $run$run/" "$repo/cases/$case"
        /usr/bin/time -f "$n one case edited: %e s, peak %M KB" \
            $bin build --root "$repo" --out "$out" --as-of 2025-12-31 2>&1 >/dev/null | grep -v '^$'
    done
    echo "$n: $(find "$out" -name '*.pdf' | wc -l) PDF, $(find "$out" -name '*.html' | wc -l) HTML"
done
