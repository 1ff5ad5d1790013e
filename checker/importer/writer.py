"""Write the imported document as the YAML source folder of docs/format.md.

The files are for a policy officer to read and edit: prose in literal block scalars ('|'), one
paragraph a line (nothing is wrapped), keys in a fixed order, no anchors. The same document
always gives byte-identical files. The folder is written beside its destination and renamed into
place, so a failed import never leaves half a folder behind.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import Any

import yaml

from checker.importer.model import Clause, Document, Manifest, Part, Table
from checker.load.schemafiles import with_modelines

_WIDTH = 1_000_000_000  # "never wrap": PyYAML wants a number


class Prose(str):
    """A string written as a literal block scalar."""


class Quoted(str):
    """A string written double-quoted, so that "1" or "0.1" stays a string to the eye as well."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # never anchors or aliases (docs/format.md)

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key ('clauses:\n  - id: ...'), as people write YAML.
        super().increase_indent(flow, False)


def _represent_prose(dumper: yaml.SafeDumper, data: Prose) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style="|")


def _represent_quoted(dumper: yaml.SafeDumper, data: Quoted) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style='"')


_Dumper.add_representer(Prose, _represent_prose)
_Dumper.add_representer(Quoted, _represent_quoted)


class OutputNotEmpty(Exception):
    """The output folder exists and has files in it; the import was not asked to replace it."""


def dump_yaml(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=_WIDTH,
        indent=2,
    )


def _prose(text: str | None) -> Prose | None:
    return Prose(text) if text else None


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None and v != [] and v != {}}


def _cell(markdown: str) -> str:
    # A cell of several paragraphs reads best as a block, like any other prose.
    return Prose(markdown + "\n") if "\n" in markdown else markdown


def table_data(table: Table) -> dict[str, Any]:
    return _compact(
        {
            "caption": table.caption,
            "columns": [{"id": c.id, "title": c.title} for c in table.columns],
            "rows": [
                {column.id: _cell(cell) for column, cell in zip(table.columns, row, strict=True)}
                for row in table.rows
            ],
        }
    )


def clause_data(clause: Clause) -> dict[str, Any]:
    return _compact(
        {
            "id": clause.id,
            "title": clause.title,
            "printed": Quoted(clause.printed) if clause.printed else None,
            "numbered": None if clause.numbered else False,
            "text": _prose(clause.text),
            "table": table_data(clause.table) if clause.table else None,
            "clauses": [clause_data(c) for c in clause.clauses],
        }
    )


def part_data(part: Part) -> dict[str, Any]:
    return _compact(
        {
            "id": part.id,
            "kind": part.kind,
            "title": part.title,
            "subtitle": part.subtitle,
            "printed": Quoted(part.printed) if part.printed else None,
            "text": _prose(part.text),
            "clauses": [clause_data(c) for c in part.clauses],
            "entries": [{"term": e.term, "expansion": e.expansion} for e in part.entries],
        }
    )


def manifest_data(manifest: Manifest) -> dict[str, Any]:
    signatory = manifest.signatory
    data: dict[str, Any] = {
        "title": manifest.title,
        "publisher": manifest.publisher,
        "language": manifest.language,
        "signatory": _compact(
            {"name": signatory.name, "title": signatory.title, "signature": signatory.signature}
        )
        if signatory
        else None,
        "description": _prose(manifest.description),
        "version": Quoted(manifest.version),
        "published": manifest.published,
        "status": manifest.status,
        "review_by": manifest.review_by,
        "numbering": manifest.numbering,
        "parts": list(manifest.parts),
        "amendments": manifest.amendments,
    }
    # dates an import cannot know are left out (they are optional until published), not null
    return {key: value for key, value in data.items() if value is not None}


def render_files(document: Document) -> dict[str, str]:
    """Relative path -> file content, for every file of the source folder."""
    manifest = document.manifest
    header = (
        f"# Imported by `fwdoc import` from {manifest.source_name}.\n"
        "# Set by hand before publishing: publisher (if UNKNOWN), version, status, and add\n"
        "# published: YYYY-MM-DD and review_by: YYYY-MM-DD.\n"
    )
    files = {
        "manifest.yaml": header + dump_yaml(manifest_data(manifest)),
        "actors.yaml": "# The actors register (docs/format.md): people, offices, bodies, groups.\n"
        + dump_yaml({"actors": []}),
        "objects.yaml": "# The things the rules are about (docs/format.md).\n" + dump_yaml({"objects": []}),
        "amendments/.gitkeep": "",
    }
    for part in document.parts:
        files[f"parts/{part.id}.yaml"] = dump_yaml(part_data(part))
    # each file names its JSON Schema (a copy in schemas/) for editors: docs/editors.md
    return with_modelines(files)


def check_output(output: Path, force: bool) -> str | None:
    """Why the output cannot be written to (None if it can)."""
    if output.exists() and not output.is_dir():
        return "exists and is not a folder: expected a folder (or no file) to write the import into"
    if output.is_dir() and any(output.iterdir()) and not force:
        return "is not empty: expected an empty or new folder (pass force to replace it)"
    return None


def write_folder(document: Document, output: Path, force: bool = False) -> None:
    """Write the folder next to `output`, then rename it into place."""
    problem = check_output(output, force)
    if problem:
        raise OutputNotEmpty(problem)
    parent = output.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = parent / f".{output.name}.import-{os.getpid()}-{secrets.token_hex(4)}"
    staging.mkdir()  # mkdir, not mkdtemp: the folder gets the user's usual permissions
    try:
        for relative, content in render_files(document).items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
        _swap_into_place(staging, output.absolute(), force)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_into_place(staging: Path, output: Path, force: bool) -> None:
    if output.is_dir() and not any(output.iterdir()):
        output.rmdir()
    old: Path | None = None
    if output.exists():
        if not force:
            raise OutputNotEmpty("is not empty: expected an empty or new folder (pass force to replace it)")
        old = output.with_name(f".{output.name}.replaced-{os.getpid()}-{secrets.token_hex(4)}")
        output.rename(old)
    try:
        staging.rename(output)
    except OSError:
        if old is not None:
            old.rename(output)  # put the previous import back
        raise
    if old is not None:
        shutil.rmtree(old)
