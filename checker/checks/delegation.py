"""Delegation: powers delegated by those who hold them, to those allowed, in the form required,
without loops.

A power is an (action, object) pair; `delegate approve corporate_plan` names both, `delegate
resources` only the object (any action on it).  docs/dsl.md describes the statements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checker import vocab
from checker.checks.base import Context, check, get
from checker.checks.common import (
    NEGATIVE,
    POSITIVE,
    actor_as_written,
    join,
    memberships,
    memo,
    where,
)
from checker.checks.graphs import cycle_in, strongly_connected
from checker.findings import Finding, Severity
from checker.model import ACTOR, Document, Rule
from checker.semantics import facts_of
from checker.semantics.specific import band_within as bands_nest

_HOLDING = ("must", "may", "power", "should")


@dataclass(frozen=True)
class Grant:
    """One delegation statement, flattened: who passes which power to whom."""

    rule: Rule
    source: str
    target: str
    action: str  # "" when the statement names the object only
    obj: str

    @property
    def made(self) -> bool:
        return self.rule.kind == "delegates"

    @property
    def permitted(self) -> bool:
        return self.rule.kind == "delegation" and self.rule.modality in POSITIVE

    @property
    def prohibited(self) -> bool:
        return self.rule.kind == "delegation" and self.rule.modality in NEGATIVE

    @property
    def sub(self) -> bool:
        return self.rule.sub_delegation


def grants(document: Document) -> list[Grant]:
    """Every delegation statement, flattened (built once per document)."""
    return memo(document, "grants", _grants)


def _grants(document: Document) -> list[Grant]:
    words = vocab.for_document(document)
    out = []
    for rule in document.rules:
        if rule.kind not in ("delegation", "delegates"):
            continue
        action = words.canonical(rule.action) if rule.action else ""
        for obj in rule.objects:
            for source in rule.actors:
                for target in rule.counterparts:
                    if target.kind == ACTOR:
                        out.append(Grant(rule, source, target.id, action, obj.id))
    return out


def _power(grant: Grant) -> str:
    return f"{grant.action} {grant.obj}".strip()


def _power_name(document: Document, grant: Grant) -> str:
    name = document.object_name(grant.obj) if grant.obj in document.objects else document.display(
        grant.rule.objects[0])
    return f"'{grant.action} {name}'" if grant.action else f"'{name}'"


class Holdings:
    """Which actor holds which power in its own right, and which it received by delegation."""

    def __init__(self, document: Document, all_grants: list[Grant]) -> None:
        self.whole: set[tuple[str, str]] = set()  # (actor, object): every action on it
        self.acts: set[tuple[str, str, str]] = set()  # (actor, action, object)
        self.some: set[tuple[str, str]] = set()  # (actor, object): some action on it
        # the limits (money bands) of each holding: (actor, action, object) -> (band, the rule
        # setting it); a band of None: no limit
        self.bands: dict[tuple[str, str, str], list[tuple[Any, Rule]]] = defaultdict(list)
        # the same for authority stated as received (`has delegated authority ... up to £100k`)
        self.delegated_bands: dict[tuple[str, str, str], list[tuple[Any, Rule]]] = defaultdict(list)
        facts = facts_of(document)
        words = facts.words
        for rule in document.rules:
            # a rule on a group gives its members the power too
            actors = tuple(dict.fromkeys(b for b, _ in facts.groups.bearers(rule))) or rule.actors
            if rule.kind in ("responsibility", "supervision"):
                self._add_whole(actors, [r.id for r in (*rule.objects, *rule.qual_refs("scope"))])
            elif rule.kind == "accountability":
                self._add_whole(actors, list(rule.scope))
            elif rule.kind == "appointment":
                self._add_acts(actors, "appoint", [r.id for r in (*rule.objects, *rule.counterparts)])
            elif rule.kind == "obligation" and rule.modality in _HOLDING and rule.action:
                objects = [r.id for r in (*rule.objects, *rule.qual_refs("about", "scope"))]
                # a choice of acts (`approve or endorse`) is the bearer's to make: it holds each
                for action in dict.fromkeys(words.canonical(act) for act in rule.actions):
                    self._add_acts(actors, action, objects)
                    for actor in actors:
                        for obj in objects:
                            self.bands[(actor, action, obj)].append((getattr(rule, "threshold", None), rule))
            elif rule.kind == "delegated_authority":
                action = words.canonical(rule.action) if rule.action else ""
                objects = [r.id for r in rule.objects]
                if action:
                    self._add_acts(actors, action, objects)
                    for actor in actors:
                        for obj in objects:
                            self.delegated_bands[(actor, action, obj)].append((getattr(rule, "threshold", None), rule))
                else:
                    self._add_whole(actors, objects)
        # an object the register records as some actor's own (`owner:`) is held whole by it
        # (an office stands for its holder; a group's members hold it too)
        for thing in document.objects.values():
            owner = getattr(thing, "owner", None)
            if owner:
                owner = document.offices[owner].holder if owner in document.offices else owner
                members = facts.groups.members_of(owner) if facts.groups.is_group(owner) else []
                self._add_whole((owner, *members), [thing.id])
        # the wholes each object is part of (`part_of:`), nearest first: holding a whole is
        # holding its parts
        self.wholes: dict[str, tuple[str, ...]] = {}
        for thing in document.objects.values():
            chain: list[str] = []
            up = thing.part_of
            while up and up in document.objects and up not in chain and up != thing.id:
                chain.append(up)
                up = document.objects[up].part_of
            if chain:
                self.wholes[thing.id] = tuple(chain)
        self.received: dict[tuple[str, str], list[Grant]] = defaultdict(list)
        for grant in all_grants:
            if grant.made or grant.permitted:
                self.received[(grant.target, grant.obj)].append(grant)

    def _add_whole(self, actors: tuple[str, ...], objects: list[str]) -> None:
        self.whole.update((actor, obj) for actor in actors for obj in objects)

    def _add_acts(self, actors: tuple[str, ...], action: str, objects: list[str]) -> None:
        for actor in actors:
            for obj in objects:
                self.acts.add((actor, action, obj))
                self.some.add((actor, obj))

    def holds_own(self, actor: str, action: str, obj: str) -> bool:
        """The actor holds the power in its own right: over the object, or over a whole the
        object is part of."""
        return any(self._holds_own(actor, action, thing) for thing in (obj, *self.wholes.get(obj, ())))

    def _holds_own(self, actor: str, action: str, obj: str) -> bool:
        if (actor, obj) in self.whole:
            return True
        return (actor, action, obj) in self.acts if action else (actor, obj) in self.some

    def received_from(self, actor: str, action: str, obj: str) -> list[Grant]:
        """The delegations that gave the actor the power: over the object, or over a whole the
        object is part of."""
        return [g for thing in (obj, *self.wholes.get(obj, ())) for g in self.received.get((actor, thing), [])
                if not action or not g.action or g.action == action]


@check("DEL001", "delegating-unheld-power", Severity.ERROR, "delegation")
def delegating_unheld_power(document: Document, context: Context) -> Iterator[Finding]:
    """An actor delegates (or may delegate) a power or duty that no rule gives it.

    Why it matters: nobody can pass on what they do not hold.  A delegation from the wrong
    person is void, and everything done under it is open to challenge, from contracts
    signed to money spent.

    Fails::

        permanent_secretary delegates approve corporate_plan to director_general
        # ...and no rule says the Permanent Secretary approves the Corporate Plan

    Passes::

        permanent_secretary must approve corporate_plan
        permanent_secretary delegates approve corporate_plan to director_general

    An actor holds a power when a rule says it must or may do that action on that object, is
    responsible for the object, appoints it, supervises it or is accountable for it, when the
    objects register records the object as its own (`owner:`), or when the power was delegated
    to it.  Holding a whole holds its parts: an object that is `part_of` one the actor holds
    (in any of these ways) is held too.  `may sub-delegate` by an actor that never received the
    power is reported too.
    """
    this = get("DEL001")
    all_grants = grants(document)
    holdings = memo(document, "holdings", lambda d: Holdings(d, all_grants))
    seen: set[tuple[str, str]] = set()
    for grant in all_grants:
        if grant.prohibited or (grant.rule.id, grant.source) in seen:
            continue
        held = holdings.holds_own(grant.source, grant.action, grant.obj)
        received = any(g.rule is not grant.rule for g in holdings.received_from(grant.source, grant.action, grant.obj))
        if held or received:
            continue
        seen.add((grant.rule.id, grant.source))
        verb = "may sub-delegate" if grant.sub else ("delegates" if grant.made else f"{grant.rule.modality} delegate")
        verb = verb.replace("_", " ")
        yield this.finding(
            f"{actor_as_written(document, grant.rule, grant.source)} {verb} {_power_name(document, grant)} "
            f"({where(document, grant.rule)}), but no rule gives {actor_as_written(document, grant.rule, grant.source)} "
            "that power or duty: nobody can delegate what they do not hold",
            grant.rule.location, subjects=(grant.source, grant.obj))


@check("DEL002", "delegation-not-allowed", Severity.ERROR, "delegation")
def delegation_not_allowed(document: Document, context: Context) -> Iterator[Finding]:
    """A delegation to an actor the rules do not allow: the bearer may delegate the power only
    to others, or must not delegate it to this actor.

    Why it matters: where the framework says to whom a power may be delegated ("to a junior
    Minister"), a delegation to anybody else is outside the framework, and decisions taken
    under it can be overturned.

    Fails::

        secretary_of_state may delegate approve corporate_plan to junior_minister
        secretary_of_state delegates approve corporate_plan to director_general

    Passes::

        secretary_of_state may delegate approve corporate_plan to junior_minister
        secretary_of_state delegates approve corporate_plan to junior_minister

    A delegation with no `may delegate` rule for that power is not reported here (DEL001
    asks whether the bearer holds it).  A member or part of an allowed delegate counts as
    allowed.
    """
    this = get("DEL002")
    all_grants = grants(document)
    members = memberships(document)
    allowed: dict[tuple[str, str, str], list[Grant]] = defaultdict(list)
    barred: dict[tuple[str, str, str], list[Grant]] = defaultdict(list)
    for grant in all_grants:
        key = (grant.source, grant.action, grant.obj)
        if grant.permitted and not grant.sub:
            allowed[key].append(grant)
        elif grant.prohibited:
            barred[key].append(grant)
    for grant in all_grants:
        if not (grant.made or grant.permitted) or grant.sub:
            continue
        keys = {(grant.source, grant.action, grant.obj), (grant.source, "", grant.obj)}
        for key in sorted(keys):
            for bar in barred.get(key, []):
                if bar.target == grant.target or members.related(bar.target, grant.target):
                    yield this.finding(
                        f"{actor_as_written(document, grant.rule, grant.source)} delegates "
                        f"{_power_name(document, grant)} to {actor_as_written(document, grant.rule, grant.target)} "
                        f"({where(document, grant.rule)}), but {where(document, bar.rule)} says it "
                        f"{(bar.rule.modality or '').replace('_', ' ')} delegate it to "
                        f"{actor_as_written(document, bar.rule, bar.target)}",
                        grant.rule.location, bar.rule.location, subjects=(grant.source, grant.target, grant.obj))
        if not grant.made:
            continue
        permits = [g for key in sorted(keys) for g in allowed.get(key, [])]
        if not permits:
            continue
        if any(p.target == grant.target or grant.target in members.containers(p.target)
               or p.target in members.containers(grant.target) for p in permits):
            continue
        to = join(actor_as_written(document, p.rule, p.target) for p in permits)
        yield this.finding(
            f"{actor_as_written(document, grant.rule, grant.source)} delegates {_power_name(document, grant)} to "
            f"{actor_as_written(document, grant.rule, grant.target)} ({where(document, grant.rule)}), but "
            f"{where(document, permits[0].rule)} allows it to be delegated only to {to}",
            grant.rule.location, permits[0].rule.location, subjects=(grant.source, grant.target, grant.obj))


@check("DEL003", "sub-delegation-not-allowed", Severity.ERROR, "delegation")
def sub_delegation_not_allowed(document: Document, context: Context) -> Iterator[Finding]:
    """A delegate passes on a power it received by delegation, with no `may sub-delegate` rule
    allowing it to (or to that actor).

    Why it matters: a delegation is made to a person the delegator trusts.  Passing it on
    again, unless the framework allows it, breaks the chain of authority back to the
    minister accountable to Parliament.

    Fails::

        permanent_secretary must approve budgets
        permanent_secretary delegates approve budgets to director_general
        director_general delegates approve budgets to finance_director

    Passes::

        permanent_secretary must approve budgets
        permanent_secretary delegates approve budgets to director_general
        director_general may sub-delegate approve budgets to finance_director in writing
        director_general delegates approve budgets to finance_director in writing

    An actor that also holds the power in its own right may delegate it as any holder may.
    """
    this = get("DEL003")
    all_grants = grants(document)
    holdings = memo(document, "holdings", lambda d: Holdings(d, all_grants))
    members = memberships(document)
    subs: dict[tuple[str, str, str], list[Grant]] = defaultdict(list)
    for grant in all_grants:
        if grant.sub and grant.rule.modality in POSITIVE:
            subs[(grant.source, grant.action, grant.obj)].append(grant)
            subs[(grant.source, "", grant.obj)].append(grant)
    for grant in all_grants:
        if grant.sub or not (grant.made or grant.permitted):
            continue
        if holdings.holds_own(grant.source, grant.action, grant.obj):
            continue
        received = [g for g in holdings.received_from(grant.source, grant.action, grant.obj)
                    if g.rule is not grant.rule]
        if not received:
            continue  # DEL001
        allowed = subs.get((grant.source, grant.action, grant.obj), [])
        if any(a.target == grant.target or members.related(a.target, grant.target) for a in allowed):
            continue
        origin = received[0]
        yield this.finding(
            f"{actor_as_written(document, grant.rule, grant.source)} passes on {_power_name(document, grant)} "
            f"to {actor_as_written(document, grant.rule, grant.target)} ({where(document, grant.rule)}), a power "
            f"delegated to it by {actor_as_written(document, origin.rule, origin.source)} "
            f"({where(document, origin.rule)}), and no rule allows it to sub-delegate that power"
            + (" to this actor" if allowed else ""),
            grant.rule.location, origin.rule.location, subjects=(grant.source, grant.target, grant.obj))


@check("DEL004", "delegation-not-in-writing", Severity.WARNING, "delegation")
def delegation_not_in_writing(document: Document, context: Context) -> Iterator[Finding]:
    """A delegation made without `in writing` where the rule that allows it requires writing.

    Why it matters: "delegations ... will be confirmed in writing" exists so that anyone can
    check who may spend, sign or decide.  A delegation the framework requires in writing
    that the document records as made without it leaves no trail to check.

    Fails::

        permanent_secretary may delegate financial_authority to director_general in writing
        permanent_secretary delegates financial_authority to director_general

    Passes::

        permanent_secretary may delegate financial_authority to director_general in writing
        permanent_secretary delegates financial_authority to director_general in writing
    """
    this = get("DEL004")
    all_grants = grants(document)
    written: dict[tuple[str, str, str, str], Grant] = {}
    for grant in all_grants:
        if grant.permitted and grant.rule.in_writing:
            written.setdefault((grant.source, grant.target, grant.action, grant.obj), grant)
            written.setdefault((grant.source, grant.target, "", grant.obj), grant)
    for grant in all_grants:
        if not grant.made or grant.rule.in_writing:
            continue
        rule = written.get((grant.source, grant.target, grant.action, grant.obj)) or \
            written.get((grant.source, grant.target, "", grant.obj))
        if rule is None:
            continue
        yield this.finding(
            f"{actor_as_written(document, grant.rule, grant.source)} delegates {_power_name(document, grant)} "
            f"to {actor_as_written(document, grant.rule, grant.target)} ({where(document, grant.rule)}) without "
            f"saying it is in writing, but {where(document, rule.rule)} allows that delegation only in writing",
            grant.rule.location, rule.rule.location, subjects=(grant.source, grant.target, grant.obj))


@check("DEL005", "delegation-cycle", Severity.ERROR, "delegation")
def delegation_cycle(document: Document, context: Context) -> Iterator[Finding]:
    """Delegations of one power that lead back to where they started (A to B, B to C, C to A).

    Why it matters: a loop of delegations means that nobody in it can tell who finally holds
    the power, and that each can claim to act on the others' authority.

    Fails::

        director_general delegates approve budgets to finance_director
        finance_director delegates approve budgets to director_general

    Passes::

        director_general delegates approve budgets to finance_director
    """
    this = get("DEL005")
    edges: dict[str, dict[str, dict[str, Grant]]] = defaultdict(lambda: defaultdict(dict))
    for grant in grants(document):
        if grant.made or grant.permitted:
            edges[_power(grant)][grant.source].setdefault(grant.target, grant)
    for power in sorted(edges):
        graph = {node: sorted(targets) for node, targets in edges[power].items()}
        for component in strongly_connected(graph):
            path = cycle_in(graph, component)
            steps = [edges[power][a][b] for a, b in zip(path, path[1:], strict=False)]
            first = steps[0]
            chain = ", ".join(
                f"{actor_as_written(document, g.rule, g.source)} to {actor_as_written(document, g.rule, g.target)} "
                f"({where(document, g.rule)})" for g in steps)
            yield this.finding(
                f"the delegations of {_power_name(document, first)} go round in a loop: {chain}",
                *(g.rule.location for g in steps), subjects=(*path[:-1], first.obj))


@check("DEL006", "delegation-not-made", Severity.WARNING, "delegation")
def delegation_not_made(document: Document, context: Context) -> Iterator[Finding]:
    """An actor acts "on behalf of" another under a delegation the document only permits: the
    other may delegate the power to it, but no rule says the delegation is made.

    Why it matters: "may delegate" is a choice, not a delegation.  A rule that has the
    business groups agree the plans on behalf of the Sponsor relies on a delegation that,
    as far as the document says, may never have been made; if it was not, what they agreed
    was agreed by nobody with the power to agree it.

    Fails::

        departmental_sponsor may delegate endorse corporate_plan to business_groups
        business_groups must agree corporate_plan on behalf of departmental_sponsor

    Passes::

        departmental_sponsor may delegate endorse corporate_plan to business_groups
        departmental_sponsor delegates endorse corporate_plan to business_groups
        business_groups must agree corporate_plan on behalf of departmental_sponsor

    Synonyms in the vocabulary are one act (`agree` is `endorse`, `designate` is `appoint`).  Acting on behalf of
    an actor with no `may delegate` rule at all is not reported: the document then states the
    arrangement itself.
    """
    this = get("DEL006")
    words = vocab.for_document(document)
    made: set[tuple[str, str, str, str]] = set()
    permits: dict[tuple[str, str, str, str], Grant] = {}
    for grant in grants(document):
        for action in {grant.action, ""}:
            key = (grant.source, grant.target, action, grant.obj)
            if grant.made:
                made.add(key)
            elif grant.permitted and not grant.sub:
                permits.setdefault(key, grant)
    if not permits:
        return
    members = memberships(document)
    for rule in document.rules:
        if rule.kind != "obligation" or not rule.action:
            continue
        principals = [r.id for r in rule.qual_refs("on_behalf_of") if r.kind == ACTOR]
        for principal in principals:
            for agent in rule.actors:
                agents = {agent, *members.containers(agent)}
                for obj in rule.object_ids:
                    keys = [(principal, a, act, obj) for a in sorted(agents)
                            for act in (words.canonical(rule.action), "")]
                    if any(key in made for key in keys):
                        continue
                    permit = next((permits[key] for key in keys if key in permits), None)
                    if permit is None:
                        continue
                    yield this.finding(
                        f"{actor_as_written(document, rule, agent)} {rule.action.replace('_', ' ')} "
                        f"{_object(document, obj)} on behalf of {actor_as_written(document, rule, principal)} "
                        f"({where(document, rule)}), but {where(document, permit.rule)} only allows "
                        f"{actor_as_written(document, permit.rule, principal)} to delegate that; no rule says "
                        "the delegation is made",
                        rule.location, permit.rule.location, subjects=(agent, principal, obj))


def _object(document: Document, obj: str) -> str:
    return f"'{document.object_name(obj)}'" if obj in document.objects else obj


def band_within(inner: Any, outer: Any) -> bool:
    """A money band lies inside another (None is no limit)."""
    if outer is None:
        return True
    return inner is not None and bands_nest(inner, outer)
    if inner is None:
        return False
    if outer.low is not None:
        if inner.low is None or inner.low < outer.low:
            return False
        if inner.low == outer.low and inner.low_inclusive and not outer.low_inclusive:
            return False
    if outer.high is not None:
        if inner.high is None or inner.high > outer.high:
            return False
        if inner.high == outer.high and inner.high_inclusive and not outer.high_inclusive:
            return False
    return True


def band_text(band: Any) -> str:
    if band is None:
        return "without limit"
    parts = []
    if band.low is not None:
        parts.append(f"{'from' if band.low_inclusive else 'above'} £{band.low:,.0f}")
    if band.high is not None:
        parts.append(f"{'up to' if band.high_inclusive else 'below'} £{band.high:,.0f}")
    return " ".join(parts)


@check("DEL007", "delegation-beyond-limits", Severity.ERROR, "delegation")
def delegation_beyond_limits(document: Document, context: Context) -> Iterator[Finding]:
    """A delegation that passes on more than the delegator holds, or more than the rule allowing
    the delegation permits: its money limits reach beyond theirs.

    Why it matters: a delegate can do no more than the delegator could.  A Director General who
    may approve contracts up to £5m cannot delegate approval of contracts up to £10m; contracts
    between the two limits would be approved by nobody with the power to approve them.

    Fails::

        director_general may approve contracts up to £5m
        director_general delegates approve contracts to finance_director up to £10m

    Passes::

        director_general may approve contracts up to £5m
        director_general delegates approve contracts to finance_director up to £1m

    Limits are the rules' money bands (`up to`, `above`, `below`, `between`).  A delegation
    with no limit of a power held only within limits is reported too; a delegator that holds
    the power without limit (or is responsible for the thing) may delegate any part of it.  A
    sub-delegation is held to the limit its delegator received, whether by a delegation
    (`delegates ... up to £1m`) or as `has delegated authority ... up to £100k`; a permission
    to sub-delegate without a band permits passing on what was received, no more.
    """
    this = get("DEL007")
    all_grants = grants(document)
    holdings = memo(document, "holdings", lambda d: Holdings(d, all_grants))
    permits: dict[tuple[str, str, str, str], list[Grant]] = defaultdict(list)
    for grant in all_grants:
        if grant.permitted:
            permits[(grant.source, grant.target, grant.action, grant.obj)].append(grant)
    for grant in all_grants:
        if not (grant.made or grant.permitted):
            continue
        band = getattr(grant.rule, "threshold", None)
        limits: list[tuple[Any, Rule]] = []
        if (grant.source, grant.obj) not in holdings.whole and grant.action:
            # what the delegator holds: its own powers and, for a sub-delegation made, what it
            # received (semantics.md §9: a band on a delegation is a ceiling); a permission to
            # sub-delegate without a band permits passing on what was received, no more
            held = list(holdings.bands.get((grant.source, grant.action, grant.obj), []))
            if grant.made:
                held += holdings.delegated_bands.get((grant.source, grant.action, grant.obj), [])
                held += [(getattr(g.rule, "threshold", None), g.rule)
                         for g in holdings.received_from(grant.source, grant.action, grant.obj)
                         if g.rule is not grant.rule and g.made]
            bands = [h for h, _ in held]
            if held and None not in bands and not any(band_within(band, h) for h in bands):
                limits.append(held[0])
        if grant.made:
            allowed = permits.get((grant.source, grant.target, grant.action, grant.obj), [])
            bands = [getattr(p.rule, "threshold", None) for p in allowed]
            if allowed and not any(band_within(band, b) for b in bands):
                limits.append((bands[0], allowed[0].rule))
        for limit, rule in limits[:1]:
            yield this.finding(
                f"{actor_as_written(document, grant.rule, grant.source)} delegates {_power_name(document, grant)} to "
                f"{actor_as_written(document, grant.rule, grant.target)} {band_text(band)} "
                f"({where(document, grant.rule)}), beyond the limit of {band_text(limit)} that "
                f"{where(document, rule)} sets: nobody can pass on more than they hold",
                grant.rule.location, rule.location, subjects=(grant.source, grant.target, grant.obj))
