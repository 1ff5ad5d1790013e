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

NUMBER, ANNEX, TITLE, EXTERNAL = "number", "annex", "title", "external"


@dataclass(frozen=True)
class XRef:
    start: int  # offset of the reference in the text
    end: int
    target: str  # "2.1.4", "34", "C.4", "Annex C", a quoted title, or an instrument's name
    kind: str  # number | annex | title | external
    number: str | None = None  # a title: the number it is listed under ("4"); external: the provision
    noun: str | None = None  # the word before a number: section | paragraph | clause (None: "see")

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


_NUM = r"\d{1,3}(?:\.\d{1,3}){0,4}"
_SEP = r"(?:\s*,\s*|\s+(?:and|or|to)\s+|\s*[-–]\s*|\s*&\s*)"
_ANNEX_WORD = r"(?:[Aa]nnex(?:es|e)?|[Aa]ppendix|[Aa]ppendices)"
_ANNEX_ID = r"(?:[A-Z]{1,2}|\d{1,2})"
# "see 2.1.4", "section 2.1.7", "sections 2.1 and 2.2", "paragraph 34", "paragraphs 8 to 10", "clause 3.2"
_KEYWORD_NUMBERS = re.compile(
    rf"\b(?P<kw>see(?:\s+also)?|sections?|paragraphs?|paras?\.?|clauses?)\s+"
    rf"(?P<nums>{_NUM}(?:{_SEP}{_NUM})*)(?![\w.]*\d)",
    re.IGNORECASE,
)
# a bare three-level number "2.1.4" (two levels is too often an amount or a version)
_BARE_NUMBER = re.compile(r"(?<![\w.£$€/-])(\d{1,2}\.\d{1,3}\.\d{1,3}(?:\.\d{1,3})*)(?![\w%]|\.\d)")
# "paragraph 4 of Annex C", "paragraphs 4 and 5 of Annex C", "paragraph 2 of Appendix 3"
_PARA_OF_ANNEX = re.compile(
    rf"\bparagraphs?\s+(?P<nums>\d{{1,3}}(?:{_SEP}\d{{1,3}})*)\s+of\s+(?:the\s+)?{_ANNEX_WORD}\s+"
    rf"(?P<letter>{_ANNEX_ID})\b",
    re.IGNORECASE,
)
# "Annex C", "Annexes A and B", "Annexe B", "Appendix 2", "Annex C paragraph 4", "Annex C, paragraph 4"
_ANNEX = re.compile(
    rf"\b{_ANNEX_WORD}\s+(?P<letters>{_ANNEX_ID}(?:{_SEP}{_ANNEX_ID})*)\b"
    rf"(?:,?\s+paragraphs?\s+(?P<para>\d{{1,3}})\b)?"
)
# Another instrument: what follows "of" or "to" after a provision ("section 22 of the 2018 Act",
# "Chapter 3 of Managing Public Money", "paragraph 11 of Schedule 1 to the Lamp Act 2011"):
# capitalised words, small words between them, years and bracketed places
_CAP = r"(?:[A-Z][\w’'-]*|\d{1,4}\b|\([A-Z][\w ]{1,30}\))"
_INSTRUMENT = (rf"(?:the\s+)?(?:[A-Z][\w’'-]*|\d{{4}}\s+(?:Act|Regulations|Order|Measure)\b)"
               rf"(?:\s+(?:(?:of|and|for|the|on|in|to)\s+)*{_CAP})*")
# "Schedule 1 to the X Act 2011": a provision of the Act, not an instrument of its own
_SUB_PROVISION = re.compile(r"^(?P<sub>(?:Schedule|Part|Chapter)\s+\w{1,4})\s+(?:to|of)\s+(?:the\s+)?(?P<rest>\S.*)$")
_PROVISION = (r"(?i:sections?|paragraphs?|paras?\.?|chapters?|parts?|schedules?|articles?|regulations?|"
              r"rules?|clauses?|annex(?:es)?|standing\s+orders?)")
