#!/usr/bin/env bash
# Fills fuzz/corpus/{load,render} with seeds from the repository and writes fuzz/kurator.dict
# (schema keys and enum values, for mutations that keep YAML meaningful). Run from anywhere.
set -euo pipefail
fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
mkdir -p "$fuzz/corpus/load" "$fuzz/corpus/render"

# A load input is one byte choosing the file (kurator::fuzzing::Slot: 0 case, 1 second case,
# 2 meeting, 3 kurator.yaml, 4 calendar year) and then the file itself.
seed() {
    local slot=$1 file=$2
    local rel=${file#"$root"/}
    local out="$fuzz/corpus/load/$slot-${rel//\//_}"
    { printf "\\x0$slot"; cat "$file"; } >"$out"
}
for f in "$root"/tests/fixtures/base/cases/*.yaml "$root"/cases/*.yaml \
    "$root"/tests/fixtures/invalid/cases/*; do seed 0 "$f"; done
for f in "$root"/cases/2024-00[1-3].yaml; do seed 1 "$f"; done
for f in "$root"/tests/fixtures/base/meetings/*.yaml "$root"/meetings/*.yaml \
    "$root"/tests/fixtures/invalid/meetings/*; do seed 2 "$f"; done
for f in "$root"/tests/fixtures/base/kurator.yaml "$root"/kurator.yaml \
    "$root"/tests/fixtures/invalid/config/*; do seed 3 "$f"; done
for f in "$root"/calendar-data/*.yaml; do seed 4 "$f"; done
rm -f "$fuzz"/corpus/load/*.out

# A render input is a case file of the demo repository.
cp "$root"/cases/*.yaml "$fuzz/corpus/render/"

python3 - "$root/schema" >"$fuzz/kurator.dict" <<'PY'
import glob, json, sys
words = set()
def walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                words.update(f"{name}: " for name in value)
            if key == "enum" and isinstance(value, list):
                words.update(v for v in value if isinstance(v, str))
            walk(value)
    elif isinstance(node, list):
        for value in node:
            walk(value)
for path in sorted(glob.glob(sys.argv[1] + "/*.json")):
    walk(json.load(open(path, encoding="utf-8")))
words.update(["\n  - ", "\n    ", ": [", "]", "{", "}", "&a ", "*a", "!!str ", "|\n", ">-\n",
              "'", '"', "# ", "---\n", "2024-02-29", "2025-12-31", "1900-01-01", "9999-12-31",
              "Белозёрова Н. А.", "2025-06-26", "\t", "\r\n"])
for word in sorted(words):
    print('"' + "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else
                        "".join(f"\\x{b:02x}" for b in c.encode()) for c in word) + '"')
PY
echo "corpus: $(ls "$fuzz/corpus/load" | wc -l) load, $(ls "$fuzz/corpus/render" | wc -l) render; dictionary: $(wc -l <"$fuzz/kurator.dict") entries"
