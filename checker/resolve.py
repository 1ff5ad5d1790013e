"""Resolve the names written in rules to the registers: actors, offices, objects and parts.

An office resolves to the actor that holds it (the rule keeps the office it was written as),
so that every check sees 'the Principal Accounting Officer' and 'the Permanent Secretary' as
one person.  Each slot of a statement expects a kind of name; a name of the wrong kind, or
one that is in no register, is reported with a suggestion.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Collection, Mapping

from checker.dsl.ast import CondNode, NameRef, Qualifier, Statement
from checker.findings import Finding, Location, Severity
from checker.model import (
    ACTOR,
    OBJECT,
    PART,
    UNKNOWN,
    UNNAMED,
    Actor,
    Cond,
    Condition,
    Office,
    Qual,
    Ref,
    Rule,
    Thing,
    TimePoint,
)
from checker.suggest import Budget, Suggester

# part selectors every document understands in amendment rules
SELECTORS = {"main_body": "the main body", "annexes": "the annexes", "whole_document": "the whole document"}

ANY, ACTORS, OFFICES, PARTS = "any", "actor", "office", "part"

# what each slot of each statement kind expects
_OBJECT_SLOT = {
    "obligation": ANY, "responsibility": ANY, "accountability": ACTORS, "reporting": ACTORS,
    "line_management": ACTORS, "chairing": ACTORS, "membership": ACTORS, "appointment": ANY,
    "holding": OFFICES, "advice": ACTORS, "supervision": ANY, "delegation": ANY,
    "delegates": ANY, "amendment": PARTS, "jurisdiction": ANY, "delegated_authority": ANY,
}
# (an obligation's counterparts are the approvers of `seek approval of`)
_COUNTERPART_SLOT = {"appointment": ANY, "delegation": ACTORS, "delegates": ACTORS, "amendment": ACTORS,
                     "obligation": ACTORS}
_QUALIFIER_SLOT = {
    "recipient": ACTORS, "consulting": ACTORS, "recommendation": ACTORS, "on_behalf_of": ACTORS,
    "approval": ACTORS, "agreement": ACTORS, "through": ACTORS, "after": ACTORS,
    "collaboration": ACTORS, "mutual_agreement": ACTORS,
    "scope": ANY, "exception": ANY, "about": ANY, "accordance": ANY, "place": ANY,
    "on_receipt": ANY, "following": ANY, "means": ANY, "example": ANY,
}
_SLOT_WORDS = {ACTORS: "an actor or office", OFFICES: "an office", PARTS: "a part", ANY: "a name"}

At = Callable[[int, int], Location]


class Resolver:
    def __init__(self, actors: Mapping[str, Actor], offices: Mapping[str, Office],
                 objects: Mapping[str, Thing], parts: list[str],
                 broken: Collection[str] = (), conditions: Mapping[str, Condition] | None = None,
                 dates: Mapping[str, datetime.date] | None = None) -> None:
        self.actors = actors
        self.conditions = conditions or {}
        self.dates = dates or {}
        # a quoted condition that is one of the register's phrases is that condition
        self._phrases = {normalise_condition(phrase): cond.id
                         for cond in self.conditions.values() for phrase in cond.phrases}
        # ids of register entries dropped for a schema violation (reported there, not here)
        self.broken = frozenset(broken)
        self.offices = offices
        self.objects = objects
        self.parts = set(parts) | set(SELECTORS)
        self.findings: list[Finding] = []
        # one budget of fuzzy comparisons for the whole document: 20k unknown names against a
        # large register once took minutes; past the budget, names are reported without a hint
        budget = Budget()
        self._known = Suggester([*actors, *offices, *objects], budget=budget)
        self._parts = Suggester(self.parts, budget=budget)
        self._offices = Suggester(offices, budget=budget)
        self._conditions = Suggester(self.conditions, budget=budget)
        # aliases written as ids ('the_responsible_minister') get a pointed suggestion
        self._alias_ids: dict[str, str] = {}
        for actor in actors.values():
            for alias in actor.names:
                self._alias_ids.setdefault(_slug(alias), actor.id)
        for office in offices.values():
            for alias in (office.name, *office.aliases):
                self._alias_ids.setdefault(_slug(alias), office.id)
        for thing in objects.values():
            for alias in thing.names:
                self._alias_ids.setdefault(_slug(alias), thing.id)

    def _error(self, code: str, name: str, message: str, loc: Location) -> None:
        self.findings.append(Finding(code, name, Severity.ERROR, message, (loc,)))

    def name(self, ref: NameRef, at: At, slot: str = ANY) -> Ref:
        loc = at(ref.line, ref.column)
        text = ref.text
        if text == UNNAMED and slot != PARTS:
            return Ref(text, UNNAMED, UNNAMED, loc)
        if slot == PARTS:
            if text in self.parts:
                return Ref(text, text, PART, loc)
            self._error("NAM001", "unknown-name",
                        f"'{text}' is not a part of this document{self._parts.hint(text)}; "
                        "expected a part id, main_body, annexes or whole_document", loc)
            return Ref(text, text, UNKNOWN, loc)
        if text in self.actors:
            resolved = Ref(text, text, ACTOR, loc)
        elif text in self.offices:
            resolved = Ref(text, self.offices[text].holder, ACTOR, loc, office=text)
        elif text in self.objects:
            resolved = Ref(text, text, OBJECT, loc)
        elif text in self.broken:
            return Ref(text, text, UNKNOWN, loc)
        else:
            hint = ""
            if text in self._alias_ids:
                hint = f" (it is an alias: write '{self._alias_ids[text]}')"
            else:
                hint = self._known.hint(text)
            self._error("NAM001", "unknown-name",
                        f"'{text}' is not in the actors, offices or objects registers{hint}", loc)
            return Ref(text, text, UNKNOWN, loc)
        if slot == ACTORS and resolved.kind != ACTOR:
            self._error("NAM002", "wrong-kind",
                        f"'{text}' is an object, but this place of the rule needs an actor or office",
                        loc)
        elif slot == OFFICES and resolved.office is None:
            self._error("NAM002", "wrong-kind",
                        f"'{text}' is not an office; `holds` names an office from the actors "
                        f"register{self._offices.hint(text)}", loc)
        return resolved

    def names(self, refs: tuple[NameRef, ...], at: At, slot: str) -> tuple[Ref, ...]:
        return tuple(self.name(r, at, slot) for r in refs)

    def rule(self, stmt: Statement, rule_id: str, clause: str, loc: Location,
             sentence: int | None, at: At) -> Rule:
        subjects = self.names(stmt.subjects, at, ACTORS)
        objects = self.names(stmt.objects, at, _OBJECT_SLOT.get(stmt.kind, ANY))
        counterparts = self.names(stmt.counterparts, at, _COUNTERPART_SLOT.get(stmt.kind, ANY))
        quals = tuple(self._qualifier(q, at) for q in stmt.qualifiers)
        return Rule(
            id=rule_id, kind=stmt.kind, clause=clause, location=loc, source=stmt.source,
            sentence=sentence, subjects=subjects, modality=stmt.modality, action=stmt.action,
            objects=objects, counterparts=counterparts, qualifiers=quals,
            sub_delegation=stmt.sub_delegation, hedge=stmt.hedge, exclusive=stmt.exclusive,
            quantity=stmt.quantity, dotted=stmt.dotted, alternatives=stmt.alternatives,
        )

    def _qualifier(self, qual: Qualifier, at: At) -> Qual:
        refs = self.names(qual.names, at, _QUALIFIER_SLOT.get(qual.kind, ANY))
        objects = self.names(qual.objects, at, ANY)
        value = qual.value
        if qual.kind == "after" and value:
            value = base_verb(value)
        cond = self.condition(qual.cond, at) if qual.cond is not None else None
        return Qual(qual.kind, refs, value, objects, cond=cond, point=self.point(qual.point),
                    amount=qual.amount, recurrence=qual.recurrence, term=qual.term, band=qual.band,
                    hedge=qual.hedge)

    def point(self, point: TimePoint | None) -> TimePoint | None:
        """A named date of the manifest becomes its date."""
        if point is not None and point.kind == "event" and point.text in self.dates:
            return TimePoint("date", None, self.dates[point.text], point.text)
        return point

    def condition(self, node: CondNode, at: At) -> Cond:
        """A written condition as a formula over atoms: a declared condition's id (a name,
        or a quoted text that is one of its phrases), a register name, or the normalised
        text of any other quoted condition."""
        if node.op != "atom":
            return Cond(node.op, None, tuple(self.condition(arg, at) for arg in node.args))
        if node.name is None:
            text = normalise_condition(node.text or "")
            return Cond("atom", self._phrases.get(text, text))
        name = node.name.text
        if name in self.conditions or name in self.actors or name in self.offices \
                or name in self.objects or name in self.broken:
            return Cond("atom", name)
        loc = at(node.name.line, node.name.column)
        if self.conditions:
            hint = self._conditions.hint(name)
            where = "is not a declared condition"
        else:
            hint = ""
            where = "is not a declared condition (the document has no conditions register)"
        self.findings.append(Finding(
            "NAM003", "unknown-condition", Severity.ERROR,
            f"'{name}' {where}{hint}; declare it in the conditions register "
            "(conditions.yaml, named in the manifest as `conditions:`) or quote the text "
            "of the condition", (loc,)))
        return Cond("atom", name)


def base_verb(word: str) -> str:
    """'endorses' -> 'endorse', 'approves' -> 'approve', 'publishes' -> 'publish'."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for ending in ("sses", "shes", "ches", "xes", "zes"):
        if word.endswith(ending):
            return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def normalise_condition(text: str) -> str:
    """How quoted conditions compare: case, spacing and a final full stop do not matter."""
    return " ".join(text.casefold().split()).rstrip(".")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
