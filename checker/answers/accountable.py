"""To whom an actor is accountable, up to the top: every line upwards (accountable to, reports
to, line managed by, chaired by, the channel of `accountable to ... through ...`, a dotted
line, and membership of a group that has a line of its own), followed to an actor with no line
above it, each path an item whose chain is its steps with the rule and office of each."""

from __future__ import annotations

from collections import defaultdict

from checker.answers import names
from checker.answers.base import Answer, Item, Step, as_written, memo, source, the
from checker.checks.accountability import every_line
from checker.model import Document, Rule
from checker.semantics import facts_of

RELATION_WORDS = {"accountability": "is accountable to", "reporting": "reports to",
                  "line_management": "is line managed by", "chairing": "is chaired by",
                  "through": "answers through", "dotted line to": "has a dotted line to",
                  "member": "is a member of"}
MAX_PATHS = 64  # a tangle of lines is summarised, not enumerated


def _upwards(document: Document) -> dict[str, list[tuple[str, str, Rule | None]]]:
    """actor -> [(superior, relation, rule or None for the register)], in a stable order."""
    store = document.__dict__.setdefault("_answers_memo", {})
    if "upwards" in store:
        found: dict[str, list[tuple[str, str, Rule | None]]] = store["upwards"]
        return found
    out: dict[str, list[tuple[str, str, Rule | None]]] = defaultdict(list)
    for lower, uppers in every_line(document).items():
        for upper, (relation, rule) in uppers.items():
            out[lower].append((upper, relation, rule))
    for line in document.actor_graph:
        if line.relation == "dotted line to":
            out[line.lower].append((line.upper, "dotted line to", line.rule))
    groups = facts_of(document).groups
    for actor in document.actors:
        for group in sorted(groups.parents.get(actor, ())):
            # membership leads up only where the group itself answers to someone
            if group in document.actors and groups.is_group(group):
                out[actor].append((group, "member", None))
    store["upwards"] = dict(out)
    return dict(out)


def _also(document: Document) -> dict[tuple[str, str], list[Rule]]:
    """(lower, upper) -> every rule of the actor graph that draws that line, in rule order."""
    def build() -> dict[tuple[str, str], list[Rule]]:
        out: dict[tuple[str, str], list[Rule]] = defaultdict(list)
        for line in document.actor_graph:
            if line.rule not in out[(line.lower, line.upper)]:
                out[(line.lower, line.upper)].append(line.rule)
        return dict(out)
    found: dict[tuple[str, str], list[Rule]] = memo(document, "lines_also", build)
    return found


def accountable(document: Document, actor: str) -> Answer:
    named = names.actor(document, actor)
    who = named.id
    up = _upwards(document)
    paths: list[list[tuple[str, str, str, Rule | None]]] = []
    truncated = False

    def walk(node: str, path: list[tuple[str, str, str, Rule | None]], seen: set[str]) -> None:
        nonlocal truncated
        if len(paths) >= MAX_PATHS:
            truncated = True
            return
        steps = [(u, rel, rule) for u, rel, rule in up.get(node, ()) if u not in seen
                 and not (rel == "member" and not up.get(u))]
        if not steps:
            if path:
                paths.append(list(path))
            return
        for upper, relation, rule in steps:
            path.append((node, upper, relation, rule))
            walk(upper, path, seen | {upper})
            path.pop()

    walk(who, [], {who})
    name = document.actor_name(who)
    items: list[Item] = []
    for path in paths:
        chain: list[Step] = []
        through: list[str] = []
        for lower, upper, relation, rule in path:
            if rule is None:
                chain.append(Step(f"{document.actor_name(lower)} {RELATION_WORDS[relation]} "
                                  f"{document.actor_name(upper)} (actors register)"))
                continue
            low, low_office = as_written(document, rule, lower)
            high, high_office = as_written(document, rule, upper)
            text = f"{low} {RELATION_WORDS.get(relation, relation)} {high}"
            offices = [document.offices[o].name + f" (held by {document.actor_name(a)})"
                       for o, a in ((low_office, lower), (high_office, upper)) if o is not None and o in document.offices]
            through.extend(document.offices[o].name for o in (low_office, high_office)
                           if o is not None and o in document.offices)
            if offices:
                text += f", as {' and '.join(offices)}"
            chain.append(Step(text, source(document, rule)))
        top = path[-1][1]
        route = " → ".join([name, *(document.actor_name(step[1]) for step in path)])
        details = (("through offices", ", ".join(dict.fromkeys(through))),) if through else ()
        # every rule that draws a step, not only the first (the chain cites the first)
        also = _also(document)
        sources = tuple(dict.fromkeys(source(document, x) for low, high, _, r in path if r is not None
                                      for x in (r, *also.get((low, high), ()))))
        items.append(Item("line", top, document.actor_name(top), route, sources, tuple(chain), details))
    items.sort(key=lambda i: (len(i.chain), i.says))
    notes = list(names.office_note(document, named))
    if truncated:
        notes.append(f"Only the first {MAX_PATHS} lines are listed.")
    if not items:
        notes.append(f"No rule makes {name} accountable to anyone."
                     + (" It stands at the top of the lines of accountability." if document.actors[who].root else ""))
    return Answer("accountable", f"To whom is {the(document, who)} accountable?", (who,), tuple(items), tuple(notes),
                  (("line", "Lines of accountability, to the top"),) if items else ())