_EXTERNAL_PROVISION = re.compile(
    rf"\b(?P<prov>{_PROVISION}\s+(?:{_NUM}|[A-Z]\b)(?:\s*\(\w{{1,4}}\))*(?:{_SEP}(?:{_NUM}|[A-Z]\b)(?:\s*\(\w{{1,4}}\))*)*)"
    rf"\s+(?:of|to|under)\s+(?P<inst>{_INSTRUMENT})",
)
# a statute named on its own: "the Lamp Records Act 2011", "Public Services (Wales) Measure 2009"
_STATUTE = re.compile(
    r"\b(?P<inst>[A-Z][\w’'-]*\s+(?:[A-Z][\w’'-]*\s+|\([A-Z][\w ]{1,30}\)\s+|(?:of|and|for|the|on|in|to)\s+){0,11}?"
    r"(?:Act|Acts|Regulations|Order|Measure|Rules|Directive)(?:\s+\([A-Z][\w ]{1,30}\))?\s+\d{4})\b"
)
_STATUTE_END = re.compile(r"\b(?:Acts?|Regulations|Order|Measure|Rules|Directive)(?:\s+\([^)]*\))?\s+\d{4}\b|"
                          r"^(?:the\s+)?\d{4}\s+(?:Act|Regulations|Order|Measure)\b")
# "the 2011 Act": an instrument named earlier in full
_SHORT_STATUTE = re.compile(r"\bthe\s+(?P<inst>\d{4}\s+(?:Act|Regulations|Order|Measure))\b")
# words that name this document's own parts: "paragraph 3 of Section 2" is internal
_OWN = re.compile(rf"(?:the\s+)?(?:this|these|sections?|{_ANNEX_WORD}|paragraphs?)\b", re.IGNORECASE)
_EXTERNAL_TAIL = re.compile(r"\s+(?:of|to|under)\s+(?:the\s+)?(?:[A-Z]|\d{4}\s+[A-Z])")
# "4. Capital Programmes and Estate Management\" at the start of a line: a numbered list item
# whose first line is in title case
_LISTED_TITLE = re.compile(r"^(?P<indent>[ \t]*)(?P<num>\d{1,2})[.)][ \t]+(?P<title>[^\n\\]+?)[ \t]*(?:\\|$)",
                           re.MULTILINE)
# What each family of patterns needs somewhere in the text, as a cheap search: a pattern whose
# needle is absent cannot match, so it is not run (most sentences cite nothing; running every
# pattern over every sentence was two thirds of `fwdoc check`'s reference checks).  Each
# needle matches wherever its patterns do (a test compares with every pattern run).
_NEEDS_ANNEX = ("annex", "appendi")  # in the lower-cased text: _PARA_OF_ANNEX, _ANNEX
# (a search for these word alternatives ignoring case is slow: words of the lower-cased text first)
_EXTERNAL_WORDS = ("section", "para", "chapter", "part", "schedule", "article", "regulation", "rule",
                   "clause", "annex", "standing")
_NEEDS_EXTERNAL = re.compile(rf"{_PROVISION}\s+(?:\d|[A-Z]\b)")  # _EXTERNAL_PROVISION
_KEYWORD_WORDS = ("see", "section", "para", "clause")
_NEEDS_STATUTE = re.compile(r"Act|Regulations|Order|Measure|Rules|Directive")  # _STATUTE, _SHORT_STATUTE
_NEEDS_KEYWORD = re.compile(r"(?:see(?:\s+also)?|sections?|paragraphs?|paras?\.?|clauses?)\s+\d",
                            re.IGNORECASE)  # _KEYWORD_NUMBERS
_NEEDS_BARE = re.compile(r"\d\.\d")  # _BARE_NUMBER
_NEEDS_LISTED = re.compile(r"^[ \t]*\d{1,2}[.)][ \t]", re.MULTILINE)  # _LISTED_TITLE
_SMALL_WORDS = frozenset("a an and as at by for in of on or the to with".split())
_NOUNS = {"section": "section", "sections": "section", "paragraph": "paragraph",
          "paragraphs": "paragraph", "para": "paragraph", "paras": "paragraph", "para.": "paragraph",
          "paras.": "paragraph", "clause": "clause", "clauses": "clause"}
_RANGE_MAX = 200  # "paragraphs 8 to 10" lists 8, 9, 10; a longer run is read as its two ends


