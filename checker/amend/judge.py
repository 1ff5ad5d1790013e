"""Judge an amendment: compare BASE and HEAD and decide whether HEAD is acceptable.

The phases, in order:
1. load and check both versions (the findings HEAD introduces are blamed on the amendment);
2. diff the source (clauses, registers, manifest) and the rules (in words);
3. find the amendment's records (new or changed in HEAD) and compare what they claim with
   what really changed;
4. work out the approvals the change needs from BASE's amendment rules and compare them with
   the approvals the records carry;
5. flag references to renumbered or removed clauses and stale formalisations;
6. check that the records' before-images give BASE back (so that `--as-at` works).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from checker.amend.approvals import Requirement, requirements, resolve_actor
from checker.amend.codes import finding
from checker.amend.diff import SourceDiff, diff_sources
from checker.amend.records import Record, RecordSet, load_records
from checker.amend.refs import StaleReference, stale_references
from checker.amend.semantic import SemanticChange, rule_diff
from checker.amend.tree import SourceTree, load_tree, restore, same_source
from checker.checks import Context, run_checks
from checker.findings import Finding, Location, Severity, sort_findings
from checker.loader import LoadResult, load_document
from checker.model import ACTOR, Document
from checker.render import english
from checker.suggest import did_you_mean


@dataclass(frozen=True)
class ApprovalLine:
    """One required approver: for which parts, and the approval the records carry (if any)."""

    actor: str
    name: str
    parts: tuple[str, ...]  # part labels
    record: str | None  # the record carrying the approval
    date: str | None = None
    reference: str = ""

    @property
    def given(self) -> bool:
        return self.record is not None


@dataclass
class Judgement:
    base_label: str
    head_label: str
    title: str
    diff: SourceDiff
    semantic: list[SemanticChange]
    requirements: list[Requirement]
    approvals: list[ApprovalLine]
    records: list[Record]  # the amendment's records (new or changed in HEAD)
    findings: list[Finding]  # about the amendment (AMD codes)
    introduced: list[Finding]  # `fwdoc check` findings HEAD introduces
    preexisting: int  # findings HEAD still has that BASE had
    fixed: int  # findings of BASE that HEAD no longer has
    stale: list[StaleReference] = field(default_factory=list)
    fail_on: Severity = Severity.WARNING
    base_doc: Document | None = None
    head_doc: Document | None = None
    document: str = ""  # the HEAD folder as the user gave it (finding paths start with it)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in (*self.findings, *self.introduced)
                if f.suppression is None and f.severity >= self.fail_on]

    @property
    def acceptable(self) -> bool:
        return not self.blocking

    @property
    def unchanged(self) -> bool:
        return self.diff.empty and not self.records


def _checked(result: LoadResult, context: Context) -> list[Finding]:
    findings = list(result.findings)
    if result.document is not None:
        findings += run_checks(result.document, context)
    return findings


_NUMBERS = re.compile(r"\b(?:Annex [A-Z]\b|[A-Z]\.\d+(?:\.\d+)*|\d+(?:\.\d+)*)")


def _masked(f: Finding) -> tuple[str, str, str]:
    """A finding with every number masked: the same finding after clauses were renumbered."""
    clauses = ",".join(sorted({loc.clause or loc.file for loc in f.locations}))
    return f.code, clauses, _NUMBERS.sub("#", f.message)


def new_findings(base: list[Finding], head: list[Finding]) -> tuple[list[Finding], int]:
    """The findings of HEAD that BASE did not have, and how many of BASE's HEAD no longer has.

    Matched by fingerprint (code, clause ids, message) first, then, for what is left, with the
    numbers in the message masked, so that renumbering clauses does not blame every finding
    that quotes a clause number on the amendment."""
    exact = Counter(f.fingerprint() for f in base)
    left: list[Finding] = []
    for f in head:
        if exact[f.fingerprint()]:
            exact[f.fingerprint()] -= 1
        else:
            left.append(f)
    unmatched_base = []
    for f in base:  # the base findings no head finding matched exactly
        if exact[f.fingerprint()] > 0:
            exact[f.fingerprint()] -= 1
            unmatched_base.append(f)
    masked = Counter(_masked(f) for f in unmatched_base)
    introduced = []
    for f in left:
        if masked[_masked(f)]:
            masked[_masked(f)] -= 1
        else:
            introduced.append(f)
    return introduced, sum(masked.values())


def clause_name(doc: Document | None, clause_id: str) -> str:
    """'2.1.2 The Permanent Secretary', 'Annex C paragraph 4', 'Introduction'."""
    clause = doc.clauses.get(clause_id) if doc else None
    if clause is None:
        return f"'{clause_id}'"
    if clause.depth == 0:
        return clause.label if clause.label == clause.title or not clause.title \
            else f"{clause.label} ({clause.title})"
    if clause.title and clause.number:
        return f"{clause.label} {clause.title}"
    return clause.label if clause.number or not clause.title else clause.title


def judge(base_root: Path, head_root: Path, base_label: str = "BASE", head_label: str = "HEAD",
          context: Context | None = None, fail_on: Severity = Severity.WARNING) -> Judgement:
    """Compare two document folders; raises checker.loader.LoadError when one is no document."""
    context = context or Context()
    base_result, head_result = load_document(base_root), load_document(head_root)
    base_doc, head_doc = base_result.document, head_result.document

    # 1. findings HEAD introduces
    base_findings = _checked(base_result, context)
    head_findings = _checked(head_result, context)
    introduced, fixed = new_findings(base_findings, head_findings)
    preexisting = len(head_findings) - len(introduced)

    # 2. what changed
    base_tree, head_tree = load_tree(base_root), load_tree(head_root)
    diff = diff_sources(base_tree, head_tree, base_doc, head_doc)
    semantic = rule_diff(base_doc, head_doc) if base_doc and head_doc else []

    # 3. the amendment's records
    base_records, head_records = load_records(base_root), load_records(head_root)
    old = base_records.by_id()
    records = [r for r in head_records.in_order()
               if r.id not in old or r.data != old[r.id].data]
    introduced += new_findings(base_records.findings, head_records.findings)[0]

    findings: list[Finding] = []
    title = head_doc.manifest.title if head_doc else (base_doc.manifest.title if base_doc else "")
    judgement = Judgement(base_label, head_label, title, diff, semantic, [], [], records, findings,
                          sort_findings(introduced), preexisting, fixed, fail_on=fail_on,
                          base_doc=base_doc, head_doc=head_doc)
    if base_doc is None or head_doc is None:
        return judgement  # the load errors are among the introduced findings

    head_loc = _Locator(head_doc, base_doc, head_records)
    new = [r for r in records if r.id not in old]  # records of this change (edited ones are older)
    if not diff.empty and not new:
        first = diff.changes[0] if diff.changes else None
        what = clause_name(head_doc if first and first.kind != "removed" else base_doc, first.clause) \
            if first else "the registers or manifest"
        findings.append(finding(
            "AMD001",
            f"the amendment changes {_count(diff)} (first: {what}) but adds no amendment record to "
            f"{head_records.folder}/; write one with `fwdoc amend record`",
            head_loc.change(first.clause) if first else Location("manifest.yaml")))
    for record in records:
        if record.id in old:
            _history_rewritten(record, old[record.id], findings)

    # 4. approvals, per record
    scopes = _scopes(records, new, diff, base_doc, head_doc)
    all_requirements: dict[str, Requirement] = {}
    lines: dict[str, ApprovalLine] = {}
    for record in records:
        reqs = requirements(base_doc, head_doc, scopes[record.id])
        for req in reqs:
            all_requirements.setdefault(req.part, req)
        _judge_record(record, reqs, base_doc, head_doc, findings, lines)
    for record in records:
        _unrequired(record, base_doc, lines)
    judgement.requirements = list(all_requirements.values())
    if not new and not diff.empty:
        judgement.requirements = requirements(base_doc, head_doc, _touched(diff, base_doc, head_doc))
        for req in judgement.requirements:
            for actor in req.approvers:
                line = lines.setdefault(actor, ApprovalLine(actor, base_doc.actor_name(actor), (), None))
                lines[actor] = ApprovalLine(actor, line.name, (*line.parts, req.part_label), None)
    judgement.approvals = list(lines.values())
    own = [s for s in semantic if any(r is not None and r.kind == "amendment" for r in (s.before, s.after))]
    if own:
        findings.append(finding(
            "AMD009", f"this amendment changes the document's own amendment rules "
            f"({'; '.join(s.text for s in own)}); it is judged by the rules it replaces",
            head_loc.change(own[0].clauses[0])))

    # the claims of the records against the real change (not while a file cannot be read:
    # its clauses would look removed; the read errors are reported among the findings)
    readable = not (base_tree.unreadable or head_tree.unreadable)
    if new and readable:
        _claims(new, diff, base_doc, head_doc, head_loc, findings)

    # 5. references and formalisation
    judgement.stale = list(stale_references(base_doc, head_doc))
    for stale in judgement.stale:
        if stale.now is None:
            findings.append(finding(
                "AMD007", f"{stale.clause_label} refers to {stale.reference} ({stale.target_heading}), "
                "which this amendment removes", stale.location))
        else:
            findings.append(finding(
                "AMD006", f"{stale.clause_label} still refers to {stale.reference} for "
                f"'{stale.target_heading}', which this amendment renumbers to {stale.now}; update the "
                "reference", stale.location))
    reviewed = {c for r in new for c in r.changes.rules_reviewed}
    for change in diff.changes:
        if change.kind != "changed" or change.clause in reviewed:
            continue
        has_rules = bool(head_doc.rules_by_clause.get(change.clause) or base_doc.rules_by_clause.get(change.clause))
        name = clause_name(head_doc, change.clause)
        if change.prose_changed and not change.rules_changed and has_rules:
            findings.append(finding(
                "AMD008", f"the prose of {name} changes but its rules do not; review the rules and list "
                f"'{change.clause}' under changes.rules_reviewed in the record", head_loc.change(change.clause)))
        elif change.rules_changed and not change.prose_changed:
            findings.append(finding(
                "AMD008", f"the rules of {name} change but its prose does not; check the text still says "
                f"what the rules say and list '{change.clause}' under changes.rules_reviewed in the record",
                head_loc.change(change.clause)))

    # 6. the before-images give BASE back
    if new and not diff.empty and readable:
        _rebuild(new, base_tree, head_tree, findings)
    judgement.findings = sort_findings(findings)
    return judgement


def _count(diff: SourceDiff) -> str:
    n = len(diff.changes)
    parts = [f"{n} clause{'s' if n != 1 else ''}"] if n else []
    if diff.registers:
        parts.append(f"{len(diff.registers)} register entr{'ies' if len(diff.registers) != 1 else 'y'}")
    if diff.manifest:
        parts.append("the manifest")
    return " and ".join(parts)


class _Locator:
    """Where to point a finding about a clause: HEAD's clause, else its part, else the manifest."""

    def __init__(self, head: Document, base: Document, records: RecordSet) -> None:
        self.head, self.base, self.records = head, base, records

    def change(self, clause_id: str | None) -> Location:
        if clause_id and clause_id in self.head.clauses:
            return self.head.clauses[clause_id].location
        if clause_id and clause_id in self.base.clauses:
            part = self.base.clauses[clause_id].part
            if part in self.head.clauses:
                loc = self.head.clauses[part].location
                return Location(loc.file, loc.line, loc.column, clause_id)
        return self.head.manifest.location


