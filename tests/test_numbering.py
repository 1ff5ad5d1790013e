"""Numbering schemes (checker/numbering/): the data, the ordinals, and the loader numbering
each shape of document the way the original prints it; the structure checks follow the scheme."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.checks.runner import run_checks
from checker.loader import load_document
from checker.numbering import (
    item_marker,
    letters,
    ordinal_text,
    parse_ordinal,
    roman,
    scheme_from,
    schemes,
)

SHAPES = Path(__file__).parent / "fixtures" / "shapes"


def codes(root: Path, *wanted: str) -> list[str]:
    result = load_document(root)
    assert result.document is not None
    found = [*result.findings, *run_checks(result.document)]
    return [f"{f.code} {f.message}" for f in found if f.code in wanted]


def numbers(root: Path) -> dict[str, tuple[str | None, str]]:
    document = load_document(root).document
    assert document is not None
    return {c.id: (c.number, c.label) for c in document.clauses.values()}


def test_every_scheme_loads_with_known_values() -> None:
    known = schemes()
    assert {"hierarchical", "flat", "per-section", "unnumbered"} <= set(known)
    for scheme in known.values():
        assert scheme.style in ("hierarchical", "document", "section", "none")
        assert scheme.annex_style in ("letters", "numbers", "roman")
        assert scheme.description


def test_scheme_overrides_and_unknown_names() -> None:
    scheme, problem = scheme_from({"scheme": "flat", "annexes": {"word": "Annexe", "style": "numbers"}})
    assert problem is None and scheme.annex_word == "Annexe" and scheme.annex_style == "numbers"
    assert scheme.style == "document"
    scheme, problem = scheme_from("flatt")
    assert scheme.name == "hierarchical" and problem and "flatt" in problem and "flat" in problem


@given(st.integers(min_value=1, max_value=3000), st.sampled_from(["letters", "numbers", "roman"]))
def test_ordinals_round_trip(n: int, style: str) -> None:
    assert parse_ordinal(ordinal_text(n, style), style) == (n if style != "roman" or n < 400 else None)


@given(st.text(max_size=12))
def test_parse_ordinal_never_crashes(token: str) -> None:
    for style in ("letters", "numbers", "roman"):
        value = parse_ordinal(token, style)
        assert value is None or value >= 0


def test_parse_ordinal_refuses_non_ascii_digits() -> None:
    # '²' and Arabic-Indic digits are str.isdigit() but not printed paragraph numbers
    for token in ("\u00b2", "\u0661\u0662", "3\u00b2"):
        for style in ("letters", "numbers", "roman"):
            assert parse_ordinal(token, style) is None


def test_ordinal_forms() -> None:
    assert [letters(n) for n in (1, 26, 27)] == ["A", "Z", "AA"]
    assert roman(14) == "XIV"
    lettered, _ = scheme_from({"scheme": "flat", "items": ["letters", "roman"]})
    assert item_marker(1, 0, lettered) == "(a)" and item_marker(4, 1, lettered) == "(iv)"
    assert item_marker(27, 0, lettered) == "(aa)"
    numbered, _ = scheme_from({"scheme": "flat", "items": ["numbers"]})
    assert item_marker(3, 0, numbered) == "(3)" and item_marker(3, 5, numbered) == "(3)"
    # every shipped scheme prints bullets unless the manifest says otherwise
    assert all(item_marker(1, 0, scheme) is None for scheme in schemes().values())


def test_hierarchical_is_unchanged() -> None:
    got = numbers(SHAPES / "hierarchical")
    assert got["purpose"] == ("1", "Section 1")
    assert got["aims-detail"] == ("1.1.1", "1.1.1")
    assert got["annex-a"] == ("A", "Annex A")
    assert got["first-delegation"] == ("A.1", "Annex A paragraph 1")
    assert got["foreword"][0] is None


def test_flat_paragraphs_run_through_the_document() -> None:
    got = numbers(SHAPES / "flat")
    assert got["governance"] == (None, "Governance and Accountability")  # no section number
    assert got["purpose-of-agreement"] == ("1", "paragraph 1")
    assert got["minister-accountable"] == ("3", "paragraph 3")
    assert got["plans"][0] is None  # an unnumbered heading does not take a number
    assert got["business-plan-agreed"] == ("5", "paragraph 5")
    assert got["business-plan-detail"] == ("5.1", "paragraph 5.1")
    assert got["accounts"] == ("7", "paragraph 7")
    document = load_document(SHAPES / "flat").document
    assert document is not None
    assert document.clauses["accounts"].anchor == "paragraph-7"


def test_per_section_restarts_and_appendices_are_numbered() -> None:
    got = numbers(SHAPES / "per-section")
    assert got["finance-one"] == ("1", "paragraph 1")
    document = load_document(SHAPES / "per-section").document
    assert document is not None
    anchors = [c.anchor for c in document.clauses.values()]
    assert len(anchors) == len(set(anchors))
    got = numbers(SHAPES / "appendix")
    assert got["role"] == ("1", "Section 1")
    assert got["money-one"] == ("3", "paragraph 3")
    assert got["appendix-2"] == ("2", "Appendix 2")
    got = numbers(SHAPES / "unnumbered")
    assert got["annexe-a"] == ("A", "Annexe A")
    assert got["about-two"][0] is None


@pytest.mark.parametrize("shape", ["flat", "hierarchical", "per-section", "appendix", "unnumbered"])
def test_shapes_have_no_structure_findings(shape: str) -> None:
    assert codes(SHAPES / shape, "STR101", "STR102", "SCH001", "SCH004") == []


def _copy(tmp_path: Path, shape: str) -> Path:
    root = tmp_path / shape
    shutil.copytree(SHAPES / shape, root)
    return root


def test_flat_gap_and_repeat_are_reported(tmp_path: Path) -> None:
    root = _copy(tmp_path, "flat")
    part = root / "parts" / "finance.yaml"
    part.write_text(part.read_text().replace('printed: "7"', 'printed: "9"'))
    found = codes(root, "STR101", "STR102")
    assert len(found) == 1 and "9" in found[0] and "missing" in found[0]
    part.write_text(part.read_text().replace('printed: "9"', 'printed: "6"'))
    found = codes(root, "STR101", "STR102")
    assert len(found) == 1 and "same number" in found[0]


def test_annex_letter_is_what_is_printed(tmp_path: Path) -> None:
    root = _copy(tmp_path, "flat")
    part = root / "parts" / "annex-a.yaml"
    part.write_text(part.read_text().replace('printed: "A"', 'printed: "C"'))
    (root / "parts" / "annex-b.yaml").write_text(
        (root / "parts" / "annex-b.yaml").read_text().replace('printed: "B"', 'printed: "D"'))
    got = numbers(root)
    assert got["annex-a"] == ("C", "Annex C") and got["annex-b"] == ("D", "Annex D")
    found = codes(root, "STR101")
    assert len(found) == 1 and "first of its level" in found[0]


def test_unknown_scheme_is_a_finding(tmp_path: Path) -> None:
    root = _copy(tmp_path, "flat")
    manifest = root / "manifest.yaml"
    manifest.write_text(manifest.read_text().replace("numbering: flat", "numbering: flatt"))
    found = codes(root, "SCH004")
    assert len(found) == 1 and "flatt" in found[0]
