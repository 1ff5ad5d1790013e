"""What the site is built from: the model, every finding `fwdoc check` reports, and the date.

Loaded once a build.  A document that cannot be read at all is a SiteError (the build stops
and the previous site stays); a document with findings is still built, and its home page
says what the check reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from checker.findings import Finding, Severity
from checker.model import Document


class SiteError(Exception):
    """The site cannot be built; the message says why, in plain English."""


@dataclass(frozen=True)
class SiteData:
    document: Document
    findings: tuple[Finding, ...]  # load and check findings, paths relative to the document
    today: date
    coverage: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    @cached_property
    def counts(self) -> Mapping[str, int]:
        """Unsuppressed findings by severity ('error', 'warning', 'info') and suppressed ones."""
        out = {str(s): 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        out["suppressed"] = 0
        for finding in self.findings:
            key = "suppressed" if finding.suppression is not None else str(finding.severity)
            out[key] += 1
        return MappingProxyType(out)


def load_site_data(path: Path, today: date | None = None) -> SiteData:
    """Load and check the document at `path`; raise SiteError when there is no model to show."""
    from checker.checks import Context
    from checker.checks.coverage import coverage_stats
    from checker.checks.runner import source_findings
    from checker.loader import LoadError, load_document

    try:
        result = load_document(path)
    except LoadError as err:
        raise SiteError(str(err)) from None
    if result.document is None:
        first = next((f for f in result.findings if f.severity is Severity.ERROR), None)
        reason = f"{first.location}: {first.message}" if first else "the manifest cannot be read"
        raise SiteError(f"{path}: the document cannot be loaded ({reason}); run `fwdoc check {path}`")
    document = result.document
    today = today or date.today()
    findings = source_findings(path, result, Context(today=today))
    return SiteData(document, tuple(findings), today, MappingProxyType(coverage_stats(document)))


def source_date_epoch(document: Document) -> int:
    """SOURCE_DATE_EPOCH for a build: the document's published date, at midnight UTC."""
    try:
        day = date.fromisoformat(str(document.manifest.published))
    except ValueError:
        return 0
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
