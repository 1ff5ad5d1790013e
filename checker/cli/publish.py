"""`fwdoc publish [PATH] --format html|pdf|md --output FILE [--as-at DATE]`: the publication.

Phases: load the document (as it stood on DATE with --as-at), refuse it if it has errors,
render it (each slow stage shown by a spinner on a terminal, not with --quiet), then write the
output atomically: a failed build leaves the previous file as it
was and exits 1 with the reason.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from checker.cli.common import (
    UsageError,
    display_root,
    load_or_exit,
    parse_date,
    printable,
    progress,
    relocate,
    writable_output,
)
from checker.findings import Severity, sort_findings
from checker.model import Document

FORMATS = ("html", "pdf", "md")


class BuildError(Exception):
    """The publication cannot be built; the message says why (exit status 1)."""


def _renderer(fmt: str) -> Callable[[Document], bytes]:
    if fmt == "md":
        from checker.render.markdown import publish_markdown

        return lambda doc: publish_markdown(doc).encode("utf-8")
    if fmt == "html":
        from checker.render.html import publish_html

        return lambda doc: publish_html(doc).encode("utf-8")
    from checker.render.pdf import publish_pdf

    return publish_pdf


def _records_readable(path: Path, as_at: str) -> None:
    """Refuse --as-at, exit 2, when an amendment record cannot be read or is not valid.

    The past is rebuilt by undoing the records; one left out (broken YAML, a misspelt key, a
    link out of the document) would make today's text pass for the text of DATE, silently."""
    from checker.amend.records import load_records

    errors = sort_findings([f for f in load_records(path).findings if f.severity is Severity.ERROR])
    if errors:
        shown = "\n".join(f"  {f.location}: {f.code} {f.message}" for f in errors[:20])
        more = f"\n  ... and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise UsageError(f"{display_root(path)}: cannot publish the document as at {as_at}: "
                         f"{len(errors)} amendment record problem(s), so its history cannot be "
                         f"rebuilt (see `fwdoc check`):\n{shown}{more}")


@contextmanager
def _source(path: Path, as_at: str | None) -> Iterator[Path]:
    """The folder to publish: PATH itself, or a temporary copy as it stood on the date."""
    if as_at is None:
        yield path
        return
    day = parse_date(as_at)
    assert day is not None
    from checker.amend.history import AsAtError, document_as_at

    _records_readable(path, as_at)
    try:
        with document_as_at(path, day) as folder:
            yield folder
    except AsAtError as err:
        raise UsageError(str(err)) from None  # the history cannot be rebuilt: could not judge, exit 2


def build(path: Path, fmt: str, as_at: str | None = None, quiet: bool = True) -> bytes:
    """Load and render; raise BuildError (with the findings) when the source has errors."""
    if not path.is_dir():
        raise UsageError(f"{path}: not a folder; expected a framework document folder")
    with _source(path, as_at) as folder:
        with progress("loading the document", quiet):
            result = load_or_exit(folder)
        errors = [f for f in result.findings if f.severity is Severity.ERROR]
        if errors or result.document is None:
            shown = sort_findings(relocate(errors, display_root(path)))
            lines = [f"  {f.location}: {f.severity} {f.code} {f.message} [{f.name}]" for f in shown[:20]]
            more = f"\n... and {len(shown) - 20} more" if len(shown) > 20 else ""
            raise BuildError(f"{display_root(path)} has {len(errors)} error(s); "
                             "fix them (see `fwdoc check`) before publishing:\n"
                             + "\n".join(lines) + more)
        stage = "laying out the PDF pages (a few seconds)" if fmt == "pdf" else f"rendering the {fmt} publication"
        try:
            with progress(stage, quiet):
                return _renderer(fmt)(result.document)
        except (OSError, ValueError, RuntimeError) as err:
            raise BuildError(f"could not render the {fmt} publication: {err}") from err


@click.command("publish")
@click.argument("path", type=click.Path(path_type=Path), default="framework", required=False)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True,
              help="html (one self-contained page), pdf (tagged A4) or md (one Markdown file).")
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="FILE",
              help="Write the publication to this file (required for pdf; md and html go to "
                   "standard output without it).")
@click.option("--as-at", "as_at", metavar="DATE",
              help="Publish the document as it stood on DATE (YYYY-MM-DD), from the amendment records.")
@click.option("--quiet", "-q", is_flag=True, help="No progress on a terminal, no closing line; errors only.")
def command(path: Path, fmt: str, output: Path | None, as_at: str | None, quiet: bool) -> None:
    """Publish the framework document at PATH (default: framework/) as HTML, PDF or Markdown.

    The output is written to a temporary file and renamed, so a failed build leaves the
    previous file untouched; a character device (/dev/stdout) is written through.  Exits 0
    on success, 1 when the document has errors or cannot be rendered, 2 for a usage problem
    or an output that cannot be written (a link, a folder, a missing folder, a full disk).

    \b
    Examples:
      fwdoc publish framework --format html --output build/framework.html
      fwdoc publish framework --format pdf --output build/framework.pdf
      fwdoc publish --format md --as-at 2009-01-01 --output framework-2009.md
    """
    if fmt == "pdf" and output is None:
        raise UsageError("--format pdf needs --output FILE")
    writable_output(path if path.is_dir() else None, output)
    try:
        data = build(path, fmt, as_at, quiet)
    except BuildError as err:
        click.echo(f"fwdoc publish: {printable(str(err), limit=20000, newlines=True)}", err=True)
        raise SystemExit(1) from None
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        raise SystemExit(0)
    from checker.fileio import OutputError, write_atomic

    try:
        write_atomic(output, data)
    except OutputError as err:
        click.echo(f"fwdoc publish: {printable(str(err))}", err=True)
        raise SystemExit(2) from None
    if not quiet:
        click.echo(f"wrote {output} ({fmt}, {len(data):,} bytes)", err=True)
    raise SystemExit(0)
