"""Every statement kind and qualifier of the obligations language as an English sentence.

The cases are data (tests/fixtures/render/english.yaml): each rule is loaded into a copy of
the fixture document, so names resolve through the real registers and loader.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from checker.loader import load_document
from checker.model import Document, Informal, Location
from checker.render.english import informal_sentence, join, sentence, third_person

FIXTURES = Path(__file__).parent / "fixtures" / "render"
CASES = yaml.safe_load((FIXTURES / "english.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def english_doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    root = tmp_path_factory.mktemp("english") / "doc"
    shutil.copytree(FIXTURES / "doc", root)
    rules = "\n".join(case["rule"] for case in CASES)
    part = {"id": "english", "kind": "section", "title": "English",
            "clauses": [{"id": "cases", "title": "Cases", "text": "The cases.", "rules": rules}]}
    (root / "parts" / "english.yaml").write_text(yaml.safe_dump(part, sort_keys=False), encoding="utf-8")
    manifest = yaml.safe_load((root / "manifest.yaml").read_text(encoding="utf-8"))
    manifest["parts"].append("english")
    (root / "manifest.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    result = load_document(root)
    errors = [str(f.message) for f in result.errors]
    assert not errors, errors
    assert result.document is not None
    return result.document


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c["rule"][:60] for c in CASES])
def test_rule_as_english(english_doc: Document, index: int) -> None:
    rules = english_doc.rules_by_clause["cases"]
    assert len(rules) == len(CASES)
    assert sentence(rules[index], english_doc) == CASES[index]["sentence"]


def test_every_statement_kind_is_covered(english_doc: Document) -> None:
    from checker.model import RULE_KINDS

    kinds = {r.kind for r in english_doc.rules_by_clause["cases"]}
    assert kinds == set(RULE_KINDS)


def test_every_qualifier_is_covered(english_doc: Document) -> None:
    quals = {q.kind for r in english_doc.rules_by_clause["cases"] for q in r.qualifiers}
    expected = {"recipient", "scope", "exception", "if", "when", "unless", "about", "consulting",
                "after", "recommendation", "on_behalf_of", "approval", "agreement", "through",
                "in_writing", "accordance", "annually", "by", "before", "within", "asap"}
    assert expected <= quals, expected - quals


@pytest.mark.parametrize("verb, expected", [
    ("endorse", "endorses"), ("approve", "approves"), ("publish", "publishes"),
    ("comply_with", "complies with"), ("agree", "agrees"), ("lay_before", "lays before"),
    ("be", "is"), ("have", "has"), ("delay", "delays"),
])
def test_third_person(verb: str, expected: str) -> None:
    assert third_person(verb) == expected


def test_deadline_dates_are_written_out() -> None:
    # `by 2021-10-31` does not parse yet (the DSL lexer reads the year as a number), so the
    # date wording is tested on its own
    from checker.render.english import _date

    assert _date("2021-10-31") == "31 October 2021"
    assert _date("2021-13-01") == "2021-13-01"


def test_join() -> None:
    assert join(["a"]) == "a"
    assert join(["a", "b"]) == "a and b"
    assert join(["a", "b", "c"], "or") == "a, b or c"
    assert join(["a", "a"]) == "a"


def test_informal_sentence() -> None:
    mark = Informal("c", "  a review date, not an obligation. ", Location("x.yaml", 1, 1))
    assert informal_sentence(mark) == "Not stated as a rule: a review date, not an obligation."
