"""Suppression: findings a team has accepted stay in the report, marked suppressed, with why.

Two sources:

* an acknowledgement in the source, `acknowledge CODE [for names] because "reason"`: it is
  bound to the one finding it answers, as a baseline entry is bound to a fingerprint: the same
  code, a place the finding points at (the acknowledging clause must be one of the clauses the
  finding involves, when it involves any), and exactly the actors, offices and objects the
  finding is about (every one named, none extra).  So `acknowledge SOD003 for
  director_general, oversight_board and delivery_agency` accepts the finding about those three that points
  at its clause, and a new SOD003 finding about the Director General elsewhere, or about
  another body, stays visible.  The finding is reported as info, suppressed, with the reason
  and the clause as its authority.
* a baseline file (`fwdoc check --write-baseline FILE`, then `--baseline FILE`): findings
  whose fingerprint is listed are reported suppressed, with the reason the entry gives.

Nothing is ever dropped: an acknowledgement or baseline entry that matches nothing is itself
reported (ACK002, BAS002), so that stale suppressions do not pile up; an unused
acknowledgement names the nearest finding and the names that would bind it.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker.findings import Finding, Location, Severity, Suppression
from checker.model import Acknowledgement, Document

BASELINE_VERSION = 1


def _nameable(document: Document, subject: str) -> bool:
    """A subject an acknowledgement can name: an actor, office or object of the registers
    (findings also carry glossary terms and part ids, which the language cannot name)."""
    return subject in document.actors or subject in document.offices or subject in document.objects


def _as_named(document: Document, subject: str) -> str:
    """A subject as an acknowledgement's name resolves: an office stands for its holder."""
    office = document.offices.get(subject) if subject not in document.actors else None
    return office.holder if office is not None else subject


def _named(document: Document, finding: Finding) -> frozenset[str]:
    return frozenset(_as_named(document, s) for s in finding.subjects if _nameable(document, s))


def _places(finding: Finding) -> set[str]:
    return {loc.clause for loc in finding.locations if loc.clause}


def bound(document: Document, ack: Acknowledgement, finding: Finding) -> bool:
    """Whether `ack` answers `finding`: same code, a place the finding points at (when it points
    at clauses) and exactly the names it is about.  A finding with neither clauses nor nameable
    subjects cannot be told from its look-alikes in the source: it takes a baseline entry."""
    if ack.code != finding.code:
        return False
    places = _places(finding)
    named = _named(document, finding)
    if not places and not named:
        return False
    if places and ack.clause not in places:
        return False
    return frozenset(ack.subjects) == named


def _identity(finding: Finding) -> tuple[str, frozenset[str]]:
    """What tells two findings an acknowledgement binds apart: code and every subject."""
    return finding.code, frozenset(finding.subjects)


def _label(document: Document, clause: str) -> str:
    found = document.clauses.get(clause)
    return found.label if found is not None else clause


def _about(document: Document, finding: Finding) -> str:
    names = sorted(_named(document, finding), key=lambda s: list(finding.subjects).index(s)
                   if s in finding.subjects else len(finding.subjects))
    places = sorted(_places(finding), key=lambda c: list(document.clauses).index(c)
                    if c in document.clauses else len(document.clauses))
    where = f" at {', '.join(_label(document, c) for c in places)}" if places else ""
    return f"{finding.code}{where} about {_join(names) if names else 'no named actor or object'}"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _nearest(document: Document, ack: Acknowledgement, findings: list[Finding]) -> Finding | None:
    """The finding an unused acknowledgement was most likely written for: same code, then the
    most places and names in common."""
    def score(finding: Finding) -> tuple[int, int]:
        return (int(ack.clause in _places(finding)), len(set(ack.subjects) & _named(document, finding)))

    candidates = [f for f in findings if f.code == ack.code and max(score(f)) > 0]
    return max(candidates, key=score, default=None)


