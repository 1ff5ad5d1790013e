"""References the amendment left pointing at the wrong place: renumbered or removed clauses.

Numbers are derived from position, so inserting, removing or moving a clause renumbers the
clauses after it, and prose that says "see 2.1.4" silently points at a different clause.  A
reference that is the same in BASE and HEAD, in a clause that is in both, is checked against
what it meant in BASE: if that clause is now numbered differently the reference was not
updated; if that clause is gone, the reference points at a removed clause.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from checker.findings import Location
from checker.model import Clause, Document
from checker.xrefs import ANNEX, NUMBER, XRef, find_references, resolve


@dataclass(frozen=True)
class StaleReference:
    clause: str  # the clause whose prose holds the reference (HEAD)
    clause_label: str
    reference: str  # as the prose targets it: "2.1.4", "Annex C"
    target: str  # the clause id it meant in BASE
    target_heading: str
    now: str | None  # how that clause is referred to now (None: removed)
    location: Location


def _prose(clause: Clause) -> str:
    cells = [cell for row in clause.table.rows for cell in row] if clause.table else []
    return "\n".join([clause.text, *clause.items, *cells])


def _refs(clause: Clause) -> Counter[tuple[str, str]]:
    return Counter((x.target, x.kind) for x in find_references(_prose(clause)) if x.kind in (NUMBER, ANNEX))


def _now(clause: Clause, document: Document, kind: str) -> str | None:
    if kind == ANNEX:
        part = document.part_by_id.get(clause.part)
        return part.label if part and part.id == clause.id else None
    return clause.number


def _where(clause: Clause, target: str) -> Location:
    for sentence in clause.sentences:
        if target in sentence.text or target.replace("Annex ", "") in sentence.text:
            return sentence.location
    return clause.location


def stale_references(base: Document, head: Document) -> Iterator[StaleReference]:
    for clause in head.clauses.values():
        old = base.clauses.get(clause.id)
        if old is None:
            continue
        kept = _refs(clause) & _refs(old)
        for target, kind in sorted(kept):
            meant = resolve(base, XRef(0, 0, target, kind))
            if meant is None or meant.id == clause.id:
                continue
            heading = meant.title or meant.label
            if meant.id not in head.clauses:
                yield StaleReference(clause.id, clause.label, target, meant.id, heading, None,
                                     _where(clause, target))
                continue
            now = _now(head.clauses[meant.id], head, kind)
            if now is not None and now != target:
                yield StaleReference(clause.id, clause.label, target, meant.id, heading, now,
                                     _where(clause, target))
