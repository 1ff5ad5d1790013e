"""The publication's optional annex of dates (`publication: {dates_annex: true}`): in the
HTML, the Markdown and the PDF when asked for, absent otherwise, hostile text inert."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from checker.loader import load_document
from checker.model import Document
from checker.render.html import publish_html
from checker.render.markdown import publish_markdown
from tests.test_checks_fixtures import build_document

HOSTILE = "Plan | with <script>alert(1)</script> *stars* \x1b[31m"
RULES = ["director_general must submit corporate_plan to secretary_of_state before start of financial_year",
         "secretary_of_state must approve odd_plan annually by end of june",
         "director_general must submit annual_report regularly"]


def _document(tmp_path: Path, annex: bool | None) -> Document:
    manifest = {} if annex is None else {"publication": {"dates_annex": annex}}
    case = {"manifest": manifest, "rules": RULES,
            "objects": [{"id": "odd_plan", "name": HOSTILE, "kind": "plan"}]}
    result = load_document(build_document(tmp_path / "doc", case))
    assert result.document is not None, result.findings
    assert not [f for f in result.findings if str(f.severity) == "error"], result.findings
    return result.document


@pytest.mark.parametrize("annex", [None, False])
def test_no_annex_unless_asked(tmp_path: Path, annex: bool | None) -> None:
    document = _document(tmp_path, annex)
    assert "Annex of dates" not in publish_markdown(document)
    assert 'id="dates-annex"' not in publish_html(document)


def test_annex_in_html_and_markdown(tmp_path: Path) -> None:
    document = _document(tmp_path, True)
    # published 2020-01-01, year from 1 April: the financial year 2019-20
    markdown = publish_markdown(document)
    annex = markdown[markdown.index("## Annex of dates"):]
    assert "1 April 2019 to 31 March 2020" in annex
    assert "| 31 March 2020 | The Director General |" in annex  # the day before 1 April 2020
    assert "30 June 2019" in annex
    assert "Plan \\| with" in annex and "<script>" not in annex and "\x1b" not in annex
    assert "regularly" in annex  # the duty with no day, listed after the table
    html = publish_html(document)
    section = html[html.index('id="dates-annex"'):]
    assert "<script>alert" not in section and "&lt;script&gt;" in section
    body = section[section.index("<tbody>"):]
    assert body.index("30 June 2019") < body.index("31 March 2020")  # by date


def test_annex_in_the_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from checker.render.pdf import publish_pdf

    reader = PdfReader(io.BytesIO(publish_pdf(_document(tmp_path, True))))
    # (the fonts are embedded as UTF-16 subsets: pypdf gives each character with a NUL beside it)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).replace("\x00", "").split())
    assert "Annex of dates" in text and "30 June 2019" in text
    assert "Annex of dates" in [item.title for item in reader.outline if not isinstance(item, list)]


def test_the_schema_refuses_an_unknown_publication_key(tmp_path: Path) -> None:
    case = {"manifest": {"publication": {"dates_anex": True}}, "rules": RULES[:1]}
    result = load_document(build_document(tmp_path / "doc", case))
    assert any(f.code.startswith("SCH") and "dates_anex" in f.message for f in result.findings)
