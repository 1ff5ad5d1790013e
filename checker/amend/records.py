"""Amendment records: one YAML file an amendment in the document's amendments folder.

A record says who proposed the amendment, who approved it and when it is in force, lists the
clauses it changes and, written by `fwdoc amend record`, carries what the changed clauses said
before (`before:`), so that the document as it stood on any date can be rebuilt from the
records alone (see history.py).  Records are read with the same safe reader and schema
validation as every other source file; problems are findings, never exceptions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.findings import Finding, Location, Severity
from checker.load.schema import validate
from checker.load.yamlfile import YDict, YList, read_yaml

STATUSES = ("proposed", "approved", "in-force", "rejected", "withdrawn")
# records whose change is (or is about to be) in the source; rejected and withdrawn ones are not
LIVE_STATUSES = ("proposed", "approved", "in-force")
CHANGE_KINDS = ("added", "removed", "changed", "moved")
_LATE = "9999-12-31"  # sorts a record without a date in force after every dated one


@dataclass(frozen=True)
class Approval:
    actor: str
    date: str
    reference: str = ""
    location: Location = Location("")
    # the approver whose power this approval exercises, under a delegation the document allows
    on_behalf_of: str | None = None


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    rules_reviewed: tuple[str, ...] = ()
    registers: tuple[str, ...] = ()  # actor, office and object ids whose register entry changed
    manifest: tuple[str, ...] = ()  # manifest keys that changed

    @property
    def clauses(self) -> tuple[str, ...]:
        """Every clause the record says the amendment touches, in the order listed."""
        return tuple(dict.fromkeys((*self.added, *self.removed, *self.changed, *self.moved)))

    def kind_of(self, clause_id: str) -> str | None:
        for kind in CHANGE_KINDS:
            if clause_id in getattr(self, kind):
                return kind
        return None

    def to_data(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name in (*CHANGE_KINDS, "rules_reviewed", "registers", "manifest"):
            values = getattr(self, name)
            if values or name in CHANGE_KINDS:
                out[name] = list(values)
        return out


@dataclass(frozen=True)
class Record:
    id: str
    title: str
    proposer: str
    proposed: str
    status: str
    changes: Changes
    file: str  # relative to the document root: "amendments/<id>.yaml"
    rationale: str = ""
    in_force: str | None = None
    approvals: tuple[Approval, ...] = ()
    summary: tuple[str, ...] = ()
    # the before-images (see history.py); plain data, None when the record has none
    before: Mapping[str, Any] | None = field(default=None, compare=False, hash=False)
    location: Location = Location("")
    # the record as read, for rewriting it (`fwdoc amend record` keeps what it does not own)
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def live(self) -> bool:
        return self.status in LIVE_STATUSES

    def order_key(self) -> tuple[str, str, str]:
        """The order amendments apply in: by date in force, then date proposed, then id."""
        return (self.in_force or _LATE, self.proposed, self.id)

    def in_force_on(self, day: str) -> bool:
        """Whether the amendment is part of the document on `day` (an ISO date)."""
        return self.status in ("approved", "in-force") and self.in_force is not None and self.in_force <= day

    def key_location(self, key: str) -> Location:
        return self.location if not self.data else _key_loc(self.data, key, self.file, self.location)


@dataclass
class RecordSet:
    records: list[Record] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    folder: str = "amendments"

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def by_id(self) -> dict[str, Record]:
        return {r.id: r for r in self.records}

    def in_order(self) -> list[Record]:
        return sorted(self.records, key=Record.order_key)


def amendments_folder(root: Path) -> str:
    """The manifest's `amendments:` folder (default "amendments"), read with the guarded reader."""
    from checker.amend.guard import not_regular

    if not_regular(root, "manifest.yaml") is not None or not (root / "manifest.yaml").is_file():
        return "amendments"
    data = read_yaml(root / "manifest.yaml", root).data
    folder = data.get("amendments") if isinstance(data, dict) else None
    return folder.strip().rstrip("/") if isinstance(folder, str) and folder.strip() else "amendments"


