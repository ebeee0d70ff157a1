#!/bin/sh
# Benchmark of what git costs a build (issue 6; not part of the test suite).
# Usage: bench/history.sh [RUNS] [CASES]  (defaults 3, 1000)
# Makes a repository of CASES demo cases with 3 rounds of per-case commits (3*CASES+1 commits,
# bench/git-history.py), then times `kurator build --format html` with git (stamps on every
# page, the history of every case on its page) and without (GIT_DIR pointing nowhere, so
# kurator finds no repository), and `kurator history` of one case. Prints every run.
set -eu
cd "$(dirname "$0")/.."
runs=${1:-3}
n=${2:-1000}
cargo build --release --locked --quiet
dir=${TMPDIR:-/tmp}/kurator-history-$n
python3 bench/clone-demo.py "$n" "$dir" >/dev/null
python3 bench/git-history.py "$dir" 3
out=${TMPDIR:-/tmp}/kurator-history-out
for _ in $(seq "$runs"); do
    /usr/bin/time -f "with git:    %e s, peak %M KB" \
        target/release/kurator build --format html --as-of 2025-06-30 --root "$dir" --out "$out" 2>&1 >/dev/null | grep -v '^Собрано'
    GIT_DIR=/nonexistent /usr/bin/time -f "without git: %e s, peak %M KB" \
        target/release/kurator build --format html --as-of 2025-06-30 --root "$dir" --out "$out" 2>&1 >/dev/null | grep -v '^Собрано\|предупреждение'
    /usr/bin/time -f "history of one case: %e s" \
        target/release/kurator history Б-000500 --root "$dir" 2>&1 >/dev/null
done