def find_references(text: str, gated: bool = True) -> list[XRef]:
    """Every cross-reference in `text`, in order of position, without overlaps.

    `gated=False` runs every pattern whatever the needles say (for the test that the needles
    never skip a pattern that would have matched)."""
    low = text.lower() if gated else ""
    annex = not gated or any(word in low for word in _NEEDS_ANNEX)
    external = not gated or (any(word in low for word in _EXTERNAL_WORDS)
                             and _NEEDS_EXTERNAL.search(text) is not None)
    statute = not gated or _NEEDS_STATUTE.search(text) is not None
    keyword = not gated or (any(word in low for word in _KEYWORD_WORDS)
                            and _NEEDS_KEYWORD.search(text) is not None)
    bare = not gated or _NEEDS_BARE.search(text) is not None
    listed = not gated or _NEEDS_LISTED.search(text) is not None
    if not (annex or external or statute or keyword or bare or listed):
        return []
    found: list[XRef] = []
    taken = Spans()
    free = taken.free

    def add(ref: XRef, span: tuple[int, int]) -> None:
        found.append(ref)
        taken.add(*span)

    for match in _PARA_OF_ANNEX.finditer(text) if annex else ():
        letter = match["letter"].upper()
        items = _split_numbers(match, "nums")
        for index, (num, start, end) in enumerate(items):
            head = match.start() if index == 0 else start
            tail = match.end() if index == len(items) - 1 else end
            add(XRef(head, tail, f"{letter}.{num}", NUMBER, noun="paragraph"), match.span())
    for match in _EXTERNAL_PROVISION.finditer(text) if external else ():
        instrument, length = _instrument(match["inst"])
        span = (match.start(), match.start("inst") + length)
        if instrument is None or not free(*span):
            continue
        provision = " ".join(match["prov"].split())
        sub = _SUB_PROVISION.match(instrument)
        if sub is not None:
            provision, instrument = f"{provision} of {sub['sub']}", sub["rest"]
        add(XRef(span[0], span[1], instrument, EXTERNAL, provision), span)
    for match in _ANNEX.finditer(text) if annex else ():
        if not free(*match.span()) or _EXTERNAL_TAIL.match(text, match.end()):
            continue
        if match["para"]:
            letter = _split_numbers(match, "letters")[0][0]
            add(XRef(match.start(), match.end(), f"{letter}.{match['para']}", NUMBER, noun="paragraph"),
                match.span())
            continue
        for letter, start, end in _split_numbers(match, "letters"):
            head = match.start() if start == match.start("letters") else start
            add(XRef(head, end, f"Annex {letter}", ANNEX), (head, end))
    for pattern in (_STATUTE, _SHORT_STATUTE) if statute else ():
        for match in pattern.finditer(text):
            instrument, length = _instrument(match["inst"])
            span = (match.start("inst"), match.start("inst") + length)
            if instrument is not None and free(*span):
                add(XRef(span[0], span[1], instrument, EXTERNAL), span)
    for match in _KEYWORD_NUMBERS.finditer(text) if keyword else ():
        if not free(*match.span()):  # (a provision of another instrument was taken above)
            continue
        noun = _NOUNS.get(match["kw"].lower())
        for num, start, end in _expand(text, _split_numbers(match, "nums")):
            head = match.start() if start == match.start("nums") else start
            add(XRef(head, end, num, NUMBER, noun=noun), (head, end))
    for match in _BARE_NUMBER.finditer(text) if bare else ():
        if free(*match.span()) and not _EXTERNAL_TAIL.match(text, match.end()):
            add(XRef(match.start(), match.end(), match[1], NUMBER), match.span())
    for match in _LISTED_TITLE.finditer(text) if listed else ():
        title = match["title"].strip().strip("*_").strip()
        if _title_case(title) and free(match.start("title"), match.end("title")):
            add(XRef(match.start("title"), match.start("title") + len(match["title"].rstrip()),
                     title, TITLE, match["num"]), match.span("title"))
    return sorted(found, key=lambda r: (r.start, r.end))


def _instrument(raw: str) -> tuple[str | None, int]:
    """The name of another instrument as a reference cites it, and how much of `raw` it takes;
    None when the words name this document's own parts ("of Annex C", "of this document")."""
    if _OWN.match(raw):
        return None, 0
    ends = _STATUTE_END.search(raw)  # "the X Act 2011 and the Y Act 1958": two instruments
    if ends is not None:
        raw = raw[:ends.end()]
    raw = raw.rstrip(".,;: ")
    words = raw.split()
    while words and words[-1].lower() in _SMALL_WORDS:  # "... Money and" -> "... Money"
        raw = raw[:raw.rstrip().rfind(words.pop())].rstrip()
    if words and words[0].lower() == "the":
        words.pop(0)
    return (" ".join(words) or None), len(raw)


