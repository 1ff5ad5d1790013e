"""Who may decide a thing: the actors whose rules give them authority over it (the
vocabulary's approves and decides roles, as a power, a permission or a duty), which of them has
the final word or acts alone, and to whom the decision may be or is delegated."""

from __future__ import annotations

from typing import Any

from checker.answers import names
from checker.answers.base import (
    Answer,
    Item,
    Source,
    Step,
    as_written,
    details_of,
    memo,
    office_step,
    source,
    the,
)
from checker.model import ACTOR, Document
from checker.semantics import facts_of

DECIDING = frozenset({"approves", "decides"})
FORCE_WORDS = {"power": "has the power to", "duty": "must", "permission": "may", "recommendation": "should"}


def may_decide(document: Document, thing: str) -> Answer:
    named = names.thing(document, thing)
    facts = facts_of(document)
    name = the(document, named.id)
    found: dict[str, list[tuple[str, list[Source], list[Step], list[tuple[str, str]]]]] = {}
    by_obj = memo(document, "facts_by_obj", lambda: _group(facts.all, lambda f: (f.obj,)))
    for fact in by_obj.get(named.id, ()):
        if fact.obj != named.id or fact.role not in DECIDING or fact.force not in FORCE_WORDS:
            continue
        written, office = as_written(document, fact.rule, fact.bearer)
        chain = list(office_step(document, fact.bearer, office))
        if fact.via:
            chain.append(Step(f"{document.actor_name(fact.bearer)} is a member of {document.actor_name(fact.via)}, "
                              "whom the rule names"))
        says = f"{FORCE_WORDS[fact.force]} {fact.verb} it"
        if fact.exclusive:
            says += " (the final word)" if fact.exclusive == "final" else " (alone)"
        entry = found.setdefault(fact.bearer, [])
        if not entry:
            entry.append((says, [], [], []))
        says0, sources, steps, details = entry[0]
        if fact.exclusive and says not in says0:
            entry[0] = (says, sources, steps, details)
        sources.append(source(document, fact.rule))
        steps.extend(chain)
        details.extend(details_of(document, fact.rule))
    items: list[Item] = [
        Item("decides", bearer, document.actor_name(bearer), entry[0][0], tuple(dict.fromkeys(entry[0][1])),
             tuple(dict.fromkeys(entry[0][2])), tuple(dict.fromkeys(entry[0][3])))
        for bearer, entry in found.items()]
    words = facts.words
    delegations = memo(document, "delegations_by_obj", lambda: _group(
        [r for r in document.rules if r.kind in ("delegation", "delegates")], lambda r: r.object_ids))
    for rule in delegations.get(named.id, ()):
        if named.id not in rule.object_ids:
            continue
        if rule.action and words.role(rule.action) not in DECIDING:
            continue
        if rule.modality in ("must_not", "may_not", "should_not"):
            continue
        made = rule.kind == "delegates"
        for delegator in rule.actors:
            by, _ = as_written(document, rule, delegator)
            for ref in rule.counterparts:
                if ref.kind != ACTOR:
                    continue
                says = (f"decides it by delegation from {by}" if made else
                        f"may be delegated the decision by {by}")
                items.append(Item("delegated", ref.id, document.actor_name(ref.id), says, (source(document, rule),),
                                  (Step(f"{by} {'delegates' if made else 'may delegate'} "
                                        f"{rule.action + ' ' if rule.action else ''}{name} to "
                                        f"{document.display(ref)}", source(document, rule)),),
                                  details_of(document, rule)))
    groups = (("decides", "Decides it"), ("delegated", "By delegation"))
    notes = () if items else (f"No rule gives anyone the authority to decide {name}.",)
    return Answer("who-decides", f"Who may decide {name}?", (named.id,), tuple(items), notes,
                  tuple(g for g in groups if any(i.group == g[0] for i in items)))


def _group(values: list[Any], keys: Any) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for value in values:
        for key in keys(value):
            out.setdefault(key, []).append(value)
    return out
