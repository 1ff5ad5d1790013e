"""Messages as Markdown (checker/formats/mdtext.py): the engine's `code spans` read back as code,
everything else as the same text, and nothing from the source becomes markup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker import escape
from checker.formats.mdtext import SPAN, markdown_message
from tests.test_escaping_property import MD, github_references, hostile, walk


def read_back(markdown: str) -> tuple[list[str], str]:
    kinds, text = [], []
    for token in walk(MD.parse(markdown)):
        if token.type in ("text", "text_special", "code_inline"):
            text.append(token.content)
        if token.type not in ("text", "text_special", "inline", "paragraph_open", "paragraph_close", "softbreak"):
            kinds.append(token.type)
    return kinds, " ".join("".join(text).replace("\u200b", "").split())


def test_code_spans_are_code() -> None:
    out = markdown_message("adds no record to amendments/; write one with `fwdoc amend record`")
    assert out == "adds no record to amendments/; write one with `fwdoc amend record`"
    kinds, text = read_back(out)
    assert kinds == ["code_inline"] and text == "adds no record to amendments/; write one with fwdoc amend record"
    assert "\\`" not in out


def test_an_unpaired_backtick_stays_text() -> None:
    assert read_back(markdown_message("a ` b"))[0] == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(hostile(4), hostile(3).map(lambda s: f"`{s}`")), min_size=1, max_size=5).map(" ".join),
       st.booleans())
def test_only_code_spans_and_the_same_text(text: str, table: bool) -> None:
    out = markdown_message(text, table=table)
    markdown = f"| {out} |\n|---|\n" if table else out
    kinds, got = read_back(markdown)
    allowed = {"code_inline"} | ({"table_open", "thead_open", "tr_open", "th_open", "th_close", "tr_close",
                                   "thead_close", "table_close"} if table else set())
    assert set(kinds) <= allowed, (text, out, kinds)
    assert not github_references(markdown)
    spans = SPAN.findall(text)
    assert kinds.count("code_inline") == len(spans), (text, out)
    unwrapped = SPAN.sub(lambda m: m.group(1), text)
    # the same characters (a code span trims the spaces at its ends, as the engine never writes them)
    assert got.replace(" ", "") == escape.visible(" ".join(unwrapped.split())).replace(" ", ""), (text, out)


def test_two_spans_side_by_side_stay_two() -> None:
    # found by the property test: "`a``b`" wrote two spans whose backticks met as one run
    out = markdown_message("` ` <b>x</b> ``<b>y</b>`")
    kinds, _ = read_back(out)
    assert kinds.count("code_inline") == 2, out
