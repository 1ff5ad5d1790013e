"""Glossary terms that are one term once spacing, width and case are normalised."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from checker.checks.base import Context, check, get
from checker.findings import Finding, Severity
from checker.model import Document, GlossaryEntry


def normalised_term(term: str) -> str:
    """A term as a reader hears it: compatibility forms folded (full-width "ＤＥＬ" is "DEL"),
    case folded ("STRASSE" is "straße"), spacing collapsed, a plural "s" after a capital
    dropped ("DSOs" is "DSO")."""
    folded = " ".join(unicodedata.normalize("NFKC", term).split())
    if len(folded) > 2 and folded.endswith("s") and folded[-2].isupper():
        folded = folded[:-1]
    return unicodedata.normalize("NFKC", folded.casefold())


def _glo004_key(term: str) -> str:
    """How GLO004 compares terms (case and plural only): what it reports, this check does not."""
    return (term[:-1] if len(term) > 2 and term.endswith("s") and term[-2].isupper() else term).lower()


@check("GLO005", "near-duplicate-glossary-term", Severity.WARNING, "glossary")
def near_duplicate_glossary_term(document: Document, context: Context) -> Iterator[Finding]:
    """Two glossary entries whose terms differ only in spacing, character width or a case
    that GLO004 does not fold ("Permanent  Secretary" with two spaces, a full-width "ＤＥＬ",
    a trailing space inside quotes, "STRASSE" and "Straße").

    Why it matters: the entries look different to the checker and the same to a reader, so
    the glossary defines one term twice, perhaps two ways, and the published glossary lists
    it twice.

    Fails::

        entries:
          - {term: Permanent Secretary, expansion: the department's senior official}
          - {term: "Permanent  Secretary", expansion: the Agency's sponsor}

    Passes::

        entries:
          - {term: Permanent Secretary, expansion: the department's senior official}
          - {term: Second Permanent Secretary, expansion: the Agency's sponsor}

    Terms that are equal but for case or a plural "s" are GLO004's.  The finding is at the
    second entry and names the first.
    """
    this = get("GLO005")
    seen: dict[str, GlossaryEntry] = {}
    for entry in document.glossary:
        key = normalised_term(entry.term)
        first = seen.setdefault(key, entry)
        if first is entry or _glo004_key(first.term) == _glo004_key(entry.term):
            continue
        yield this.finding(f"the glossary defines {entry.term!r} and, at {first.location}, {first.term!r}: "
                           "they are one term written two ways; keep one entry", entry.location,
                           first.location, subjects=(entry.term,))
