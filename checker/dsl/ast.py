"""Statements as the parser produces them, before names are resolved to the registers.

Lines and columns are 1-based and relative to the rules block; the loader maps them onto the
YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model import Band, Recurrence, Term, TimePoint


@dataclass(frozen=True)
class NameRef:
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class CondNode:
    """A condition as written: an atom (a name, with its place, or a quoted text) or
    not/and/or of conditions.  The resolver turns it into a model `Cond`."""

    op: str  # atom | not | and | or
    name: NameRef | None = None
    text: str | None = None  # a quoted condition, without its quotes
    args: tuple[CondNode, ...] = ()
    # how deep the tree is, and where its first atom stands (for a message about the whole)
    depth: int = field(default=1, compare=False)
    line: int = field(default=1, compare=False)
    column: int = field(default=1, compare=False)

    def __str__(self) -> str:
        if self.op == "atom":
            return self.name.text if self.name else f'"{self.text}"'
        if self.op == "not":
            return f"not {_bracket(self.args[0])}"
        return f" {self.op} ".join(_bracket(a) for a in self.args)


def _bracket(node: CondNode) -> str:
    return f"({node})" if node.op in ("and", "or") else str(node)


@dataclass(frozen=True)
class Qualifier:
    """One qualifier of a statement: `to ministers`, `annually`, `after x approves y`."""

    kind: str
    names: tuple[NameRef, ...] = ()
    value: str | None = None  # a condition, deadline, event or verb
    objects: tuple[NameRef, ...] = ()  # the object of an `after` step
    cond: CondNode | None = None
    point: TimePoint | None = None
    amount: tuple[int, str] | None = None
    recurrence: Recurrence | None = None
    term: Term | None = None
    band: Band | None = None
    hedge: str | None = None  # a hedged deadline (`normally by end of april`): one of HEDGES


@dataclass(frozen=True)
class Statement:
    """A parsed statement.  `kind` is the grammar rule that produced it.

    kinds: sentence, informal, acknowledge, obligation, responsibility, accountability,
    reporting, line_management, chairing, membership, appointment, holding, advice,
    supervision, delegation, delegates, amendment, jurisdiction, delegated_authority
    (`seek approval of` is an obligation; `has dotted line to` is reporting, dotted).
    """

    kind: str
    line: int
    column: int
    source: str
    subjects: tuple[NameRef, ...] = ()
    modality: str | None = None
    action: str | None = None
    objects: tuple[NameRef, ...] = ()
    # the second party: delegate (delegation), office (appoints ... as), approvers (amendment)
    counterparts: tuple[NameRef, ...] = ()
    qualifiers: tuple[Qualifier, ...] = ()
    text: str | None = None  # quote of a sentence header, reason of informal/acknowledge
    code: str | None = None  # check code of an acknowledgement or an explanation
    element: str | None = None  # the conformance-profile element an `explain` is for
    sub_delegation: bool = False
    occurrence: int | None = None  # of a sentence citation: which sentence holding the quote
    hedge: str | None = None
    exclusive: str | None = None  # final | alone
    quantity: tuple[str, int] | None = None
    dotted: bool = False
    # alternative acts (`negotiate or consult`): every one, in order; empty for one act
    alternatives: tuple[str, ...] = ()
