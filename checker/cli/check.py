"""`fwdoc check [PATH]`: load a framework document, run every check, report the findings."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from checker.cli.common import (
    UsageError,
    append_step_summary,
    display_root,
    load_or_exit,
    parse_date,
    relocate,
    writable_output,
)
from checker.findings import Finding, Severity, sort_findings
from checker.formats import Report, formatters, help_base_of

Checked = tuple[list[Finding], dict[str, int], str]


def _load_and_check(path: Path, today: str | None, profiles: tuple[str, ...] = ()) -> Checked:
    """Findings with paths relative to the document (as fingerprints are computed), stats, title.

    Kept in the cache with everything they depend on (`_result_key`): a second check of the
    same bytes with the same code reads them back instead of loading and checking."""
    from checker import cache

    day = parse_date(today)
    keyed = _result_key(path, day, profiles)
    if keyed is not None:
        found = _stored(cache.read(keyed[0]), keyed[1])
        if found is not None:
            return found
    checked = _load_and_check_now(path, day, profiles)
    if keyed is not None:
        cache.write(keyed[0], [keyed[1], *checked])
    return checked


def _result_key(path: Path, day: date | None, profiles: tuple[str, ...]) -> tuple[str, str] | None:
    """Where a whole check's result is kept and the digest of the folder it is the result of,
    or None (no cache, or a folder that cannot be summed: a link or a special file in it, see
    `cache.folder_digest`).  The entry is named by where the folder is (a message may name it),
    fwdoc's own code (every check, the grammar, the schemas, the libraries:
    `cache.code_version`), the day dates are judged against and the profiles; it holds the
    digest of the bytes of every file of the folder, so that each edit replaces the entry of
    the one before instead of adding one."""
    from checker import cache, findings

    where = cache.folder()
    # (no manifest: not a document, and the loader says so at once; a folder is summed only
    # when it is one, never a home folder or a whole repository by mistake)
    if where is None or not path.is_dir() or not (path / "manifest.yaml").is_file() \
            or (path / "manifest.yaml").is_symlink():
        return None
    from checker.load.source import MAX_BYTES

    digest = cache.folder_digest(path, file_limit=MAX_BYTES)
    if digest is None:
        return None
    cache.record_module(findings)
    cache.record_enum(Severity)
    name = cache.key("check-result", cache.code_version(), str(path.resolve()), (day or date.today()).isoformat(),
                     repr(profiles))
    return name, digest


def _stored(value: object, digest: str) -> Checked | None:
    """A cached result of the folder whose digest is `digest` (anything else is ignored)."""
    if not (isinstance(value, list) and len(value) == 4 and value[0] == digest):
        return None
    _, found, stats, title = value
    if not (isinstance(found, list) and all(isinstance(f, Finding) for f in found)
            and isinstance(stats, dict) and all(isinstance(k, str) for k in stats) and isinstance(title, str)):
        return None
    return found, stats, title


def _load_and_check_now(path: Path, day: date | None, profiles: tuple[str, ...]) -> Checked:
    from checker.checks import Context
    from checker.checks.coverage import coverage_stats
    from checker.checks.runner import source_findings

    result = load_or_exit(path)
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
        site_url = getattr(result.document.manifest, "site_url", None)  # for links to the reference
        if isinstance(site_url, str) and site_url:
            stats["site_url"] = site_url  # type: ignore[assignment]
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


SEVERITIES = ["error", "warning", "info"]
TEXT_WIDTH = 100  # columns when standard output is not a terminal (a CI log, a pre-commit run)


def _width(output: Path | None) -> int:
    """How wide text lines may be: the terminal's width, else TEXT_WIDTH (COLUMNS overrides)."""
    import shutil

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) >= 40:
        return int(columns)
    if output is None and sys.stdout.isatty():
        return max(shutil.get_terminal_size((TEXT_WIDTH, 24)).columns, 40)
    return TEXT_WIDTH