def _touched(diff: SourceDiff, base: Document, head: Document,
             only: set[str] | None = None) -> dict[str, list[str]]:
    """The parts a change touches, each with the clauses changed in it."""
    out: dict[str, list[str]] = {}

    def add(part: str | None, clause: str) -> None:
        if part is not None:
            out.setdefault(part, [])
            if clause not in out[part]:
                out[part].append(clause)

    for change in diff.changes:
        if only is not None and change.clause not in only:
            continue
        add(change.part, change.clause)
        if change.base_part and change.base_part != change.part:
            add(change.base_part, change.clause)
    for _, entry, _kind in diff.registers:
        if only is not None and entry not in only:
            continue
        for rule in base.rules:
            refs = (*rule.subjects, *rule.objects, *rule.counterparts, *(r for q in rule.qualifiers for r in q.refs))
            if any(r.id == entry or r.office == entry for r in refs):
                add(base.clauses[rule.clause].part, rule.clause)
    meta = [k for k in diff.manifest if k != "parts"]
    if meta and (only is None or any(k in only for k in meta)):
        front = next((p.id for p in base.parts if p.kind != "annex"), None)
        add(front, "manifest")
    return out


def _scopes(records: list[Record], new: list[Record], diff: SourceDiff, base: Document,
            head: Document) -> dict[str, dict[str, list[str]]]:
    """The parts each record must be approved for: the one new record, everything that changed
    (and whatever it claims); otherwise what each claims."""
    out: dict[str, dict[str, list[str]]] = {}
    for record in records:
        claims = set(record.changes.clauses) | set(record.changes.registers) | set(record.changes.manifest)
        scope = _touched(diff, base, head, None if new == [record] else claims)
        # claimed clauses that did not change still name the parts the record is about
        for clause in record.changes.clauses:
            doc_clause = head.clauses.get(clause) or base.clauses.get(clause)
            if doc_clause is not None and clause not in scope.get(doc_clause.part, []):
                scope.setdefault(doc_clause.part, []).append(clause)
        out[record.id] = scope
    return out


