"""Write an amendment record from the real change (`fwdoc amend record`).

The record's `changes`, `summary` and `before` are computed from BASE and HEAD, never typed:
what changed (clauses added, removed, changed, moved; register entries; manifest keys), the
semantic diff in words, and the before-images that let `--as-at` rebuild BASE.  The rest
(title, rationale, proposer, dates, approvals, status) comes from the options or, when the
record exists already, is kept as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.amend.diff import diff_sources, with_approvers
from checker.amend.records import amendments_folder, load_records, plain
from checker.amend.semantic import rule_diff
from checker.amend.tree import before_image, dump_yaml, load_tree
from checker.fileio import write_atomic
from checker.loader import load_document

KEY_ORDER = ("id", "title", "rationale", "proposer", "proposed", "in_force", "status", "approvals",
             "changes", "summary", "before")
HEADER = "# yaml-language-server: $schema=../../checker/schemas/amendment.schema.json\n"


@dataclass
class RecordOptions:
    id: str
    title: str | None = None
    rationale: str | None = None
    proposer: str | None = None
    proposed: str | None = None
    in_force: str | None = None
    status: str | None = None
    approvals: list[dict[str, str]] = field(default_factory=list)  # added to those already there
    rules_reviewed: list[str] = field(default_factory=list)


def record_data(base_root: Path, head_root: Path, options: RecordOptions) -> dict[str, Any]:
    """The record as data, ready to dump: what it had (if it exists) updated with the change.

    Raises RecordError when either folder holds a file that must not be read (guard.py)."""
    from checker.amend.guard import AmendError, check_folder

    for label, root in (("the version before the amendment", base_root), ("the document", head_root)):
        try:
            check_folder(root, f"{label} ({root})")
        except AmendError as err:
            raise RecordError(str(err)) from None
    base_tree, head_tree = load_tree(base_root), load_tree(head_root)
    base_doc, head_doc = load_document(base_root).document, load_document(head_root).document
    diff = with_approvers(diff_sources(base_tree, head_tree, base_doc, head_doc), base_root, head_root)
    existing = load_records(head_root).by_id().get(options.id)
    data: dict[str, Any] = plain(dict(existing.data)) if existing else {}
    data["id"] = options.id
    for key in ("title", "rationale", "proposer", "proposed", "in_force", "status"):
        value = getattr(options, key)
        if value is not None:
            data[key] = value
    data.setdefault("status", "proposed")
    approvals = list(data.get("approvals") or [])
    for approval in options.approvals:
        if approval not in approvals:
            approvals.append(approval)
    if approvals:
        data["approvals"] = approvals
    reviewed = list(dict.fromkeys([*((data.get("changes") or {}).get("rules_reviewed") or []),
                                   *options.rules_reviewed]))
    changes: dict[str, list[str]] = {kind: list(diff.ids(kind)) for kind in ("added", "removed", "changed", "moved")}
    if reviewed:
        changes["rules_reviewed"] = reviewed
    if diff.registers:
        changes["registers"] = [entry for _, entry, _ in diff.registers]
    if diff.manifest:
        changes["manifest"] = list(diff.manifest)
    data["changes"] = changes
    if base_doc is not None and head_doc is not None:
        data["summary"] = [s.line for s in rule_diff(base_doc, head_doc)]
    data["before"] = before_image(base_tree, head_tree)
    return {k: data[k] for k in (*KEY_ORDER, *[k for k in data if k not in KEY_ORDER]) if k in data}


def record_path(head_root: Path, record_id: str) -> Path:
    """Where the record goes: in the amendments folder, which must be inside the document
    folder (RecordError otherwise: a record is never written anywhere else)."""
    from checker.amend.guard import outside, records_folder

    folder = amendments_folder(head_root)
    rel = f"{folder}/{record_id}.yaml"
    refused = records_folder(head_root.resolve(), folder) or outside(head_root.resolve(), rel)
    if refused is not None:
        raise RecordError(f"the record cannot be written: {refused}")
    return head_root / rel


class RecordError(Exception):
    """The record would not be valid (e.g. approved without a date in force); nothing is written."""


def problems(data: dict[str, Any]) -> list[str]:
    """What is wrong with a record by its schema, in plain words."""
    from checker.load.schema import validator

    out = []
    for err in sorted(validator("amendment").iter_errors(data), key=lambda e: list(map(str, e.path))):
        where = ".".join(str(p) for p in err.absolute_path) or "the record"
        if err.validator == "required":
            missing = [k for k in err.validator_value if isinstance(err.instance, dict) and k not in err.instance]
            out.append(f"{where}: '{missing[0] if missing else '?'}' is required")
        else:
            out.append(f"{where}: {err.message}")
    return out


def write_record(base_root: Path, head_root: Path, options: RecordOptions) -> Path:
    """Write the record; raise RecordError (writing nothing) when it would not be valid."""
    path = record_path(head_root, options.id)
    data = record_data(base_root, head_root, options)
    wrong = problems(data)
    if wrong:
        raise RecordError("; ".join(wrong))
    path.parent.mkdir(parents=True, exist_ok=True)  # the amendments folder of a document that has none yet
    write_atomic(path, (_header(head_root, path) + dump_yaml(data)).encode("utf-8"))
    return path


def _header(head_root: Path, path: Path) -> str:
    """The line naming the record's schema, as the other files of the folder name theirs: the
    folder's own copy (`fwdoc init`/`import` write one), else a source tree's package schemas."""
    from checker.load.schemafiles import FOLDER, modeline, schema_name

    relative = path.relative_to(head_root).as_posix()
    if (head_root / FOLDER / schema_name("amendment")).is_file():
        return modeline(relative, "amendment")
    if (path.parent / "../../checker/schemas/amendment.schema.json").exists():
        return HEADER
    return ""
