"""`fwdoc import FILE.md --output DIR`: a source scaffold from a Markdown document."""

from __future__ import annotations

import os
from pathlib import Path

import click

from checker.cli.common import UsageError, output_folder, printable

# What an import writes (checker/importer/writer.py: render_files): a folder holding only these
# is one an earlier import made (and perhaps a person edited), which --force may replace.
_IMPORTED = {"manifest.yaml": None, "actors.yaml": None, "objects.yaml": None,
             "parts": ".yaml", "amendments": "", "schemas": ".schema.json"}


def _not_imported(output: Path) -> str | None:
    """The first entry of `output` an import does not write (None when there is none)."""
    for entry in sorted(os.scandir(output), key=lambda e: e.name):
        if entry.name not in _IMPORTED:
            return entry.name
        suffix = _IMPORTED[entry.name]
        if suffix is None:
            if not entry.is_file(follow_symlinks=False):
                return entry.name
            continue
        if not entry.is_dir(follow_symlinks=False):
            return entry.name
        for inner in sorted(os.scandir(entry.path), key=lambda e: e.name):
            if not inner.is_file(follow_symlinks=False) or not inner.name.endswith(suffix):
                return f"{entry.name}/{inner.name}"
    return None


def _replaceable(source: Path, output: Path) -> None:
    """Refuse, before anything is written, an output --force must not replace: exit 2.

    --force renames the old folder aside and deletes it, so it may only ever delete an earlier
    import: never the folder holding the Markdown being imported, nor the working folder or a
    folder above it, nor a folder with anything else in it (a repository, notes)."""
    from checker.fileio import inside

    if not output.is_dir():
        return
    if inside(source, output):
        raise UsageError(f"--output {output}: holds {source}, the file being imported; "
                         "choose another folder")
    if inside(Path.cwd(), output):
        raise UsageError(f"--output {output}: is the working folder or holds it; choose another folder")
    try:
        extra = _not_imported(output)
    except OSError as err:
        raise UsageError(f"--output {output}: cannot read the folder: {printable(err.strerror or str(err))}") \
            from None
    if extra is not None:
        raise UsageError(f"--output {output}: holds {printable(extra)}, which an import does not write, so "
                         "--force will not replace it; remove it or choose a new folder")


def _holds_anything(output: Path) -> bool:
    try:
        with os.scandir(output) as entries:
            return any(True for _ in entries)
    except NotADirectoryError:
        return False  # a file: the importer says what is wrong with it
    except FileNotFoundError:
        return False
    except OSError as err:
        raise UsageError(f"--output {output}: cannot read the folder: {printable(err.strerror or str(err))}") \
            from None


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="The folder to write the scaffold into (must be empty or absent).")
@click.option("--force", is_flag=True,
              help="Replace a non-empty output folder an earlier import wrote (and nothing else).")
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
    output_folder(source.parent, output)  # never through a link (a committed one above all)
    if force:
        _replaceable(source, output)
    elif _holds_anything(output):
        raise UsageError(f"--output {output}: the folder is not empty; choose a new or empty folder, or pass "
                         "--force to replace what an earlier import wrote there")
    report = import_markdown(source, output, force=force)
    for finding in report.findings:
        click.echo(printable(f"{finding.file}:{finding.line}:{finding.column}: {finding.severity} "
                             f"{finding.message}"))
    if report.ok:
        click.echo(f"wrote the source scaffold to {output}")
    raise SystemExit(0 if report.ok else 1)
