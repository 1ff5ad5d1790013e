"""`fwdoc publish framework --format pdf` on the real NOMS source: tagged A4, the seed's words
in `pdftotext` (recall >= 0.995), an outline entry for every part and clause, the same bytes
twice."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from checker.cli import main
from checker.loader import load_document
from tests.recall import missing, recall, seed_words, words
from tests.test_render_pdf import outline, pdfinfo, poppler

THRESHOLD = 0.995
IN_ORDER = 0.985


@pytest.fixture(scope="module")
def published(framework_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("publish") / "framework.pdf"
    assert main(["publish", str(framework_dir), "--format", "pdf", "--output", str(out)]) == 0
    return out


def test_pdf_is_tagged_a4(published: Path) -> None:
    info = pdfinfo(published)
    assert info["Tagged"] == "yes" and "(A4)" in info["Page size"]
    assert info["Author"] and info["Title"]


def test_pdf_publication_recall(published: Path) -> None:
    seed = seed_words()
    # -raw: the words in the order the page draws them, so that a table's cells are read one
    # after another instead of line by line across the columns
    text = words(poppler("pdftotext", "-raw", str(published), "-"))
    # nothing dropped: the seed's words are there as often as in the seed
    lost = Counter(seed) - Counter(text)
    assert sum(lost.values()) <= (1 - THRESHOLD) * len(seed), lost.most_common(20)
    # and in order, but for a table row split across pages: each page draws its part of every
    # cell of the row, so the row's columns interleave in drawing order (Annex F)
    score = recall(seed, text)
    gaps = "\n".join(missing(seed, text)[:25])
    assert score >= IN_ORDER, f"word recall {score:.4f} < {IN_ORDER}; missing passages:\n{gaps}"


def test_outline_has_every_part_and_clause(framework_dir: Path, published: Path) -> None:
    document = load_document(framework_dir).document
    assert document is not None
    titles = outline(published)
    # + the contents, the amendment history and the back matter
    assert len(titles) == len(document.clauses) + 3
    assert sum(1 for depth, _ in titles if depth == 1) == len(document.parts) + 3


def test_pdf_publication_is_deterministic(framework_dir: Path, published: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    assert main(["publish", str(framework_dir), "--format", "pdf", "--output", str(again)]) == 0
    assert again.read_bytes() == published.read_bytes()
