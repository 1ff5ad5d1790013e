"""`fwdoc import FILE.md --output DIR`: a source scaffold from a Markdown document."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli.common import UsageError, printable


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="The folder to write the scaffold into (must be empty or absent).")
@click.option("--force", is_flag=True, help="Replace a non-empty output folder.")
def command(source: Path, output: Path, force: bool) -> None:
    """Turn a framework document written in Markdown into a source scaffold.

    Writes manifest.yaml, empty actors and objects registers and one YAML file a part; drops
    what a publication regenerates (the contents list, page numbers) and reports everything
    it could not place instead of dropping it.  Finish by hand what an importer cannot know:
    the registers, the rules, the dates.

    \b
    Example:
      fwdoc import our-framework.md --output framework
    """
    from checker.fileio import OutputError, check_parent
    from checker.importer import import_markdown

    if not source.is_file():
        raise UsageError(f"{source}: no such file")
    try:
        check_parent(output.absolute())  # a typo in --output is not a reason to create folders
    except OutputError as err:
        raise UsageError(str(err)) from None
    report = import_markdown(source, output, force=force)
    for finding in report.findings:
        click.echo(printable(f"{finding.file}:{finding.line}:{finding.column}: {finding.severity} "
                             f"{finding.message}"))
    if report.ok:
        click.echo(f"wrote the source scaffold to {output}")
    raise SystemExit(0 if report.ok else 1)
