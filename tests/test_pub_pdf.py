"""The NOMS PDF read back with pypdf, as a reader sees its pages.

Page fill is measured from the text layout: pypdf's text visitor gives each piece of text its
baseline; a page's fill is the distance from the top of the content area (inside the page
margins, so the running header and the footer do not count) down to its lowest baseline, as a
fraction of the content area's height.  A page may be less than a third full only when the next
page starts a part (a bookmark of level 1) or when it is the last page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from checker.loader import load_document
from checker.render.backmatter import back_matter
from checker.render.pdf import publish_pdf

MM = 72 / 25.4
# the print stylesheet's @page margins: 22 mm top, 20 mm bottom, on A4 (297 mm)
CONTENT_TOP = (297 - 22) * MM
CONTENT_BOTTOM = 20 * MM


@dataclass(frozen=True)
class Text:
    text: str
    y: float  # baseline, points from the foot of the page
    size: float  # effective font size in points


@dataclass(frozen=True)
class Mark:
    level: int
    title: str
    page: int  # 0-based
    top: float


def page_texts(page: Any) -> list[Text]:
    texts: list[Text] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            texts.append(Text(text, y, abs(size * tm[3] * cm[3])))

    page.extract_text(visitor_text=visit)
    return texts


def body(texts: list[Text]) -> list[Text]:
    """The text inside the content area (not the running header or the page footer)."""
    return [t for t in texts if CONTENT_BOTTOM - 1 < t.y < CONTENT_TOP + 1]


def fill(texts: list[Text]) -> float:
    lowest = min((t.y for t in body(texts)), default=CONTENT_TOP)
    return (CONTENT_TOP - lowest) / (CONTENT_TOP - CONTENT_BOTTOM)


def marks(reader: Any) -> Iterator[Mark]:
    def walk(items: list[Any], level: int) -> Iterator[Mark]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item, level + 1)
            else:
                yield Mark(level, str(item.title), reader.get_destination_page_number(item),
                           float(item.top))

    yield from walk(reader.outline, 1)


@pytest.fixture(scope="module")
def noms(framework_dir: Path) -> Any:
    result = load_document(framework_dir)
    assert result.document is not None
    return result.document


@pytest.fixture(scope="module")
def reader(noms: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from pypdf import PdfReader

    path = tmp_path_factory.mktemp("pdf") / "framework.pdf"
    path.write_bytes(publish_pdf(noms))
    return PdfReader(str(path))


@pytest.fixture(scope="module")
def pages(reader: Any) -> list[list[Text]]:
    return [page_texts(page) for page in reader.pages]


def test_no_page_less_than_a_third_full_except_before_a_part(reader: Any, pages: list[list[Text]]) -> None:
    part_starts = {m.page for m in marks(reader) if m.level == 1}
    assert len(part_starts) >= 15
    last = len(pages) - 1
    thin = [(n + 1, round(fill(texts), 2)) for n, texts in enumerate(pages)
            if n != last and n + 1 not in part_starts and fill(texts) < 1 / 3]
    assert thin == []


def test_the_fill_measure_sees_a_thin_page(pages: list[list[Text]]) -> None:
    # the measure itself: a full page of prose reads nearly full, a page with one line not
    fills = [fill(texts) for texts in pages]
    assert max(fills) > 0.9
    one_line = [Text("x", CONTENT_TOP - 20, 10.5)]
    assert fill(one_line) < 0.05


def test_pages_inside_a_part_are_well_filled(reader: Any, pages: list[list[Text]]) -> None:
    # stronger than the third: a table's rows split across pages, so a page that does not end
    # a part is more than half full (a table whose rows never split left pages of 0.46-0.58)
    part_starts = {m.page for m in marks(reader) if m.level == 1}
    short = [(n + 1, round(fill(texts), 2)) for n, texts in enumerate(pages[:-1])
             if n + 1 not in part_starts and fill(texts) < 0.6]
    assert short == []


def words(text: str) -> str:
    return " ".join(text.split()).casefold()


def furniture(document: Any) -> list[str]:
    """Table captions and header cells: what must not stand alone below a heading."""
    found = ["glossary: terms and their meanings term meaning",
             "amendments to this document, oldest first"]
    for clause in document.clauses.values():
        if clause.table is not None:
            found.append(words(" ".join([clause.table.caption or "",
                                         *(title for _, title in clause.table.columns)])))
    return found


def test_every_heading_has_its_content_below_it_on_its_page(
        noms: Any, reader: Any, pages: list[list[Text]]) -> None:
    # a bookmark points at the top of its part or clause and is titled with its heading (or
    # number): below that top, on the same page, there must be text that is neither the heading
    # nor a table's caption or header row: never a heading, a paragraph number or a caption
    # alone at the foot of a page with the text it introduces on the next
    others = furniture(noms)
    alone = []
    checked = 0
    for mark in marks(reader):
        if mark.title == "Contents":
            continue
        title = words(mark.title)
        below = [t for t in body(pages[mark.page]) if t.y < mark.top and words(t.text) not in title
                 and not any(words(t.text) in other for other in others)]
        checked += 1
        if not below:
            alone.append((mark.page + 1, mark.title))
    assert alone == [] and checked > 90


def test_opens_with_its_bookmarks_showing(reader: Any) -> None:
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert len(list(marks(reader))) > 90


def test_text_is_at_least_10_points(pages: list[list[Text]]) -> None:
    small = {(n + 1, round(t.size, 1), t.text.strip()[:30]) for n, texts in enumerate(pages)
             for t in body(texts) if t.size < 9.95}
    assert small == set()


def test_tables_are_10_points(pages: list[list[Text]], reader: Any) -> None:
    annex_f = next(m.page for m in marks(reader) if m.title.startswith("Annex F"))
    sizes = {round(t.size, 1) for t in body(pages[annex_f + 1])}
    assert 10.0 in sizes and min(sizes) >= 10.0


def test_back_matter_is_on_the_last_page(noms: Any, pages: list[list[Text]]) -> None:
    lines = back_matter(noms)
    assert lines[0] == "\u00a9 Crown copyright 2008"
    last = " ".join(t.text for t in pages[-1])
    before = " ".join(t.text for texts in pages[:-1] for t in texts)
    for line in lines:
        words = " ".join(line.split()[:6])
        assert words in " ".join(last.split())
        assert words not in " ".join(before.split())


def test_the_signature_description_is_not_printed(noms: Any, pages: list[list[Text]]) -> None:
    description = noms.manifest.signatory["signature"]
    everything = " ".join(" ".join(t.text for t in texts) for texts in pages)
    assert "Jack Straw".upper() in everything.upper()
    assert description.split(",")[0] not in " ".join(everything.split())


def test_kept_page_references_change_no_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    import contextlib

    import pydyf

    from checker.render import pdf as pdf_module
    from checker.render.html import publish_html

    document = load_document(Path(__file__).parent / "fixtures" / "render" / "doc").document
    assert document is not None
    html = publish_html(document, medium="print")
    original = pydyf.PDF.page_references
    fast = pdf_module.html_to_pdf(html)
    assert pydyf.PDF.page_references is original  # put back after the write
    monkeypatch.setattr(pdf_module, "_page_references_kept", contextlib.nullcontext)
    assert pdf_module.html_to_pdf(html) == fast
