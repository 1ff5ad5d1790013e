"""A hierarchical document whose first section heading prints no number while its paragraphs
do ("Purpose of the Board" over 1.1, 1.2), the shape of the Managing Public Money specimen
(invented body): the heading is section 1, and nothing reports section 2 as out of sequence."""

from __future__ import annotations

from pathlib import Path

from checker.checks.runner import run_checks
from checker.importer import import_markdown
from checker.loader import load_document
from checker.model import Document

SOURCE = Path(__file__).parent / "fixtures" / "shapes" / "heading-without-number.md"


def _imported(tmp_path: Path, text: str | None = None) -> Document:
    source = SOURCE
    if text is not None:
        source = tmp_path / "doc.md"
        source.write_text(text, encoding="utf-8")
    assert import_markdown(source, tmp_path / "out").written
    loaded = load_document(tmp_path / "out")
    assert loaded.document is not None and not loaded.errors, loaded.findings
    return loaded.document


def test_heading_over_paragraph_1_1_is_section_1(tmp_path: Path) -> None:
    document = _imported(tmp_path)
    assert document.manifest.numbering.name == "hierarchical"
    assert [(p.kind, p.number, p.title) for p in document.parts] == [
        ("section", "1", "Purpose of the Board"),
        ("section", "2", "Legal origins of powers and duties"),
        ("section", "3", "Ministerial responsibility")]
    got = [(c.printed, c.number) for c in document.clauses.values() if c.depth and c.printed]
    assert got == [("1.1", "1.1"), ("1.2", "1.2"), ("2.1", "2.1"), ("3.1", "3.1")]
    kept = " ".join(c.text for c in document.clauses.values())
    assert "does not convey any legal powers" in kept  # the opening text is kept, not dropped
    assert document.manifest.title == "Harbour Lights Board framework document"
    # the title is the manifest's, not a heading repeated over the opening text
    assert not [c for c in document.clauses.values() if c.title == document.manifest.title]


def test_no_false_structure_or_reference_finding(tmp_path: Path) -> None:
    document = _imported(tmp_path)
    found = [(f.code, f.message) for f in run_checks(document) if f.code.startswith(("STR", "REF"))]
    assert found == []


def test_a_heading_over_other_paragraphs_stays_a_heading(tmp_path: Path) -> None:
    # 2.1 under an unnumbered heading when section 1 is due is not section 1's first paragraph
    text = SOURCE.read_text(encoding="utf-8").replace("1.1 Under", "2.5 per cent of").replace(
        "1.2 Its duties", "Its duties")
    document = _imported(tmp_path, text)
    assert [p.number for p in document.parts if p.kind == "section"] == ["2", "3"]
    assert "2.5 per cent of" in " ".join(c.text for c in document.clauses.values())


def test_section_after_an_unprinted_one_is_in_sequence_but_a_gap_is_reported(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8").replace("### 3 Ministerial", "### 4 Ministerial").replace(
        "3.1 The Minister", "4.1 The Minister")
    document = _imported(tmp_path, text)
    found = [f.message for f in run_checks(document) if f.code == "STR101"]
    assert len(found) == 1 and "follows 2" in found[0]
