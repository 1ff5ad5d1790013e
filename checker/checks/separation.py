"""Separation of duties: nobody commissions from itself, approves its own submission, or sits
on the body that supervises it, unless the document keeps the roles apart.

Where the document addresses the tension itself, the finding is acknowledged in the source
(`acknowledge SOD003 for <member>, <board> and <supervised> because "..."`) and reported as suppressed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from checker import vocab
from checker.checks.base import Context, check, get
from checker.checks.common import (
    POSITIVE,
    actor_as_written,
    memberships,
    object_name,
    same_actor,
    the,
    third_person,
    where,
)
from checker.findings import Finding, Severity
from checker.model import ACTOR, Document, Rule
from checker.semantics import Fact, facts_of

SEPARATION_KINDS = frozenset({"separation", "safeguard"})
_POSITIVE = ("duty", "permission", "power", "recommendation")
SUBMITTING, APPROVING = frozenset({"drafts", "submits"}), frozenset({"approves", "endorses"})
ADVISE = "advise"  # the vocabulary's canonical verb of giving advice (SOD004)
NOT_DOING = frozenset({"must_not", "may_not", "should_not", "need_not"})


def _acts(document: Document, matches: Callable[[Fact], bool]) -> dict[tuple[str, str], Rule]:
    """(actor, object) -> the first rule in which the actor must or may do an act `matches`
    accepts (actors as the rules name them: a group's rule is the group's)."""
    out: dict[tuple[str, str], Rule] = {}
    for fact in facts_of(document).all:
        if fact.via is None and fact.obj and fact.rule.kind == "obligation" and fact.force in _POSITIVE \
                and matches(fact):
            key = (fact.bearer, fact.obj)
            if key not in out or fact.rule.location < out[key].location:
                out[key] = fact.rule
    return out


def _roles(roles: frozenset[str]) -> Callable[[Fact], bool]:
    return lambda fact: fact.role in roles


def _to_self(document: Document, rule: Rule, actor: str) -> bool:
    return actor in rule.recipients or actor in {r.id for r in rule.qual_refs("approval")}


def _term(words: vocab.Vocabulary, term: str) -> Callable[[Fact], bool]:
    """A pair's side: a canonical verb or a role of the vocabulary."""
    return lambda fact: words.matches(term, fact.verb)


