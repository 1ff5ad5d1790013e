"""Read one YAML file safely, keeping the line and column of every value.

Framework documents arrive through pull requests, so the reader assumes nothing: it refuses
what a framework document never needs (anchors and aliases, several documents in one file,
files over the size limit) and reports every problem as a finding with its position instead
of raising.  PyYAML's C loader is used when present (about 10x the pure-Python one); its
nodes carry the same marks.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from checker.findings import Finding, Location, Severity
from checker.load import source
from checker.load.resolver import Loader as _Loader
from checker.load.source import SourceRefused, display_name, read_source

MAX_BYTES = source.MAX_BYTES
# far above any real nesting (a part nests clauses a few levels deep); a cap keeps the walker,
# the schema validator and the loader, all recursive, far from Python's recursion limit
MAX_DEPTH = 64


@dataclass(slots=True)  # one a key and one a value of every mapping: no __dict__ each
class Pos:
    line: int  # 1-based
    column: int  # 1-based


class YDict(dict[str, Any]):
    """A mapping that remembers where it, each key and each value stand."""

    pos: Pos
    key_pos: dict[str, Pos]
    value_pos: dict[str, Pos]
    block: dict[str, BlockInfo]


class YList(list[Any]):
    pos: Pos
    item_pos: list[Pos]


@dataclass(frozen=True)
class BlockInfo:
    """Where the content of a scalar starts, so that positions inside it map onto the file."""

    first_line: int  # 1-based file line of the scalar's first content line
    indent: int  # columns of indentation stripped from each content line (0 for flow scalars)
    literal: bool  # a literal block scalar (`|`): lines map one to one
    column: int  # 1-based column of the first character for a flow scalar


@dataclass
class YamlFile:
    path: Path
    rel: str
    data: Any = None
    lines: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def error(self, line: int, column: int, code: str, name: str, message: str) -> None:
        self.findings.append(
            Finding(code, name, Severity.ERROR, message, (Location(self.rel, line, column),))
        )


def _decode(raw: bytes, doc: YamlFile) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        doc.error(1, 1, "SRC004", "byte-order-mark",
                  "the file starts with a byte-order mark; save it as UTF-8 without BOM")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        doc.error(line, column, "SRC003", "not-utf8",
                  f"the file is not UTF-8: byte 0x{raw[err.start]:02x} cannot be decoded; "
                  "save the file as UTF-8")
        return None
    if "\r\n" in text or "\r" in text:
        first = text.find("\r")
        line = text.count("\n", 0, first) + 1
        column = first - (text.rfind("\n", 0, first) + 1) + 1
        doc.error(line, column, "SRC005", "crlf",
                  f"the file has Windows (CRLF) or old Mac (CR) line ends ({text.count(chr(13))} "
                  "of them, the first here); use Unix (LF) line ends")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # YAML also reads NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line ends: positions
    # would no longer count lines as editors do
    found = _UNICODE_BREAKS.search(text)
    if found:
        first = found.start()
        line = text.count("\n", 0, first) + 1
        column = first - (text.rfind("\n", 0, first) + 1) + 1
        doc.error(line, column, "SRC005", "crlf",
                  f"the file holds the Unicode line separator U+{ord(found.group()):04X} "
                  f"({len(_UNICODE_BREAKS.findall(text))} of them, the first here), which YAML reads "
                  "as a line end; use an ordinary line end (LF) or a space")
        text = _UNICODE_BREAKS.sub("\n", text)
    return text


_UNICODE_BREAKS = re.compile("[\u0085\u2028\u2029]")


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _check_tabs(text: str, doc: YamlFile) -> bool:
    found = False
    for match in _TAB_INDENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.end() - match.start()
        doc.error(line, column, "SRC006", "tab-indent",
                  "a tab is used for indentation; YAML needs spaces")
        found = True
    return found


def read_yaml(path: Path, root: Path) -> YamlFile:
    """Read, decode and parse one file of the document in `root`; problems are in `.findings`,
    never raised.  The file is opened through `read_source` (source.py): a file outside the
    document folder, a device, a FIFO or a file over the size limit is refused unread."""
    doc = YamlFile(path, display_name(path, root))
    try:
        raw = read_source(path, root)
    except SourceRefused as refused:
        doc.error(1, 1, refused.code, refused.name, refused.message)
        return doc
    shared = _SHARED.reads
    if shared is None:
        return _parse(raw, doc)
    key = (doc.rel, raw)
    found = shared.get(key)
    if found is None:
        _parse(raw, doc)
        shared[key] = found = (doc.data, tuple(doc.lines), tuple(doc.findings))
        return doc
    data, lines, findings = found
    return YamlFile(path, doc.rel, data, list(lines), list(findings))


class _Shared:
    """Files parsed while `shared_reads` is on: (name in the document, bytes) -> the parse; and
    the memos of other pure work of that block (`shared_memo`)."""

    reads: dict[tuple[str, bytes], tuple[Any, tuple[str, ...], tuple[Finding, ...]]] | None = None
    memos: dict[str, dict[Any, Any]] | None = None


_SHARED = _Shared()


@contextmanager
def shared_reads() -> Iterator[None]:
    """Within the block, a file with the same name and bytes as one read before is parsed once:
    `fwdoc amend` reads BASE and HEAD, each twice (the model and the plain tree), and most
    files are the same in both.  Each read still goes through `read_source`'s guards; the
    parsed values are shared, never changed by their readers (the model is built from them,
    the tree copies them), and each reader gets its own list of findings.  So is other work
    that depends only on its input (`shared_memo`: the sentences of a text, the cache's
    entries decoded once)."""
    from checker import cache

    previous = _SHARED.reads, _SHARED.memos
    _SHARED.reads = {} if previous[0] is None else previous[0]
    _SHARED.memos = {} if previous[1] is None else previous[1]
    try:
        with cache.decoded_once():
            yield
    finally:
        _SHARED.reads, _SHARED.memos = previous


def shared_memo(name: str) -> dict[Any, Any] | None:
    """While `shared_reads` is on, a dictionary for the results of a pure function named `name`,
    keyed by its input (the values in it are shared: never changed by their readers); None
    otherwise (nothing is kept between runs, nor in a long-lived process)."""
    memos = _SHARED.memos
    return None if memos is None else memos.setdefault(name, {})


def parse_yaml(raw: bytes, path: Path, rel: str) -> YamlFile:
    """Decode and parse bytes already in memory (a file from a git tree, say) as `read_yaml`
    does; `rel` is the name findings give the file."""
    doc = YamlFile(path, rel)
    if len(raw) > MAX_BYTES:
        doc.error(1, 1, "SRC002", "file-too-large",
                  f"the file is {len(raw):,} bytes; a source file may be at most {MAX_BYTES:,} bytes "
                  "(split a large part into several parts)")
        return doc
    return _parse(raw, doc)


def _parse(raw: bytes, doc: YamlFile) -> YamlFile:
    text = _decode(raw, doc)
    if text is None:
        return doc
    if not text.strip():
        doc.error(1, 1, "SRC007", "empty-file", "the file is empty; expected a YAML mapping")
        return doc
    doc.lines = text.split("\n")
    if _check_tabs(text, doc):
        return doc
    if "&" in text and _refuse_anchors(text, doc):
        return doc
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as err:
        # a character YAML does not allow (control characters); no mark, only an offset
        at = min(max(err.position, 0), len(text))
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        char = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "?")
        doc.error(line, column, "SRC008", "yaml-syntax",
                  f"the file holds the character U+{char:04X}, which YAML does not allow "
                  f"({err.reason}); remove it")
        return doc
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if line > len(doc.lines):  # libyaml puts the end of a file without a final newline
            line = len(doc.lines)  # on the line after it: point at the end of the last line
            column = len(doc.lines[-1]) + 1
        if err.problem == "but found another document":
            doc.error(line, column, "SRC008", "yaml-syntax",
                      "invalid YAML: a second document starts here ('---'); a framework file "
                      "holds exactly one YAML document")
            return doc
        problem = err.problem or "invalid YAML"
        context = f" {err.context}" if err.context else ""
        doc.error(line, column, "SRC008", "yaml-syntax",
                  f"invalid YAML: {problem}{context}")
        return doc
    except yaml.YAMLError as err:
        doc.error(1, 1, "SRC008", "yaml-syntax", f"invalid YAML: {_plain_error(err)}")
        return doc
    except RecursionError:  # the pure-Python composer on absurdly deep nesting
        doc.error(1, 1, "SRC013", "too-deep",
                  f"the YAML nesting is deeper than {MAX_DEPTH} levels; a framework file never "
                  "needs that much")
        return doc
    if node is None:
        doc.error(1, 1, "SRC007", "empty-file", "the file holds no YAML document; expected a mapping")
        return doc
    walker = _Walker(doc, loader)
    doc.data = walker.convert(node)
    if doc.data is None and not doc.findings:  # `~` or `null` alone: the file would vanish
        doc.error(1, 1, "SRC007", "empty-file",
                  "the file holds only an empty value (null); expected a YAML mapping")
    return doc


def _plain_error(err: yaml.YAMLError) -> str:
    """A PyYAML error without the position lines it appends (the finding has the position)."""
    if isinstance(err, yaml.MarkedYAMLError):
        return " ".join(part for part in (err.problem, err.context) if part) or "invalid value"
    return str(err).split("\n", 1)[0]


def _refuse_anchors(text: str, doc: YamlFile) -> bool:
    """Report the first anchor or alias; a framework document needs neither.

    An alias re-uses a node, so a few lines can stand for billions of values (the "billion
    laughs" bomb).  The C composer shares the nodes without keeping the anchor's name, so the
    events are scanned instead, and only when the text holds an '&' at all.
    """
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if anchor is None:
                continue
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            doc.error(line, column, "SRC009", "yaml-alias",
                      f"a YAML {'alias' if sign == '*' else 'anchor'} ({sign}{anchor}) is used "
                      "here; anchors and aliases (&name, *name) are not allowed in a framework "
                      "document: write the value out")
            return True
    except yaml.YAMLError:
        return False  # composing reports the syntax error with its position
    return False


class _Refused(Exception):
    """The file holds something refused outright (an alias, absurd nesting): drop its data."""


class _Walker:
    """Turn composed nodes into YDict/YList/scalars, refusing aliases, duplicate keys and
    nesting deeper than MAX_DEPTH."""

    def __init__(self, doc: YamlFile, loader: Any) -> None:
        self.doc = doc
        self.loader = loader
        self.seen: set[int] = set()

    def convert(self, node: Any) -> Any:
        try:
            return self._convert(node, 0)
        except _Refused:
            return None

    def _alias(self, node: Any, what: str = "YAML anchors and aliases (&name, *name) are") -> None:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.doc.error(line, column, "SRC009", "yaml-alias",
                       f"{what} not allowed in a framework document; write the value out")
        raise _Refused

    def _convert(self, node: Any, depth: int) -> Any:
        if id(node) in self.seen:
            self._alias(node)
        if depth > MAX_DEPTH:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            self.doc.error(line, column, "SRC013", "too-deep",
                           f"the YAML nesting is deeper than {MAX_DEPTH} levels here; a framework "
                           "file never needs that much")
            raise _Refused
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            self.seen.add(id(node))
            if node.tag not in _PLAIN_TAGS:  # `!!python/object/apply:...` and friends
                line, column = node.start_mark.line + 1, node.start_mark.column + 1
                self.doc.error(line, column, "SRC008", "yaml-syntax",
                               f"the YAML tag {_shown(node.tag, 80)} is not allowed; write plain YAML")
                return None
        if isinstance(node, yaml.MappingNode):
            out = YDict()
            out.pos = _pos(node)
            out.key_pos, out.value_pos, out.block = {}, {}, {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self._alias(key_node, "the YAML merge key '<<' is")
                key = self._scalar(key_node)
                # the same few keys (id, text, rules) in every mapping: one string each, not one a mapping
                key = sys.intern(key if isinstance(key, str) else str(key))
                if key in out:
                    self.doc.error(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                   "SRC010", "duplicate-key",
                                   f"the key '{key}' appears twice in this mapping (first at line "
                                   f"{out.key_pos[key].line}); keep one")
                    continue
                out.key_pos[key] = _pos(key_node)
                out.value_pos[key] = _pos(value_node)
                out[key] = self._convert(value_node, depth + 1)
                if isinstance(value_node, yaml.ScalarNode):
                    out.block[key] = self._block_info(value_node, node.start_mark.column)
            return out
        if isinstance(node, yaml.SequenceNode):
            items = YList()
            items.pos = _pos(node)
            items.item_pos = []
            for item in node.value:
                items.item_pos.append(_pos(item))
                items.append(self._convert(item, depth + 1))
            return items
        return self._scalar(node)

    def _scalar(self, node: Any) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            self.doc.error(line, column, "SRC011", "complex-key", "a mapping key must be plain text")
            return f"<complex key at {line}:{column}>"
        if node.tag == _STR_TAG:  # nearly every scalar: what the constructor would return
            return node.value
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if node.tag not in _SCALAR_TAGS:  # `!!binary`, `!!python/name:...`, a local `!tag`
            self.doc.error(line, column, "SRC008", "yaml-syntax",
                           f"the YAML tag {_shown(node.tag)} is not allowed; write plain YAML")
            return None
        if node.tag == _NULL_TAG and node.value not in _NULL_FORMS:  # PyYAML drops the text
            self.doc.error(line, column, "SRC008", "yaml-syntax",
                           f"invalid YAML value {_shown(node.value)}: it is not an empty value")
            return None
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as err:
            self.doc.error(line, column, "SRC008", "yaml-syntax",
                           f"invalid YAML value {_shown(node.value)}: {_plain_error(err)}")
            return None
        except Exception as err:  # noqa: BLE001
            # PyYAML's constructors fail on tagged nonsense in many ways (`!!timestamp x` is an
            # AttributeError, `!!bool x` a KeyError, `!!float ''` an IndexError, a date such
            # as 2008-13-45 a ValueError): each is a value that cannot be read, here
            reason = str(err) if isinstance(err, (ValueError, OverflowError)) else \
                f"it is not {_TAG_WORDS.get(node.tag, 'a valid value')}"
            self.doc.error(line, column, "SRC008", "yaml-syntax",
                           f"invalid YAML value {_shown(node.value)}: {reason}")
            return None
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        return value

    def _block_info(self, node: Any, parent_indent: int) -> BlockInfo:
        style = node.style
        if style in ("|", ">"):
            first = node.start_mark.line + 1  # 0-based index of the first content line
            header = self.doc.lines[node.start_mark.line][node.start_mark.column:]
            indicator = _INDENT_INDICATOR.match(header)
            if indicator:  # `|2`: the indentation is given, relative to the parent's
                return BlockInfo(first + 1, parent_indent + int(indicator.group(1)), style == "|", 1)
            indent = 0
            for text in self.doc.lines[first:]:
                if text.strip():
                    indent = len(text) - len(text.lstrip(" "))
                    break
            return BlockInfo(first + 1, indent, style == "|", 1)
        quote = 1 if style in ("'", '"') else 0
        return BlockInfo(node.start_mark.line + 1, 0, False, node.start_mark.column + 1 + quote)


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
# the scalars a framework document is written in (resolved implicitly, or tagged explicitly)
_TAG_WORDS = {
    "tag:yaml.org,2002:str": "a text", "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number", "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:null": "an empty value", "tag:yaml.org,2002:timestamp": "a date (YYYY-MM-DD)",
}
_SCALAR_TAGS = frozenset(_TAG_WORDS)
_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_NULL_FORMS = frozenset({"", "~", "null", "Null", "NULL"})


def _shown(text: str, limit: int = 60) -> str:
    """A value of the source quoted for a message: shortened, control characters escaped."""
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return repr(text)


_INDENT_INDICATOR = re.compile(r"[|>][+-]?([1-9])")


def _pos(node: Any) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


def map_position(block: BlockInfo, line: int, column: int) -> tuple[int, int]:
    """Map a 1-based (line, column) inside a scalar's content onto the file."""
    if block.literal:
        return block.first_line + line - 1, block.indent + column
    if line == 1:
        return block.first_line, block.column + column - 1
    return block.first_line, block.column  # folded or flow scalar: the best we can say
