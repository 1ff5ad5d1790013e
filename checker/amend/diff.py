"""The clause diff between two versions: added, removed, moved and changed, with a word diff.

What changed is decided on the source (tree.py: a clause's own fields as written), so that
every edit counts; labels, numbers and prose come from the two models, so that the report
speaks of "2.1.3 Departmental Sponsor" the way the reader sees it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from checker.amend.tree import REGISTERS, SourceTree
from checker.model import Clause, Document

PROSE_FIELDS = ("text", "items", "table")
_TOKEN = re.compile(r"\s+|[^\s]+")
CONTEXT_WORDS = 8  # unchanged words kept either side of a change in a word diff


@dataclass(frozen=True)
class WordOp:
    op: str  # "=" kept, "-" removed, "+" added, "…" elided
    text: str


@dataclass(frozen=True)
class ClauseChange:
    clause: str
    kind: str  # added | removed | changed | moved
    part: str  # the part it is in (HEAD's, or BASE's when removed)
    before_label: str | None  # "2.1.3" in BASE (None: not in BASE)
    after_label: str | None
    heading: str
    fields: tuple[str, ...] = ()  # the fields that changed: title, text, items, table, rules, ...
    moved: bool = False  # also moved (a changed clause can move too)
    prose_changed: bool = False
    rules_changed: bool = False
    words: tuple[WordOp, ...] = ()  # word diff of the prose (changed clauses)
    base_part: str | None = None  # the part it was in (for a moved clause)

    @property
    def label(self) -> str:
        return self.after_label or self.before_label or self.clause

    @property
    def renumbered(self) -> bool:
        return bool(self.before_label and self.after_label and self.before_label != self.after_label)


@dataclass(frozen=True)
class Renumbering:
    clause: str
    before: str  # number in BASE
    after: str  # number in HEAD


@dataclass(frozen=True)
class SourceDiff:
    changes: tuple[ClauseChange, ...]
    renumbered: tuple[Renumbering, ...]
    registers: tuple[tuple[str, str, str], ...]  # (register, id, added|removed|changed)
    manifest: tuple[str, ...]  # manifest keys that changed

    def ids(self, kind: str) -> tuple[str, ...]:
        if kind == "moved":
            return tuple(c.clause for c in self.changes if c.moved)
        return tuple(c.clause for c in self.changes if c.kind == kind)

    @property
    def empty(self) -> bool:
        return not (self.changes or self.registers or self.manifest)


def prose_of(fields: dict[str, object] | None) -> str:
    """A clause's prose as one text: text, then items as a list, then table cells."""
    if not fields:
        return ""
    parts = [str(fields.get("text") or "").strip()]
    for item in fields.get("items") or []:  # type: ignore[attr-defined]
        parts.append("- " + (item.get("text", "") if isinstance(item, dict) else str(item)).strip())
    table = fields.get("table")
    if isinstance(table, dict):
        for row in table.get("rows") or []:
            if isinstance(row, dict):
                parts.append(" | ".join(str(v) for v in row.values()))
    return "\n".join(p for p in parts if p)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _rules_norm(text: object) -> str:
    """Rules text without comments and layout: a reformatting is not a change of rules."""
    lines = []
    for line in str(text or "").splitlines():
        line = line.split("#", 1)[0] if '"' not in line else line
        if line.strip():
            lines.append(" ".join(line.split()))
    return "\n".join(lines)


