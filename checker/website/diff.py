"""Word-level differences between two versions of a clause's text or rules, marked with
<del> and <ins> for the history pages (a reader sees what an amendment changed, not two
versions to compare by eye).

Text is compared word by word (runs of spaces kept with the word before them), so that a
changed word is one deletion and one insertion, not a changed paragraph.  Everything is
escaped: the versions come from the source and the amendment records.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from markupsafe import Markup, escape

_TOKENS = re.compile(r"\S+\s*|\s+")


def tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def word_diff(old: str, new: str) -> Markup:
    """`new` as it differs from `old`: unchanged words as they are, removed ones in <del>,
    added ones in <ins>, every piece escaped."""
    before, after = tokens(old), tokens(new)
    out: list[str] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(str(escape("".join(after[j1:j2]))))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(before[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(after[j1:j2]))}</ins>")
    return Markup("".join(out))


def changed(old: str | None, new: str | None) -> bool:
    return (old or "").split() != (new or "").split()
