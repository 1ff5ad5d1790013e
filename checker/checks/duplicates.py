"""Duplicates: the same rule stated in two places.  Consistent, so information only."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from checker import vocab
from checker.checks.base import Context, check, get
from checker.checks.common import join, where
from checker.findings import Finding, Severity
from checker.model import Document, Ref, Rule
from checker.vocab import Vocabulary


def rule_key(rule: Rule, words: Vocabulary | None = None) -> tuple[object, ...]:
    """What a rule says, without where it says it: names resolved, lists as sets, the action
    as the vocabulary's canonical verb (`agree` is `endorse`), hedges and exclusivity kept."""
    def ids(refs: tuple[Ref, ...]) -> tuple[str, ...]:
        return tuple(sorted({r.id for r in refs}))

    def offices(refs: tuple[Ref, ...]) -> tuple[str, ...]:
        # what is held or appointed to is the office itself, not the person holding it:
        # 'holds departmental_sponsor' and 'holds principal_accounting_officer' differ
        return tuple(sorted({r.office or r.id for r in refs}))

    quals = tuple(sorted(
        (q.kind, ids(q.refs), (q.value or "").lower(), ids(q.objects)) for q in rule.qualifiers))
    action: object = words.canonical(rule.action) if words is not None and rule.action else rule.action
    if getattr(rule, "alternatives", ()):  # `approve or endorse` is not `approve`
        action = tuple(sorted({words.canonical(a) if words is not None else a for a in rule.alternatives}))
    return (rule.kind, ids(rule.subjects), rule.modality, action, offices(rule.objects),
            offices(rule.counterparts), quals, rule.sub_delegation, getattr(rule, "hedge", None),
            getattr(rule, "exclusive", None), getattr(rule, "quantity", None), getattr(rule, "dotted", False))


def _times(count: int) -> str:
    return "twice" if count == 2 else f"{count} times"


@check("DUP001", "duplicate-rule", Severity.INFO, "duplicates")
def duplicate_rule(document: Document, context: Context) -> Iterator[Finding]:
    """The same rule stated in two or more places.

    Why it matters: a restated rule is consistent today, but the two places can drift apart
    when one is amended and the other forgotten.  Knowing where a rule is repeated tells an
    amendment author every place to change.

    Fails::

        # 2.1.1
        secretary_of_state must approve corporate_plan annually
        # 6
        secretary_of_state must approve corporate_plan each year

    Passes::

        # 2.1.1
        secretary_of_state must approve corporate_plan annually
        # 6
        director_general must submit corporate_plan to secretary_of_state annually

    Names are compared after resolution ("the Principal Accounting Officer" is "the Permanent
    Secretary"), actions after the vocabulary's synonyms (`agree` is `endorse`); the order of
    names in a list does not matter.  A hedged rule (`must normally`) is not the same rule as
    a firm one.
    """
    this = get("DUP001")
    words = vocab.for_document(document)
    groups: dict[tuple[object, ...], list[Rule]] = defaultdict(list)
    for rule in document.rules:
        if rule.kind != "amendment":
            groups[rule_key(rule, words)].append(rule)
    for rules in groups.values():
        if len(rules) < 2:
            continue
        labels = [where(document, r) for r in rules]
        places = join(f"{label} ({_times(labels.count(label))})" if labels.count(label) > 1 else label
                      for label in labels)
        first = rules[0]
        subjects = tuple(dict.fromkeys(r.id for r in (*first.subjects, *first.objects)))
        yield this.finding(f"the rule \"{first.source}\" is stated in {len(rules)} places ({places}); "
                           "they agree, but an amendment must change every one",
                           *(r.location for r in rules), subjects=subjects)
