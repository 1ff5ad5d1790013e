"""Whether a piece of prose may be published as written in the Markdown publication.

The HTML publication reads a clause's prose with raw HTML off, headings and images off, and
links only to http, https and mailto (prose.py).  The Markdown publication hands its prose to
whatever Markdown reader opens the file, so it passes prose as written only when every
CommonMark reader would find in it nothing the HTML publication refuses.  This module parses
the prose the permissive way (raw HTML on, every link accepted) and says whether anything
refused is there; `one_line_html` is the fallback: the HTML publication's sanitised rendering
as one HTML block that no Markdown reader parses again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from checker.render.prose import URL_SCHEMES

_SENTINEL = "fwdoc-end-of-prose"  # a paragraph after the prose: it must stay a paragraph
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# what the HTML publication does not render from prose (prose.py turns these off or strips them)
_REFUSED = {"html_block", "html_inline", "heading_open", "image"}
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)  # nh3's output: lower-case tags, closed


def _permissive() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough")
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # see every link, judge its scheme below
    return md


_MD = _permissive()


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _refused(token: Token) -> bool:
    if token.type in _REFUSED:
        return True
    if token.type == "link_open":
        match = _SCHEME.match(str(token.attrGet("href") or ""))
        return match is not None and match.group(1).lower() not in URL_SCHEMES
    return False


def _parse(text: str) -> tuple[list[Token], bool] | None:
    """The tokens of `text` followed by a sentinel paragraph, and whether the sentinel is still
    a paragraph of its own (the prose closed every fence and block it opened); None when the
    prose defines link references (they would reach into every other clause of the file)."""
    env: dict[str, object] = {}
    tokens = _MD.parse(f"{text}\n\n{_SENTINEL}\n", env)
    if env.get("references"):
        return None
    tail = [(t.type, t.level, t.content) for t in tokens[-3:]]
    closed = tail == [("paragraph_open", 0, ""), ("inline", 1, _SENTINEL), ("paragraph_close", 0, "")]
    return tokens[:-3] if closed else tokens, closed


def safe_block(text: str) -> bool:
    """True when `text` (a clause's prose, an item) may stand as written between blank lines."""
    parsed = _parse(text)
    if parsed is None:
        return False
    tokens, closed = parsed
    return closed and not any(_refused(t) for t in _walk(tokens))


def safe_inline(text: str) -> bool:
    """True when `text` (a one-line table cell or caption) is one paragraph's inline content
    with nothing the HTML publication refuses."""
    if not text.strip():
        return True
    parsed = _parse(" ".join(text.split()))
    if parsed is None:
        return False
    tokens, closed = parsed
    shape = [t.type for t in tokens]
    return closed and shape == ["paragraph_open", "inline", "paragraph_close"] and \
        not any(_refused(t) for t in _walk(tokens))


def one_line_html(html: object, *, block: bool = True) -> str:
    """Sanitised HTML (from prose.py) on one line, so that no blank line ends an HTML block
    early: a line break is a space (the same whitespace to HTML), inside `<pre>` the entity
    `&#10;` (still a line break there).  With
    `block` (the default) it is wrapped in a `<div>`, so that every CommonMark reader takes
    the line as an HTML block and parses nothing in it as Markdown; without, it is for the
    inside of an HTML block the caller opened (a `<table>`)."""
    pieces = _PRE.split(str(html).strip().replace("\r\n", "\n").replace("\r", "\n"))
    body = "".join(piece.replace("\n", "&#10;") if piece.startswith("<pre") else piece.replace("\n", " ")
                   for piece in pieces)
    return f"<div>{body}</div>" if block else body
