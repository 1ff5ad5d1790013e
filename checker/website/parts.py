"""One page per part and annex: every clause under its publication anchor, its prose beside
its rules in plain English, who it names, and its amendment history."""

from __future__ import annotations

from collections.abc import Iterator

from checker.render.anchors import glossary_anchor
from checker.website import urls
from checker.website.history import clause_notes
from checker.website.pages import Item, Site

# the document's own clauses rank first in search: above the actor pages (which restate them)
# and well above the toolkit's reference pages (see reference.py)
SEARCH_BOOST = 3.0


def pages(site: Site) -> Iterator[Item]:
    document = site.document
    notes = clause_notes(site)
    by_part: dict[str, list[str]] = {p.id: [] for p in document.parts}
    for clause in document.clauses.values():
        if clause.depth > 0 and clause.part in by_part:
            by_part[clause.part].append(clause.id)
    for part in document.parts:
        clauses = [document.clauses[c] for c in by_part[part.id]]
        entries = [(glossary_anchor(e.term), e) for e in part.entries]
        yield site.page(
            urls.part_page(part), site.view("").part_heading(part), "part.html", part=part, boost=SEARCH_BOOST,
            root=document.clauses[part.id], clauses=clauses, entries=entries,
            rules=document.rules_by_clause, informals=site.informals,
            mentions=site.mentions.by_clause, notes=notes,
            history_page=urls.clause_history_page(part),
        )
