"""Who may act for an actor: the delegations it makes or may make (with their limits: the
scope, the exceptions, the money band, whether in writing, a hedge), and, one step further,
the sub-delegations its delegates may make of the same thing (a derived answer: its chain
cites both rules)."""

from __future__ import annotations

from checker.answers import names
from checker.answers.base import Answer, Item, Step, as_written, details_of, memo, office_step, source, the
from checker.model import ACTOR, Document, Rule

NEGATIVE = ("must_not", "may_not", "should_not")


def may_act_for(document: Document, actor: str) -> Answer:
    named = names.actor(document, actor)
    who = named.id
    items: list[Item] = []
    for rule in _delegations(document):
        if who not in rule.actors or rule.sub_delegation:
            continue
        by, office = as_written(document, rule, who)
        for ref in rule.counterparts:
            if ref.kind != ACTOR:
                continue
            what = _what(document, rule)
            made = rule.kind == "delegates"
            says = f"{'acts' if made else 'may be given authority to act'} for {by} on {what}"
            chain = (*office_step(document, who, office),
                     Step(f"{by} {'delegates' if made else _modal(rule) + ' delegate'} {what} to "
                          f"{document.display(ref)}", source(document, rule)))
            items.append(Item("direct", ref.id, document.actor_name(ref.id), says, (source(document, rule),),
                              chain, _limits(document, rule)))
            for sub in _delegations(document):
                if not sub.sub_delegation or ref.id not in sub.actors or not set(sub.object_ids) & set(rule.object_ids):
                    continue
                for onward in sub.counterparts:
                    if onward.kind != ACTOR:
                        continue
                    items.append(Item(
                        "onward", onward.id, document.actor_name(onward.id),
                        f"may act for {by} on {what}, by sub-delegation from {document.display(ref)}",
                        (source(document, rule), source(document, sub)),
                        (*chain, Step(f"{document.display(ref)} {_modal(sub)} sub-delegate {_what(document, sub)} to "
                                      f"{document.display(onward)}", source(document, sub))),
                        _limits(document, sub)))
    for rule in _delegations(document):
        if rule.kind == "delegated_authority" and who in rule.actors:
            items.append(Item("held", who, document.actor_name(who),
                              f"has delegated authority for {_what(document, rule)} (the text names no delegator)",
                              (source(document, rule),), (), _limits(document, rule)))
    name = document.actor_name(who)
    groups = (("direct", f"Delegations by {name}"), ("onward", "Onward, by sub-delegation"),
              ("held", "Delegated authority it holds"))
    notes = names.office_note(document, named) + (() if items else (f"No rule delegates anything of {name}'s.",))
    return Answer("who-acts-for", f"Who may act for {the(document, who)}?", (who,), tuple(items), notes,
                  tuple(g for g in groups if any(i.group == g[0] for i in items)))


def _delegations(document: Document) -> list[Rule]:
    found: list[Rule] = memo(document, "delegations", lambda: [
        r for r in document.rules if r.kind in ("delegation", "delegates", "delegated_authority")
        and r.modality not in NEGATIVE])
    return found


def _modal(rule: Rule) -> str:
    return {"must": "must", "should": "should"}.get(rule.modality or "", "may")


def _what(document: Document, rule: Rule) -> str:
    things = [document.object_name(o) for o in rule.object_ids] or \
        [document.actor_name(r.id) for r in rule.objects if r.kind == ACTOR]
    text = ", ".join(things) or "what the clause says"
    return f"{rule.action.replace('_', ' ')} {text}" if rule.action else text


def _limits(document: Document, rule: Rule) -> tuple[tuple[str, str], ...]:
    out = list(details_of(document, rule))
    if not rule.in_writing:
        out.append(("in writing", "not said"))
    for kind, word in (("scope", "for"), ("exception", "except"), ("accordance", "in accordance with")):
        refs = rule.qual_refs(kind)
        if refs:
            out.append((kind, f"{word} {', '.join(document.display(r) for r in refs)}"))
    return tuple(dict.fromkeys(out))
