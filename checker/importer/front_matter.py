"""The pages before the first part (cover, contents) and the signature under the foreword.

The cover and the contents list are dropped on purpose: a publication regenerates both. The
cover's title and publisher go into the manifest; the signature block (an image description,
the signatory's name in bold and their title) goes into `manifest.signatory`. Whatever lies
between the contents and the first part is neither, and is handed back to be kept and reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker.importer.headings import HeadingKind, classify, clean_heading_text
from checker.importer.markdown_source import Block, Heading, ListBlock, Paragraph, Rule, TabBlock
from checker.importer.model import Signatory
from checker.importer.prose import join_lines
from checker.importer.report import Findings

PART_KINDS = frozenset(
    {
        HeadingKind.FOREWORD,
        HeadingKind.INTRODUCTION,
        HeadingKind.SECTION,
        HeadingKind.NUMBERED,
        HeadingKind.GLOSSARY,
        HeadingKind.ANNEX,
    }
)
_PAGE_REF = re.compile(r"(?:\.{2,}|\s{2,}|\t)\s*\d+\s*$")
_BOLD = re.compile(r"\*\*([^*]+)\*\*|__([^_]+)__")
_BOLD_LINE = re.compile(r"^\s*\*\*([^*]+)\*\*\s*$")
_IMAGE = re.compile(r"^!\[([^\]]*)\]\([^)]*\)$")
_SIGNATURE = re.compile(r"\bsign(?:ature|ed)\b", re.IGNORECASE)
# Words that make a short cover line look like the name of an organisation.
_ORGANISATION = re.compile(
    r"\b(?:ministry|department|office|agency|authority|council|commission|executive|government|"
    r"board|service|trust|inspectorate|treasury|court|institute|directorate)\b",
    re.IGNORECASE,
)
_COVER_MAX_WORDS = 20
_SUMMARY_MIN_WORDS = 8  # a cover line this long says what the document is
_PUBLISHER_MAX_WORDS = 10
_SIGNATORY_TITLE_MAX_WORDS = 15
_NAME_MAX_WORDS = 6


@dataclass(frozen=True)
class FrontMatter:
    title: str | None
    title_line: int
    publisher: str | None
    publisher_line: int
    unplaced: tuple[Block, ...]  # between the contents and the first part: keep and report
    body: tuple[Block, ...]  # from the first part heading on
    summary: str | None = None  # the cover's sentences under the title: the manifest's description


def split_front(blocks: Sequence[Block], findings: Findings, section_level: int = 0) -> FrontMatter:
    """`section_level`: in a flat document, the level of the unnumbered headings that start
    sections (0: only headings that say what they are start parts)."""
    contents = _contents_heading(blocks)
    contents_end = _contents_end(blocks, contents + 1) if contents is not None else 0
    first_part = next(
        (i for i in range(contents_end, len(blocks))
         if _is_part_heading(blocks[i]) or _flat_section(blocks[i], section_level)),
        len(blocks),
    )
    if contents is None:
        found = _contents_run(blocks[:first_part])
        contents, contents_end = found if found else (None, 0)
    if contents is not None:
        end_line = blocks[contents_end - 1].end_line
        findings.info(
            blocks[contents].line,
            f"dropped the contents list (lines {blocks[contents].line}-{end_line}): a publication regenerates it",
        )
        cover = list(blocks[:contents])
        unplaced = tuple(blocks[contents_end:first_part])
    else:
        pre = list(blocks[:first_part])
        if _cover_like(pre) or _title_and_summary(pre):
            cover, unplaced = pre, ()
        elif pre and isinstance(pre[0], Heading) and pre[0].level == 1:
            # the document's title over text that is not a cover (an opening paragraph, a
            # heading the structure stage places): the title, and the rest kept in order
            cover, unplaced = pre[:1], tuple(pre[1:])
        else:
            cover, unplaced = [], tuple(pre)
    title, title_line, publisher, publisher_line, summary = _read_cover(cover, findings)
    return FrontMatter(title, title_line, publisher, publisher_line, unplaced, tuple(blocks[first_part:]),
                       summary)


def _title_and_summary(blocks: Sequence[Block]) -> bool:
    """A web page's top: the title heading and a paragraph or two saying what the document is."""
    return (len(blocks) >= 2 and isinstance(blocks[0], Heading)
            and all(isinstance(b, Paragraph) for b in blocks[1:]) and len(blocks) <= 4)


def _flat_section(block: Block, level: int) -> bool:
    return (level > 0 and isinstance(block, Heading) and block.level == level
            and classify(block.text).kind is HeadingKind.PLAIN)


def _is_part_heading(block: Block) -> bool:
    return isinstance(block, Heading) and classify(block.text).kind in PART_KINDS


def _contents_heading(blocks: Sequence[Block]) -> int | None:
    for i, block in enumerate(blocks):
        if isinstance(block, Heading):
            kind = classify(block.text).kind
            if kind is HeadingKind.CONTENTS:
                return i
            if kind in PART_KINDS:
                return None
    return None


def _contents_end(blocks: Sequence[Block], start: int) -> int:
    """After the contents heading: the lines that look like contents entries, and no more."""
    end = start
    while end < len(blocks) and (
        _looks_like_contents(blocks[end], minimum=1) or isinstance(blocks[end], Rule)
        or (end == start and _short_list(blocks[end]))
    ):
        end += 1
    return end


def _short_list(block: Block) -> bool:
    """A list of short lines straight after 'Contents' (a web page's contents has no page numbers)."""
    if isinstance(block, Paragraph) and len(block.lines) >= 2:
        return all(len(line.split()) <= 14 and not line.rstrip().endswith((".", ";", ":"))
                   for line in block.lines)
    return isinstance(block, ListBlock) and all(len(line.split()) <= 14 for line in block.lines)


