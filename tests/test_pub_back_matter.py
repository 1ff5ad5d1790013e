"""The back matter (copyright, licence, availability, enquiries) from the manifest, in the
HTML and Markdown publications; hostile back-matter text stays text in both; the manifest
schema refuses what it does not know with the place named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from checker.loader import load_document
from checker.model import Document
from checker.render.backmatter import addresses, back_matter
from checker.render.html import linked_text, publish_html
from checker.render.markdown import publish_markdown
from tests.test_render_prose import Tags

DOC = Path(__file__).parent / "fixtures" / "render" / "doc"
MD = MarkdownIt("commonmark", {"html": True})
OGL = ("This publication is licensed under the terms of the Open Government Licence v3.0 "
       "except where otherwise stated.")


def with_back_matter(tmp_path: Path, back: object) -> Path:
    folder = tmp_path / "doc"
    shutil.copytree(DOC, folder)
    manifest = yaml.safe_load((folder / "manifest.yaml").read_text(encoding="utf-8"))
    manifest["back_matter"] = back
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    return folder


def load(folder: Path) -> Document:
    result = load_document(folder)
    assert result.document is not None and not result.errors, [str(f.message) for f in result.findings]
    return result.document


def parsed(html: str) -> Tags:
    # the tag collector tests/test_render_prose.py already has, closed so trailing text counts
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser


def test_a_gov_uk_back_matter_in_every_format(tmp_path: Path) -> None:
    document = load(with_back_matter(tmp_path, {
        "copyright": "Crown copyright",
        "licence": OGL,
        "licence_url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "available_at": "This publication is available at https://www.gov.uk/government/publications/example.",
        "enquiries": "Any enquiries regarding this publication should be sent to us at enquiries@example.gov.uk.",
    }))
    lines = back_matter(document)
    # the copyright line gains the publication's year when it names none
    assert lines[0] == "\u00a9 Crown copyright 2020"
    assert lines[1] == OGL and lines[2].endswith("open-government-licence/version/3/")

    html = publish_html(document)
    section = html.split('class="fw-part fw-back-matter"')[1].split("</section>")[0]
    links = [a["href"] for tag, a in parsed(section).tags if tag == "a"]
    assert links == ["https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
                     "https://www.gov.uk/government/publications/example",
                     "mailto:enquiries@example.gov.uk"]
    assert html.index("fw-part fw-back-matter") > html.index('id="amendment-history"')

    markdown = publish_markdown(document)
    tail = markdown.split("## Amendment history")[1]
    assert "\u00a9 Crown copyright 2020" in tail
    rendered = MD.render(tail)
    assert 'href="https://www.gov.uk/government/publications/example"' in rendered
    assert 'href="mailto:enquiries@example.gov.uk"' in rendered
    assert "available at <a href" in rendered  # the space before the address is kept


def test_no_back_matter_without_the_key() -> None:
    document = load(DOC)
    assert back_matter(document) == []
    assert "fw-back-matter" not in publish_html(document).split("</style>")[1]


def test_a_year_in_the_copyright_line_is_kept_and_the_sign_not_doubled(tmp_path: Path) -> None:
    document = load(with_back_matter(tmp_path, {"copyright": "\u00a9 Department of Examples 2019"}))
    assert back_matter(document) == ["\u00a9 Department of Examples 2019"]


@pytest.mark.parametrize("back, where", [
    ({"copyright": "x", "license": "y"}, "license"),  # a misspelt key
    ({"licence_url": "javascript:alert(1)"}, "licence_url"),
    ({"copyright": ""}, "copyright"),
    ("Crown copyright", "back_matter"),
])
def test_the_schema_refuses_what_it_does_not_know(tmp_path: Path, back: object, where: str) -> None:
    result = load_document(with_back_matter(tmp_path, back))
    errors = [f for f in result.findings if f.severity.name == "ERROR"]
    assert errors, "accepted"
    assert any(e.location.file == "manifest.yaml" and e.location.line > 0 and where in e.message
               for e in errors), [(e.location, e.message) for e in errors]


TEXT = st.lists(st.sampled_from(list("ab <>&\"'`*_[]()#|\\@.:/") + [
    "https://", "http://x.y", "mailto:", "javascript:", "a@b.c", "\u202e", "\n"]), max_size=20).map("".join)


@given(TEXT)
def test_back_matter_html_is_the_text_with_only_safe_links(text: str) -> None:
    page = parsed(str(linked_text(text)))
    assert "".join(page.text) == text
    for tag, attrs in page.tags:
        assert tag == "a" and set(attrs) == {"href"}
        href = attrs["href"] or ""
        assert href.startswith(("http://", "https://", "mailto:")), href
    assert "".join(piece for piece, _ in addresses(text)) == text


@given(TEXT)
@example("https://mailto::'")  # found by this test: a port that is not digits
@example("https://@")  # found by this test: an address with nothing but '@' after the scheme
@example("see https://a@b.example and https://x.")
@example("a@b.c_")  # found in CI: CommonMark reads no underscore in a domain
@example("é@b.example x@-b.example a@b-.example")
def test_back_matter_markdown_reads_back_as_the_text(text: str) -> None:
    from checker.render.markdown import _linked_line

    source = _linked_line(text)
    tokens = MD.parseInline(source)[0].children if source else []
    kinds = {t.type for t in tokens or []}
    assert kinds <= {"text", "link_open", "link_close", "softbreak"}, (source, kinds)
    hrefs = [t.attrGet("href") for t in tokens or [] if t.type == "link_open"]
    assert all(str(h).startswith(("http://", "https://", "mailto:")) for h in hrefs)
    shown = "".join(t.content for t in tokens or [] if t.type == "text")
    # what a reader sees is the text, whitespace runs as one space (hidden characters shown)
    assert " ".join(shown.replace("\u200b", "").split()) == " ".join(
        text.replace("\u202e", "\\u202e").split()), source
