"""The semantic diff of the rules, in the words a policy officer reads.

Rules are compared by what they say (kind, who, modality, action, what, with whom, and the
qualifiers, after alias and office resolution), never by where they are written: a rule moved
to another clause, or re-worded in the DSL without changing its meaning, is no change.
A removed and an added rule that differ in one respect are read as one change:

    approval of the Corporate Plan moves from the Secretary of State to the Permanent Secretary
    the Director General's duty to publish the Annual Report becomes a power (must -> may)
    amendments to the annexes: the agreement of the Director General, instead of the
      Permanent Secretary and the Director General
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from checker.model import Document, Qual, Ref, Rule
from checker.render import english

# the noun for an action: "approval of the Corporate Plan"
NOUNS = {
    "approve": "approval", "submit": "submission", "publish": "publication", "draft": "drafting",
    "prepare": "preparation", "endorse": "endorsement", "agree": "agreement",
    "consult": "consultation", "inform": "informing", "notify": "notification",
    "appoint": "appointment", "provide": "provision", "maintain": "maintenance",
    "review": "review", "deliver": "delivery", "report": "reporting", "set": "setting",
    "commission": "commissioning", "sign": "signing", "lay_before": "laying",
    "determine": "determination", "manage": "management", "monitor": "monitoring",
    "produce": "production", "issue": "issue", "audit": "audit", "authorise": "authorisation",
}
MODAL_WORDS = {
    "must": "duty", "must_not": "prohibition", "may": "power", "may_not": "denial of the power",
    "should": "recommendation", "should_not": "recommendation against",
}


@dataclass(frozen=True)
class SemanticChange:
    kind: str  # added | removed | changed
    text: str  # in words, without a final full stop
    before: Rule | None = None
    after: Rule | None = None

    @property
    def clauses(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.clause for r in (self.before, self.after) if r is not None))

    @property
    def line(self) -> str:
        return f"{self.kind.capitalize()}: {self.text}."


def _ids(refs: Sequence[Ref]) -> tuple[str, ...]:
    return tuple(sorted(r.id for r in refs))


def _qual_key(q: Qual) -> tuple[object, ...]:
    return (q.kind, _ids(q.refs), " ".join((q.value or "").split()), _ids(q.objects))


def signature(rule: Rule) -> tuple[object, ...]:
    """What a rule says, independent of where and how it is written."""
    return (rule.kind, _ids(rule.subjects), rule.modality, rule.action, _ids(rule.objects),
            _ids(rule.counterparts), tuple(sorted(_qual_key(q) for q in rule.qualifiers)),
            rule.sub_delegation, tuple(getattr(rule, "alternatives", ())))


def _multiset_diff(a: Sequence[Rule], b: Sequence[Rule],
                   signatures: dict[int, tuple[object, ...]] | None = None) -> list[Rule]:
    """Rules of `a` not matched by a rule of `b` saying the same (counting duplicates);
    `signatures` holds each rule's signature by id(rule), when computed already."""
    def signed(rule: Rule) -> tuple[object, ...]:
        return signatures[id(rule)] if signatures is not None else signature(rule)

    counts = Counter(signed(r) for r in b)
    out = []
    for rule in a:
        sig = signed(rule)
        if counts[sig]:
            counts[sig] -= 1
        else:
            out.append(rule)
    return out


@dataclass(frozen=True)
class _Words:
    """A rule's parts in words, rendered once (naming is costly: it reads the whole prose)."""

    sentence: str
    subjects: str
    objects: str
    counterparts: str
    qualifiers: str
    topic: str


def _words(rules: Sequence[Rule], doc: Document) -> dict[int, _Words]:
    out = {}
    for rule in rules:
        out[id(rule)] = _Words(
            _plain(english.sentence(rule, doc)), english.names(rule.subjects, doc),
            english.names(rule.objects, doc), english.names(rule.counterparts, doc),
            english.qualifiers(rule, doc).strip(), _topic(rule, doc))
    return out


