#!/usr/bin/env python3
"""Gives a benchmark repository (made by bench/clone-demo.py) a git history, as a centre's
would have after a year: one commit adding everything, then ROUNDS rounds in which every case
is edited in a commit of its own by one of three curators (Cyrillic names), each edit
rewriting the result of a visit. N cases and 3 rounds make 3N+1 commits.

Usage: bench/git-history.py DIR ROUNDS. Deterministic (fixed dates and authors); built with
`git fast-import`, so 4,000 commits take seconds. The work tree is left at the last commit.
"""

import subprocess
import sys
from pathlib import Path

out, rounds = Path(sys.argv[1]), int(sys.argv[2])
files = sorted(p for p in out.rglob("*") if p.is_file() and ".git" not in p.parts)
cases = [p for p in files if p.parent.name == "cases"]
authors = ["Кречетова Елена Викторовна", "Зуева Татьяна Алексеевна", "Ушакова Мария Юрьевна"]
stream = bytearray()
mark = 0
time = 1704067200  # 2024-01-01


def commit(author, message, changes):
    global mark, time
    mark += 1
    time += 600
    data = message.encode()
    stream.extend(f"commit refs/heads/main\nmark :{mark}\n".encode())
    for who in ("author", "committer"):
        stream.extend(f"{who} {author} <curator@centre.example> {time} +0300\n".encode())
    stream.extend(f"data {len(data)}\n".encode() + data + b"\n")
    if mark > 1:
        stream.extend(f"from :{mark - 1}\n".encode())
    for path, content in changes:
        blob = content.encode()
        stream.extend(f'M 100644 inline "{path}"\ndata {len(blob)}\n'.encode() + blob + b"\n")


texts = {p: p.read_text(encoding="utf-8") for p in cases}
commit(authors[0], "Случаи на начало года", [(p.relative_to(out).as_posix(), p.read_text(encoding="utf-8")) for p in files])
for r in range(1, rounds + 1):
    for i, p in enumerate(cases):
        texts[p] = texts[p].replace('итог: "', f'итог: "Раунд {r}. ', 1)
        commit(authors[i % 3], f"Патронаж: уточнён итог ({p.stem}, раунд {r})", [(p.relative_to(out).as_posix(), texts[p])])

subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
subprocess.run(["git", "-C", str(out), "fast-import", "--quiet"], input=bytes(stream), check=True)
subprocess.run(["git", "-C", str(out), "reset", "-q", "--hard", "main"], check=True)
print(f"{mark} commits in {out}")
