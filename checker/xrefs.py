"""Cross-references in prose: "see 2.1.4", "section 2.1.7", "Annex C", "paragraph 4 of Annex C",
and part titles quoted in a numbered list ("4. Capital Programmes and Estate Management").

One module holds every pattern, so that the reference checks (checks/references.py) and the
renderers (which turn references into links) read the prose the same way.

`find_references(text)` returns each reference with its span in `text`, what it points at and
its kind:

| kind | target | example |
|---|---|---|
| `number` | a clause, section or annex paragraph number | "see 2.1.4" -> "2.1.4"; "paragraph 4 of Annex C" -> "C.4" |
| `annex` | an annex label | "at Annex G" -> "Annex G" |
| `title` | a part title as the text quotes it (`number` holds the number it is listed under, if any) | "4. Capital Programmes and Estate Management" |

`resolve(document, xref)` finds the clause a `number` or `annex` reference points at.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from checker.model import Clause, Document

NUMBER, ANNEX, TITLE = "number", "annex", "title"


@dataclass(frozen=True)
class XRef:
    start: int  # offset of the reference in the text
    end: int
    target: str  # "2.1.4", "C.4", "Annex C" or a quoted title
    kind: str  # number | annex | title
    number: str | None = None  # for a title: the number it is listed under ("4")

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


_NUM = r"\d{1,2}(?:\.\d{1,3}){0,4}"
_SEP = r"(?:\s*,\s*|\s+(?:and|or|to)\s+|\s*[-–]\s*|\s*&\s*)"
# "see 2.1.4", "section 2.1.7", "sections 2.1 and 2.2", "paragraph 2.1.3", "clause 3.2"
_KEYWORD_NUMBERS = re.compile(
    rf"\b(?P<kw>see(?:\s+also)?|sections?|paragraphs?|paras?\.?|clauses?)\s+"
    rf"(?P<nums>{_NUM}(?:{_SEP}{_NUM})*)(?![\w.]*\d)",
    re.IGNORECASE,
)
# a bare three-level number "2.1.4" (two levels is too often an amount or a version)
_BARE_NUMBER = re.compile(r"(?<![\w.£$€/-])(\d{1,2}\.\d{1,3}\.\d{1,3}(?:\.\d{1,3})*)(?![\w%]|\.\d)")
# "paragraph 4 of Annex C", "paragraphs 4 and 5 of Annex C"
_PARA_OF_ANNEX = re.compile(
    rf"\bparagraphs?\s+(?P<nums>\d{{1,3}}(?:{_SEP}\d{{1,3}})*)\s+of\s+(?:the\s+)?Annex\s+(?P<letter>[A-Z])\b",
    re.IGNORECASE,
)
# "Annex C", "Annexes A and B", "Annex C paragraph 4", "Annex C, paragraph 4"
_ANNEX = re.compile(
    rf"\b[Aa]nnex(?:es)?\s+(?P<letters>[A-Z](?:{_SEP}[A-Z])*)\b"
    rf"(?:,?\s+paragraphs?\s+(?P<para>\d{{1,3}})\b)?"
)
# A statute or another document's section: "sections 1 & 4 of the Prison Act 1952"
_EXTERNAL_TAIL = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
# "4. Capital Programmes and Estate Management\" at the start of a line: a numbered list item
# whose first line is in title case
_LISTED_TITLE = re.compile(r"^(?P<indent>[ \t]*)(?P<num>\d{1,2})[.)][ \t]+(?P<title>[^\n\\]+?)[ \t]*(?:\\|$)",
                           re.MULTILINE)
# every reference holds one of these: a cheap test before the patterns above
_MAYBE = re.compile(r"\d\.\d|annex|\b(?:see|sections?|paragraphs?|paras?|clauses?)\s+\d|^[ \t]*\d{1,2}[.)][ \t]",
                    re.IGNORECASE | re.MULTILINE)
_SMALL_WORDS = frozenset("a an and as at by for in of on or the to with".split())


def find_references(text: str) -> list[XRef]:
    """Every cross-reference in `text`, in order of position, without overlaps."""
    if not _MAYBE.search(text):
        return []
    found: list[XRef] = []
    taken = Spans()
    free = taken.free

    def add(ref: XRef, span: tuple[int, int]) -> None:
        found.append(ref)
        taken.add(*span)

    for match in _PARA_OF_ANNEX.finditer(text):
        letter = match["letter"].upper()
        items = _split_numbers(match, "nums")
        for index, (num, start, end) in enumerate(items):
            head = match.start() if index == 0 else start
            tail = match.end() if index == len(items) - 1 else end
            add(XRef(head, tail, f"{letter}.{num}", NUMBER), match.span())
    for match in _ANNEX.finditer(text):
        if not free(*match.span()):
            continue
        if match["para"]:
            letter = match["letters"][0]
            add(XRef(match.start(), match.end(), f"{letter}.{match['para']}", NUMBER), match.span())
            continue
        for letter, start, end in _split_numbers(match, "letters"):
            head = match.start() if start == match.start("letters") else start
            add(XRef(head, end, f"Annex {letter}", ANNEX), (head, end))
    for match in _KEYWORD_NUMBERS.finditer(text):
        if not free(*match.span()) or _EXTERNAL_TAIL.match(text, match.end()):
            continue
        for num, start, end in _split_numbers(match, "nums"):
            head = match.start() if start == match.start("nums") else start
            add(XRef(head, end, num, NUMBER), (head, end))
    for match in _BARE_NUMBER.finditer(text):
        if free(*match.span()) and not _EXTERNAL_TAIL.match(text, match.end()):
            add(XRef(match.start(), match.end(), match[1], NUMBER), match.span())
    for match in _LISTED_TITLE.finditer(text):
        title = match["title"].strip().strip("*_").strip()
        if _title_case(title) and free(match.start("title"), match.end("title")):
            add(XRef(match.start("title"), match.start("title") + len(match["title"].rstrip()),
                     title, TITLE, match["num"]), match.span("title"))
    return sorted(found, key=lambda r: (r.start, r.end))


class Spans:
    """The spans of text already taken by a reference, kept sorted so that "is this span
    free?" is a binary search, not a walk over every span taken so far (a clause of 60,000
    references once took minutes).  The spans added never overlap one another (each is free
    when added, or repeats one that is), so the span with the greatest start before `end` is
    also the one that reaches furthest."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self._spans, (end, -1))  # every span starting before `end`
        return at == 0 or self._spans[at - 1][1] <= start

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._spans, (start, end))


def _split_numbers(match: re.Match[str], group: str) -> list[tuple[str, int, int]]:
    """The numbers (or letters) of a list such as '2.1 and 2.2', each with its span."""
    base = match.start(group)
    out = []
    for item in re.finditer(r"\d{1,2}(?:\.\d{1,3})*|[A-Z]", match[group]):
        out.append((item[0], base + item.start(), base + item.end()))
    return out


def _title_case(title: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", title)
    if len(words) < 1 or title.endswith((".", ";", ",", ":")):
        return False
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(big) and all(w[0].isupper() for w in big)


def resolve(document: Document, xref: XRef) -> Clause | None:
    """The clause or part a `number` or `annex` reference points at (None if there is none)."""
    if xref.kind == NUMBER:
        return document.resolve_number(xref.target)
    if xref.kind == ANNEX:
        for part in document.parts:
            if part.label == xref.target:
                return document.clauses.get(part.id)
        return None
    if xref.kind == TITLE and xref.number is not None:
        return document.resolve_number(xref.number)
    return None
