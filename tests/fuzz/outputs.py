"""What every output must be, whatever the findings say: shared by the format target and the
check-and-publish target.

- text (plain and in colour): a string;
- json: parses, and gives back every finding's message;
- sarif: parses and validates against the SARIF 2.1.0 schema in tests/data;
- junit: well-formed XML;
- github: one workflow command a finding (at most ten of a kind, then one notice), so a message
  can never start a command of its own;
- the HTML publication: no element that runs or embeds something, no event handler and no
  javascript: link, whatever the source says (the prose is escaped or sanitised).
"""

from __future__ import annotations

import json
import re
from functools import cache
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema

from checker.formats import Report, formatters
from tests.conftest import SARIF_SCHEMA
from tests.fuzz.harness import screened
from tests.fuzz.known import is_open

# characters XML 1.0 cannot carry, even escaped
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# elements that run or embed something; the templates use none of them
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "form"}
# a line end as read_yaml counts it (it reads CR, NEL, LS and PS as YAML does, and reports them)
LINE_END = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def line_count(raw: bytes) -> int:
    return len(LINE_END.split(raw.decode("utf-8", "replace")))


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

    from checker.formats.github import capped

    commands = [line for line in outputs["github"].split("\n") if line.startswith("::")]
    # at most ten of a kind (GitHub drops the rest of a step's), then the notice that counts them
    assert len(commands) == len(capped(report.findings)[0]) + 1, outputs["github"][:2000]


class _Elements(HTMLParser):
    """Every element and attribute a browser would see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.active: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.active.append(f"<{tag}>")
        self.active += [f"<{tag} {name}=...>" for name, _ in attrs if name.startswith("on")]
        self.active += [f"<{tag} {name}={value!r}>" for name, value in attrs
                        if name in ("href", "src") and value and value.strip().lower().startswith("javascript:")]


def check_html(html: str) -> None:
    assert isinstance(html, str) and html.strip()
    # the template's own print script (allowed by its hash in the page's CSP) is the one script
    # a page may carry; any other is the source's doing
    from checker.render.html import print_script

    own = f"<script>{print_script()[0]}</script>"
    html = html.replace(own, "", 1)
    parser = _Elements()
    parser.feed(html)
    parser.close()
    assert not parser.active, parser.active
