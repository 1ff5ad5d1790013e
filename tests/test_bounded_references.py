"""Bounded work found by the robustness audit: cross-references and repeated quotes.

A clause of 60,000 cross-references once took minutes (every new span was tested against
every span taken before it), and one quote cited with thousands of occurrence numbers was
searched for, and its hits copied, once per citation.  Both are tested by shape (the span
index against a plain list; one search per distinct quote) and by a generous time bound.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from checker.loader import load_document
from checker.sentences import QuoteIndex
from checker.xrefs import Spans, find_references

MINIMAL = Path(__file__).parent / "fixtures" / "docs" / "minimal"


def _plain_free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in taken)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=40))
def test_the_span_index_answers_as_a_list_of_every_span_does(candidates: list[tuple[int, int]]) -> None:
    spans, taken = Spans(), []
    for start, length in candidates:
        end = start + length
        assert spans.free(start, end) == _plain_free(taken, start, end)
        if _plain_free(taken, start, end):  # only free spans are taken, as find_references does
            spans.add(start, end)
            taken.append((start, end))


def test_references_are_found_as_before_in_order_without_overlaps() -> None:
    text = "See 2.1.3 and 2.1.4, Annex C paragraph 2, sections 4 and 5 of the Prison Act 1952, paragraph 7."
    refs = find_references(text)
    assert [r.target for r in refs] == ["2.1.3", "2.1.4", "C.2", "Prison Act 1952", "7"]
    assert all(a.end <= b.start for a, b in zip(refs, refs[1:]))


def test_sixty_thousand_references_in_one_clause_are_found_in_seconds() -> None:
    text = " ".join(f"See section {i % 50}.{i % 7}.{i % 3} and paragraph {i}." for i in range(60000))
    started = time.perf_counter()
    refs = find_references(text)
    assert len(refs) > 60000  # every "section" reference, and the paragraph numbers the pattern reads
    assert time.perf_counter() - started < 20  # about 1 s; the list of spans took minutes


def test_one_quote_is_searched_for_once_however_often_it_is_cited(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    texts = [f"the agency must report item {i}" for i in range(200)]
    index = QuoteIndex(texts)
    calls: list[str] = []
    real = QuoteIndex._containing
    monkeypatch.setattr(QuoteIndex, "_containing", lambda self, wanted: calls.append(wanted) or real(self, wanted))
    for _ in range(50):
        assert index.containing("must report") == list(range(200))
    assert calls == ["must report"]


def test_a_quote_cited_thousands_of_times_checks_in_seconds(tmp_path: Path) -> None:
    doc = tmp_path / "doc"
    shutil.copytree(MINIMAL, doc)
    sentences = " ".join(f"The Agency must report item {i}." for i in range(4000))
    rules = "".join(f'      "must report" ({n}):\n        informal "one of many"\n' for n in range(1, 4001))
    (doc / "parts" / "governance.yaml").write_text(
        "id: governance\nkind: section\ntitle: Governance\nclauses:\n  - id: c\n    text: |\n      "
        + sentences + "\n    rules: |\n" + rules, encoding="utf-8")
    started = time.perf_counter()
    result = load_document(doc)
    assert time.perf_counter() - started < 30  # about 2 s; 9 s before, growing with the square
    bad = [f for f in result.findings if f.code == "COV003"]
    assert bad == [], bad[:3]