def rule_diff(base: Document, head: Document) -> list[SemanticChange]:
    """Added, removed and changed rules between two versions, in reading order of HEAD."""
    # each rule's signature once (both comparisons read every rule of both versions)
    signatures = {id(r): signature(r) for r in (*base.rules, *head.rules)}
    removed = _multiset_diff(base.rules, head.rules, signatures)
    added = _multiset_diff(head.rules, base.rules, signatures)
    if not removed and not added:
        return []
    # one document at a time, BASE last: naming is cached for one document, and the judge goes
    # on to name BASE's actors
    words = _words(added, head) | _words(removed, base)
    changes: list[SemanticChange] = []
    used: set[int] = set()
    for old in removed:
        for index, new in enumerate(added):
            if index in used:
                continue
            text = _pair(old, new, words[id(old)], words[id(new)])
            if text is not None:
                used.add(index)
                changes.append(SemanticChange("changed", text, old, new))
                break
        else:
            changes.append(SemanticChange("removed", words[id(old)].sentence, old, None))
    for index, new in enumerate(added):
        if index not in used:
            changes.append(SemanticChange("added", words[id(new)].sentence, None, new))
    order = {cid: i for i, cid in enumerate([*head.clauses, *base.clauses])}
    return sorted(changes, key=lambda c: (order.get(c.clauses[0], 0) if c.clauses else 0,
                                          ("removed", "changed", "added").index(c.kind)))


def _plain(sentence: str) -> str:
    return sentence.rstrip(".")


def _same(old: Rule, new: Rule, *keys: Callable[[Rule], object]) -> bool:
    return all(key(old) == key(new) for key in keys)


def _subj(rule: Rule) -> object:
    return _ids(rule.subjects)


def _modal(rule: Rule) -> object:
    return rule.modality


def _act(rule: Rule) -> object:
    return rule.action


def _obj(rule: Rule) -> object:
    return _ids(rule.objects)


def _cp(rule: Rule) -> object:
    return _ids(rule.counterparts)


def _quals(rule: Rule) -> object:
    return tuple(sorted(_qual_key(q) for q in rule.qualifiers))


def _sub(rule: Rule) -> object:
    return rule.sub_delegation


def _topic(rule: Rule, doc: Document) -> str:
    """'approval of the Corporate Plan', 'responsibility for media handling'."""
    objects = english.names(rule.objects, doc)
    if rule.kind == "responsibility":
        return f"responsibility for {objects}"
    if rule.kind in ("obligation", "delegation", "delegates") and rule.action:
        noun = NOUNS.get(rule.action)
        if noun:
            return f"{noun} of {objects}" if objects else noun
        return f"the duty to {english.verb(rule.action)} {objects}".rstrip()
    if rule.kind == "chairing":
        return f"the chair of {objects}"
    if rule.kind == "appointment":
        return f"appointment of {objects}"
    if rule.kind == "supervision":
        return f"supervision of {objects}"
    return _plain(english.sentence(rule, doc))


_RELATIONS = ("accountability", "reporting", "line_management", "delegation", "delegates", "appointment",
              "advice")


def _pair(old: Rule, new: Rule, was: _Words, now: _Words) -> str | None:
    """One sentence for a removed and an added rule that differ in one respect, else None."""
    if old.kind != new.kind:
        return None
    if old.kind == "amendment":
        word = "agreement" if "agreement" in new.source else "approval"
        if _same(old, new, _obj):
            return f"amendments to {was.objects} need the {word} of {now.counterparts}, instead of {was.counterparts}"
        if _same(old, new, _cp):
            return (f"the {word} of {now.counterparts} is needed for amendments to {now.objects}, "
                    f"instead of {was.objects}")
        return None
    if _same(old, new, _modal, _act, _obj, _cp, _quals, _sub) and not _same(old, new, _subj):
        return f"{was.topic} moves from {was.subjects} to {now.subjects}"
    if _same(old, new, _subj, _act, _obj, _cp, _quals, _sub) and not _same(old, new, _modal):
        before = MODAL_WORDS.get(old.modality or "", old.modality)
        after = MODAL_WORDS.get(new.modality or "", new.modality)
        return (f"{_possessive(was.subjects)} {before} to {english.verb(old.action or '')} {was.objects} "
                f"becomes a {after} ({english.MODALS.get(old.modality or '', '')} → "
                f"{english.MODALS.get(new.modality or '', '')})")
    if old.kind in _RELATIONS and _same(old, new, _subj, _modal, _act, _obj, _sub, _quals) \
            and not _same(old, new, _cp):
        return f"{now.sentence}, instead of {was.counterparts}"
    if old.kind in ("accountability", "reporting", "line_management", "advice", "supervision") and \
            _same(old, new, _subj, _quals) and not _same(old, new, _obj):
        return f"{now.sentence}, instead of {was.objects}"
    if _same(old, new, _subj, _modal, _act, _obj, _cp, _sub) and not _same(old, new, _quals):
        return f"{now.sentence} (before: {was.qualifiers or 'no conditions'}; now: {now.qualifiers or 'no conditions'})"
    if _same(old, new, _subj, _modal, _act, _cp, _quals, _sub) and old.objects and new.objects and \
            not _same(old, new, _obj):
        return f"{now.sentence}, instead of {was.objects}"
    return None


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"
