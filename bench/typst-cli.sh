#!/bin/sh
# The same PDF documents compiled by kurator in-process and by the typst CLI, one process per
# document (issue 7; not part of the test suite).
# Usage: bench/typst-cli.sh [FAMILIES] [RUNS]    (defaults: 100 families, 3 runs)
# Needs the typst CLI of the version kurator links, on PATH or in $TYPST:
#   cargo install typst-cli@0.15.1 --locked
# Both sides run two at a time (the machine's 2 cores): kurator with its default threads, the
# CLI as two shell loops over alternate documents. Each CLI document gets the same template
# and data.json as in-process (examples/typst-jobs.rs), the same embedded fonts and PDF/A-2b.
set -eu
cd "$(dirname "$0")/.."
n=${1:-100}
runs=${2:-3}
typst=${TYPST:-typst}
"$typst" --version
cargo build --release --locked --quiet --example typst-jobs
bin=target/release/kurator
tmp=${TMPDIR:-/tmp}
repo=$tmp/kurator-cli-$n
work=$tmp/kurator-cli-$n-jobs
rm -rf "$repo" "$work"
$bin demo --generate "$n" --seed 1 "$repo" >/dev/null
target/release/examples/typst-jobs "$repo" "$work"
fonts=$(pwd)/assets/fonts
docs=$(wc -l < "$work/jobs.tsv")
for run in $(seq "$runs"); do
    rm -rf "$tmp/kurator-cli-$n-out"
    /usr/bin/time -f "$n families, $docs PDF, kurator in-process: %e s, peak %M KB" \
        $bin build --root "$repo" --out "$tmp/kurator-cli-$n-out" --format pdf \
        --as-of 2025-12-31 2>&1 >/dev/null | grep -v -e '^Собрано' -e '^предупреждение'
    rm -rf "$work/out" "$work/w0" "$work/w1"
    mkdir -p "$work/out"
    start=$(date +%s.%N)
    for w in 0 1; do
        (
            mkdir "$work/w$w"
            cp "$work"/templates/*.typ "$work/w$w/"
            awk -v w="$w" 'NR % 2 == w' "$work/jobs.tsv" | while read -r job template time; do
                cp "$work/jobs/$job.json" "$work/w$w/data.json"
                "$typst" compile --root "$work/w$w" --font-path "$fonts" --ignore-system-fonts \
                    --pdf-standard a-2b --creation-timestamp "$time" \
                    "$work/w$w/$template" "$work/out/$job.pdf"
            done
        ) &
    done
    wait
    end=$(date +%s.%N)
    made=$(ls "$work/out" | wc -l)
    echo "$n families, $made PDF, typst CLI one process per document: $(awk "BEGIN { print $end - $start }") s"
done
