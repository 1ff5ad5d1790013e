"""SARIF 2.1.0 output (validated against the OASIS schema in tests/test_sarif.py).

One run; the tool's rules are every code the report uses, each with its name, short and
full description and help (from the check reference); each result has its first place as
`locations`, the other places as `relatedLocations`, the clause id as a logical location, a
stable `partialFingerprints` entry and, for accepted findings, `suppressions` (inSource for
an acknowledgement in the document, external for a baseline entry).

Message texts from the source are escaped so that `[text](1)` is never an embedded link
(`escape.sarif_text`); hidden characters are spelt as JSON escapes (`escape.json_inert`).
"""

from __future__ import annotations

import json
from typing import Any

from checker import __version__
from checker.escape import json_inert, sarif_text
from checker.findings import Finding, Location, Severity
from checker.formats import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "fwdoc/v1"


def _physical(loc: Location) -> dict[str, Any]:
    out: dict[str, Any] = {"artifactLocation": {"uri": loc.file or "."}}
    if loc.line > 0:
        region: dict[str, Any] = {"startLine": loc.line}
        if loc.column > 0:
            region["startColumn"] = loc.column
        out["region"] = region
    return out


def _location(loc: Location, ident: int | None = None, message: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if ident is not None:
        out["id"] = ident
    out["physicalLocation"] = _physical(loc)
    if loc.clause:
        out["logicalLocations"] = [{"name": loc.clause, "kind": "member"}]
    if message:
        out["message"] = {"text": sarif_text(message)}
    return out


def _rule(code: str, docs: dict[str, Any]) -> dict[str, Any]:
    doc = docs.get(code)
    if doc is None:
        return {"id": code, "shortDescription": {"text": code}}
    page = f"docs/checks/{doc.page}"
    return {
        "id": code,
        "name": doc.name,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": doc.help_text},
        "help": {
            "text": f"{doc.help_text}\n\nFails:\n{doc.fails}\n\nPasses:\n{doc.passes}\n\nReference: {page}",
            "markdown": (f"{doc.summary}\n\n**Why it matters:** {doc.why}\n\n**Fails:**\n\n```\n{doc.fails}\n```\n\n"
                         f"**Passes:**\n\n```\n{doc.passes}\n```\n\nReference: `{page}`"),
        },
        "defaultConfiguration": {"level": _LEVELS[doc.severity]},
        "properties": {"family": doc.family, "tags": [doc.family]},
    }


def _result(finding: Finding, rule_index: int, prefix: str) -> dict[str, Any]:
    from checker.checks.suppression import root_fingerprint

    out: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": sarif_text(finding.message)},
    }
    if finding.locations:
        out["locations"] = [_location(finding.locations[0])]
        if len(finding.locations) > 1:
            out["relatedLocations"] = [
                _location(loc, index, f"also involved: {loc.clause or loc.file}")
                for index, loc in enumerate(finding.locations[1:], start=1)]
    out["partialFingerprints"] = {FINGERPRINT_KEY: root_fingerprint(finding, prefix)}
    if finding.suppression is not None:
        suppression: dict[str, Any] = {"kind": finding.suppression.kind, "status": "accepted",
                                       "justification": finding.suppression.reason}
        if finding.suppression.location is not None:
            suppression["location"] = _location(finding.suppression.location)
        out["suppressions"] = [suppression]
    if finding.subjects:
        out["properties"] = {"subjects": list(finding.subjects)}
    return out


def render(report: Report) -> str:
    from checker.checks.reference import catalogue

    docs = catalogue()
    codes = sorted({f.code for f in report.findings})
    index = {code: i for i, code in enumerate(codes)}
    prefix = report.document
    files = sorted({loc.file for f in report.findings for loc in f.locations if loc.file})
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "fwdoc",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": "https://fwdoc.invalid/docs/checks/",
            "rules": [_rule(code, docs) for code in codes],
        }},
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": {"uri": file}} for file in files],
        "results": [_result(f, index[f.code], prefix) for f in report.findings],
    }
    if report.title:
        run["properties"] = {"document": report.document, "title": report.title}
    payload = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_inert(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"
