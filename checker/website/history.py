"""The amendment history: every amendment with its approvals and semantic diff, and each
amended clause's versions (checker/amend/history.py reads them from the records)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.amend import history as amendments
from checker.website import urls
from checker.website.pages import Item, Site


def entries(site: Site) -> list[Any]:
    return list(amendments.history(site.document))


def amendment_in_force(site: Site) -> Any | None:
    """The last amendment in force on the build's date, if any."""
    live = amendments.history(site.document, as_at=site.data.today)
    return live[-1] if live else None


def clause_notes(site: Site) -> dict[str, list[Any]]:
    notes = amendments.clause_notes(site.document)
    return {c: v for c, v in notes.items() if c in site.document.clauses}


def amendment_changes(site: Site, entry: Any) -> list[tuple[str, Any, Any]]:
    """(clause id, version before, version after) for each clause the amendment touched, in
    the order it lists them: what its page shows word by word."""
    out = []
    for clause_id in entry.clauses:
        versions = amendments.clause_history(site.document, clause_id)
        for before, after in zip(versions, versions[1:], strict=False):
            if after.since_amendment == entry.id and (before.exists or after.exists):
                out.append((clause_id, before, after))
                break
    return out


def pages(site: Site) -> Iterator[Item]:
    history = entries(site)
    notes = clause_notes(site)
    amended_parts = sorted({site.document.clauses[c].part for c in notes},
                           key=[p.id for p in site.document.parts].index)
    yield site.page(urls.HISTORY, "Amendment history", "history.html", entries=history,
                    parts=[site.document.part_by_id[p] for p in amended_parts],
                    in_force=amendment_in_force(site))
    for entry in history:
        yield site.page(urls.amendment_page(entry.id), f"{entry.id}: {entry.title}", "amendment.html",
                        nav_title=entry.id, entry=entry, changes=amendment_changes(site, entry))
    for part_id in amended_parts:
        part = site.document.part_by_id[part_id]
        clauses = [c for c in site.document.clauses.values() if c.part == part_id and c.id in notes]
        versions = {c.id: amendments.clause_history(site.document, c.id) for c in clauses}
        yield site.page(urls.clause_history_page(part), f"History of {part.label}", "clause_history.html",
                        nav=False, part=part, clauses=clauses, versions=versions, notes=notes)
