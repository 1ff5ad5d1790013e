"""Structure: the numbers the original prints against the place each clause has.

Numbers are derived from the place of a part or clause under the manifest's numbering scheme
(docs/format.md, checker/numbering/); `printed:` records the number the original prints.  These checks compare the two, sibling by sibling, so that a
defect is reported once, where it starts, and not again for every clause after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.checks.base import Context, check, get
from checker.findings import Finding, Location, Severity
from checker.model import Clause, Document
from checker.numbering import DOCUMENT, parse_ordinal

_TOKEN = re.compile(r"\b[A-Z]{1,3}\b|\d+")
_WORDS = re.compile(r"^(?:section|annexe?|appendix|schedule|paragraph|para\.?)\s+", re.IGNORECASE)


def _tokens(printed: str) -> list[str]:
    """'2.1.3' -> ['2', '1', '3']; 'C.4' -> ['C', '4']; 'Annex C' -> ['C']; 'paragraph 34' -> ['34']."""
    return _TOKEN.findall(_WORDS.sub("", printed.strip()))


def _clause_tokens(document: Document, clause: Clause) -> list[str]:
    """The printed number's tokens, read in the clause's own numbering: an annex prints the
    paragraphs under its heading "1.", "2." (Annex B's "1." is B.1, "paragraph 1 of Annex B"),
    so the annex's letter is taken as read when the printed number leaves it out."""
    tokens = _tokens(clause.printed or "")
    if clause.number is None or not tokens:
        return tokens
    own = clause.number.split(".")
    part = document.part_of(clause.id)
    if (part.kind == "annex" and part.number and len(tokens) == len(own) - 1
            and own[0] == part.number and tokens[0] != part.number):
        return [part.number, *tokens]
    return tokens


def _ordinal(token: str, style: str = "letters") -> int:
    return parse_ordinal(token, "numbers" if token.isdigit() else style) or 0


def _flat_group(document: Document, clause: Clause) -> str | None:
    """The run a flat paragraph is counted in ('the document', or its part), or None when the
    clause is numbered under its parent (hierarchical numbers, sub-paragraphs, annexes)."""
    scheme = document.manifest.numbering
    if clause.number is None or clause.depth == 0 or not scheme.counts(document.part_of(clause.id).kind):
        return None
    parent = document.clauses.get(clause.parent) if clause.parent else None
    while parent is not None and parent.depth > 0 and parent.number is None and parent.parent:
        parent = document.clauses.get(parent.parent)
    if parent is not None and parent.depth > 0:
        return None  # a sub-paragraph (34.1): numbered under its paragraph
    return "document" if scheme.style == DOCUMENT else clause.part


def _sibling_groups(document: Document) -> Iterator[list[Clause]]:
    """Numbered clauses that share a parent; sections and annexes as two groups of their own;
    in a flat document, the paragraphs of the whole document (or of each part) as one group."""
    sections = [document.clauses[p.id] for p in document.parts if p.kind == "section" and p.id in document.clauses]
    annexes = [document.clauses[p.id] for p in document.parts if p.kind == "annex" and p.id in document.clauses]
    yield sections
    yield annexes
    flat: dict[str, list[Clause]] = {}
    for clause in document.clauses.values():
        group = _flat_group(document, clause)
        if group is not None:
            flat.setdefault(group, []).append(clause)
    yield from flat.values()
    for clause in document.clauses.values():
        if clause.number is None and clause.depth > 0:
            continue
        children = [document.clauses[c] for c in clause.children if c in document.clauses]
        yield [c for c in children if c.number is not None and _flat_group(document, c) is None]


def _printed_parent(document: Document, clause: Clause) -> str | None:
    parent = document.clauses.get(clause.parent) if clause.parent else None
    while parent is not None and parent.number is None and parent.parent:
        parent = document.clauses.get(parent.parent)
    if parent is None:
        return None
    return parent.printed or parent.number


@check("STR101", "numbering-out-of-sequence", Severity.WARNING, "structure")
def numbering_out_of_sequence(document: Document, context: Context) -> Iterator[Finding]:
    """A printed number that skips, repeats or goes back from the one before it, or that puts a
    clause under a parent it does not stand under.

    Why it matters: readers, amendments and other documents cite clauses by the numbers the
    original prints.  A gap ("2.1.4" straight after "2.1.2"), a repeat or a clause printed as
    "2.2.1" under 2.1 makes a citation point at the wrong text, or at nothing.

    Fails::

        clauses:
          - {id: first, title: First, printed: "1.1"}
          - {id: second, title: Second, printed: "1.3"}   # 1.2 is missing

    Passes::

        clauses:
          - {id: first, title: First, printed: "1.1"}
          - {id: second, title: Second, printed: "1.2"}

    The check reads `printed:` only; clauses without it are numbered by their place and never
    reported; a section or annex without it still takes its place in the sequence (a section
    whose heading prints no number, over paragraphs 1.1 and 1.2, is section 1, so a section
    printed "2" after it is in order).  An annex paragraph printed "1." is paragraph 1 of its
    annex (B.1).  A clause whose printed number has the wrong number of levels is STR102.  It
    follows the manifest's numbering scheme: in a flat document (`numbering: flat`) the
    paragraphs of the whole document are one sequence, 1 to N, whatever heading they stand
    under; annex letters or numbers are read in the scheme's style.
    """
    this = get("STR101")
    style = document.manifest.numbering.annex_style
    for group in _sibling_groups(document):
        previous: tuple[Clause, int] | None = None
        for clause in group:
            if clause.number is None:
                continue
            if not clause.printed:
                # numbered by its place and never reported; a part also takes that place: a
                # section whose heading prints no number (its paragraphs are 1.1, 1.2) is still
                # section 1.  (A paragraph without one is new, an amendment's: the ones after
                # it keep the numbers the original printed, which the amendment report covers.)
                own = _ordinal(clause.number.split(".")[-1], style) if clause.depth == 0 else 0
                previous = (clause, own) if own else previous
                continue
            tokens = _clause_tokens(document, clause)
            expected = previous[1] + 1 if previous else 1
            if not tokens:
                continue
            if len(tokens) != len(clause.number.split(".")):
                previous = (clause, expected)  # a level problem (STR102); it still takes a place
                continue
            position = _ordinal(tokens[-1], style)
            parent_printed = _printed_parent(document, clause)
            if parent_printed and clause.depth > 0 and len(tokens) > 1:
                prefix = _tokens(parent_printed)
                if prefix and tokens[:-1] != prefix and len(prefix) == len(tokens) - 1:
                    yield this.finding(
                        f"clause {clause.label} '{clause.title or clause.id}' is printed as "
                        f"{clause.printed}, but it stands under {parent_printed}: its number "
                        "names a different parent from the one it is placed under",
                        clause.location)
            if position != expected:
                yield this.finding(_sequence_message(clause, previous, position, expected),
                                   *_places(clause, previous))
            previous = (clause, position)


def _sequence_message(clause: Clause, previous: tuple[Clause, int] | None, position: int,
                      expected: int) -> str:
    # an untitled paragraph is named by its id, so that the message says which one
    name = f"'{clause.title or clause.id}'"
    if previous is None:
        return (f"clause {clause.label} {name} is printed as {clause.printed}, but it is the first "
                "of its level here: the numbers before it are missing")
    before = previous[0].printed
    if position == previous[1]:
        return f"{clause.printed} {name} is printed with the same number as the clause before it ({before})"
    if position < previous[1]:
        return f"{clause.printed} {name} is printed after {before}: the numbers go backwards"
    missing = position - expected
    between = "number between them is" if missing == 1 else f"{missing} numbers between them are"
    return f"{clause.printed} {name} follows {before}: the {between} missing"


def _places(clause: Clause, previous: tuple[Clause, int] | None) -> tuple[Location, ...]:
    return (clause.location,) if previous is None else (clause.location, previous[0].location)


@check("STR102", "heading-level-mismatch", Severity.WARNING, "structure")
def heading_level_mismatch(document: Document, context: Context) -> Iterator[Finding]:
    """A clause whose printed number has more or fewer levels than the place it stands at.

    Why it matters: "2.1.3" is a third-level number.  Printed at the second level (beside 2.1
    and 2.2), or printed as a section, it tells the reader the clause belongs somewhere it
    does not, and the printed table of contents and the text disagree.

    Fails::

        clauses:
          - id: roles
            title: Roles
            printed: "2.1"
          - id: sponsor              # a sibling of 2.1, so numbered 2.2 here
            title: Departmental Sponsor
            printed: "2.1.3"

    Passes::

        clauses:
          - id: roles
            title: Roles
            printed: "2.1"
            clauses:
              - {id: sponsor, title: Departmental Sponsor, printed: "2.1.1"}
    """
    this = get("STR102")
    for clause in document.clauses.values():
        if not clause.printed or clause.number is None:
            continue
        tokens = _clause_tokens(document, clause)
        levels = len(clause.number.split("."))
        if tokens and len(tokens) != levels:
            yield this.finding(
                f"clause {clause.label} '{clause.title or clause.id}' is printed as {clause.printed}, "
                f"a number of {len(tokens)} level{'s' if len(tokens) > 1 else ''}, but it stands at "
                f"level {levels} of the document",
                clause.location)


def _expected_levels(document: Document) -> dict[str, int]:
    """The heading level each clause should be printed at, from its parent's printed level.

    Parts should share one level (the most common among parts that record one); a clause sits
    one level below its parent, two below a part that prints a subtitle heading between them.
    """
    part_levels = [level for p in document.parts if p.id in document.clauses
                   for level in (document.clauses[p.id].level,) if level is not None]
    expected: dict[str, int] = {}
    if part_levels:
        common = max(sorted(set(part_levels)), key=part_levels.count)
        for part in document.parts:
            expected[part.id] = common
    for clause in document.clauses.values():
        if clause.depth == 0 or clause.parent is None:
            continue
        parent = document.clauses[clause.parent]
        if parent.level is None:
            continue
        step = 2 if parent.depth == 0 and document.part_by_id[parent.part].subtitle else 1
        expected[clause.id] = parent.level + step
    return expected


@check("STR103", "heading-level-out-of-place", Severity.WARNING, "structure")
def heading_level_out_of_place(document: Document, context: Context) -> Iterator[Finding]:
    """A heading printed at a level that does not match its place: deeper or shallower than its
    siblings' parent implies, or a part at a different level from the other parts.

    Why it matters: the heading level is how a reader (and a screen reader, and a PDF's
    bookmarks) sees the structure.  "2.1.3" printed as large as "2.1", or "5.5" printed like a
    section, tells the reader the clause stands somewhere it does not.  The check reads the
    `level:` the source records for the original's headings; it is reported where the mismatch
    starts, since each clause is compared with its own parent's printed level.

    Fails::

        - id: roles
          title: Roles
          printed: "1.1"
          level: 2
          clauses:
            - {id: sponsor, title: Sponsor, printed: "1.1.1", level: 2}   # expected 3

    Passes::

        - id: roles
          title: Roles
          printed: "1.1"
          level: 2
          clauses:
            - {id: sponsor, title: Sponsor, printed: "1.1.1", level: 3}
    """
    this = get("STR103")
    expected = _expected_levels(document)
    # siblings printed alike are one defect: report each run of them once, with every place
    runs: list[list[Clause]] = []
    groups = [[document.clauses[p.id] for p in document.parts if p.id in document.clauses]]
    groups += [[document.clauses[c] for c in clause.children] for clause in document.clauses.values()]
    for siblings in groups:
        previous: Clause | None = None
        for clause in siblings:
            want = expected.get(clause.id)
            off = clause.level is not None and want is not None and clause.level != want
            if not off:
                previous = None
                continue
            if previous is not None and previous.level == clause.level and expected[previous.id] == want:
                runs[-1].append(clause)
            else:
                runs.append([clause])
            previous = clause
    for run in sorted(runs, key=lambda r: r[0].location):
        first, want = run[0], expected[run[0].id]
        names = [c.heading if c.depth else c.label for c in run]
        parent = document.clauses[first.parent].label if first.parent else ""
        if len(run) == 1:
            shown, heading = f"'{names[0]}' is", f"a level-{first.level} heading"
            where = f"its place under {parent} puts it"
        else:
            shown = f"'{names[0]}' to '{names[-1]}' ({len(run)} headings) are"
            heading, where = f"level-{first.level} headings", f"their place under {parent} puts them"
        if first.depth == 0:
            where = "the other parts' headings are"
        yield this.finding(f"{shown} printed as {heading}, but {where} at level {want}",
                           *(c.location for c in run))
