"""`fwdoc publish framework --format html` on the real NOMS source: the seed's words survive
(recall >= 0.995, as for Markdown), and the same source gives the same bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.cli import main
from tests.recall import missing, recall, seed_words, words

THRESHOLD = 0.995


def visible_text(html: str) -> str:
    """The page's text as a reader sees it: no stylesheet, no rules drawer, no contents list."""
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.DOTALL)
    html = re.sub(r"<details class=\"fw-rules\">.*?</details>", " ", html, flags=re.DOTALL)
    html = re.sub(r"<nav class=\"fw-contents\".*?</nav>", " ", html, flags=re.DOTALL)
    return html


@pytest.fixture(scope="module")
def published(framework_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("publish") / "framework.html"
    assert main(["publish", str(framework_dir), "--format", "html", "--output", str(out)]) == 0
    return out


def test_html_publication_recall(published: Path) -> None:
    seed = seed_words()
    page = words(visible_text(published.read_text(encoding="utf-8")))
    score = recall(seed, page)
    gaps = "\n".join(missing(seed, page)[:25])
    assert score >= THRESHOLD, f"word recall {score:.4f} < {THRESHOLD}; missing passages:\n{gaps}"


def test_html_publication_is_deterministic(framework_dir: Path, published: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.html"
    assert main(["publish", str(framework_dir), "--format", "html", "--output", str(again)]) == 0
    assert again.read_bytes() == published.read_bytes()


def test_annex_f_table_has_header_cells_and_caption(published: Path) -> None:
    html = published.read_text(encoding="utf-8")
    annex_f = html.split('id="annex-f"')[1].split('id="annex-g"')[0]
    table = annex_f.split("<table", 1)[1].split("</table>", 1)[0]
    assert "<caption>" in table
    assert table.count('<th scope="col">') == 3
    assert table.count("<tr>") >= 7


def test_headings_never_skip_a_level_and_tables_have_captions(published: Path) -> None:
    html = published.read_text(encoding="utf-8")
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"a heading jumps from h{before} to h{after}"
    tables = re.findall(r"<table.*?</table>", html, flags=re.DOTALL)
    assert tables
    for table in tables:
        assert "<caption>" in table and "<th scope=" in table, table[:200]
