"""SARIF 2.1.0 output (validated against the OASIS schema in tests/test_sarif.py).

One run; the tool's rules are every code the report uses, each with its name, short and
full description, help (from the check reference) and `helpUri`, the code's reference page
(on the site when its URL is known, else docs/checks/CODE.md: `formats.help_uri`); each result has its first place as
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
from checker.formats import Report, help_uri

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


def _rule(code: str, docs: dict[str, Any], base: str = "") -> dict[str, Any]:
    doc = docs.get(code)
    if doc is None:
        return {"id": code, "shortDescription": {"text": code}}
    page = help_uri(code, base)
    return {
        "id": code,
        "name": doc.name,
        "helpUri": page,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": doc.help_text},
        "help": {"text": _help_text(doc, page), "markdown": _help_markdown(doc, page)},
        "defaultConfiguration": {"level": _LEVELS[doc.severity]},
        "properties": {"family": doc.family, "tags": [doc.family]},
    }


def _help_text(doc: Any, page: str) -> str:
    out = doc.help_text
    if doc.fails:
        out += f"\n\nFails:\n{doc.fails}"
    if doc.passes:
        out += f"\n\nPasses:\n{doc.passes}"
    return out + f"\n\nReference: {page}"


def _help_markdown(doc: Any, page: str) -> str:
    out = f"{doc.summary}\n\n**Why it matters:** {doc.why}"
    if doc.fails:
        out += f"\n\n**Fails:**\n\n```\n{doc.fails}\n```"
    if doc.passes:
        out += f"\n\n**Passes:**\n\n```\n{doc.passes}\n```"
    return out + f"\n\nReference: [{doc.code}]({page})"


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
            "rules": [_rule(code, docs, report.help_base) for code in codes],
        }},
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": {"uri": file}} for file in files],
        "results": [_result(f, index[f.code], prefix) for f in report.findings],
    }
    if report.title:
        run["properties"] = {"document": report.document, "title": report.title}
    if report.help_base:  # never a placeholder host: the field is left out when no site is known
        run["tool"]["driver"]["informationUri"] = f"{report.help_base.rstrip('/')}/reference/checks/index.html"
    payload = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_inert(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"
