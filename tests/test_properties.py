"""Property-based tests: generated and mutated DSL text and YAML documents never make the
parser or the loader raise; all that comes out is findings, each with a place.

The inputs are mutations of the valid snippets in tests/fixtures/dsl/ and of the minimal
document in tests/fixtures/docs/minimal/: tokens deleted, duplicated, swapped or replaced by
keywords, random Unicode, control characters, tabs, very long lines, stray quotes, anchors,
byte-order marks and foreign line ends.  Runs are deterministic (derandomize, no example
database), so CI sees the same examples every time.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.dsl import parse_rules
from checker.dsl.parser import keywords
from checker.loader import load_document
from tests.fuzz.strategies import encoded
from tests.fuzz.strategies import mutated as fuzz_mutated

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "docs" / "minimal"

SETTINGS = settings(max_examples=200, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

SNIPPETS = [case["rules"] for name in ("valid.yaml", "invalid.yaml")
            for case in yaml.safe_load((FIXTURES / "dsl" / name).read_text(encoding="utf-8"))
            if case["rules"].strip()]
KEYWORDS = sorted(keywords())
CONTROL = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x85, 0x2028, 0x2029, 0xFEFF)]

# -- mutations --------------------------------------------------------------------------------
odd_text = st.one_of(
    st.text(max_size=20),                                              # any Unicode
    st.text(st.sampled_from(CONTROL), min_size=1, max_size=3),         # control characters
    st.sampled_from(['"', "'", "\u201c", ":", ",", "\\", "\\\n", "#", "\t", "\r", "\n", "\n\n", "&a ", "*a"]),
    st.sampled_from(KEYWORDS),
    st.builds(lambda word, n: word * n, st.sampled_from(["x", "a_", "[", "e.g. A ", " and b", "\u00e9"]),
              st.integers(1000, 20_000)),                              # very long lines
)


def mutated(source: str) -> st.SearchStrategy[str]:
    """`source` with token mutations drawn from the odd text above (tests/fuzz/strategies.py
    holds the mutation itself, which the fuzz targets share)."""
    return fuzz_mutated(source, odd_text)


dsl_text = st.one_of(
    st.sampled_from(SNIPPETS).flatmap(mutated),
    # sentences of keywords, names and punctuation: near the grammar, far from the snippets
    st.lists(st.sampled_from([*KEYWORDS, "a", "b_c", "x.y", "2008-10-31", "3", '"q"', "CON001",
                              " ", " ", " ", "\n", "\n  ", ",", ":", "#", "\\"]), max_size=60).map("".join),
)


# -- the DSL parser -------------------------------------------------------------------------------
@SETTINGS
@given(dsl_text)
def test_parse_rules_returns_statements_and_placed_errors(block: str) -> None:
    statements, errors = parse_rules(block)
    lines = block.split("\n")
    for error in errors:
        assert isinstance(error.message, str) and error.message
        assert "\n" not in error.message
        assert 1 <= error.line <= len(lines), (error, block)
        assert 1 <= error.column <= len(lines[error.line - 1]) + 1, (error, block)
    for stmt in statements:
        assert 1 <= stmt.line <= len(lines) and stmt.column >= 1
        refs = [*stmt.subjects, *stmt.objects, *stmt.counterparts]
        refs += [ref for qual in stmt.qualifiers for ref in (*qual.names, *qual.objects)]
        for ref in refs:  # every name stands where the statement says it does
            assert lines[ref.line - 1][ref.column - 1:].startswith(ref.text), (ref, block)


# -- the loader ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


PART = (MINIMAL / "parts" / "governance.yaml").read_text(encoding="utf-8")
ACTORS = (MINIMAL / "actors.yaml").read_text(encoding="utf-8")


@st.composite
def mutated_yaml(draw: st.DrawFn, source: str) -> bytes:
    """`source` with line and character mutations, and sometimes a change of encoding."""
    lines = source.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "tab", "text", "tokens"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(0, 12)) + lines[i].lstrip(" ")
        elif op == "tab":
            lines[i] = "\t" + lines[i]
        elif op == "text":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(odd_text) + lines[i][at:]
        else:
            lines[i] = draw(mutated(lines[i]))
    return encoded("\n".join(lines), draw(st.sampled_from(["utf-8"] * 6 + ["bom", "crlf", "latin-1"])))


def _line_count(raw: bytes) -> int:
    text = raw.decode("utf-8", "replace")
    return len(re.split("\r\n|[\r\n\x85\u2028\u2029]", text))


@SETTINGS
@given(part=mutated_yaml(PART), actors=st.one_of(st.none(), mutated_yaml(ACTORS)))
def test_load_document_gives_only_placed_findings(workspace: Path, part: bytes, actors: bytes | None) -> None:
    root = workspace / "doc"
    if not root.exists():
        shutil.copytree(MINIMAL, root)
    (root / "parts" / "governance.yaml").write_bytes(part)
    (root / "actors.yaml").write_bytes(actors if actors is not None else ACTORS.encode("utf-8"))
    result = load_document(root)
    for finding in result.findings:
        assert finding.code and finding.message and finding.locations, finding
        for loc in finding.locations:
            assert loc.file, finding
            path = root / loc.file
            if path.is_file():
                assert loc.line >= 1 and loc.column >= 1, finding
                assert loc.line <= _line_count(path.read_bytes()), finding
    if result.document is not None:  # what did load is usable: every rule placed in a file
        for rule in result.document.rules:
            assert rule.location.line >= 1 and rule.location.column >= 1
