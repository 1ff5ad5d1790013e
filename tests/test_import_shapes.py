"""Documents of every numbering shape, written for the tests (invented bodies): the importer
keeps their structure and printed numbers; the scaffold passes `fwdoc check`; the publication
and the site print the numbers as printed; an inserted paragraph renumbers every later one in
a real git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.checks.runner import run_checks
from checker.loader import load_document
from checker.model import Document

SHAPES = Path(__file__).parent / "fixtures" / "shapes"


def fwdoc(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["fwdoc", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def imported(tmp_path: Path, name: str) -> Document:
    out = tmp_path / name
    result = fwdoc("import", str(SHAPES / f"{name}.md"), "--output", str(out))
    assert result.returncode == 0, result.stderr
    loaded = load_document(out)
    assert loaded.document is not None and not loaded.errors, loaded.findings
    return loaded.document


def numbered(document: Document) -> list[tuple[str, str | None, str | None]]:
    return [(c.part, c.printed, c.number) for c in document.clauses.values() if c.depth and c.printed]


def test_flat_document_imports_with_its_printed_numbers(tmp_path: Path) -> None:
    document = imported(tmp_path, "flat")
    assert document.manifest.numbering.name == "flat"
    assert "sets out how they work together" in document.manifest.description
    assert [(p.kind, p.title) for p in document.parts] == [
        ("foreword", "Ministerial Foreword"), ("introduction", "Introduction"),
        ("section", "Governance and Accountability"), ("section", "Finance"),
        ("annex", "Annex A"), ("annex", "Annex B")]
    got = numbered(document)
    assert [printed for _, printed, _ in got] == [str(n) for n in range(1, 8)]
    assert all(printed == number for _, printed, number in got)  # what is printed is shown
    planning = next(c for c in document.clauses.values() if c.title == "Planning")
    assert not planning.numbered and [document.clauses[c].printed for c in planning.children] == ["5"]
    five = document.clauses[planning.children[0]]
    assert "(a) the next three years" in five.text and "(b) the budget" in five.text
    seven = next(c for c in document.clauses.values() if c.printed == "7")
    assert "| £10,000 | Chief Executive |" in seven.text
    findings = run_checks(document)
    assert not [f for f in findings if f.code.startswith(("STR", "REF", "SCH"))]


def test_hierarchical_and_appendix_documents(tmp_path: Path) -> None:
    document = imported(tmp_path, "hierarchical")
    assert document.manifest.numbering.name == "hierarchical"
    assert [p.kind for p in document.parts] == ["foreword", "section", "section", "annex"]
    assert document.parts[0].title == "Foreword by the Minister"
    assert [(printed, number) for _, printed, number in numbered(document)] == [
        ("1.1", "1.1"), ("1.1.1", "1.1.1"), ("2.1", "2.1"), ("2.2", "2.2")]
    assert not [f for f in run_checks(document) if f.code.startswith(("STR", "REF"))]
    document = imported(tmp_path, "appendix")
    scheme = document.manifest.numbering
    assert (scheme.name, scheme.annex_word, scheme.annex_style) == ("flat", "Appendix", "numbers")
    assert [p.label for p in document.parts if p.kind == "annex"] == ["Appendix 1", "Appendix 2"]
    assert not [f for f in run_checks(document) if f.code.startswith(("STR", "REF"))]


def test_paragraphs_restarting_in_each_section(tmp_path: Path) -> None:
    document = imported(tmp_path, "per-section")
    assert document.manifest.numbering.name == "per-section"
    assert [(p.title, [c.number for c in document.clauses.values() if c.part == p.id and c.depth])
            for p in document.parts] == [("Purpose", ["1", "2"]), ("Finance", ["1", "2"])]
    anchors = [c.anchor for c in document.clauses.values()]
    assert len(anchors) == len(set(anchors))
    assert not [f for f in run_checks(document) if f.code.startswith(("STR", "REF"))]


@pytest.mark.parametrize("shape", ["flat", "hierarchical", "per-section", "appendix", "unnumbered"])
def test_every_shape_passes_check(shape: str) -> None:
    result = fwdoc("check", str(SHAPES / shape), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert not codes & {"STR101", "STR102", "SCH001", "SCH004", "REF001"}


def test_publication_prints_the_printed_numbers(tmp_path: Path) -> None:
    out = tmp_path / "flat.md"
    assert fwdoc("publish", str(SHAPES / "flat"), "--format", "md", "--output", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "## Governance and Accountability" in text and "None." not in text
    assert "**5.1**" in text and "**7**" in text and "6.1" not in text
    html = tmp_path / "flat.html"
    assert fwdoc("publish", str(SHAPES / "flat"), "--format", "html", "--output", str(html)).returncode == 0
    page = html.read_text(encoding="utf-8")
    assert 'id="paragraph-7"' in page and "href=\"#paragraph-3\"" in page
    assert "href=\"#annex-b\"" in page
    assert "Lamp Records Act 2011</a>" not in page  # another instrument is never linked


def test_site_lists_the_instruments_relied_on(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = fwdoc("site", str(SHAPES / "flat"), "--output", str(out))
    assert result.returncode == 0, result.stderr
    page = (out / "document" / "instruments" / "index.html").read_text(encoding="utf-8")
    assert "Lamp Records Act 2011" in page and "Managing Public Money" in page
    assert "paragraph 11 of Schedule 1" in page and "finance.html#paragraph-7" in page
    part = (out / "document" / "governance.html").read_text(encoding="utf-8")
    assert "None." not in part and "Governance and Accountability" in part


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
                        "PATH": "/usr/bin:/bin", "HOME": str(root)})


def test_inserting_a_paragraph_renumbers_every_later_one(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(SHAPES / "flat", repo / "framework")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    part = repo / "framework" / "parts" / "governance.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace(
        "  - id: chief-executive-role",
        "  - id: new-paragraph\n    text: |\n      The Office publishes its plans.\n  - id: chief-executive-role"),
        encoding="utf-8")
    result = fwdoc("amend", "compare", "--base", "main", "--format", "json", "framework", cwd=repo)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    renumbered = {(r["before"], r["after"]) for r in report["renumbered"]}
    assert renumbered == {("4", "5"), ("5", "6"), ("5.1", "6.1"), ("6", "7"), ("7", "8")}
    stale = [f["message"] for f in report["findings"] if f["code"] == "AMD006"]
    assert len(stale) == 2 and any("paragraph 6" in m for m in stale)
    assert not [f for f in report["introduced"] if f["code"].startswith("STR")]


# -- properties --------------------------------------------------------------------------------
_WORDS = st.sampled_from(["Board", "Minister", "plans", "budget", "the", "Office", "reports", "annually"])
_SENTENCE = st.lists(_WORDS, min_size=3, max_size=8).map(lambda w: " ".join(w).capitalize() + ".")
_TITLE = st.lists(st.sampled_from(["Governance", "Finance", "Audit", "Risk", "Planning", "People"]),
                  min_size=1, max_size=3, unique=True).map(" and ".join)


@st.composite
def flat_documents(draw: st.DrawFn) -> tuple[str, list[tuple[str, list[int]]]]:
    titles = draw(st.lists(_TITLE, min_size=1, max_size=5, unique=True))
    lines = ["# An Invented Body Framework Document", ""]
    structure: list[tuple[str, list[int]]] = []
    number = 0
    for title in titles:
        lines += [f"## {title}", ""]
        paragraphs = []
        for _ in range(draw(st.integers(1, 4))):
            number += 1
            paragraphs.append(number)
            lines += [f"{number}. {draw(_SENTENCE)}", ""]
        structure.append((title, paragraphs))
    return "\n".join(lines), structure


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flat_documents())
def test_flat_structure_is_preserved(tmp_path: Path, case: tuple[str, list[tuple[str, list[int]]]]) -> None:
    from checker.importer import import_markdown as run_import

    text, structure = case
    if sum(len(p) for _, p in structure) < 3:
        return  # too few numbered paragraphs to call the document flat
    work = Path(tmp_path) / f"case-{abs(hash(text))}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    source = work / "doc.md"
    source.write_text(text, encoding="utf-8")
    assert run_import(source, work / "out").written
    document = load_document(work / "out").document
    assert document is not None
    got = [(p.title, [int(c.printed) for c in document.clauses.values() if c.part == p.id and c.printed])
           for p in document.parts]
    assert got == structure
    assert not [f for f in run_checks(document) if f.code.startswith(("STR", "REF"))]


_MARKDOWN = st.lists(st.one_of(
    st.sampled_from(["# Title", "## Foreword", "## Ministerial Foreword", "## Introduction", "## Annexe A",
                     "## Appendix 2 – Delegations", "### Sub-heading", "## 1. Section", "2.1 Text here.",
                     "12. A numbered paragraph.", "- a bullet", "  - (a) an item", "| a | b |", "|---|---|",
                     "", "Contents", "1.2.3 Heading", "Annex B", "---"]),
    st.text(max_size=30)), max_size=30).map("\n".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_MARKDOWN)
def test_arbitrary_markdown_never_crashes(tmp_path: Path, text: str) -> None:
    from checker.importer import import_markdown as run_import

    work = Path(tmp_path) / f"case-{abs(hash(text))}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    source = work / "doc.md"
    source.write_text(text, encoding="utf-8")
    report = run_import(source, work / "out")
    if not report.written:
        assert report.findings  # a clear refusal with a reason (no part heading at all)
        return
    loaded = load_document(work / "out")
    assert loaded.document is not None
    assert not [f for f in loaded.findings if f.code == "SCH001" and "manifest" in f.location.file]
