"""The document's source as a tree of plain data, for diffing, before-images and rebuilding.

Each clause (parts included, as the clauses of depth 0) is a node: its own fields (everything
but `clauses`) and the ordered ids of its children.  The manifest and the two registers are
kept as mappings.  A *before-image* is the part of a tree an amendment changed, as it was
before: applying it to the later tree (`restore`) gives the earlier tree back, exactly.

    before:
      manifest: {version: "2008"}          # manifest keys as they were (null: the key was absent)
      clauses: {<id>: {fields} | null}     # a clause's own fields as they were (null: added)
      children: {<id>: [child ids]}        # a clause's children as they were
      actors:  {entries: {<id>: {entry} | null}, order: [ids]}
      objects: {entries: {<id>: {entry} | null}, order: [ids]}
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.amend.records import Record, plain
from checker.findings import Finding
from checker.load.yamlfile import read_yaml

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
REGISTERS = ("actors", "objects")


@dataclass
class Register:
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # other top-level keys of the file


@dataclass
class SourceTree:
    manifest: dict[str, Any] = field(default_factory=dict)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    registers: dict[str, Register] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)  # files that could not be read as a mapping
    findings: list[Finding] = field(default_factory=list)  # null documents (the reader is silent on them)

    @property
    def parts(self) -> list[str]:
        parts = self.manifest.get("parts")
        return [p for p in parts if isinstance(p, str)] if isinstance(parts, list) else []

    def walk(self) -> list[tuple[str, str, str | None]]:
        """(clause id, part id, parent id) of every clause reachable from the manifest, in order."""
        out: list[tuple[str, str, str | None]] = []
        seen: set[str] = set()

        def visit(node: str, part: str, parent: str | None) -> None:
            if node in seen or node not in self.nodes:
                return
            seen.add(node)
            out.append((node, part, parent))
            for child in self.children.get(node, []):
                visit(child, part, node)

        for part in self.parts:
            visit(part, part, None)
        return out

    def copy(self) -> SourceTree:
        return copy.deepcopy(self)


def _read(root: Path, rel: str, tree: SourceTree, what: str) -> Any:
    """A file of the document as plain data, read with the loader's guarded reader (size
    limit, no aliases, no tags); None when it is absent (the loader reports that) or cannot be
    read as a mapping (recorded in `tree.unreadable`; a null document also in `tree.findings`,
    since the reader reports nothing for it)."""
    from checker.amend.guard import not_regular, vanished

    path = root / rel
    if not path.exists() and not path.is_symlink():
        return None
    if not_regular(root, rel) is not None:  # never opened: guard.check_folder says why
        tree.unreadable.append(rel)
        return None
    doc = read_yaml(path, root)
    empty = vanished(doc, what)
    if empty is not None:
        tree.findings.append(empty)
    if not isinstance(doc.data, dict):
        tree.unreadable.append(rel)
        return None
    return plain(doc.data)


def load_tree(root: Path) -> SourceTree:
    """Read a document folder as plain data; what cannot be read is left out (the loader reports it)."""
    root = root.resolve()
    tree = SourceTree()
    manifest = _read(root, "manifest.yaml", tree, "the manifest (a mapping with title, parts, ...)")
    tree.manifest = manifest if isinstance(manifest, dict) else {}
    for part in tree.parts:
        if not _SLUG.fullmatch(part):
            continue  # the manifest schema reports it; never a path
        data = _read(root, f"parts/{part}.yaml", tree, "a part (a mapping with id, kind, title, ...)")
        if isinstance(data, dict):
            _add_node(tree, {**data, "id": part} if "id" not in data else data)
    for name in REGISTERS:
        data = _read(root, f"{name}.yaml", tree, f"the {name} register (a mapping with a '{name}:' list)")
        register = Register()
        if isinstance(data, dict):
            items = data.get(name)
            register.extra = {k: v for k, v in data.items() if k != name}
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"] not in register.entries:
                    register.entries[item["id"]] = item
                    register.order.append(item["id"])
        tree.registers[name] = register
    return tree


def _add_node(tree: SourceTree, data: dict[str, Any]) -> None:
    node_id = data.get("id")
    if not isinstance(node_id, str) or node_id in tree.nodes:
        return
    tree.nodes[node_id] = {k: v for k, v in data.items() if k != "clauses"}
    kids: list[str] = []
    children = data.get("clauses")
    for child in children if isinstance(children, list) else []:  # the schema reports anything else
        if isinstance(child, dict) and isinstance(child.get("id"), str) and child["id"] not in tree.nodes:
            kids.append(child["id"])
            _add_node(tree, child)
    tree.children[node_id] = kids


# -- before-images ---------------------------------------------------------------------------
def before_image(base: SourceTree, head: SourceTree) -> dict[str, Any]:
    """What `restore` needs to turn `head` back into `base` (only what differs)."""
    out: dict[str, Any] = {}
    manifest = {k: base.manifest.get(k) for k in _ordered_union(base.manifest, head.manifest)
                if k != "amendments" and base.manifest.get(k) != head.manifest.get(k)}
    if manifest:
        out["manifest"] = manifest
    base_ids = [n for n, _, _ in base.walk()]
    head_ids = [n for n, _, _ in head.walk()]
    clauses: dict[str, Any] = {}
    for node in _ordered_union(base_ids, head_ids):
        if node not in base_ids:
            clauses[node] = None
        elif node not in head_ids or base.nodes[node] != head.nodes[node]:
            clauses[node] = base.nodes[node]
    if clauses:
        out["clauses"] = clauses
    # a clause's children as they were, where they differ (always for a removed clause: the
    # tree it is restored into may still hold children it was given later)
    children = {n: list(base.children.get(n, [])) for n in base_ids
                if n not in head_ids or base.children.get(n, []) != head.children.get(n, [])}
    if children:
        out["children"] = children
    for name in REGISTERS:
        b, h = base.registers.get(name, Register()), head.registers.get(name, Register())
        entries = {i: b.entries.get(i) for i in _ordered_union(b.order, h.order)
                   if b.entries.get(i) != h.entries.get(i)}
        image: dict[str, Any] = {}
        if entries:
            image["entries"] = entries
        if b.order != h.order:
            image["order"] = list(b.order)
        if image:
            out[name] = image
    return out


def restore(tree: SourceTree, before: dict[str, Any]) -> None:
    """Apply a before-image to `tree` in place: the tree as it was before that amendment."""
    for key, value in (before.get("manifest") or {}).items():
        if value is None:
            tree.manifest.pop(key, None)
        else:
            tree.manifest[key] = copy.deepcopy(value)
    for node, fields in (before.get("clauses") or {}).items():
        if fields is None:
            tree.nodes.pop(node, None)
            tree.children.pop(node, None)
        else:
            tree.nodes[node] = copy.deepcopy(fields)
            tree.children.setdefault(node, [])
    for node, kids in (before.get("children") or {}).items():
        tree.children[node] = list(kids)
    for name in REGISTERS:
        image = before.get(name) or {}
        register = tree.registers.setdefault(name, Register())
        for entry_id, entry in (image.get("entries") or {}).items():
            if entry is None:
                register.entries.pop(entry_id, None)
            else:
                register.entries[entry_id] = copy.deepcopy(entry)
        if "order" in image:
            register.order = list(image["order"])
        register.order = [i for i in register.order if i in register.entries] + \
            [i for i in register.entries if i not in register.order]


def stray_before(record: Record, *trees: SourceTree) -> list[str]:
    """What a record's before-images hold that the record does not list as changed, in words
    ([] when nothing).  The children of a clause may be imaged when the clause, or one of its
    children (before, or in any of `trees`), is listed; a register's order always may."""
    before = record.before
    if not isinstance(before, Mapping):
        return []
    changes = record.changes
    listed = set(changes.clauses)
    stray: list[str] = []
    for key in (before.get("manifest") or {}):
        if key not in changes.manifest:
            stray.append(f"the manifest's '{key}'")
    for clause in (before.get("clauses") or {}):
        if clause not in listed:
            stray.append(f"clause '{clause}'")
    for parent, kids in (before.get("children") or {}).items():
        near = {parent, *(kids if isinstance(kids, list) else [])}
        for tree in trees:
            near.update(tree.children.get(parent, []))
        if not near & listed:
            stray.append(f"the children of '{parent}'")
    for name in REGISTERS:
        image = before.get(name) or {}
        entries = image.get("entries") if isinstance(image, Mapping) else None
        for entry in (entries or {}):
            if entry not in changes.registers:
                stray.append(f"the {name} entry '{entry}'")
    return stray


