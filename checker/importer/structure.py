"""Build the part and clause tree from the blocks, by the numbers printed in the headings.

Rules (docs/format.md, and the importer's brief):
- 'Foreword...', 'Introduction', 'N. Title', 'Glossary' and 'Annex X' start parts; the heading
  straight after 'Annex X' is the annex's subtitle.
- '2.1.3 Title' is clause 3 of clause 1 of section 2, whatever its '#' level; 'printed' keeps
  the number as printed.
- An unnumbered heading becomes a child of the nearest numbered clause above it, with
  `numbered: false`; in an annex (or foreword, introduction) with no numbered clause it is one
  of the part's paragraphs, in order.
- Nothing is dropped without a finding: text the rules cannot place is kept in an unnumbered
  clause and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.importer.headings import HeadingInfo, HeadingKind, classify, clean_heading_text
from checker.importer.markdown_source import Block, Heading, ListBlock, Paragraph, Rule, TabBlock
from checker.importer.model import GlossaryEntry, Table
from checker.importer.report import Findings
from checker.importer.tables import build_table, glossary_from_paragraph, glossary_from_rows


@dataclass(eq=False)
class ClauseDraft:
    title: str | None
    printed: str | None
    numbered: bool
    line: int
    blocks: list[Paragraph | ListBlock] = field(default_factory=list)
    table: Table | None = None
    children: list[ClauseDraft] = field(default_factory=list)
    id_hint: str | None = None  # for a clause without a title


@dataclass(eq=False)
class PartDraft:
    kind: str
    title: str
    line: int
    printed: str | None = None
    number: int | None = None  # a section's printed number
    label: str | None = None  # an annex's letter
    subtitle: str | None = None
    blocks: list[Paragraph | ListBlock] = field(default_factory=list)
    children: list[ClauseDraft] = field(default_factory=list)
    entries: list[GlossaryEntry] = field(default_factory=list)
    index: dict[tuple[int, ...], ClauseDraft] = field(default_factory=dict)
    anchor: ClauseDraft | None = None  # the last numbered clause: where unnumbered ones go


Container = PartDraft | ClauseDraft

_BOLD_LINE = re.compile(r"^\*\*([^*]+)\*\*$")
_ENDS_SENTENCE = re.compile(r"[.:;!?]$")


_FLAT_PARAGRAPH = re.compile(r"^\s{0,3}(\d{1,3})[.)]\s+(\S.*)$")
_DOTTED_PARAGRAPH = re.compile(r"^\s{0,3}(\d{1,2}(?:\.\d{1,3})+)\.?\s+(\S.*)$")


@dataclass(frozen=True)
class Shape:
    """How the document numbers itself, read before the tree is built (see `detect_shape`)."""

    flat: bool = False  # paragraphs 1 to N under unnumbered headings
    section_level: int = 0  # the '#' level of the headings that start sections in a flat document
    restarts: bool = False  # the paragraphs start again at 1 in each section
    unnumbered: bool = False  # unnumbered headings and no numbered paragraph at all


class TreeBuilder:
    """Feed it blocks in reading order; read `parts` (and `preamble`) when done."""

    def __init__(self, findings: Findings, shape: Shape | None = None) -> None:
        self.findings = findings
        self.shape = shape or Shape()
        self.heading: ClauseDraft | None = None  # a flat document's current sub-heading
        self.last_paragraph = 0  # a flat document's last printed paragraph number
        self.parts: list[PartDraft] = []
        self.preamble: list[ClauseDraft] = []  # text before the first part, kept and reported
        self.part: PartDraft | None = None
        self.container: Container | None = None
        self.stage = "front"  # front (foreword, introduction) -> body (sections) -> back (annexes)
        self.expect_subtitle = False

    # -- dispatch ----------------------------------------------------------------------------
    def feed(self, block: Block) -> None:
        if isinstance(block, Heading):
            self._heading(block)
            return
        if self.expect_subtitle and self.part is not None and isinstance(block, Paragraph):
            match = _BOLD_LINE.match(" ".join(line.strip() for line in block.lines))
            if match is not None:  # '**Central Services**' under 'Annex A' is its subtitle
                self.expect_subtitle = False
                self.part.subtitle = match.group(1).strip()
                return
        self.expect_subtitle = False
        if isinstance(block, TabBlock):
            self._tab_block(block)
        elif isinstance(block, Rule):
            self.findings.info(
                block.line, "dropped a horizontal rule ('---'): the renderer lays out the page"
            )
        else:
            self._prose(block)

    def _heading(self, block: Heading) -> None:
        info = classify(block.text)
        if not info.title:
            self.findings.info(block.line, "dropped an empty heading")
            return
        if self.expect_subtitle:
            self.expect_subtitle = False
            if info.kind is HeadingKind.PLAIN and self.part is not None:
                self.part.subtitle = info.title
                return
        kind = info.kind
        if kind is HeadingKind.FOREWORD and self.stage == "front" and not self._has("foreword"):
            self._start_part(PartDraft("foreword", info.title, block.line))
        elif kind is HeadingKind.INTRODUCTION and self.stage == "front" and not self._has("introduction"):
            self._start_part(PartDraft("introduction", info.title, block.line))
        elif kind is HeadingKind.SECTION and self.stage != "back":
            self.stage = "body"
            self._start_part(PartDraft("section", info.title, block.line, info.printed, info.number[0]))
        elif kind is HeadingKind.GLOSSARY and not self._has("glossary"):
            # Some documents put the glossary before the sections: it does not end the body.
            self._start_part(PartDraft("glossary", info.title, block.line))
        elif kind is HeadingKind.ANNEX:
            self.stage = "back"
            part = PartDraft(
                "annex", info.title, block.line, info.printed, label=info.label, subtitle=info.rest
            )
            self._start_part(part)
            self.expect_subtitle = info.rest is None
        elif kind in (HeadingKind.NUMBERED, HeadingKind.SECTION) and self.part is not None:
            self._numbered(info, block)
        elif self._starts_flat_section(kind, block):
            self.stage = "body"
            self._start_part(PartDraft("section", clean_heading_text(block.text), block.line))
        else:
            self._unnumbered(clean_heading_text(block.text), block.line)

    def _starts_flat_section(self, kind: HeadingKind, block: Heading) -> bool:
        """In a flat document an unnumbered heading at the level of the part headings is a
        section (it prints no number); below that level it is a sub-heading."""
        shape = self.shape
        if self.part is None and block.level != shape.section_level:
            return False  # the title over the first part is not a section
        return (shape.flat and kind is HeadingKind.PLAIN and self.stage != "back"
                and 0 < block.level <= shape.section_level)

    def _has(self, kind: str) -> bool:
        return any(p.kind == kind for p in self.parts)

    def _start_part(self, part: PartDraft) -> None:
        self.parts.append(part)
        self.part = part
        self.container = part
        self.heading = None
        if self.shape.restarts:
            self.last_paragraph = 0

    # -- headings inside a part ----------------------------------------------------------------
    def _numbered(self, info: HeadingInfo, block: Heading | Paragraph, title: str | None = "") -> ClauseDraft:
        part = self.part
        assert part is not None
        relative = info.number
        if part.kind == "section":
            if info.number[0] != part.number:
                self.findings.warning(
                    block.line,
                    f"clause '{info.printed}' is inside section {part.printed}: "
                    f"placed in section {part.printed} by its other numbers",
                )
            relative = info.number[1:]
        elif part.kind == "annex" and info.label and info.label != part.label:
            self.findings.warning(
                block.line, f"paragraph '{info.printed}' is inside {part.title}: placed there"
            )
        parent: Container = part
        found = 0
        for size in range(len(relative) - 1, 0, -1):
            if relative[:size] in part.index:
                parent, found = part.index[relative[:size]], size
                break
        if found != len(relative) - 1:
            missing = _printed(part, relative[:-1])
            where = f"'{parent.printed}'" if isinstance(parent, ClauseDraft) else part.title
            self.findings.warning(
                block.line, f"no clause '{missing}' above '{info.printed}': placed under {where}"
            )
        if relative in part.index:
            earlier = part.index[relative]
            self.findings.warning(
                block.line, f"number '{info.printed}' is printed twice (first at line {earlier.line})"
            )
        clause = ClauseDraft(info.title if title == "" else title, info.printed, True, block.line)
        parent.children.append(clause)
        part.index[relative] = clause
        part.anchor = clause
        self.container = clause
        return clause

    def _unnumbered(self, title: str | None, line: int, id_hint: str | None = None) -> ClauseDraft:
        part = self.part
        if part is None:
            clause = ClauseDraft(title, None, False, line, id_hint=id_hint or "unplaced-text")
            self.preamble.append(clause)
            self.container = clause
            return clause
        if self.shape.flat and part.kind in ("introduction", "section") and title is not None:
            # a flat document's sub-heading: a heading over the paragraphs after it, numbered
            # with the rest of the document (a clause with `numbered: false`)
            clause = ClauseDraft(title, None, False, line, id_hint=id_hint)
            part.children.append(clause)
            self.container = self.heading = clause
            return clause
        anchor: Container = part.anchor or part
        # Annex paragraphs, and the clauses of a foreword or introduction, are numbered by
        # position; below a numbered clause or in a section an unnumbered heading stays unnumbered.
        # A flat document prints its numbers: an annex heading it prints without one stays
        # unnumbered, so that no output shows a number ("A.1") the original does not print.
        numbered = anchor is part and part.kind != "section" and not (
            self.shape.flat and part.kind == "annex" and title is not None)
        if part.kind == "glossary" and title is not None:
            self.findings.warning(
                line, f"heading '{title}' inside the glossary: kept as a clause of the glossary"
            )
        clause = ClauseDraft(title, None, numbered, line, id_hint=id_hint)
        anchor.children.append(clause)
        self.container = clause
        return clause

    # -- content -----------------------------------------------------------------------------
    def _prose(self, block: Paragraph | ListBlock) -> None:
        if self._numbered_paragraphs(block):
            return
        container = self.container
        if container is None:
            container = self._unnumbered(None, block.line)
        elif isinstance(container, ClauseDraft) and container.table is not None:
            self.findings.info(
                block.line,
                "text after a table: kept in a new clause after it (a clause shows its table after its text)",
            )
            container = self._unnumbered(None, block.line)
        elif isinstance(container, PartDraft) and container.kind == "glossary":
            self._glossary_prose(container, block)
            return
        container.blocks.append(block)

    def _numbered_paragraphs(self, block: Paragraph | ListBlock) -> bool:
        """Paragraphs that print their own number become clauses with that number: '34. The
        Board ...' in a flat document, '2.1 The Board ...' inside section 2."""
        if block.lines and isinstance(block, Paragraph) and (
                first := _DOTTED_PARAGRAPH.match(block.lines[0])) is not None:
            self._section_from_heading(tuple(int(n) for n in first.group(1).split(".")))
        part = self.part
        if part is None or part.kind not in ("introduction", "section", "annex") or not block.lines:
            return False
        if self.shape.flat and part.kind != "annex":
            if _FLAT_PARAGRAPH.match(block.lines[0]) is None:
                return False
            for start, lines in _items(block.lines, _FLAT_PARAGRAPH):
                match = _FLAT_PARAGRAPH.match(lines[0])
                assert match is not None
                number = int(match.group(1))
                if number <= self.last_paragraph:
                    self.findings.warning(block.line + start, f"paragraph {number} is printed after "
                                          f"paragraph {self.last_paragraph}: kept with its printed number")
                self.last_paragraph = number
                clause = ClauseDraft(None, str(number), True, block.line + start)
                clause.blocks.append(Paragraph(block.line + start, (match.group(2), *lines[1:])))
                (self.heading or part).children.append(clause)
                self.container = clause
            return True
        match = _DOTTED_PARAGRAPH.match(block.lines[0])
        if match is None or not isinstance(block, Paragraph) or part.kind != "section":
            return False
        dotted = tuple(int(n) for n in match.group(1).split("."))
        if part.number is None or dotted[0] != part.number:
            return False  # "2.5 per cent ..." at the start of a line is not clause 2.5
        info = HeadingInfo(HeadingKind.NUMBERED, "", dotted, match.group(1))
        clause = self._numbered(info, block, title=None)
        clause.blocks.append(Paragraph(block.line, (match.group(2), *block.lines[1:])))
        return True

    def _section_from_heading(self, dotted: tuple[int, ...]) -> None:
        """An unnumbered heading straight over paragraph 'N.1' where section N is due is
        section N: the original numbers the section by its paragraphs, not in its heading
        ("Purpose of the Body" over 1.1, 1.2)."""
        heading = self.container
        if (self.shape.flat or not isinstance(heading, ClauseDraft) or heading.numbered
                or not heading.title or heading.blocks or heading.children or heading.table is not None):
            return
        sections = [p.number for p in self.parts if p.kind == "section" and p.number is not None]
        due = (sections[-1] if sections else 0) + 1
        if dotted != (due, 1) or self.stage == "back":
            return
        owner: list[ClauseDraft] | None = None
        if heading in self.preamble:
            owner = self.preamble
        elif self.part is not None:
            owner = _owner_of(self.part, heading)
        if owner is None:
            return
        owner.remove(heading)
        self.findings.info(heading.line, f"heading '{heading.title}' prints no number but its "
                           f"paragraphs are {due}.1 ...: read as section {due}")
        self.stage = "body"
        self._start_part(PartDraft("section", heading.title, heading.line, None, due))

    def _glossary_prose(self, part: PartDraft, block: Paragraph | ListBlock) -> None:
        if isinstance(block, Paragraph):
            entries, leftover = glossary_from_paragraph(block, self.findings)
            part.entries.extend(entries)
            if not leftover:
                return
            block = Paragraph(leftover[0][0], tuple(line for _, line in leftover))
        text = " ".join(line.strip() for line in block.lines)
        if isinstance(block, Paragraph) and len(block.lines) == 1 and _ENDS_SENTENCE.search(text):
            # "The following abbreviations are used:" introduces the list; it is not an entry.
            self.findings.info(block.line, "kept a sentence in the glossary as the glossary's text")
        else:
            self.findings.warning(
                block.line,
                "glossary text that is not a 'term<TAB>expansion' line: kept as the glossary's text",
            )
        part.blocks.append(block)

    def _tab_block(self, block: TabBlock) -> None:
        part, container = self.part, self.container
        if part is not None and part.kind == "glossary" and container is part:
            part.entries.extend(glossary_from_rows(block, self.findings))
            return
        if len(block.rows) == 1:
            # One line with a tab is prose a converter indented ("a)<TAB>the Agency will"),
            # not a table with a header and no rows.
            row = block.rows[0]
            self.findings.info(row.line, "read a single tab-separated line as prose (tabs became spaces)")
            self._prose(Paragraph(row.line, (" ".join(cell.strip() for cell in row.cells if cell.strip()),)))
            return
        caption: str | None = None
        if isinstance(container, ClauseDraft) and container.title:
            caption = container.title
        elif part is not None:
            caption = part.subtitle or part.title
        table = build_table(block, caption, self.findings)
        if not isinstance(container, ClauseDraft) or container.table is not None:
            container = self._unnumbered(None, block.line, id_hint=caption or "table")
        container.table = table

    # -- after the last block ------------------------------------------------------------------
    def finish(self) -> list[PartDraft]:
        if self.preamble and self.parts:
            first = self.parts[0]
            for clause in self.preamble:
                self.findings.warning(
                    clause.line,
                    "text before the first part is neither cover nor contents: kept as an "
                    f"unnumbered clause at the start of '{first.title}'",
                )
            first.children[:0] = self.preamble
        for part in self.parts:
            _drop_empty_notes(part, self.findings)
        return self.parts


