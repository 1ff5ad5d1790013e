"""Fuzz targets: the whole loader (checker/loader.py), then everything `fwdoc check` and
`fwdoc publish` do with what it loads, on small documents built from tests/fixtures/amend/mini
with fuzzed fields.

`load_document` documents one exception, LoadError, only when there is no document folder (a
manifest.yaml is always written here, so never); the rest is findings, each placed in a file
of the document.  Nothing is dropped silently: a part or clause of the source that is not in
the model has an error that says why.  What loads is checked, reported in every format and
published (Markdown, HTML) without an exception.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import example, reject

from checker.checks.base import Context
from checker.checks.coverage import coverage_stats
from checker.checks.runner import source_findings
from checker.findings import Severity
from checker.formats import Report
from checker.loader import LoadResult, load_document
from checker.render.html import publish_html
from checker.render.markdown import publish_markdown
from tests.fuzz.harness import fuzz, screened
from tests.fuzz.known import is_open
from tests.fuzz.outputs import check_formats, check_html, line_count
from tests.fuzz.strategies import BASE_FILES, documents, write

TODAY = Context(today=date(2024, 1, 1))
MARKUP_TITLE = {name: yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
                for name, data in BASE_FILES.items()}
MARKUP_TITLE["parts/annex-a.yaml"] = MARKUP_TITLE["parts/annex-a.yaml"].replace(
    b"\n  title: Delegations", b"\n  title: <img src=x onerror=alert(1)>", 1)


def _source(root: Path, name: str) -> Any:
    """A file as PyYAML reads it (None when it does not read)."""
    try:
        return yaml.safe_load((root / name).read_bytes())
    except (OSError, ValueError, yaml.YAMLError, AttributeError, IndexError, KeyError, TypeError):
        return None


def _outside(file: str) -> bool:
    """A finding's file that is not a path inside the document folder."""
    return file.startswith("/") or ".." in Path(file).parts


def _clause_ids(clauses: Any) -> list[str]:
    out: list[str] = []
    for clause in clauses if isinstance(clauses, list) else []:
        if isinstance(clause, dict):
            if isinstance(clause.get("id"), str):
                out.append(clause["id"])
            out += _clause_ids(clause.get("clauses"))
    return out


def _loaded(root: Path, files: dict[str, bytes]) -> LoadResult:
    write(root, files)
    with screened():
        result = load_document(root)
    assert isinstance(result, LoadResult)
    for finding in result.findings:
        assert finding.code and finding.message.strip() and finding.locations, finding
        for loc in finding.locations:
            assert loc.file and not _outside(loc.file), finding
            path = root / loc.file
            if path.is_file() and loc.line:
                assert 1 <= loc.line <= line_count(path.read_bytes()) and loc.column >= 1, finding
    document = result.document
    if document is None:
        if not result.errors and is_open("null-file-dropped") and _source(root, "manifest.yaml") is None:
            reject()
        assert result.errors, "no document and no error"
        return result
    # nothing dropped silently
    errors_in = {loc.file for f in result.errors for loc in f.locations}
    for part_id in document.manifest.parts:
        name = f"parts/{part_id}.yaml"
        if any(part.id == part_id for part in document.parts):
            continue
        if is_open("null-file-dropped") and (root / name).is_file() and _source(root, name) is None \
                and name not in errors_in:
            reject()
        assert name in errors_in or "manifest.yaml" in errors_in, f"part {part_id} dropped without an error"
    for part in document.parts:
        name = f"parts/{part.id}.yaml"
        source = _source(root, name)
        for clause_id in _clause_ids(source.get("clauses") if isinstance(source, dict) else None):
            assert clause_id in document.clauses or name in errors_in, \
                f"clause {clause_id} of {name} dropped without an error"
    for rule in document.rules:
        assert (root / rule.location.file).is_file() and rule.location.line >= 1, rule.location
    return result


@fuzz(documents(), examples=120)
def test_fuzz_loader(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _loaded(Path(tmp) / "doc", files)


@fuzz(documents(), examples=60)
@example(MARKUP_TITLE)  # escaped markup inside an attribute value is text, not an element
def test_fuzz_check_report_and_publish(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "doc"
        result = _loaded(root, files)
        with screened():
            findings = source_findings(root, result, TODAY)
        assert all(f.severity in Severity for f in findings)
        outside = [f for f in findings for loc in f.locations if _outside(loc.file)]
        if outside and is_open("amendments-folder-outside"):
            reject()
        assert not outside, outside
        document = result.document
        stats: dict[str, int] = {}
        if document is not None:
            with screened():
                stats = dict(document.stats) | coverage_stats(document)
        check_formats(Report(findings, stats, "doc", document.manifest.title if document else ""))
        if document is None:
            return
        with screened():
            markdown = publish_markdown(document)
            html = publish_html(document)
        assert isinstance(markdown, str) and markdown.strip()
        check_html(html)