def _folder_location(root: Path) -> Location:
    """Where the manifest says `amendments:` (the manifest itself when it cannot be told)."""
    if (root / "manifest.yaml").is_file():
        data = read_yaml(root / "manifest.yaml", root).data
        if isinstance(data, YDict) and "amendments" in data.value_pos:
            pos = data.value_pos["amendments"]
            return Location("manifest.yaml", pos.line, pos.column)
    return Location("manifest.yaml", 1, 1)


def load_records(root: Path, folder: str | None = None) -> RecordSet:
    """Read and validate every `*.yaml` record in the document's amendments folder.

    The folder and every record must stay inside the document folder (no absolute path, no
    `..`, no symbolic link out, regular files only): records from anywhere else are never
    read, and saying so is an error (AMD018)."""
    from checker.amend.guard import not_regular, records_folder, vanished

    root = root.resolve()
    folder = (folder or amendments_folder(root)).strip().rstrip("/") or "amendments"
    out = RecordSet(folder=folder)
    escape = records_folder(root, folder)
    if escape is not None:
        out.findings.append(_error("AMD018", "path-outside-document",
                                   f"the amendments folder {escape}; no record is read from it",
                                   _folder_location(root)))
        return out
    path = root / folder
    if not path.is_dir():
        return out
    seen: dict[str, str] = {}
    for file in sorted(path.glob("*.yaml")):
        rel = f"{folder}/{file.name}"
        refused = not_regular(root, rel)
        if refused is not None:
            out.findings.append(_error("AMD018", "path-outside-document",
                                       f"the record {refused}; it is not read", Location(rel, 1, 1)))
            continue
        doc = read_yaml(file, root)
        empty = vanished(doc, "an amendment record (a mapping with id, title, status, changes, ...)")
        if empty is not None:
            out.findings.append(empty)
        ok = doc.data is not None and validate(doc, "amendment")
        out.findings.extend(doc.findings)
        if not ok:
            continue
        record = _record(doc.data, doc.rel)
        if record.id != file.stem:
            out.findings.append(_error("AMD010", "record-id-mismatch",
                                       f"the record in {doc.rel} has id '{record.id}'; expected "
                                       f"'{file.stem}' (the file name)", record.key_location("id")))
        if record.id in seen:
            out.findings.append(_error("AMD010", "record-id-mismatch",
                                       f"the amendment id '{record.id}' is used twice (also in "
                                       f"{seen[record.id]}); ids must be unique", record.location))
            continue
        seen[record.id] = doc.rel
        out.records.append(record)
    return out


def _record(data: YDict, rel: str) -> Record:
    changes = data.get("changes") or {}
    approvals = data.get("approvals") or YList()
    return Record(
        id=data["id"], title=data["title"], proposer=data["proposer"], proposed=data["proposed"],
        status=data["status"], file=rel, rationale=str(data.get("rationale", "")).strip(),
        in_force=data.get("in_force"),
        approvals=tuple(
            Approval(a["actor"], a["date"], str(a.get("reference", "")),
                     Location(rel, approvals.item_pos[i].line, approvals.item_pos[i].column),
                     a.get("on_behalf_of"))
            for i, a in enumerate(approvals)
        ),
        changes=Changes(**{name: tuple(changes.get(name) or ())
                           for name in (*CHANGE_KINDS, "rules_reviewed", "registers", "manifest")}),
        summary=tuple(str(s) for s in data.get("summary") or ()),
        before=plain(data["before"]) if "before" in data else None,
        location=Location(rel, data.pos.line, data.pos.column),
        data=data,
    )


def plain(value: Any) -> Any:
    """Position-carrying YAML containers as plain dicts and lists (for comparing and dumping)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _key_loc(data: Mapping[str, Any], key: str, rel: str, fallback: Location) -> Location:
    if isinstance(data, YDict) and key in data.key_pos:
        pos = data.key_pos[key]
        return Location(rel, pos.line, pos.column)
    return fallback


def _error(code: str, name: str, message: str, loc: Location) -> Finding:
    return Finding(code, name, Severity.ERROR, message, (loc,))
