"""Who drafts, endorses, approves, is consulted on or is informed of a thing: the roles of the
responsibility matrix (read from the verb vocabulary by checker/website/roles.py, so the answer
and the matrix never disagree), with the office or group each actor is named by, the
deadlines and conditions of each rule, and the duties the text gives to no named actor."""

from __future__ import annotations

from collections import defaultdict

from checker import vocab
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
from checker.model import Document, Rule
from checker.semantics import facts_of
from checker.website.roles import MATRIX_ROLES, ROLE_TEXT, ROLES, rule_roles

QUESTIONS = {
    "who-drafts": "drafts", "who-endorses": "endorses", "who-approves": "approves",
    "who-is-consulted": "consulted", "who-is-informed": "informed",
}
HEADINGS = {role: text[:1].upper() + text[1:] for role, text in ROLE_TEXT.items()}
UNNAMED = "unnamed"


def who(document: Document, kind: str, thing: str) -> Answer:
    """`who-approves X` and its siblings: the actors with that role for X."""
    named = names.thing(document, thing)
    role = QUESTIONS[kind]
    items = [i for i in _role_items(document, named.id) if i.group == role]
    name = the(document, named.id)
    question = f"Who {ROLE_TEXT[role].removesuffix(' it').removesuffix(' on').removesuffix(' of')}" \
        f"{' on' if role == 'consulted' else ' of' if role == 'informed' else ''} {name}?"
    notes = () if items else (f"No rule gives anyone this role for {name}.",)
    return Answer(kind, question, (named.id,), tuple(items), notes, ((role, HEADINGS[role]),))


def object_roles(document: Document, thing: str) -> Answer:
    """Every role for a thing (its page on the site; `fwdoc ask object X`)."""
    named = names.thing(document, thing)
    items = _role_items(document, named.id)
    order = {role: i for i, role in enumerate(ROLES)}
    items.sort(key=lambda i: order.get(i.group, len(order)))
    groups = tuple((r, HEADINGS[r]) for r in ROLES if any(i.group == r for i in items))
    name = the(document, named.id)
    notes = () if items else (f"No rule gives anyone a role for {name}.",)
    return Answer("object", f"Who does what with {name}?", (named.id,), tuple(items), notes, groups)


def _by_thing(document: Document) -> dict[str, list[tuple[str, str, Rule]]]:
    """thing -> [(role, actor or UNNAMED, rule)], in rule order: every rule read once."""
    words = vocab.for_document(document)
    out: dict[str, list[tuple[str, str, Rule]]] = defaultdict(list)
    for rule in document.rules:
        for obj, actor, role in rule_roles(rule, words):
            if actor in document.actors:
                out[obj].append((role, actor, rule))
        if rule.unnamed and rule.action and rule.modality not in ("must_not", "may_not", "should_not"):
            for act in rule.actions:  # each alternative of `approve or endorse`
                unnamed_role = MATRIX_ROLES.get(words.role(act) or "")
                if unnamed_role and words.role_of(act) == "bearer":
                    for obj in rule.object_ids:
                        out[obj].append((unnamed_role, UNNAMED, rule))
    return dict(out)


def by_thing(document: Document) -> dict[str, list[tuple[str, str, Rule]]]:
    """Every role of every thing, read once per document."""
    found: dict[str, list[tuple[str, str, Rule]]] = memo(document, "roles_by_thing", lambda: _by_thing(document))
    return found


def _role_items(document: Document, thing: str) -> list[Item]:
    groups = facts_of(document).groups
    found: dict[tuple[str, str], list[Rule]] = defaultdict(list)
    for role, actor, rule in by_thing(document).get(thing, ()):
        found[(role, actor)].append(rule)
    items: list[Item] = []
    for (role, actor), rules in found.items():
        rules = list(dict.fromkeys(rules))
        chain: list[Step] = []
        for rule in rules:
            _, office = as_written(document, rule, actor)
            chain.extend(office_step(document, actor, office))
        if groups.is_group(actor):
            members = [document.actor_name(m) for m in groups.members_of(actor)]
            if members:
                chain.append(Step(f"{document.actor_name(actor)} is a group: {', '.join(members)}"))
        name = "someone the text does not name" if actor == UNNAMED else document.actor_name(actor)
        # the offices it is named by (its own name needs no mention)
        written = sorted({w for r in rules for w, office in [as_written(document, r, actor)] if office}) \
            if actor != UNNAMED else []
        says = ROLE_TEXT[role]
        if written:
            says += f" (as {', '.join(written)})"
        details = tuple(dict.fromkeys(d for r in rules for d in details_of(document, r)))
        items.append(Item(role, actor if actor != UNNAMED else "", name, says,
                          tuple(_sources(document, rules)), tuple(dict.fromkeys(chain)), details))
    order = {aid: i for i, aid in enumerate(document.actors)}
    items.sort(key=lambda i: (order.get(i.subject, -1), i.name))
    return items


def _sources(document: Document, rules: list[Rule]) -> list[Source]:
    return [source(document, r) for r in rules]
