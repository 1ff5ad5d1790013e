"""A finding's message as Markdown: the engine writes commands and keys in its messages as code
spans (``write one with `fwdoc amend record` ``); those are shown as code, the rest as text,
each piece through checker/escape.py, so nothing from the source can add markup.

A backtick that does not pair (it came from the source) stays text, escaped."""

from __future__ import annotations

import re

from checker.escape import GITHUB_BREAK, markdown_code, markdown_text

# a code span as the engine writes it: one backtick each side, something other than space
# inside, no backtick or line break
SPAN = re.compile(r"`([^`\n]*[^`\s][^`\n]*)`")


def markdown_message(text: str, *, table: bool = False) -> str:
    """`text` as inline Markdown with its `code spans` as code (escaped with `markdown_code`)
    and the rest as text (`markdown_text`); safe in a table cell with `table`."""
    out: list[str] = []
    last = 0
    for match in SPAN.finditer(text):
        before = text[last:match.start()]
        if before:
            out.append(_text(before, not out))
        code = markdown_code(match.group(1), table=table)
        if out and out[-1].endswith("`") and code.startswith("`"):
            # two spans side by side would read as one longer backtick run: keep them apart
            # with a zero-width space, written as its entity (as escape.py breaks GitHub's
            # references) so that no raw invisible character reaches the comment
            out.append(GITHUB_BREAK)
        out.append(code)
        last = match.end()
    rest = text[last:]
    if rest or not out:
        out.append(_text(rest, not out))
    return "".join(out)


def _text(piece: str, first: bool) -> str:
    """A piece between code spans, its leading and trailing space kept (markdown_text drops it)."""
    body = markdown_text(piece, line_start=first)
    lead = " " if piece[:1].isspace() and not first else ""
    tail = " " if piece[-1:].isspace() else ""
    return lead + body + tail
