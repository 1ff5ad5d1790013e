"""Fuzz target: the DSL parser (checker/dsl).  Any text in, statements and placed errors out;
`parse_rules` documents no exception."""

from __future__ import annotations

from checker.dsl import parse_rules
from checker.dsl.ast import Statement
from checker.dsl.parser import DslError
from tests.fuzz.harness import fuzz, screened
from tests.fuzz.strategies import dsl_text


@fuzz(dsl_text, examples=400)
def test_fuzz_dsl_parser(block: str) -> None:
    with screened():
        statements, errors = parse_rules(block)
    lines = block.split("\n")
    assert all(isinstance(s, Statement) for s in statements)
    assert all(isinstance(e, DslError) for e in errors)
    for error in errors:
        assert isinstance(error.message, str) and error.message.strip() and "\n" not in error.message, error
        assert 1 <= error.line <= len(lines), (error, block)
        assert 1 <= error.column <= len(lines[error.line - 1]) + 1, (error, block)
    for stmt in statements:
        assert 1 <= stmt.line <= len(lines) and stmt.column >= 1, (stmt, block)
        refs = [*stmt.subjects, *stmt.objects, *stmt.counterparts]
        refs += [ref for qual in stmt.qualifiers for ref in (*qual.names, *qual.objects)]
        for ref in refs:  # every name stands where the statement says it does
            assert lines[ref.line - 1][ref.column - 1:].startswith(ref.text), (ref, block)
    # the same block gives the same answer (no state left behind by the last parse)
    with screened():
        again = parse_rules(block)
    assert again == (statements, errors)