@click.command("check")
@click.argument("path", type=click.Path(path_type=Path), default="framework", required=False)
@click.option("--format", "fmt", default="text", show_default=True,
              help="text, json, github, sarif, junit or lsp-json (LSP diagnostics for editors: docs/editors.md).")
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--select", "select", multiple=True, metavar="CODES",
              help="Report only these codes or code prefixes (CON001, CON, DEL00); comma-separated, repeatable.")
@click.option("--ignore", "ignore", multiple=True, metavar="CODES",
              help="Do not report these codes or prefixes; the more specific of --select and --ignore wins.")
@click.option("--severity", type=click.Choice(SEVERITIES), default="info", show_default=True,
              help="Show findings of this severity or worse (the others still count and can fail the run).")
@click.option("--quiet", "-q", is_flag=True,
              help="Show only the findings that fail the run (see --fail-on), then the summary line.")
@click.option("--statistics", is_flag=True, help="Print how many findings each code has, instead of the findings.")
@click.option("--color", "color_choice", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour the text output (auto: on a terminal, unless NO_COLOR is set; "
                                      "FORCE_COLOR or CLICOLOR_FORCE force it).")
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
@click.option("--help-base-url", metavar="URL",
              help="The published site's URL, for links to each code's reference page (SARIF helpUri); "
                   "default: the manifest's site_url, else docs/checks/CODE.md.")
def command(path: Path, fmt: str, output: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
            severity: str, quiet: bool, statistics: bool, color_choice: str, fail_on: str, today: str | None,
            baseline: Path | None, write_baseline_to: Path | None, profiles: tuple[str, ...],
            help_base_url: str | None) -> None:
    """Check the framework document at PATH (default: framework/).

    Prints every finding with its line and column, grouped by file; exits 0 when there
    is no error, 1 when there is, 2 for a usage or I/O problem.

    \b
    Examples:
      fwdoc check
      fwdoc check framework --severity error           errors only (they fail the run)
      fwdoc check framework --select CON,DEL --ignore DEL006
      fwdoc check framework --statistics
      fwdoc check framework --format sarif --output fwdoc.sarif
      fwdoc check framework --format lsp-json          diagnostics for an editor
      fwdoc check framework --write-baseline fwdoc-baseline.json
      fwdoc check framework --baseline fwdoc-baseline.json --fail-on warning
      fwdoc check framework --profile uk-alb
    """
    from checker.cli.selection import SelectionError, choose, parse_codes, shown, use_color

    available = formatters()
    if fmt not in available:
        raise UsageError(f"unknown format '{fmt}'; expected one of {', '.join(sorted(available))}")
    if statistics and fmt != "text":
        raise UsageError("--statistics prints a table of counts; use it with --format text (the default)")
    # (the catalogue imports every check and reads their docstrings: only when codes are named)
    known: list[str] = []
    if select or ignore:
        from checker.checks.reference import catalogue

        known = list(catalogue())
    try:
        chosen_codes = parse_codes(select, known, "--select")
        ignored_codes = parse_codes(ignore, known, "--ignore")
    except SelectionError as err:
        raise UsageError(str(err)) from None
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
    findings = choose(findings, chosen_codes, ignored_codes)
    threshold = Severity.parse(fail_on)
    failing = [f for f in findings if f.suppression is None and f.severity >= threshold]
    color = use_color(color_choice, output is None and sys.stdout.isatty(), os.environ)
    if statistics:
        from checker.formats.text import statistics as table

        text = table(findings)
    else:
        view = shown(findings, Severity.parse(severity), quiet, threshold)
        site_url = stats.pop("site_url", None)
        report = Report(view.findings, stats, display_root(path), title, color,
                        help_base=help_base_of(help_base_url, site_url), width=_width(output), quiet=quiet,
                        hidden=view.hidden, hidden_why=view.why, counted=findings)
        text = available[fmt](report)
        if fmt == "github":
            from checker.formats.github import job_summary

            append_step_summary(job_summary(report))
    if output is not None:
        from checker.fileio import write_atomic

        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False, color=color)  # click would strip the colour off a pipe
    raise SystemExit(1 if failing else 0)