def word_diff(before: str, after: str, context: int = CONTEXT_WORDS) -> tuple[WordOp, ...]:
    """Word-level diff of two prose texts, long unchanged stretches elided."""
    a, b = _TOKEN.findall(_norm(before)), _TOKEN.findall(_norm(after))
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("=", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            ops.append(WordOp("-", "".join(a[i1:i2]).strip()))
        if tag in ("insert", "replace"):
            ops.append(WordOp("+", "".join(b[j1:j2]).strip()))
    return tuple(_elide(_merge(ops), context))


def _merge(ops: list[WordOp], glue: int = 2) -> list[WordOp]:
    """Read a run of changes split by a word or two ('the', 'of') as one replacement."""
    out: list[WordOp] = []
    index = 0
    while index < len(ops):
        if ops[index].op == "=":
            out.append(ops[index])
            index += 1
            continue
        removed: list[str] = []
        added: list[str] = []
        end = index
        while end < len(ops):
            op = ops[end]
            if op.op == "-":
                removed.append(op.text)
            elif op.op == "+":
                added.append(op.text)
            elif len(op.text.split()) <= glue and end + 1 < len(ops) and ops[end + 1].op != "=":
                removed.append(op.text.strip())
                added.append(op.text.strip())
            else:
                break
            end += 1
        if removed:
            out.append(WordOp("-", " ".join(t for t in removed if t)))
        if added:
            out.append(WordOp("+", " ".join(t for t in added if t)))
        index = end
    return out


def _elide(ops: list[WordOp], context: int) -> list[WordOp]:
    """Keep `context` words of an unchanged stretch next to each change; drop the rest when
    that saves at least as many words again."""
    out: list[WordOp] = []
    for index, op in enumerate(ops):
        if op.op != "=":
            out.append(op)
            continue
        words = op.text.split()
        head = context if index > 0 else 0
        tail = context if index < len(ops) - 1 else 0
        if len(words) - head - tail < context:
            out.append(op)
            continue
        if head:
            out.append(WordOp("=", (" " if op.text[:1].isspace() else "") + " ".join(words[:head])))
        out.append(WordOp("…", " … "))
        if tail:
            out.append(WordOp("=", " ".join(words[-tail:]) + (" " if op.text[-1:].isspace() else "")))
    return out


def _moved_in_order(before: list[str], after: list[str]) -> set[str]:
    """Kept siblings whose order relative to the others changed (not in the longest common run)."""
    kept_b = [x for x in before if x in after]
    kept_a = [x for x in after if x in before]
    matcher = difflib.SequenceMatcher(None, kept_b, kept_a, autojunk=False)
    in_place = {kept_b[i] for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}
    return set(kept_b) - in_place


def diff_sources(base: SourceTree, head: SourceTree, base_doc: Document | None,
                 head_doc: Document | None) -> SourceDiff:
    base_walk = {n: (part, parent) for n, part, parent in base.walk()}
    head_walk = {n: (part, parent) for n, part, parent in head.walk()}
    moved: set[str] = set()
    for node, (_, parent) in head_walk.items():
        if node in base_walk and base_walk[node][1] != parent:
            moved.add(node)
    moved |= _moved_in_order(base.parts, head.parts)
    for node in base_walk.keys() & head_walk.keys():
        moved |= _moved_in_order(base.children.get(node, []), head.children.get(node, []))

    def label(doc: Document | None, node: str) -> str | None:
        clause = doc.clauses.get(node) if doc else None
        return _label(clause) if clause else None

    changes: list[ClauseChange] = []
    order = list(dict.fromkeys([*head_walk, *base_walk]))
    for node in order:
        in_base, in_head = node in base_walk, node in head_walk
        heading = _heading(head_doc, node) if in_head else _heading(base_doc, node)
        if not in_base:
            fields = head.nodes[node]
            changes.append(ClauseChange(node, "added", head_walk[node][0], None, label(head_doc, node),
                                        heading, tuple(k for k in fields if k != "id"),
                                        prose_changed=bool(prose_of(fields)),
                                        rules_changed=bool(_rules_norm(fields.get("rules")))))
            continue
        if not in_head:
            fields = base.nodes[node]
            changes.append(ClauseChange(node, "removed", base_walk[node][0], label(base_doc, node), None,
                                        heading, tuple(k for k in fields if k != "id"),
                                        prose_changed=bool(prose_of(fields)),
                                        rules_changed=bool(_rules_norm(fields.get("rules")))))
            continue
        b, h = base.nodes[node], head.nodes[node]
        fields_changed = tuple(k for k in dict.fromkeys([*b, *h]) if b.get(k) != h.get(k))
        if not fields_changed and node not in moved:
            continue
        prose_b, prose_h = prose_of(b), prose_of(h)
        prose_changed = _norm(prose_b) != _norm(prose_h)
        changes.append(ClauseChange(
            node, "changed" if fields_changed else "moved", head_walk[node][0],
            label(base_doc, node), label(head_doc, node), heading, fields_changed,
            moved=node in moved, prose_changed=prose_changed,
            rules_changed=_rules_norm(b.get("rules")) != _rules_norm(h.get("rules")),
            words=word_diff(prose_b, prose_h) if prose_changed else (),
            base_part=base_walk[node][0],
        ))

    renumbered: list[Renumbering] = []
    if base_doc and head_doc:
        for clause in head_doc.clauses.values():
            old = base_doc.clauses.get(clause.id)
            if old and old.number and clause.number and old.number != clause.number:
                renumbered.append(Renumbering(clause.id, old.number, clause.number))

    registers: list[tuple[str, str, str]] = []
    for name in REGISTERS:
        rb, rh = base.registers.get(name), head.registers.get(name)
        eb = rb.entries if rb else {}
        eh = rh.entries if rh else {}
        for entry in dict.fromkeys([*eb, *eh]):
            if entry not in eb:
                registers.append((name, entry, "added"))
            elif entry not in eh:
                registers.append((name, entry, "removed"))
            elif eb[entry] != eh[entry]:
                registers.append((name, entry, "changed"))
    manifest = tuple(k for k in dict.fromkeys([*base.manifest, *head.manifest])
                     if k != "amendments" and base.manifest.get(k) != head.manifest.get(k))
    return SourceDiff(tuple(changes), tuple(renumbered), tuple(registers), manifest)


def _label(clause: Clause) -> str:
    return clause.label


def _heading(doc: Document | None, node: str) -> str:
    clause = doc.clauses.get(node) if doc else None
    if clause is None:
        return node
    return clause.title or clause.label


APPROVERS = "approvers"  # the manifest key naming the approvers map


def approvers_map(root: Path) -> object:
    """The approvers map of the document at `root` as plain data: its file and its content
    (None when the manifest names none).  Read with the guarded reader; a file that cannot be
    used is represented by its name and the reason, so that any change to it still shows."""
    from checker.amend.records import plain
    from checker.amend.reviews import _confined, approvers_path
    from checker.load.yamlfile import read_yaml

    rel = approvers_path(root)
    if rel is None:
        return None
    path, why = _confined(root, rel)
    if path is None:
        return (rel, why)
    doc = read_yaml(path, root)
    return (rel, plain(doc.data), [f.message for f in doc.findings])


def with_approvers(diff: SourceDiff, base_root: Path, head_root: Path) -> SourceDiff:
    """The diff, with the manifest's `approvers` counted as changed when the approvers map
    changes (its file, or who it lists): who holds the offices decides whose reviews verify
    every later amendment, so changing it is an amendment of the whole document, recorded and
    approved like one (judged by BASE's rules and, with --reviews, BASE's map)."""
    if APPROVERS in diff.manifest or approvers_map(base_root) == approvers_map(head_root):
        return diff
    return replace(diff, manifest=(*diff.manifest, APPROVERS))
