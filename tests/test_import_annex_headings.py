"""A flat document whose annexes print headings of their own (invented body, after the shapes
real framework documents take): numbered annex headings ("1. Commit expenditure") must not
stop the paragraphs being read as flat, and unnumbered annex headings ("Head of Secretariat")
must not be given numbers ("B.1") the original does not print."""

from __future__ import annotations

import subprocess
from pathlib import Path

from checker.checks.runner import run_checks
from checker.importer import import_markdown
from checker.loader import load_document
from checker.model import Document

SOURCE = Path(__file__).parent / "fixtures" / "shapes" / "flat-annex-headings.md"


def _imported(tmp_path: Path) -> Document:
    report = import_markdown(SOURCE, tmp_path / "out")
    assert report.written
    loaded = load_document(tmp_path / "out")
    assert loaded.document is not None and not loaded.errors, loaded.findings
    return loaded.document


def test_numbered_annex_headings_leave_the_document_flat(tmp_path: Path) -> None:
    document = _imported(tmp_path)
    assert document.manifest.numbering.name == "flat"
    paragraphs = [(c.printed, c.number) for c in document.clauses.values()
                  if c.depth and document.part_of(c.id).kind != "annex" and c.printed]
    assert paragraphs == [(str(n), str(n)) for n in range(1, 6)]
    annex_a = next(p for p in document.parts if p.label == "Annex A")
    commits = [c for c in document.clauses.values() if c.part == annex_a.id and c.depth]
    assert [(c.title, c.printed, c.number) for c in commits] == [
        ("Commit expenditure", "1", "A.1"), ("Accept receipts", "2", "A.2")]


def test_unnumbered_annex_headings_stay_unnumbered(tmp_path: Path) -> None:
    document = _imported(tmp_path)
    annex_b = next(p for p in document.parts if p.label == "Annex B")
    heads = [c for c in document.clauses.values() if c.part == annex_b.id and c.depth]
    assert [(c.title, c.number, c.numbered) for c in heads] == [
        ("Head of Secretariat", None, False), ("Chief Executive", None, False)]
    out = tmp_path / "pub.md"
    assert subprocess.run(["fwdoc", "publish", str(tmp_path / "out"), "--format", "md",
                           "--output", str(out)], capture_output=True, timeout=300).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "### Head of Secretariat" in text and "B.1" not in text
    assert "**5**" in text and "**3**" in text


def test_annex_paragraph_printed_without_its_letter_is_in_sequence(tmp_path: Path) -> None:
    document = _imported(tmp_path)
    codes = [(f.code, f.message) for f in run_checks(document) if f.code.startswith(("STR", "REF"))]
    assert codes == []


def test_a_real_gap_in_an_annex_is_still_reported(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8").replace("### 2. Accept receipts", "### 3. Accept receipts")
    source = tmp_path / "gap.md"
    source.write_text(text, encoding="utf-8")
    assert import_markdown(source, tmp_path / "gap").written
    document = load_document(tmp_path / "gap").document
    assert document is not None
    found = [f for f in run_checks(document) if f.code == "STR101"]
    assert len(found) == 1 and "Accept receipts" in found[0].message
    assert not [f for f in run_checks(document) if f.code == "STR102"]
