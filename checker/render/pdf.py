"""The document as a tagged A4 PDF: the HTML publication printed through WeasyPrint.

The print rules of the stylesheet give the cover, the contents page with page numbers,
running headers, "Page n of m" footers and the outline (bookmarks).  Metadata comes from the
manifest (title, author = publisher, language, dates) and the file identifier from a hash of
the page, so the same source gives the same bytes: nothing reads the clock.
"""

from __future__ import annotations

import hashlib
import logging

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
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier)
    assert isinstance(pdf, bytes)
    return pdf


def publish_pdf(document: Document) -> bytes:
    return html_to_pdf(publish_html(document))
