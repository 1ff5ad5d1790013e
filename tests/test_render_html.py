"""The HTML publication's structure and escaping, read back with an HTML parser.

(The page in a real browser, its links and axe-core: test_render_browser.py.)
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from checker.loader import load_document
from checker.model import Document
from checker.render.html import print_script, publish_html

DOC = Path(__file__).parent / "fixtures" / "render" / "doc"


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.stack: list[str] = []
        self.tables: list[dict[str, int]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "table":
            self.tables.append({"caption": 0, "th": 0})
        elif tag in ("caption", "th") and self.tables:
            self.tables[-1][tag] += 1
        if tag not in ("br", "meta", "link", "img", "hr", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "meta"):
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "style" not in self.stack:
            self.text.append(data)


@pytest.fixture(scope="module")
def doc() -> Document:
    result = load_document(DOC)
    assert result.document is not None and not result.errors
    return result.document


@pytest.fixture(scope="module")
def html(doc: Document) -> str:
    return publish_html(doc)


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    parsed = Page()
    parsed.feed(html)
    parsed.close()
    return parsed


def test_well_formed_with_unique_ids(page: Page) -> None:
    assert page.stack == []
    assert len(page.ids) == len(set(page.ids)), [i for i in page.ids if page.ids.count(i) > 1]


def test_language_title_and_skip_link(html: str, page: Page) -> None:
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert "<title>Example Agency Framework Document</title>" in html
    first_link = next(a for t, a in page.tags if t == "a")
    assert first_link == {"href": "#main-content", "class": "fw-skip-link"}
    assert "main-content" in page.ids


def test_metadata_from_the_manifest(html: str) -> None:
    assert '<meta name="author" content="Department of Examples">' in html
    assert '<meta name="dcterms.created" content="2020-03-15">' in html
    assert '<meta name="dcterms.modified" content="2020-03-15">' in html
    for label, value in [("Version", "1.2"), ("Published", "15 March 2020"), ("Status", "Published"),
                         ("Review by", "31 March 2023")]:
        assert f"<dt>{label}</dt><dd>{value}</dd>" in html


def test_headings_never_skip_a_level(page: Page) -> None:
    levels = [int(t[1]) for t, _ in page.tags if re.fullmatch(r"h[1-6]", t)]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels


def test_stable_anchors_with_self_links(page: Page) -> None:
    for anchor in ["foreword", "introduction", "section-1", "clause-1-1", "clause-1-1-1", "clause-1-1-2",
                   "accountabilities", "section-2", "glossary", "annex-a", "clause-a-1", "annex-b",
                   "clause-b-1", "glossary-ceo", "glossary-hr", "amendment-history"]:
        assert anchor in page.ids, anchor
    self_links = {a["href"] for t, a in page.tags if t == "a" and "fw-self" in (a.get("class") or "")}
    for anchor in ["foreword", "section-1", "clause-1-1-1", "accountabilities", "clause-a-1", "annex-b"]:
        assert f"#{anchor}" in self_links, anchor


def test_contents_list(html: str) -> None:
    contents = html.split('<nav class="fw-contents"')[1].split("</nav>")[0]
    hrefs = re.findall(r'href="#([^"]+)"', contents)
    assert hrefs == ["foreword", "introduction", "section-1", "clause-1-1", "clause-1-2", "clause-1-3",
                     "section-2", "clause-2-1", "glossary", "annex-a", "annex-b", "clause-b-1"]
    assert ">Annex B: Functions \u2013 Who does what</a>" in contents


def test_every_table_has_a_caption_and_header_cells(page: Page) -> None:
    assert len(page.tables) == 4  # hostile clause, functions, glossary, history
    for table in page.tables:
        assert table["caption"] == 1 and table["th"] >= 1, table


def test_rules_are_english_in_collapsed_details(html: str) -> None:
    block = html.split('id="clause-1-1-1"')[1].split('class="fw-clause"')[0]
    assert "<details class=\"fw-rules\">" in block and "<details open" not in html
    assert "The Secretary of State must approve the Corporate Plan each year, after the Permanent Secretary endorses it." in block
    assert "Not stated as a rule" in html.split('id="clause-1-1-2"')[1].split('class="fw-clause"')[0]


def test_hostile_prose_is_escaped(html: str, page: Page) -> None:
    # the one script of the page is fwdoc's print button, allowed by its hash in the CSP
    script, script_hash = print_script()
    assert f"script-src {escape(script_hash)}\"" in html
    body = html.split("</style>")[1].replace(f"<script>{script}</script>", "")
    assert "<script" not in body and "<img" not in body
    assert [t for t, _ in page.tags].count("script") == 1
    assert not any(t in ("img", "iframe", "i", "b") for t, _ in page.tags)
    assert not any(k.startswith("on") or k == "style" for _, a in page.tags for k in a)
    assert all("javascript:" not in (a.get("href") or "") for _, a in page.tags)
    text = "".join(page.text)
    assert "<script>window.fwdocPwned = 1;</script>" in text
    assert "[click me](javascript:window.fwdocPwned=3)" in text
    assert "<i onmouseover='window.fwdocPwned=7'>Column</i>" in text


def test_glossary_and_signatory(html: str) -> None:
    assert '<tr id="glossary-ceo"><th scope="row">CEO</th><td>Chief Executive Officer</td></tr>' in html
    assert "<p><strong>A. N. Other</strong><br>Secretary of State for Examples</p>" in html


def test_no_request_to_any_host(html: str) -> None:
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html


def test_print_stylesheet(html: str) -> None:
    assert "@media print" in html and "size: A4" in html
    assert 'counter(page) " of " counter(pages)' in html


def test_history_table_when_there_are_no_amendments(html: str) -> None:
    assert "No amendments have been made to this document since it was published." in html


def test_deterministic(doc: Document, html: str) -> None:
    again = load_document(DOC).document
    assert again is not None
    assert publish_html(again) == html
