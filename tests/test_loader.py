"""The loader: a valid fixture document, and invalid ones with the exact findings they produce.

tests/fixtures/docs/minimal/ is the smallest document that uses every kind of part and every
clause key; it loads without a finding.  Each folder under tests/fixtures/docs/invalid/ is an
overlay on it (its files replace the minimal document's; `delete:` removes some) with an
`expected.yaml` listing every finding the loader must report: code, severity, position and the
exact message.
"""

from __future__ import annotations

import gc
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.findings import Finding, Severity
from checker.loader import LoadError, LoadResult, load_document
from checker.model import ACTOR, OBJECT, PART, Document, Ref

FIXTURES = Path(__file__).parent / "fixtures" / "docs"
MINIMAL = FIXTURES / "minimal"
INVALID = FIXTURES / "invalid"
FRAMEWORK = Path(__file__).resolve().parent.parent / "framework"


def materialise(target: Path, overlay: Path | None = None) -> Path:
    """The minimal document in `target`, with the overlay's files laid over it."""
    shutil.copytree(MINIMAL, target)
    if overlay is None:
        return target
    spec = yaml.safe_load((overlay / "expected.yaml").read_text(encoding="utf-8"))
    for rel in spec.get("delete") or []:
        (target / rel).unlink()
    for path in sorted(overlay.rglob("*")):
        rel = path.relative_to(overlay)
        if path.is_file() and rel.as_posix() != "expected.yaml":
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_bytes(path.read_bytes())
    return target


def _record(finding: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": finding.code,
        "severity": str(finding.severity),
        "at": str(finding.location),
        "message": finding.message,
    }
    if len(finding.locations) > 1:
        out["also"] = [str(loc) for loc in finding.locations[1:]]
    return out


@pytest.fixture(scope="module")
def minimal() -> Document:
    result = load_document(MINIMAL)
    assert [_record(f) for f in result.findings] == []
    assert result.document is not None
    return result.document


# -- invalid documents, driven by data -----------------------------------------------------------------
@pytest.mark.parametrize("case", sorted(p.name for p in INVALID.iterdir() if p.is_dir()))
def test_invalid_document(case: str, tmp_path: Path) -> None:
    overlay = INVALID / case
    spec = yaml.safe_load((overlay / "expected.yaml").read_text(encoding="utf-8"))
    assert set(spec) <= {"about", "delete", "findings"}
    result = load_document(materialise(tmp_path / "doc", overlay))
    assert [_record(f) for f in result.findings] == spec["findings"]
    assert result.document is not None  # a broken part or entry never loses the whole document


# -- the valid document ------------------------------------------------------------------------------------
def test_minimal_document_structure(minimal: Document) -> None:
    parts = {p.id: (p.kind, p.number, p.label, p.anchor) for p in minimal.parts}
    assert parts == {
        "introduction": ("introduction", None, "Introduction", "introduction"),
        "governance": ("section", "1", "Section 1", "section-1"),
        "annex-a": ("annex", "A", "Annex A", "annex-a"),
        "glossary": ("glossary", None, "Glossary", "glossary"),
    }
    clauses = {c.id: (c.number, c.label, c.anchor, c.parent, c.depth)
               for c in minimal.clauses.values() if c.depth > 0}
    assert clauses == {
        "purpose": (None, "Introduction paragraph 1", "introduction-1", "introduction", 1),
        "amending-this-document": (None, "Introduction paragraph 2", "introduction-2", "introduction", 1),
        "accountability": ("1.1", "1.1", "clause-1-1", "governance", 1),
        "corporate-plan": ("1.2", "1.2", "clause-1-2", "governance", 1),
        "reporting-lines": ("1.2.1", "1.2.1", "clause-1-2-1", "corporate-plan", 2),
        "delegations": (None, "Delegations", "delegations", "corporate-plan", 2),
        "reports": ("A.1", "Annex A paragraph 1", "clause-a-1", "annex-a", 1),
        "report-dates": ("A.2", "Annex A paragraph 2", "clause-a-2", "annex-a", 1),
    }
    assert minimal.clauses["corporate-plan"].children == ("reporting-lines", "delegations")


def test_minimal_document_content(minimal: Document) -> None:
    reports = minimal.clauses["reports"]
    assert reports.items == ("the Annual Report and Accounts;", "the Corporate Plan.")
    table = minimal.clauses["report-dates"].table
    assert table is not None
    assert table.caption == "When reports are due"
    assert table.columns == (("report", "Report"), ("due", "Due"))
    assert table.rows == (("Annual Report and Accounts", "July"), ("Corporate Plan", "April"))
    assert [(g.term, g.expansion) for g in minimal.glossary] == [("DG", "Director General")]
    assert minimal.manifest.published == "2020-01-01"  # dates stay text, as written
    assert minimal.actors["permanent_secretary"].offices == ("principal_accounting_officer",)
    assert minimal.offices["principal_accounting_officer"].holder == "permanent_secretary"


