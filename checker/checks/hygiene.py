"""Text hygiene: characters a reader cannot see (control, bidirectional and zero-width
characters) and names that mix scripts or look like another entry's name.

The character checks read the source files themselves, scalar by scalar, so that a finding
points at the character's own line and column, and at the backslash of an escape such as
"\\e" in a double-quoted string.  The characters and their policies are data
(checks/characters.py); the script of a character and the UTS #39 confusables come from
the Unicode tables in checks/data/ (checks/unicode_tables.py).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from checker.checks.base import Context, check, get
from checker.checks.characters import (
    BIDI,
    CONTROL,
    HIDDEN,
    INVISIBLE,
    JOINER,
    LTR_ONLY,
    NON_JOINING_SCRIPTS,
    RTL_CLASSES,
)
from checker.checks.common import memo
from checker.findings import Finding, Location, Severity
from checker.load.yamlfile import read_yaml
from checker.model import Document

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML's double-quoted escapes (YAML 1.1, as PyYAML reads them)
_ESCAPES = {"0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
            "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/",
            "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_ESCAPE = re.compile(r'\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|\n|.)', re.S)
_SUSPECT = re.compile("[" + "".join(re.escape(c) for c in sorted(HIDDEN)) + r"\\]")


@dataclass(frozen=True)
class Hit:
    """One hidden character in a scalar: where it stands in the file (1-based)."""

    char: str
    line: int
    column: int
    escape: str | None  # the escape it is written as ("\\e"), or None when written raw
    text: str  # the scalar's text around it, for the message
    code: str
    scalar: int = 0  # where the scalar holding it starts (offset in the file's text)


@dataclass(frozen=True)
class _Char:
    char: str
    offset: int  # in the file's text
    escape: str | None


def _decode_double(span: str, base: int) -> list[_Char]:
    """A double-quoted scalar's characters with their offsets (escapes decoded)."""
    out: list[_Char] = []
    index = 0
    for match in _ESCAPE.finditer(span):
        out.extend(_Char(c, base + index + i, None) for i, c in enumerate(span[index:match.start()]))
        body = match.group(1)
        if body[0] in "xuU" and len(body) > 1:
            code = int(body[1:], 16)
            char = chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        else:
            char = _ESCAPES.get(body, "")
        if char:
            out.append(_Char(char, base + match.start(), "\\" + body))
        index = match.end()
    out.extend(_Char(c, base + index + i, None) for i, c in enumerate(span[index:]))
    return out


def _allowed(hidden_policy: str, chars: list[_Char], index: int) -> bool:
    """Whether a hidden character is legitimate where it stands (characters.py's policies)."""
    if hidden_policy == LTR_ONLY:
        return any(unicodedata.bidirectional(c.char) in RTL_CLASSES and c.char not in HIDDEN for c in chars)
    if hidden_policy == JOINER:
        from checker.checks.unicode_tables import scripts_of

        before = chars[index - 1].char if index > 0 else ""
        after = chars[index + 1].char if index + 1 < len(chars) else ""
        if not before or not after:
            return False
        if chars[index].char == "\u200d" and _emoji(before) and _emoji(after):
            return True
        return all(unicodedata.category(c)[0] in "LM" and not scripts_of(c) <= NON_JOINING_SCRIPTS
                   for c in (before, after))
    return False


