"""Which approvals a change needs, read from the BASE version's own amendment rules.

    amendments to main_body require approval of secretary_of_state and chief_secretary_to_the_treasury
    amendments to annexes require agreement of permanent_secretary and director_general

A rule's objects select parts: `main_body` (foreword, introduction, sections, glossary),
`annexes`, `whole_document`, or a part id.  For each part a change touches, the most specific
rules that select it apply (a part id over main_body/annexes over whole_document); every
counterpart of those rules must approve.  The rules are always those of BASE: an amendment
that weakens the amendment rule is judged by the rule it replaces.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.model import ACTOR, MAIN_BODY_KINDS, Document, Part, Rule

SPECIFICITY = {"whole_document": 1, "main_body": 2, "annexes": 2}  # a part id: 3


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
    scored = [(max((selects(ref.id, part) for ref in rule.objects), default=0), rule) for rule in rules]
    best = max((score for score, _ in scored), default=0)
    return [rule for score, rule in scored if best and score == best]


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
