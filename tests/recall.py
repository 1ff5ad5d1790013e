"""Word recall of a publication against the seed: the share of the seed's words that appear,
in order, in the publication.

Both texts are reduced to lowercase words (HTML tags, Markdown punctuation and page furniture
removed) and aligned with difflib.SequenceMatcher; recall is the number of seed words in
matching blocks over the number of seed words.  Used by the Markdown, HTML and PDF tests.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

# the reference data lives in the repository (see tests/data/README.md)
SEED = Path(__file__).resolve().parent / "data" / "seed" / "noms-agency-framework-document-2008.md"

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lowercase words: tags become spaces, apostrophes and hyphens split words."""
    text = _TAG.sub(" ", text).replace("&amp;", "&").replace("&nbsp;", " ")
    return _WORD.findall(text.lower())


def seed_body(seed: str) -> str:
    """The seed from the foreword heading to the end of the last annex.

    The cover and contents list come before the foreword heading; the contents list's
    "Notes" pages are entries of that list, not text of their own.
    """
    lines = seed.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"#+\s*Foreword\b", line))
    body = [line for line in lines[start:] if not re.fullmatch(r"\s*Notes(\s+\d+)?\s*", line)]
    return "\n".join(body)


def seed_words() -> list[str]:
    return words(seed_body(SEED.read_text(encoding="utf-8")))


def recall(reference: list[str], candidate: list[str]) -> float:
    """Share of `reference` words found in order in `candidate`."""
    if not reference:
        return 1.0
    matcher = SequenceMatcher(None, reference, candidate, autojunk=False)
    found = sum(block.size for block in matcher.get_matching_blocks())
    return found / len(reference)


def missing(reference: list[str], candidate: list[str], context: int = 6) -> list[str]:
    """The seed passages that are not in the publication, for a readable failure message."""
    matcher = SequenceMatcher(None, reference, candidate, autojunk=False)
    out = []
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            before = " ".join(reference[max(0, i1 - context):i1])
            out.append(f"... {before} [{' '.join(reference[i1:i2])}]")
    return out
