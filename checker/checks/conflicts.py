"""Conflicts: rules that cannot all hold, and decisions two actors compete for.

Every check here reads the semantic facts (checker/semantics): bearers after offices and groups,
actions after the vocabulary's synonyms, conditions decided as formulas.  Rules are compared only
when they share a key (bearer, action, object) or (role, object), so the work grows with the
number of rules, not its square.  Nothing is excused because a qualifier happens to name the
other actor: two rules are joint only when one says so (`jointly with`, `working with`, `in
partnership with`, `by agreement between`), when both actors bear one rule, when one is part or
a member of the other, when one acts `after` the other's step or `with the agreement of` (or
the approval of) the other, or when the one delegated that very power to the other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace

from checker.checks.base import Check, Context, check, get
from checker.checks.common import memo, scopes_disjoint, where
from checker.findings import Finding, Severity
from checker.model import ACTOR, Document, Rule
from checker.semantics import Fact, Facts, facts_of
from checker.semantics.conditions import Decider, can_both_apply, precondition_blocks
from checker.semantics.facts import facts_apart
from checker.semantics.specific import yields
from checker.vocab import AUTHORITY_ROLES

# which negative force contradicts which positive one
_CONTRADICTS = {
    "prohibition": ("duty", "permission", "recommendation", "power"),
    "denied": ("duty", "permission", "power"),
    "discouraged": ("duty", "recommendation"),
}
_WORDS = {"duty": "must", "prohibition": "must not", "permission": "may", "denied": "may not",
          "recommendation": "should", "discouraged": "should not", "power": "has power to",
          "exemption": "need not"}
_POSITIVE = ("duty", "permission", "power", "recommendation")
# the qualifiers that put another actor in turn with a rule's bearers: `after X approves ...`,
# `with the agreement of X`, `with (subject to) the approval of X`
IN_TURN_KINDS = ("after", "agreement", "approval")


def name_of(document: Document, fact: Fact) -> str:
    """How a message names a fact's bearer: 'the Principal Accounting Officer', or 'the
    Ministers (which include the Secretary of State)' when reached through a group."""
    from checker.checks.common import actor_as_written, the

    if fact.via is not None:
        return (f"{actor_as_written(document, fact.rule, fact.via)} (which include "
                f"{the(document.actor_name(fact.bearer))})")
    return actor_as_written(document, fact.rule, fact.bearer)


def act_of(document: Document, fact: Fact) -> str:
    """'must not approve 'Corporate Plan'' as the fact's rule says it."""
    what = _target(document, fact.obj) if fact.obj else ""
    targets = sorted(fact.targets - {fact.obj})
    if targets:
        names = " and ".join(_target(document, t) for t in targets)
        what = f"{what} ({names})" if what else names
    hedge = f" {fact.hedge.replace('_', ' ')}" if fact.hedge else ""
    verb = fact.verb.replace("_", " ")
    if fact.alternatives:  # `negotiate or consult`: the rule as it offers the choice
        verb = " or ".join(act.replace("_", " ") for act in fact.rule.actions)
    return f"{_WORDS.get(fact.force, fact.force)}{hedge} {verb} {what}".rstrip()


def _target(document: Document, key: str) -> str:
    if key in document.offices:
        return f"the office of {document.offices[key].name}"
    if key in document.actors:
        return document.actor_name(key)
    return f"'{document.object_name(key)}'"


def _same(document: Document, fact: Fact) -> str:
    from checker.checks.common import same_actor

    return "one of them" if fact.via is not None else same_actor(document, fact.bearer)


def targets_overlap(a: Fact, b: Fact) -> bool:
    """Two facts are about the same people: either names none, or they name one in common (an
    office and its holder are one person)."""
    return not a.targets or not b.targets or bool(a.people & b.people)


def severity_of(this: Check, *facts: Fact) -> Severity | None:
    """A conflict involving a hedged or recommended rule is a warning, never an error."""
    if any(f.soft for f in facts) and this.severity is Severity.ERROR:
        return Severity.WARNING
    return None


def overridden(a: Fact, b: Fact, decider: Decider) -> bool:
    """A specific firm rule overrides a hedged general one: no conflict to report.  Specific is
    decided over the facts (checker/semantics/specific.py): the firm rule's condition implies the
    hedged rule's, its scope, people and band lie within the hedged rule's, and it is narrower
    in at least one of them."""
    return yields(a, b, decider)


