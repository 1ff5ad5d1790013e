"""JSON output: a `findings` list and a `stats` object (see docs/cli.md).

The data is exact; hidden characters from the source (bidi overrides, DEL, C1 controls) are
spelt as `\\uXXXX` escapes (`escape.json_inert`), so the file is inert on a terminal too."""

from __future__ import annotations

import json

from checker import __version__
from checker.escape import json_inert
from checker.findings import Severity
from checker.formats import Report


def render(report: Report) -> str:
    counted = report.counted if report.counted is not None else report.findings  # hidden ones count too
    active = [f for f in counted if f.suppression is None]
    payload = {
        "tool": {"name": "fwdoc", "version": __version__},
        "document": report.document,
        "findings": [f.to_dict() for f in report.findings],
        "summary": {str(sev): sum(1 for f in active if f.severity is sev) for sev in Severity}
        | {"suppressed": len(counted) - len(active), "not_shown": report.hidden},
        "stats": report.stats,
    }
    return json_inert(json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=False)) + "\n"
