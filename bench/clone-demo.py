#!/usr/bin/env python3
"""Makes a large case repository for benchmarks by cloning the demo one.

Usage: bench/clone-demo.py N DIR — writes DIR/kurator.yaml, DIR/meetings/ (the demo's) and
N case files cycling through the demo cases, each renumbered (Б-000001 …) so that file
names, numbers and sizes are those of real data. Deterministic: the same N gives the same
files. (`kurator demo --generate`, planned with the scale issue, will replace it.)
"""

import re
import shutil
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
n, out = int(sys.argv[1]), Path(sys.argv[2])
if out.exists():
    shutil.rmtree(out)
(out / "cases").mkdir(parents=True)
shutil.copy(root / "kurator.yaml", out / "kurator.yaml")
shutil.copytree(root / "meetings", out / "meetings")
shutil.copytree(root / "schema", out / "schema")
demo = [p.read_text(encoding="utf-8") for p in sorted((root / "cases").glob("*.yaml"))]
for i in range(n):
    number = f"Б-{i + 1:06d}"
    text = re.sub(r"(?m)^номер: .*$", f"номер: {number}", demo[i % len(demo)], count=1)
    (out / "cases" / f"{number}.yaml").write_text(text, encoding="utf-8")
print(f"{n} cases in {out}")