def _places(*rules: Rule) -> list:
    return list(dict.fromkeys(r.location for r in rules))


@check("CON001", "deontic-contradiction", Severity.ERROR, "conflicts")
def deontic_contradiction(document: Document, context: Context) -> Iterator[Finding]:
    """One actor both must (or may) and must not (or may not) do the same act to the same thing,
    in circumstances that can both arise.

    Why it matters: a rule that says "the Agency must publish the plan" and another that says
    "the Agency must not publish the plan" cannot both be obeyed.  Whichever the Agency
    follows, it breaks the framework; a court or auditor will ask which one was meant.

    Fails::

        secretary_of_state must approve corporate_plan
        ministers must not sign_off corporate_plan
        # ministers: a group the Secretary of State is a member of; sign_off is approve

    Passes::

        director_general must publish annual_report if "the accounts are audited"
        director_general must not publish annual_report unless "The accounts are audited."
        director_general must approve budgets when "the year starts"
        director_general must not approve budgets unless "the Finance Director has been consulted"

    The actor is compared after offices (an office is its holder) and groups (a rule on a group
    binds each member); the act after the vocabulary's synonyms; the objects with actor objects
    and recipients (inform the Minister is not inform the press).  Conditions are formulas
    decided under the conditions register, so `if c` and `unless c`, or two declared phrasings
    of one condition, are recognised.  A prohibition `unless c` is a precondition: it
    contradicts a duty only where the duty's own condition rules c out.  A hedged rule
    (`normally`) against a firm one, or `should` against anything, is a warning; a specific firm
    rule overrides a hedged general one.

    A duty of alternative acts (`must negotiate or consult ministry`) is met by any one of
    them: it is contradicted only when every alternative is barred (`must not negotiate` and
    `must not consult`); one alternative left open is no conflict.  Purposes, means and
    examples (`in order to`, `by means of`, `such as`) oblige nothing and are never compared.
    """
    this = get("CON001")
    facts = facts_of(document)
    seen: set[tuple[str, str, str]] = set()
    for negative in facts.all:
        if negative.force not in _CONTRADICTS:
            continue
        for positive in facts.key(negative.bearer, negative.action, negative.obj):
            if not _contradicts(facts, positive, negative):
                continue
            key = (positive.rule.id, negative.rule.id, negative.bearer)
            if key in seen:
                continue
            others: list[Fact] = []
            if positive.alternatives:
                # a duty met by any of its acts is contradicted only when every act is barred
                others = _barring_the_rest(facts, positive, negative)
                if len(others) != len(positive.alternatives) - 1:
                    continue
                key = (positive.rule.id, "", negative.bearer)  # one finding for the whole choice
                if key in seen:
                    continue
            seen.add(key)
            first, second = name_of(document, positive), name_of(document, negative)
            also = "" if first == second else f"{second}, {_same(document, negative)}, "
            hedge = f" {negative.hedge.replace('_', ' ')}" if negative.hedge else ""
            # "it" unless the second rule names the people another way (an office for its holder)
            it = "it" if negative.targets <= positive.targets else " and ".join(
                _target(document, t) for t in sorted(negative.targets - {negative.obj}))
            rest = "".join(f", and {_WORDS[o.force]} {o.verb.replace('_', ' ')} it ({where(document, o.rule)})"
                           for o in others)
            why = "every one of the acts that would meet the first is barred" if others else \
                "the two rules cannot both be obeyed"
            yield this.finding(
                f"{first} {act_of(document, positive)} ({where(document, positive.rule)}) and {also}"
                f"{_WORDS[negative.force]}{hedge} {negative.verb.replace('_', ' ')} {it} "
                f"({where(document, negative.rule)}){rest}, in circumstances that can both arise: {why}",
                *_places(positive.rule, negative.rule, *(o.rule for o in others)),
                subjects=tuple(x for x in (negative.bearer, negative.obj) if x),
                severity=severity_of(this, positive, negative, *others))


