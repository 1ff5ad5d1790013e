"""`fwdoc build [PATH] --output build/`: the main job, in phases.

    1. check the document (load + every check), print the summary
    2. write the SARIF report (for code scanning), whatever the findings
    3. stop with exit status 1 if the check found errors: nothing is published
    4. publish the document as HTML, PDF and Markdown (checker/render/)
    5. build the website into OUTPUT/site
    6. say where each output is

Warnings never stop the job; errors do (after the report is written).  Every output is
written atomically: a failed step leaves that output as it was.  Every output path is checked
before step 1 (not inside the document folder, not a link or a device, the parent folder
there, no symbolic link on the output folder's way inside the working tree or the document's
repository): a refused output stops the job before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from checker.cli.common import (
    UsageError,
    display_root,
    output_folder,
    outside_document,
    parse_date,
    printable,
    progress,
    relocate,
    writable_output,
)
from checker.findings import Severity
from checker.model import Document


def _publishers() -> list[tuple[str, str, Callable[[Document], bytes]]]:
    """(label, file suffix, function) for each publication, from checker/render/."""

    def markdown(doc: Document) -> bytes:
        from checker.render.markdown import publish_markdown

        return publish_markdown(doc).encode("utf-8")

    def html(doc: Document) -> bytes:
        from checker.render.html import publish_html

        return publish_html(doc).encode("utf-8")

    def pdf(doc: Document) -> bytes:
        from checker.render.pdf import publish_pdf

        data: bytes = publish_pdf(doc)
        return data

    return [("html", ".html", html), ("pdf", ".pdf", pdf), ("markdown", ".md", markdown)]


@click.command("build")
@click.argument("path", type=click.Path(path_type=Path), default="framework", required=False)
@click.option("--output", "-o", type=click.Path(path_type=Path, file_okay=False), default=Path("build"),
              show_default=True, help="The folder for every output.")
@click.option("--today", metavar="DATE", help="Judge dates (the review-by date) against DATE, not today.")
@click.option("--quiet", "-q", is_flag=True, help="No progress spinner on a terminal.")
def command(path: Path, output: Path, today: str | None, quiet: bool) -> None:
    """Check the document at PATH, publish it and build its website, all into OUTPUT.

    Writes OUTPUT/fwdoc.sarif (the check's findings), OUTPUT/<name>.html, .pdf and .md (the
    publication) and OUTPUT/site/ (the website), and prints where each is.  Exits 0 when
    every output is written (warnings do not stop the job), 1 when the check finds errors
    (only the report is written) or an output cannot be built, 2 for a usage problem or an
    output that cannot be written.  OUTPUT must not be inside the document folder; it is
    created when missing, but not its parent folder.

    \b
    Examples:
      fwdoc build
      fwdoc build framework --output public
    """
    from checker.cli.site import build_site_or_exit
    from checker.fileio import OutputError, check_parent, write_atomic
    from checker.formats import Report, formatters
    from checker.formats.text import counts_line, line
    from checker.website.build import check_site_output
    from checker.website.data import SiteError, load_site_data

    if not path.is_dir():
        raise UsageError(f"{path}: not a folder; expected a framework document folder")
    name = path.resolve().name or "framework"
    targets = [output / "fwdoc.sarif"] + [output / f"{name}{suffix}" for _, suffix, _ in _publishers()]
    outside_document(path, output)
    output_folder(path, output)
    output_folder(path, output / "site")
    if not output.is_dir():
        try:
            check_parent(output.absolute())
        except OutputError as err:
            raise UsageError(str(err)) from None
    else:
        for target in targets:
            writable_output(path, target)
    try:
        check_site_output(path.resolve(), (output / "site").resolve())
    except SiteError as err:
        raise UsageError(str(err)) from None
    try:
        data = load_site_data(path, parse_date(today))
    except SiteError as err:
        click.echo(f"fwdoc build: {err}", err=True)
        raise SystemExit(1) from None
    document = data.document
    findings = relocate(list(data.findings), display_root(path))
    counts = data.counts
    click.echo(f"check: {counts_line(counts)} in {display_root(path)}")
    failed = False

    try:
        output.mkdir(exist_ok=True)
    except OSError as err:
        raise UsageError(f"{output}: cannot create the folder: {printable(err.strerror or str(err))}") from None
    stats = dict(document.stats) | dict(data.coverage)
    report = Report(findings, stats, display_root(path), document.manifest.title, False)
    target = output / "fwdoc.sarif"
    write_atomic(target, formatters()["sarif"](report).encode("utf-8"))
    click.echo(f"sarif: {display_root(target)}")

    errors = [f for f in findings if f.severity is Severity.ERROR and f.suppression is None]
    if errors:
        for finding in errors[:20]:
            click.echo("  " + line(finding).plain, err=True)
        if len(errors) > 20:
            click.echo(f"  ... and {len(errors) - 20} more (see `fwdoc check {display_root(path)}`)", err=True)
        click.echo("fwdoc build: the check found errors, so nothing was published; fix them and run again",
                   err=True)
        raise SystemExit(1)

    for label, suffix, publish in _publishers():
        target = output / f"{name}{suffix}"
        try:
            with progress(f"publishing the {label}" + (" (laying out pages: a few seconds)" if label == "pdf" else ""),
                          quiet):
                content = publish(document)
        except (OSError, ValueError, RuntimeError) as err:
            click.echo(f"{label}: not published: {printable(str(err))}", err=True)
            failed = True
            continue
        write_atomic(target, content)  # OutputError: exit 2, as for the report
        click.echo(f"{label}: {display_root(target)}")

    try:
        build_site_or_exit(path, output / "site", today, data=data)
    except SystemExit as exit_:
        if exit_.code:
            failed = True
    raise SystemExit(1 if failed else 0)
