"""Run every registered check on a model, in code order, then apply the document's own
acknowledgements (checks/suppression.py): acknowledged findings are kept, marked suppressed."""

from __future__ import annotations

from pathlib import Path

from checker.checks.base import REGISTRY, Context
from checker.checks.suppression import apply_acknowledgements
from checker.findings import Finding, sort_findings
from checker.gcpause import gc_paused
from checker.loader import LoadResult
from checker.model import Document


def run_checks(document: Document, context: Context | None = None,
               select: set[str] | None = None) -> list[Finding]:
    context = context or Context()
    findings: list[Finding] = []
    # the checks build many small index objects over a large model: a collection pass would
    # walk the whole model each time, so the collector waits until they are done (as in the loader)
    with gc_paused():
        for code in sorted(REGISTRY):
            if select is not None and code not in select:
                continue
            findings.extend(REGISTRY[code].run(document, context))
        findings = apply_acknowledgements(document, findings, set(REGISTRY), report_unused=select is None)
    return sort_findings(findings)


def source_findings(root: Path, loaded: LoadResult, context: Context | None = None) -> list[Finding]:
    """Everything `fwdoc check` reports on a document: what the loader found, what is wrong in
    its amendment records (they are part of the source), and what every check finds."""
    from checker.amend.records import load_records

    findings = list(loaded.findings)
    if loaded.document is not None:
        findings += load_records(root, loaded.document.manifest.amendments).findings
        findings += run_checks(loaded.document, context)
    return sort_findings(findings)
