"""Rules normalised into facts: who (after offices and groups), does what (the vocabulary's
canonical action and role), to what (objects and actor objects), with what force, hedge,
exclusivity, condition and time.  Built once per document; every conflict check reads these.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from checker import vocab
from checker.model import ACTOR, OBJECT, Band, Document, Rule
from checker.semantics.conditions import Decider, RuleCondition, normalise_text, of_rule
from checker.semantics.timing import Calendar, Window, window

FORCES = {
    "must": "duty", "must_not": "prohibition", "may": "permission", "may_not": "denied",
    "should": "recommendation", "should_not": "discouraged", "power": "power", "need_not": "exemption",
}
POSITIVE_FORCES = frozenset({"duty", "permission", "recommendation", "power"})
NEGATIVE_FORCES = frozenset({"prohibition", "denied", "discouraged"})
# the qualifiers by which a rule says that two actors act together
JOINT_KINDS = ("collaboration", "mutual_agreement", "jointly")
UNNAMED = "unnamed"


@dataclass(frozen=True)
class Fact:
    """One bearer's part in one rule, about one object."""

    rule: Rule
    bearer: str  # an actor id: the holder of an office, a member of a group
    via: str | None  # the group the rule names instead of the bearer, if any
    verb: str  # the action as written
    action: str  # its canonical verb (the vocabulary)
    role: str | None  # its role (the vocabulary)
    obj: str  # the object ("" when the rule names none)
    targets: frozenset[str]  # actor objects and recipients (offices kept as offices)
    force: str  # duty | prohibition | permission | denied | power | exemption | recommendation | discouraged
    hedge: str | None
    exclusive: str | None  # final | alone
    condition: RuleCondition
    window: Window
    joint: frozenset[str] = field(default=frozenset())  # actors the rule says it acts together with
    # the targets as people: each office target with its holder too (an office is its holder),
    # so `appoint finance_director` and `appoint agency_finance_director` (its office) meet
    people: frozenset[str] = field(default=frozenset())
    # the canonical acts of a rule of alternative acts (`negotiate or consult`): the rule is
    # met by any one of them, so it has one fact per alternative, each carrying them all;
    # empty for a rule of one act
    alternatives: frozenset[str] = field(default=frozenset())

    @property
    def band(self) -> Band | None:
        """The money band the rule applies within (None: any amount)."""
        return getattr(self.rule, "threshold", None)

    @property
    def hedged(self) -> bool:
        return self.hedge is not None

    @property
    def soft(self) -> bool:
        """Defeasible or only recommended: a conflict with it is a warning."""
        return self.hedged or self.force in ("recommendation", "discouraged")


def bands_disjoint(a: Band | None, b: Band | None) -> bool:
    """No amount lies in both bands (semantics.md §6): `up to £100k` and `above £100,000`
    never apply to the same act.  A rule without a band applies to every amount."""
    if a is None or b is None:
        return False
    for lower, upper in ((a, b), (b, a)):
        if lower.low is None or upper.high is None:
            continue
        if lower.low > upper.high:
            return True
        if lower.low == upper.high and not (lower.low_inclusive and upper.high_inclusive):
            return True
    return False


def facts_apart(a: Fact, b: Fact) -> bool:
    """Two facts never apply to the same act: their money bands are disjoint."""
    return bands_disjoint(a.band, b.band)


