"""The Markdown publication of the real framework/ keeps the seed's words.

At least 99.5% of the seed's words, from the foreword heading to the end of Annex H, appear
in order in `fwdoc publish framework --format md` (the cover, contents list and "Notes"
pages excepted; see recall.py).  This runs on the real source, so it fails until the whole
NOMS document is encoded.
"""

from __future__ import annotations

from pathlib import Path

from checker.cli import main
from tests.recall import missing, recall, seed_words, words

THRESHOLD = 0.995


def test_markdown_publication_recall(framework_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "framework.md"
    status = main(["publish", str(framework_dir), "--format", "md", "--output", str(out)])
    assert status == 0, "fwdoc publish --format md failed (see stderr above)"
    seed, published = seed_words(), words(out.read_text(encoding="utf-8"))
    score = recall(seed, published)
    gaps = "\n".join(missing(seed, published)[:25])
    assert score >= THRESHOLD, f"word recall {score:.4f} < {THRESHOLD}; missing passages:\n{gaps}"


def test_recall_function_notices_a_missing_passage() -> None:
    seed = words("one two three four five six seven eight nine ten")
    assert recall(seed, seed) == 1.0
    assert recall(seed, words("one two three seven eight nine ten")) == 0.7
    assert recall(seed, words("ten nine eight seven six five four three two one")) == 0.1
    assert missing(seed, words("one two six seven eight nine ten")) == ["... one two [three four five]"]


def test_seed_body_starts_at_the_foreword_and_skips_the_contents() -> None:
    seed = seed_words()
    assert seed[:3] == ["foreword", "from", "the"]
    assert seed[-4:] == ["as", "head", "of", "profession"]
    assert "notes" not in seed[:5]
