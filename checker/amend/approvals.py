"""Which approvals a change needs, read from the BASE version's own amendment rules.

    amendments to main_body require approval of secretary_of_state and chief_secretary_to_the_treasury
    amendments to annexes require agreement of permanent_secretary and director_general

A rule's objects select parts: `main_body` (foreword, introduction, sections, glossary),
`annexes`, `whole_document`, or a part id.  Approvals add up, as the text reads: for each part
a change touches, *every* rule that selects it applies (a change to an annex that a rule on
`annex-c`, the rule on `annexes` and a rule on `whole_document` all cover needs all three
sets); every counterpart of those rules must approve.  The rules are always those of BASE: an
amendment that weakens the amendment rule is judged by the rule it replaces.

An approver may act through a delegate when the document says so, in the clause that states
the amendment rule (`secretary_of_state may delegate approve framework_amendments to
junior_minister`, or `... delegates ...`): the record's approval then names the delegate as
`actor` and the approver as `on_behalf_of`.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.model import ACTOR, MAIN_BODY_KINDS, OBJECT, Document, Part, Rule

SPECIFICITY = {"whole_document": 1, "main_body": 2, "annexes": 2}  # a part id: 3
# the actions a delegation of the power to approve amendments must name: a delegation without an
# action ("may delegate framework_document", maintaining it) is no power to approve its amendments
APPROVING = ("approve", "agree", "amend", "revise")


@dataclass(frozen=True)
class Requirement:
    """The approvals needed for the changes to one part."""

    part: str
    part_label: str
    clauses: tuple[str, ...]  # the changed clauses in that part
    approvers: tuple[str, ...]  # actor ids, in the order the rules name them
    rules: tuple[Rule, ...]  # the BASE amendment rules that apply

    @property
    def selectors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(ref.id for rule in self.rules for ref in rule.objects))


def amendment_rules(document: Document) -> list[Rule]:
    return [r for r in document.rules if r.kind == "amendment"]


def selects(selector: str, part: Part) -> int:
    """How specifically `selector` names `part` (0: not at all)."""
    if selector == part.id:
        return 3
    if selector == "main_body":
        return 2 if part.kind in MAIN_BODY_KINDS else 0
    if selector == "annexes":
        return 2 if part.is_annex else 0
    if selector == "whole_document":
        return 1
    return 0


def rules_for(part: Part, rules: list[Rule]) -> list[Rule]:
    """Every amendment rule that covers `part`, most specific first (approvals add up)."""
    scored = [(max((selects(ref.id, part) for ref in rule.objects), default=0), index, rule)
              for index, rule in enumerate(rules)]
    return [rule for score, _, rule in sorted(scored, key=lambda s: (-s[0], s[1])) if score]


def delegations(base: Document, rules: tuple[Rule, ...]) -> dict[tuple[str, str], Rule]:
    """(approver, delegate) -> the BASE rule that lets `delegate` approve amendments on behalf of
    `approver`: a `may delegate`, `must delegate` or `delegates` statement by the approver,
    naming an approving action (approve, agree, amend, revise), that is about amendments: written in a clause that
    states one of `rules` (the amendment rules that apply), or delegating an object that the
    other rules of such a clause name (`framework_amendments` where the clause says
    `ministry must publish framework_amendments`).  A sub-delegation never counts.

    A delegation counts only where the delegator could not have been bypassed when it was
    written: it must stand in a part whose own amendment rules (in BASE) require the
    delegator's approval.  Written in a part that others alone may amend (an annex amended by
    officials), it is words the delegator never had to agree to, and counts for nothing."""
    clauses = {rule.clause for rule in rules}
    all_rules = amendment_rules(base)
    amendments = {ref.id for rule in base.rules if rule.clause in clauses and rule.kind != "amendment"
                  for ref in (*rule.objects, *rule.qual_refs("about")) if ref.kind == OBJECT}
    out: dict[tuple[str, str], Rule] = {}
    for rule in base.rules:
        if rule.kind not in ("delegation", "delegates") or rule.sub_delegation:
            continue
        about = rule.clause in clauses or any(ref.id in amendments for ref in rule.objects)
        if not about or rule.action not in APPROVING:
            continue
        if rule.kind == "delegation" and rule.modality not in ("may", "must"):
            continue
        guarded = _approvers_of(base, rule.clause, all_rules)
        for holder in rule.actors:
            if holder not in guarded:
                continue
            for delegate in (r.id for r in rule.counterparts if r.kind == ACTOR):
                out.setdefault((holder, delegate), rule)
    return out


def _approvers_of(base: Document, clause_id: str, rules: list[Rule]) -> set[str]:
    """The actors whose approval every amendment of the clause `clause_id` needs (BASE's rules
    for the part it stands in)."""
    clause = base.clauses.get(clause_id)
    part = base.part_by_id.get(clause.part) if clause is not None else None
    if part is None:
        return set()
    return {ref.id for rule in rules_for(part, rules) for ref in rule.counterparts if ref.kind == ACTOR}


def requirements(base: Document, head: Document | None,
                 touched: dict[str, list[str]]) -> list[Requirement]:
    """The approvals each touched part needs, in the order of the parts in BASE, then HEAD."""
    rules = amendment_rules(base)
    out: list[Requirement] = []
    order = [p.id for p in base.parts] + ([p.id for p in head.parts] if head else [])
    for part_id in sorted(touched, key=lambda p: order.index(p) if p in order else len(order)):
        part = base.part_by_id.get(part_id) or (head.part_by_id.get(part_id) if head else None)
        if part is None:
            continue
        applying = rules_for(part, rules)
        approvers = tuple(dict.fromkeys(ref.id for rule in applying for ref in rule.counterparts
                                        if ref.kind == ACTOR))
        out.append(Requirement(part_id, part.label, tuple(touched[part_id]), approvers, tuple(applying)))
    return out


def resolve_actor(document: Document, name: str) -> str | None:
    """An approval's actor as an actor id: an actor, or an office (its holder)."""
    if name in document.actors:
        return name
    if name in document.offices:
        return document.offices[name].holder
    return None
