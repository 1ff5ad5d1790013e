"""The PDF publication of the fixture document, read back with poppler and pypdf: tagged A4,
cover and contents with page numbers, running header and "Page n of m" footer, an outline
entry for every part and clause, metadata from the manifest, the same bytes twice."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from checker.loader import load_document
from checker.model import Document
from checker.render.outline import walk
from checker.render.pdf import publish_pdf

DOC = Path(__file__).parent / "fixtures" / "render" / "doc"


def poppler(tool: str, *args: str) -> str:
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


def pdfinfo(path: Path) -> dict[str, str]:
    out = poppler("pdfinfo", "-isodates", str(path))
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def outline(path: Path) -> list[tuple[int, str]]:
    from pypdf import PdfReader

    out: list[tuple[int, str]] = []

    def walk_outline(items: list, depth: int) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk_outline(item, depth + 1)
            else:
                out.append((depth, str(item.title)))

    walk_outline(PdfReader(str(path)).outline, 1)
    return out


@pytest.fixture(scope="module")
def doc() -> Document:
    result = load_document(DOC)
    assert result.document is not None and not result.errors
    return result.document


@pytest.fixture(scope="module")
def pdf(doc: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "fixture.pdf"
    path.write_bytes(publish_pdf(doc))
    return path


def test_tagged_a4_with_metadata_from_the_manifest(pdf: Path) -> None:
    info = pdfinfo(pdf)
    assert info["Tagged"] == "yes"
    assert "(A4)" in info["Page size"]
    assert info["Title"] == "Example Agency Framework Document"
    assert info["Author"] == "Department of Examples"
    assert info["CreationDate"].startswith("2020-03-15")
    assert info["ModDate"].startswith("2020-03-15")
    assert info["JavaScript"] == "no"
    metadata = poppler("pdfinfo", "-meta", str(pdf))
    assert "pdfuaid:part" in metadata or "<pdfuaid:part>1" in metadata


def test_language(pdf: Path) -> None:
    from pypdf import PdfReader

    assert PdfReader(str(pdf)).trailer["/Root"]["/Lang"] == "en-GB"


def test_cover_contents_headers_and_footers(pdf: Path) -> None:
    pages = poppler("pdftotext", "-layout", str(pdf), "-").split("\f")[:-1]
    total = len(pages)
    assert total >= 5
    cover = pages[0]
    assert "Example Agency Framework Document" in " ".join(cover.split()) and "Page 1" not in cover
    contents = pages[1]
    assert "Contents" in contents
    # every contents entry ends with the page its target starts on
    entries = dict(re.findall(r"^\s*(\S.*?)\s{3,}(\d+)\s*$", contents, re.MULTILINE))
    assert {"Foreword", "1.1 Roles", "Glossary"} <= set(entries), entries
    for title, page in entries.items():
        heading = title.split(":")[0]
        assert heading in pages[int(page) - 1], (title, page)
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in page
        assert "Example Agency Framework Document" in page.splitlines()[0]


def test_outline_has_every_part_and_clause(doc: Document, pdf: Path) -> None:
    titles = outline(pdf)
    expected = [(1, "Contents")]
    for entry in walk(doc):
        label = entry.heading.text if entry.heading else (entry.clause.number or entry.clause.label)
        expected.append((entry.clause.depth + 1, label))
    expected.append((1, "Amendment history"))
    assert titles == expected


def test_hostile_text_is_printed_as_text(pdf: Path) -> None:
    text = poppler("pdftotext", str(pdf), "-")
    assert "<script>window.fwdocPwned = 1;</script>" in " ".join(text.split())


def test_rules_are_left_out_of_print(pdf: Path) -> None:
    assert "Rules of" not in poppler("pdftotext", str(pdf), "-")


def test_deterministic(doc: Document, pdf: Path) -> None:
    assert publish_pdf(doc) == pdf.read_bytes()