def _contents_run(blocks: Sequence[Block]) -> tuple[int, int] | None:
    """A contents list without a heading: blocks whose lines mostly end in page numbers."""
    hits = [i for i, block in enumerate(blocks) if _looks_like_contents(block)]
    return (hits[0], hits[-1] + 1) if hits else None


def _looks_like_contents(block: Block, minimum: int = 3) -> bool:
    if isinstance(block, TabBlock):
        lines = ["\t".join(row.cells) for row in block.rows]
    elif isinstance(block, Paragraph):
        lines = list(block.lines)
    else:
        return False
    numbered = sum(1 for line in lines if _PAGE_REF.search(line))
    return len(lines) >= minimum and numbered * 2 >= len(lines)


def _cover_like(blocks: Sequence[Block]) -> bool:
    """Short lines only (a title page), no lists, tables or long paragraphs."""
    for block in blocks:
        if isinstance(block, (ListBlock, TabBlock)):
            return False
        if isinstance(block, Paragraph) and len(join_lines(block.lines).split()) > _COVER_MAX_WORDS:
            return False
    return True


def _read_cover(cover: Sequence[Block], findings: Findings) -> tuple[str | None, int, str | None, int, str | None]:
    candidates: list[tuple[str, int, bool]] = []  # text, line, is a heading
    for block in cover:
        if isinstance(block, Heading):
            candidates.append((clean_heading_text(block.text), block.line, True))
        elif isinstance(block, Paragraph):
            candidates.append((cover_text(block.lines), block.line, False))
    candidates = [c for c in candidates if c[0]]
    if not candidates:
        return None, 0, None, 0, None
    headings = [c for c in candidates if c[2]]
    title = headings[0] if headings else max(candidates, key=lambda c: len(c[0].split()))
    publisher = next(
        (
            c
            for c in candidates
            if c is not title and len(c[0].split()) <= _PUBLISHER_MAX_WORDS and _ORGANISATION.search(c[0])
        ),
        None,
    )
    first, last = cover[0].line, cover[-1].end_line
    findings.info(
        first, f"dropped the cover (lines {first}-{last}): its title and publisher went into manifest.yaml"
    )
    summary: list[str] = []
    for candidate in candidates:
        if candidate is title or candidate is publisher:
            continue
        if not candidate[2] and len(candidate[0].split()) >= _SUMMARY_MIN_WORDS:
            summary.append(candidate[0])
            findings.info(candidate[1], "cover text went into the manifest's description")
        else:
            findings.info(candidate[1], f"cover text '{candidate[0]}' is not used in the output")
    return (title[0], title[1], (publisher[0] if publisher else None), (publisher[1] if publisher else 0),
            " ".join(summary) or None)


def cover_text(lines: Sequence[str]) -> str:
    """'Department for  \\n**TRANSPORT**' -> 'Department for Transport': capitals in bold are a logo's type."""
    text = join_lines(lines)
    return _BOLD.sub(lambda m: _title_case_if_upper(m.group(1) or m.group(2)), text)


def _title_case_if_upper(text: str) -> str:
    if text.isupper():
        return re.sub(r"[A-Za-z]+", lambda m: m.group().capitalize(), text.lower())
    return text


def _is_name_line(line: str) -> bool:
    """'**JACK STRAW**': a short line all in bold (a bold sentence is not a name)."""
    match = _BOLD_LINE.match(line)
    return match is not None and len(match.group(1).split()) <= _NAME_MAX_WORDS


def take_signatory(blocks: list[Block], findings: Findings) -> tuple[Signatory | None, list[Block]]:
    """Find 'image description / **NAME** / title' at the end of the blocks and take it out."""
    prose = [i for i, b in enumerate(blocks) if isinstance(b, (Paragraph, ListBlock))]
    name_index = next(
        (
            i
            for i in reversed(prose[-3:])
            if isinstance(blocks[i], Paragraph) and _is_name_line(blocks[i].lines[0])  # type: ignore[union-attr]
        ),
        None,
    )
    if name_index is None:
        return None, blocks
    name_block = blocks[name_index]
    assert isinstance(name_block, Paragraph)
    used = [name_index]
    match = _BOLD_LINE.match(name_block.lines[0])
    assert match is not None
    name = _title_case_if_upper(match.group(1).strip())
    title = join_lines(name_block.lines[1:]) or None
    following = name_index + 1
    if title is None and following < len(blocks) and isinstance(blocks[following], Paragraph):
        candidate = join_lines(blocks[following].lines)  # type: ignore[union-attr]
        if len(candidate.split()) <= _SIGNATORY_TITLE_MAX_WORDS:
            title, used = candidate, used + [following]
    signature = None
    before = name_index - 1
    if before >= 0 and isinstance(blocks[before], Paragraph):
        text = join_lines(blocks[before].lines)  # type: ignore[union-attr]
        image = _IMAGE.match(text)
        if image is not None or _SIGNATURE.search(text):
            signature = (image.group(1) if image else text) or None
            used.insert(0, before)
    first, last = blocks[used[0]].line, blocks[used[-1]].end_line
    findings.info(first, f"moved the signature block (lines {first}-{last}) to manifest.yaml signatory")
    if name != match.group(1).strip():
        findings.info(
            name_block.line, f"signatory name '{match.group(1).strip()}' written as '{name}': check it"
        )
    rest = [b for i, b in enumerate(blocks) if i not in used]
    return Signatory(name, title, signature), rest
