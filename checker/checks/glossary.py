"""Glossary: acronyms are defined, entries are used, terms are spelt one way and defined once."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from checker.checks.base import Context, check, get
from checker.checks.common import memo
from checker.findings import Finding, Location, Severity
from checker.model import Document, GlossaryEntry

# An acronym: two or more capitals, possibly one lower-case letter inside ("DfT"), possibly a
# plural "s" ("SLAs", "DSOs") or a possessive.
_ACRONYM = re.compile(r"(?<![\w&/-])([A-Z](?:[A-Z0-9&]|[a-z](?=[A-Z]))*[A-Z0-9]*)(?:s|['’]s)?(?![\w&-])")
# "Multi Agency Public Protection Arrangements (MAPPA)" or "PSA (Public Service Agreements)"
_INLINE_AFTER = re.compile(r"[A-Za-z][\w'’-]*\s*\(\s*([A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9]*?)(?:s)?\s*\)")
_INLINE_BEFORE = re.compile(r"\b([A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9]*?)(?:s)?\s*\(\s*[A-Z][a-z]+(?:\s+\w+)+\s*\)")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_LETTERS = re.compile(r"[A-Za-z]")
_TOKEN = re.compile(r"[A-Za-z0-9]+")
# Abbreviations a reader needs no definition of: the GOV.UK style guide's examples of "well
# known" ones (UK, US, EU, VAT, MP), and HM, the honorific in the names of Crown bodies.
WELL_KNOWN = frozenset({"UK", "US", "EU", "VAT", "MP", "HM"})


def _is_acronym(token: str) -> bool:
    capitals = sum(1 for ch in token if ch.isupper())
    return capitals >= 2 and not _ROMAN.match(token) and sum(1 for ch in token if ch.islower()) <= 1


def _singular(term: str) -> str:
    return term[:-1] if len(term) > 2 and term.endswith("s") and term[-2].isupper() else term


@dataclass
class Use:
    count: int = 0
    first: Location | None = None
    forms: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Passage:
    text: str
    location: Location


def passages(document: Document) -> list[Passage]:
    """The prose a reader sees, outside the glossary: sentences, titles and subtitles."""
    return memo(document, "glossary-passages", _passages)


def _passages(document: Document) -> list[Passage]:
    out: list[Passage] = []
    for part in document.parts:
        if part.kind == "glossary":
            continue
        out.append(Passage(part.title, part.location))
        if part.subtitle:
            out.append(Passage(part.subtitle, part.location))
    glossary_parts = {p.id for p in document.parts if p.kind == "glossary"}
    for clause in document.clauses.values():
        if clause.part in glossary_parts:
            continue
        if clause.depth > 0 and clause.title:
            out.append(Passage(clause.title, clause.location))
        out.extend(Passage(s.text, s.location) for s in clause.sentences)
    return out


def _shouting(text: str) -> bool:
    letters = _LETTERS.findall(text)
    return len(letters) >= 8 and sum(1 for ch in letters if ch.isupper()) > 0.6 * len(letters)


def acronym_uses(document: Document) -> tuple[dict[str, Use], set[str]]:
    """Acronyms used in the prose (as written -> uses) and those spelt out inline."""
    return memo(document, "acronym-uses", _acronym_uses)


def _acronym_uses(document: Document) -> tuple[dict[str, Use], set[str]]:
    uses: dict[str, Use] = defaultdict(Use)
    inline: set[str] = set()
    for passage in passages(document):
        text = passage.text
        if "(" in text:
            for match in _INLINE_AFTER.finditer(text):
                inline.add(_singular(match[1]))
            for match in _INLINE_BEFORE.finditer(text):
                inline.add(_singular(match[1]))
        shouting: bool | None = None
        for match in _ACRONYM.finditer(text):
            token = match[1]
            if not _is_acronym(token):
                continue
            if shouting is None:
                shouting = _shouting(text)
            if shouting:
                break
            use = uses[token]
            use.count += 1
            if use.first is None:
                use.first = passage.location
    return uses, inline


def glossary_terms(document: Document) -> set[str]:
    terms: set[str] = set()
    for entry in document.glossary:
        terms.add(entry.term)
        terms.add(_singular(entry.term))
    return terms


@check("GLO001", "undefined-acronym", Severity.WARNING, "glossary")
def undefined_acronym(document: Document, context: Context) -> Iterator[Finding]:
    """An acronym or abbreviation used in the text but neither in the glossary nor spelt out
    where it is used ("Local Government Pension Scheme (LGPS)").

    Why it matters: a framework document is read by ministers, auditors, staff and the
    public.  "DEL", "EYF" or "PQs" mean nothing to most of them; an undefined acronym makes a
    responsibility unreadable to exactly the people it is meant to inform.

    Fails::

        text: The Agency must stay within its DEL.
        # ...and DEL is not in the glossary

    Passes::

        text: The Agency must stay within its Departmental Expenditure Limit (DEL).

    An acronym is two or more capitals, possibly with one lower-case letter inside ("DfT")
    and a plural "s" ("SLAs" is "SLA").  Sentences in capitals (a signature block) are not
    read.  The glossary part itself is not read.  Abbreviations the GOV.UK style guide calls
    well known (UK, US, EU, VAT, MP) and HM (in "HM Treasury") need no definition.
    """
    this = get("GLO001")
    if not document.parts:
        return
    uses, inline = acronym_uses(document)
    defined = glossary_terms(document) | inline | WELL_KNOWN
    defined_lower = {t.lower() for t in defined}
    for token in sorted(uses):
        use = uses[token]
        if token in defined or token.lower() in defined_lower:
            continue  # a different case is GLO003's business
        times = "once" if use.count == 1 else f"{use.count} times"
        yield this.finding(
            f"'{token}' is used {times} but is not in the glossary and is not spelt out where it is "
            f"used (as in 'Full Name ({token})')",
            use.first or Location(""), subjects=(token,))


def term_uses(document: Document) -> dict[str, Use]:
    """For each glossary term (lower case, singular): its uses in the prose, by exact form."""
    return memo(document, "term-uses", _term_uses)


def _term_uses(document: Document) -> dict[str, Use]:
    if not document.glossary:
        return {}
    return count_uses(document.glossary, passages(document))


def count_uses(entries: Sequence[GlossaryEntry], prose: Iterable[Passage]) -> dict[str, Use]:
    """The uses of the glossary's terms in the passages (one pass over each passage's words,
    and one pattern for the terms of several words)."""
    # one-word terms are looked up word by word; others ("Secretary of State") by a pattern
    words: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for entry in entries:
        key = _singular(entry.term).lower()
        for form in (entry.term, _singular(entry.term)):
            target = words if _TOKEN.fullmatch(form) else phrases
            target.setdefault(form.lower(), key)
    pattern = None
    if phrases:
        alternatives = sorted({re.escape(t) for t in phrases}, key=len, reverse=True)
        pattern = re.compile(rf"(?<![\w&])({'|'.join(alternatives)})(?:s|['’]s)?(?![\w&])", re.IGNORECASE)
    # a phrase can match only where its first word is a word of the passage (in ASCII text:
    # the pattern's IGNORECASE folds a few other letters, such as the Kelvin sign, to ASCII):
    # the pattern, an alternation of every phrase, is run only on the passages that have one
    first_words: set[str] = set()
    always = False
    for phrase in phrases:
        head = _TOKEN.match(phrase)
        if head is None:
            always = True  # a phrase that starts with no letter: no cheap test
        else:
            first_words.add(head[0].lower())
    uses: dict[str, Use] = defaultdict(Use)

    def count(form: str, key: str, location: Location, times: int = 1) -> None:
        use = uses[key]
        use.count += times
        use.forms[form] = use.forms.get(form, 0) + times
        if use.first is None:
            use.first = location

    for passage in prose:
        # each distinct word once a passage, with how often it occurs (in order of first
        # occurrence, so that the forms are counted in the same order as word by word)
        maybe = always or not passage.text.isascii()
        for token, times in Counter(_TOKEN.findall(passage.text)).items():
            lower = token.lower()
            maybe = maybe or lower in first_words
            found = words.get(lower)
            if found is None and lower.endswith("s"):
                found = words.get(lower[:-1])
                token = token[:-1]
            if found is not None:
                count(token, found, passage.location, times)
        if pattern is not None and maybe:
            for match in pattern.finditer(passage.text):
                found = phrases.get(match[1].lower())
                if found is not None:
                    count(match[1], found, passage.location)
    return uses


def _accepted_forms(entry: GlossaryEntry) -> set[str]:
    """The forms of a term that are spelt as the glossary spells it."""
    forms = {entry.term, _singular(entry.term)}
    if not any(ch.isupper() for ch in entry.term[1:]):
        # a word ("Agency", "Ombudsman") may start a sentence or not: only its first letter may vary
        forms |= {f[:1].lower() + f[1:] for f in forms} | {f[:1].upper() + f[1:] for f in forms}
    return forms


@check("GLO002", "unused-glossary-entry", Severity.INFO, "glossary")
def unused_glossary_entry(document: Document, context: Context) -> Iterator[Finding]:
    """A glossary entry whose term the text never uses.

    Why it matters: a glossary that lists terms the document does not use ("EYF", "PFI") is
    usually a leftover of an earlier draft or a template; it suggests text that was removed
    or never written, and it costs the reader time.

    Fails::

        entries:
          - {term: EYF, expansion: End Year Flexibility}
        # ...and no sentence says EYF

    Passes::

        entries:
          - {term: EYF, expansion: End Year Flexibility}
        # text: Unspent funds may be carried forward under EYF.

    A term the text uses only with a different case ("Dft" for "DfT") is reported as
    GLO003, not here.
    """
    this = get("GLO002")
    uses = term_uses(document)
    for entry in document.glossary:
        use = uses.get(_singular(entry.term).lower())
        if use is None or use.count == 0:
            yield this.finding(f"the glossary defines '{entry.term}' ({entry.expansion}), but the text "
                               "never uses it", entry.location, subjects=(entry.term,))


@check("GLO003", "term-spelling-differs", Severity.WARNING, "glossary")
def term_spelling_differs(document: Document, context: Context) -> Iterator[Finding]:
    """A glossary term that the text writes with a different case or spelling ("Dft" in the
    glossary, "DfT" in the text).

    Why it matters: the glossary is where a reader looks a term up.  If it spells the term
    differently from the text, a search for either form misses the other, and a reader may
    take them for two things.

    Fails::

        entries:
          - {term: Dft, expansion: Department for Transport}
        # text: DfT Communications will support the Agency.

    Passes::

        entries:
          - {term: DfT, expansion: Department for Transport}
        # text: DfT Communications will support the Agency.
    """
    this = get("GLO003")
    uses = term_uses(document)
    for entry in document.glossary:
        use = uses.get(_singular(entry.term).lower())
        if use is None or use.count == 0:
            continue
        accepted = _accepted_forms(entry)
        other = {form: n for form, n in sorted(use.forms.items()) if form not in accepted}
        if not other:
            continue
        forms = ", ".join(f"'{form}' ({n} time{'s' if n != 1 else ''})" for form, n in other.items())
        exact = use.count - sum(other.values())
        if exact:
            message = (f"the glossary spells '{entry.term}' and the text mostly agrees, but it also "
                       f"writes {forms}")
        else:
            message = f"the glossary spells '{entry.term}', but the text writes {forms}"
        yield this.finding(message, entry.location, *([use.first] if use.first else []),
                           subjects=(entry.term,))


@check("GLO004", "duplicate-glossary-term", Severity.WARNING, "glossary")
def duplicate_glossary_term(document: Document, context: Context) -> Iterator[Finding]:
    """A term the glossary defines twice: the same term, in any case, or its singular and its
    plural ("DSO" and "DSOs").

    Why it matters: two entries for one term either say the same thing twice or, worse,
    give it two meanings; a reader cannot tell which one the text means.

    Fails::

        entries:
          - {term: DSO, expansion: Departmental Strategic Objective}
          - {term: DSOs, expansion: Departmental Strategic Objectives}

    Passes::

        entries:
          - {term: DSOs, expansion: Departmental Strategic Objectives}
    """
    this = get("GLO004")
    seen: dict[str, GlossaryEntry] = {}
    for entry in document.glossary:
        key = _singular(entry.term).lower()
        first = seen.get(key)
        if first is None:
            seen[key] = entry
            continue
        same = "with the same expansion" if first.expansion.lower() == entry.expansion.lower() else (
            f"as '{first.expansion}' and as '{entry.expansion}'")
        yield this.finding(f"the glossary defines '{entry.term}' twice (also as '{first.term}'), {same}",
                           entry.location, first.location, subjects=(entry.term,))