def _emoji(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") or char == "\ufe0f"


def _shown(chars: list[_Char], index: int) -> str:
    """The text around a character, with hidden characters made visible."""
    start, end = max(0, index - 20), min(len(chars), index + 21)
    out = []
    for c in chars[start:end]:
        out.append(f"<U+{ord(c.char):04X}>" if c.char in HIDDEN else " " if c.char in "\t\n" else c.char)
    return ("…" if start else "") + "".join(out).strip() + ("…" if end < len(chars) else "")


def scan(text: str) -> list[Hit]:
    """Every hidden character in the scalars (keys and values) of a YAML text; comments are
    not read.  A text that does not parse is read up to the error."""
    if not _SUSPECT.search(text):
        return []
    starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    hits: list[Hit] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if not isinstance(token, yaml.ScalarToken):
                continue
            begin, end = token.start_mark.index, token.end_mark.index
            span = text[begin:end]
            if not _SUSPECT.search(span):
                continue
            if token.style == '"':
                chars = _decode_double(span[1:-1], begin + 1)
            else:
                chars = [_Char(c, begin + i, None) for i, c in enumerate(span)]
            for index, item in enumerate(chars):
                hidden = HIDDEN.get(item.char)
                if hidden is None or _allowed(hidden.policy, chars, index):
                    continue
                line = bisect.bisect_right(starts, item.offset)
                hits.append(Hit(item.char, line, item.offset - starts[line - 1] + 1, item.escape,
                                _shown(chars, index), hidden.code, begin))
    except yaml.YAMLError:
        pass  # the loader reported it; what was read so far is still checked
    return hits


def _file_hits(document: Document) -> dict[str, list[Hit]]:
    out: dict[str, list[Hit]] = {}
    for rel in document.files:
        source = read_yaml(document.root / rel, document.root)
        if source.lines:
            out[rel] = scan("\n".join(source.lines))
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
        seen: set[int] = set()
        for hit in hits:
            if hit.code != code or hit.scalar in seen:
                continue
            seen.add(hit.scalar)
            same = [h for h in hits if h.code == code and h.scalar == hit.scalar]
            label = HIDDEN[hit.char].label
            written = f", written as the escape \"{hit.escape}\"" if hit.escape else ""
            more = f" ({len(same)} hidden characters in this string, the first here)" if len(same) > 1 else ""
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

    The finding points at the character itself, or at the backslash of the escape.
    """
    yield from _findings(document, CONTROL, "remove it (write a line break as a line break)")


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


_WORD = re.compile(r"[^\W_]+(?:[\u0300-\u036f\u200c\u200d]+[^\W_]*)*")


def _resolved(word: str) -> frozenset[str] | None:
    """UTS #39's resolved script set of a word (None: every script, as for digits)."""
    from checker.checks.unicode_tables import ANY, scripts_of

    result: frozenset[str] | None = None
    for char in word:
        scripts = scripts_of(char)
        if scripts & ANY:
            continue
        scripts = _augment(scripts)
        result = scripts if result is None else result & scripts
    return result


def _augment(scripts: frozenset[str]) -> frozenset[str]:
    """Han, kana and Hangul are written together (UTS #39 section 5.1's augmented sets), and
    with Latin (its "highly restrictive" level: "NHK放送")."""
    extra = set()
    if "Latin" in scripts:  # UTS #39 "highly restrictive": Latin may join any of the three
        extra |= {"Japanese", "Korean", "Han with Bopomofo"}
    if "Han" in scripts:
        extra |= {"Japanese", "Korean", "Han with Bopomofo"}
    if scripts & {"Hiragana", "Katakana"}:
        extra.add("Japanese")
    if "Hangul" in scripts:
        extra.add("Korean")
    if "Bopomofo" in scripts:
        extra.add("Han with Bopomofo")
    return scripts | extra if extra else scripts


def _main_script(word: str) -> str:
    from collections import Counter

    from checker.checks.unicode_tables import ANY, scripts_of

    counts: Counter[str] = Counter()
    for char in word:
        for script in scripts_of(char) - ANY:
            counts[script] += 1
    return min(counts, key=lambda s: (-counts[s], s)) if counts else "Common"


def _foreign(word: str, script: str) -> list[str]:
    from checker.checks.unicode_tables import ANY, scripts_of

    out = []
    for char in dict.fromkeys(word):
        scripts = scripts_of(char)
        if not scripts & ANY and script not in _augment(scripts):
            out.append(f"'{char}' ({unicodedata.name(char, f'U+{ord(char):04X}').lower()})")
    return out


def mixed_script(text: str) -> str | None:
    """Why a name mixes scripts, or None: a word whose letters come from scripts that are not
    written together ("Secretаry" with a Cyrillic "а"), or, in a name with Latin words, a word
    spelt wholly in look-alike letters of another script ("Ѕесrеtаrу")."""
    from checker.checks.unicode_tables import skeleton

    words = _WORD.findall(unicodedata.normalize("NFC", text))
    latin = False
    for word in words:
        resolved = _resolved(word)
        if resolved is not None and not resolved:
            main = _main_script(" ".join(words))  # ties go to the script of the other words
            return (f"the word '{word}' mixes {main} letters with "
                    f"{', '.join(_foreign(word, main))}")
        if resolved is not None and "Latin" in resolved:
            latin = True
    if not latin:
        return None
    for word in words:
        resolved = _resolved(word)
        if resolved is None or "Latin" in resolved:
            continue
        look = skeleton(word)
        if look.isascii() and look.isalpha() and len(word) > 1:
            return (f"the word '{word}' is spelt in {_main_script(word)} letters that look like "
                    f"the Latin '{look}'")
    return None


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


def _key(name: str) -> str:
    """The name as REG003 compares it: without case, spacing and a leading article."""
    name = " ".join(name.split())
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
    return name.lower()


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
    from checker.checks.terms import normalised_term
    from checker.checks.unicode_tables import skeleton

    this = get("HYG005")
    first: dict[str, tuple[str, _Name]] = {}
    reported: set[tuple[str, str]] = set()
    for name in _names(document, titles=False):
        key = _key(name.text)
        look = skeleton(key)
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
