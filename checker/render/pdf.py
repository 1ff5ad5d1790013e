"""The document as a tagged A4 PDF: the HTML publication printed through WeasyPrint.

The print rules of the stylesheet give the cover, the contents page with page numbers,
running headers, "Page n of m" footers and the outline (bookmarks).  Metadata comes from the
manifest (title, author = publisher, language, dates) and the file identifier from a hash of
the page, so the same source gives the same bytes: nothing reads the clock.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Iterator
from typing import Any

from checker.model import Document
from checker.render.html import publish_html

PDF_VARIANT = "pdf/ua-1"  # tagged, so that screen readers can follow it


def html_to_pdf(html: str) -> bytes:
    """Print an HTML publication to PDF bytes, deterministically."""
    import weasyprint  # heavy: imported only when a PDF is built

    # WeasyPrint logs every CSS property it ignores; the stylesheet is ours and tested
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")

    def no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
        raise ValueError(f"the publication fetches nothing; refused {url}")

    document = weasyprint.HTML(string=html, url_fetcher=no_fetch, base_url=None)
    with _page_references_kept():
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier,
                                 finisher=_open_with_outline)
    assert isinstance(pdf, bytes)
    return pdf


@contextlib.contextmanager
def _page_references_kept() -> Iterator[None]:
    """pydyf builds the tuple of every page's reference anew on each read of
    `PDF.page_references`, and WeasyPrint reads it once a tagged element and a link: quadratic
    in pages (9% of a 200-page PDF).  While one PDF is written, keep the tuple until a page is
    added.  The bytes are the same (a test compares them)."""
    import pydyf

    original = pydyf.PDF.page_references

    def kept(pdf: Any) -> Any:
        kids = pdf.pages["Kids"]
        cached = pdf.__dict__.get("_fwdoc_page_references")
        if cached is None or cached[0] != len(kids):
            cached = pdf.__dict__["_fwdoc_page_references"] = (len(kids), original.fget(pdf))
        return cached[1]

    pydyf.PDF.page_references = property(kept)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


def _open_with_outline(_document: object, pdf: Any) -> None:
    """Open the PDF with its bookmarks showing (PDF 32000-1, 7.7.2: /PageMode /UseOutlines).

    WeasyPrint has no option for the page mode; its `finisher` hook edits the catalog just
    before the trailer is written, so the bytes stay one deterministic write."""
    import pydyf

    if "Outlines" in pdf.catalog:
        pdf.catalog["PageMode"] = pydyf.name("UseOutlines")


def publish_pdf(document: Document) -> bytes:
    return html_to_pdf(publish_html(document, medium="print"))
