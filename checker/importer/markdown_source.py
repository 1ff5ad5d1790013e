"""Split Markdown lines into blocks: headings, paragraphs, lists, tab-separated rows, rules.

This stage knows Markdown, not framework documents: what a heading *means* (a part, a numbered
clause) is decided later from its text. Every block keeps the source lines it came from so that
findings can point at them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.importer.report import Findings

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
# A line of dashes (a thematic break), or the dash rows a converter puts between table rows.
_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$|^[ \t]*-+(?:\t+-*)+[ \t]*$|^[ \t]*-{2,}[ \t]*$")
_BULLET = re.compile(r"^(\s*)([-*+•▪◦‣●]|\d{1,3}[.)])\s+")
_UNORDERED = re.compile(r"^(\s*)([-*+•▪◦‣●])\s+")
# A numbered heading that lost its '#' in conversion: "2.1.3 Departmental Sponsor".
_LOST_HEADING = re.compile(r"^\s*\d{1,2}(?:\.\d{1,3})+\.?\s+[A-Z][^.!?:;]*$")
_LOST_HEADING_MAX_WORDS = 12


@dataclass(frozen=True)
class Heading:
    line: int
    level: int  # 1-6 for '#' headings, 0 for one inferred from a bare numbered line
    text: str

    @property
    def end_line(self) -> int:
        return self.line


@dataclass(frozen=True)
class Paragraph:
    line: int
    lines: tuple[str, ...]

    @property
    def end_line(self) -> int:
        return self.line + len(self.lines) - 1


@dataclass(frozen=True)
class ListBlock:
    line: int
    lines: tuple[str, ...]

    @property
    def end_line(self) -> int:
        return self.line + len(self.lines) - 1


@dataclass(frozen=True)
class TabRow:
    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class TabBlock:
    """Tab-separated lines (a contents list, a glossary, a table), blank lines and rules between."""

    line: int
    end_line: int
    rows: tuple[TabRow, ...]


@dataclass(frozen=True)
class Rule:
    line: int

    @property
    def end_line(self) -> int:
        return self.line


Block = Heading | Paragraph | ListBlock | TabBlock | Rule


def is_heading(line: str) -> bool:
    return _HEADING.match(line) is not None


def is_rule(line: str) -> bool:
    return _RULE.match(line) is not None


def is_list_item(line: str) -> bool:
    return _BULLET.match(line) is not None


def _is_tab_row(line: str) -> bool:
    return "\t" in line and line.strip() != "" and not is_rule(line) and not is_heading(line)


def split_blocks(lines: list[str], findings: Findings) -> list[Block]:
    """The blocks of the document, in order. Line numbers are 1-based."""
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
        elif (match := _HEADING.match(line)) is not None:
            blocks.append(Heading(i + 1, len(match.group(1)), match.group(2).strip()))
            i += 1
        elif _is_tab_row(line):
            block, i = _tab_block(lines, i)
            blocks.append(block)
        elif is_rule(line):
            blocks.append(Rule(i + 1))
            i += 1
        elif is_list_item(line):
            block_lines, i = _run(lines, i, stop_at_bullet=False)
            blocks.append(ListBlock(i - len(block_lines) + 1, tuple(block_lines)))
        else:
            block_lines, i = _run(lines, i, stop_at_bullet=True)
            start = i - len(block_lines) + 1
            blocks.append(_paragraph_or_lost_heading(start, block_lines, findings))
    return blocks


def _run(lines: list[str], i: int, *, stop_at_bullet: bool) -> tuple[list[str], int]:
    """Consecutive lines of one paragraph or list, up to a blank line or another block."""
    out = [lines[i]]
    i += 1
    while i < len(lines):
        line = lines[i]
        if not line.strip() or is_heading(line) or _is_tab_row(line) or is_rule(line):
            break
        # A bullet interrupts a paragraph (PDF text often has no blank line before a list);
        # a number does not, since wrapped prose can start a line with "1." or "2008.".
        if stop_at_bullet and _UNORDERED.match(line):
            break
        out.append(line)
        i += 1
    return out, i


def _tab_block(lines: list[str], i: int) -> tuple[TabBlock, int]:
    start = i
    rows: list[TabRow] = []
    end = i
    while i < len(lines):
        line = lines[i]
        if _is_tab_row(line):
            rows.append(TabRow(i + 1, tuple(line.split("\t"))))
            end = i
            i += 1
            continue
        if line.strip() and not is_rule(line):
            break
        # Blank lines and dash rows belong to the block only when another row follows.
        j = i
        while j < len(lines) and (not lines[j].strip() or is_rule(lines[j])):
            j += 1
        if j < len(lines) and _is_tab_row(lines[j]):
            i = j
            continue
        # Trailing dash rows with tabs are table debris; a bare '---' is left as a rule.
        while i < len(lines) and is_rule(lines[i]) and "\t" in lines[i]:
            end = i
            i += 1
        break
    return TabBlock(start + 1, end + 1, tuple(rows)), max(i, end + 1)


def _paragraph_or_lost_heading(start: int, block_lines: list[str], findings: Findings) -> Block:
    if len(block_lines) == 1:
        text = block_lines[0].strip()
        if _LOST_HEADING.match(text) and len(text.split()) <= _LOST_HEADING_MAX_WORDS:
            findings.info(start, f"read the line '{text}' as a heading (it has no '#')")
            return Heading(start, 0, text)
    return Paragraph(start, tuple(block_lines))
