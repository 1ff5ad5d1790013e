"""Human output: findings grouped by file, the place first; in colour (rich) on a terminal.

Every value from the source (file names, clause ids, messages, reasons) goes through
`escape.terminal`: an ESC sequence, a control character or a bidi override in the source is
shown as a visible escape (`\\x1b`, `\\u202e`), never sent to the terminal."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.text import Text

from checker.escape import terminal
from checker.findings import Finding, Location, Severity
from checker.formats import Report

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def place(loc: Location) -> str:
    """A place as `file:line:column`, safe for a terminal."""
    return terminal(str(loc))


def also(finding: Finding) -> str:
    """The other places of a finding, each with its clause: `a.yaml:9:3 (two); ...`."""
    return "; ".join(place(o) + (f" ({terminal(o.clause)})" if o.clause else "") for o in finding.locations[1:])


def line(finding: Finding) -> Text:
    loc = finding.location
    out = Text()
    out.append(f"{place(loc)}: ")
    out.append(str(finding.severity), style=_STYLES[finding.severity])
    out.append(f" {terminal(finding.code)} ", style="bold")
    out.append(f"{terminal(finding.message)} ")
    out.append(f"[{terminal(finding.name)}]", style="dim")
    if len(finding.locations) > 1:
        out.append(f" [also: {also(finding)}]", style="dim")
    if finding.suppression is not None:
        out.append(f" (suppressed: {terminal(finding.suppression.reason)})", style="green")
    return out


def summary(report: Report) -> str:
    active = [f for f in report.findings if f.suppression is None]
    counts = {sev: sum(1 for f in active if f.severity is sev) for sev in Severity}
    suppressed = len(report.findings) - len(active)
    parts = [f"{counts[Severity.ERROR]} error(s)", f"{counts[Severity.WARNING]} warning(s)",
             f"{counts[Severity.INFO]} info"]
    if suppressed:
        parts.append(f"{suppressed} suppressed")
    stats = report.stats
    shape = ""
    if stats:
        shape = (f"; {stats.get('parts', 0)} parts, {stats.get('clauses', 0)} clauses, "
                 f"{stats.get('rules', 0)} rules, {stats.get('actors', 0)} actors, "
                 f"{stats.get('objects', 0)} objects")
        if "normative_sentences" in stats:
            shape += (f"; {stats['normative_sentences']} normative sentences: "
                      f"{stats.get('formalised', 0)} formalised, {stats.get('informal', 0)} informal, "
                      f"{stats.get('uncovered', 0)} uncovered")
    return ", ".join(parts) + shape


def render(report: Report) -> str:
    lines: list[Text] = []
    for file, group in groupby(report.findings, key=lambda f: f.location.file):
        lines.append(Text(terminal(file) or "(document)", style="bold underline"))
        for finding in group:
            lines.append(Text("  ") + line(finding))
        lines.append(Text(""))
    lines.append(Text(summary(report), style="bold"))
    if not report.color:
        return "\n".join(item.plain for item in lines) + "\n"
    console = Console(force_terminal=True, color_system="standard", width=100_000,
                      highlight=False, soft_wrap=True)
    with console.capture() as captured:
        for item in lines:
            console.print(item)
    return captured.get()
