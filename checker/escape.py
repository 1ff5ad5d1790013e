"""Escaping primitives: source text made inert for each place an output puts it.

Everything from the source arrives through pull requests from outsiders, so every output
format passes each source-derived string through exactly one of these, chosen by where the
string lands:

    terminal(text)          a line on a terminal or in a CI log
    xml_text(text)          text or an attribute in XML 1.0 (JUnit); ElementTree escapes <&">
    markdown_text(text)     inline Markdown text (CommonMark, as GitHub renders it)
    markdown_code(text)     a Markdown code span, with a fence no backtick run inside can close
    dot_label(text)         a Graphviz label (always a quoted string, never an HTML-like label)
    workflow_data(text)     the message of a GitHub workflow command (`::error ...::message`)
    workflow_property(text) a property value of a workflow command (`file=...,title=...`)
    json_inert(json)        serialised JSON with hidden characters spelt as \\uXXXX escapes
    sarif_text(text)        a SARIF message (no embedded links from the source)
    ics_text(text)          an iCalendar TEXT value, before the icalendar library's RFC 5545
                            escaping (commas, semicolons, backslashes, line breaks)

The shared rule: a character that could act on the reader's screen rather than be read on
it (C0 and C1 controls, ESC, DEL, bidi overrides and isolates, zero-width and other format
characters, line and paragraph separators, lone surrogates) is shown as a visible escape
such as `\\x1b` or `\\u202e` (see `visible`).  HTML is escaped by markupsafe (jinja2's
autoescape) and sanitised by nh3 (checker/render/prose.py); nothing here repeats that.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "visible", "terminal", "xml_text", "markdown_text", "markdown_code", "dot_label",
    "workflow_data", "workflow_property", "json_inert", "sarif_text", "ics_text", "GITHUB_BREAK",
]

# Cc: C0/C1 controls and DEL; Cf: format characters (bidi embeddings, overrides and isolates,
# LRM/RLM/ALM, zero-width space/joiners, word joiner, BOM, soft hyphen, tag characters);
# Zl/Zp: U+2028/U+2029, which some terminals and editors treat as line breaks; Cs: a lone
# surrogate (from surrogateescape), which no encoder can write
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in _HIDDEN_CATEGORIES


def _escape_char(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str, keep: str = "") -> str:
    """`text` with every hidden or screen-acting character shown as a visible escape
    (`\\x1b`, `\\u202e`, `\\U000e0041`); characters in `keep` (e.g. "\\n") pass as they are."""
    if text.isprintable():
        return text  # the common case (every hidden category is unprintable), no new string
    return "".join(_escape_char(c) if _hidden(c) and c not in keep else c for c in text)


def terminal(text: str) -> str:
    """One line for a terminal or a CI log: no raw ESC sequence, no control character, no
    bidi override and no line break (each shown as a visible escape)."""
    return visible(str(text))


# -- XML 1.0 -----------------------------------------------------------------------------
# XML 1.0 allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text that is always valid in an XML 1.0 document: characters XML forbids (NUL, ESC,
    other C0 controls, lone surrogates, U+FFFE/U+FFFF) and the other hidden characters are
    shown as visible escapes; tab and newline stay.  `<`, `&` and quotes are left to the XML
    writer (ElementTree), which escapes them."""
    shown = visible(str(text), keep="\t\n")
    return _XML_FORBIDDEN.sub(lambda m: _escape_char(m.group(0)), shown)


# -- Markdown ----------------------------------------------------------------------------
# characters that start inline markup anywhere in a line (CommonMark and GFM: emphasis,
# code, links, images, raw HTML and autolinks, entities, tables, strikethrough)
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
# what makes the start of a line a block: headings, block quotes, list items, thematic
# breaks and setext underlines (the rest, such as ``` and <, is escaped everywhere)
_MD_LINE_START = re.compile(r"^(?:([#>+=-])|(\d{1,9})([.)])(?=\s|$))")
# a final run of `#` after a space: an ATX heading's closing sequence, which the heading drops
_MD_CLOSING_HASHES = re.compile(r"(^|\s)(#+)$")
# GitHub turns these into mentions, issue links and autolinks; a zero-width space (as an
# entity, so that the Markdown source shows it) breaks each without changing what one reads
GITHUB_BREAK = "&#8203;"
_GITHUB_REFS = re.compile(r"(@)(?=\w)|(#)(?=\d)|\b(gh-)(?=\d)|(:)(?=//)|\b(www)(?=\.)", re.IGNORECASE)


def _break_references(text: str) -> str:
    return _GITHUB_REFS.sub(lambda m: m.group(0) + GITHUB_BREAK, text)


