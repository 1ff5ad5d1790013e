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
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker.amend.approvals import Requirement, delegations, requirements, resolve_actor
from checker.amend.codes import finding
from checker.amend.diff import SourceDiff, diff_sources, with_approvers
from checker.amend.guard import AmendError, check_folder
from checker.amend.records import Record, RecordSet, load_records
from checker.amend.refs import StaleReference, stale_references
from checker.amend.semantic import SemanticChange, rule_diff
from checker.amend.tree import REGISTERS, SourceTree, load_tree, restore, same_source, stray_before
from checker.checks import REGISTRY, Context, run_checks
from checker.checks.suppression import apply_acknowledgements
from checker.findings import Finding, Location, Severity, sort_findings
from checker.load.yamlfile import shared_reads
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


def _base_checked(root: Path, result: LoadResult, context: Context) -> list[Finding]:
    """BASE's findings (`_checked`), kept in the cache under everything they depend on: the
    bytes of every file of BASE's folder, fwdoc's code, the context and the registered checks.
    The pull requests against one BASE (CI judges each) check it once."""
    from checker import cache, findings

    where = cache.folder()
    digest = cache.folder_digest(root) if where is not None else None
    if where is None or digest is None:
        return _checked(result, context)
    cache.record_module(findings)
    cache.record_enum(Severity)
    checks = repr(sorted((code, f"{c.func.__module__}.{c.func.__qualname__}") for code, c in REGISTRY.items()))
    name = cache.key("base-findings", cache.code_version(), digest, repr(context), checks)
    found = cache.read(name, where)
    if isinstance(found, list) and all(isinstance(f, Finding) for f in found):
        return found
    value = _checked(result, context)
    cache.write(name, value, where)
    return value


def _key(f: Finding) -> tuple[object, ...]:
    """A finding whatever its suppression: code, message and places."""
    return f.code, f.message, tuple((loc.file, loc.line, loc.column, loc.clause) for loc in f.locations)


def _checked_head(result: LoadResult, base: Document, context: Context
                  ) -> tuple[list[Finding], dict[str, list[str]]]:
    """HEAD's findings, and the parts (with clauses) whose findings HEAD's acknowledgements
    silence while BASE's would not: an acknowledgement the change adds or widens silences a
    finding only with the approvals of the parts that finding is about."""
    head = result.document
    assert head is not None
    raw = run_checks(replace(head, acknowledgements=()), context)
    as_head = sort_findings(apply_acknowledgements(head, raw, set(REGISTRY)))
    as_base = apply_acknowledgements(replace(head, acknowledgements=base.acknowledgements), raw,
                                     set(REGISTRY), report_unused=False)
    quiet_in_base = {_key(f) for f in as_base if f.suppression is not None}
    silenced: dict[str, list[str]] = {}
    for f in as_head:
        if f.suppression is None or _key(f) in quiet_in_base:
            continue
        for loc in f.locations:
            clause = head.clauses.get(loc.clause or "")
            if clause is not None:
                clauses = silenced.setdefault(clause.part, [])
                if clause.id not in clauses:
                    clauses.append(clause.id)
    return list(result.findings) + as_head, silenced


def _judgeable(side: str, label: str, result: LoadResult, tree: SourceTree, strict: bool) -> None:
    """Raise AmendError when a version cannot be judged: it is no document at all, or (BASE,
    `strict`) a register or a listed part cannot be read, so that the amendment rules and the
    approvers the judgement needs may be missing."""
    problems = [f for f in (*tree.findings, *result.errors)]

    def why() -> str:
        shown = [f"{f.location}: {f.message}" for f in sort_findings(problems)[:5]]
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        return "; ".join(shown) + more if shown else "see `fwdoc check` on it"

    if result.document is None:
        raise AmendError(f"could not judge: {side} ({label}) is not a document: {why()}")
    if not strict:
        return
    listed = [p for p in tree.parts if isinstance(p, str)]
    lost = [p for p in listed if p not in result.document.part_by_id]
    lost_files = [f for f in tree.unreadable if f.startswith("parts/") or f[:-5] in REGISTERS]
    if lost or lost_files:
        what = ", ".join([*(f"parts/{p}.yaml" for p in lost), *(f for f in lost_files if not f.startswith("parts/"))])
        raise AmendError(
            f"could not judge: in {side} ({label}) {what} cannot be read, so the amendment rules and "
            f"approvers it holds are unknown: {why()}; fix {side} first (the change is judged by it)")


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
    """Compare two document folders (see `_judge`); a file of the same name and bytes in both,
    read for the model and again for the plain tree, is parsed once."""
    with shared_reads():
        return _judge(base_root, head_root, base_label, head_label, context, fail_on)


