"""References by what is printed, and references to other instruments (checker/xrefs.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.checks.runner import run_checks
from checker.loader import load_document
from checker.xrefs import EXTERNAL, find_references, instruments, resolve

SHAPES = Path(__file__).parent / "fixtures" / "shapes"

EXTERNAL_CASES = [
    ("under section 22 of the 2018 Act.", "2018 Act", "section 22", "section 22 of the 2018 Act"),
    ("as Chapter 3 of Managing Public Money says", "Managing Public Money", "Chapter 3",
     "Chapter 3 of Managing Public Money"),
    ("paragraph 11 of Schedule 1 to the Harbours Act 1964 applies", "Harbours Act 1964",
     "paragraph 11 of Schedule 1", "paragraph 11 of Schedule 1 to the Harbours Act 1964"),
    ("paragraph 11 of Schedule 1", "Schedule 1", "paragraph 11", "paragraph 11 of Schedule 1"),
    ("the Public Audit (Wales) Act 2004 applies", "Public Audit (Wales) Act 2004", None,
     "Public Audit (Wales) Act 2004"),
    ("The Charities Act 2006 applies", "Charities Act 2006", None, "The Charities Act 2006"),
    ("sections 3 and 4 of the Orchards Act 1999", "Orchards Act 1999", "sections 3 and 4",
     "sections 3 and 4 of the Orchards Act 1999"),
]


@pytest.mark.parametrize("text, name, provision, written", EXTERNAL_CASES, ids=[c[0][:30] for c in EXTERNAL_CASES])
def test_external_references(text: str, name: str, provision: str | None, written: str) -> None:
    refs = find_references(text)
    assert [(r.kind, r.target, r.number, text[r.start:r.end]) for r in refs] == [
        (EXTERNAL, name, provision, written)]


INTERNAL_CASES = [
    ("see paragraphs 8 to 10", [("8", "paragraph"), ("9", "paragraph"), ("10", "paragraph")]),
    ("paragraphs 3 to 4 and Annex B", [("3", "paragraph"), ("4", "paragraph"), ("Annex B", None)]),
    ("as paragraph 34 says", [("34", "paragraph")]),
    ("see Annexe B and Appendix 2", [("Annex B", None), ("Annex 2", None)]),
    ("paragraph 2 of Appendix 3", [("3.2", "paragraph")]),
    ("section 2.1.4 applies", [("2.1.4", "section")]),
    ("paragraph 3 of this document", [("3", "paragraph")]),
]


@pytest.mark.parametrize("text, expected", INTERNAL_CASES, ids=[c[0][:30] for c in INTERNAL_CASES])
def test_internal_references(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(r.target, r.noun) for r in find_references(text) if r.kind != EXTERNAL] == expected
    assert not [r for r in find_references(text) if r.kind == EXTERNAL]


@given(st.text(alphabet=st.sampled_from(list("paragrhsectionAnexb of the Act 2011 12.3-to()SM,")), max_size=120))
def test_references_never_crash_and_never_overlap(text: str) -> None:
    refs = find_references(text)
    for ref in refs:
        assert 0 <= ref.start < ref.end <= len(text)
    for a, b in zip(refs, refs[1:], strict=False):
        assert a.end <= b.start


def _document(root: Path):  # type: ignore[no-untyped-def]
    document = load_document(root).document
    assert document is not None
    return document


def test_flat_references_resolve_by_printed_numbers() -> None:
    document = _document(SHAPES / "flat")
    text = document.clauses["business-plan-agreed"].text
    targets = {r.target: resolve(document, r) for r in find_references(text)}
    assert {k: v.id for k, v in targets.items() if v} == {
        "3": "minister-accountable", "4": "chief-executive-role", "Annex B": "annex-b"}
    found = [f for f in run_checks(document) if f.code.startswith("REF")]
    assert found == []


def test_annex_resolves_by_printed_letter_not_position(tmp_path: Path) -> None:
    root = tmp_path / "flat"
    shutil.copytree(SHAPES / "flat", root)
    for name, letter in (("annex-a", "B"), ("annex-b", "A")):  # printed in the other order
        path = root / "parts" / f"{name}.yaml"
        path.write_text(path.read_text().replace("printed: \"A\"", f"printed: \"{letter}\"")
                        .replace("printed: \"B\"", f"printed: \"{letter}\""))
    document = _document(root)
    [ref] = [r for r in find_references("see Annex B") if r.kind == "annex"]
    target = resolve(document, ref)
    assert target is not None and target.id == "annex-a"


def test_missing_paragraph_is_reported_with_its_printed_words(tmp_path: Path) -> None:
    root = tmp_path / "flat"
    shutil.copytree(SHAPES / "flat", root)
    part = root / "parts" / "finance.yaml"
    part.write_text(part.read_text().replace("set out at Annex A", "set out in paragraph 99"))
    found = [f.message for f in run_checks(_document(root)) if f.code == "REF001"]
    assert len(found) == 1 and "paragraph 99" in found[0] and "section" not in found[0].split(":")[0]


def test_instruments_are_listed_with_their_provisions() -> None:
    listed = {i.name: i for i in instruments(_document(SHAPES / "flat"))}
    assert set(listed) == {"Lamp Records Act 2011", "Managing Public Money", "Public Records Act 1958"}
    act = listed["Lamp Records Act 2011"]  # "the 2011 Act" is filed under the Act it shortens
    assert {c.provision for c in act.citations} == {"section 3", "section 22", "paragraph 11 of Schedule 1"}
    assert {c.clause for c in act.citations} == {"legal-basis", "delegations", "accounts"}