def same_source(a: SourceTree, b: SourceTree) -> bool:
    """Whether two trees hold the same document (manifest, reachable clauses, registers)."""
    if {k: v for k, v in a.manifest.items() if k != "amendments"} != \
            {k: v for k, v in b.manifest.items() if k != "amendments"}:
        return False
    walk_a, walk_b = a.walk(), b.walk()
    if walk_a != walk_b:
        return False
    for node, _, _ in walk_a:
        if a.nodes[node] != b.nodes[node] or a.children.get(node, []) != b.children.get(node, []):
            return False
    for name in REGISTERS:
        ra, rb = a.registers.get(name, Register()), b.registers.get(name, Register())
        if ra.order != rb.order or ra.entries != rb.entries:
            return False
    return True


# -- writing a tree back to files ------------------------------------------------------------
class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent list items under their key, as people write


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _DATE.fullmatch(value):  # a date reads better unquoted (and loads back as the same text)
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value)
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def dump_yaml(data: Any) -> str:
    """Deterministic YAML: keys in the order given, multi-line text as literal blocks."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


def part_data(tree: SourceTree, part: str) -> dict[str, Any]:
    def build(node: str, seen: set[str]) -> dict[str, Any]:
        seen.add(node)
        data = dict(tree.nodes[node])
        kids = [k for k in tree.children.get(node, []) if k in tree.nodes and k not in seen]
        if kids:
            data["clauses"] = [build(k, seen) for k in kids]
        return data

    return build(part, set())


def write_tree(tree: SourceTree, original: SourceTree, folder: Path) -> None:
    """Rewrite, in a copy of the document folder, every file whose content differs from `original`.

    A part id is a file name only when it is a slug: anything else (an absolute path, '..')
    raises ValueError before a file is written (history.tree_problems reports it earlier)."""
    for part in (*tree.parts, *original.parts):
        if not _SLUG.fullmatch(part):
            raise ValueError(f"the part id '{part}' is not a slug; it cannot name a file")
    if tree.manifest != original.manifest:
        (folder / "manifest.yaml").write_text(dump_yaml(tree.manifest), encoding="utf-8")
    for part in tree.parts:
        if part not in tree.nodes:
            continue
        data = part_data(tree, part)
        if part in original.nodes and part in original.parts and data == part_data(original, part):
            continue
        (folder / "parts").mkdir(exist_ok=True)
        (folder / "parts" / f"{part}.yaml").write_text(dump_yaml(data), encoding="utf-8")
    for part in original.parts:
        if part not in tree.parts:
            (folder / "parts" / f"{part}.yaml").unlink(missing_ok=True)
    for name in REGISTERS:
        reg, orig = tree.registers.get(name, Register()), original.registers.get(name, Register())
        if reg.order != orig.order or reg.entries != orig.entries:
            data = {**reg.extra, name: [reg.entries[i] for i in reg.order]}
            (folder / f"{name}.yaml").write_text(dump_yaml(data), encoding="utf-8")


def _ordered_union(*seqs: Any) -> list[Any]:
    return list(dict.fromkeys(item for seq in seqs for item in seq))
