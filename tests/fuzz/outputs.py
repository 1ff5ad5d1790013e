"""What every output must be, whatever the findings say: shared by the format target and the
check-and-publish target.

- text (plain and in colour): a string;
- json: parses, and gives back every finding's message;
- sarif: parses and validates against the SARIF 2.1.0 schema in tests/data;
- junit: well-formed XML;
- github: one workflow command a finding, so a message can never start a command of its own;
- the HTML publication: no element or event handler from the source (the prose is escaped).
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema

from checker.formats import Report, formatters
from tests.conftest import SARIF_SCHEMA
from tests.fuzz.harness import screened
from tests.fuzz.known import is_open

# characters XML 1.0 cannot carry, even escaped
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
ACTIVE_HTML = re.compile(r"<(script|iframe|object|embed|svg|math)\b|<[a-z][^<>]*\son[a-z]+\s*=", re.IGNORECASE)


@cache
def sarif_validator() -> Any:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def _texts(report: Report) -> str:
    """Every piece of source-controlled text a report carries."""
    parts = [report.document, report.title]
    for f in report.findings:
        parts += [f.code, f.name, f.message, *(str(loc) + (loc.clause or "") for loc in f.locations)]
        if f.suppression is not None:
            parts += [f.suppression.kind, f.suppression.reason]
    return "".join(parts)


def check_formats(report: Report) -> None:
    outputs: dict[str, str] = {}
    for name, render in sorted(formatters().items()):
        with screened():
            outputs[name] = render(report)
        assert isinstance(outputs[name], str), name
    with screened():
        coloured = formatters()["text"](Report(report.findings, report.stats, report.document, report.title, True))
    assert isinstance(coloured, str)

    data = json.loads(outputs["json"])
    assert [f["message"] for f in data["findings"]] == [f.message for f in report.findings]

    sarif = json.loads(outputs["sarif"])
    errors = sorted(sarif_validator().iter_errors(sarif), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert len(sarif["runs"][0]["results"]) == len(report.findings)

    if not (is_open("junit-control-characters") and XML_INVALID.search(_texts(report))):
        ET.fromstring(outputs["junit"].encode("utf-8"))

    commands = [line for line in outputs["github"].split("\n") if line.startswith("::")]
    assert len(commands) == len(report.findings), outputs["github"][:2000]


def check_html(html: str) -> None:
    assert isinstance(html, str) and html.strip()
    found = ACTIVE_HTML.search(html)
    assert found is None, html[max(found.start() - 200, 0):found.end() + 200] if found else ""
