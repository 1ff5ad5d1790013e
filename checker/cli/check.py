"""`fwdoc check [PATH]`: load a framework document, run every check, report the findings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from checker.checks import Context
from checker.checks.coverage import coverage_stats
from checker.checks.runner import source_findings
from checker.cli.common import UsageError, display_root, load_or_exit, parse_date, relocate, writable_output
from checker.findings import Finding, Severity, sort_findings
from checker.formats import Report, formatters


def _load_and_check(path: Path, today: str | None,
                    profiles: tuple[str, ...] = ()) -> tuple[list[Finding], dict[str, int], str]:
    """Findings with paths relative to the document (as fingerprints are computed), stats, title."""
    result = load_or_exit(path)
    day = parse_date(today)
    findings = source_findings(path, result, Context(today=day) if day is not None else Context())
    if profiles and result.document is not None:
        from checker.profiles import profile_findings

        findings = sort_findings([*findings, *(f for name in profiles
                                               for f in profile_findings(result.document, name))])
    stats: dict[str, int] = {}
    title = ""
    if result.document is not None:
        stats = dict(result.document.stats) | coverage_stats(result.document)
        title = result.document.manifest.title
    return findings, stats, title


def check_document(path: Path, today: str | None = None, baseline: Path | None = None,
                   write_baseline_to: Path | None = None,
                   profiles: tuple[str, ...] = ()) -> tuple[list[Finding], dict[str, int], str]:
    """Load and check; return findings (paths as the user sees them), stats and the title.

    With `baseline`, findings the baseline file lists are marked suppressed; with
    `write_baseline_to`, every finding not acknowledged in the source is written there first.
    """
    findings, stats, title = _load_and_check(path, today, profiles)
    if write_baseline_to is not None:
        from checker.checks.suppression import write_baseline

        write_baseline(write_baseline_to, findings)
    extra: list[Finding] = []
    if baseline is not None:
        from checker.checks.suppression import apply_baseline, read_baseline

        if not os.path.lexists(baseline):  # a FIFO or a device exists: read_baseline says what it is
            raise UsageError(f"{baseline}: no such baseline file; write one with --write-baseline FILE")
        findings, extra = apply_baseline(findings, read_baseline(baseline, baseline.as_posix()))
    return sort_findings(relocate(findings, display_root(path)) + extra), stats, title


@click.command("check")
@click.argument("path", type=click.Path(path_type=Path), default="framework", required=False)
@click.option("--format", "fmt", default="text", show_default=True,
              help="text, json, github, sarif or junit.")
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True,
              help="Exit 1 when a finding of this severity or worse is not suppressed.")
@click.option("--today", metavar="DATE", help="Judge dates (the review-by date) against DATE, not today.")
@click.option("--baseline", type=click.Path(path_type=Path), metavar="FILE",
              help="Report the findings FILE lists (accepted earlier) as suppressed.")
@click.option("--write-baseline", "write_baseline_to", type=click.Path(path_type=Path), metavar="FILE",
              help="Write every current finding to FILE as accepted, for later --baseline runs.")
@click.option("--profile", "profiles", multiple=True, metavar="NAME",
              help="Also check conformance to official guidance (comply or explain): uk-alb, scotland "
                   "(docs/profiles.md).")
def command(path: Path, fmt: str, output: Path | None, fail_on: str, today: str | None,
            baseline: Path | None, write_baseline_to: Path | None, profiles: tuple[str, ...]) -> None:
    """Check the framework document at PATH (default: framework/).

    Prints every finding with its file, line and column, grouped by file; exits 0 when there
    is no error, 1 when there is, 2 for a usage or I/O problem.

    \b
    Examples:
      fwdoc check
      fwdoc check framework --format json
      fwdoc check framework --format sarif --output fwdoc.sarif
      fwdoc check framework --write-baseline fwdoc-baseline.json
      fwdoc check framework --baseline fwdoc-baseline.json --fail-on warning
      fwdoc check framework --profile uk-alb
    """
    available = formatters()
    if fmt not in available:
        raise UsageError(f"unknown format '{fmt}'; expected one of {', '.join(sorted(available))}")
    writable_output(path if path.is_dir() else None, output)
    writable_output(None, write_baseline_to, "--write-baseline")
    if profiles:
        from checker.profiles import ProfileError, load

        for name in profiles:
            try:
                load(name)
            except ProfileError as err:
                raise UsageError(f"--profile: {err}") from None
    findings, stats, title = check_document(path, today, baseline, write_baseline_to, profiles)
    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    report = Report(findings, stats, display_root(path), title, color)
    text = available[fmt](report)
    if output is not None:
        from checker.fileio import write_atomic

        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
    threshold = Severity.parse(fail_on)
    failing = [f for f in findings if f.suppression is None and f.severity >= threshold]
    raise SystemExit(1 if failing else 0)
