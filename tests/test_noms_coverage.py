"""The whole NOMS source: every normative sentence formalised or marked informal (issue: fewer
than one in ten informal), and nothing the loader or a check reports as an error."""

from __future__ import annotations

from checker.checks.coverage import coverage_stats
from checker.findings import Finding, Severity
from checker.model import Document


def test_every_normative_sentence_is_covered(document: Document) -> None:
    stats = coverage_stats(document)
    assert stats["normative_sentences"] >= 450
    assert stats["uncovered"] == 0
    assert stats["informal"] * 10 < stats["normative_sentences"]


def test_no_error_and_no_coverage_finding(findings: list[Finding]) -> None:
    bad = [f"{f.location} {f.code} {f.message}" for f in findings
           if f.severity is Severity.ERROR or f.code.startswith("COV")]
    assert not bad, "\n".join(bad)
