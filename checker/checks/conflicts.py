"""Conflicts: rules that cannot all hold, and responsibilities two actors compete for.

Every check here indexes rules by (actor, action, object) or by (object, role) and compares
only rules that share a key, so the work grows with the number of rules, not its square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from checker.checks.base import Check, Context, check, get
from checker.checks.common import (
    APPOINT_VERBS,
    APPROVE_VERBS,
    ENDORSE_VERBS,
    MODALITY_WORDS,
    NEGATIVE,
    POSITIVE,
    actor_as_written,
    conditions_disjoint,
    memberships,
    memo,
    object_name,
    same_actor,
    scopes_disjoint,
    where,
)
from checker.findings import Finding, Severity
from checker.model import ACTOR, Document, Rule

_CONTRADICTS = {
    "must_not": ("must", "may", "should"),
    "may_not": ("must", "may"),
    "should_not": ("must", "should"),
}


def _keys(rule: Rule) -> list[tuple[str, str, str]]:
    objects = rule.object_ids or ("",)
    return [(actor, rule.action or "", obj) for actor in rule.actors for obj in objects]


@check("CON001", "deontic-contradiction", Severity.ERROR, "conflicts")
def deontic_contradiction(document: Document, context: Context) -> Iterator[Finding]:
    """One actor both must (or may) and must not (or may not) do the same action on the same
    object, under conditions that can both hold.

    Why it matters: a rule that says "the Agency must publish the plan" and another that says
    "the Agency must not publish the plan" cannot both be obeyed.  Whichever the Agency
    follows, it breaks the framework; a court or auditor will ask which one was meant.

    Fails::

        director_general must publish annual_report
        director_general must not publish annual_report

    Passes::

        director_general must publish annual_report
        director_general must not publish annual_report when "the accounts are not yet audited"
        # ...still reported: the conditions can both hold with the first rule.  This passes:
        director_general must publish annual_report if audited
        director_general must not publish annual_report unless audited

    Rules whose conditions exclude each other (`if c` and `unless c`), whose scopes do not
    overlap, or whose prohibition is only a precondition (`must not ... unless c` against an
    unconditional duty) are not contradictions.  `should` against `should not` (or against
    `must`) is reported as a warning.
    """
    this = get("CON001")
    negatives: dict[tuple[str, str, str], list[Rule]] = defaultdict(list)
    for rule in document.rules:
        if rule.kind == "obligation" and rule.modality in NEGATIVE:
            for key in _keys(rule):
                negatives[key].append(rule)
    if not negatives:
        return
    positives: dict[tuple[str, str, str], list[Rule]] = defaultdict(list)
    for rule in document.rules:
        if rule.kind == "obligation" and rule.modality in POSITIVE:
            for key in _keys(rule):
                if key in negatives:
                    positives[key].append(rule)
    for key in sorted(positives):
        actor, action, obj = key
        for negative in negatives[key]:
            for positive in positives[key]:
                if positive.modality not in _CONTRADICTS[negative.modality or ""]:
                    continue
                if conditions_disjoint(positive, negative) or scopes_disjoint(positive, negative):
                    continue
                if any(kind == "unless" for kind, _ in negative.conditions) and not positive.conditions:
                    continue  # a precondition: "must not approve unless consulted"
                soft = "should" in (positive.modality or "") or "should" in (negative.modality or "")
                what = f" {object_name(document, obj)}" if obj else ""
                first, second = actor_as_written(document, positive, actor), actor_as_written(document, negative, actor)
                also = "" if first == second else f"{second}, {same_actor(document, actor)}, "
                yield this.finding(
                    f"{first} {MODALITY_WORDS[positive.modality or '']} "
                    f"{action}{what} ({where(document, positive)}) and {also}"
                    f"{MODALITY_WORDS[negative.modality or '']} {action} it ({where(document, negative)}), "
                    "in circumstances that can both arise: the two rules cannot both be obeyed",
                    positive.location, negative.location,
                    subjects=tuple(x for x in (actor, obj) if x),
                    severity=Severity.WARNING if soft else None)


class _Joint:
    """What makes two actors' claims on one object a joint arrangement rather than a contest."""

    def __init__(self, document: Document) -> None:
        self.members = memberships(document)
        self.delegated: set[tuple[str, str, str]] = set()  # (from, to, object)
        for rule in document.rules:
            if rule.kind in ("delegation", "delegates") and rule.modality not in NEGATIVE:
                for source in rule.actors:
                    for target in (r.id for r in rule.counterparts if r.kind == ACTOR):
                        for obj in (*rule.object_ids, ""):
                            self.delegated.add((source, target, obj))

    def explains(self, a: Rule, actor_a: str, b: Rule, actor_b: str, obj: str) -> bool:
        if a is b or conditions_disjoint(a, b) or scopes_disjoint(a, b):
            return True
        if actor_b in a.actors or actor_a in b.actors:
            return True  # stated jointly in one rule
        if self.members.related(actor_a, actor_b):
            return True
        named_a = {r.id for q in a.qualifiers for r in q.refs}
        named_b = {r.id for q in b.qualifiers for r in q.refs}
        if actor_b in named_a or actor_a in named_b:
            return True  # one acts with, through, after or on behalf of the other
        return any((x, y, o) in self.delegated for x, y in ((actor_a, actor_b), (actor_b, actor_a))
                   for o in (obj, ""))


