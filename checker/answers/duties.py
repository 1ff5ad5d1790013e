"""What an actor must, should, may and must not do: every rule that binds it, its own or a
group's it belongs to (the chain says which group), optionally only those about one thing,
optionally only those due in a period (a dated or yearly deadline falling in it, or a
recurrence)."""

from __future__ import annotations

import datetime

from checker.answers import names
from checker.answers.base import (
    Answer,
    AskError,
    Item,
    Step,
    as_written,
    details_of,
    memo,
    office_step,
    source,
    the,
)
from checker.model import Document, Rule, TimePoint
from checker.semantics import Fact, facts_of

GROUPS = (
    ("must", "Must"), ("should", "Should"), ("responsible", "Is responsible for"), ("power", "Has the power to"),
    ("may", "May"),
    ("must_not", "Must not"), ("should_not", "Should not"), ("need_not", "Need not"),
)
FORCE_GROUP = {"duty": "must", "recommendation": "should", "permission": "may", "power": "power",
               "prohibition": "must_not", "denied": "must_not", "discouraged": "should_not",
               "exemption": "need_not"}

MODAL_GROUP = {"must": "must", "should": "should", "may": "may", "must_not": "must_not", "may_not": "must_not",
               "should_not": "should_not"}


def duties(document: Document, actor: str, about: str | None = None,
           start: datetime.date | None = None, end: datetime.date | None = None,
           through_groups: bool = False) -> Answer:
    """`through_groups`: only the rules that bind the actor as a member of a group the rule names."""
    named = names.actor(document, actor)
    who = named.id
    thing = names.lookup(document, about, ("object", "actor", "office")) if about else None
    if (start is None) != (end is None):
        raise AskError("a period needs both ends: --from DATE and --to DATE")
    if start is not None and end is not None and end < start:
        raise AskError(f"the period ends ({end}) before it starts ({start})")
    facts = facts_of(document)
    items: list[Item] = []
    seen: set[str] = set()
    undated = 0
    by_bearer = memo(document, "facts_by_bearer", lambda: _by_bearer(facts.all))
    for fact in by_bearer.get(who, ()):
        rule = fact.rule
        if fact.bearer != who or rule.id in seen or (through_groups and not fact.via):
            continue
        if thing is not None and not _about(document, rule, thing.id):
            continue
        when = ""
        if start is not None and end is not None:
            when = due_in(document, rule, start, end)
            if not when:
                undated += 1
                continue
        seen.add(rule.id)
        group = "responsible" if rule.kind == "responsibility" else FORCE_GROUP.get(fact.force, "must")
        written, office = as_written(document, rule, fact.via or who)
        chain = list(office_step(document, who, office))
        if fact.via:
            chain.append(Step(f"{document.actor_name(who)} is a member of {document.actor_name(fact.via)}, "
                              "whom the rule names"))
        details = details_of(document, rule) + ((("due", when),) if when else ())
        items.append(Item(group, _subject(rule), _subject_name(document, rule), source(document, rule).says,
                          (source(document, rule),), tuple(chain), details))
    # powers to delegate are no fact of the semantic stage (facts are acts on things), but a
    # reader asking what the actor may do expects them
    for rule in document.rules_by_bearer.get(who, ()):
        if through_groups or rule.kind != "delegation" or rule.id in seen or rule.modality not in MODAL_GROUP:
            continue
        if thing is not None and not _about(document, rule, thing.id):
            continue
        when = due_in(document, rule, start, end) if start is not None and end is not None else ""
        if start is not None and not when:
            undated += 1
            continue
        seen.add(rule.id)
        written, office = as_written(document, rule, who)
        items.append(Item(MODAL_GROUP[rule.modality or ""], _subject(rule), _subject_name(document, rule),
                          source(document, rule).says, (source(document, rule),),
                          office_step(document, who, office),
                          details_of(document, rule) + ((("due", when),) if when else ())))
    order: dict[str, int] = memo(document, "rule_order", lambda: {r.id: i for i, r in enumerate(document.rules)})
    items.sort(key=lambda i: order.get(i.sources[0].rule, 0))
    name = document.actor_name(who)
    question = f"What must, may and must not {the(document, who)} do"
    if thing is not None:
        question += f" about {the(document, thing.office or thing.id)}"
    if start is not None:
        question += f" between {start.isoformat()} and {end.isoformat() if end else ''}"
    notes = list(names.office_note(document, named))
    if start is not None and undated:
        notes.append(f"{undated} rule{'s' if undated != 1 else ''} of {name} with no date in the period "
                     "left out.")
    if not items:
        notes.append("No rule answers this.")
    return Answer("duties", question + "?", tuple(x for x in (who, thing.id if thing else None) if x),
                  tuple(items), tuple(notes), tuple(g for g in GROUPS if any(i.group == g[0] for i in items)))


def _by_bearer(facts: list[Fact]) -> dict[str, list[Fact]]:
    out: dict[str, list[Fact]] = {}
    for fact in facts:
        out.setdefault(fact.bearer, []).append(fact)
    return out


def _about(document: Document, rule: Rule, target: str) -> bool:
    refs = (*rule.objects, *rule.counterparts, *(r for q in rule.qualifiers for r in (*q.refs, *q.objects)))
    return any(r.id == target or r.office == target for r in refs)


def _subject(rule: Rule) -> str:
    return rule.object_ids[0] if rule.object_ids else ""


def _subject_name(document: Document, rule: Rule) -> str:
    return ", ".join(document.object_name(o) for o in rule.object_ids)


def _named(document: Document, kind: str, ident: str) -> str:
    return document.object_name(ident) if kind == "object" else document.actor_name(ident)


def due_in(document: Document, rule: Rule, start: datetime.date, end: datetime.date) -> str:
    """When the rule falls due in the period ('2009-03-31'; 'each year' for a recurrence
    without a date of its own), or '' when it has no date there."""
    time = rule.time
    points: list[TimePoint] = [p for p in (time.deadline, time.earliest, time.anchor) if p is not None]
    dates: list[datetime.date] = []
    for year in range(start.year - 1, end.year + 1):
        for point in points:
            day = document.date_of(point, year)
            if day is None:
                continue
            if point is time.anchor and time.within:
                day = _plus(day, *time.within)
            if start <= day <= end:
                dates.append(day)
    if dates:
        return ", ".join(sorted({d.isoformat() for d in dates}))
    if time.recurrence is not None:
        return "recurring"
    return ""


def _plus(day: datetime.date, n: int, unit: str) -> datetime.date:
    if unit in ("days", "day"):
        return day + datetime.timedelta(days=n)
    if unit in ("weeks", "week"):
        return day + datetime.timedelta(weeks=n)
    months = n * {"months": 1, "month": 1, "quarters": 3, "quarter": 3, "years": 12, "year": 12}.get(unit, 0)
    year, month = divmod(day.month - 1 + months, 12)
    import calendar

    target_year = day.year + year
    last = calendar.monthrange(target_year, month + 1)[1]
    return datetime.date(target_year, month + 1, min(day.day, last))
