"""A document that prints no heading number (invented body, the shape of a web edition of a
real framework document): its unnumbered headings level with the Introduction and the annexes
are sections, not sub-headings of the introduction; with no numbered paragraph the document is
`unnumbered`, with a few it is `flat`."""

from __future__ import annotations

from pathlib import Path

from checker.checks.runner import run_checks
from checker.importer import import_markdown
from checker.loader import load_document
from checker.model import Document

SOURCE = Path(__file__).parent / "fixtures" / "shapes" / "unnumbered-headings.md"


def _imported(tmp_path: Path, text: str) -> Document:
    source = tmp_path / "doc.md"
    source.write_text(text, encoding="utf-8")
    assert import_markdown(source, tmp_path / "out").written
    loaded = load_document(tmp_path / "out")
    assert loaded.document is not None and not loaded.errors, loaded.findings
    return loaded.document


def test_unnumbered_headings_are_sections(tmp_path: Path) -> None:
    document = _imported(tmp_path, SOURCE.read_text(encoding="utf-8"))
    assert document.manifest.numbering.name == "unnumbered"
    assert [(p.kind, p.title) for p in document.parts] == [
        ("introduction", "Introduction"), ("section", "Purpose"),
        ("section", "Governance and accountability"), ("annex", "Annex A")]
    chief = next(c for c in document.clauses.values() if c.title == "The Chief Executive")
    assert chief.part == document.parts[2].id and chief.number is None
    assert not [f for f in run_checks(document) if f.code.startswith(("STR", "REF"))]


def test_a_few_numbered_paragraphs_make_it_flat(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8").replace(
        "The Agency runs the ferries between the invented islands.",
        "1. The Agency is an executive agency.\n\n2. The Agency runs the ferries (see paragraph 1).")
    document = _imported(tmp_path, text)
    assert document.manifest.numbering.name == "flat"
    assert [p.title for p in document.parts if p.kind == "section"] == [
        "Purpose", "Governance and accountability"]
    assert [(c.printed, c.number) for c in document.clauses.values() if c.depth and c.printed] == [
        ("1", "1"), ("2", "2")]
    assert not [f for f in run_checks(document) if f.code.startswith(("STR", "REF"))]
