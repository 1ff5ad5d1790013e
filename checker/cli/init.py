"""`fwdoc init DIR`: start a new framework document.

Writes a manifest with the numbering scheme asked for (checker/numbering/schemes.yaml), empty
registers, a first part (each headed by the line naming its JSON Schema, with a copy of the
schemas in schemas/: load/schemafiles.py), a CI workflow and a pre-commit configuration (the two templates are
data beside this module, init_files/), then prints the next steps.  DIR must be absent or
empty; the files are written into a temporary folder beside it and moved into place whole, so
that a failed run leaves nothing half-written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

import click
import yaml

from checker import __version__
from checker.cli.common import UsageError, output_folder, printable
from checker.load.schemafiles import FOLDER as SCHEMA_FOLDER
from checker.load.schemafiles import schema_copies, with_modelines
from checker.numbering import schemes

_TEMPLATES = "init_files"


def _manifest(title: str, publisher: str, numbering: str, first: str) -> str:
    data = {"title": title, "publisher": publisher, "language": "en-GB", "version": "0.1",
            "status": "draft", "numbering": numbering, "parts": [first], "amendments": "amendments"}
    return ("# The document's manifest (docs/format.md).  Add `published: YYYY-MM-DD` and\n"
            "# `review_by: YYYY-MM-DD` when they are known.\n"
            + yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def _first_part(numbering: str) -> tuple[str, str]:
    """The first part's id and YAML: a section with one paragraph, numbered by the scheme."""
    scheme = schemes()[numbering]
    printed = '\n    printed: "1.1"' if scheme.style == "hierarchical" else (
        '\n    printed: "1"' if scheme.flat else "")
    section = '\nprinted: "1"' if scheme.sections_numbered else ""
    return "purpose", (
        "# A part of the document (docs/format.md): its clauses, their text and their rules.\n"
        f"id: purpose\nkind: section\ntitle: Purpose{section}\n"
        "clauses:\n"
        f"  - id: purpose-of-this-document{printed}\n"
        "    text: |\n"
        "      This document sets out how the body and its sponsor department work together.\n")


def _files(title: str, publisher: str, numbering: str) -> dict[str, str]:
    first, part = _first_part(numbering)
    templates = resources.files("checker.cli").joinpath(_TEMPLATES)
    workflow = templates.joinpath("fwdoc-check.yml").read_text(encoding="utf-8")
    return {
        "manifest.yaml": _manifest(title, publisher, numbering, first),
        "actors.yaml": "# The actors register (docs/format.md): people, offices, bodies, groups.\nactors: []\n",
        "objects.yaml": "# The things the rules are about (docs/format.md).\nobjects: []\n",
        f"parts/{first}.yaml": part,
        "amendments/.gitkeep": "",
        ".github/workflows/fwdoc-check.yml": workflow.replace("@VERSION@", __version__),
        ".pre-commit-config.yaml": templates.joinpath("pre-commit-config.yaml").read_text(encoding="utf-8"),
    }


def _refuse(folder: Path) -> None:
    if os.path.lexists(folder) and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder; choose a new folder")
    if folder.is_symlink():
        raise UsageError(f"{folder}: is a symbolic link; choose a new folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageError(f"{folder}: is not empty; `fwdoc init` starts a new document in a new "
                         "or empty folder")
    if not folder.absolute().parent.is_dir():
        raise UsageError(f"{folder}: the folder {folder.absolute().parent} does not exist; create it "
                         "first (fwdoc does not create folders for its outputs)")


def _refresh_schemas(folder: Path) -> None:
    """Rewrite FOLDER/schemas/ (the copies the files' schema lines name) with this fwdoc's."""
    from checker.fileio import OutputError, write_atomic

    if not (folder / "manifest.yaml").is_file() or folder.is_symlink():
        raise UsageError(f"{folder}: no manifest.yaml here; --schemas refreshes the schema copies of "
                         "an existing document folder")
    target = folder / SCHEMA_FOLDER
    if target.is_symlink() or (os.path.lexists(target) and not target.is_dir()):
        raise UsageError(f"{target}: is not a folder; remove it first")
    try:
        target.mkdir(exist_ok=True)
        for relative, text in schema_copies().items():
            path = folder / relative
            if path.is_symlink() or (os.path.lexists(path) and not path.is_file()):
                raise UsageError(f"{path}: is not a regular file; remove it first")
            write_atomic(path, text.encode("utf-8"))
    except (OSError, OutputError) as err:
        raise UsageError(f"{target}: could not write the schemas: {printable(str(err))}") from None


@click.command("init")
@click.argument("folder", type=click.Path(path_type=Path, dir_okay=True, file_okay=False))
@click.option("--numbering", type=click.Choice(sorted(schemes())), default="hierarchical",
              show_default=True, help="How the document numbers itself (docs/format.md, Numbering).")
@click.option("--title", default="Framework Document", show_default=True, help="The document's title.")
@click.option("--publisher", default="The sponsor department", show_default=True,
              help="Who publishes it.")
@click.option("--schemas", "schemas_only", is_flag=True,
              help="Only refresh FOLDER/schemas/ of an existing document (after upgrading fwdoc): the "
                   "JSON Schemas its files' `yaml-language-server` lines name (docs/editors.md).")
def command(folder: Path, numbering: str, title: str, publisher: str, schemas_only: bool) -> None:
    """Start a new framework document in FOLDER (new or empty).

    Writes manifest.yaml (with the numbering scheme), empty actors and objects registers, a
    first part, amendments/, schemas/ (for editors: docs/editors.md), a CI workflow (.github/workflows/fwdoc-check.yml) and a pre-commit
    configuration, then prints the next steps.  `fwdoc check FOLDER` passes on the result.

    \b
    Examples:
      fwdoc init framework
      fwdoc init framework --numbering flat --title "Example Agency Framework Document"
      fwdoc init framework --schemas        refresh framework/schemas/ after an upgrade
    """
    if schemas_only:
        _refresh_schemas(folder)
        click.echo(f"wrote the JSON Schemas of fwdoc {__version__} to {printable(str(folder / SCHEMA_FOLDER))}")
        return
    _refuse(folder)
    output_folder(folder.absolute().parent, folder)
    # each source file names its JSON Schema (a copy in schemas/) for editors: docs/editors.md
    files = with_modelines(_files(title.strip() or "Framework Document",
                                  publisher.strip() or "The sponsor department", numbering))
    parent = folder.absolute().parent
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name[:40]}.", suffix=".init"))
    try:
        for name, text in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if folder.is_dir():
            folder.rmdir()  # empty (checked above): replaced by the finished folder
        os.rename(staging, folder)
    except OSError as err:
        raise UsageError(f"{folder}: could not write the new document: {printable(str(err))}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    where = printable(str(folder))
    click.echo(f"started a framework document in {where} (numbering: {numbering})")
    click.echo("\n".join([
        "",
        "Next steps:",
        f"  1. edit {where}/manifest.yaml: the title, the publisher, and the dates when known",
        f"  2. write the parts in {where}/parts/ (one file a part, listed in the manifest's parts)",
        f"  3. name the actors and objects in {where}/actors.yaml and objects.yaml, and formalise",
        "     each normative sentence as rules (docs/dsl.md, docs/formalising.md)",
        f"  4. fwdoc check {where}",
        f"  5. fwdoc publish {where} --format html --output build/framework.html; fwdoc site {where}",
        f"  6. git init {where}, commit, and let the workflow in .github/workflows/ judge each",
        "     change (fwdoc amend compare --base main)",
        "  To start from an existing document instead: fwdoc import FILE.md --output FOLDER",
    ]))