def _judge(base_root: Path, head_root: Path, base_label: str, head_label: str,
           context: Context | None, fail_on: Severity) -> Judgement:
    """Compare two document folders.

    Raises AmendError (a LoadError: exit status 2, "could not judge") when either version is
    no document, holds a file that must not be read (a link out of the folder, a device), or,
    for BASE, when structure the judgement depends on cannot be read: the amendment rules, the
    acknowledgements and the records of BASE are what the amendment is judged by."""
    context = context or Context()
    check_folder(base_root, f"BASE ({base_label})")
    check_folder(head_root, f"HEAD ({head_label})")
    base_result, head_result = load_document(base_root), load_document(head_root)
    base_doc, head_doc = base_result.document, head_result.document
    base_tree, head_tree = load_tree(base_root), load_tree(head_root)
    _judgeable("HEAD", head_label, head_result, head_tree, strict=False)
    _judgeable("BASE", base_label, base_result, base_tree, strict=True)
    assert base_doc is not None and head_doc is not None  # _judgeable raised otherwise

    # 1. findings HEAD introduces; acknowledgements are BASE's, those the change adds or widens
    # need the approvals of the parts whose findings they silence
    base_findings = _base_checked(base_root, base_result, context) + base_tree.findings
    head_findings, silenced = _checked_head(head_result, base_doc, context)
    head_findings += head_tree.findings
    introduced, fixed = new_findings(base_findings, head_findings)
    preexisting = len(head_findings) - len(introduced)

    # 2. what changed
    diff = with_approvers(diff_sources(base_tree, head_tree, base_doc, head_doc), base_root, head_root)
    semantic = rule_diff(base_doc, head_doc)

    # 3. the amendment's records
    base_records, head_records = load_records(base_root), load_records(head_root)
    hidden = [f for f in base_records.findings if f.code == "AMD018"]
    if hidden:  # the merged history is what the change must keep: it must be readable
        raise AmendError(f"could not judge: the records of BASE ({base_label}) cannot be read: "
                         f"{hidden[0].location}: {hidden[0].message}; fix BASE first")
    old = base_records.by_id()
    records = [r for r in head_records.in_order()
               if r.id not in old or r.data != old[r.id].data]
    introduced += new_findings(base_records.findings, head_records.findings)[0]

    findings: list[Finding] = []
    title = head_doc.manifest.title
    judgement = Judgement(base_label, head_label, title, diff, semantic, [], [], records, findings,
                          sort_findings(introduced), preexisting, fixed, fail_on=fail_on,
                          base_doc=base_doc, head_doc=head_doc)
    _append_only(base_root, head_root, base_records, head_records, head_doc, findings)

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
    for record in new or records[:1]:
        for part, clauses in silenced.items():
            scope = scopes.setdefault(record.id, {}).setdefault(part, [])
            scope.extend(c for c in clauses if c not in scope)
    all_requirements: dict[str, Requirement] = {}
    lines: dict[str, ApprovalLine] = {}
    for record in records:
        reqs = requirements(base_doc, head_doc, scopes[record.id])
        for req in reqs:
            all_requirements.setdefault(req.part, req)
        _judge_record(record, reqs, base_doc, head_doc, findings, lines, context.today.isoformat())
    for record in records:
        _unrequired(record, base_doc, lines)
    judgement.requirements = list(all_requirements.values())
    if not new and not diff.empty:
        touched = _touched(diff, base_doc, head_doc)
        for part, clauses in silenced.items():
            touched.setdefault(part, []).extend(c for c in clauses if c not in touched[part])
        judgement.requirements = requirements(base_doc, head_doc, touched)
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
    walked = head_tree.copy()  # each record's images against the tree as it stood with it in force
    for record in reversed(new):
        _claims_something(record, findings)
        _before_claimed(record, (walked, base_tree, head_tree), findings)
        restore(walked, dict(record.before or {}))

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

    # 6. the before-images give BASE back (also when no source file changed: a record alone
    # can still forge what the document said before it)
    if new and readable:
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
    front = next((p.id for p in base.parts if p.kind != "annex"), None)
    for _, entry, _kind in diff.registers:
        if only is not None and entry not in only:
            continue
        # the parts whose rules name the entry, before or after; an entry no rule names still
        # changes the document (names, aliases, offices): it counts against the main body
        named = False
        for doc in (base, head):
            for rule in doc.rules:
                refs = (*rule.subjects, *rule.objects, *rule.counterparts,
                        *(r for q in rule.qualifiers for r in q.refs))
                if any(r.id == entry or r.office == entry for r in refs) and rule.clause in doc.clauses:
                    add(doc.clauses[rule.clause].part, rule.clause)
                    named = True
        if not named:
            add(front, entry)
    meta = [k for k in diff.manifest if k != "parts"]
    if meta and (only is None or any(k in only for k in meta)):
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
                  findings: list[Finding], lines: dict[str, ApprovalLine], today: str) -> None:
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
        who = _actor_phrase(base, actor)
        if approval.date > today:  # not given yet: reported, never counted
            findings.append(finding("AMD020", f"the approval by {who} is dated {approval.date}, after today "
                                    f"({today}): an approval that has not been given yet lets nothing in",
                                    approval.location))
            continue
        if approval.on_behalf_of is None:
            given.setdefault(actor, (approval.date, approval.reference, approval.actor))
        if record.in_force and approval.date > record.in_force:
            findings.append(finding("AMD005", f"the approval by {who} is dated {approval.date}, after the date "
                                    f"in force {record.in_force}: the amendment cannot be in force before it "
                                    "is approved", approval.location))
        if approval.date < record.proposed:
            findings.append(finding("AMD014", f"the approval by {who} is dated {approval.date}, before the "
                                    f"amendment was proposed on {record.proposed}", approval.location))
    _delegated(record, reqs, base, given, findings, today)
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


