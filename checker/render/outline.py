"""The reading order of a publication: every part and clause with its heading and level.

All three publications (Markdown, HTML, PDF) and the contents list walk the document through
`walk()`, so that they number and nest headings identically.  Levels never skip: the title is
level 1, parts level 2, and a clause sits one level below the nearest ancestor that has a
heading (a clause without a title has no heading, only its number).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.model import Clause, Document, Part

MONTHS = ("January February March April May June July August September October November "
          "December").split()
MAX_LEVEL = 6


@dataclass(frozen=True)
class Heading:
    number: str | None  # "1.", "2.1.3", "Annex C"
    title: str  # may be empty for an annex whose title is its label
    subtitle: str | None = None

    @property
    def joiner(self) -> str:
        """What stands between the number and the title: '2.1.3 Title', 'Annex C: Title'."""
        number = self.number or ""
        return " " if number.endswith(".") or number[-1:].isdigit() else ": "

    @property
    def subtitle_joiner(self) -> str:
        return " \u2013 " if self.title else self.joiner

    @property
    def text(self) -> str:
        """'2.1.3 Title', '1. Title', 'Annex C: Finance and Procurement Memorandum'."""
        title = self.title
        if self.subtitle:
            title = f"{title}{self.subtitle_joiner}{self.subtitle}" if title else self.subtitle
        if self.number and title:
            return f"{self.number}{self.joiner}{title}"
        return self.number or title


@dataclass(frozen=True)
class Entry:
    clause: Clause
    part: Part
    level: int  # heading level, 2 for parts
    heading: Heading | None  # None: a clause without a title (shown by its number only)


def part_heading(part: Part) -> Heading:
    if part.kind == "section" and part.number:  # (an unnumbered section: its title)
        return Heading(f"{part.number}.", part.title)
    if part.kind == "annex":
        title = "" if part.title.strip().lower() == part.label.lower() else part.title
        return Heading(part.label, title, part.subtitle)
    return Heading(None, part.title, part.subtitle)


def clause_heading(clause: Clause) -> Heading | None:
    if not clause.title:
        return None
    return Heading(clause.number, clause.title)


def walk(document: Document) -> Iterator[Entry]:
    """Parts and clauses in reading order, each with its heading level."""
    levels: dict[str, int] = {}
    for clause in document.clauses.values():
        part = document.part_by_id[clause.part]
        if clause.depth == 0:
            level = 2
            heading: Heading | None = part_heading(part)
        else:
            heading = clause_heading(clause)
            parent_level = levels[clause.parent] if clause.parent in levels else 2
            level = min(parent_level + 1, MAX_LEVEL) if heading else parent_level
        levels[clause.id] = level
        yield Entry(clause, part, level, heading)


def format_date(value: str) -> str:
    """'2008-07-01' -> '1 July 2008'; anything else unchanged."""
    parts = value.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        year, month, day = (int(p) for p in parts)
        if 1 <= month <= 12:
            return f"{day} {MONTHS[month - 1]} {year}"
    return value


def display_title(document: Document) -> str:
    return document.manifest.title
