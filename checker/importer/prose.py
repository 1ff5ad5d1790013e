"""Turn paragraph and list blocks into the Markdown of a `text:` field, one paragraph a line.

The words are kept exactly, defects included. What changes is layout the PDF conversion made:
lines wrapped inside a paragraph are joined, a paragraph broken at a page end is joined to its
second half, a list split by a page break becomes one list again, '[Title](#)' links that lead
nowhere become their title, and hard line breaks become spaces (inside a list item, where a
title line and its description are meant to be on two lines, a Markdown '\\' break instead).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker.importer.html_cells import has_html, html_to_markdown
from checker.importer.markdown_source import ListBlock, Paragraph
from checker.importer.report import Findings

_EMPTY_LINK = re.compile(r"\[([^\]]+)\]\(\s*#?\s*\)")
_ITEM = re.compile(r"^(\s*)([-*+•▪◦‣●]|\d{1,3}[.)])\s+(.*)$")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)$")
# Where a sentence may end: . ! ? : ; (or … or the British ':-'), possibly inside closing
# quotes and brackets.
_TERMINAL = re.compile(r"[.!?:;…]-?[\"'’”)\]]*$")
_STARTS_LOWER = re.compile(r"^[\"'‘“(]*[a-z]")


@dataclass
class _Piece:
    kind: str  # "p" or "list"
    lines: list[str]  # a paragraph has one line; a list one line an item (plus '\' breaks)
    line: int
    end_line: int


def plain_links(text: str) -> str:
    """'[Objectives](#)' -> 'Objectives': a link with no target is just its words."""
    return _EMPTY_LINK.sub(r"\1", text)


def render_prose(blocks: Sequence[Paragraph | ListBlock], findings: Findings) -> str | None:
    """The Markdown text of the blocks, or None if there is none."""
    pieces: list[_Piece] = []
    for block in blocks:
        piece = _paragraph(block, findings) if isinstance(block, Paragraph) else _list(block)
        if piece is not None:
            _append(pieces, piece, findings)
    if not pieces:
        return None
    return "\n\n".join("\n".join(piece.lines) for piece in pieces) + "\n"


def join_lines(lines: Sequence[str]) -> str:
    """A paragraph's wrapped lines as one line: hard breaks and soft breaks both become spaces."""
    words = [_HARD_BREAK.sub("", line).strip() for line in lines]
    return plain_links(" ".join(w for w in words if w))


def _paragraph(block: Paragraph, findings: Findings) -> _Piece | None:
    if len(block.lines) >= 2 and all(line.strip().startswith("|") for line in block.lines):
        # a Markdown pipe table (a web page's conversion): its rows stay rows
        return _Piece("table", [line.strip() for line in block.lines], block.line, block.end_line)
    text = join_lines(block.lines)
    if not text:
        return None
    if has_html(text):
        findings.info(block.line, "converted HTML in the paragraph to Markdown (raw HTML is never rendered)")
        text = html_to_markdown(text)
        return _Piece("p", [text], block.line, block.end_line) if text else None
    return _Piece("p", [text], block.line, block.end_line)


def _list(block: ListBlock) -> _Piece:
    items: list[str] = []
    hard_break = False
    continuation_indent = ""
    for raw in block.lines:
        match = _ITEM.match(raw)
        if match is not None:
            indent, marker, rest = match.groups()
            if not marker[0].isdigit():
                marker = "-"  # '*', '+' and printed bullets are all the format's '-'
            items.append(f"{indent}{marker} {_HARD_BREAK.sub('', rest).strip()}")
            continuation_indent = " " * (len(indent) + len(marker) + 1)
        elif items:
            rest = _HARD_BREAK.sub("", raw).strip()
            # After a hard break the line is meant to start a new line of the same item.
            items[-1] += ("\\\n" + continuation_indent if hard_break else " ") + rest
        else:  # pragma: no cover - a list block always starts with an item
            items.append(raw.strip())
        hard_break = _HARD_BREAK.search(raw) is not None
    return _Piece("list", [plain_links(item) for item in items], block.line, block.end_line)


def _append(pieces: list[_Piece], piece: _Piece, findings: Findings) -> None:
    if not pieces:
        pieces.append(piece)
        return
    last = pieces[-1]
    if last.kind == "list" and piece.kind == "list":
        # Two lists with only blank lines between are one list a page break split.
        last.lines.extend(piece.lines)
        last.end_line = piece.end_line
        return
    if piece.kind == "p" and _broken_before(last.lines[-1], piece.lines[0]):
        where = "list item" if last.kind == "list" else "paragraph"
        findings.info(
            piece.line,
            f"joined this line to the {where} ending at line {last.end_line}: "
            "it was broken mid-sentence (no full stop before, lowercase after)",
        )
        last.lines[-1] = f"{last.lines[-1]} {piece.lines[0]}"
        last.lines.extend(piece.lines[1:])
        last.end_line = piece.end_line
        return
    pieces.append(piece)


def _broken_before(previous: str, following: str) -> bool:
    tail = previous.rsplit("\n", 1)[-1].rstrip()
    return bool(tail) and not _TERMINAL.search(tail) and _STARTS_LOWER.match(following) is not None