def _expand(text: str, items: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """'8 to 10' (or '8-10') as 8, 9, 10: each number between the two ends is cited too, at
    the span of the range (it is not written out)."""
    out: list[tuple[str, int, int]] = []
    for index, item in enumerate(items):
        out.append(item)
        if index + 1 >= len(items):
            continue
        here, following = item, items[index + 1]
        joint = text[here[2]:following[1]]
        if not re.fullmatch(r"\s+to\s+|\s*[-–]\s*", joint):
            continue
        if not (here[0].isdigit() and following[0].isdigit()):
            continue
        low, high = int(here[0]), int(following[0])
        if 0 < high - low <= _RANGE_MAX:
            out.extend((str(n), here[1], following[2]) for n in range(low + 1, high))
    return out


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
    for item in re.finditer(r"\d{1,3}(?:\.\d{1,3})*|[A-Z]{1,2}\b", match[group]):
        out.append((item[0], base + item.start(), base + item.end()))
    return out


def _title_case(title: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", title)
    if len(words) < 1 or title.endswith((".", ";", ",", ":")):
        return False
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(big) and all(w[0].isupper() for w in big)


def resolve(document: Document, xref: XRef) -> Clause | None:
    """The clause or part a `number` or `annex` reference points at (None if there is none),
    by the numbers and letters the document prints under its numbering scheme."""
    if xref.kind == NUMBER:
        return _by_number(document, xref.target, xref.noun)
    if xref.kind == ANNEX:
        wanted = xref.target.rsplit(" ", 1)[-1].upper()
        part = _index(document)["annex"].get(wanted)
        return document.clauses.get(part) if part else None
    if xref.kind == TITLE and xref.number is not None:
        return document.resolve_number(xref.number)
    return None


def annex_target(number: str) -> str:
    """How `find_references` names the annex lettered or numbered `number` ('Annex C')."""
    return f"Annex {number}"


def _by_number(document: Document, target: str, noun: str | None) -> Clause | None:
    target = target.strip().rstrip(".")
    index = _index(document)
    if noun == "section" and "." not in target:
        part = index["section"].get(target)
        if part is not None:
            return document.clauses.get(part)
    if noun in ("paragraph", "clause"):
        clause = index["paragraph"].get(target)
        if clause is not None:
            return document.clauses.get(clause)
    return document.resolve_number(target)


def _index(document: Document) -> dict[str, dict[str, str]]:
    """Annexes and sections by their printed number, paragraphs (clauses below the parts) by
    theirs: built once per document, kept in its own __dict__ as a cached property is."""
    store = document.__dict__.setdefault("_xrefs_index", {})
    if not store:
        store["annex"] = {p.number.upper(): p.id for p in document.parts if p.kind == "annex" and p.number}
        store["section"] = {p.number: p.id for p in document.parts if p.kind == "section" and p.number}
        paragraphs: dict[str, str] = {}
        for clause in document.clauses.values():
            if clause.depth > 0 and clause.number:
                paragraphs.setdefault(clause.number, clause.id)
        store["paragraph"] = paragraphs
    return store


@dataclass(frozen=True)
class Citation:
    provision: str | None  # "section 22", "Chapter 3"; None when the instrument is named whole
    clause: str  # the clause whose prose cites it
    written: str  # the reference as the prose writes it


@dataclass(frozen=True)
class Instrument:
    """Another instrument the document relies on (an Act, a code, a manual) and where it is cited."""

    name: str
    citations: tuple[Citation, ...]


_SHORT_NAME = re.compile(r"^(?P<year>\d{4})\s+(?P<kind>Act|Regulations|Order|Measure)$")


def instruments(document: Document) -> list[Instrument]:
    """Every other instrument the prose cites, by name, in order of first citation.

    "the 2011 Act" is filed under the one instrument of that kind and year the document names
    in full ("the Lamp Records Act 2011"), when there is exactly one."""
    found: dict[str, list[Citation]] = {}
    for clause in document.clauses.values():
        for sentence in clause.sentences:
            for xref in find_references(sentence.text):
                if xref.kind == EXTERNAL:
                    written = " ".join(sentence.text[xref.start:xref.end].split())
                    found.setdefault(xref.target, []).append(Citation(xref.number, clause.id, written))
    full = [name for name in found if not _SHORT_NAME.match(name)]
    for name in [n for n in found if _SHORT_NAME.match(n)]:
        match = _SHORT_NAME.match(name)
        assert match is not None
        same = [f for f in full if f.endswith(match["year"]) and f" {match['kind']}" in f]
        if len(same) == 1:
            found[same[0]].extend(found.pop(name))
    return [Instrument(name, tuple(cites)) for name, cites in found.items()]