class Facts:
    """Every fact of a document, with the indexes the checks query."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.words = vocab.for_document(document)
        register: Mapping[str, Any] = getattr(document, "conditions", {}) or {}
        self.phrases = {normalise_text(p): atom for atom, entry in register.items()
                        for p in (atom, *getattr(entry, "phrases", ()))}
        self.decider = Decider(register)
        self.calendar = Calendar(document)
        self.groups = Groups(document)
        self.all: list[Fact] = []
        self.by_rule: dict[str, list[Fact]] = defaultdict(list)
        for rule in document.rules:
            for fact in self._facts(rule):
                self.all.append(fact)
                self.by_rule[rule.id].append(fact)
        self.by_key: Mapping[tuple[str, str, str], tuple[Fact, ...]] = _index(
            self.all, lambda f: (f.bearer, f.action, f.obj))

    def _facts(self, rule: Rule) -> list[Fact]:
        if rule.kind == "obligation" and rule.action:
            verbs: tuple[str, ...] = rule.actions if getattr(rule, "alternatives", ()) else (rule.action,)
            objects = list(rule.object_ids) or [""]
            actor_objects = [r.office or r.id for r in rule.objects if r.kind == ACTOR]
            recipients = [r.id for r in rule.qual_refs("recipient") if r.kind == ACTOR]
            targets = frozenset(actor_objects + recipients)
            holders = frozenset(r.id for r in rule.objects if r.kind == ACTOR)
        elif rule.kind == "appointment":
            verbs = ("appoint",)
            named = rule.counterparts or rule.objects
            objects = [""]
            targets = frozenset(r.office or r.id for r in named if r.kind != "unknown")
            holders = frozenset(r.id for r in named if r.kind == ACTOR)
        elif rule.kind == "responsibility":
            verbs = ("",)
            # what it is responsible for; a `for` scope narrows it (scopes_disjoint), it is no object
            objects = [r.id for r in (*rule.objects, *rule.qual_refs("about")) if r.kind in (OBJECT, ACTOR)] or [""]
            targets = holders = frozenset()
        else:
            return []
        # a group among the people acted on stands for each of its members too
        targets = targets | {m for t in targets if self.groups.is_group(t) for m in self.groups.members_of(t)}
        people = targets | holders | {m for t in holders if self.groups.is_group(t) for m in self.groups.members_of(t)}
        # alternatives that are one act in the vocabulary (`agree or endorse`) are one fact
        firsts: dict[str, str] = {}
        for one in verbs:
            firsts.setdefault(self.words.canonical(one) if one else "", one)
        verbs = tuple(firsts.values())
        alternatives = frozenset(self.words.canonical(v) for v in verbs) if len(verbs) > 1 else frozenset()
        force = FORCES.get(rule.modality or "", "duty") if rule.kind == "obligation" else "duty"
        if rule.kind == "appointment":
            force = "power"
        condition = of_rule(rule, self.phrases)
        timing = window(rule, self.calendar)
        joint = frozenset(r.id for q in rule.qualifiers if q.kind in JOINT_KINDS for r in q.refs if r.kind == ACTOR)
        out: list[Fact] = []
        for verb in verbs:
            action = self.words.canonical(verb) if verb else ""
            for bearer, via in self.groups.bearers(rule):
                for obj in objects:
                    out.append(Fact(rule, bearer, via, verb, action, self.words.role(verb) if verb else None, obj,
                                    targets, force, getattr(rule, "hedge", None), getattr(rule, "exclusive", None),
                                    condition, timing, joint, people, alternatives))
        return out

    def key(self, bearer: str, action: str, obj: str) -> tuple[Fact, ...]:
        return self.by_key.get((bearer, action, obj), ())


class Groups:
    """Who belongs to which group, and the actors a rule binds: its bearers, and for a bearer
    that is a group (actors.yaml kind `group`), each of its members."""

    def __init__(self, document: Document) -> None:
        self.document = document
        members: dict[str, set[str]] = defaultdict(set)
        parents: dict[str, set[str]] = defaultdict(set)
        for entry in document.actors.values():
            for group in (*entry.member_of, *([entry.part_of] if entry.part_of else [])):
                parents[entry.id].add(group)
        for rule in document.rules:
            if rule.kind == "membership" and rule.modality not in ("must_not", "may_not", "should_not"):
                for actor_id in rule.actors:
                    parents[actor_id].update(r.id for r in rule.objects if r.kind == ACTOR)
        for child, ups in parents.items():
            for up in ups:
                members[up].add(child)
        self.parents = parents
        self.members = members
        self._containers: dict[str, frozenset[str]] = {}

    def is_group(self, actor: str) -> bool:
        entry = self.document.actors.get(actor)
        return entry is not None and entry.kind == "group"

    def members_of(self, group: str) -> list[str]:
        """Every member of a group, transitively (members that are groups expanded too)."""
        out: list[str] = []
        seen = {group}
        todo = sorted(self.members.get(group, ()))
        while todo:
            actor = todo.pop(0)
            if actor in seen:
                continue
            seen.add(actor)
            out.append(actor)
            if self.is_group(actor):
                todo.extend(sorted(self.members.get(actor, ())))
        return out

    def bearers(self, rule: Rule) -> list[tuple[str, str | None]]:
        out: list[tuple[str, str | None]] = []
        for ref in rule.subjects:
            if ref.kind != ACTOR or ref.id == UNNAMED:
                continue  # an unnamed bearer is never the same actor as a named one
            out.append((ref.id, None))
            if self.is_group(ref.id):
                out.extend((member, ref.id) for member in self.members_of(ref.id))
        return list(dict.fromkeys(out))

    def containers(self, actor: str) -> frozenset[str]:
        cached = self._containers.get(actor)
        if cached is None:
            out: set[str] = set()
            todo = [actor]
            while todo:
                for parent in self.parents.get(todo.pop(), ()):
                    if parent not in out and parent != actor:
                        out.add(parent)
                        todo.append(parent)
            cached = self._containers[actor] = frozenset(out)
        return cached

    def related(self, a: str, b: str) -> bool:
        return a == b or b in self.containers(a) or a in self.containers(b)


def _index(facts: list[Fact], key: Any) -> Mapping[tuple[str, str, str], tuple[Fact, ...]]:
    out: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        out[key(fact)].append(fact)
    return MappingProxyType({k: tuple(v) for k, v in out.items()})
