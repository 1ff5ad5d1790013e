"""Prose to safe HTML: raw markup stays text, cross-references and glossary terms are linked
on text nodes only, tables get captions and header cells."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker.loader import load_document
from checker.model import Clause, Document
from checker.render.prose import render_clause_body, render_markdown

DOC = Path(__file__).parent / "fixtures" / "render" / "doc"


@pytest.fixture(scope="module")
def doc() -> Document:
    result = load_document(DOC)
    assert result.document is not None and not result.errors
    return result.document


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<b style="color:red" onclick="alert(1)">bold</b>',
    "<iframe src=https://example.org></iframe>",
    "![img](https://example.org/x.png)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<svg onload=alert(1)>",
    '<div>\n\n<script>alert(1)</script>\n\n</div>',
    "`<script>` see 1.1.1",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markup_is_inert(doc: Document, source: str) -> None:
    html = str(render_markdown(source, doc))
    for tag, attrs in parse(html).tags:
        assert tag in {"p", "a", "code", "abbr"}, (tag, html)
        assert not any(name.startswith("on") or name == "style" for name in attrs), html
        href = attrs.get("href") or ""
        assert href.startswith(("#", "https:")) or not href, html
        assert "javascript" not in href.lower() and "data:" not in href
        assert "example.org" not in href or tag == "a"
    assert "<script" not in html and "<img" not in html and "<iframe" not in html


def test_raw_html_is_shown_as_text(doc: Document) -> None:
    html = str(render_markdown("Say <script>alert(1)</script> & <b>hi</b>", doc))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;" in html
    assert "".join(parse(html).text).strip() == "Say <script>alert(1)</script> & <b>hi</b>"


@pytest.mark.parametrize("source, href, label", [
    ("as set out in section 1.1.1.", "#clause-1-1-1", "section 1.1.1"),
    ("(see 1.1.2)", "#clause-1-1-2", "see 1.1.2"),
    ("listed at Annex A.", "#annex-a", "Annex A"),
    ("in Annex A paragraph 1", "#clause-a-1", "Annex A paragraph 1"),
    ("see **Annex B** now", "#annex-b", "Annex B"),
])
def test_cross_references_become_links(doc: Document, source: str, href: str, label: str) -> None:
    tags = parse(str(render_markdown(source, doc)))
    links = [attrs for tag, attrs in tags.tags if tag == "a" and "fw-xref" in (attrs.get("class") or "")]
    assert [a["href"] for a in links] == [href]
    assert label in "".join(tags.text)


def test_unknown_targets_stay_text(doc: Document) -> None:
    html = str(render_markdown("see 9.9.9 and Annex Q", doc))
    assert "<a" not in html


def test_references_in_code_and_links_are_left_alone(doc: Document) -> None:
    html = str(render_markdown("`see 1.1.1` and [see 1.1.2](https://example.org/)", doc))
    assert html.count("<a") == 1
    assert 'href="https://example.org/"' in html


def test_link_function_gives_the_address(doc: Document) -> None:
    def link(clause: Clause) -> str:
        return f"../{clause.part}/#{clause.anchor}"

    html = str(render_markdown("see 1.1.1 and the CEO", doc, "foreword", link))
    assert 'href="../governance/#clause-1-1-1"' in html
    assert 'href="../glossary/#glossary-ceo"' in html


def test_glossary_terms_first_use_per_clause(doc: Document) -> None:
    html = str(render_clause_body(doc.clauses["permanent-secretary"], doc))
    assert html.count('<abbr title="Human Resources">') == 1
    assert '<abbr title="Human Resources"><a class="fw-term" href="#glossary-hr">HR</a></abbr>' in html


def test_glossary_terms_are_whole_words(doc: Document) -> None:
    html = str(render_markdown("HRM and CHR are not terms, HR is.", doc))
    assert html.count("<abbr") == 1


def test_glossary_part_does_not_link_to_itself(doc: Document) -> None:
    assert "<abbr" not in str(render_markdown("HR", doc, "glossary"))


def test_items_and_table(doc: Document) -> None:
    html = str(render_clause_body(doc.clauses["functions-table"], doc))
    tags = parse(html)
    names = [t for t, _ in tags.tags]
    assert names.count("caption") == 1
    assert [a.get("scope") for t, a in tags.tags if t == "th"] == ["col", "col", "col"]
    assert names.count("tr") == 3
    assert "<ul>" in html  # a list inside a cell stays a list
    items = str(render_clause_body(doc.clauses["accountabilities"], doc))
    assert '<ul class="fw-list"><li>The Chief Executive reports' in items


def test_markdown_table_in_prose_gets_header_scope(doc: Document) -> None:
    html = str(render_markdown("| a | b |\n|:-|-:|\n| 1 | 2 |", doc))
    assert '<th scope="col" class="fw-align-left">a</th>' in html
    assert "style=" not in html


def test_headings_in_prose_do_not_become_headings(doc: Document) -> None:
    html = str(render_markdown("# Not a heading\n\nText", doc))
    assert "<h1" not in html and "# Not a heading" in html
