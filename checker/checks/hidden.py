"""Find the hidden characters of characters.py in a YAML text, scalar by scalar, with the
line and column of each one (of the backslash, for an escape such as "\\e").

The scan reads tokens, so that comments are skipped and each scalar's style is known: a
double-quoted scalar's escapes are decoded here, with the offset of each, because the
loader's values no longer say where an escape stood.  Which files are scanned at all is
decided from the model (`suspect_files`): a file is read again only when one of the strings
the model took from it holds a hidden character, so that a clean document costs one pass
over its strings and no second read.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from operator import attrgetter
from pathlib import Path
from typing import Any

import yaml

from checker.checks.characters import ALWAYS, HIDDEN, JOINER, LTR_ONLY, NON_JOINING_SCRIPTS, RTL_CLASSES
from checker.checks.unicode_tables import scripts_of
from checker.load.yamlfile import MAX_BYTES
from checker.model import Actor, Clause, Document, Manifest, Office, Thing

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML's double-quoted escapes (YAML 1.1, as PyYAML reads them)
_ESCAPES = {"0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
            "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/",
            "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_ESCAPE = re.compile(r'\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|\n|.)', re.S)
RAW = re.compile("[" + "".join(re.escape(c) for c in sorted(HIDDEN)) + "]")
# an escape not itself escaped ("\\\\e" is a backslash and an e)
_CANDIDATE = re.compile(r"(?<!\\)(?:\\\\)*\\([0abvfreNLP]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})")

# a file with more than this many strings holding hidden characters is reported up to here, and
# the last hit says that more follow; a string with more than MAX_MARKS of them is judged on the
# first MAX_MARKS: the work stays bounded on a hostile file
MAX_HITS = 200
MAX_MARKS = 1000

_Mark = tuple[int, int, str | None]  # (index in the value, offset in the file, escape as written)


@dataclass(frozen=True)
class Hit:
    """The first hidden character of one check in one scalar: where it stands (1-based)."""

    char: str
    line: int
    column: int
    escape: str | None  # the escape it is written as ("\\e"), or None when written raw
    text: str  # the scalar's text around it, hidden characters made visible
    code: str  # the check that reports it
    count: int = 1  # how many the scalar holds for this check
    more: bool = False  # the scan stopped after this hit (MAX_HITS): the file holds more


def _decode_double(span: str, base: int) -> tuple[str, list[_Mark]]:
    """A double-quoted scalar's value (escapes decoded, lines not folded) and its first
    MAX_MARKS hidden characters."""
    pieces: list[str] = []
    marks: list[_Mark] = []
    length = index = 0

    def raw(upto: int) -> None:
        nonlocal length
        segment = span[index:upto]
        room = MAX_MARKS - len(marks)
        if room > 0:
            marks.extend((length + m.start(), base + index + m.start(), None)
                         for m in islice(RAW.finditer(segment), room))
        pieces.append(segment)
        length += len(segment)

    for match in _ESCAPE.finditer(span):
        raw(match.start())
        body = match.group(1)
        if body[0] in "xuU" and len(body) > 1:
            code = int(body[1:], 16)
            char = chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        else:
            char = _ESCAPES.get(body, "")
        if char:
            if char in HIDDEN and len(marks) < MAX_MARKS:
                marks.append((length, base + match.start(), "\\" + body))
            pieces.append(char)
            length += 1
        index = match.end()
    raw(len(span))
    return "".join(pieces), marks


def _right_to_left(value: str) -> bool:
    return any(unicodedata.bidirectional(c) in RTL_CLASSES and c not in HIDDEN for c in value)


def _allowed(policy: str, value: str, index: int, rtl: Callable[[], bool]) -> bool:
    """Whether a hidden character is legitimate where it stands (characters.py's policies);
    `rtl` says, once for the whole scalar, whether it holds right-to-left letters."""
    if policy == LTR_ONLY:
        return rtl()
    if policy == JOINER:
        before = value[index - 1] if index > 0 else ""
        after = value[index + 1] if index + 1 < len(value) else ""
        if not before or not after:
            return False
        if value[index] == "\u200d" and _emoji(before) and _emoji(after):
            return True
        return all(unicodedata.category(c)[0] in "LM" and not scripts_of(c) <= NON_JOINING_SCRIPTS
                   for c in (before, after))
    return False


def _emoji(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") or char == "\ufe0f"


_VISIBLE = str.maketrans({**{c: f"<U+{ord(c):04X}>" for c in HIDDEN}, "\t": " ", "\n": " "})


def _shown(value: str, index: int) -> str:
    start, end = max(0, index - 20), min(len(value), index + 21)
    return ("…" if start else "") + value[start:end].translate(_VISIBLE).strip() + ("…" if end < len(value) else "")


def _suspect(text: str) -> bool:
    """Whether a text may hold a hidden character: written raw, or as an escape that makes one."""
    if RAW.search(text):
        return True
    for match in _CANDIDATE.finditer(text):
        body = match.group(1)
        char = _ESCAPES.get(body) if len(body) == 1 else chr(min(int(body[1:], 16), 0x10FFFF))
        if char in HIDDEN:
            return True
    return False


def _judge(value: str, marks: list[_Mark]) -> list[tuple[str, tuple[int, int]]]:
    """For each check, (its first mark that is not legitimate, how many are not), in order."""
    first: dict[str, tuple[int, int]] = {}
    known: list[bool] = []

    def rtl() -> bool:
        if not known:
            known.append(_right_to_left(value))
        return known[0]

    for number, (index, _, _) in enumerate(marks):
        hidden = HIDDEN[value[index]]
        if hidden.policy != ALWAYS and _allowed(hidden.policy, value, index, rtl):
            continue
        at, count = first.get(hidden.code, (number, 0))
        first[hidden.code] = (at, count + 1)
    return sorted(first.items(), key=lambda item: item[1][0])


def scan(text: str, limit: int = MAX_HITS) -> list[Hit]:
    """The hidden characters in the scalars (keys and values) of a YAML text, one `Hit` for
    each scalar and check, at the first of them; comments are not read.  A text that does not
    parse is read up to the error.  After `limit` hits the scan stops, the last hit marked."""
    if not _suspect(text):
        return []
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    hits: list[Hit] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if not isinstance(token, yaml.ScalarToken):
                continue
            begin, end = token.start_mark.index, token.end_mark.index
            span = text[begin:end]
            if not _suspect(span):
                continue
            if len(hits) >= limit:
                hits[-1] = replace(hits[-1], more=True)
                break
            if token.style == '"':
                value, marks = _decode_double(span[1:-1], begin + 1)
            else:
                value, marks = span, [(m.start(), begin + m.start(), None)
                                      for m in islice(RAW.finditer(span), MAX_MARKS)]
            for code, (number, count) in _judge(value, marks):
                index, offset, escape = marks[number]
                line = bisect.bisect_right(starts, offset)
                hits.append(Hit(value[index], line, offset - starts[line - 1] + 1, escape,
                                _shown(value, index), code, count))
    except yaml.YAMLError:
        pass  # the loader reported it; what was read so far is still checked
    return hits


def _kinds(document: Document) -> Iterator[tuple[Sequence[Any], Callable[[Any], str]]]:
    """(the elements of one kind, their strings as one text) for every string the model took
    from the source (ids are patterns and hold nothing hidden)."""
    yield (document.manifest,), _manifest_text
    yield document.parts, lambda part: f"{part.title}\n{part.subtitle or ''}"
    clauses = tuple(document.clauses.values())
    yield clauses, attrgetter("text")
    yield clauses, lambda clause: f"{clause.title or ''}\n{clause.printed or ''}"
    yield tuple(c for c in clauses if c.items or c.table), _clause_extras
    for entries in (document.actors, document.offices, document.objects):
        yield tuple(entries.values()), _entry_text
    yield document.glossary, lambda entry: f"{entry.term}\n{entry.expansion}"
    yield document.rules, attrgetter("source")
    yield (*document.informals, *document.acknowledgements), lambda mark: mark.reason


def _manifest_text(manifest: Manifest) -> str:
    return "\n".join((manifest.title, manifest.publisher, manifest.version, manifest.published,
                      manifest.status, manifest.review_by, manifest.language, manifest.short_title or "",
                      manifest.amendments, manifest.description, *manifest.signatory.values()))


def _clause_extras(clause: Clause) -> str:
    table = clause.table
    cells = () if table is None else (table.caption or "", *(t for _, t in table.columns),
                                      *(c for row in table.rows for c in row))
    return "\n".join((*clause.items, *cells))


def _entry_text(entry: Actor | Office | Thing) -> str:
    return "\n".join((entry.name, *entry.aliases, getattr(entry, "kind", ""), entry.description))


def suspect_files(document: Document) -> list[str]:
    """The source files, in the document's order, whose strings in the model hold a hidden
    character: only these are read again to say where.  Each kind of element is searched as
    one joined text first, so that a clean document costs one search per kind."""
    found: set[str] = set()
    for items, text_of in _kinds(document):
        texts = [text_of(item) for item in items]
        if RAW.search("\n".join(texts)):
            found.update(item.location.file for item, text in zip(items, texts, strict=True) if RAW.search(text))
    return [rel for rel in document.files if rel in found]


def source_text(root: Path, rel: str) -> str | None:
    """A source file's text as the loader read it (UTF-8, line ends made LF), within the
    loader's limits: a regular file inside the document folder, at most MAX_BYTES; None for
    anything else (the loader has reported it)."""
    try:
        path = (root / rel).resolve()
        if not path.is_relative_to(root.resolve()):
            return None
        # no following a link swapped in since, no waiting on a FIFO, no reading a device
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            raw = handle.read(MAX_BYTES + 1)
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if len(raw) > MAX_BYTES:
        return None
    return re.sub("\r\n?|[\u0085\u2028\u2029]", "\n", text)
