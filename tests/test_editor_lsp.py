"""`fwdoc check --format lsp-json` (checker/formats/lsp.py): LSP PublishDiagnosticsParams, one per
file, 0-based positions in UTF-16 units, severities 1-4, each code's reference page; the same
findings as `--format json`; hostile text and file names survive the round trip through JSON."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from checker.findings import Finding, Location, Severity, Suppression
from checker.formats import Report, formatters
from checker.formats.lsp import render
from tests.conftest import REPO

MINIMAL = REPO / "tests" / "fixtures" / "docs" / "minimal"

# PublishDiagnosticsParams (LSP 3.17), as much of it as fwdoc writes, strictly
_POSITION = {"type": "object", "required": ["line", "character"], "additionalProperties": False,
             "properties": {"line": {"type": "integer", "minimum": 0},
                            "character": {"type": "integer", "minimum": 0}}}
_RANGE = {"type": "object", "required": ["start", "end"], "additionalProperties": False,
          "properties": {"start": _POSITION, "end": _POSITION}}
LSP_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object", "required": ["uri", "diagnostics"], "additionalProperties": False,
        "properties": {
            "uri": {"type": "string", "pattern": "^file:///"},
            "diagnostics": {"type": "array", "items": {
                "type": "object", "required": ["range", "severity", "code", "source", "message"],
                "additionalProperties": False,
                "properties": {
                    "range": _RANGE,
                    "severity": {"enum": [1, 2, 3, 4]},
                    "code": {"type": "string", "pattern": "^[A-Z]{2,4}[0-9]{3}$"},
                    "codeDescription": {"type": "object", "required": ["href"],
                                        "properties": {"href": {"type": "string", "minLength": 1}}},
                    "source": {"const": "fwdoc"},
                    "message": {"type": "string"},
                    "relatedInformation": {"type": "array", "items": {
                        "type": "object", "required": ["location", "message"],
                        "properties": {"location": {"type": "object", "required": ["uri", "range"],
                                                    "properties": {"uri": {"type": "string"},
                                                                   "range": _RANGE}},
                                       "message": {"type": "string"}}}},
                    "data": {"type": "object"},
                }}},
        },
    },
}


def path_of(uri: str) -> bytes:
    parsed = urllib.parse.urlparse(uri)
    assert parsed.scheme == "file" and parsed.netloc == ""
    return urllib.parse.unquote_to_bytes(parsed.path)


def broken_copy(tmp_path: Path) -> Path:
    doc = tmp_path / "doc"
    shutil.copytree(MINIMAL, doc)
    part = doc / "parts" / "governance.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("kind: section", "kind: sektion"), encoding="utf-8")
    return doc


def run(doc: Path, fmt: str, cwd: Path) -> tuple[int, str]:
    result = subprocess.run(["fwdoc", "check", str(doc), "--format", fmt], capture_output=True, text=True, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, result.stdout


def test_format_is_registered() -> None:
    assert "lsp-json" in formatters()


@pytest.mark.parametrize("where", ["inside", "outside"])
def test_same_findings_as_json_with_lsp_positions(tmp_path: Path, where: str) -> None:
    doc = broken_copy(tmp_path)
    cwd = tmp_path if where == "inside" else REPO / "docs"  # relative and absolute finding paths
    code, lsp_out = run(doc, "lsp-json", cwd)
    code_json, json_out = run(doc, "json", cwd)
    assert code == code_json == 1
    lsp = json.loads(lsp_out)
    Draft202012Validator(LSP_SCHEMA).validate(lsp)
    uris = [entry["uri"] for entry in lsp]
    assert uris == sorted(uris) and len(set(uris)) == len(uris)
    got = sorted((path_of(e["uri"]).decode(), d["code"], d["range"]["start"]["line"],
                  d["range"]["start"]["character"], d["severity"], d["message"])
                 for e in lsp for d in e["diagnostics"])
    severity = {"error": 1, "warning": 2, "info": 3}
    expected = sorted((os.path.normpath(os.path.join(cwd, f["file"] or ".")), f["code"], f["line"] - 1,
                       f["column"] - 1, severity[f["severity"]], f["message"])
                      for f in json.loads(json_out)["findings"])
    assert got == expected
    schema = [d for e in lsp for d in e["diagnostics"] if d["code"] == "SCH001"]
    assert schema and schema[0]["range"]["start"] == {"line": 1, "character": 6}  # kind: sektion, 2:7
    for entry in lsp:
        assert Path(path_of(entry["uri"]).decode()).is_file()
        for diagnostic in entry["diagnostics"]:
            assert diagnostic["source"] == "fwdoc"
            assert (REPO / diagnostic["codeDescription"]["href"]).is_file()  # docs/checks/CODE.md


def test_help_links_use_the_site_when_known(tmp_path: Path) -> None:
    report = Report([Finding("SCH001", "schema", Severity.ERROR, "m", (Location("a.yaml", 1, 1),))],
                    document=str(tmp_path), help_base="https://example.org/fw/")
    (diagnostic,) = json.loads(render(report))[0]["diagnostics"]
    assert diagnostic["codeDescription"]["href"] == "https://example.org/fw/reference/checks/SCH001.html"


def test_columns_count_utf16_units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "a.yaml").write_text("title: \U0001f600\u00e9 x: y\n", encoding="utf-8")
    # fwdoc's column 12 is the 'x' (code points: t-i-t-l-e-:-space = 7, emoji, é, space)
    finding = Finding("SCH001", "schema", Severity.ERROR, "m", (Location("doc/a.yaml", 1, 11),))
    out = json.loads(render(Report([finding], document="doc")))
    assert out[0]["diagnostics"][0]["range"]["start"] == {"line": 0, "character": 11}  # the emoji is 2 units
    # a file that cannot be read keeps fwdoc's column
    gone = Finding("SCH001", "schema", Severity.ERROR, "m", (Location("doc/missing.yaml", 3, 5),))
    out = json.loads(render(Report([gone], document="doc")))
    assert out[0]["diagnostics"][0]["range"]["start"] == {"line": 2, "character": 4}


def test_a_file_outside_the_document_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc").mkdir()
    (tmp_path / "secret.yaml").write_text("\U0001f600" * 50 + "\n", encoding="utf-8")
    (tmp_path / "doc" / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    finding = Finding("SRC015", "x", Severity.ERROR, "m", (Location("doc/link.yaml", 1, 30),))
    out = json.loads(render(Report([finding], document="doc")))
    assert out[0]["diagnostics"][0]["range"]["start"]["character"] == 29  # not counted on the outside file


def test_suppressed_findings_are_hints_that_say_why(tmp_path: Path) -> None:
    finding = Finding("CON001", "c", Severity.ERROR, "two rules clash", (Location("a.yaml", 2, 3, "x"),),
                      Suppression("acknowledged", "the text says so"))
    (diagnostic,) = json.loads(render(Report([finding], document=str(tmp_path))))[0]["diagnostics"]
    assert diagnostic["severity"] == 4
    assert "the text says so" in diagnostic["message"] and "two rules clash" in diagnostic["message"]
    assert diagnostic["data"] == {"name": "c", "clause": "x"}


def test_document_findings_land_on_the_manifest_and_related_places_are_kept(tmp_path: Path) -> None:
    report = Report([Finding("STR001", "d", Severity.WARNING, "m",
                             (Location(str(tmp_path)), Location(f"{tmp_path}/parts/b.yaml", 4, 2, "c2")))],
                    document=str(tmp_path))
    (entry,) = json.loads(render(report))
    assert path_of(entry["uri"]).decode() == str(tmp_path / "manifest.yaml")
    (diagnostic,) = entry["diagnostics"]
    assert diagnostic["range"]["start"] == {"line": 0, "character": 0}
    (related,) = diagnostic["relatedInformation"]
    assert path_of(related["location"]["uri"]).decode() == str(tmp_path / "parts" / "b.yaml")
    assert related["location"]["range"]["start"] == {"line": 3, "character": 1}
    assert "c2" in related["message"]


NAMES = st.text(st.one_of(st.characters(exclude_characters="/\x00"), st.characters(categories=["Cs"])),
                min_size=1, max_size=20).filter(
    lambda n: n not in (".", ".."))


@settings(max_examples=60, deadline=None)
@given(message=st.text(max_size=200), name=NAMES, clause=st.one_of(st.none(), st.text(max_size=30)),
       line=st.integers(0, 10**6), column=st.integers(0, 10**6), suppressed=st.booleans())
def test_hostile_text_round_trips(message: str, name: str, clause: str | None, line: int, column: int,
                                  suppressed: bool) -> None:
    root = "/nonexistent-fwdoc-doc"
    loc = Location(f"{root}/{name}", line, column, clause)
    suppression = Suppression("baseline", message) if suppressed else None
    report = Report([Finding("HYG001", "h", Severity.INFO, message, (loc, loc), suppression)], document=root)
    text = render(report)
    # nothing that acts on a terminal reaches the file: hidden characters are \\u escapes
    assert not any(0xD800 <= ord(c) <= 0xDFFF or c in "\x1b\u202e\u2028" for c in text)
    (entry,) = json.loads(text)
    Draft202012Validator(LSP_SCHEMA).validate([entry])
    try:
        expected = os.fsencode(os.path.normpath(f"{root}/{name}"))
    except UnicodeEncodeError:  # a lone surrogate no file system gives: spelt by its UTF-8 bytes
        expected = os.path.normpath(f"{root}/{name}").encode("utf-8", "surrogatepass")
    assert path_of(entry["uri"]) == expected
    (diagnostic,) = entry["diagnostics"]
    if suppressed:
        assert diagnostic["message"].endswith("; " + message) and diagnostic["severity"] == 4
    else:
        assert diagnostic["message"] == message and diagnostic["severity"] == 3
    assert diagnostic["data"]["clause"] == clause
    assert diagnostic["range"]["start"] == {"line": max(line, 1) - 1, "character": max(column, 1) - 1}


def _all_strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _all_strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _all_strings(v)]
    return [node] if isinstance(node, str) else []


def test_noms_runs_clean_through_the_format(tmp_path: Path) -> None:
    code, out = run(REPO / "framework", "lsp-json", tmp_path)
    data = json.loads(out)
    Draft202012Validator(LSP_SCHEMA).validate(data)
    assert all(s.isprintable() or "\n" in s for s in _all_strings(data))
