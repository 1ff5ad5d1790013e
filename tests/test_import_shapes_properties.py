"""Properties of the importer on generated documents of every shape (invented text): whatever
the number of sections, paragraphs and annexes, the importer finds the shape, keeps every
printed number and shows it, names each annex by what it prints, and the scaffold raises no
structure or reference finding.  Complements the flat property in test_import_shapes.py."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.checks.runner import run_checks
from checker.importer import import_markdown
from checker.loader import load_document
from checker.model import Document

_WORDS = st.sampled_from(["Board", "Minister", "plans", "budget", "the", "Office", "reports", "annually"])
_SENTENCE = st.lists(_WORDS, min_size=3, max_size=8).map(lambda w: " ".join(w).capitalize() + ".")
_TITLES = ["Governance", "Finance", "Audit", "Risk", "Planning", "People", "Estates", "Reporting"]
_SHAPES = st.sampled_from(["hierarchical", "per-section", "flat", "unnumbered"])
_ANNEXES = st.tuples(st.sampled_from(["Annex", "Annexe", "Appendix"]), st.sampled_from(["letters", "numbers"]),
                     st.integers(0, 3))
_counter = itertools.count()


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str, list[tuple[str, list[str]]], list[str]]:
    shape = draw(_SHAPES)
    titles = draw(st.lists(st.sampled_from(_TITLES), min_size=2, max_size=4, unique=True))
    word, style, annex_count = draw(_ANNEXES)
    lines = ["# The Invented Body Framework Document", "", "## Introduction", "",
             "This document is agreed between the Body and the Minister.", ""]
    expected: list[tuple[str, list[str]]] = [("Introduction", [])]
    running = 0
    for n, title in enumerate(titles, start=1):
        lines += [f"## {n}. {title}" if shape == "hierarchical" else f"## {title}", ""]
        printed: list[str] = []
        for m in range(1, draw(st.integers(2, 3)) + 1):
            running += 1
            number = {"hierarchical": f"{n}.{m}", "per-section": str(m), "flat": str(running),
                      "unnumbered": ""}[shape]
            lines += [f"{number}{'.' if shape != 'hierarchical' else ''} {draw(_SENTENCE)}"
                      if number else draw(_SENTENCE), ""]
            if number:
                printed.append(number)
        expected.append((title, printed))
    labels = []
    for k in range(1, annex_count + 1):
        label = chr(ord("A") + k - 1) if style == "letters" else str(k)
        labels.append(f"{word} {label}")
        lines += [f"## {word} {label} – {_TITLES[k]} delegations", "", draw(_SENTENCE), ""]
    return shape, "\n".join(lines), expected, labels


def _load(tmp_path: Path, text: str) -> Document:
    work = Path(tmp_path) / f"case-{next(_counter)}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    source = work / "doc.md"
    source.write_text(text, encoding="utf-8")
    assert import_markdown(source, work / "out").written
    loaded = load_document(work / "out")
    assert loaded.document is not None and not loaded.errors, loaded.findings
    return loaded.document


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents())
def test_every_shape_keeps_its_structure_and_numbers(
        tmp_path: Path, case: tuple[str, str, list[tuple[str, list[str]]], list[str]]) -> None:
    shape, text, expected, labels = case
    document = _load(tmp_path, text)
    assert document.manifest.numbering.name == shape
    body = [p for p in document.parts if p.kind != "annex"]
    got = [(p.title, [c.printed for c in document.clauses.values()
                      if c.part == p.id and c.depth and c.printed]) for p in body]
    assert got == expected
    for clause in document.clauses.values():
        if clause.depth and clause.printed:
            assert clause.number == clause.printed  # what is printed is what is shown
    assert [p.label for p in document.parts if p.kind == "annex"] == labels
    findings = [f for f in run_checks(document) if f.code.startswith(("STR", "REF"))]
    assert findings == []
