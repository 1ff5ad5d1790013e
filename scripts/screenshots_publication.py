"""Retake the publication screenshots the README and docs/publication.md show
(docs/img/publication-html.png, docs/img/publication-pdf.png) from the bundled document.

    .venv/bin/python scripts/screenshots_publication.py [CLAUSE_ANCHOR] [PDF_PAGE]

The HTML one is clause 2.1.2 with its rules opened, in headless Chromium (the browser tests'
driver, a fresh profile); the PDF one is a page of the tagged PDF, drawn by pdftoppm.  The site's
screenshots are retaken by `python -m tests.test_site_browser`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import chromium  # noqa: E402

FWDOC = str(Path(sys.executable).with_name("fwdoc"))


def html_shot(anchor: str, target: Path, tmp: Path) -> None:
    page = tmp / "framework.html"
    subprocess.run([FWDOC, "publish", str(REPO / "framework"), "--format", "html", "--output", str(page)],
                   check=True, capture_output=True)
    driver = chromium(1000, 1100)
    try:
        driver.get(page.as_uri() + "#" + anchor)
        clause = driver.find_element("id", anchor)
        driver.execute_script("arguments[0].querySelectorAll('details').forEach(d => d.open = true);"
                              "arguments[0].scrollIntoView();", clause)
        clause.screenshot(str(target))
    finally:
        driver.quit()


def pdf_shot(page_number: int, target: Path, tmp: Path) -> None:
    pdf = tmp / "framework.pdf"
    subprocess.run([FWDOC, "publish", str(REPO / "framework"), "--format", "pdf", "--output", str(pdf)],
                   check=True, capture_output=True)
    stem = tmp / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page_number), "-l", str(page_number),
                    "-singlefile", str(pdf), str(stem)], check=True)
    target.write_bytes(stem.with_suffix(".png").read_bytes())


if __name__ == "__main__":
    anchor = sys.argv[1] if len(sys.argv) > 1 else "clause-2-1-2"
    page_number = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as folder:
        html_shot(anchor, REPO / "docs" / "img" / "publication-html.png", Path(folder))
        pdf_shot(page_number, REPO / "docs" / "img" / "publication-pdf.png", Path(folder))
    print("docs/img/publication-html.png, docs/img/publication-pdf.png")