def _items(lines: tuple[str, ...], pattern: re.Pattern[str]) -> list[tuple[int, list[str]]]:
    """The numbered items of a block, each with its offset and its lines (continuations and
    indented sub-items stay with the item they follow)."""
    out: list[tuple[int, list[str]]] = []
    for offset, line in enumerate(lines):
        if pattern.match(line) is not None or not out:
            out.append((offset, [line]))
        else:
            out[-1][1].append(line)
    return out


def detect_shape(blocks: list[Block]) -> Shape:
    """Flat when no heading prints a section or clause number and paragraphs print theirs.

    The sections of a flat document are its unnumbered headings at the level of the headings
    that start parts (Foreword, Introduction, Annex) or, failing those, at the highest level of
    a heading with numbered paragraphs straight under it.  When the paragraphs start again at 1
    under more than one of those headings, they restart in each section."""
    numbered_headings = 0
    part_levels: list[int] = []
    over_paragraphs: list[int] = []
    plain_levels: list[int] = []  # unnumbered headings before the annexes
    numbers: list[tuple[int, int]] = []  # (index of the heading above, printed number)
    last: Heading | None = None
    headings = 0
    in_annexes = False  # an annex numbers its own headings ("1. Commit expenditure")
    for block in blocks:
        if isinstance(block, Heading):
            kind = classify(block.text).kind
            in_annexes = in_annexes or kind is HeadingKind.ANNEX
            if kind in (HeadingKind.SECTION, HeadingKind.NUMBERED) and not in_annexes:
                numbered_headings += 1
            elif kind in (HeadingKind.FOREWORD, HeadingKind.INTRODUCTION, HeadingKind.ANNEX,
                          HeadingKind.GLOSSARY) and block.level > 0:
                part_levels.append(block.level)
            elif kind is HeadingKind.PLAIN and block.level > 0 and not in_annexes:
                plain_levels.append(block.level)
            last = block
            headings += 1
        elif isinstance(block, (Paragraph, ListBlock)) and block.lines:
            match = _FLAT_PARAGRAPH.match(block.lines[0])
            if match is not None:
                numbers.append((headings, int(match.group(1))))
                if last is not None and last.level > 0:
                    over_paragraphs.append(last.level)
    levels = part_levels or over_paragraphs
    if not numbered_headings and part_levels and len(numbers) < 3 and any(
            level == min(part_levels) for level in plain_levels):
        # No heading prints a number, but unnumbered headings stand level with the
        # Introduction or the annexes: they are the sections, not sub-headings of the
        # introduction; with no numbered paragraph at all the document is unnumbered.
        return Shape(flat=True, section_level=min(part_levels), unnumbered=not numbers)
    if numbered_headings or len(numbers) < 3 or not levels:
        return Shape()
    # a restart: a 1 after a higher number, under a later heading
    restarts = sum(1 for (h0, n0), (h1, n1) in zip(numbers, numbers[1:], strict=False)
                   if n1 == 1 and n0 > 1 and h1 > h0)
    return Shape(flat=True, section_level=min(levels), restarts=restarts >= 1)


def _owner_of(container: Container, clause: ClauseDraft) -> list[ClauseDraft] | None:
    """The list of children that holds `clause`, searched from `container` down."""
    if clause in container.children:
        return container.children
    for child in container.children:
        found = _owner_of(child, clause)
        if found is not None:
            return found
    return None


def _printed(part: PartDraft, relative: tuple[int, ...]) -> str:
    prefix = (str(part.number),) if part.kind == "section" else ()
    return ".".join(prefix + tuple(str(n) for n in relative))


def _drop_empty_notes(container: Container, findings: Findings) -> None:
    """'Notes' pages left blank for the reader's pen carry no text: drop them, and say so."""
    kept: list[ClauseDraft] = []
    for clause in container.children:
        _drop_empty_notes(clause, findings)
        title = (clause.title or "").strip().rstrip(":").lower()
        if title in ("notes", "note") and not clause.blocks and not clause.children and clause.table is None:
            findings.info(clause.line, f"dropped the empty '{clause.title}' page")
            continue
        kept.append(clause)
    container.children = kept
