"""References: cross-references in the prose resolve, do not rely on placeholders, and quote
part titles as the parts are titled.  The patterns are in checker/xrefs.py."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.checks.base import Check, Context, check, get
from checker.checks.common import memo
from checker.checks.placeholders import placeholders, short
from checker.findings import Finding, Location, Severity
from checker.model import Clause, Document, Part
from checker.xrefs import ANNEX, NUMBER, TITLE, XRef, find_references, resolve


@dataclass(frozen=True)
class Cited:
    """One reference in the prose, with the sentence it stands in."""

    clause: Clause
    xref: XRef
    sentence: str
    location: Location


def prose_references(document: Document) -> list[Cited]:
    """Every `number` and `annex` reference in every sentence of the document."""
    return memo(document, "prose-references", lambda d: list(_prose_references(d)))


def _prose_references(document: Document) -> Iterator[Cited]:
    for clause in document.clauses.values():
        for sentence in clause.sentences:
            for xref in find_references(sentence.text):
                if xref.kind in (NUMBER, ANNEX):
                    yield Cited(clause, xref, sentence.text, sentence.location)


def _printed_index(document: Document) -> dict[str, Clause]:
    out: dict[str, Clause] = {}
    for clause in document.clauses.values():
        if clause.printed:
            out.setdefault(clause.printed.strip().rstrip("."), clause)
    return out


def target_clause(document: Document, xref: XRef, printed: dict[str, Clause]) -> Clause | None:
    """The clause a reference points at: by number, by annex label, or by printed number."""
    found = resolve(document, xref)
    if found is None and xref.kind == NUMBER:
        found = printed.get(xref.target)
    return found


_WHAT = {"paragraph": "paragraph", "section": "section or clause", "clause": "clause"}


def _reads(cited: Cited) -> str:
    """How a target reads in a message: as the sentence prints it ('paragraph 34', 'Annexe B',
    'section 2.1.4'), or, for a number inside a range ('paragraphs 8 to 10'), with its noun."""
    xref = cited.xref
    written = " ".join(cited.sentence[xref.start:xref.end].split())
    if xref.kind == ANNEX or written.endswith(xref.target):
        return written
    return f"{xref.noun or 'paragraph'} {xref.target}" if xref.noun else xref.target


@check("REF001", "unresolved-reference", Severity.ERROR, "references")
def unresolved_reference(document: Document, context: Context) -> Iterator[Finding]:
    """A cross-reference in the prose ("see 2.1.4", "section 2.1.7", "at Annex C") that points
    at no clause, section or annex of the document.

    Why it matters: a reader who follows "the responsibilities set out in section 2.1.7" and
    finds no 2.1.7 cannot tell what was agreed.  References break silently when clauses move
    or annexes are dropped; the checker finds them on every change.

    Fails::

        text: |
          The Director General follows the responsibilities set out in section 9.9.

    Passes::

        text: |
          The Director General follows the responsibilities set out in section 2.1.

    A number resolves when a clause has that number (derived from its place under the
    document's numbering scheme, docs/format.md) or prints it: "paragraph 34" in a flat
    document, "section 2.1.4" in a hierarchical one, "Annex B" by the letter the annex prints.
    References to other instruments ("section 22 of the 2018 Act", "Chapter 3 of Managing
    Public Money", "paragraph 11 of Schedule 1") are external: never read as references to this
    document, and listed on the site's page of the instruments the document relies on.
    """
    this = get("REF001")
    printed = _printed_index(document)
    for cited in prose_references(document):
        if target_clause(document, cited.xref, printed) is not None:
            continue
        what = "annex" if cited.xref.kind == ANNEX else _WHAT.get(cited.xref.noun or "",
                                                                  "clause, section or annex paragraph")
        yield this.finding(
            f"{_label(cited.clause)} refers to {_reads(cited)}, but the document has no such "
            f"{what}: \"{short(cited.sentence)}\"",
            cited.location)


@check("REF003", "reference-to-placeholder", Severity.WARNING, "references")
def reference_to_placeholder(document: Document, context: Context) -> Iterator[Finding]:
    """A cross-reference that relies on a part or clause that is only a placeholder (REF002).

    Why it matters: "Details of the delegations are included at Annex G" tells the reader the
    details exist; if Annex G only says it will be added later, the clause relies on an
    agreement that has not been written, and the gap is invisible from where it is cited.

    Fails::

        # section 2
        text: Details of the delegations are included at Annex G.
        # annex-g
        text: This Annex will be added when the delegations are agreed.

    Passes::

        # section 2
        text: Details of the delegations will be set out in Annex G when they are agreed.
        # annex-g
        text: The Sponsor delegates the agreement of the Business Plan to the Director of Strategy.

    A reference from inside the placeholder itself is not reported.  The passing example
    still has a placeholder (REF002), but the reference no longer relies on it: it says the
    details will come.
    """
    this = get("REF003")
    holes = placeholders(document)
    if not holes:
        return
    printed = _printed_index(document)
    for cited in prose_references(document):
        target = target_clause(document, cited.xref, printed)
        if target is None:
            continue
        hole = next((c for c in (target, *document.ancestors(target.id)) if c.id in holes), None)
        if hole is None or hole.id == cited.clause.id or hole.id in {
                a.id for a in document.ancestors(cited.clause.id)}:
            continue
        if _announces_future(cited.sentence):
            continue
        evidence, location = holes[hole.id]
        why = f"\"{short(evidence, 90)}\"" if evidence else "it has no text"
        yield this.finding(
            f"{_label(cited.clause)} relies on {_name(hole)} (\"{short(cited.sentence, 90)}\"), but "
            f"{_name(hole)} is a placeholder: {why}",
            cited.location, location, subjects=(hole.id,))


_FUTURE = re.compile(r"\bwill\s+(?:be\s+)?(?:set\s+out|added|included|provided|published|developed)\b|"
                     r"\bwhen\s+(?:they|it|these|those)\s+(?:are|is)\s+agreed\b", re.IGNORECASE)


def _announces_future(sentence: str) -> bool:
    """'Details will be set out in Annex G when agreed' does not rely on Annex G existing."""
    return bool(_FUTURE.search(sentence))


def _label(clause: Clause) -> str:
    """'Section 2', 'clause 2.1.3', 'paragraph 34' (a label that names its kind is not prefixed)."""
    if clause.depth == 0 or not clause.label[:1].isdigit():
        return clause.label
    return f"clause {clause.label}"


_name = _label


def _normal(title: str) -> str:
    title = title.lower().replace("&", "and")
    return " ".join(re.findall(r"[a-z0-9]+", title))


@check("REF004", "title-mismatch", Severity.WARNING, "references")
def title_mismatch(document: Document, context: Context) -> Iterator[Finding]:
    """A list of the document's parts (such as the introduction's "The document has seven
    sections: 1. ... 2. ...") that gives a part a title different from the part's own title.

    Why it matters: the reader meets a part under two names and cannot tell whether they are
    the same; a search for the listed title finds nothing; and the difference often records
    a late change (a renamed section) that the rest of the text missed.

    Fails::

        text: |
          The document has two sections:

          1. Objectives, Services and Freedoms\\
             What the Agency is here to do
          2. Capital Programmes and Estate Management\\
             Property the Agency occupies
        # ...while section 2 is titled "Capital Programmes and Estate Maintenance"

    Passes::

        text: |
          The document has two sections:

          1. Objectives, Services and Freedoms\\
             What the Agency is here to do
          2. Capital Programmes and Estate Maintenance\\
             Property the Agency occupies

    A numbered list is read as a list of parts when most of its items match the titles of the
    sections with those numbers; other numbered lists are left alone.
    """
    this = get("REF004")
    sections = {p.number: p for p in document.parts if p.kind == "section" and p.number}
    for clause in document.clauses.values():
        if not clause.text:
            continue
        listed = [x for x in find_references(clause.text) if x.kind == TITLE and x.number]
        for items in _lists(listed):
            yield from _judge_list(document, this, clause, items, sections)


def _lists(listed: list[XRef]) -> list[list[XRef]]:
    """Split numbered titles into lists: a list restarts where the numbering does."""
    out: list[list[XRef]] = []
    for xref in listed:
        number = int(xref.number or 0)
        if out and int(out[-1][-1].number or 0) + 1 == number:
            out[-1].append(xref)
        else:
            out.append([xref])
    return [items for items in out if len(items) >= 2]


def _judge_list(document: Document, this: Check, clause: Clause, items: list[XRef],
                sections: dict[str, Part]) -> Iterator[Finding]:
    scored = []
    for xref in items:
        part = sections.get(xref.number or "")
        ratio = difflib.SequenceMatcher(None, _normal(xref.target), _normal(part.title)).ratio() \
            if part else 0.0
        scored.append((xref, part, ratio))
    if sum(1 for _, _, ratio in scored if ratio >= 0.6) * 2 < len(scored):
        return  # not a list of the document's parts
    for xref, part, _ratio in scored:
        location = _sentence_location(clause, xref.target)
        if part is None:
            yield this.finding(
                f"{_label(clause)} lists \"{xref.target}\" as section {xref.number}, but the "
                f"document has no section {xref.number}", location)
        elif _normal(xref.target) != _normal(part.title):
            yield this.finding(
                f"{_label(clause)} lists section {xref.number} as \"{xref.target}\", but section "
                f"{xref.number} is titled \"{part.title}\"",
                location, document.clauses[part.id].location, subjects=(part.id,))


def _sentence_location(clause: Clause, title: str) -> Location:
    for sentence in clause.sentences:
        if title in sentence.text:
            return sentence.location
    return clause.location
