"""Split clause prose into sentences and tell which are normative.

The heuristic, documented in docs/coverage.md and tested in tests/test_sentences.py:

* prose is split into paragraphs and list items (Markdown markers removed); each list item is
  a unit of its own, because items in these documents are clauses of one long sentence;
* a paragraph is split into sentences after `.`, `!` or `?` followed by a space and an
  upper-case letter, a digit or an opening quote, except after common abbreviations (e.g.,
  i.e., etc., No., St.);
* a sentence is normative when it holds a normative word (must, will, shall, should, may, can,
  is responsible, accountable, answerable, appoints, approves, agrees, delegates, reports to,
  chairs, requires ...), or when it is a list item introduced by a normative sentence (the
  Secretary of State's responsibilities "include:" a list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NORMATIVE = re.compile(
    r"\b(must|will|shall|should|may|can|cannot|need to|needs to|is to|are to|"
    r"responsib\w*|accountab\w*|answerable|appoint\w*|approv\w*|agree[sd]?|agreement|"
    r"delegat\w*|reports? to|chair(s|ed|ing)?|requires?|required|duty|duties|"
    r"designat\w*|line manager|obliged|entitled|power to|liable)\b",
    re.IGNORECASE,
)
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "no.", "st.", "vs.", "cf.", "mr.", "mrs.", "dr.")
_SPLIT = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[A-Z0-9\"'\u201c\u2018(])")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}")


@dataclass(frozen=True)
class Unit:
    """A sentence-sized piece of prose and where it starts in the source string."""

    text: str
    offset: int
    origin: str  # text | item
    normative: bool


def plain(text: str) -> str:
    """Markdown to plain words: drop emphasis markers, links' targets, extra spaces."""
    if _MARKUP.search(text) is None:  # most sentences: nothing to drop (a large document's hot path)
        return " ".join(text.split())
    # the classes exclude the opening bracket too, so that a long run of '[' or '<' without
    # a closing one is scanned once, not once per bracket (quadratic on hostile input)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = _TAG.sub(" ", text)
    return " ".join(text.split())


_MARKUP = re.compile(r"[\[*_`<]")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_TAG = re.compile(r"<[^<>]+>")


def normalise(text: str) -> str:
    """For matching quotes against sentences: case, quotes and spaces do not matter."""
    text = plain(text).lower()
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return text


def _split_paragraph(text: str, offset: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    start = 0
    for match in _SPLIT.finditer(text):
        # only the tail matters; slicing from `start` each time is quadratic on "e.g. A e.g. A ..."
        before = text[max(start, match.start() - 16): match.start()].rstrip()
        if before.lower().endswith(_ABBREVIATIONS):
            continue
        out.append((text[start: match.start()], offset + start))
        start = match.end()
    out.append((text[start:], offset + start))
    return [(s, o) for s, o in out if s.strip()]


def split_units(markdown: str) -> list[Unit]:
    """Sentences of a Markdown text, list items as units of their own, in order."""
    units: list[Unit] = []
    lead_normative = False  # is the sentence introducing the current list normative?
    paragraph: list[str] = []
    para_start = 0
    offset = 0

    def flush() -> None:
        nonlocal lead_normative
        if not paragraph:
            return
        text = " ".join(part.strip() for part in paragraph)
        for sentence, at in _split_paragraph(text, para_start):
            normative = bool(NORMATIVE.search(sentence))
            units.append(Unit(plain(sentence), at, "text", normative))
        last = units[-1] if units else None
        lead_normative = bool(last and last.origin == "text" and last.normative)
        paragraph.clear()

    for line in markdown.split("\n"):
        item = _LIST_ITEM.match(line)
        if item:
            flush()
            body = item.group(2)
            start = offset + item.start(2)
            pieces = _split_paragraph(body, start) or [(body, start)]
            for sentence, at in pieces:
                normative = lead_normative or bool(NORMATIVE.search(sentence))
                units.append(Unit(plain(sentence), at, "item", normative))
        elif not line.strip() or _TABLE_SEPARATOR.match(line):
            flush()
        else:
            if not paragraph:
                para_start = offset + len(line) - len(line.lstrip())
            paragraph.append(line)
        offset += len(line) + 1
    flush()
    return [u for u in units if u.text]


class QuoteIndex:
    """Which of a clause's sentences hold a quote, without testing every sentence for every
    quote (thousands of quotes against thousands of sentences once took minutes).

    The texts are normalised (`normalise`: single spaces), so a quote of three words or more
    holds inner words that are whole words of every sentence holding it: only the sentences
    that hold its rarest inner word are tested.  A quote without inner words, or whose words
    are in most sentences, is searched for in the clause's text joined into one string, a
    search that runs at the speed of str.find, not of a Python loop.  The answer is the same
    as testing every sentence, in sentence order.
    """

    _SMALL = 16  # up to this many sentences, test each

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._words: dict[str, list[int]] | None = None
        self._joined = ""
        self._starts: list[int] = []
        # one answer per quote: a quote cited with many occurrence numbers ("q" (1), "q" (2)...)
        # is searched for once, not once per citation
        self._memo: dict[str, list[int]] = {}

    def containing(self, wanted: str) -> list[int]:
        """The positions (0-based, in order) of the texts that hold `wanted` (do not modify)."""
        hits = self._memo.get(wanted)
        if hits is None:
            hits = self._memo[wanted] = self._containing(wanted)
        return hits

    def _containing(self, wanted: str) -> list[int]:
        texts = self.texts
        if len(texts) <= self._SMALL or "\0" in wanted:
            return [i for i, text in enumerate(texts) if wanted in text]
        inner = wanted.split(" ")[1:-1]
        if inner:
            if self._words is None:
                self._words = {}
                for number, text in enumerate(texts):
                    for word in set(text.split(" ")):
                        self._words.setdefault(word, []).append(number)
            rarest = min((self._words.get(word, []) for word in inner), key=len)
            if len(rarest) <= max(self._SMALL, len(texts) // 8):
                return [i for i in rarest if wanted in texts[i]]
        return self._scan(wanted)

    def _scan(self, wanted: str) -> list[int]:
        import bisect

        if not self._starts:
            # NUL never stands in a quote searched here, so no match runs across two sentences
            self._joined = "\0".join(self.texts)
            at = 0
            for text in self.texts:
                self._starts.append(at)
                at += len(text) + 1
        hits: list[int] = []
        pos = self._joined.find(wanted)
        while pos != -1:
            number = bisect.bisect_right(self._starts, pos) - 1
            hits.append(number)
            if number + 1 >= len(self._starts):
                break
            pos = self._joined.find(wanted, self._starts[number + 1])
        return hits
