"""GitHub Actions output: workflow commands, so findings show as annotations on the pull request
(`::error file=...,line=...,col=...,title=CODE name::message`), and a job summary.

GitHub shows at most ten annotations of each kind (error, warning, notice) from one step and
drops the rest without a word.  So at most ten errors, ten warnings and nine notices are
emitted, most severe first and in the findings' order within a kind; then one notice (the
tenth) that gives the counts, says how many findings are not annotated and where to see them
all: the job summary (`job_summary`, appended to $GITHUB_STEP_SUMMARY by the command), which
has every finding in a table, and the command to run.

The message is escaped as GitHub's runner reads workflow commands (`escape.workflow_data`:
`%`, CR, LF) and the properties also for `:` and `,` (`escape.workflow_property`), so each
annotation is one line and a value can neither end the property list nor start a command.
The job summary is Markdown: every value through `escape.markdown_text` / `markdown_code`
(`formats.mdtext.markdown_message`), most severe first."""

from __future__ import annotations

from checker.escape import markdown_code, markdown_text, workflow_data, workflow_property
from checker.findings import Finding, Severity
from checker.formats import Report, help_uri
from checker.formats.mdtext import markdown_message
from checker.formats.text import counts, counts_line

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# what GitHub shows of each kind from one step; the last notice is kept for the summary line
LIMITS = {"error": 10, "warning": 10, "notice": 9}


def command_of(finding: Finding) -> str:
    """The annotation kind: a suppressed finding is a notice (reported, never hidden)."""
    return "notice" if finding.suppression is not None else _COMMANDS[finding.severity]


def annotation(finding: Finding) -> str:
    loc = finding.location
    command = command_of(finding)
    message = finding.message
    if len(finding.locations) > 1:
        others = "; ".join(str(o) + (f" ({o.clause})" if o.clause else "") for o in finding.locations[1:])
        message += f" [also: {others}]"
    if finding.suppression is not None:
        # reported, never hidden: a notice that says what was accepted and why
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


def capped(findings: list[Finding]) -> tuple[list[Finding], dict[str, int]]:
    """The findings to annotate (errors, then warnings, then notices, each at most its limit,
    in the given order within a kind) and how many of each kind are left out."""
    shown: list[Finding] = []
    left: dict[str, int] = {}
    for kind in ("error", "warning", "notice"):
        of_kind = [f for f in findings if command_of(f) == kind]
        shown += of_kind[:LIMITS[kind]]
        left[kind] = max(len(of_kind) - LIMITS[kind], 0)
    return shown, left


_KIND_WORDS = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "notice": ("note", "notes")}


def overflow_line(report: Report, left: dict[str, int], command: str = "fwdoc check") -> str:
    """The last notice: the counts, and what is not annotated and where it is."""
    text = counts_line(counts(report.counted if report.counted is not None else report.findings))
    missing = [f"{n} {_KIND_WORDS[kind][n != 1]}" for kind, n in left.items() if n]
    if missing:
        document = report.document or "."
        text += (f"; not annotated (GitHub shows 10 of each kind a step): {', '.join(missing)}; every finding "
                 f"is in the job summary, or run `{command} {document}`")
    if report.hidden:
        text += f"; {report.hidden} not shown ({report.hidden_why})"
    return f"::notice title={workflow_property('fwdoc check')}::{workflow_data(text)}"


def render(report: Report) -> str:
    shown, left = capped(report.findings)
    lines = [annotation(f) for f in shown]
    lines.append(overflow_line(report, left))
    return "\n".join(lines) + "\n"


_ICONS = {"error": "❌", "warning": "⚠️", "notice": "ℹ️"}
MAX_ROWS = 1000  # a job summary holds at most 1 MiB; the rest is counted, and in --format json


def job_summary(report: Report, title: str = "fwdoc check") -> str:
    """Every finding as a Markdown table, for $GITHUB_STEP_SUMMARY."""
    numbers = counts(report.counted if report.counted is not None else report.findings)
    lines = [f"## {markdown_text(title, line_start=False)}: {markdown_text(report.document or '.', line_start=False)}",
             "", markdown_text(counts_line(numbers)), ""]
    if report.findings:
        lines += ["| | Code | Place | Message |", "|---|---|---|---|"]
        ordered = sorted(report.findings, key=lambda f: (command_of(f) != "error", command_of(f) != "warning",
                                                          f.sort_key()))
        for finding in ordered[:MAX_ROWS]:
            kind = command_of(finding)
            code = markdown_text(finding.code)
            # a link only to a published page: docs/checks/ is in fwdoc's repository, not the reader's
            link = f"[{code}]({help_uri(finding.code, report.help_base)})" if report.help_base else code
            message = markdown_message(finding.message, table=True)
            if finding.suppression is not None:
                message = f"accepted: {message} ({markdown_message(finding.suppression.reason, table=True)})"
            lines.append(f"| {_ICONS[kind]} | {link} | {markdown_code(str(finding.location), table=True)} | "
                         f"{message} |")
        if len(report.findings) > MAX_ROWS:
            lines.append(f"| | | | … and {len(report.findings) - MAX_ROWS} more (run the command with `--format json`) |")
        lines.append("")
    return "\n".join(lines) + "\n"
