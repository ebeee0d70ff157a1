#!/bin/sh
# Benchmark of `kurator validate` on generated repositories (not part of the test suite).
# Usage: bench/validate.sh [RUNS]  — prints wall time and peak memory of each run.
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --locked --quiet
for n in 100 1000 10000; do
    dir=${TMPDIR:-/tmp}/kurator-bench-$n
    python3 bench/clone-demo.py "$n" "$dir" >/dev/null
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "$n cases: %e s, peak %M KB" target/release/kurator validate --root "$dir" >/dev/null
    done
done