def _unused_message(document: Document, ack: Acknowledgement, findings: list[Finding]) -> str:
    names = f" for {_join(list(ack.subjects))}" if ack.subjects else ""
    head = (f"the acknowledgement of {ack.code}{names} matches no finding: an acknowledgement "
            "answers one finding, by its code, a clause it points at and every actor, office or "
            "object it is about")
    near = _nearest(document, ack, findings)
    if near is None:
        return f"{head}; the problem it accepted is gone: remove it"
    fix = []
    named = _named(document, near)
    if frozenset(ack.subjects) != named:
        fix.append(f"write `acknowledge {ack.code}{' for ' + _join(sorted(named)) if named else ''}`")
    places = _places(near)
    if places and ack.clause not in places:
        fix.append(f"in a clause it points at ({', '.join(_label(document, c) for c in sorted(places))})")
    advice = " ".join(fix) or "remove it"
    return (f"{head}; the nearest is {_about(document, near)}: if that is the finding it accepts, "
            f"{advice}; otherwise remove it")


def apply_acknowledgements(document: Document, findings: list[Finding], known_codes: set[str],
                           report_unused: bool = True) -> list[Finding]:
    """Mark acknowledged findings suppressed (as info); report unknown and unused acknowledgements.

    An acknowledgement that binds findings of more than one identity (code and subjects:
    possible only through subjects the language cannot name) is ambiguous and accepts none."""
    acks = document.acknowledgements
    matches: dict[int, list[int]] = {}
    for index, ack in enumerate(acks):
        hits = [n for n, finding in enumerate(findings) if bound(document, ack, finding)]
        if len({_identity(findings[n]) for n in hits}) == 1:
            matches[index] = hits
    owner: dict[int, int] = {}
    for index, hits in matches.items():
        for n in hits:
            owner.setdefault(n, index)
    used = set(owner.values())
    out: list[Finding] = []
    for n, finding in enumerate(findings):
        if n not in owner:
            out.append(finding)
            continue
        ack = acks[owner[n]]
        clause = document.clauses.get(ack.clause)
        authority = clause.label if clause is not None else ack.clause
        suppression = Suppression("inSource", f"{ack.reason} (acknowledged in {authority})", ack.location)
        out.append(replace(finding, severity=Severity.INFO).with_suppression(suppression))
    for index, ack in enumerate(acks):
        if ack.code not in known_codes:
            out.append(Finding("ACK003", "unknown-check", Severity.ERROR,
                               f"the acknowledgement names {ack.code}, which is not a check code; see "
                               "docs/checks/index.md for the codes", (ack.location,)))
        elif report_unused and index not in used:
            bound_to = [f for f in findings if bound(document, ack, f)]
            if bound_to and index in matches:
                first = acks[owner[matches[index][0]]]
                message = (f"the acknowledgement of {ack.code} repeats the one at {first.location}, which "
                           f"already accepts {_about(document, bound_to[0])}; remove one of them")
            elif len({_identity(f) for f in bound_to}) > 1:
                message = (f"the acknowledgement of {ack.code} matches {len(bound_to)} different findings "
                           f"({'; '.join(sorted(_about(document, f) for f in bound_to))}) that the names it can "
                           "give do not tell apart, so it accepts none of them; accept the one it means "
                           "with a baseline entry (`fwdoc check --write-baseline`)")
            else:
                message = _unused_message(document, ack, findings)
            out.append(Finding("ACK002", "unused-acknowledgement", Severity.WARNING, message, (ack.location,)))
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


MAX_BASELINE_DEPTH = 64  # a baseline is three levels deep; as for a source file (SRC013)

# a JSON string token (escapes kept) or a bracket: enough to index fingerprints and measure nesting
_TOKEN = re.compile(r'"((?:[^"\\\n]|\\.)*)"|[\[\]{}]')


