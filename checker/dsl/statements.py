"""Split a rules block into statements, keeping each statement's first line number.

A line continues the statement above it when it starts with a qualifier word or when the
line above ends with a backslash: policy officers write long rules over several lines
without punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# words that start a qualifier (or continue a list of names); never the first word of a statement
CONTINUATION_WORDS = frozenset(
    """to for except if when unless of on after with subject through in annually each by
    before within as and or routinely regularly quarterly monthly
    where following working jointly publicly personally separately promptly normally
    exceptionally from no not at every above over below under up between
    locally nationally regionally independently impartially confidentially
    so such including""".split()
)
_FIRST_WORD = re.compile(r"\s*([A-Za-z][\w-]*|,)")


@dataclass(frozen=True)
class RawStatement:
    line: int  # 1-based line of the first line within the block
    text: str  # the statement's lines, joined by newlines, indentation kept


def _is_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def split_statements(block: str) -> list[RawStatement]:
    out: list[RawStatement] = []
    current: list[str] = []
    blanks: list[str] = []  # blank and comment lines after `current`, kept for line numbers
    start = 0
    continued = False

    def close() -> None:
        if current:
            out.append(RawStatement(start, "\n".join(current)))

    # split on "\n" only, as the loader maps lines onto the file (str.splitlines also splits
    # on form feeds and other separators that YAML keeps inside a line)
    for index, line in enumerate(block.split("\n"), start=1):
        if _is_blank(line):
            if current:
                blanks.append(line)
            continue
        match = _FIRST_WORD.match(line)
        word = match.group(1) if match else ""
        joins = current and (continued or word == "," or word in CONTINUATION_WORDS)
        if joins:
            # a blank or comment line inside a statement stays, so that lines keep their number
            current.extend(blanks)
            current.append(line)
        else:
            close()
            current, start = [line], index
        blanks = []
        continued = line.rstrip().endswith("\\")
    close()
    return out
