"""GitHub Actions output: one workflow command a finding, so findings show as annotations on
the pull request (`::error file=...,line=...,col=...,title=CODE name::message`).

The message is escaped as GitHub's runner reads workflow commands (`escape.workflow_data`:
`%`, CR, LF) and the properties also for `:` and `,` (`escape.workflow_property`), so each
annotation is one line and a value can neither end the property list nor start a command."""

from __future__ import annotations

from checker.escape import workflow_data, workflow_property
from checker.findings import Finding, Severity
from checker.formats import Report
from checker.formats.text import summary

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def annotation(finding: Finding) -> str:
    loc = finding.location
    command = _COMMANDS[finding.severity]
    message = finding.message
    if len(finding.locations) > 1:
        others = "; ".join(str(o) + (f" ({o.clause})" if o.clause else "") for o in finding.locations[1:])
        message += f" [also: {others}]"
    if finding.suppression is not None:
        # reported, never hidden: a notice that says what was accepted and why
        command = "notice"
        message = f"suppressed ({finding.suppression.kind}): {message} -- {finding.suppression.reason}"
    props = []
    if loc.file:
        props.append(f"file={workflow_property(loc.file)}")
    if loc.line:
        props.append(f"line={loc.line}")
        if loc.column:
            props.append(f"col={loc.column}")
    props.append(f"title={workflow_property(f'{finding.code} {finding.name}')}")
    return f"::{command} {','.join(props)}::{workflow_data(message)}"


def render(report: Report) -> str:
    lines = [annotation(f) for f in report.findings]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