def _judge_record(record: Record, reqs: list[Requirement], base: Document, head: Document,
                  findings: list[Finding], lines: dict[str, ApprovalLine]) -> None:
    loc = record.location
    if record.status in ("rejected", "withdrawn"):
        findings.append(finding("AMD011", f"the amendment '{record.id}' is {record.status}, so its change "
                                "must not be made to the document", record.key_location("status")))
    elif record.status == "proposed":
        findings.append(finding("AMD011", f"the amendment '{record.id}' is still proposed; it can be merged "
                                "once it is approved (set its status to approved or in-force, with its "
                                "approvals and date in force)", record.key_location("status")))
    given: dict[str, tuple[str, str, str]] = {}
    for approval in record.approvals:
        actor = resolve_actor(base, approval.actor)
        if actor is None:
            known = [*base.actors, *base.offices]
            findings.append(finding("AMD013", f"the approval names '{approval.actor}', which is not an actor "
                                    f"or office of the document{did_you_mean(approval.actor, known)}",
                                    approval.location))
            continue
        given.setdefault(actor, (approval.date, approval.reference, approval.actor))
        who = _actor_phrase(base, actor)
        if record.in_force and approval.date > record.in_force:
            findings.append(finding("AMD005", f"the approval by {who} is dated {approval.date}, after the date "
                                    f"in force {record.in_force}: the amendment cannot be in force before it "
                                    "is approved", approval.location))
        if approval.date < record.proposed:
            findings.append(finding("AMD014", f"the approval by {who} is dated {approval.date}, before the "
                                    f"amendment was proposed on {record.proposed}", approval.location))
    for req in reqs:
        if not req.rules:
            findings.append(finding("AMD016", f"no amendment rule of the document covers {req.part_label}, "
                                    f"which the amendment '{record.id}' changes; nobody's approval can be "
                                    "required for it", loc))
            continue
        for actor in req.approvers:
            old = lines.get(actor)
            parts = (*(old.parts if old else ()), req.part_label)
            parts = tuple(dict.fromkeys(parts))
            if actor in given:
                day, ref, _ = given[actor]
                lines[actor] = ApprovalLine(actor, base.actor_name(actor), parts, record.id, day, ref)
            elif old is None or not old.given:
                lines[actor] = ApprovalLine(actor, base.actor_name(actor), parts, None)
        missing = [a for a in req.approvers if a not in given]
        if missing:
            rule = req.rules[0]
            who = english.join([_actor_phrase(base, a) for a in missing])
            have = english.join([_actor_phrase(base, a) for a in given]) or "no approval"
            inner = [_short(base if c in base.clauses else head, c) for c in req.clauses if c != req.part]
            which = f" ({', '.join(inner[:4])}{', …' if len(inner) > 4 else ''})" if inner else ""
            findings.append(finding(
                "AMD002",
                f"the amendment '{record.id}' changes {req.part_label}{which} "
                f"but lacks the approval of {who}, which the amendment rule in {clause_name(base, rule.clause)} "
                f"requires (\"{' '.join(rule.source.split())}\"); it has {'the approval of ' if given else ''}{have}",
                record.key_location("approvals") if record.approvals else loc,
                subjects=tuple(missing)))


