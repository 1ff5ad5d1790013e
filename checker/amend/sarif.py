"""SARIF 2.1.0 for `fwdoc amend`: the amendment findings and the findings HEAD introduces.

Rule metadata comes from the amendment codes (codes.py) and, for `fwdoc check` findings,
from the check registry; each result carries the finding's stable fingerprint so that code
scanning tracks it across pushes.
"""

from __future__ import annotations

import json
from typing import Any

from checker import __version__
from checker.amend.codes import CODES
from checker.amend.judge import Judgement
from checker.findings import Finding, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFO_URI = "https://github.com/fwdoc/fwdoc/blob/main/docs/amendments.md"


def _rule(code: str, name: str, severity: Severity) -> dict[str, Any]:
    if code in CODES:
        help_text = CODES[code][2]
    else:
        from checker.checks import REGISTRY

        check = REGISTRY.get(code)
        help_text = check.summary if check else name
    return {
        "id": code, "name": name,
        "shortDescription": {"text": name.replace("-", " ")},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVEL[severity]},
    }


def _result(f: Finding, index: int) -> dict[str, Any]:
    locations = []
    for loc in f.locations or ():
        if not loc.file:
            continue
        physical: dict[str, Any] = {"artifactLocation": {"uri": loc.file}}
        if loc.line:
            physical["region"] = {"startLine": loc.line, "startColumn": max(loc.column, 1)}
        entry: dict[str, Any] = {"physicalLocation": physical}
        if loc.clause:
            entry["logicalLocations"] = [{"name": loc.clause, "kind": "member"}]
        locations.append(entry)
    out: dict[str, Any] = {
        "ruleId": f.code, "ruleIndex": index, "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "partialFingerprints": {"fwdoc/v1": f.fingerprint()},
    }
    if locations:
        out["locations"] = locations[:1]
        if len(locations) > 1:
            out["relatedLocations"] = [dict(loc, id=i) for i, loc in enumerate(locations[1:], start=1)]
    if f.suppression is not None:
        out["suppressions"] = [{"kind": f.suppression.kind, "justification": f.suppression.reason}]
    return out


def render(j: Judgement) -> str:
    findings = [*j.findings, *j.introduced]
    rules: dict[str, dict[str, Any]] = {}
    for f in findings:
        rules.setdefault(f.code, _rule(f.code, f.name, f.severity))
    codes = list(rules)
    run = {
        "tool": {"driver": {"name": "fwdoc amend", "version": __version__, "informationUri": INFO_URI,
                            "rules": list(rules.values())}},
        "results": [_result(f, codes.index(f.code)) for f in findings],
        "properties": {"verdict": "acceptable" if j.acceptable else "not acceptable",
                       "base": j.base_label, "head": j.head_label},
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2,
                      ensure_ascii=False) + "\n"