def _read_baseline_bytes(path: Path) -> bytes:
    """The bytes of a baseline file given on the command line, read like a source file: a
    regular file only (a FIFO never blocks, a device is never read), at most MAX_BYTES, and
    a symbolic link followed only when it stays inside the repository (or the folder) that
    holds the baseline.  Raises SourceRefused with a message about the baseline."""
    from checker.fileio import repository_root
    from checker.load.source import SourceRefused, read_source

    parent = path.parent if str(path.parent) else Path(".")
    root = repository_root(parent) or Path(os.path.realpath(parent))
    try:
        return read_source(path, root)
    except SourceRefused as err:
        if err.code != "SRC015":
            raise
        try:
            shown = f" (it points to {os.readlink(path)!a:.120})" if path.is_symlink() else ""
        except OSError:
            shown = ""
        raise SourceRefused(err.code, err.name,
                            f"the file is a symbolic link, or lies under one, that leads outside {root}"
                            f"{shown}; a baseline must be a file of the repository (it is not read)") from None


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _scan(text: str) -> tuple[dict[str, tuple[int, int]], int | None]:
    """One pass over the text: where each string first appears (line, column of its first
    character), and the offset of the first bracket nested deeper than MAX_BASELINE_DEPTH."""
    first: dict[str, int] = {}
    depth = 0
    too_deep = None
    for match in _TOKEN.finditer(text):
        token = match.group(1)
        if token is not None:
            first.setdefault(token, match.start(1))
        elif match.group() in "[{":
            depth += 1
            if depth > MAX_BASELINE_DEPTH and too_deep is None:
                too_deep = match.start()
                break
        else:
            depth -= 1
    # offsets to (line, column) in one more pass: line starts are found once, not per entry
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    return {token: where(offset) for token, offset in first.items()}, too_deep


def read_baseline(path: Path, shown: str) -> Baseline:
    """Read a baseline file; problems with it become findings (BAS001), never a traceback.

    The file is read through the guarded reader (see `_read_baseline_bytes`); each entry's
    place in the file is found from one index of the file's strings, so the time is linear
    in the file's size; nesting deeper than MAX_BASELINE_DEPTH is a finding at the bracket
    that goes too deep, not a RecursionError."""
    from checker.load.source import SourceRefused

    def problem(message: str, line: int = 1, column: int = 1) -> Baseline:
        return Baseline(shown, (), (Finding("BAS001", "bad-baseline", Severity.ERROR, message,
                                            (Location(shown, line, column),)),))

    try:
        text = _read_baseline_bytes(path).decode("utf-8")
    except SourceRefused as err:
        return problem(f"the baseline file cannot be read: {err.message}", 0, 0)
    except UnicodeDecodeError as err:
        return problem(f"the baseline file cannot be read: it is not UTF-8 ({err.reason} at byte {err.start})",
                       0, 0)
    places, too_deep = _scan(text)
    if too_deep is not None:
        return problem(f"the baseline file is not valid JSON: nested more than {MAX_BASELINE_DEPTH} levels deep",
                       *_position(text, too_deep))
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as err:
        return problem(f"the baseline file is not valid JSON: {err.msg}", err.lineno, err.colno)
    except RecursionError:  # the scan above should have caught it; never a traceback
        return problem(f"the baseline file is not valid JSON: nested more than {MAX_BASELINE_DEPTH} levels deep")
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        return problem("the baseline file has no 'findings' list; write one with "
                       "`fwdoc check --write-baseline FILE`")
    entries = []
    problems = []
    for index, item in enumerate(data["findings"]):
        fingerprint = item.get("fingerprint") if isinstance(item, dict) else None
        if not isinstance(fingerprint, str) or not fingerprint:
            problems.append(Finding("BAS001", "bad-baseline", Severity.ERROR,
                                    f"baseline entry {index + 1} has no 'fingerprint'",
                                    (Location(shown, 1, 1),)))
            continue
        line, column = places.get(fingerprint, (1, 1))
        entries.append(BaselineEntry(fingerprint, str(item.get("code", "")),
                                     str(item.get("reason") or "accepted in the baseline"),
                                     Location(shown, line, column)))
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
