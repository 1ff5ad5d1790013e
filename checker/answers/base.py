"""What an answer is: items (one actor, object or line each), every item with the rules that
give it (clause numbers as printed) and, for a derived item, the chain of steps behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checker.model import ACTOR, Document, Rule
from checker.render import english


class AskError(Exception):
    """A question that cannot be answered as asked (an unknown name, a bad date): exit 2."""


@dataclass(frozen=True)
class Source:
    """A rule behind an answer: where it is (the clause as printed) and what it says."""

    rule: str  # the rule id: "<clause id>#<n>"
    clause: str  # the clause id
    cited: str  # how the text cites the clause: "3.2", "Annex C paragraph 4"
    says: str  # the rule in English

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "clause": self.clause, "cited": self.cited, "says": self.says}


@dataclass(frozen=True)
class Step:
    """One link of a derived answer's chain: a sentence, and the rule that says it (None when
    it is the actors register that says so)."""

    says: str
    source: Source | None = None

    def as_dict(self) -> dict[str, object]:
        return {"says": self.says, "source": self.source.as_dict() if self.source else None}


@dataclass(frozen=True)
class Item:
    group: str  # the heading it goes under: "approves", "must", "line 1", ...
    subject: str  # the actor or object id it is about ("" when none)
    name: str  # its name
    says: str  # one line: what the rules say of it
    sources: tuple[Source, ...] = ()
    chain: tuple[Step, ...] = ()
    details: tuple[tuple[str, str], ...] = ()  # ("deadline", "by 31 October 2008"), ("in writing", "yes")

    def as_dict(self) -> dict[str, object]:
        return {"group": self.group, "subject": self.subject, "name": self.name, "says": self.says,
                "sources": [s.as_dict() for s in self.sources], "chain": [s.as_dict() for s in self.chain],
                "details": {k: v for k, v in self.details}}


@dataclass(frozen=True)
class Answer:
    kind: str  # the question kind: "who-approves", "duties", ...
    question: str  # the question in English
    about: tuple[str, ...]  # the ids asked about
    items: tuple[Item, ...]
    notes: tuple[str, ...] = ()
    groups: tuple[tuple[str, str], ...] = field(default=())  # (group, heading) in the order shown

    @property
    def citations(self) -> tuple[str, ...]:
        """Every clause cited, as printed, in the order first given."""
        found = [s.cited for i in self.items for s in (*i.sources, *(c.source for c in i.chain if c.source))]
        return tuple(dict.fromkeys(found))

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "question": self.question, "about": list(self.about),
                "groups": [{"id": g, "heading": h} for g, h in self.groups],
                "items": [i.as_dict() for i in self.items], "notes": list(self.notes),
                "clauses": list(self.citations)}


def cited(document: Document, clause_id: str) -> str:
    """The clause as the text cites it: its printed number, or its label under the nearest
    numbered clause ('3.2.1, Reporting')."""
    from checker.checks.common import where

    clause = document.clauses.get(clause_id)
    if clause is None:
        return clause_id
    if clause.number:
        return clause.number
    return where(document, Rule(id="", kind="", clause=clause_id, location=clause.location, source=""))


def source(document: Document, rule: Rule) -> Source:
    """The rule as an answer cites it (written once per rule: many answers cite one rule)."""
    sources: dict[str, Source] = memo(document, "sources", dict)
    found = sources.get(rule.id)
    if found is None:
        found = sources[rule.id] = Source(rule.id, rule.clause, cited(document, rule.clause),
                                           english.sentence(rule, document))
    return found


def as_written(document: Document, rule: Rule, actor_id: str) -> tuple[str, str | None]:
    """How a rule names an actor, and the office it names it by (None: by its own name)."""
    for ref in (*rule.subjects, *rule.objects, *rule.counterparts, *(r for q in rule.qualifiers for r in q.refs)):
        if ref.kind == ACTOR and ref.id == actor_id:
            return document.display(ref), ref.office
    return document.actor_name(actor_id), None


def office_step(document: Document, actor_id: str, office: str | None) -> tuple[Step, ...]:
    """The step 'X holds the office of O' for a rule written as an office."""
    if office is None or office not in document.offices:
        return ()
    return (Step(f"{document.actor_name(actor_id)} holds the office of {document.offices[office].name} "
                 "(actors register)"),)


def details_of(document: Document, rule: Rule) -> tuple[tuple[str, str], ...]:
    """The conditions, deadlines, limits and manner a rule carries, as (kind, text)."""
    out: list[tuple[str, str]] = []
    for qual in rule.qualifiers:
        tag = english.tag(rule, qual, document)
        if tag:
            out.append(tag)
    if rule.hedge:
        out.append(("hedge", rule.hedge.replace("_", " ")))
    if rule.exclusive:
        out.append(("authority", rule.exclusive))
    if rule.in_writing:
        out.append(("in writing", "yes"))
    return tuple(dict.fromkeys(out))


def the(document: Document, ident: str) -> str:
    """An actor, office or object as a sentence names it: 'the Business Plan', 'Parliament'."""
    from checker.model import OBJECT, Ref

    if ident in document.offices:
        office = document.offices[ident]
        ref = Ref(office.name, office.holder, ACTOR, document.manifest.location, ident)
    else:
        ref = Ref(ident, ident, ACTOR if ident in document.actors else OBJECT, document.manifest.location)
    return english.name(ref, document)


def memo(document: Document, key: str, build: Any) -> Any:
    """An index over the document built once (the site asks every thing and every actor: a
    scan of all rules per question would cost things x rules)."""
    store = document.__dict__.setdefault("_answers_memo", {})
    if key not in store:
        store[key] = build()
    return store[key]