def _competing(document: Document, this: Check, role: str, verb: str,
               keys: Callable[[Rule], list[tuple[str, str]]]) -> Iterator[Finding]:
    """Report every object that two actors each hold `role` for, with no rule joining them."""
    by_object: dict[str, dict[str, list[Rule]]] = defaultdict(lambda: defaultdict(list))
    for rule in document.rules:
        for obj, actor in keys(rule):
            by_object[obj][actor].append(rule)
    joint: _Joint | None = None
    for obj in sorted(by_object):
        holders = by_object[obj]
        if len(holders) < 2:
            continue
        joint = joint or memo(document, "joint", _Joint)
        actors = sorted(holders, key=lambda a: (holders[a][0].location, a))
        for i, actor_a in enumerate(actors):
            for actor_b in actors[i + 1:]:
                pair = next(((a, b) for a in holders[actor_a] for b in holders[actor_b]
                             if not joint.explains(a, actor_a, b, actor_b, obj)), None)
                if pair is None:
                    continue
                a, b = pair
                yield this.finding(
                    f"{actor_as_written(document, a, actor_a)} ({where(document, a)}) and "
                    f"{actor_as_written(document, b, actor_b)} ({where(document, b)}) both {verb} "
                    f"{_target_name(document, obj)}, and neither rule's scope leaves the other out: "
                    f"the {role} is claimed twice",
                    a.location, b.location, subjects=(actor_a, actor_b, obj))


def _target_name(document: Document, key: str) -> str:
    if key in document.offices:
        return f"the office of {document.offices[key].name}"
    if key in document.actors:
        return document.actor_name(key)
    return object_name(document, key)


def _verb_keys(verbs: frozenset[str]) -> Callable[[Rule], list[tuple[str, str]]]:
    def keys(rule: Rule) -> list[tuple[str, str]]:
        if rule.kind != "obligation" or rule.modality not in ("must", "may") or rule.action not in verbs:
            return []
        return [(obj, actor) for obj in rule.object_ids for actor in rule.actors]
    return keys


@check("CON002", "competing-responsibility", Severity.WARNING, "conflicts")
def competing_responsibility(document: Document, context: Context) -> Iterator[Finding]:
    """Two different actors are each responsible for the same object, and neither rule's scope
    or exceptions leave the other out.

    Why it matters: when two bodies are each "responsible for" the same thing, each can
    assume the other is doing it, and when it goes wrong each can point at the other.  A
    framework document exists to say who is responsible; two answers is no answer.

    Fails::

        director_general is responsible for agency_communications
        press_office is responsible for agency_communications

    Passes::

        director_general is responsible for agency_communications except media_handling
        press_office is responsible for media_handling

    Not reported: actors named in one rule together (joint responsibility); one actor part or
    a member of the other; one rule naming the other actor (`through`, `on behalf of`, `with
    the agreement of` ...); a delegation between them; scopes (`for`) that do not overlap;
    conditions that exclude each other.
    """
    def keys(rule: Rule) -> list[tuple[str, str]]:
        if rule.kind != "responsibility":
            return []
        return [(obj, actor) for obj in rule.object_ids for actor in rule.actors]

    yield from _competing(document, get("CON002"), "responsibility", "are responsible for", keys)


@check("CON003", "competing-approval", Severity.WARNING, "conflicts")
def competing_approval(document: Document, context: Context) -> Iterator[Finding]:
    """Two different actors each approve (or each agree or endorse) the same object, and
    neither rule's scope leaves the other out.

    Why it matters: approval is where a decision becomes final.  If the Secretary of State
    approves the Corporate Plan and so does the Permanent Secretary, with no order between
    them, nobody can say when the plan is approved, or what happens when they disagree.

    Fails::

        secretary_of_state must approve corporate_plan
        permanent_secretary must approve corporate_plan

    Passes::

        permanent_secretary must endorse corporate_plan
        secretary_of_state must approve corporate_plan after permanent_secretary endorses corporate_plan

    `approve` is one role; `agree` and `endorse` are another (docs/dsl.md).  The exclusions
    of CON002 apply, and a rule ordered `after` the other actor's step is a sequence, not a
    contest.
    """
    this = get("CON003")
    yield from _competing(document, this, "approval", "approve", _verb_keys(APPROVE_VERBS))
    yield from _competing(document, this, "agreement", "agree or endorse", _verb_keys(ENDORSE_VERBS))


@check("CON004", "competing-appointment", Severity.WARNING, "conflicts")
def competing_appointment(document: Document, context: Context) -> Iterator[Finding]:
    """Two different actors each appoint to the same office or appoint the same body or person.

    Why it matters: an appointment made by the wrong person is open to challenge.  If two
    actors each appoint the Departmental Sponsor, the document does not say who may remove
    one, or whose appointment stands.

    Fails::

        secretary_of_state appoints departmental_sponsor
        permanent_secretary appoints departmental_sponsor

    Passes::

        secretary_of_state appoints departmental_sponsor
        permanent_secretary designates director_general as agency_accounting_officer

    The office a person is appointed `as` is the key when given, otherwise the person or
    body appointed.  The exclusions of CON002 apply.
    """
    def keys(rule: Rule) -> list[tuple[str, str]]:
        if rule.kind == "appointment":
            targets = rule.counterparts or rule.objects
        elif rule.kind == "obligation" and rule.modality in ("must", "may") and rule.action in APPOINT_VERBS:
            targets = rule.objects
        else:
            return []
        return [(ref.office or ref.id, actor) for ref in targets for actor in rule.actors
                if ref.kind != "unknown"]

    yield from _competing(document, get("CON004"), "appointment", "appoint", keys)
