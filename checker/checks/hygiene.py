"""Text hygiene: characters a reader cannot see (control, bidirectional and zero-width
characters) and names that mix scripts or look like another entry's name.

The character checks find hidden characters in the model's strings and read those files
again, scalar by scalar (checks/hidden.py), so that a finding points at the character's own
line and column, or at the backslash of an escape such as "\\e".  The characters and their
policies are data (checks/characters.py); the script of a character and the UTS #39
confusables come from the Unicode tables in checks/data/ (checks/unicode_tables.py), read by
checks/scripts.py.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from checker.checks.base import Context, check, get
from checker.checks.characters import BIDI, CONTROL, HIDDEN, INVISIBLE
from checker.checks.common import memo
from checker.checks.hidden import MAX_HITS, Hit, scan, source_text, suspect_files
from checker.checks.scripts import mixed_script
from checker.checks.terms import normalised_term
from checker.checks.unicode_tables import skeleton
from checker.findings import Finding, Location, Severity
from checker.model import Document


def _file_hits(document: Document) -> dict[str, list[Hit]]:
    out: dict[str, list[Hit]] = {}
    for rel in suspect_files(document):
        text = source_text(document.root, rel)
        if text is not None:
            out[rel] = scan(text)
    return out


def file_hits(document: Document) -> dict[str, list[Hit]]:
    """Hidden characters in every source file of the document, read once for all three checks."""
    return memo(document, "hygiene-hits", _file_hits)


_Places = dict[str, tuple[list[tuple[int, int]], list[tuple[str | None, str | None]]]]


def _places(document: Document) -> _Places:
    """Per file, where each clause and register entry starts, in order: ([(line, column)],
    [(clause id, entry id)])."""
    found: dict[str, list[tuple[int, int, str | None, str | None]]] = {}
    for clause in document.clauses.values():
        loc = clause.location
        found.setdefault(loc.file, []).append((loc.line, loc.column, clause.id, None))
    for entries in (document.actors, document.offices, document.objects):
        for ident, entry in entries.items():
            loc = entry.location
            found.setdefault(loc.file, []).append((loc.line, loc.column, None, ident))
    out: _Places = {}
    for rel, places in found.items():
        places.sort(key=lambda p: (p[0], p[1]))
        out[rel] = ([(p[0], p[1]) for p in places], [(p[2], p[3]) for p in places])
    return out


def _place(document: Document, rel: str, line: int, column: int) -> tuple[str | None, tuple[str, ...]]:
    """The clause or register entry a position falls in (the last one starting before it), so
    that a finding can be acknowledged in its clause or for its entry."""
    positions, owners = memo(document, "hygiene-places", _places).get(rel, ([], []))
    index = bisect.bisect_right(positions, (line, column)) - 1
    if index < 0:
        return None, ()
    clause, entry = owners[index]
    return clause, (entry,) if entry else ()


def _findings(document: Document, code: str, advice: str) -> Iterator[Finding]:
    this = get(code)
    for rel, hits in sorted(file_hits(document).items()):
        # one finding a scalar: a string full of them is one problem, not fifty
        for hit in hits:
            if hit.code != code:
                continue
            label = HIDDEN[hit.char].label
            written = f", written as the escape \"{hit.escape}\"" if hit.escape else ""
            more = f" ({hit.count} hidden characters in this string, the first here)" if hit.count > 1 else ""
            if hit.more:
                more += (f"; the file holds more strings with hidden characters after this one, not "
                         f"reported one by one (after {MAX_HITS})")
            clause, subjects = _place(document, rel, hit.line, hit.column)
            yield this.finding(f"the text \"{hit.text}\" holds {label} (U+{ord(hit.char):04X}){written}"
                               f"{more}; {advice}", Location(rel, hit.line, hit.column, clause),
                               subjects=subjects)


@check("HYG001", "control-character", Severity.ERROR, "hygiene")
def control_character(document: Document, context: Context) -> Iterator[Finding]:
    """A control character (NUL, BEL, ESC, a C1 control, a line or paragraph separator) in any
    string of the source: a title, the prose, a glossary entry, a register name or
    description, a rules block.  Tab and line feed are layout and are fine.

    Why it matters: YAML does not allow control characters written raw, but a double-quoted
    string can hold any of them as an escape ("\\0", "\\e", "\\a", "\\x07").  They reach the
    terminal raw (an ESC sequence can rewrite what a reviewer sees), make the JUnit output
    invalid XML for the tools that read it, and are invisible in the published document.

    Fails::

        title: "Planning\\e[8m"

    Passes::

        title: Planning

    The finding points at the character itself, or at the backslash of the escape; a string
    holding several is one finding, at the first.  Comments are not read.  In a file with more
    than 200 strings that hold hidden characters (this check's, HYG002's or HYG003's), the
    first 200 are reported and the last finding says that more follow.
    """
    yield from _findings(document, CONTROL, "remove it")


@check("HYG002", "bidi-control", Severity.ERROR, "hygiene")
def bidi_control(document: Document, context: Context) -> Iterator[Finding]:
    """A bidirectional formatting character (an override, embedding or isolate, U+202A-U+202E,
    U+2066-U+2069) in any string of the source, or a directional mark (U+200E, U+200F,
    U+061C) in a string without right-to-left letters.

    Why it matters: these characters reorder how text is displayed without changing what it
    says: "the Agency must not", with an override, can display as something else in an editor,
    in a pull request and in the published document ("Trojan Source").  A reviewer approves
    what they see, not what the rules say.

    Fails::

        text: "The Agency must \\u202enot\\u202c publish its plan."

    Passes::

        text: The Agency must not publish its plan.

    A left-to-right or right-to-left mark beside Arabic or Hebrew letters is ordinary
    typography and is not reported.
    """
    yield from _findings(document, BIDI, "it changes how the text is displayed without changing "
                         "what it says: remove it")


@check("HYG003", "invisible-character", Severity.WARNING, "hygiene")
def invisible_character(document: Document, context: Context) -> Iterator[Finding]:
    """A zero-width or invisible character (U+200B zero width space, U+2060 word joiner, a
    byte-order mark inside text, the invisible mathematical operators) in any string of the
    source, or a zero width joiner or non-joiner (U+200C, U+200D) between Latin, Greek or
    Cyrillic letters.

    Why it matters: an invisible character makes two names that look the same different
    ("Secretary" and "Secret\\u200bary"), so a search, a cross-reference or a name in a rule
    silently misses; and it can hide a change from a reviewer.

    Fails::

        name: "Permanent Secret\\u200bary"

    Passes::

        name: Permanent Secretary

    Joiners are fine where scripts need them (between Persian, Arabic or Indic letters) and
    between emoji.
    """
    yield from _findings(document, INVISIBLE, "it is invisible in an editor and in a diff: remove it")


# -- names ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Name:
    text: str
    what: str  # how a message names the entry: "the actor 'x'"
    owner: str  # who the name stands for (names of one owner may look alike)
    location: Location


def _names(document: Document, titles: bool) -> Iterator[_Name]:
    for actor in document.actors.values():
        for name in actor.names:
            yield _Name(name, f"the actor '{actor.id}'", f"actor:{actor.id}", actor.location)
    for office in document.offices.values():
        for name in (office.name, *office.aliases):
            yield _Name(name, f"the office '{office.id}'", f"actor:{office.holder}", office.location)
    for thing in document.objects.values():
        for name in thing.names:
            yield _Name(name, f"the object '{thing.id}'", f"object:{thing.id}", thing.location)
    for entry in document.glossary:
        yield _Name(entry.term, f"the glossary term '{entry.term}'", f"term:{entry.term}", entry.location)
        if titles:
            yield _Name(entry.expansion, f"the glossary entry '{entry.term}'", f"term:{entry.term}",
                        entry.location)
    if titles:
        for clause in document.clauses.values():
            if clause.title:
                what = f"the title of {clause.label}" if clause.depth else f"the title of the part '{clause.part}'"
                yield _Name(clause.title, what, f"clause:{clause.id}", clause.location)


@check("HYG004", "mixed-script-name", Severity.WARNING, "hygiene")
def mixed_script_name(document: Document, context: Context) -> Iterator[Finding]:
    """A name, alias, glossary term or title with a word whose letters come from different
    scripts ("Secretаry" with a Cyrillic "а"), or with a word spelt wholly in look-alike
    letters of another script beside Latin words.

    Why it matters: a name is how a reader and the rules find an actor, an object or a term.
    A Cyrillic "а" looks exactly like a Latin "a", so "Permanent Secretаry" looks like the
    Permanent Secretary and is not: a rule naming it binds someone else, and a search for
    it finds nothing.

    Fails::

        - id: permanent_secretary
          name: Permanent Secretаry   # the last "а" is Cyrillic

    Passes::

        - id: permanent_secretary
          name: Permanent Secretary

    Scripts that are written together (Han with kana or Hangul) are one script, as in
    UTS #39's "highly restrictive" level; digits and punctuation belong to every script.  A
    name wholly in another script (an all-Greek "Βουλή") or in Latin with accents ("Café",
    Welsh "Gŵyl") is fine.
    """
    this = get("HYG004")
    for name in _names(document, titles=True):
        why = mixed_script(name.text)
        if why:
            yield this.finding(f"{name.what} is written \"{name.text}\": {why}; a name must be "
                               "spelt in one script", name.location,
                               subjects=(name.owner.split(":", 1)[1],))


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _key(name: str) -> str:
    """The name as REG003 compares it: without case, spacing and a leading article."""
    return _ARTICLE.sub("", " ".join(name.split())).lower()


@check("HYG005", "look-alike-name", Severity.ERROR, "hygiene")
def look_alike_name(document: Document, context: Context) -> Iterator[Finding]:
    """A name, alias or glossary term that is spelt differently from another entry's name but
    looks the same: the same UTS #39 skeleton ("Secretary" with a Latin and with a Cyrillic
    "a", "Chairman" and "Chairrnan", "C0O" and "COO").

    Why it matters: the reader sees one name and the rules see two entries.  A new actor
    "Permanent Secretаry" beside the Permanent Secretary can take powers in rules that every
    reviewer reads as the Permanent Secretary's.

    Fails::

        - {id: permanent_secretary, name: Permanent Secretary, kind: individual}
        - {id: deputy, name: Permanent Secretаry, kind: individual}   # Cyrillic "а"

    Passes::

        - {id: permanent_secretary, name: Permanent Secretary, kind: individual}
        - {id: deputy, name: Second Permanent Secretary, kind: individual}

    Names are compared without case and a leading "the"; names that are equal that way are
    REG003's (or GLO004's) business, and glossary terms that are one term written two ways
    GLO005's.  Names of one entry may look alike.
    """
    this = get("HYG005")
    first: dict[str, tuple[str, _Name]] = {}
    reported: set[tuple[str, str]] = set()
    for name in _names(document, titles=False):
        key = _key(name.text)
        look = skeleton(key).casefold()
        seen = first.get(look)
        if seen is None:
            first[look] = (key, name)
            continue
        other_key, other = seen
        if other_key == key or other.owner == name.owner or (other.owner, name.owner) in reported:
            continue
        if other.owner.startswith("term:") and name.owner.startswith("term:") and \
                normalised_term(other.text) == normalised_term(name.text):
            continue  # one glossary term written two ways: GLO005's
        reported.add((other.owner, name.owner))
        differ = _difference(other.text, name.text)
        yield this.finding(f"{name.what} is named \"{name.text}\", which looks like \"{other.text}\" "
                           f"({other.what}) but is spelt differently{differ}; rename one of them",
                           name.location, other.location,
                           subjects=tuple(o.split(":", 1)[1] for o in (other.owner, name.owner)))


def _difference(a: str, b: str) -> str:
    differing = [c for c in dict.fromkeys(b) if c not in a]
    if not differing:
        return ""
    shown = ", ".join(f"'{c}' is {unicodedata.name(c, f'U+{ord(c):04X}').lower()}" for c in differing[:3])
    return f" ({shown})"
