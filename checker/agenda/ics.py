"""The agenda as iCalendar (RFC 5545), written with the `icalendar` library.

One VEVENT a duty: an all-day event on its first due day in the window, and, for a duty that
recurs, an RRULE (`FREQ=YEARLY;INTERVAL=3`; `BYMONTHDAY=-1` where the day is the last of its
month, so the end of February stays the end of February).  The UID is made from the document
and the rule id, so importing a later calendar of the same document updates its events instead
of adding copies; DTSTAMP is the document's latest own date (`published`, `as_of`,
`last_reviewed`), never the time of the run, so the same document gives the same bytes.
Events are transparent (a duty does not make anyone busy).  A duty whose time has no day
(`before summer_recess`, `regularly`) is not an event: `fwdoc calendar --format text` lists it.
"""

from __future__ import annotations

import datetime
import re

from checker import __version__
from checker.agenda.engine import Agenda, Entry
from checker.escape import ics_text
from checker.model import Document

PRODID = f"-//fwdoc//fwdoc calendar {__version__}//EN"
_QUOTE = 2000  # characters of the clause quoted when the rule cites no one sentence
_FREQ = {"years": "YEARLY", "months": "MONTHLY", "weeks": "WEEKLY", "days": "DAILY"}


def uid(agenda: Agenda, rule_id: str) -> str:
    """Stable across runs and windows: the document's id and the rule's, spelt in [A-Za-z0-9.-]."""
    spelt = re.sub(r"[^A-Za-z0-9-]", lambda m: f".{ord(m.group()):x}.", rule_id)
    return f"{spelt}.{agenda.document_id}@fwdoc"


def _first_per_rule(agenda: Agenda) -> list[Entry]:
    seen: set[str] = set()
    out = []
    for entry in agenda.entries:
        if entry.rule not in seen:
            seen.add(entry.rule)
            out.append(entry)
    return out


def _description(entry: Entry, document: Document) -> str:
    clause = document.clauses.get(entry.clause)
    lines = [entry.what, ""]
    if not entry.exact and entry.start is not None and entry.due is not None:
        lines.append(f"Once in the period {entry.start.isoformat()} to {entry.due.isoformat()}: "
                     "the text names no day, so the event stands on the last day it is in time.")
    elif entry.start is not None:
        lines.append(f"Not before {entry.start.isoformat()}.")
    if entry.when:
        lines.append(f"When: {entry.when}.")
    if entry.recurrence:
        lines.append(f"Recurs: {entry.recurrence}.")
    if entry.hedge:
        lines.append(f"Hedged: {entry.hedge.replace('_', ' ')} (the text allows exceptions).")
    lines.append(f"Who: {entry.who}.")
    lines.append(f"Clause {entry.number} ({entry.clause}), rule {entry.rule}.")
    for finding in entry.findings:
        lines.append(f"Check {finding.code} ({finding.severity}): {finding.message}")
    if clause is not None:
        cited = next((s.text for s in clause.sentences if s.index == entry.sentence), None)
        text = " ".join((cited or clause.text).split())
        if text:
            lines += ["", f"The text ({entry.number}): {text[:_QUOTE] + ('...' if len(text) > _QUOTE else '')}"]
    return "\n".join(lines)


def to_ics(agenda: Agenda, document: Document) -> bytes:
    from icalendar import Calendar, Event, vRecur

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", ics_text(f"What is due when: {agenda.title}"))
    stamp = datetime.datetime.combine(agenda.stamp, datetime.time(0, 0), tzinfo=datetime.UTC)
    for entry in _first_per_rule(agenda):
        assert entry.due is not None
        event = Event()
        event.add("uid", uid(agenda, entry.rule))
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.due)
        event.add("dtend", entry.due + datetime.timedelta(days=1))
        event.add("summary", ics_text(entry.what))
        event.add("description", ics_text(_description(entry, document)))
        event.add("categories", [ics_text(document.actor_name(a)) if a in document.actors else "not named"
                                 for a in entry.actors])
        event.add("transp", "TRANSPARENT")
        if entry.interval is not None:
            n, unit = entry.interval
            rule: dict[str, object] = {"freq": _FREQ[unit], "interval": n}
            month_end = entry.month_end or (not entry.exact and _is_month_end(entry.due))
            if month_end and unit in ("years", "months"):
                rule["bymonthday"] = -1
                if unit == "years":
                    rule["bymonth"] = entry.due.month
            event.add("rrule", vRecur(rule))
        cal.add_component(event)
    return cal.to_ical()


def _is_month_end(day: datetime.date) -> bool:
    return (day + datetime.timedelta(days=1)).month != day.month
