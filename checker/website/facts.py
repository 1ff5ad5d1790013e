"""What the rules say about one actor, sorted into the sections of its page.

Every item is a rule (so it links to its clause); what the actors register says without a
clause (boards chaired, bodies sat on) is kept apart, as register facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model import ACTOR, Document, Rule

MODALITY_HEADINGS = (
    ("must", "Must"), ("must_not", "Must not"), ("should", "Should"),
    ("should_not", "Should not"), ("may", "May"), ("may_not", "May not"),
)


@dataclass(frozen=True)
class Section:
    """A heading of an actor page and the rules under it."""

    id: str
    title: str
    groups: tuple[tuple[str, tuple[Rule, ...]], ...]  # (sub-heading, rules), empty groups dropped

    @property
    def empty(self) -> bool:
        return not any(rules for _, rules in self.groups)


@dataclass
class _Sorter:
    document: Document
    actor: str
    used: set[str] = field(default_factory=set)

    def _take(self, rules: list[Rule]) -> tuple[Rule, ...]:
        out = tuple(r for r in rules if r.id not in self.used)
        self.used.update(r.id for r in out)
        return out

    def bears(self, *kinds: str) -> list[Rule]:
        return [r for r in self.document.rules_by_bearer.get(self.actor, ()) if r.kind in kinds]

    def targets(self, *kinds: str) -> list[Rule]:
        """Rules of these kinds whose objects (the second party) include the actor."""
        return [r for r in self.document.rules_by_actor.get(self.actor, ()) if r.kind in kinds
                and any(o.kind == ACTOR and o.id == self.actor for o in r.objects)]

    def counterpart(self, *kinds: str) -> list[Rule]:
        return [r for r in self.document.rules_by_actor.get(self.actor, ()) if r.kind in kinds
                and any(o.kind == ACTOR and o.id == self.actor for o in r.counterparts)]

    def section(self, id: str, title: str, *groups: tuple[str, list[Rule]]) -> Section:
        taken = tuple((name, self._take(rules)) for name, rules in groups)
        return Section(id, title, tuple((name, rules) for name, rules in taken if rules))


def actor_sections(document: Document, actor_id: str) -> list[Section]:
    """The sections of an actor page, in reading order; a rule appears in one section only."""
    s = _Sorter(document, actor_id)
    obligations = s.bears("obligation")
    delegation = s.bears("delegation", "delegates")
    sections = [
        s.section("duties", "What it must, must not and may do", *(
            (title, [r for r in obligations if r.modality == modality])
            for modality, title in MODALITY_HEADINGS)),
        s.section("responsibilities", "What it is responsible for",
                  ("Responsible for", s.bears("responsibility"))),
        s.section("accountability", "To whom it is accountable",
                  ("Accountable to", s.bears("accountability")),
                  ("Reports to", s.bears("reporting")),
                  ("Line managed by", s.targets("line_management")),
                  ("Supervised by", s.targets("supervision"))),
        s.section("accountable-to-it", "Who is accountable to it",
                  ("Accountable to it", s.targets("accountability")),
                  ("Report to it", s.targets("reporting")),
                  ("Line manages", s.bears("line_management")),
                  ("Supervises", s.bears("supervision"))),
        s.section("delegation", "What it may delegate, and what is delegated to it",
                  ("Delegations it makes", [r for r in delegation if r.kind == "delegates"]),
                  ("Powers to delegate", [r for r in delegation if r.kind == "delegation"
                                          and not r.sub_delegation]),
                  ("Sub-delegation", [r for r in delegation if r.sub_delegation]),
                  ("Delegated to it", s.counterpart("delegation", "delegates"))),
        s.section("boards", "Boards it chairs or sits on",
                  ("Chairs", s.bears("chairing")),
                  ("Member of", s.bears("membership")),
                  ("Chaired by", s.targets("chairing")),
                  ("Members", s.targets("membership"))),
        s.section("appointments", "Offices, appointments and advice",
                  ("Offices held", s.bears("holding")),
                  ("Appoints", s.bears("appointment")),
                  ("Appointed by", s.targets("appointment") + s.counterpart("appointment")),
                  ("Advises", s.bears("advice")),
                  ("Advised by", s.targets("advice"))),
        s.section("involved", "Where others act towards it",
                  ("Named in others' rules", list(document.rules_by_actor.get(actor_id, ())))),
    ]
    return [sec for sec in sections if not sec.empty]


@dataclass(frozen=True)
class Boards:
    """What the actors register says about boards, with no clause behind it."""

    chairs: tuple[str, ...]
    member_of: tuple[str, ...]
    chaired_by: tuple[str, ...]
    members: tuple[str, ...]
    part_of: str | None
    parts: tuple[str, ...]


def register_boards(document: Document, actor_id: str) -> Boards:
    actor = document.actors[actor_id]
    others = sorted(document.actors.values(), key=lambda a: a.id)
    return Boards(
        chairs=tuple(a for a in actor.chairs if a in document.actors),
        member_of=tuple(a for a in actor.member_of if a in document.actors),
        chaired_by=tuple(a.id for a in others if actor_id in a.chairs),
        members=tuple(a.id for a in others if actor_id in a.member_of),
        part_of=actor.part_of if actor.part_of in document.actors else None,
        parts=tuple(a.id for a in others if a.part_of == actor_id),
    )