def _contradicts(facts: Facts, positive: Fact, negative: Fact) -> bool:
    """The negative fact bars the positive one's act, for the same people, in circumstances
    that can both arise (and no specific rule overrides a hedged one)."""
    if positive.force not in _CONTRADICTS[negative.force] or positive.rule is negative.rule:
        return False
    if not targets_overlap(positive, negative) or overridden(positive, negative, facts.decider):
        return False
    if scopes_disjoint(positive.rule, negative.rule) or facts_apart(positive, negative):
        return False
    return precondition_blocks(facts.decider, positive.condition, negative.condition)


def _barring_the_rest(facts: Facts, positive: Fact, negative: Fact) -> list[Fact]:
    """For a rule of alternative acts: one negative fact barring each alternative other than
    the one `negative` bars (fewer when some alternative is left open)."""
    out: list[Fact] = []
    for act in sorted(positive.alternatives - {negative.action}):
        alternative = next((f for f in facts.by_rule[positive.rule.id]
                            if f.action == act and f.bearer == positive.bearer and f.obj == positive.obj), None)
        if alternative is None:
            return out
        bar = next((n for n in facts.key(negative.bearer, act, negative.obj)
                    if n.force in _CONTRADICTS and _contradicts(facts, alternative, n)), None)
        if bar is None:
            return out
        out.append(bar)
    return out


@check("CON005", "exclusive-acts", Severity.ERROR, "conflicts")
def exclusive_acts(document: Document, context: Context) -> Iterator[Finding]:
    """One actor must do two acts to one thing that exclude each other (the vocabulary's
    `excludes`: approve and reject, appoint and dismiss, publish and withhold).

    Why it matters: "the Secretary of State must approve the plan" and "the Secretary of State
    must refuse the plan" in the same circumstances leave the minister no lawful course.

    Fails::

        secretary_of_state must approve corporate_plan
        secretary_of_state must refuse corporate_plan when "the plan is late"

    Passes::

        secretary_of_state must approve corporate_plan if "the plan meets the targets"
        secretary_of_state must refuse corporate_plan unless "the plan meets the targets"

    A rule of alternative acts (`must approve or defer`) excludes another only when each of
    its acts excludes each of the other's.
    """
    this = get("CON005")
    facts = facts_of(document)
    seen: set[tuple[str, str]] = set()
    for first in facts.all:
        if first.force != "duty" or not first.action:
            continue
        entry = facts.words.actions.get(first.action)
        for other in entry.excludes if entry else ():
            for second in facts.key(first.bearer, other, first.obj):
                if second.force != "duty" or second.rule is first.rule or not targets_overlap(first, second):
                    continue
                pair = tuple(sorted((first.rule.id, second.rule.id)))
                if pair in seen or overridden(first, second, facts.decider) or scopes_disjoint(first.rule, second.rule) \
                        or facts_apart(first, second):
                    continue
                if not can_both_apply(facts.decider, first.condition, second.condition):
                    continue
                if (first.alternatives or second.alternatives) and not _all_exclude(facts, first, second):
                    continue  # some choice of acts meets both rules
                seen.add((pair[0], pair[1]))
                a, b = sorted((first, second), key=lambda f: f.rule.location)
                yield this.finding(
                    f"{name_of(document, a)} {act_of(document, a)} ({where(document, a.rule)}) and "
                    f"{name_of(document, b)} {act_of(document, b)} ({where(document, b.rule)}), acts that "
                    "exclude each other, in circumstances that can both arise",
                    *_places(a.rule, b.rule), subjects=tuple(x for x in (a.bearer, a.obj) if x),
                    severity=severity_of(this, a, b))


def _all_exclude(facts: Facts, first: Fact, second: Fact) -> bool:
    """Every act that meets the one rule excludes every act that meets the other."""
    return all(facts.words.excludes(a, b) for a in first.alternatives or {first.action}
               for b in second.alternatives or {second.action})


