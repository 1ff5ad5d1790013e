"""List items print the markers the numbering scheme declares, in every output.

A document whose lists are printed "(a)", "(b)" says so in its manifest
(`numbering: {scheme: flat, items: [letters, roman]}`); a document that says nothing keeps
bullet lists.  The publication (HTML, Markdown, PDF) and the site show the same markers.
"""

from __future__ import annotations

import io
import re
import shutil
from html import unescape
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.loader import load_document
from checker.model import Document
from checker.numbering import item_marker, scheme_from
from checker.render.html import publish_html
from checker.render.markdown import publish_markdown

SHAPES = Path(__file__).parent / "fixtures" / "shapes"
ITEMS = ["the Office's budget", "its staffing plan", "the annual report"]


def _document(tmp_path: Path, items_style: list[str] | None) -> Document:
    root = tmp_path / "doc"
    shutil.copytree(SHAPES / "flat", root)
    manifest = yaml.safe_load((root / "manifest.yaml").read_text(encoding="utf-8"))
    if items_style is not None:
        manifest["numbering"] = {"scheme": "flat", "items": items_style}
    (root / "manifest.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    part = yaml.safe_load((root / "parts" / "governance.yaml").read_text(encoding="utf-8"))
    part["clauses"][0]["items"] = ITEMS
    (root / "parts" / "governance.yaml").write_text(yaml.safe_dump(part, sort_keys=False), encoding="utf-8")
    loaded = load_document(root)
    assert loaded.document is not None, [f.message for f in loaded.findings]
    return loaded.document


def test_lettered_items_in_html_and_markdown(tmp_path: Path) -> None:
    document = _document(tmp_path, ["letters", "roman"])
    html = publish_html(document)
    got = re.findall(r'<li><span class="fw-marker">(\(\w+\))</span> ([^<]*)</li>', html)
    assert [(m, unescape(t)) for m, t in got] == list(zip(("(a)", "(b)", "(c)"), ITEMS, strict=True))
    markdown = publish_markdown(document)
    for marker, item in zip(("(a)", "(b)", "(c)"), ITEMS, strict=True):
        assert f"\n{marker} {item}\n" in markdown
        assert f"- {item}" not in markdown


def test_default_scheme_keeps_bullets(tmp_path: Path) -> None:
    document = _document(tmp_path, None)
    html = publish_html(document)
    assert 'class="fw-marker"' not in html and '<ul class="fw-list">' in html
    assert f"- {ITEMS[0]}" in publish_markdown(document)


def test_numbered_items(tmp_path: Path) -> None:
    document = _document(tmp_path, ["numbers"])
    assert '<span class="fw-marker">(3)</span> the annual report' in publish_html(document)


def test_site_page_prints_the_markers(tmp_path: Path) -> None:
    from checker.render.prose import render_clause_body

    document = _document(tmp_path, ["roman"])
    clause = next(c for c in document.clauses.values() if c.items)
    body = str(render_clause_body(clause, document, lambda c: f"/{c.id}/"))
    assert [m for m in re.findall(r'fw-marker">([^<]*)<', body)] == ["(i)", "(ii)", "(iii)"]


def test_pdf_prints_the_markers(tmp_path: Path) -> None:
    import pypdf  # a test dependency (pyproject's test extra): never skipped

    from checker.render.pdf import publish_pdf

    document = _document(tmp_path, ["letters"])
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(publish_pdf(document))).pages)
    text = " ".join(text.split())
    assert "(a) the Office" in text and "(b) its staffing plan" in text and "(c) the annual report" in text


def test_unknown_item_style_is_rejected(tmp_path: Path) -> None:
    root = tmp_path / "doc"
    shutil.copytree(SHAPES / "flat", root)
    manifest = yaml.safe_load((root / "manifest.yaml").read_text(encoding="utf-8"))
    manifest["numbering"] = {"scheme": "flat", "items": ["asterisks"]}
    (root / "manifest.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    loaded = load_document(root)
    messages = [f.message for f in loaded.findings if f.location.file == "manifest.yaml"]
    assert any("'asterisks' is not allowed" in m and "'letters'" in m for m in messages), messages


@settings(max_examples=60)
@given(st.lists(st.sampled_from(["bullets", "letters", "roman", "numbers"]), min_size=1, max_size=3),
       st.integers(min_value=1, max_value=300), st.integers(min_value=0, max_value=4))
def test_markers_are_printed_ordinals(styles: list[str], index: int, depth: int) -> None:
    scheme, problem = scheme_from({"scheme": "flat", "items": styles})
    assert problem is None
    marker = item_marker(index, depth, scheme)
    style = styles[min(depth, len(styles) - 1)]
    if style == "bullets":
        assert marker is None
    else:
        assert marker is not None and re.fullmatch(r"\([a-z0-9]+\)", marker)
        assert marker == f"({index})" if style == "numbers" else marker.islower()
