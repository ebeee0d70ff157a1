#!/usr/bin/env python3
"""Reads kurator's calendars with an iCalendar parser nobody on the project wrote.

Builds the demo site as of a date, reads the centre's calendar (календарь.ics) and every
curator's (кураторы/*.ics) with Python's `icalendar` (RFC 5545, pinned in
tests/independent/requirements.txt), and compares their events with `kurator check --within 92
--format json` for the same date: one event per agenda item that has a due date and is not a
past violation, on its due date, under the rule it comes from; each curator's file holds
exactly that curator's items. Every event carries a UID, a DTSTAMP and an all-day DTSTART,
UIDs are unique, and a second build writes the same bytes.

Usage: check_ics.py KURATOR_BINARY PROJECT_ROOT. Exit 0 when everything agrees.
"""

import datetime
import importlib.metadata
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import icalendar

AS_OF = "2025-06-30"
# desk::CALENDAR_DAYS: how far ahead the calendars look.
WITHIN = "92"


def build(binary, root, out):
    subprocess.run([binary, "build", "--root", str(root), "--out", str(out), "--format", "html", "--as-of", AS_OF],
                   check=True, capture_output=True)


def agenda(binary, root):
    out = subprocess.run([binary, "check", "--root", str(root), "--as-of", AS_OF, "--within", WITHIN, "--format", "json"],
                         check=True, capture_output=True)
    return [i for i in json.loads(out.stdout) if i["due"] and i["case"] and not i["past"]]


def events(path, problems):
    """(case, rule, due) of each event, read by icalendar; problems found are appended."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    found, uids = [], []
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if required not in event:
                problems.append(f"{path.name}: an event without {required}")
        start = event.decoded("DTSTART")
        if isinstance(start, datetime.datetime) or not isinstance(start, datetime.date):
            problems.append(f"{path.name}: {event['UID']} is not an all-day event: {start!r}")
        description = str(event.get("DESCRIPTION", ""))
        case = description.split("\n")[0].removeprefix("Случай № ")
        rule = event.get("CATEGORIES").cats[0]
        found.append((case, str(rule), start.isoformat()))
        uids.append(str(event["UID"]))
    repeated = [u for u, n in Counter(uids).items() if n > 1]
    if repeated:
        problems.append(f"{path.name}: repeated UIDs {repeated}")
    return Counter(found)


def main():
    binary, root = sys.argv[1], Path(sys.argv[2]).resolve()
    problems = []
    items = agenda(binary, root)
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        build(binary, root, one)
        build(binary, root, two)
        out = Path(one)
        files = [out / "календарь.ics", *sorted((out / "кураторы").glob("*.ics"))]
        for path in files:
            if path.read_bytes() != (Path(two) / path.relative_to(out)).read_bytes():
                problems.append(f"{path.name}: two builds differ")
        centre = events(files[0], problems)
        want = Counter((i["case"], i["rule"], i["due"]) for i in items)
        if centre != want:
            problems.append(f"календарь.ics: events {sorted(centre - want)} not on the agenda, "
                            f"agenda items {sorted(want - centre)} not in the calendar")
        curators = sorted({i["curator"] for i in items})
        for curator in curators:
            slug = "-".join("".join(c if c.isalnum() else " " for c in curator).split())
            path = out / "кураторы" / f"{slug}.ics"
            mine = Counter((i["case"], i["rule"], i["due"]) for i in items if i["curator"] == curator)
            if not path.exists():
                problems.append(f"{curator}: no {path.name}")
            elif events(path, problems) != mine:
                problems.append(f"{path.name}: events differ from the agenda of {curator}")
    for problem in problems:
        print(f"DISAGREE {problem}")
    print(f"icalendar {importlib.metadata.version('icalendar')}: {len(files)} calendars, "
          f"{sum(centre.values())} events in the centre's, {len(curators)} curators compared, "
          f"{len(problems)} problems")
    return 1 if problems or sum(centre.values()) < 10 else 0


if __name__ == "__main__":
    sys.exit(main())