class Joint:
    """What makes two actors' claims on one thing a stated arrangement rather than a contest."""

    def __init__(self, document: Document) -> None:
        self.facts = facts_of(document)
        words = self.facts.words
        # (from, to, canonical action or "", object or ""): a delegation the document makes or allows
        self.delegated: set[tuple[str, str, str, str]] = set()
        for rule in document.rules:
            if rule.kind in ("delegation", "delegates") and rule.modality not in ("must_not", "may_not"):
                action = words.canonical(rule.action) if rule.action else ""
                for source in rule.actors:
                    for target in (r.id for r in rule.counterparts if r.kind == ACTOR):
                        for obj in rule.object_ids or ("",):
                            self.delegated.add((source, target, action, obj))
                            self.delegated.add((source, target, "*", obj))  # some power over it

    def _in_turn(self, rule: Rule, other: Fact) -> bool:
        """The rule puts the other fact's actor in turn with its bearers: it acts `after` the
        other's step, or `with the agreement of` / `with (subject to) the approval of` the
        other (the bearer acts, the other agrees: one decision in two steps).  A group named
        in the qualifier stands for its members."""
        groups = self.facts.groups
        return any(r.kind == ACTOR and (groups.related(r.id, other.bearer)
                                        or (other.via is not None and r.id == other.via))
                   for q in rule.qualifiers if q.kind in IN_TURN_KINDS for r in q.refs)

    def explains(self, a: Fact, b: Fact) -> bool:
        if a.rule is b.rule or a.bearer == b.bearer:
            return True
        if b.bearer in a.rule.actors or a.bearer in b.rule.actors:
            return True  # stated jointly: both bear one of the rules
        if self.facts.groups.related(a.bearer, b.bearer):
            return True
        if b.bearer in a.joint or a.bearer in b.joint or (a.via and a.via in b.joint) or (b.via and b.via in a.joint):
            return True  # the rules say they act together
        if self._in_turn(a.rule, b) or self._in_turn(b.rule, a):
            return True  # a sequence: one acts after the other's step, or with its agreement
        if scopes_disjoint(a.rule, b.rule) or facts_apart(a, b):
            return True
        if not can_both_apply(self.facts.decider, a.condition, b.condition):
            return True
        for x, y in ((a.bearer, b.bearer), (b.bearer, a.bearer)):
            # a responsibility (no act of its own) is shared by any delegation over the thing
            for action in ((a.action, "") if a.action else ("*",)):
                for obj in (a.obj, ""):
                    if (x, y, action, obj) in self.delegated:
                        return True
        return False




def joint_of(document: Document) -> Joint:
    return memo(document, "joint", Joint)


