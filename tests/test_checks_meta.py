"""Every check is complete: a unique, stable code in its family, a severity, a docstring that
says what it catches, why it matters, and shows a failing and a passing example; every code
the loader and the engine report is documented; docs/checks/ is generated, not hand-written."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from checker.checks import REGISTRY
from checker.checks.codes import OTHER_CODES
from checker.checks.reference import FAMILIES, catalogue, parse_docstring, reference_pages, stale_pages
from checker.findings import Severity

REPO = Path(__file__).resolve().parent.parent
CODE = re.compile(r"^[A-Z]{3}\d{3}$")


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_check_is_complete(code: str) -> None:
    entry = REGISTRY[code]
    assert CODE.match(code), code
    assert entry.code == code
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", entry.name), entry.name
    assert isinstance(entry.severity, Severity)
    assert entry.family in FAMILIES, entry.family
    doc = entry.doc
    assert "Why it matters:" in doc and "Fails::" in doc and "Passes::" in doc, code
    parts = parse_docstring(doc)
    for key in ("summary", "why", "fails", "passes"):
        assert parts[key].strip(), f"{code}: empty {key}"
    assert parts["fails"] != parts["passes"]


def test_codes_and_names_are_unique_and_grouped_by_family() -> None:
    docs = catalogue()
    from checker.amend.codes import CODES as AMEND_CODES

    assert not set(AMEND_CODES) & ({d.code for d in OTHER_CODES} | set(REGISTRY))
    assert len(docs) == len(REGISTRY) + len({d.code for d in OTHER_CODES} - set(REGISTRY)) + len(AMEND_CODES)
    assert not {d.code for d in OTHER_CODES} & set(REGISTRY), "a loader code is also a check"
    families: dict[str, set[str]] = defaultdict(set)
    for doc in docs.values():
        families[doc.code[:3]].add(doc.family)
    # a prefix names one family (STR: structure; REG: registers; ...)
    assert {prefix: fams for prefix, fams in families.items() if len(fams) > 1} == {}
    names = [(d.family, d.name) for d in docs.values() if d.registered]
    assert len(names) == len(set(names))


def test_every_code_the_engine_reports_is_documented() -> None:
    sources = [REPO / "checker" / "loader.py", REPO / "checker" / "resolve.py",
               *(REPO / "checker" / "load").glob("*.py"), *(REPO / "checker" / "dsl").glob("*.py"),
               *(REPO / "checker" / "checks").glob("*.py")]
    reported = set()
    for path in sources:
        reported |= set(re.findall(r'"([A-Z]{3}\d{3})"', path.read_text(encoding="utf-8")))
    assert reported, "no codes found: the scan is broken"
    assert sorted(reported - set(catalogue())) == []


def test_reference_pages_are_generated_and_up_to_date() -> None:
    pages = reference_pages()
    assert "index.md" in pages
    assert {f"{code}.md" for code in catalogue()} == set(pages) - {"index.md"}
    for code in REGISTRY:
        assert pages[f"{code}.md"].startswith("<!-- generated"), code
        assert "## Why it matters" in pages[f"{code}.md"]
        assert f"]({code}.md)" in pages["index.md"]
    assert reference_pages() == pages  # deterministic
    stale = stale_pages(REPO / "docs" / "checks")
    assert stale == [], ("docs/checks is out of date (or hand-edited); run "
                         f"python -m checker.checks.reference docs/checks: {stale}")
