"""The sentence heuristic (docs/coverage.md) as data: tests/fixtures/sentences/cases.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.sentences import normalise, plain, split_units

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "sentences" / "cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_units(case: dict[str, Any]) -> None:
    units = split_units(case["markdown"])
    assert [[u.text, u.normative, u.origin] for u in units] == case["units"]


def test_unit_offsets_point_at_the_sentence() -> None:
    text = "First sentence here. The Agency must act.\n\n- an item that will count;\n"
    for unit in split_units(text):
        assert plain(text[unit.offset:]).startswith(unit.text[:10])


@pytest.mark.parametrize(("raw", "expected"), [
    ("plain   words\nover lines", "plain words over lines"),
    ("**bold** and *em* and `code`", "bold and em and code"),
    ("a [link](http://x) and <b>tag</b>", "a link and tag"),
    ("[[[[[[ unclosed <<<<", "[[[[[[ unclosed <<<<"),
])
def test_plain(raw: str, expected: str) -> None:
    assert plain(raw) == expected


def test_normalise_ignores_case_curly_quotes_and_spacing() -> None:
    assert normalise("The  \u2018Estate\u2019 \u201cOffice\u201d") == "the 'estate' \"office\""
