"""Anchor collisions: a source id that the publication and the site would also generate for
another element.

The anchors are derived in one place (the loader's `Clause.anchor`, checker/render/anchors.py,
and the `-title` suffix the HTML heading of each clause takes); this check asks the same
functions, so that it follows the renderers when they change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.checks.base import Context, check, get
from checker.findings import Finding, Location, Severity
from checker.model import Clause, Document, GlossaryEntry
from checker.render import anchors

# ids the publication gives its own parts, and the suffix of every clause's heading
# (checker/render/html.py, templates/publication.html.j2)
FIXED = {anchors.CONTENTS: "the table of contents", f"{anchors.CONTENTS}-title": "the table of contents",
         anchors.MAIN: "the main content", anchors.AMENDMENT_HISTORY: "the amendment history",
         f"{anchors.AMENDMENT_HISTORY}-title": "the amendment history"}
HEADING_SUFFIX = "-title"


@dataclass(frozen=True)
class _Owner:
    key: str  # one element: a clause id, a glossary term or a fixed part of the publication
    what: str  # how a message names it
    location: Location | None
    from_source: bool  # the anchor is a source id (or made from one), not a number


def _from_source(document: Document, clause: Clause) -> bool:
    """Whether a clause's anchor is its id or made from a part id, rather than its number."""
    if clause.depth == 0:
        return clause.number is None
    return clause.number is None or document.part_by_id[clause.part].number is None


def _describe(clause: Clause) -> str:
    if clause.depth == 0:
        return f"the part '{clause.id}' ({clause.label})"
    if clause.number is not None:
        return f"clause {clause.label}"
    return f"the clause '{clause.id}' ({clause.label})"


def _collisions(document: Document) -> dict[str, list[_Owner]]:
    """The anchors that two or more elements would be published with, and those elements."""
    first: dict[str, Clause | str] = dict.fromkeys(FIXED, "")
    clashes: dict[str, list[Clause | str]] = {}
    for clause in document.clauses.values():
        anchor = anchors.clause_anchor(clause)
        for each in (anchor, anchor + HEADING_SUFFIX):
            held = first.setdefault(each, clause)
            if held is not clause:
                clashes.setdefault(each, [held]).append(clause)
    terms: dict[str, GlossaryEntry] = {}
    for entry in document.glossary:
        anchor = anchors.glossary_anchor(entry.term)
        terms.setdefault(anchor, entry)
        if anchor in first:
            clashes.setdefault(anchor, [first[anchor]])
    out: dict[str, list[_Owner]] = {}
    for anchor, holders in clashes.items():
        owners = [_owner(document, anchor, held) for held in holders]
        if anchor in terms:
            entry = terms[anchor]
            owners.append(_Owner(f"term:{entry.term.lower()}", f"the glossary entry '{entry.term}'",
                                 entry.location, False))
        out[anchor] = owners
    return out


def _owner(document: Document, anchor: str, held: Clause | str) -> _Owner:
    if isinstance(held, str):
        what = FIXED[anchor]
        return _Owner(f"fixed:{what}", what, None, False)
    return _Owner(held.id, _describe(held), held.location, _from_source(document, held))


@check("STR104", "anchor-collision", Severity.ERROR, "structure")
def anchor_collision(document: Document, context: Context) -> Iterator[Finding]:
    """A part or clause id that is also an anchor the publication generates for another
    element: an unnumbered clause called `clause-2-1-2` beside clause 2.1.2, a foreword called
    `section-1` beside Section 1, a clause called `amendment-history` or `glossary-cio`.

    Why it matters: a numbered clause's anchor is made from its number (`clause-2-1-2`,
    `section-1`, `annex-c`); an unnumbered one's is its id.  When the two meet, the single-page
    publication has two elements with one id and the site two pages with one file name: the
    site build fails, and every cross-reference to 2.1.2 lands on the impostor.

    Fails::

        # parts/planning.yaml (Section 2)
        clauses:
          - id: plans
            title: Plans            # clause 2.1: its anchor is clause-2-1
          - id: clause-2-1
            numbered: false         # its anchor is its id
            title: Notes

    Passes::

        clauses:
          - id: plans
            title: Plans
          - id: plans-notes
            numbered: false
            title: Notes

    Ids that merely look like generated anchors (`section-9` in a document with three
    sections, `clause-2-1-notes`) collide with nothing and are not reported.
    """
    this = get("STR104")
    reported: set[tuple[str, str]] = set()
    for anchor, owners in sorted(_collisions(document).items()):
        distinct = list({o.key: o for o in owners}.values())
        if len(distinct) < 2:
            continue
        for owner in distinct:
            if not owner.from_source or owner.location is None:
                continue
            for other in distinct:
                if other.key == owner.key or {(other.key, owner.key), (owner.key, other.key)} & reported:
                    continue
                reported.add((owner.key, other.key))
                where = [owner.location] + ([other.location] if other.location else [])
                yield this.finding(
                    f"{owner.what} is published with the anchor '{anchor}', which is also the anchor "
                    f"of {other.what}: links to one land on the other and the site build fails; "
                    "rename the id", *where, subjects=(owner.key,))
