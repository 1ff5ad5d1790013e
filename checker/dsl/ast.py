"""Statements as the parser produces them, before names are resolved to the registers.

Lines and columns are 1-based and relative to the rules block; the loader maps them onto the
YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NameRef:
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Qualifier:
    """One qualifier of a statement: `to ministers`, `annually`, `after x approves y`."""

    kind: str
    names: tuple[NameRef, ...] = ()
    value: str | None = None  # a condition, deadline, event or verb
    objects: tuple[NameRef, ...] = ()  # the object of an `after` step


@dataclass(frozen=True)
class Statement:
    """A parsed statement.  `kind` is the grammar rule that produced it.

    kinds: sentence, informal, acknowledge, obligation, responsibility, accountability,
    reporting, line_management, chairing, membership, appointment, holding, advice,
    supervision, delegation, delegates, amendment.
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
    code: str | None = None  # check code of an acknowledgement
    sub_delegation: bool = False
    occurrence: int | None = None  # of a sentence citation: which sentence holding the quote
