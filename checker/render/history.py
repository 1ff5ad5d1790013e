"""The amendment history table every publication ends with, from the amendment records.

The records and their order belong to checker.amend.history; this module only words the
rows for a reader: dates in full, approvers by name, clauses by number.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.model import Document
from checker.render.outline import format_date

COLUMNS = ("Amendment", "Title", "In force", "Approved by", "Clauses affected")
EMPTY = "No amendments have been made to this document since it was published."


@dataclass(frozen=True)
class History:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty_message: str = EMPTY


def amendment_history(document: Document, as_at: str | None = None) -> History:
    from checker.amend.history import history

    rows = []
    for entry in history(document, as_at=as_at):
        approvers = "; ".join(
            f"{_actor(document, a.actor)} ({format_date(a.date)})" for a in entry.approvals)
        clauses = ", ".join(_clause(document, c) for c in entry.clauses)
        in_force = format_date(entry.in_force) if entry.in_force else "Not yet in force"
        rows.append((entry.id, entry.title, in_force, approvers or "None recorded", clauses or "None"))
    return History(COLUMNS, tuple(rows))


def _actor(document: Document, actor_id: str) -> str:
    if actor_id in document.offices:
        return document.offices[actor_id].name
    return document.actor_name(actor_id)


def _clause(document: Document, clause_id: str) -> str:
    clause = document.clauses.get(clause_id)
    if clause is None:
        return clause_id  # removed since: its id is all that is left
    return clause.number or clause.label
