"""SARIF 2.1.0 for `fwdoc amend`: the amendment findings and the findings HEAD introduces.

Built by the `fwdoc check` SARIF writer (checker/formats/sarif.py: locations, clause ids as
logical locations, stable fingerprints, suppressions), with the amendment codes' metadata
(codes.py) for its rules, its own tool name (so that code scanning keeps the two runs apart)
and the verdict as a run property.  Messages are escaped by that writer; hidden characters
are spelt as JSON escapes here too (`escape.json_inert`).
"""

from __future__ import annotations

import json

from checker.amend.judge import Judgement
from checker.escape import json_inert
from checker.findings import Severity
from checker.formats import Report
from checker.formats import sarif as check_sarif

TOOL = "fwdoc amend"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(j: Judgement, help_base: str = "") -> str:
    report = Report([*j.findings, *j.introduced], {}, j.document, j.title, help_base=help_base)
    payload = json.loads(check_sarif.render(report))
    run = payload["runs"][0]
    driver = run["tool"]["driver"]
    driver["name"] = TOOL
    run["properties"] = {**run.get("properties", {}), "verdict": "acceptable" if j.acceptable else "not acceptable",
                         "base": j.base_label, "head": j.head_label}
    return json_inert(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"
