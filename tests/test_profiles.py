"""Conformance profiles (checker/profiles/): the data, comply-or-explain findings, the `explain`
statement, and `fwdoc check --profile` on the NOMS document."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from checker.dsl.parser import parse_many
from checker.findings import Severity
from checker.loader import load_document
from checker.profiles import ProfileError, available, load, profile_findings

SHAPES = Path(__file__).parent / "fixtures" / "shapes"
REPO = Path(__file__).resolve().parent.parent


def test_profiles_ship_with_sources() -> None:
    assert {"uk-alb", "scotland"} <= set(available())
    for name in available():
        profile = load(name)
        assert len(profile.elements) >= 10
        ids = [e.id for e in profile.elements]
        assert len(ids) == len(set(ids))
        for element in profile.elements:
            assert element.any and element.guidance and element.where and element.name
    with pytest.raises(ProfileError, match="did you mean 'uk-alb'"):
        load("uk-abl")


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "flat"
    shutil.copytree(SHAPES / "flat", root)
    return root


def _findings(root: Path, name: str = "uk-alb") -> dict[str, list[tuple[str, Severity, str]]]:
    loaded = load_document(root)
    assert loaded.document is not None and not loaded.errors, loaded.findings
    out: dict[str, list[tuple[str, Severity, str]]] = {}
    for finding in profile_findings(loaded.document, name):
        element = finding.message.split("element '", 1)[1].split("'", 1)[0] if "element '" in finding.message \
            else finding.message
        out.setdefault(element, []).append((finding.code, finding.severity, finding.message))
    return out


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_missing_elements_are_reported_with_their_guidance(tmp_path: Path) -> None:
    found = _findings(_copy(tmp_path))
    assert found["complaints_and_ombudsman"][0][:2] == ("PRF001", Severity.WARNING)
    assert "Cabinet Office" in found["complaints_and_ombudsman"][0][2]
    assert "ministerial_foreword" not in found  # the flat fixture has a Ministerial Foreword
    assert "legal_basis" not in found  # "was set up under section 3 of the Lamp Records Act 2011"


def test_a_sentence_that_says_it_satisfies_the_element(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _append(root / "parts" / "finance.yaml",
            "  - id: complaints\n    printed: \"8\"\n    text: |\n"
            "      Complaints that the Office cannot resolve go to the Parliamentary and Health Service Ombudsman.\n")
    assert "complaints_and_ombudsman" not in _findings(root)


def test_explanation_turns_a_departure_into_information(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _append(root / "parts" / "finance.yaml",
            "    rules: |\n"
            "      explain PRF001 for complaints_and_ombudsman because \"the Office has no public-facing service\"\n"
            "      explain PRF001 for complaint_ombudsman because \"a misspelt element\"\n"
            "      explain PRF001 for ministerial_foreword because \"no longer needed\"\n")
    found = _findings(root)
    code, severity, message = found["complaints_and_ombudsman"][0]
    assert (code, severity) == ("PRF001", Severity.INFO) and "no public-facing service" in message
    unused = [f for fs in found.values() for f in fs if f[0] == "PRF003"]
    assert len(unused) == 2
    assert any(s is Severity.WARNING and "did you mean 'complaints_and_ombudsman'" in m for _, s, m in unused)
    assert any(s is Severity.INFO and "no longer needed" in m for _, s, m in unused)


def test_contradiction_is_reported_where_it_stands(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _append(root / "parts" / "finance.yaml",
            "  - id: no-review\n    printed: \"8\"\n    text: |\n      This framework document will not be reviewed.\n")
    for name in ("uk-alb", "scotland"):
        [(code, severity, _)] = _findings(root, name)["review_of_the_document"]
        assert (code, severity) == ("PRF002", Severity.WARNING)


def test_explain_is_a_statement_of_the_language() -> None:
    [(statements, errors)] = parse_many(['explain PRF002 for audit because "audited by the Department"'])
    assert not errors and statements[0].kind == "explain"
    assert (statements[0].code, statements[0].element, statements[0].text) == (
        "PRF002", "audit", "audited by the Department")
    [(_, errors)] = parse_many(['explain PRF001 because "no element named"'])
    assert errors


def test_check_with_profiles_on_noms() -> None:
    result = subprocess.run(["fwdoc", "check", "framework", "--format", "json", "--profile", "uk-alb",
                             "--profile", "scotland"], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode in (0, 1), result.stderr
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"].startswith("PRF")]
    # docs/profiles.md records this result: NOMS has every element of uk-alb; of the Scottish
    # guidance it lacks only counter-fraud arrangements
    assert [(f["code"], "financial_regime_counter_fraud" in f["message"]) for f in found] == [("PRF001", True)]
    bad = subprocess.run(["fwdoc", "check", "framework", "--profile", "nowhere"], capture_output=True,
                         text=True, cwd=REPO, timeout=300)
    assert bad.returncode == 2 and "no profile 'nowhere'" in bad.stderr
