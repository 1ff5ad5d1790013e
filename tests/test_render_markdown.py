"""The Markdown publication's structure, on the small fixture document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.loader import load_document
from checker.render.markdown import publish_markdown

DOC = Path(__file__).parent / "fixtures" / "render" / "doc"


@pytest.fixture(scope="module")
def markdown() -> str:
    result = load_document(DOC)
    assert result.document is not None and not result.errors
    return publish_markdown(result.document)


def test_title_block(markdown: str) -> None:
    assert markdown.startswith("# Example Agency Framework Document\n\nPublished by: Department of Examples  \n")
    assert "Published: 15 March 2020" in markdown
    assert "Review by: 31 March 2023" in markdown


def test_numbered_headings_in_order(markdown: str) -> None:
    headings = re.findall(r"^(#+) (.*)$", markdown, re.MULTILINE)
    assert headings == [
        ("#", "Example Agency Framework Document"),
        ("##", "Foreword"),
        ("##", "Introduction"),
        ("##", "1. Governance and Accountability"),
        ("###", "1.1 Roles"),
        ("####", "1.1.1 The Secretary of State"),
        ("####", "1.1.2 The Permanent Secretary"),
        ("####", "Accountabilities"),
        ("###", "1.2 Planning"),
        ("###", "1.3 Amending this document"),
        ("##", "2. Untrusted Prose"),
        ("###", "2.1 A clause with hostile markup"),
        ("##", "Glossary"),
        ("##", "Annex A: Delegations \u2013 Financial delegations to the Chief Executive"),
        ("##", "Annex B: Functions \u2013 Who does what"),
        ("###", "B.1 Table of functions"),
        ("##", "Amendment history"),
    ]


def test_signatory_follows_the_foreword(markdown: str) -> None:
    foreword = markdown.split("## Introduction")[0]
    assert "**A. N. Other**  \nSecretary of State for Examples" in foreword
    # the manifest's `signature` is an image's alt text: with no image it is not printed
    assert "handwritten signature" not in markdown


def test_untitled_paragraph_is_numbered(markdown: str) -> None:
    assert "**A.1**\n\nThe Chief Executive may approve spending" in markdown


def test_items_glossary_and_tables(markdown: str) -> None:
    assert "- The Chief Executive reports to the Permanent Secretary." in markdown
    assert "| Term | Meaning |\n| --- | --- |\n| CEO | Chief Executive Officer |" in markdown
    # a table whose cells hold lists is an HTML table with a caption and header cells
    assert "<caption>Functions of the Department and the Agency</caption>" in markdown
    assert '<th scope="col">What the Agency does</th>' in markdown
    assert "<li>allocates funds</li>" in markdown
    # a table with markup the HTML publication refuses is that publication's sanitised table
    assert "<caption>A table with &lt;script&gt;window.fwdocPwned = 6;&lt;/script&gt; in it</caption>" in markdown


def test_prose_is_kept_as_written(markdown: str) -> None:
    assert "1. the first step, a plan\n2. the second step, a report" in markdown


def test_hostile_prose_is_published_as_the_html_publication_shows_it(markdown: str) -> None:
    """Raw HTML, event handlers and javascript: links in prose are text, never markup: the
    clause is the sanitised HTML of the HTML publication, on one line (one HTML block)."""
    from html.parser import HTMLParser

    from markdown_it import MarkdownIt

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[tuple[str, list[str]]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.seen.append((tag, [name for name, _ in attrs]))

    tags = Tags()
    tags.feed(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))
    assert not {tag for tag, _ in tags.seen} & {"script", "img", "i", "b", "iframe", "style"}
    assert not [name for _, names in tags.seen for name in names if name.startswith("on") or name == "style"]
    hostile = markdown.split("### 2.1 A clause with hostile markup\n\n", 1)[1].split("\n\n", 1)[0]
    assert hostile.startswith("<div><p>Raw markup stays text: &lt;script&gt;window.fwdocPwned = 1;")
    assert "\n" not in hostile
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    links = [c.attrGet("href") for t in tokens for c in (t.children or []) if c.type == "link_open"]
    assert not any(str(href).startswith("javascript") for href in links)
    assert not [t for t in tokens for c in (t.children or []) if c.type in ("image", "html_inline")]


def test_history_is_empty(markdown: str) -> None:
    assert markdown.endswith("## Amendment history\n\nNo amendments have been made to this document since it was published.\n")


def test_deterministic() -> None:
    result = load_document(DOC)
    assert result.document is not None
    assert publish_markdown(result.document) == publish_markdown(load_document(DOC).document)  # type: ignore[arg-type]