def _delegated(record: Record, reqs: list[Requirement], base: Document,
               given: dict[str, tuple[str, str, str]], findings: list[Finding], today: str) -> None:
    """Approvals given on behalf of an approver: they count for that approver when BASE lets
    the approver delegate approving amendments to the one who signed (approvals.delegations);
    otherwise they are an error (AMD019) and count for nobody."""
    allowed = delegations(base, tuple(rule for req in reqs for rule in req.rules))
    for approval in record.approvals:
        if approval.on_behalf_of is None or approval.date > today:  # AMD020 for a future one
            continue
        actor, holder = resolve_actor(base, approval.actor), resolve_actor(base, approval.on_behalf_of)
        if actor is None:
            continue  # AMD013 already
        if holder is None:
            known = [*base.actors, *base.offices]
            findings.append(finding("AMD013", f"the approval is given on behalf of '{approval.on_behalf_of}', "
                                    f"which is not an actor or office of the document"
                                    f"{did_you_mean(approval.on_behalf_of, known)}", approval.location))
            continue
        rule = allowed.get((holder, actor))
        if rule is None:
            findings.append(finding(
                "AMD019", f"the approval by {_actor_phrase(base, actor)} is given on behalf of "
                f"{_actor_phrase(base, holder)}, but the document does not let {_actor_phrase(base, holder)} "
                "delegate approving amendments to them (a `may delegate` or `delegates` statement beside the "
                "amendment rule, in a part whose amendments need their own approval); it counts for neither", approval.location, subjects=(holder, actor)))
            continue
        reference = f"{approval.reference} (by {base.actor_name(actor)}, delegated in " \
                    f"{clause_name(base, rule.clause)})".strip()
        given.setdefault(holder, (approval.date, reference, approval.actor))


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


