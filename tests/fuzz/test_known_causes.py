"""The smallest example of every cause the fuzz suite has found (tests/fuzz/known.py), as a
regression test: xfail while the cause is open, an ordinary test once its fix is merged."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from checker.dsl import parse_rules
from checker.findings import Finding, Location, Severity
from checker.formats import Report
from checker.formats.junit import render as junit
from checker.load.schema import validate
from checker.load.yamlfile import read_yaml
from checker.loader import load_document
from tests.fuzz.known import CAUSES
from tests.fuzz.strategies import MINI


def _parses(block: str) -> None:
    statements, errors = parse_rules(block)
    lines = block.split("\n")
    assert statements or errors
    for error in errors:
        assert 1 <= error.line <= len(lines) and error.column >= 1


def _yaml_finding(tmp: Path, text: str, kind: str | None = None) -> list[Finding]:
    (tmp / "f.yaml").write_text(text, encoding="utf-8")
    doc = read_yaml(tmp / "f.yaml", tmp)
    if kind is not None and doc.data is not None:
        validate(doc, kind)
    assert doc.findings, "no finding"
    assert all(f.location.line >= 1 for f in doc.findings)
    return doc.findings


def dsl_semicolon(tmp: Path) -> None:
    _parses("parliament is responsible for parliament; parliament must comply\n")


def dsl_huge_occurrence(tmp: Path) -> None:
    _parses('"q" (' + "9" * 5000 + "):\n  parliament must comply\n")


def yaml_bad_typed_scalar(tmp: Path) -> None:
    for value in ("!!timestamp x", "!!float ''", "!!int ''", "!!bool x"):
        _yaml_finding(tmp, f"title: {value}\n")


def schema_huge_int(tmp: Path) -> None:
    _yaml_finding(tmp, "id: p\nkind: section\ntitle: 0x" + "f" * 4000 + "\n", "part")
    _yaml_finding(tmp, "id: p\nkind: section\ntitle: T\nlevel: " + ":".join(["59"] * 2500) + "\n", "part")


def yaml_binary_scalar(tmp: Path) -> None:
    _yaml_finding(tmp, "id: p\nkind: section\ntitle: !!binary aGk=\n")


def long_name_as_path(tmp: Path) -> None:
    from checker.amend.guard import AmendError
    from checker.amend.judge import judge
    from checker.amend.records import load_records

    base, root = tmp / "base", tmp / "doc"
    shutil.copytree(MINI, base)
    shutil.copytree(MINI, root)
    manifest = root / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("parts: [", "parts: [" + "x" * 300 + ", "), encoding="utf-8")
    assert any("x" * 300 in f.message or f.location.file == "manifest.yaml" for f in load_document(root).errors)
    try:  # the amendment gate reads the same part list: judged, or could not judge with the reason
        judge(base, root)
    except AmendError as err:
        assert "cannot be examined" in str(err), err
    manifest.write_text(text.replace("amendments: amendments", "amendments: " + "y" * 300), encoding="utf-8")
    load_records(root)


def amendments_folder_outside(tmp: Path) -> None:
    from checker.amend.records import load_records

    root = tmp / "doc"
    shutil.copytree(MINI, root)
    (tmp / "outside").mkdir()
    (tmp / "outside" / "leak.yaml").write_text("secret: hunter2\n", encoding="utf-8")
    manifest = root / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("amendments: amendments",
                                                                      "amendments: ../outside"), encoding="utf-8")
    records = load_records(root)
    assert not any("outside" in loc.file for f in records.findings for loc in f.locations), records.findings


def null_file_dropped(tmp: Path) -> None:
    root = tmp / "doc"
    shutil.copytree(MINI, root)
    (root / "parts" / "governance.yaml").write_text("null\n", encoding="utf-8")
    (root / "amendments" / "x-1.yaml").write_text("~\n", encoding="utf-8")
    from checker.amend.records import load_records

    result = load_document(root)
    assert "parts/governance.yaml" in {f.location.file for f in result.errors}
    assert "amendments/x-1.yaml" in {f.location.file for f in load_records(root).findings}
    (root / "manifest.yaml").write_text("null\n", encoding="utf-8")  # `fwdoc check` said 0 errors, exit 0
    assert "manifest.yaml" in {f.location.file for f in load_document(root).errors}


def tree_odd_clauses(tmp: Path) -> None:
    from checker.amend.judge import judge

    base, head = tmp / "base", tmp / "head"
    shutil.copytree(MINI, base)
    shutil.copytree(MINI, head)
    (head / "parts" / "annex-a.yaml").write_text("id: annex-a\nkind: annex\ntitle: Annex A\nclauses: 5\n",
                                                 encoding="utf-8")
    judge(base, head)


def yaml_huge_int_key(tmp: Path) -> None:
    _yaml_finding(tmp, "{0x" + "f" * 4000 + "}\n")  # a key without a value: no 1024-character key limit


def junit_control_characters(tmp: Path) -> None:
    finding = Finding("SCH001", "schema", Severity.ERROR, "bell \x07 escape \x1b[31m nul \x00",
                      (Location("parts/p.yaml", 1, 1, "c\x01"),))
    ET.fromstring(junit(Report([finding], {}, "doc\x02", "T")).encode("utf-8"))


EXAMPLES: dict[str, Callable[[Path], None]] = {
    "dsl-semicolon": dsl_semicolon, "dsl-huge-occurrence": dsl_huge_occurrence,
    "yaml-bad-typed-scalar": yaml_bad_typed_scalar, "schema-huge-int": schema_huge_int,
    "yaml-binary-scalar": yaml_binary_scalar, "long-name-as-path": long_name_as_path,
    "amendments-folder-outside": amendments_folder_outside,
    "null-file-dropped": null_file_dropped, "tree-odd-clauses": tree_odd_clauses,
    "yaml-huge-int-key": yaml_huge_int_key, "junit-control-characters": junit_control_characters,
}


def test_every_cause_has_an_example() -> None:
    assert sorted(EXAMPLES) == sorted(cause.name for cause in CAUSES)


@pytest.mark.parametrize("name", [
    pytest.param(cause.name, marks=pytest.mark.xfail(strict=False, reason=f"{cause.summary}; see fuzz-findings.md"))
    if cause.open else cause.name
    for cause in CAUSES
])
def test_known_cause_example(name: str, tmp_path: Path) -> None:
    EXAMPLES[name](tmp_path)
