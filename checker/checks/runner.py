"""Run every registered check on a model, in code order."""

from __future__ import annotations

from checker.checks.base import REGISTRY, Context
from checker.findings import Finding, sort_findings
from checker.model import Document


def run_checks(document: Document, context: Context | None = None,
               select: set[str] | None = None) -> list[Finding]:
    context = context or Context()
    findings: list[Finding] = []
    for code in sorted(REGISTRY):
        if select is not None and code not in select:
            continue
        findings.extend(REGISTRY[code].run(document, context))
    return sort_findings(findings)