def _unrequired(record: Record, base: Document, lines: dict[str, ApprovalLine]) -> None:
    """Approvals the record carries that no rule requires: shown, never counted."""
    for approval in record.approvals:
        actor = resolve_actor(base, approval.actor)
        if actor is not None and actor not in lines:
            lines[actor] = ApprovalLine(actor, base.actor_name(actor), (), record.id, approval.date,
                                        approval.reference)


def _actor_phrase(doc: Document, actor: str) -> str:
    from checker.model import Ref

    return english.name(Ref(actor, actor, ACTOR, doc.manifest.location), doc)


def _short(doc: Document, clause_id: str) -> str:
    if clause_id == "manifest":
        return "the manifest"
    clause = doc.clauses.get(clause_id)
    return clause.label if clause and clause.number else (clause.title or clause.label) if clause else clause_id


def _claims(records: list[Record], diff: SourceDiff, base: Document, head: Document, locator: _Locator,
            findings: list[Finding]) -> None:
    listed: dict[str, str] = {}
    for record in records:
        for kind in ("added", "removed", "changed", "moved"):
            for clause in getattr(record.changes, kind):
                listed.setdefault(clause, kind)
    real: dict[str, str] = {}
    for change in diff.changes:
        real[change.clause] = change.kind
    where = records[0]
    for clause, kind in real.items():
        doc = base if kind == "removed" else head
        name = clause_name(doc, clause)
        if clause not in listed:
            moved = " (moved)" if kind == "changed" and clause in diff.ids("moved") else ""
            findings.append(finding("AMD003", f"the amendment {_verb(kind)} {name}{moved}, which the record "
                                    f"'{where.id}' does not list under changes.{kind}",
                                    locator.change(clause) if kind != "removed" else where.key_location("changes")))
        elif kind in ("added", "removed") and listed[clause] != kind or \
                kind == "changed" and listed[clause] in ("added", "removed"):
            findings.append(finding("AMD003", f"the record '{where.id}' lists {name} under changes."
                                    f"{listed[clause]}, but the amendment {_verb(kind)} it; list it under "
                                    f"changes.{kind}", where.key_location("changes")))
    for clause, kind in listed.items():
        if clause not in real:
            doc = head if clause in head.clauses else base
            known = clause in head.clauses or clause in base.clauses
            what = clause_name(doc, clause) if known else f"'{clause}' (no such clause)"
            findings.append(finding("AMD004", f"the record '{where.id}' lists {what} under changes.{kind}, "
                                    "but the amendment does not change it", where.key_location("changes")))
    real_entries = {entry for _, entry, _ in diff.registers}
    claimed_entries = {e for r in records for e in r.changes.registers}
    for entry in sorted(real_entries - claimed_entries):
        findings.append(finding("AMD003", f"the amendment changes the register entry '{entry}', which the "
                                f"record '{where.id}' does not list under changes.registers",
                                where.key_location("changes")))
    for entry in sorted(claimed_entries - real_entries):
        findings.append(finding("AMD004", f"the record '{where.id}' lists the register entry '{entry}' under "
                                "changes.registers, but the amendment does not change it",
                                where.key_location("changes")))
    claimed_keys = {k for r in records for k in r.changes.manifest}
    for key in sorted(set(diff.manifest) - claimed_keys):
        findings.append(finding("AMD003", f"the amendment changes the manifest's '{key}', which the record "
                                f"'{where.id}' does not list under changes.manifest", where.key_location("changes")))
    for key in sorted(claimed_keys - set(diff.manifest)):
        findings.append(finding("AMD004", f"the record '{where.id}' lists the manifest's '{key}' under "
                                "changes.manifest, but the amendment does not change it",
                                where.key_location("changes")))


