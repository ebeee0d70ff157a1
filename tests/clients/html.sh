#!/bin/sh
# Checks every HTML page and style sheet under a folder with the Nu HTML checker (vnu.jar, the
# W3C validator's engine), one JVM run for all pages. Errors fail; warnings are not reported.
# Usage: tests/clients/html.sh OUT_DIR. Exit 0 when there are no errors, 1 otherwise.
set -eu
out=$(cd "$1" && pwd)
vnu="$(dirname "$0")/node_modules/vnu-jar/build/dist/vnu.jar"
log=$(mktemp)
seen=$(mktemp)
trap 'rm -f "$log" "$seen"' EXIT
# Java 17 decodes file names by the locale: under POSIX it silently skips every page with a
# Cyrillic name (nearly all of them), so UTF-8 is forced, and the pages vnu saw are counted.
export LC_ALL=C.UTF-8

pages=$(find "$out" -name '*.html' | wc -l)
if [ "$pages" -eq 0 ]; then
    echo "vnu: no .html files under $out"
    exit 1
fi
status=0
find "$out" -name '*.html' -exec java -jar "$vnu" --errors-only --verbose --format gnu {} + >"$seen" 2>"$log" || status=1
# Style sheets in a second run: with --also-check-css vnu reports HTML lines off by one.
find "$out" -name '*.css' -exec java -jar "$vnu" --errors-only --format gnu --css {} + >>"$log" 2>&1 || status=1
if [ "$status" -ne 0 ] && [ ! -s "$log" ]; then
    echo "vnu: java exited with an error and printed nothing"
fi

# vnu names files as "file:/abs/path":line.col-line.col; print them relative to OUT_DIR.
sed "s|^\"file:$out/\([^\"]*\)\":|vnu: \1:|" "$log"
checked=$(wc -l <"$seen")
if [ "$checked" -ne "$pages" ]; then
    echo "vnu: it could not read some file names"
    status=1
fi
echo "vnu: $checked of $pages pages checked, $(grep -c ': error:' "$log" || true) errors"
exit "$status"
