"""Which JSON Schema describes which source file, and the lines that tell an editor so.

An editor with the YAML language server (VS Code's YAML extension, and any editor that runs
yaml-language-server) completes keys, shows descriptions and flags errors as one types when a
file names its schema in a first-line comment:

    # yaml-language-server: $schema=../schemas/part.schema.json

The reference is a path relative to the file, to a copy of the package's schemas that
`fwdoc init` and `fwdoc import` write into the document folder (`schemas/`): it works offline
and needs no server, and the copy is the schema of the fwdoc that wrote it (the schemas' `$id`
URLs are names, not addresses: nothing is served there).  `fwdoc init` refreshes nothing in an
existing folder; docs/editors.md says how to refresh the copy after an upgrade.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from checker.load.schema import SCHEMA_DIR

# where the copies live inside a document folder
FOLDER = "schemas"

# every kind of source file with a schema; the loader validates the first five
# (load/schema.py KINDS), the optional registers named by the manifest the rest
KINDS = ("manifest", "actors", "objects", "part", "amendment", "conditions", "approvers", "vocabulary")

# a file's schema by its place in the folder; the manifest's `conditions:`, `approvers:` and
# `vocabulary:` files are found by name in `kind_of`
_FIXED = {"manifest.yaml": "manifest", "actors.yaml": "actors", "objects.yaml": "objects"}
_FOLDERS = {"parts": "part", "amendments": "amendment"}
_NAMED = {"conditions": "conditions", "approvers": "approvers", "vocabulary": "vocabulary"}


def schema_name(kind: str) -> str:
    return f"{kind}.schema.json"


def schema_path(kind: str) -> Path:
    """The package's own copy of a schema (shipped in the wheel as checker/schemas/)."""
    if kind not in KINDS:
        raise KeyError(kind)
    return SCHEMA_DIR / schema_name(kind)


def kind_of(relative: str, manifest: dict[str, object] | None = None) -> str | None:
    """The schema kind of a file of the document folder (a POSIX path relative to it), or None."""
    if relative in _FIXED:
        return _FIXED[relative]
    folder, _, name = relative.partition("/")
    if folder in _FOLDERS and name.endswith(".yaml") and "/" not in name:
        return _FOLDERS[folder]
    for key, kind in _NAMED.items():
        value = (manifest or {}).get(key)
        if isinstance(value, str) and posixpath.normpath(value) == relative:
            return kind
    return None


def modeline(relative: str, kind: str) -> str:
    """The first line naming the schema of the file at `relative` (with its newline)."""
    depth = relative.count("/")
    target = posixpath.join(*([".."] * depth), FOLDER, schema_name(kind)) if depth else \
        posixpath.join(FOLDER, schema_name(kind))
    return f"# yaml-language-server: $schema={target}\n"


def schema_copies() -> dict[str, str]:
    """{path in the document folder: text}: a copy of every schema, for the modelines to name."""
    return {f"{FOLDER}/{schema_name(kind)}": schema_path(kind).read_text(encoding="utf-8") for kind in KINDS}


def with_modelines(files: dict[str, str]) -> dict[str, str]:
    """The files of a new document folder, each YAML source file headed by its modeline, and
    the schema copies those lines name."""
    out: dict[str, str] = {}
    for relative, text in files.items():
        kind = kind_of(relative)
        out[relative] = modeline(relative, kind) + text if kind is not None else text
    out.update(schema_copies())
    return out
