"""Fuzz the rules-language parser: whatever a rules block holds, `parse_rules` answers with
statements and placed errors, never an exception.

Two kinds of text: sequences of the grammar's own tokens (keywords, names, quotes, dates,
numbers, punctuation, line breaks, continuation backslashes), which reach deep into the
parser and the builder, and arbitrary text.  Run longer with, for example,
`FWDOC_FUZZ_EXAMPLES=200000 pytest -n 0 tests/test_dsl_fuzz.py`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.dsl.parser import keywords, parse_rules

_EXAMPLES = int(os.environ.get("FWDOC_FUZZ_EXAMPLES", "600"))

_WORDS = sorted(keywords())
_TOKENS = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(["director_general", "permanent_secretary", "corporate_plan", "a.b", "x-y", "q"]),
    st.sampled_from(['"a quote"', "'single'", '""', '"unclosed', "SOD003", "CON001"]),
    st.sampled_from(["2008-07-01", "2008-13-45", "0000-00-00", "2024-02-30", "9999-99-99"]),
    st.sampled_from(["1", "2", "0", "9" * 40, "9" * 5000]),
    st.sampled_from([",", ":", "(", ")", ";", "\\", "#", "# a comment", "\u201c", "A", "\t", "\f"]),
    st.sampled_from(["\n", "\n  ", "\n\n", "\\\n", " \\\n  "]),
)


def _check(block: str) -> None:
    statements, errors = parse_rules(block)
    lines = block.count("\n") + 1
    for err in errors:
        assert isinstance(err.message, str) and err.message
        assert 1 <= err.line <= lines, (err, block)
        assert err.column >= 1, (err, block)
    for stmt in statements:
        assert 1 <= stmt.line <= lines, (stmt, block)
        assert stmt.column >= 1


@settings(max_examples=_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(tokens=st.lists(_TOKENS, max_size=30), spaces=st.lists(st.sampled_from([" ", "  ", ""]), max_size=30))
def test_token_soup_gives_statements_or_placed_errors(tokens: list[str], spaces: list[str]) -> None:
    out = []
    for index, token in enumerate(tokens):
        out.append(token)
        out.append(spaces[index] if index < len(spaces) else " ")
    _check("".join(out))


@settings(max_examples=_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(lines=st.lists(st.lists(_TOKENS.filter(lambda t: "\n" not in t), min_size=1, max_size=12)
                      .map(" ".join), max_size=8))
def test_token_lines_give_statements_or_placed_errors(lines: list[str]) -> None:
    """Whole lines of tokens, as rules blocks are written: several statements a block, so
    that the whole-block fast path meets every kind of line."""
    _check("\n".join(lines))


@settings(max_examples=_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.text(max_size=200))
def test_arbitrary_text_gives_statements_or_placed_errors(text: str) -> None:
    _check(text)


def test_known_crashers_are_findings() -> None:
    """The inputs that once raised, each now a placed error."""
    for block, wanted in [
        ("a is accountable to b; c reports to d", "unexpected ';'"),
        ('"q" (' + "9" * 5000 + "):", "the occurrence number"),
        ("a must submit b by 2008-13-45", "'2008-13-45' is not a date"),
        ("a must submit b\n  by 2024-02-30", "day is out of range for month"),
    ]:
        _, errors = parse_rules(block)
        assert any(wanted in err.message for err in errors), (block, errors)


def test_a_real_date_still_parses() -> None:
    """The look-alike that must stay quiet."""
    statements, errors = parse_rules("a must submit b by 2024-02-29\nc must submit d by 2023-12-31")
    assert errors == [] and [s.qualifiers[0].value for s in statements] == ["2024-02-29", "2023-12-31"]
