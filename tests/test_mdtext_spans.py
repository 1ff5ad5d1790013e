"""Two code spans side by side in a finding's message stay two spans in the PR comment, kept
apart by a zero-width space written as its entity: no raw invisible character reaches the
comment (found by tests/test_escaping_property.py in CI)."""

from __future__ import annotations

import unicodedata

from markdown_it import MarkdownIt

from checker.formats.mdtext import markdown_message


def test_adjacent_spans_stay_apart_without_a_raw_invisible_character() -> None:
    out = markdown_message("`a``b`")
    assert not [c for c in out if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"}], repr(out)
    codes = [t.content for t in MarkdownIt().parseInline(out)[0].children or [] if t.type == "code_inline"]
    assert codes == ["a", "b"], (out, codes)
