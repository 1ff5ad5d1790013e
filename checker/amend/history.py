"""Amendment history and point in time, from the records alone.

For the publication and the website:

* `history(document)` -> the amendment history table, oldest first (`AmendmentEntry`);
* `clause_notes(document)` -> for each amended clause, the amendments that changed it (the
  note a publication prints under the clause: "Amended by A-2009-01, in force 1 April 2009");
* `clause_history(document, clause_id)` -> the versions of one clause (`ClauseVersion`);
* `document_as_at(root, date)` -> a context manager giving a temporary document folder as the
  document stood on DATE; `write_as_at(root, date, target)` writes it to a folder you keep.

The document as at DATE is the current source with every amendment not yet in force on DATE
undone, latest first, by applying its record's before-images (see tree.py).  Nothing else is
read: no git history, so it works in a shallow clone and in a downloaded copy.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from checker.amend.guard import AmendError, check_folder, not_regular
from checker.amend.records import Approval, Record, RecordSet, load_records
from checker.amend.tree import REGISTERS, SourceTree, load_tree, part_data, restore, stray_before, write_tree
from checker.model import Document


class AsAtError(Exception):
    """The document cannot be rebuilt for that date (a record without before-images, a bad date,
    before-images that give no valid document, a file that must not be read)."""


@dataclass(frozen=True)
class AmendmentEntry:
    """One row of the amendment history table."""

    id: str
    title: str
    status: str
    proposed: str
    in_force: str | None
    approvals: tuple[Approval, ...]
    clauses: tuple[str, ...]  # every clause id it touches: added, removed, changed, moved
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    moved: tuple[str, ...]
    summary: tuple[str, ...]  # the semantic diff in words, as `fwdoc amend record` wrote it
    rationale: str
    proposer: str
    file: str  # the record, relative to the document root

    @classmethod
    def of(cls, record: Record) -> AmendmentEntry:
        c = record.changes
        return cls(record.id, record.title, record.status, record.proposed, record.in_force,
                   record.approvals, c.clauses, c.added, c.removed, c.changed, c.moved,
                   record.summary, record.rationale, record.proposer, record.file)


@dataclass(frozen=True)
class ClauseVersion:
    """One version of a clause: its own fields from `since` until `until` (None: still current)."""

    clause: str
    exists: bool  # False for the time before it was added or after it was removed
    since: str | None  # date in force of the amendment that made this version (None: original)
    since_amendment: str | None
    until: str | None
    until_amendment: str | None
    title: str | None = None
    text: str = ""
    rules: str = ""
    fields: dict[str, Any] | None = None  # every field of the clause as written in the source


def _day(value: date | str) -> str:
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise AsAtError(f"'{value}' is not a date; expected YYYY-MM-DD") from None


def _records(root: Path) -> RecordSet:
    return load_records(root)


def history(document: Document, statuses: tuple[str, ...] = ("approved", "in-force"),
            as_at: date | str | None = None) -> list[AmendmentEntry]:
    """The amendments of the document in the order they apply (by date in force, then id).

    By default only approved and in-force amendments; with `as_at`, only those in force on
    that date.  Records that cannot be read are left out (`fwdoc amend` reports them).
    """
    day = _day(as_at) if as_at is not None else None
    out = []
    for record in _records(document.root).in_order():
        if record.status not in statuses:
            continue
        if day is not None and not record.in_force_on(day):
            continue
        out.append(AmendmentEntry.of(record))
    return out


def clause_notes(document: Document, as_at: date | str | None = None) -> dict[str, list[AmendmentEntry]]:
    """For each clause an amendment touched, those amendments in order."""
    out: dict[str, list[AmendmentEntry]] = {}
    for entry in history(document, as_at=as_at):
        for clause in entry.clauses:
            out.setdefault(clause, []).append(entry)
    return out


def clause_history(document: Document | Path, clause_id: str) -> list[ClauseVersion]:
    """The versions of one clause, oldest first, the current one last.

    Built from the before-images of the live records that touch the clause (in the order
    they apply) and the current source.  A clause no record touches has one version.
    """
    root = document.root if isinstance(document, Document) else Path(document)
    records = [r for r in _records(root).in_order()
               if r.live and r.before is not None and clause_id in (r.before.get("clauses") or {})]
    current = load_tree(root).nodes.get(clause_id)
    # the fields before each record, then the current fields
    states: list[dict[str, Any] | None] = [r.before["clauses"][clause_id] for r in records if r.before]
    states.append(current)
    out: list[ClauseVersion] = []
    for index, fields in enumerate(states):
        prev = records[index - 1] if index > 0 else None
        nxt = records[index] if index < len(records) else None
        out.append(ClauseVersion(
            clause=clause_id, exists=fields is not None,
            since=prev.in_force if prev else None, since_amendment=prev.id if prev else None,
            until=nxt.in_force if nxt else None, until_amendment=nxt.id if nxt else None,
            title=(fields or {}).get("title"), text=str((fields or {}).get("text", "")),
            rules=str((fields or {}).get("rules", "")), fields=fields,
        ))
    return out


def pending_on(records: RecordSet, day: str) -> list[Record]:
    """The live records not yet in force on `day`, in the order they must be undone (latest first)."""
    later = [r for r in records.in_order() if r.live and not r.in_force_on(day)]
    return list(reversed(later))


def unreadable_records(records: RecordSet) -> str:
    """Why a record of the folder cannot be used (its first error, with its place), or ''.

    A record that fails its schema is not read at all; the history and the rebuild as at a
    date must not go on without it as if it never existed."""
    from checker.findings import Severity

    errors = [f for f in records.findings if f.severity >= Severity.ERROR]
    if not errors:
        return ""
    first = errors[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{first.location}: an amendment record cannot be used: {first.message}{more}"


def write_as_at(root: Path, when: date | str, target: Path) -> list[str]:
    """Write the document as it stood on WHEN into `target` (a new folder); return the undone ids.

    Raises AsAtError, writing nothing, when the folder holds a file that must not be read (a
    link out of it, a device), a record that must be undone has no before-images, or the
    before-images give a document that fails its schemas (a part id that is a path, a clause
    that is not a mapping): every before-image is validated before anything is written.  The
    document is built in a private temporary folder beside `target` and renamed into place,
    from the document's own files only (manifest, registers, listed parts, records), never
    following a link.
    """
    root = root.resolve()
    day = _day(when)
    try:
        check_folder(root, str(root))
    except AmendError as err:
        raise AsAtError(str(err)) from None
    records = _records(root)
    refused = [f for f in records.findings if f.code == "AMD018"]
    if refused:
        raise AsAtError(f"{refused[0].location}: {refused[0].message}")
    unreadable = unreadable_records(records)
    if unreadable:  # it may be one to undo: left out, the rebuild would publish the wrong text
        raise AsAtError(f"{unreadable}; the document as at {day} cannot be rebuilt without it, nothing was written")
    undo = pending_on(records, day)
    original = load_tree(root)
    for record in undo:
        changes = record.changes
        if not (changes.clauses or changes.registers or changes.manifest):
            raise AsAtError(f"{record.file}: the amendment '{record.id}' lists no change, so undoing it cannot be "
                            f"trusted (`fwdoc amend` refuses such a record: AMD021); nothing was written")
        if record.before is None:
            raise AsAtError(f"{record.file}: the amendment '{record.id}' has no before-images, so the "
                            f"document as at {day} cannot be rebuilt; write them with "
                            "`fwdoc amend record`")
    if original.unreadable:
        raise AsAtError(f"{root}: {', '.join(original.unreadable)} cannot be read as a mapping, so the "
                        f"document as at {day} cannot be rebuilt; run `fwdoc check` on it")
    tree = original.copy()
    for record in undo:
        stray = stray_before(record, tree)  # the tree as it stood with the record in force
        restore(tree, dict(record.before or {}))
        wrong = tree_problems(tree)
        if wrong:
            raise AsAtError(f"{record.file}: undoing the amendment '{record.id}' gives a document that is "
                            f"not valid ({wrong}); its before-images are wrong, nothing was written")
        if stray:
            raise AsAtError(f"{record.file}: the before-images of '{record.id}' hold {', '.join(stray[:3])}, which "
                            "it does not list as changed (`fwdoc amend` refuses them: AMD022); nothing was written")
    if target.exists() or target.is_symlink():
        raise AsAtError(f"{target}: already exists")
    target.parent.mkdir(parents=True, exist_ok=True)
    # built beside the target and renamed into place: a failure leaves nothing half-written
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}.") as tmp:
        built = Path(tmp) / "document"
        _copy_document(root, original, records, built)
        write_tree(tree, original, built)
        for record in undo:
            (built / record.file).unlink(missing_ok=True)
        built.rename(target)
    return [r.id for r in undo]


def tree_problems(tree: SourceTree) -> str:
    """What makes a rebuilt tree no valid document, in words ('' when nothing): the manifest,
    every listed part and both registers against their schemas."""
    from checker.load.schema import is_valid, validator

    def first_error(data: object, kind: str, what: str) -> str:
        if is_valid(data, kind):
            return ""
        errors = sorted(validator(kind).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
        where = ".".join(str(p) for p in errors[0].absolute_path) if errors else ""
        return f"{what}{' at ' + where if where else ''}: {errors[0].message if errors else 'invalid'}"

    problem = first_error(tree.manifest, "manifest", "the manifest")
    if problem:
        return problem
    for part in tree.parts:
        if part not in tree.nodes:
            return f"the manifest lists the part '{part}', which no before-image holds"
        problem = first_error(part_data(tree, part), "part", f"the part '{part}'")
        if problem:
            return problem
    for name in REGISTERS:
        register = tree.registers.get(name)
        if register is None:
            continue
        data = {**register.extra, name: [register.entries[i] for i in register.order]}
        problem = first_error(data, name, f"the {name} register")
        if problem:
            return problem
    return ""


def _copy_document(root: Path, tree: SourceTree, records: RecordSet, target: Path) -> None:
    """Copy the document's own files (regular files inside `root`, checked by guard.check_folder)
    into `target`: the manifest, the registers, the listed parts and the records."""
    # the other files the manifest names (the conditions register, a vocabulary): not amended
    # entry by entry, so copied as they are, but a document that names them cannot load without
    named = [tree.manifest[k] for k in ("conditions", "vocabulary") if isinstance(tree.manifest.get(k), str)]
    names = ["manifest.yaml", *(f"{n}.yaml" for n in REGISTERS), *(f"parts/{p}.yaml" for p in tree.parts),
             *named, *(r.file for r in records.records)]
    for name in dict.fromkeys(names):
        refused = not_regular(root, name)
        if refused is not None:
            raise AsAtError(f"{root}: {refused}; nothing was written")
        source = root / name
        if not source.is_file():
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / name)  # the content: a link inside the folder is read, not copied


@contextmanager
def document_as_at(root: Path, when: date | str) -> Iterator[Path]:
    """A temporary document folder as the document stood on WHEN (removed on exit).

        with document_as_at(Path("framework"), "2009-01-01") as folder:
            result = load_document(folder)
    """
    with tempfile.TemporaryDirectory(prefix="fwdoc-as-at-") as tmp:
        target = Path(tmp) / Path(root).resolve().name
        write_as_at(Path(root), when, target)
        yield target
