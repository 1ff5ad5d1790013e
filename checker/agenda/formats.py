"""The agenda as text (by month, for a terminal) and as JSON."""

from __future__ import annotations

import datetime
import json
from typing import Any

from checker.agenda.engine import Agenda, Entry
from checker.escape import json_inert, terminal

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def long_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _tags(entry: Entry) -> str:
    tags = []
    if entry.recurrence:
        tags.append(entry.recurrence)
    if not entry.exact and entry.start is not None and entry.due is not None:
        tags.append(f"once in {long_date(entry.start)} to {long_date(entry.due)}, no day named")
    elif entry.start is not None:
        tags.append(f"not before {long_date(entry.start)}")
    if entry.hedge:
        tags.append(entry.hedge.replace("_", " "))
    return f" [{'; '.join(tags)}]" if tags else ""


def _line(entry: Entry) -> list[str]:
    head = f"  {long_date(entry.due) if entry.due else 'no date'}: {entry.what}"
    out = [terminal(head + _tags(entry))]
    out.append(terminal(f"      {entry.number} ({entry.rule})" + (f"; when: {entry.when}" if entry.when else "")))
    for finding in entry.findings:
        out.append(terminal(f"      {finding.code} {finding.severity}: {finding.message}"))
    return out


def to_text(agenda: Agenda) -> str:
    window = agenda.window
    lines = [terminal(f"What is due when: {agenda.title}"),
             f"{long_date(window.start)} to {long_date(window.end)}: "
             f"{len(agenda.entries)} dated occurrence{'s' if len(agenda.entries) != 1 else ''}"]
    month: tuple[int, int] | None = None
    for entry in agenda.entries:
        assert entry.due is not None
        if (entry.due.year, entry.due.month) != month:
            month = (entry.due.year, entry.due.month)
            lines += ["", f"{MONTHS[month[1] - 1]} {month[0]}"]
        lines += _line(entry)
    if agenda.outside:
        lines += ["", f"{agenda.outside} other occurrence{'s' if agenda.outside != 1 else ''} of these "
                  "duties fall outside the window (--from/--to choose another)."]
    if agenda.undated:
        lines += ["", "Duties whose time names no day (an event, or no period):"]
        for entry in agenda.undated:
            lines += _line(entry)
    return "\n".join(lines) + "\n"


def entry_dict(entry: Entry) -> dict[str, Any]:
    return {
        "due": entry.due.isoformat() if entry.due else None,
        "start": entry.start.isoformat() if entry.start else None,
        "exact": entry.exact,
        "rule": entry.rule,
        "clause": entry.clause,
        "number": entry.number,
        "actors": list(entry.actors),
        "who": entry.who,
        "what": entry.what,
        "when": entry.when,
        "recurrence": entry.recurrence,
        "interval": list(entry.interval) if entry.interval else None,
        "hedge": entry.hedge,
        "cycle": entry.cycle,
        "findings": [{"code": f.code, "name": f.name, "severity": f.severity, "message": f.message}
                     for f in entry.findings],
    }


def to_json(agenda: Agenda) -> str:
    payload = {
        "title": agenda.title,
        "window": {"from": agenda.window.start.isoformat(), "to": agenda.window.end.isoformat()},
        "financial_year_start": agenda.year_start,
        "document_dates": {k: v.isoformat() for k, v in sorted(agenda.dates.items())},
        "entries": [entry_dict(e) for e in agenda.entries],
        "undated": [entry_dict(e) for e in agenda.undated],
        "outside_window": agenda.outside,
    }
    return json_inert(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"
