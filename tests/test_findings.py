"""Fingerprints: the key a baseline and SARIF use to recognise a finding from run to run."""

from __future__ import annotations

from datetime import date

from checker.checks import Context, run_checks
from checker.findings import Finding, Location, Severity
from checker.model import Document


def test_the_review_date_finding_keeps_its_fingerprint_from_day_to_day(document: Document) -> None:
    def dat001(today: date) -> Finding:
        return next(f for f in run_checks(document, Context(today=today), select={"DAT001"}))

    first, later = dat001(date(2024, 1, 1)), dat001(date(2026, 6, 30))
    assert first.fingerprint() == later.fingerprint()


def test_fingerprints_ignore_the_numbers_a_message_quotes() -> None:
    def finding(message: str) -> Finding:
        return Finding("DAT001", "x", Severity.WARNING, message, (Location("manifest.yaml", 17, 12),))

    assert finding("passed 12 years before 2024-01-01").fingerprint() == \
        finding("passed 14 years before 2026-11-26").fingerprint()


def test_fingerprints_tell_findings_apart_by_code_clause_and_words() -> None:
    def finding(code: str, clause: str, message: str, line: int = 1) -> Finding:
        return Finding(code, "x", Severity.WARNING, message, (Location("parts/a.yaml", line, 1, clause),))

    base = finding("REF001", "sponsor", "see 2.1.4 does not resolve")
    assert base.fingerprint() == finding("REF001", "sponsor", "see 2.1.5 does not resolve", line=40).fingerprint()
    assert base.fingerprint() != finding("REF002", "sponsor", "see 2.1.4 does not resolve").fingerprint()
    assert base.fingerprint() != finding("REF001", "board", "see 2.1.4 does not resolve").fingerprint()
    assert base.fingerprint() != finding("REF001", "sponsor", "see Annex C does not resolve").fingerprint()