def _verb(kind: str) -> str:
    return {"added": "adds", "removed": "removes", "changed": "changes", "moved": "moves"}[kind]


def _history_rewritten(new: Record, old: Record, findings: list[Finding]) -> None:
    for key in ("changes", "before", "id"):
        if new.data.get(key) != old.data.get(key):
            findings.append(finding("AMD015", f"the change edits '{key}' of the earlier amendment record "
                                    f"'{new.id}'; a record's history is fixed once merged (status, approvals "
                                    "and dates may change)", new.key_location(key)))


def _rebuild(records: list[Record], base_tree: SourceTree, head_tree: SourceTree,
             findings: list[Finding]) -> None:
    missing = [r for r in records if r.before is None]
    for record in missing:
        findings.append(finding("AMD012", f"the record '{record.id}' has no before-images, so the document "
                                "as it stood before it cannot be rebuilt; write them with `fwdoc amend record`",
                                record.location))
    if missing:
        return
    tree = head_tree.copy()
    for record in reversed(records):
        restore(tree, dict(record.before or {}))
    if not same_source(tree, base_tree):
        names = ", ".join(f"'{r.id}'" for r in records)
        findings.append(finding("AMD012", f"the before-images of {names} do not give back the version "
                                "before the amendment, so `--as-at` would rebuild it wrongly; run "
                                "`fwdoc amend record` again after the last change", records[-1].location))