def _separations(document: Document, services: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """(actor, object or "") pairs that a separation rule covers: a rule of the actor's whose
    object is of a separation kind (ethical walls).  Scoped (`for`) to a service the actor
    commissions or provides, it covers that service; unscoped, or scoped to the actor's
    commissioning as a whole (an object that is none of those services), it covers all ("")."""
    out: set[tuple[str, str]] = set()
    kinds = {t.id for t in document.objects.values() if t.kind in SEPARATION_KINDS}
    for kind_id in sorted(kinds):
        for rule in document.rules_by_object.get(kind_id, ()):
            scope = [o for o in (*rule.object_ids, *rule.scope) if o not in kinds]
            for actor in rule.actors:
                named = [o for o in scope if (actor, o) in services]
                if named:
                    out.update((actor, obj) for obj in named)
                else:
                    out.add((actor, ""))
    return out


@check("SOD001", "duties-not-separated", Severity.WARNING, "separation")
def duties_not_separated(document: Document, context: Context) -> Iterator[Finding]:
    """One actor holds both sides of a separation-of-duties pair on the same thing (the
    vocabulary's `separation` pairs: commission and provide, draft and approve, operate and
    audit), with no rule keeping the two roles apart.

    Why it matters: a commissioner that buys from itself marks its own homework: in-house
    bids can be favoured over outside tenders and poor performance hidden; an approver who
    drafted the plan checks nothing.  Documents that combine the roles say how they are kept
    apart (the "ethical walls between purchaser and provider"); where they do not, the finding
    stands.

    Fails::

        delivery_agency must commission interventions
        delivery_agency must deliver interventions

    Passes::

        delivery_agency must commission interventions
        delivery_agency must provide interventions
        delivery_agency must maintain ethical_walls for interventions
        # objects.yaml: {id: ethical_walls, name: ethical walls, kind: separation}

    Each side of a pair is a canonical verb (synonyms count: `deliver` is `provide`) or a role
    of the vocabulary (`drafts` covers draft, prepare, develop).  A document adds pairs with
    its own `vocabulary:`.  A separation is a rule of the actor's about an object whose `kind`
    is `separation` or `safeguard`: scoped (`for`) to things the actor does, it covers those;
    unscoped, or scoped to something else, it covers all of them.
    """
    this = get("SOD001")
    words = vocab.for_document(document)
    reported: set[tuple[str, str]] = set()
    for pair in words.pairs:
        ones = _acts(document, _term(words, pair.one))
        others = _acts(document, _term(words, pair.other))
        walls = _separations(document, set(ones) | set(others))
        for key in sorted(ones.keys() & others.keys()):
            actor, obj = key
            a, b = ones[key], others[key]
            if a is b or key in reported or (actor, obj) in walls or (actor, "") in walls:
                continue
            if _to_self(document, a, actor) or _to_self(document, b, actor):
                continue  # submitting to oneself is SOD002's finding
            reported.add(key)
            why = f" ({pair.why})" if pair.why else ""
            yield this.finding(
                f"{actor_as_written(document, a, actor)} both {third_person(a.action or '')} {object_name(document, obj)} "
                f"({where(document, a)}) and {third_person(b.action or '')} it ({where(document, b)}), duties to keep "
                f"apart{why}, and no rule keeps them apart",
                *dict.fromkeys((a.location, b.location)), subjects=(actor, obj))


@check("SOD002", "approves-own-submission", Severity.WARNING, "separation")
def approves_own_submission(document: Document, context: Context) -> Iterator[Finding]:
    """An actor approving its own submission: it submits (drafts, prepares, proposes) something
    to itself and approves it, or a rule makes its action subject to its own approval.

    Why it matters: approval is a check by somebody else.  When aliases and offices are
    resolved, "the Director General submits the accounts to the Agency Accounting Officer for
    approval" is the Director General approving his or her own accounts.

    Fails::

        director_general must submit annual_accounts to agency_accounting_officer
        agency_accounting_officer must approve annual_accounts
        # agency_accounting_officer is an office the Director General holds

    Passes::

        director_general must submit annual_accounts to permanent_secretary
        permanent_secretary must approve annual_accounts
    """
    this = get("SOD002")
    approvals = _acts(document, _roles(APPROVING))
    words = vocab.for_document(document)
    for rule in document.rules:
        if rule.kind == "obligation" and rule.modality in POSITIVE and rule.action \
                and words.role(rule.action) in SUBMITTING:
            for actor in rule.actors:
                to_self = actor in rule.recipients or actor in {r.id for r in rule.qual_refs("approval")}
                if not to_self:
                    continue
                for obj in rule.object_ids or ("",):
                    approval = approvals.get((actor, obj))
                    places = [rule.location] + ([approval.location] if approval else [])
                    what = object_name(document, obj) if obj else "it"
                    extra = f" and approves it ({where(document, approval)})" if approval else ""
                    yield this.finding(
                        f"{actor_as_written(document, rule, actor)} {third_person(rule.action or '')} {what} to itself "
                        f"({where(document, rule)}){extra}: the approval is no check on the submission",
                        *places, subjects=(actor, *([obj] if obj else [])))


def _supervised(document: Document) -> list[tuple[str, str, Rule]]:
    """(supervising body, supervised actor, rule) for every `supervises`/`oversees` rule."""
    out: list[tuple[str, str, Rule]] = []
    for rule in document.rules:
        if rule.kind == "supervision":
            for body in rule.actors:
                out.extend((body, ref.id, rule) for ref in rule.objects if ref.kind == ACTOR)
    return out


def _leads(document: Document) -> dict[str, dict[str, Rule | None]]:
    """actor -> {what it heads or answers for: the rule that says so (None: the register)}."""
    out: dict[str, dict[str, Rule | None]] = defaultdict(dict)
    for entry in document.actors.values():
        for body in entry.chairs:
            out[entry.id].setdefault(body, None)
    for rule in document.rules:
        targets: list[str] = []
        if rule.kind in ("responsibility", "chairing"):
            targets = [r.id for r in rule.objects if r.kind == ACTOR]
        elif rule.kind == "accountability":
            targets = [r.id for r in rule.qual_refs("scope") if r.kind == ACTOR]
        for actor in rule.actors:
            for target in targets:
                out[actor].setdefault(target, rule)
    return out


def _members_of(document: Document) -> dict[str, dict[str, Rule | None]]:
    out: dict[str, dict[str, Rule | None]] = defaultdict(dict)
    for entry in document.actors.values():
        for body in (*entry.member_of, *entry.chairs):
            out[body].setdefault(entry.id, None)
    for rule in document.rules:
        if rule.kind in ("membership", "chairing"):
            for actor in rule.actors:
                for ref in rule.objects:
                    if ref.kind == ACTOR:
                        out[ref.id].setdefault(actor, rule)
    return out


@check("SOD003", "member-of-own-supervisor", Severity.WARNING, "separation")
def member_of_own_supervisor(document: Document, context: Context) -> Iterator[Finding]:
    """A member (or the chair) of a supervising body who is the actor it supervises, part of it,
    or its head (responsible or accountable for it, or chairing it).

    Why it matters: supervision is only as independent as its members.  A Director General who
    sits on the board that supervises the Director General's own agency takes part in judging
    his or her own performance.  Where the document says how the tension is handled, record
    that with `acknowledge SOD003 for <member>, <board> and <supervised> because "<the document's words>"`.

    Fails::

        oversight_board supervises delivery_agency
        director_general is member of oversight_board
        director_general is responsible for delivery_agency

    Passes::

        oversight_board supervises delivery_agency
        permanent_secretary is member of oversight_board
        director_general is responsible for delivery_agency
    """
    this = get("SOD003")
    leads = _leads(document)
    members = _members_of(document)
    containers = memberships(document)
    for body, supervised, rule in _supervised(document):
        for member, how in sorted(members.get(body, {}).items()):
            link: Rule | None = None
            if member == supervised:
                relation = "is"
            elif supervised in containers.containers(member):
                relation = "is part of"
            elif supervised in leads.get(member, {}):
                relation = "heads"
                link = leads[member][supervised]
            else:
                continue
            places = [rule.location]
            if how is not None:
                places.append(how.location)
            elif member in document.actors:
                places.append(document.actors[member].location)
            if link is not None:
                places.append(link.location)
            member_name = the(document.actor_name(member))
            body_name = actor_as_written(document, rule, body)
            source = f" ({where(document, how)})" if how is not None else " (actors register)"
            yield this.finding(
                f"{body_name} supervises {actor_as_written(document, rule, supervised)} ({where(document, rule)}), "
                f"and {member_name}, who {relation} {actor_as_written(document, rule, supervised) if relation != 'is' else 'the one supervised'}"
                f"{' (' + where(document, link) + ')' if link is not None else ''}, is a member of "
                f"{body_name}{source}: the supervisor includes the supervised",
                *dict.fromkeys(places), subjects=(member, body, supervised))


@check("SOD004", "reviews-own-work", Severity.INFO, "separation")
def reviews_own_work(document: Document, context: Context) -> Iterator[Finding]:
    """An actor that advises the approver on something it has itself drafted, agreed or
    endorsed: one person wearing two hats that are meant to check each other.

    Why it matters: advice to a minister on whether to approve a plan is meant to be a check
    on the plan.  When the adviser is the one who agreed the plan (often because several
    offices, such as Departmental Sponsor and Principal Accounting Officer, are held by one
    person), the minister hears one voice twice.  Often deliberate; worth knowing.  Advice is
    the relation (`advises X on Y`) or a duty or power to give it (`must advise X on Y`, and the
    vocabulary's synonyms of `advise`); a bar on advising (`must not advise`) is none.

    Fails::

        permanent_secretary must endorse corporate_plan
        permanent_secretary advises secretary_of_state on corporate_plan

    Passes::

        permanent_secretary must endorse corporate_plan
        director_of_strategy advises secretary_of_state on corporate_plan
    """
    this = get("SOD004")
    own = _acts(document, _roles(APPROVING | SUBMITTING))
    words = vocab.for_document(document)
    for rule in document.rules:
        # advice is the relation (`advises X on Y`) or a duty or power to give it (`must advise X
        # on Y`, synonyms of the vocabulary's `advise` included); a bar on advising is none
        advising = rule.kind == "advice" or (
            rule.kind == "obligation" and rule.modality not in NOT_DOING
            and any(words.canonical(act) == ADVISE for act in rule.actions))
        if not advising:
            continue
        for actor in rule.actors:
            for obj in rule.object_ids:
                earlier = own.get((actor, obj))
                if earlier is None:
                    continue
                advised = " and ".join(document.display(r) for r in rule.objects if r.kind == ACTOR)
                adviser, doer = actor_as_written(document, rule, actor), actor_as_written(document, earlier, actor)
                who = "it" if adviser == doer else f"{doer}, {same_actor(document, actor)},"
                itself = " itself" if adviser == doer else ""
                yield this.finding(
                    f"{adviser} advises {the(advised) if advised else 'the approver'} "
                    f"on {object_name(document, obj)} ({where(document, rule)}), which {who} "
                    f"{third_person(earlier.action or '')}{itself} ({where(document, earlier)}): the advice "
                    "reviews the adviser's own work",
                    rule.location, earlier.location, subjects=(actor, obj))
