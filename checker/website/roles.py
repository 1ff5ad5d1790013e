"""The responsibility matrix: the role each actor plays for each thing the rules are about.

Roles are read from the verb vocabulary (checker/vocab.py: the shipped default plus the
document's own `vocabulary:`) and the DSL's own qualifiers, never from a document's names:
a verb whose role is drafts or submits is drafting, endorses endorsing, approves approving,
consulted consulting (its recipients) and informed informing; `is accountable to ... for X`
makes the bearer accountable for X and `is responsible for X` responsible.
Prohibitions (`must not`, `may not`, `should not`) give no role.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from checker import vocab
from checker.model import ACTOR, OBJECT, UNNAMED, Document, Ref, Rule
from checker.vocab import Vocabulary

DRAFTS, ENDORSES, APPROVES = "drafts", "endorses", "approves"
CONSULTED, INFORMED, ACCOUNTABLE, RESPONSIBLE = "consulted", "informed", "accountable", "responsible"
ROLES = (DRAFTS, ENDORSES, APPROVES, CONSULTED, INFORMED, ACCOUNTABLE, RESPONSIBLE)
ROLE_TEXT = {
    DRAFTS: "drafts, prepares or submits it",
    ENDORSES: "endorses or agrees it",
    APPROVES: "approves it",
    CONSULTED: "is consulted on it",
    INFORMED: "is informed of it",
    ACCOUNTABLE: "is accountable for it",
    RESPONSIBLE: "is responsible for it",
}

# the vocabulary's roles (checker/vocab/default.yaml) as the matrix shows them
MATRIX_ROLES = {"drafts": DRAFTS, "submits": DRAFTS, "endorses": ENDORSES, "approves": APPROVES,
                "consulted": CONSULTED, "informed": INFORMED}
NEGATIVE = ("must_not", "may_not", "should_not")


@dataclass(frozen=True, order=True)
class Role:
    thing: str  # object id
    actor: str  # actor id
    role: str
    clause: str  # the clause that says so
    manner: tuple[str, ...] = ()  # how the act is to be done, as the vocabulary says it


def _objects(refs: tuple[Ref, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.id for r in refs if r.kind == OBJECT))


def _actors(refs: tuple[Ref, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.id for r in refs if r.kind == ACTOR))


def verb_role(words: Vocabulary, verb: str) -> tuple[str, str] | None:
    """(matrix role, 'bearer' or 'recipient') for a verb, from the vocabulary."""
    role = MATRIX_ROLES.get(words.role(verb) or "")
    return (role, words.role_of(verb)) if role else None


def _bearers(rule: Rule) -> tuple[str, ...]:
    """The rule's bearers, `unnamed` among them: the matrix shows what the text leaves unassigned
    in a column of its own rather than dropping it."""
    return (*rule.actors, *((UNNAMED,) if rule.unnamed else ()))


def rule_roles(rule: Rule, words: Vocabulary | None = None) -> list[tuple[str, str, str]]:
    """(thing, actor, role) triples a rule gives (the actor `unnamed` for an agentless passive)."""
    words = words or vocab.default()
    out: list[tuple[str, str, str]] = []
    if rule.modality in NEGATIVE:
        return out
    things = rule.object_ids

    def give(actors: tuple[str, ...], role: str, about: tuple[str, ...] = things) -> None:
        out.extend((thing, actor, role) for thing in about for actor in actors)

    if rule.kind == "obligation" and rule.action:
        # a rule of alternative acts (`approve or endorse`) gives the role of each alternative
        for act in getattr(rule, "actions", (rule.action,)):
            found = verb_role(words, act)
            if found:
                give(_bearers(rule) if found[1] == "bearer" else rule.recipients, found[0])
    elif rule.kind == "responsibility":
        give(_bearers(rule), RESPONSIBLE, _objects((*rule.objects, *rule.qual_refs("scope"))))
    elif rule.kind == "accountability":
        give(_bearers(rule), ACCOUNTABLE, _objects(rule.qual_refs("scope")))
    if rule.kind in ("obligation", "responsibility"):
        for qual in rule.qualifiers:
            if qual.kind == "consulting":
                give(_actors(qual.refs), CONSULTED)
            elif qual.kind == "approval":
                give(_actors(qual.refs), APPROVES)
            elif qual.kind == "agreement":
                give(_actors(qual.refs), ENDORSES)
            elif qual.kind == "after" and qual.value:
                found = verb_role(words, qual.value)
                if found and found[1] == "bearer":
                    give(_actors(qual.refs), found[0], _objects(qual.objects) or things)
    return out


@dataclass(frozen=True)
class Matrix:
    things: tuple[str, ...]  # rows, by name
    actors: tuple[str, ...]  # columns, in register order
    cells: Mapping[tuple[str, str], tuple[Role, ...]]  # (thing, actor) -> roles, in ROLES order

    def roles_of(self, actor: str) -> tuple[Role, ...]:
        """An actor's roles, by thing (in row order)."""
        return self._by_actor.get(actor, ())

    @cached_property
    def _by_actor(self) -> Mapping[str, tuple[Role, ...]]:
        out: dict[str, list[Role]] = defaultdict(list)
        for thing in self.things:
            for actor in self.actors:
                out[actor].extend(self.cells.get((thing, actor), ()))
        return MappingProxyType({k: tuple(v) for k, v in out.items()})


def build_matrix(document: Document) -> Matrix:
    found: dict[tuple[str, str], dict[tuple[str, str], Role]] = defaultdict(dict)
    words = vocab.for_document(document)
    for rule in document.rules:
        manner = tuple(words.manner_english(m) for m in rule.manner)
        for thing, actor, role in rule_roles(rule, words):
            if thing in document.objects and (actor in document.actors or actor == UNNAMED):
                # one entry per role and clause: a clause that says it twice links once
                found[(thing, actor)].setdefault((role, rule.clause),
                                                 Role(thing, actor, role, rule.clause, manner))
    order = {role: i for i, role in enumerate(ROLES)}
    clause_order = {cid: i for i, cid in enumerate(document.clauses)}
    cells = {
        key: tuple(sorted(roles.values(), key=lambda r: (order[r.role], clause_order.get(r.clause, 0))))
        for key, roles in found.items()
    }
    things = sorted({t for t, _ in cells}, key=lambda t: (document.object_name(t).lower(), t))
    used = {a for _, a in cells}
    # the unnamed bearer last: "not named by the text" is no actor of the register
    actors = tuple(a for a in document.actors if a in used) + ((UNNAMED,) if UNNAMED in used
                                                                and UNNAMED not in document.actors else ())
    return Matrix(tuple(things), actors, MappingProxyType(cells))