def _claims_something(record: Record, findings: list[Finding]) -> None:
    """A new record must list what it changes: one that lists nothing needs nobody's approval
    and yet enters the history (its before-images rewrite what `--as-at` publishes)."""
    changes = record.changes
    if changes.clauses or changes.registers or changes.manifest:
        return
    findings.append(finding("AMD021", f"the record '{record.id}' lists no change (no clause, register entry or "
                            "manifest key under changes); a record that amends nothing must not enter the "
                            "history", record.key_location("changes")))


def _before_claimed(record: Record, trees: tuple[SourceTree, ...], findings: list[Finding]) -> None:
    """A record's before-images may hold only what the record lists as changed: each is judged
    on its own, so that a record beside another cannot hide a forged image behind it."""
    stray = stray_before(record, *trees)
    if stray:
        shown = ", ".join(stray[:5]) + (f" (and {len(stray) - 5} more)" if len(stray) > 5 else "")
        findings.append(finding("AMD022", f"the before-images of '{record.id}' hold {shown}, which the record does "
                                "not list as changed; a before-image is what the amendment replaced, so it may "
                                "only cover what the record changes", record.key_location("before")))


def _verb(kind: str) -> str:
    return {"added": "adds", "removed": "removes", "changed": "changes", "moved": "moves"}[kind]


def _history_rewritten(new: Record, old: Record, findings: list[Finding]) -> None:
    """A merged record may only go from approved to in-force; anything else rewrites history."""
    before, after = dict(old.data), dict(new.data)
    if before.get("status") == "approved" and after.get("status") == "in-force":
        after["status"] = "approved"
    for key in dict.fromkeys([*before, *after]):
        if after.get(key) != before.get(key):
            findings.append(finding("AMD015", f"the change edits '{key}' of the earlier amendment record "
                                    f"'{new.id}'; a merged record is part of the history and only its "
                                    "status may move on, from approved to in-force", new.key_location(key)))


def _append_only(base_root: Path, head_root: Path, base: RecordSet, head: RecordSet, head_doc: Document,
                 findings: list[Finding]) -> None:
    """Records merged before the change stay where they are, as they are; so does their folder."""
    if base.folder != head.folder:
        findings.append(finding(
            "AMD017", f"the change points the manifest's amendments folder at '{head.folder}' instead of "
            f"'{base.folder}'; the merged records stay where they are and the folder does not change",
            _manifest_key(head_doc, "amendments")))
    now = head.by_id()
    for record in base.records:
        later = now.get(record.id)
        if later is None:
            findings.append(finding(
                "AMD015", f"the change deletes the merged amendment record '{record.id}' ({record.file}); "
                "the history is append-only: keep it", head_doc.manifest.location))
        elif later.file != record.file:
            findings.append(finding(
                "AMD015", f"the change moves the merged amendment record '{record.id}' from {record.file} to "
                f"{later.file}; keep it where it was", later.location))
    # records BASE holds but could not read are history too: their files stay
    kept = {r.file for r in head.records} | {f.location.file for f in head.findings}
    for rel in sorted(_record_files(base_root, base.folder) - {r.file for r in base.records}):
        if rel not in kept and not (head_root / rel).is_file():
            findings.append(finding(
                "AMD015", f"the change deletes the merged amendment record file {rel}; the history is "
                "append-only: keep it", head_doc.manifest.location))


def _record_files(root: Path, folder: str) -> set[str]:
    from checker.amend.guard import outside

    path = root / folder
    if outside(root.resolve(), folder) is not None or not path.is_dir():
        return set()
    return {f"{folder}/{p.name}" for p in path.glob("*.yaml")}


def _manifest_key(doc: Document, key: str) -> Location:
    from checker.load.yamlfile import YDict, read_yaml

    data = read_yaml(doc.root / "manifest.yaml", doc.root).data
    if isinstance(data, YDict) and key in data.key_pos:
        pos = data.key_pos[key]
        return Location("manifest.yaml", pos.line, pos.column)
    return doc.manifest.location


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