def test_rules_resolve_offices_and_cite_sentences(minimal: Document) -> None:
    by_clause = minimal.rules_by_clause
    (reporting,) = by_clause["reporting-lines"]
    (to,) = reporting.objects
    assert (to.text, to.id, to.kind, to.office) == (
        "principal_accounting_officer", "permanent_secretary", ACTOR, "principal_accounting_officer")
    submit, approve = by_clause["corporate-plan"]
    assert (submit.sentence, approve.sentence) == (1, 2)
    assert submit.id == "corporate-plan#1" and approve.id == "corporate-plan#2"
    assert [q.kind for q in submit.qualifiers] == ["recipient", "annually"]
    (after,) = approve.quals("after")
    assert after.value == "endorse"  # 'endorses' in the rule, the base verb in the model
    (amendment,) = by_clause["amending-this-document"]
    assert amendment.objects[0].kind == PART and amendment.counterparts[0].id == "secretary_of_state"
    (publish,) = by_clause["reports"]
    assert {(r.id, r.kind) for r in publish.objects} == {("annual_report", OBJECT), ("corporate_plan", OBJECT)}
    (informal,) = minimal.informals
    assert (informal.clause, informal.sentence) == ("amending-this-document", 2)


def _file_lines(document: Document, rel: str) -> list[str]:
    return (document.root / rel).read_text(encoding="utf-8").split("\n")


def _refs(document: Document) -> list[Ref]:
    out: list[Ref] = []
    for rule in document.rules:
        out += [*rule.subjects, *rule.objects, *rule.counterparts]
        for qual in rule.qualifiers:
            out += [*qual.refs, *qual.objects]
    return out


def _literal_rules_clauses(document: Document) -> set[str]:
    """Clauses whose rules are a literal block scalar (`rules: |`), where lines map 1:1."""
    out = set()
    for clause in document.clauses.values():
        loc = clause.rules_location
        if loc is not None and _file_lines(document, loc.file)[loc.line - 1][loc.column - 1:].startswith("|"):
            out.add(clause.id)
    return out


def _assert_positions(document: Document, clauses: set[str]) -> int:
    """Every name and every rule points at its own text in the YAML file."""
    checked = 0
    for ref in _refs(document):
        if ref.location.clause not in clauses:
            continue
        line = _file_lines(document, ref.location.file)[ref.location.line - 1]
        assert line[ref.location.column - 1:].startswith(ref.text), (ref, line)
        checked += 1
    for rule in document.rules:
        if rule.clause not in clauses:
            continue
        line = _file_lines(document, rule.location.file)[rule.location.line - 1]
        assert line[rule.location.column - 1:].startswith(rule.source.split()[0]), (rule, line)
    return checked


def test_positions_of_names_in_rules_blocks_are_file_positions(minimal: Document) -> None:
    checked = _assert_positions(minimal, set(minimal.clauses))
    assert checked >= 20
    (submit, _) = minimal.rules_by_clause["corporate-plan"]
    recipient = submit.qual_refs("recipient")[0]
    assert (recipient.location.line, recipient.location.column) == (23, 14)  # a continuation line


def test_positions_in_the_real_framework_document() -> None:
    """The same on the NOMS document in framework/, whatever it holds today."""
    result = load_document(FRAMEWORK)
    assert result.document is not None, [str(f.location) + " " + f.message for f in result.errors][:5]
    _assert_positions(result.document, _literal_rules_clauses(result.document))


def test_sentence_positions_point_at_the_sentence(minimal: Document) -> None:
    for clause in minimal.clauses.values():
        for sentence in clause.sentences:
            if sentence.origin != "text":
                continue
            loc = sentence.location
            line = _file_lines(minimal, loc.file)[loc.line - 1]
            assert line[loc.column - 1:].startswith(sentence.text.split()[0]), (sentence, line)
    second = minimal.clauses["corporate-plan"].sentences[1]
    assert (second.location.line, second.location.column) == (19, 7)


def test_loading_is_deterministic(tmp_path: Path) -> None:
    folder = materialise(tmp_path / "doc", INVALID / "missing-objects-register")
    first, second = load_document(folder), load_document(folder)
    assert first.findings == second.findings
    assert first.document is not None and second.document is not None
    assert first.document.rules == second.document.rules
    assert list(first.document.clauses.values()) == list(second.document.clauses.values())


def test_load_restores_the_garbage_collector() -> None:
    assert gc.isenabled()
    load_document(MINIMAL)
    assert gc.isenabled()


@pytest.mark.parametrize("remove", ["folder", "manifest"])
def test_no_document_here_is_a_load_error(remove: str, tmp_path: Path) -> None:
    folder = materialise(tmp_path / "doc")
    target = folder if remove == "folder" else folder / "manifest.yaml"
    shutil.rmtree(target) if remove == "folder" else target.unlink()
    with pytest.raises(LoadError, match="not a folder" if remove == "folder" else "no manifest.yaml"):
        load_document(folder)


def test_a_broken_manifest_is_reported_not_raised(tmp_path: Path) -> None:
    folder = materialise(tmp_path / "doc")
    (folder / "manifest.yaml").write_text("title: [\n", encoding="utf-8")
    result: LoadResult = load_document(folder)
    assert result.document is None
    assert [(f.code, str(f.location)) for f in result.errors] == [("SRC008", "manifest.yaml:2:1")]
    assert all(f.severity is Severity.ERROR for f in result.findings)
