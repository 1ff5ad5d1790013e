"""Human output: findings grouped by file, the place first, in colour on a terminal."""

from __future__ import annotations

from itertools import groupby

from checker.findings import Finding, Severity
from checker.formats import Report

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def line(finding: Finding, color: bool = False) -> str:
    loc = finding.location
    sev = _paint(str(finding.severity), _COLOURS[finding.severity], color)
    extra = ""
    if len(finding.locations) > 1:
        others = "; ".join(str(o) + (f" ({o.clause})" if o.clause else "") for o in finding.locations[1:])
        extra = f" [also: {others}]"
    suppressed = ""
    if finding.suppression is not None:
        suppressed = f" (suppressed: {finding.suppression.reason})"
    return f"{loc}: {sev} {finding.code} {finding.message} [{finding.name}]{extra}{suppressed}"


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
    out: list[str] = []
    for file, group in groupby(report.findings, key=lambda f: f.location.file):
        out.append(_paint(file or "(document)", "1", report.color))
        for finding in group:
            out.append("  " + line(finding, report.color))
        out.append("")
    out.append(summary(report))
    return "\n".join(out) + "\n"
