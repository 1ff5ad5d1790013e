"""Which findings a run reports and shows: `--select` / `--ignore` by code or code prefix (as
ruff reads them), `--severity` and `--quiet`, and whether the output is in colour.

`--select` and `--ignore` decide what is checked: an ignored finding is neither shown nor
counted, and does not fail the run.  `--severity` and `--quiet` decide only what is shown: a
hidden finding still counts, in the summary line and for the exit status.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from checker.findings import Finding, Severity

# a code (CON001) or a prefix of one (CON, CON0, C); `ALL` selects every code
_ITEM = re.compile(r"[A-Z]{1,3}[0-9]{0,3}|ALL")


class SelectionError(ValueError):
    """A --select or --ignore value that is not a list of known codes or prefixes."""


def parse_codes(values: Iterable[str], known: Iterable[str], option: str = "--select") -> tuple[str, ...]:
    """The codes and prefixes of one option (repeatable, each value comma- or space-separated),
    upper-cased, in order, without repeats.  Each must be a code or the prefix of at least one
    known code: a typo would otherwise select nothing and pass every run silently."""
    codes = sorted(set(known))
    out: list[str] = []
    for value in values:
        for raw in re.split(r"[,\s]+", value.strip()):
            if not raw:
                continue
            item = raw.upper()
            if not _ITEM.fullmatch(item):
                raise SelectionError(f"{option} '{raw}': expected a code such as CON001 or a prefix such as "
                                     "CON (letters, then digits)")
            if item != "ALL" and not any(code.startswith(item) for code in codes):
                from checker.suggest import did_you_mean

                families = sorted({code[:3] for code in codes})
                raise SelectionError(f"{option} '{raw}': no code is or starts with {item}"
                                     f"{did_you_mean(item, families if len(item) <= 3 else codes, 0.6)}")
            if item not in out:
                out.append(item)
    return tuple(out)


def _longest(code: str, prefixes: tuple[str, ...]) -> int:
    """The length of the longest prefix that matches `code` (ALL matches with length 0); -1 if none."""
    best = -1
    for prefix in prefixes:
        if prefix == "ALL":
            best = max(best, 0)
        elif code.startswith(prefix):
            best = max(best, len(prefix))
    return best


def selected(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Whether a code is reported: the most specific matching prefix decides (`--select CON
    --ignore CON003` drops CON003 only; `--select CON003 --ignore CON` keeps it), an ignore
    wins a tie, and no --select means every code."""
    chosen = _longest(code, select) if select else 0
    return chosen >= 0 and chosen > _longest(code, ignore)


def choose(findings: list[Finding], select: tuple[str, ...], ignore: tuple[str, ...]) -> list[Finding]:
    return [f for f in findings if selected(f.code, select, ignore)]


@dataclass(frozen=True)
class Shown:
    findings: list[Finding]
    hidden: int
    why: str


def shown(findings: list[Finding], severity: Severity, quiet: bool, fail_on: Severity) -> Shown:
    """The findings to show: at or above `severity`; with `quiet` only those that fail the run
    (not suppressed, at or above `fail_on`)."""
    if quiet:
        out = [f for f in findings if f.suppression is None and f.severity >= max(fail_on, severity)]
        why = "--quiet shows only what fails the run"
    else:
        out = [f for f in findings if f.severity >= severity]
        why = f"--severity {severity} shows {'errors only' if severity is Severity.ERROR else 'errors and warnings'}"
    return Shown(out, len(findings) - len(out), why)


_OFF = ("", "0", "false", "no")


def use_color(choice: str, is_tty: bool, env: Mapping[str, str]) -> bool:
    """`--color always|never` decides; with `auto`, NO_COLOR (any non-empty value) turns colour
    off, then FORCE_COLOR or CLICOLOR_FORCE (non-empty, not 0/false/no) turn it on, else colour
    only on a terminal.  See https://no-color.org and https://force-color.org."""
    if choice in ("always", "never"):
        return choice == "always"
    if env.get("NO_COLOR", ""):
        return False
    if any(env.get(name, "").strip().lower() not in _OFF for name in ("FORCE_COLOR", "CLICOLOR_FORCE")):
        return True
    return is_tty
