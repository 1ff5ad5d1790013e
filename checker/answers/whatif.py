"""What changes if an office moves to another actor: the model with the office's holder
changed (every name written as the office now resolves to the new holder), the rules that would
then bind the new holder, and the findings the same checks as `fwdoc check` (the families that
reason over actors: conflicts, delegation, accountability, separation of duties, process) report
on the moved model and not on the document as it is, and those it would clear."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from checker.answers import names
from checker.answers.base import Answer, AskError, Item, Source, Step, source, the
from checker.findings import Finding
from checker.model import ACTOR, Document, Qual, Ref, Rule

FAMILIES = ("conflicts", "delegation", "accountability", "separation", "process")


def moved(document: Document, office: str, to: str) -> Document:
    """The document as it would be with `office` held by `to`: the office's holder, both
    actors' offices, and every reference written as the office."""
    entry = document.offices[office]
    old = entry.holder

    def ref(r: Ref) -> Ref:
        return dataclasses.replace(r, id=to) if r.kind == ACTOR and r.office == office else r

    def refs(rs: tuple[Ref, ...]) -> tuple[Ref, ...]:
        return tuple(ref(r) for r in rs)

    def qual(q: Qual) -> Qual:
        return dataclasses.replace(q, refs=refs(q.refs), objects=refs(q.objects))

    def rule(r: Rule) -> Rule:
        subjects = refs(r.subjects)
        if r.kind == "holding" and any(o.office == office for o in r.objects):
            # `X holds the office`: the text would name the new holder
            subjects = tuple(dataclasses.replace(s, id=to) if s.kind == ACTOR and s.id == old else s
                             for s in subjects)
        return dataclasses.replace(r, subjects=subjects, objects=refs(r.objects),
                                   counterparts=refs(r.counterparts),
                                   qualifiers=tuple(qual(q) for q in r.qualifiers))

    actors = dict(document.actors)
    if old in actors:
        actors[old] = dataclasses.replace(actors[old], offices=tuple(o for o in actors[old].offices if o != office))
    actors[to] = dataclasses.replace(actors[to], offices=(*actors[to].offices, office))
    offices = dict(document.offices)
    offices[office] = dataclasses.replace(entry, holder=to)
    return dataclasses.replace(document, actors=MappingProxyType(actors), offices=MappingProxyType(offices),
                               rules=tuple(rule(r) for r in document.rules))


def findings_of(document: Document) -> list[Finding]:
    from checker.checks.base import REGISTRY, Context

    out: list[Finding] = []
    for code in sorted(REGISTRY):
        if REGISTRY[code].family in FAMILIES:
            out.extend(REGISTRY[code].run(document, Context()))
    return out


def _key(finding: Finding) -> tuple[str, tuple[str, ...]]:
    """What a finding is about: its subjects (the actors and things it names), or where it is
    when it names none; one conflict reported from another rule of the same pair is the same."""
    if finding.subjects:
        return finding.code, tuple(finding.subjects)
    return finding.code, tuple(sorted(f"{loc.file}:{loc.line}:{loc.column}" for loc in finding.locations))


def what_if(document: Document, office: str, to: str) -> Answer:
    named_office = names.office(document, office)
    target = names.lookup(document, to, ("actor",))
    office_id = named_office.office or office
    entry = document.offices[office_id]
    if entry.holder == target.id:
        raise AskError(f"{entry.name} is held by {document.actor_name(target.id)} already")
    after = moved(document, office_id, target.id)
    old_name, new_name = document.actor_name(entry.holder), document.actor_name(target.id)
    move = Step(f"{entry.name} moves from {old_name} to {new_name}")
    items: list[Item] = []
    for rule in document.rules:
        as_bearer = any(r.office == office_id for r in rule.subjects)
        named_in = as_bearer or any(r.office == office_id for r in (
            *rule.objects, *rule.counterparts, *(x for q in rule.qualifiers for x in (*q.refs, *q.objects))))
        if not named_in:
            continue
        group = "binds" if as_bearer else "names"
        says = (f"would bind {new_name} (today it binds {old_name})" if as_bearer else
                f"would name {new_name} where today it names {old_name}")
        items.append(Item(group, target.id, "", says, (source(document, rule),), (move,)))
    before_keys = {_key(f) for f in findings_of(document)}
    after_findings = findings_of(after)
    after_keys = {_key(f) for f in after_findings}
    rules_at = {(r.location.file, r.location.line or 0): r for r in document.rules}
    for finding in after_findings:
        if _key(finding) in before_keys:
            continue
        items.append(Item("new", finding.code, finding.code, f"{finding.severity}: {finding.message}",
                          _sources(document, finding, rules_at), (move,)))
    for finding in findings_of(document):
        if _key(finding) in after_keys:
            continue
        items.append(Item("cleared", finding.code, finding.code, f"{finding.severity}: {finding.message}",
                          _sources(document, finding, rules_at), (move,)))
    groups = (("binds", f"Rules that would bind {new_name}"), ("names", f"Rules that would name {new_name}"),
              ("new", "Findings it would create"), ("cleared", "Findings it would clear"))
    notes = [] if any(i.group == "new" for i in items) else ["The move creates no finding of the checks "
                                                             f"({', '.join(FAMILIES)})."]
    return Answer("what-if", f"What changes if {the(document, office_id)} moves from {old_name} to {new_name}?",
                  (office_id, target.id), tuple(items), tuple(notes),
                  tuple(g for g in groups if any(i.group == g[0] for i in items)))


def _sources(document: Document, finding: Finding, rules_at: dict[tuple[str, int], Rule]) -> tuple[Source, ...]:
    found = [rules_at.get((loc.file, loc.line or 0)) for loc in finding.locations]
    return tuple(dict.fromkeys(source(document, r) for r in found if r is not None))