def _competing(document: Document, this: Check, verb: str, keys: Callable[[Fact], list[str]],
               facts: Facts) -> Iterator[Finding]:
    """Report every thing that two actors each claim (`keys` gives a fact's claims), with no
    statement joining them."""
    by_key: dict[str, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts.all:
        if fact.via is not None:
            continue  # a group competes as itself; its members are related to it (no contest)
        for key in keys(fact):
            by_key[key][fact.bearer].append(fact)
    joint: Joint | None = None
    for key in sorted(by_key):
        holders = by_key[key]
        if len(holders) < 2:
            continue
        joint = joint or joint_of(document)
        actors = sorted(holders, key=lambda a: (holders[a][0].rule.location, a))
        reported: set[tuple[str, str]] = set()
        for i, actor_a in enumerate(actors):
            for actor_b in actors[i + 1:]:
                pair = next(((a, b) for a in holders[actor_a] for b in holders[actor_b]
                             if a.rule is not b.rule and not a.exclusive and not b.exclusive
                             and not joint.explains(a, b) and not overridden(a, b, facts.decider) and targets_overlap(a, b)), None)
                if pair is None:
                    continue
                a, b = pair
                # one finding per pair of rules: a group's members all meet the other rule at once
                if (a.rule.id, b.rule.id) in reported:
                    continue
                reported.add((a.rule.id, b.rule.id))
                yield this.finding(
                    f"{name_of(document, a)} ({where(document, a.rule)}) and {name_of(document, b)} "
                    f"({where(document, b.rule)}) both {verb} {_target(document, key.split(' ', 1)[-1])}, "
                    "and no rule says they act together or in turn: the decision is claimed twice",
                    *_places(a.rule, b.rule), subjects=(a.bearer, b.bearer, key.split(" ", 1)[-1]),
                    severity=severity_of(this, a, b))


@check("CON002", "competing-responsibility", Severity.WARNING, "conflicts")
def competing_responsibility(document: Document, context: Context) -> Iterator[Finding]:
    """Two different actors are each responsible for the same thing, and no rule says they
    share it.

    Why it matters: when two bodies are each "responsible for" the same thing, each can
    assume the other is doing it, and when it goes wrong each can point at the other.  A
    framework document exists to say who is responsible; two answers is no answer.

    Fails::

        director_general is responsible for agency_communications
        press_office is responsible for agency_communications

    Passes::

        director_general is responsible for agency_communications except media_handling
        press_office is responsible for media_handling

    Not reported: actors named in one rule together; one actor part or a member of the other;
    a rule that says they act together (`jointly with`, `working with`, `in partnership with`,
    `by agreement between`); one acting `after` the other, or `with the agreement of` or
    `with (subject to) the approval of` the other; a delegation of that thing between
    them; scopes (`for`, `except`) that do not overlap; conditions that exclude each other.
    Naming the other actor in any other qualifier (`through`, `on behalf of`) is no excuse.
    """
    facts = facts_of(document)

    def keys(fact: Fact) -> list[str]:
        return [f"responsible {fact.obj}"] if fact.rule.kind == "responsibility" and fact.obj else []

    yield from _competing(document, get("CON002"), "are responsible for", keys, facts)


@check("CON003", "competing-approval", Severity.WARNING, "conflicts")
def competing_approval(document: Document, context: Context) -> Iterator[Finding]:
    """Two different actors each hold the same deciding role (approve, endorse or agree, decide
    or set) over the same thing, and no rule joins them or puts them in order.

    Why it matters: approval is where a decision becomes final.  If the Secretary of State
    approves the Corporate Plan and so does the Permanent Secretary, with no order between
    them, nobody can say when the plan is approved, or what happens when they disagree.

    Fails::

        secretary_of_state must approve corporate_plan
        principal_accounting_officer may sign_off corporate_plan

    Passes::

        permanent_secretary must endorse corporate_plan
        secretary_of_state must approve corporate_plan after permanent_secretary endorses corporate_plan
        ministry must set agency_targets with the agreement of secretary_of_state
        secretary_of_state must set agency_targets

    The bearer acts and the actor whose agreement (or approval) it needs agrees in turn: one
    decision in two steps, as with `after`, not two authorities.  Two bearers who both `must
    approve` a thing with no such link are still reported.

    Roles come from the vocabulary (checker/vocab/default.yaml): `agree` and `endorse` are one
    role, `sign_off` is `approve`.  Duties, permissions and powers count; the exclusions of
    CON002 apply.  A power held `final` or `alone` is CON006's to judge.
    """
    facts = facts_of(document)
    roles = {"approves": "approve", "endorses": "agree or endorse", "decides": "decide"}

    for role, verb in roles.items():
        def keys(fact: Fact, role: str = role) -> list[str]:
            if fact.role != role or fact.force not in _POSITIVE or fact.rule.kind != "obligation" or not fact.obj:
                return []
            return [f"{role} {fact.obj}"]

        yield from _competing(document, get("CON003"), verb, keys, facts)


@check("CON004", "competing-appointment", Severity.WARNING, "conflicts")
def competing_appointment(document: Document, context: Context) -> Iterator[Finding]:
    """Two different actors each appoint to the same office, or appoint the same body or person.

    Why it matters: an appointment made by the wrong person is open to challenge.  If two
    actors each appoint the Departmental Sponsor, the document does not say who may remove
    one, or whose appointment stands.

    Fails::

        secretary_of_state appoints departmental_sponsor
        permanent_secretary must nominate departmental_sponsor

    Passes::

        secretary_of_state appoints departmental_sponsor
        permanent_secretary designates director_general as agency_accounting_officer

    The office a person is appointed `as` is the key when given, otherwise the person or body
    appointed (so appointing one person and appointing another never collide).  `nominate`,
    `designate` and `appoint` are one act (the vocabulary).  The exclusions of CON002 apply.
    """
    facts = facts_of(document)

    def keys(fact: Fact) -> list[str]:
        if fact.role != "appoints" or fact.force not in _POSITIVE or fact.action != "appoint":
            return []
        return [f"appoint {t}" for t in sorted(fact.targets)] or ([f"appoint {fact.obj}"] if fact.obj else [])

    yield from _competing(document, get("CON004"), "appoint", keys, facts)


@check("CON006", "contested-final-authority", Severity.ERROR, "conflicts")
def contested_final_authority(document: Document, context: Context) -> Iterator[Finding]:
    """An actor has the final say (`has final power to`) or sole authority (`alone has power
    to`) over a decision, and another actor is given the same authority over it.

    Why it matters: "final" and "alone" exist to say whose decision stands.  A second actor
    with the same power over the same thing makes the word false: either the first is not
    final, or the second's decision is void.

    Fails::

        hm_treasury alone has power to approve end_year_flexibility
        permanent_secretary may approve end_year_flexibility

    Passes::

        hm_treasury alone has power to approve end_year_flexibility
        permanent_secretary must seek approval of hm_treasury for end_year_flexibility

    `alone` excludes every other actor with the same role over the thing; `final` excludes
    another `final` or `alone` authority.  `must seek approval of X for Y` gives X the power to
    approve Y (docs/semantics.md §2), so it contests another actor's `alone` power over Y too.
    A delegation from the holder, a joint statement, or conditions that exclude each other
    answer it.
    """
    this = get("CON006")
    facts = facts_of(document)
    joint = None
    seen: set[tuple[str, str]] = set()
    implied = _implied_powers(facts)
    for holder in facts.all:
        if holder.exclusive not in ("final", "alone") or holder.role not in AUTHORITY_ROLES or not holder.obj:
            continue
        joint = joint or joint_of(document)
        for other, seeker in implied:
            if holder.exclusive != "alone" or other.obj != holder.obj or other.role != holder.role:
                continue
            if other.bearer == holder.bearer or facts.groups.related(other.bearer, holder.bearer):
                continue
            pair = tuple(sorted((holder.rule.id, other.rule.id)))
            if (pair[0], pair[1]) in seen or joint.explains(holder, other):
                continue
            seen.add((pair[0], pair[1]))
            yield this.finding(
                f"{name_of(document, holder)} alone has power to {holder.verb.replace('_', ' ')} "
                f"{_target(document, holder.obj)} ({where(document, holder.rule)}), yet {name_of(document, seeker)} "
                f"must seek {seeker.verb.removeprefix('seek_')} of {name_of(document, other)} for "
                f"{_target(document, holder.obj)} ({where(document, other.rule)}), "
                f"which gives {name_of(document, other)} that power: an exclusive authority is given twice",
                *_places(holder.rule, other.rule), subjects=(holder.bearer, other.bearer, holder.obj),
                severity=severity_of(this, holder, seeker))
        for other in facts.all:
            if other.bearer == holder.bearer or other.obj != holder.obj or other.role != holder.role:
                continue
            if other.force not in _POSITIVE:
                continue
            if holder.exclusive == "final" and other.exclusive not in ("final", "alone"):
                continue
            pair = tuple(sorted((holder.rule.id, other.rule.id)))
            if (pair[0], pair[1]) in seen or joint.explains(holder, other) or not targets_overlap(holder, other):
                continue
            seen.add((pair[0], pair[1]))
            word = "alone has" if holder.exclusive == "alone" else "has the final"
            yield this.finding(
                f"{name_of(document, holder)} {word} power to {holder.verb.replace('_', ' ')} "
                f"{_target(document, holder.obj)} ({where(document, holder.rule)}), yet "
                f"{name_of(document, other)} {act_of(document, other)} ({where(document, other.rule)}): "
                "an exclusive authority is given twice",
                *_places(holder.rule, other.rule), subjects=(holder.bearer, other.bearer, holder.obj),
                severity=severity_of(this, holder, other))


# what `must seek approval|agreement|endorsement of X` implies X may do
_SOUGHT = {"seek_approval": "approve", "seek_agreement": "agree", "seek_endorsement": "endorse"}


def _implied_powers(facts: Facts) -> list[tuple[Fact, Fact]]:
    """(the approver's implied power, the seeker's fact) for every `must seek approval of X for
    Y`: X has, or is treated as having, the power to approve Y."""
    out: list[tuple[Fact, Fact]] = []
    for fact in facts.all:
        verb = _SOUGHT.get(fact.verb)
        if verb is None or fact.force != "duty" or not fact.obj:
            continue
        for ref in fact.rule.counterparts:
            if ref.kind != ACTOR:
                continue
            for bearer in (ref.id, *facts.groups.members_of(ref.id)):
                out.append((replace(fact, bearer=bearer, via=None, verb=verb, action=facts.words.canonical(verb),
                                    role=facts.words.role(verb), targets=frozenset(), people=frozenset(),
                                    force="power", hedge=None, exclusive=None, joint=frozenset()), fact))
    return out