def markdown_text(text: str, *, line_start: bool = True) -> str:
    """Source text as inline Markdown that renders as exactly that text: one line
    (whitespace runs and line breaks become one space), markup characters backslash-escaped
    (safe inside table cells too: `|` is escaped), a final run of `#` escaped (an ATX heading
    would drop it), hidden characters shown (`\\u202e`), and GitHub's mentions (`@user`), issue
    references (`#12`, `GH-12`) and bare-URL autolinks (`https://`, `www.`) broken by a
    zero-width space so that they neither notify nor link.  Unless `line_start` is False
    (the text follows other text on its line, e.g. a heading's `## `), markup that starts a
    block at the start of a line (`# `, `> `, `- `, `+ `, `=`, `1. `) is escaped too."""
    one_line = visible(" ".join(str(text).split()))
    escaped = _MD_INLINE.sub(r"\\\1", one_line)
    if line_start:
        escaped = _MD_LINE_START.sub(lambda m: "\\" + m.group(0) if m.group(1) else
                                     f"{m.group(2)}\\{m.group(3)}", escaped)
    escaped = _MD_CLOSING_HASHES.sub(r"\1\\\2", escaped)
    return _break_references(escaped)


def markdown_code(text: str, *, table: bool = False) -> str:
    """Source text as a Markdown code span that renders as exactly that text (whitespace runs
    and line breaks become one space; hidden characters shown): fenced by more backticks than
    the longest run inside, padded with a space where the content starts or ends with a
    backtick or a space.  In a table cell (`table=True`) each `|` is escaped as `\\|`, which
    GFM removes again before the span is read."""
    content = visible(" ".join(str(text).split()))
    if not content:
        return "` `"  # an empty span would be read as a run of two backticks
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    if content[0] == "`" or content[-1] == "`" or (content[0] == " " and content[-1] == " "):
        content = f" {content} "
    if table:
        content = content.replace("|", "\\|")
    return f"{fence}{content}{fence}"


# -- Graphviz ----------------------------------------------------------------------------
def dot_label(text: str) -> str:
    """A Graphviz escString for a quoted label: hidden characters shown, backslashes doubled
    (so that `\\N`, `\\G`, `\\l` in the source stay text), line breaks as dot's `\\n`.
    Quotes are escaped by the graphviz package's quoting, which sees no lone backslash
    before them; pass the result through `graphviz.nohtml` so that `<...>` is never an
    HTML-like label."""
    lines = [visible(line).replace("\\", "\\\\") for line in str(text).splitlines() or [""]]
    return "\\n".join(lines)


# -- GitHub workflow commands -----------------------------------------------------------
def workflow_data(text: str) -> str:
    """The message of a workflow command (`::error file=...::message`), as GitHub's runner
    reads it back: `%`, CR and LF percent-encoded (`%25`, `%0D`, `%0A`), so the command is one
    line and nothing in the message can start another; other hidden characters shown."""
    shown = visible(str(text), keep="\r\n")
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property value of a workflow command (`file=`, `title=`): as `workflow_data`, and
    `:` and `,` percent-encoded (`%3A`, `%2C`) so that a value cannot end the property list
    or add a property."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


# -- JSON --------------------------------------------------------------------------------
def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON spells a character beyond the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_inert(serialised: str) -> str:
    """JSON (from `json.dumps(..., ensure_ascii=False)`) with every hidden character spelt as a
    `\\uXXXX` escape: the same data to a JSON reader, nothing that acts on a terminal or an
    editor (json escapes only C0 controls; DEL, C1, bidi and zero-width characters, U+2028
    and lone surrogates would otherwise pass raw).  Safe on the whole document: JSON's own
    syntax is ASCII, so a hidden character can only be inside a string (where json has
    already escaped tab, CR and LF: those left are the layout's whitespace)."""
    if serialised.isascii() and "\x7f" not in serialised:
        return serialised  # the common case: json escaped every other ASCII control
    return "".join(_json_escape(c) if _hidden(c) and c not in "\t\n\r" else c for c in serialised)


# -- SARIF -------------------------------------------------------------------------------
def sarif_text(text: str) -> str:
    """A SARIF message's plain text (SARIF 2.1.0, 3.11.6): `[` and `]` escaped with a backslash
    (and backslashes before them doubled) so that `[text](1)` in the source is never an
    embedded link to a location; hidden characters shown, line breaks kept."""
    shown = visible(str(text), keep="\n")
    return re.sub(r"(\\*)([\[\]])", lambda m: m.group(1) * 2 + "\\" + m.group(2), shown)


def ics_text(text: str) -> str:
    """An iCalendar TEXT value (SUMMARY, DESCRIPTION): hidden characters shown as visible
    escapes, line breaks kept; the icalendar library then escapes `\\`, `;`, `,` and the line
    breaks as RFC 5545 (3.3.11) requires, and folds long lines."""
    return visible(str(text), keep="\n")
