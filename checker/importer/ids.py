"""Ids for parts, clauses and table columns: short slugs of their titles, unique in a document.

A clause id never changes once published (docs/format.md), so the importer proposes ids that
read well and stay short: the significant words of the title, at most six of them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_WORDS = 6

STOP_WORDS = frozenset("a an and as at by for from in into its of on or the their to with".split())

_PARENTHESISED = re.compile(r"\([^()]*\)")
_APOSTROPHES = re.compile(r"['’‘`]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug_words(text: str, max_words: int = MAX_WORDS) -> list[str]:
    """The words an id is made of: ASCII, lowercase, stop-words and parentheses dropped."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = _APOSTROPHES.sub("", ascii_text.lower())
    # "(ABC)" after "Agency for Better Care" repeats the words before it; drop it unless nothing else is left.
    without = _PARENTHESISED.sub(" ", ascii_text)
    words = [w for w in _NON_WORD.split(without) if w] or [w for w in _NON_WORD.split(ascii_text) if w]
    significant = [w for w in words if w not in STOP_WORDS] or words
    return significant[:max_words]


def slugify(text: str, max_words: int = MAX_WORDS) -> str:
    """'Strategic Purpose and Aims' -> 'strategic-purpose-aims'."""
    return "-".join(slug_words(text, max_words))


def column_id(text: str) -> str:
    """Table column ids are name-like ('function_moj'): the schema wants [a-z][a-z0-9_]*."""
    name = "_".join(slug_words(text, max_words=4))
    if not name or not name[0].isalpha():
        name = f"column_{name}" if name else "column"
    return name


@dataclass
class IdAllocator:
    """Hands out ids unique within one document, suffixing -2, -3 on a collision."""

    used: set[str] = field(default_factory=set)
    separator: str = "-"

    def claim(self, base: str) -> str:
        candidate = base
        counter = 2
        while candidate in self.used:
            candidate = f"{base}{self.separator}{counter}"
            counter += 1
        self.used.add(candidate)
        return candidate
