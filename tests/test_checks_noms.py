"""The checks on the real NOMS source (framework/): the defects of the 2008 text are found.
The source grows while it is encoded, so these assert what the text itself fixes (its
placeholder annex, its numbering, its glossary, its dates), not counts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checker.checks import Context, run_checks
from checker.findings import Finding
from checker.loader import load_document


@pytest.fixture(scope="module")
def findings(framework_dir: Path) -> list[Finding]:
    result = load_document(framework_dir)
    assert result.document is not None
    return run_checks(result.document, Context(today=date(2024, 1, 1)))


def _messages(findings: list[Finding], code: str) -> list[str]:
    return [f.message for f in findings if f.code == code]


def test_annex_g_is_a_placeholder_that_2_1_3_relies_on(findings: list[Finding]) -> None:
    assert any(m.startswith("Annex G ") and "is a placeholder" in m for m in _messages(findings, "REF002"))
    relying = [f for f in findings if f.code == "REF003"]
    assert any("clause 2.1.3 relies on Annex G" in f.message and "Details of the delegations" in f.message
               for f in relying)
    assert all(len(f.locations) == 2 for f in relying)


def test_estate_title_differs_in_the_introduction(findings: list[Finding]) -> None:
    assert any('"Capital Programmes and Estate Management"' in m and "Estate Maintenance" in m
               for m in _messages(findings, "REF004"))


def test_glossary_defects(findings: list[Finding]) -> None:
    assert any("'Moj'" in m and "'MoJ'" in m for m in _messages(findings, "GLO003"))
    unused = " ".join(_messages(findings, "GLO002"))
    assert "'PFI'" in unused and "'EYF'" not in unused or "'PFI'" in unused


def test_review_date_passed(findings: list[Finding]) -> None:
    assert any("2011-12-31" in m for m in _messages(findings, "DAT001"))


def test_every_cross_reference_resolves(findings: list[Finding]) -> None:
    assert _messages(findings, "REF001") == []


def test_supervision_tension_is_acknowledged_not_hidden(findings: list[Finding]) -> None:
    sod = [f for f in findings if f.code == "SOD003"]
    if sod:  # once 2.1.4 is encoded, its "do not dilute" sentence acknowledges the finding
        assert all(f.suppression is not None and "dilute" in f.suppression.reason for f in sod)
