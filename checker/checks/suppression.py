"""Suppression: findings a team has accepted stay in the report, marked suppressed, with why.

Two sources:

* an acknowledgement in the source, `acknowledge CODE [for names] because "reason"`: it
  matches the findings of CODE that involve every named actor or object (or, with no names,
  that point at the acknowledging clause).  The finding is reported as info, suppressed, with
  the reason and the clause as its authority.
* a baseline file (`fwdoc check --write-baseline FILE`, then `--baseline FILE`): findings
  whose fingerprint is listed are reported suppressed, with the reason the entry gives.

Nothing is ever dropped: an acknowledgement or baseline entry that matches nothing is itself
reported (ACK002, BAS002), so that stale suppressions do not pile up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker.findings import Finding, Location, Severity, Suppression
from checker.model import Acknowledgement, Document

BASELINE_VERSION = 1


def _matches(ack: Acknowledgement, finding: Finding) -> bool:
    if ack.code != finding.code:
        return False
    if ack.subjects:
        return set(ack.subjects) <= set(finding.subjects)
    return any(loc.clause == ack.clause for loc in finding.locations)


def apply_acknowledgements(document: Document, findings: list[Finding], known_codes: set[str],
                           report_unused: bool = True) -> list[Finding]:
    """Mark acknowledged findings suppressed (as info); report unknown and unused acknowledgements."""
    out: list[Finding] = []
    used: set[int] = set()
    for finding in findings:
        match = next((i for i, ack in enumerate(document.acknowledgements) if _matches(ack, finding)), None)
        if match is None:
            out.append(finding)
            continue
        used.add(match)
        ack = document.acknowledgements[match]
        clause = document.clauses.get(ack.clause)
        authority = clause.label if clause is not None else ack.clause
        suppression = Suppression("inSource", f"{ack.reason} (acknowledged in {authority})", ack.location)
        out.append(replace(finding, severity=Severity.INFO).with_suppression(suppression))
    for index, ack in enumerate(document.acknowledgements):
        names = f" for {', '.join(ack.subjects)}" if ack.subjects else ""
        if ack.code not in known_codes:
            out.append(Finding("ACK003", "unknown-check", Severity.ERROR,
                               f"the acknowledgement names {ack.code}, which is not a check code; see "
                               "docs/checks/index.md for the codes", (ack.location,)))
        elif report_unused and index not in used:
            out.append(Finding("ACK002", "unused-acknowledgement", Severity.WARNING,
                               f"the acknowledgement of {ack.code}{names} matches no finding; the "
                               "problem it accepted is gone, or the names do not match: remove it or "
                               "correct it", (ack.location,)))
    return out


# -- baseline files -------------------------------------------------------------------------


@dataclass(frozen=True)
class BaselineEntry:
    fingerprint: str
    code: str
    reason: str
    location: Location


@dataclass(frozen=True)
class Baseline:
    path: str  # as the user gave it
    entries: tuple[BaselineEntry, ...]
    problems: tuple[Finding, ...] = ()


def root_fingerprint(finding: Finding, prefix: str) -> str:
    """The fingerprint of a finding whose paths were made relative to the working folder
    (`prefix/...`): computed on the paths relative to the document, as the baseline does."""
    if prefix in ("", "."):
        return finding.fingerprint()
    head = prefix.rstrip("/") + "/"
    locations = tuple(replace(loc, file=loc.file.removeprefix(head)) for loc in finding.locations)
    return replace(finding, locations=locations).fingerprint()


def write_baseline(path: Path, findings: list[Finding], reason: str = "accepted when the baseline was written") -> None:
    """Write every unsuppressed finding's fingerprint to `path` (atomically, deterministically)."""
    from checker.fileio import write_atomic

    entries = []
    seen = set()
    for finding in sorted(findings, key=Finding.sort_key):
        if finding.suppression is not None:
            continue
        fingerprint = finding.fingerprint()
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        loc = finding.location
        entries.append({
            "fingerprint": fingerprint, "code": finding.code, "message": finding.message,
            "where": str(loc) + (f" ({loc.clause})" if loc.clause else ""), "reason": reason,
        })
    payload = {"tool": "fwdoc", "version": BASELINE_VERSION, "findings": entries}
    write_atomic(path, (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def read_baseline(path: Path, shown: str) -> Baseline:
    """Read a baseline file; problems with it become findings (BAS001), never a traceback."""
    def problem(message: str, line: int = 1, column: int = 1) -> Baseline:
        return Baseline(shown, (), (Finding("BAS001", "bad-baseline", Severity.ERROR, message,
                                            (Location(shown, line, column),)),))

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return problem(f"the baseline file cannot be read: {getattr(err, 'strerror', None) or err}", 0, 0)
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as err:
        return problem(f"the baseline file is not valid JSON: {err.msg}", err.lineno, err.colno)
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        return problem("the baseline file has no 'findings' list; write one with "
                       "`fwdoc check --write-baseline FILE`")
    lines = text.splitlines()
    entries = []
    problems = []
    for index, item in enumerate(data["findings"]):
        fingerprint = item.get("fingerprint") if isinstance(item, dict) else None
        if not isinstance(fingerprint, str) or not fingerprint:
            problems.append(Finding("BAS001", "bad-baseline", Severity.ERROR,
                                    f"baseline entry {index + 1} has no 'fingerprint'",
                                    (Location(shown, 1, 1),)))
            continue
        line = next((n for n, text_line in enumerate(lines, 1) if fingerprint in text_line), 1)
        column = lines[line - 1].find(fingerprint) + 1 if lines else 1
        entries.append(BaselineEntry(fingerprint, str(item.get("code", "")),
                                     str(item.get("reason") or "accepted in the baseline"),
                                     Location(shown, line, max(column, 1))))
    return Baseline(shown, tuple(entries), tuple(problems))


def apply_baseline(findings: list[Finding], baseline: Baseline) -> tuple[list[Finding], list[Finding]]:
    """Mark findings whose fingerprint the baseline lists as suppressed; return them and the
    findings about the baseline itself (stale entries, problems), whose paths are the user's."""
    by_print = {e.fingerprint: e for e in baseline.entries}
    used: set[str] = set()
    out: list[Finding] = []
    for finding in findings:
        entry = by_print.get(finding.fingerprint()) if finding.suppression is None else None
        if entry is None:
            out.append(finding)
            continue
        used.add(entry.fingerprint)
        out.append(finding.with_suppression(
            Suppression("external", f"{entry.reason} (baseline {baseline.path})", entry.location)))
    stale: list[Finding] = []
    for entry in baseline.entries:
        if entry.fingerprint not in used:
            stale.append(Finding("BAS002", "stale-baseline-entry", Severity.INFO,
                               f"the baseline entry for {entry.code or 'a finding'} ({entry.fingerprint}) "
                               "matches no finding any more; remove it", (entry.location,)))
    return out, stale + list(baseline.problems)
