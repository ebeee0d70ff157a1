#!/usr/bin/env python3
"""Checks kurator's JSON Schemas with an implementation nobody on the project wrote.

python-jsonschema (Draft 2020-12, with format checking) validates every demo file and every
fixture against the committed schema/*.schema.json, and its verdict is compared with
kurator's own at schema level (`kurator validate --format json`), counting the checks of the
repository's own lists that the committed schemas carry (each fixture is checked against the
schemas `kurator schema` writes for its repository). The YAML is read by
ruamel.yaml (YAML 1.2), and two documented loading rules of kurator are applied first:
a key with a blank value means "not filled" and is dropped; where the schema wants text and
the file has an unquoted number, the text is kept as typed.

Usage: check_schema.py KURATOR_BINARY PROJECT_ROOT. Exit 0 when every verdict agrees.
"""

import datetime
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema
from ruamel.yaml import YAML

SCHEMA_CODES = {"unknown-key", "required", "type", "enum", "date", "pattern", "empty-list", "range", "schema"}
# The committed schemas also carry the repository's own lists (curators, family types, levels,
# meetings; consilium decisions only to consilium meetings): kurator checks those as rules.
LIST_CODES = {"unknown-curator", "unknown-type", "unknown-level", "unknown-meeting", "not-consilium"}
YAML_CODES = {"encoding", "empty-file", "file-size"}


def plain(value, drop_blank=True):
    """ruamel's data → JSON data; with `drop_blank`, kurator's blank-means-absent rule."""
    if isinstance(value, dict):
        return {str(k): plain(v, drop_blank) for k, v in value.items() if v is not None or not drop_blank}
    if isinstance(value, list):
        return [plain(v, drop_blank) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def set_at(data, path, value):
    *parents, last = list(path)
    for key in parents:
        data = data[key]
    data[last] = value


def python_verdict(path, schema):
    """'valid', 'invalid' (with messages) or 'unreadable' for a file as python sees it."""
    try:
        text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        yaml = YAML(typ="safe", pure=True)
        yaml.version = (1, 2)
        loaded = yaml.load(text)
        data = plain(loaded)
        with_blanks = plain(loaded, drop_blank=False)
    except Exception:  # noqa: BLE001 - any failure to read is "unreadable" here
        return "unreadable", []
    if not isinstance(data, dict):
        return "unreadable", []
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for error in validator.iter_errors(data):
        wants_text = error.validator == "type" and "string" in (error.validator_value if isinstance(error.validator_value, list) else [error.validator_value])
        if wants_text and isinstance(error.instance, (int, float, bool)):
            set_at(data, error.absolute_path, str(error.instance))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    # A blank key is "not filled", but a misspelt blank key is still an unknown key.
    errors += [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(with_blanks)
        if e.validator == "additionalProperties" or "propertyNames" in e.absolute_schema_path
    ]
    return ("invalid" if errors else "valid"), errors


def kurator_codes(binary, root):
    out = subprocess.run([binary, "validate", "--root", str(root), "--format", "json"], capture_output=True, check=False)
    if out.returncode not in (0, 1):
        raise SystemExit(f"kurator validate failed on {root}: {out.stderr.decode()}")
    codes = {}
    for item in json.loads(out.stdout):
        codes.setdefault(item["file"], set()).add(item["code"])
    return codes


def kurator_verdict(codes):
    if codes & (SCHEMA_CODES | LIST_CODES):
        return "invalid"
    if codes & YAML_CODES or any(c.startswith("yaml-") for c in codes):
        return "unreadable"
    return "valid"


def compare(path, schema, codes):
    """(python verdict, kurator verdict, python errors) for one file.

    Files kurator cannot read as YAML (alias bombs, deep nesting, bad encoding) are not given
    to python: ruamel.yaml has no limits and would expand an alias bomb without end.
    """
    ours = kurator_verdict(codes)
    if ours == "unreadable":
        return "unreadable", ours, []
    verdict, errors = python_verdict(path, schema)
    return verdict, ours, errors


def main():
    binary, root = sys.argv[1], Path(sys.argv[2]).resolve()
    schemas = {kind: json.loads((root / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")) for kind in ("case", "meeting", "kurator", "calendar")}
    rows = []  # (label, python verdict, kurator verdict, python errors)

    demo = kurator_codes(binary, root)
    demo_files = [root / "kurator.yaml", *sorted((root / "cases").glob("*.yaml")), *sorted((root / "meetings").glob("*.yaml"))]
    for path in demo_files:
        rel = path.relative_to(root).as_posix()
        kind = "kurator" if rel == "kurator.yaml" else ("case" if rel.startswith("cases/") else "meeting")
        rows.append((f"demo {rel}", *compare(path, schemas[kind], demo.get(rel, set()))))

    # The built-in production calendar years are calendar files too; kurator loads them at start.
    for path in sorted((root / "calendar-data").glob("*.yaml")):
        rows.append((f"calendar {path.name}", *compare(path, schemas["calendar"], set())))

    fixtures = root / "tests" / "fixtures"
    for folder, kind in (("cases", "case"), ("meetings", "meeting"), ("config", "kurator")):
        for path in sorted((fixtures / "invalid" / folder).iterdir()):
            if path.suffix == ".out":
                continue
            with tempfile.TemporaryDirectory() as tmp:
                shutil.copytree(fixtures / "base", tmp, dirs_exist_ok=True)
                # The schemas this repository would commit (its own lists), before the fixture arrives.
                subprocess.run([binary, "schema", "--root", tmp], capture_output=True, check=True)
                own = json.loads((Path(tmp) / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
                rel = "kurator.yaml" if kind == "kurator" else f"{folder}/{path.name}"
                shutil.copy(path, os.path.join(tmp, rel))
                codes = kurator_codes(binary, tmp).get(rel, set())
            rows.append((f"fixture {folder}/{path.name}", *compare(path, own, codes)))

    disagreements = [r for r in rows if "unreadable" not in (r[1], r[2]) and r[1] != r[2]]
    demo_invalid = [r for r in rows if r[0].startswith("demo ") and r[1] != "valid"]
    compared = [r for r in rows if "unreadable" not in (r[1], r[2])]
    rejected = sum(1 for r in compared if r[1] == "invalid")
    print(f"python-jsonschema {importlib.metadata.version('jsonschema')}: "
          f"{len(rows)} files, {len(compared)} compared, {rejected} rejected by both, "
          f"{len(rows) - len(compared)} unreadable YAML (not compared)")
    for label, py, ku, errors in disagreements + demo_invalid:
        print(f"DISAGREE {label}: python={py} kurator={ku}")
        for e in errors[:5]:
            print(f"    {e}")
    if disagreements or demo_invalid or rejected < 15:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
