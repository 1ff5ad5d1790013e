"""Accountability: lines of accountability, reporting and line management form a tree up to the
top of the structure (the actors marked `root: true` in actors.yaml)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from checker.checks.base import Context, check, get
from checker.checks.common import actor_as_written, join, memberships, the, where
from checker.checks.graphs import cycle_in, strongly_connected
from checker.findings import Finding, Severity
from checker.model import ACTOR, Document, Rule

_VERBS = {"accountability": "is accountable to", "reporting": "reports to",
          "line_management": "is line managed by", "chairing": "is chaired by", "through": "answers through"}
_NEGATIVE = ("must_not", "may_not", "should_not")


def answers_to(document: Document) -> dict[str, dict[str, Rule]]:
    """actor -> {superior: the first rule that says so}: the document's actor graph
    (accountable-to, reports-to, line-manages read upwards)."""
    edges: dict[str, dict[str, Rule]] = defaultdict(dict)
    for line in document.actor_graph:
        edges[line.lower].setdefault(line.upper, line.rule)
    return edges


def every_line(document: Document) -> dict[str, dict[str, tuple[str, Rule]]]:
    """actor -> {superior: (relation, rule)} through every kind of line: accountable to,
    reports to (not a dotted line), line manages, chairs (a body answers to its chair), and the
    channel of `accountable to x through y` (the actor answers through y, y to x).  Being
    subject to a jurisdiction, or a dotted line, is no line of accountability."""
    edges: dict[str, dict[str, tuple[str, Rule]]] = defaultdict(dict)

    def add(lower: str, upper: str, relation: str, rule: Rule) -> None:
        if lower != upper:
            edges[lower].setdefault(upper, (relation, rule))

    for rule in document.rules:
        if rule.modality in _NEGATIVE or rule.kind not in _VERBS or getattr(rule, "dotted", False):
            continue
        others = [r.id for r in rule.objects if r.kind == ACTOR]
        channels = [r.id for r in rule.qual_refs("through") if r.kind == ACTOR]
        for actor in rule.actors:
            for other in others:
                if rule.kind in ("line_management", "chairing"):
                    add(other, actor, rule.kind, rule)
                elif channels and rule.kind == "accountability":
                    for channel in channels:
                        add(actor, channel, "through", rule)
                        add(channel, other, rule.kind, rule)
                else:
                    add(actor, other, rule.kind, rule)
    return edges


def _step(document: Document, lower: str, upper: str, relation: str, rule: Rule) -> str:
    return (f"{actor_as_written(document, rule, lower)} {_VERBS[relation]} "
            f"{actor_as_written(document, rule, upper)} ({where(document, rule)})")


@check("ACC001", "accountability-cycle", Severity.ERROR, "accountability")
def accountability_cycle(document: Document, context: Context) -> Iterator[Finding]:
    """Lines of accountability of any kind (accountable to, reports to, line manages, chairs,
    answers through) that go round in a loop.

    Why it matters: accountability must end somewhere: with a minister answerable to
    Parliament.  If the Director General is accountable to the Permanent Secretary and the
    Permanent Secretary (through any chain) to the Director General, nobody in the loop is
    finally answerable.

    Fails::

        director_general is accountable to permanent_secretary
        permanent_secretary chairs agency_board
        agency_board line manages permanent_secretary

    Passes::

        director_general is accountable to permanent_secretary
        permanent_secretary is accountable to parliament
        director_general has dotted line to agency_board
        agency_board is subject to director_general

    `a line manages b` is read as b answering to a; `a chairs b` as the body b answering to
    its chair; `a is accountable to c through b` as a answering to b and b to c.  A dotted line
    (`has dotted line to`) or a jurisdiction (`is subject to`) closes no loop.  An actor's rule
    about itself is ignored.
    """
    this = get("ACC001")
    edges = every_line(document)
    graph = {node: sorted(targets) for node, targets in edges.items()}
    for component in strongly_connected(graph):
        path = cycle_in(graph, component)
        steps = [edges[a][b] for a, b in zip(path, path[1:], strict=False)]
        chain = "; ".join(_step(document, a, b, relation, rule)
                          for a, b, (relation, rule) in zip(path, path[1:], steps, strict=False))
        yield this.finding(f"the lines of accountability go round in a loop: {chain}",
                           *dict.fromkeys(rule.location for _, rule in steps), subjects=tuple(path[:-1]))


@check("ACC002", "no-line-to-the-top", Severity.WARNING, "accountability")
def no_line_to_the_top(document: Document, context: Context) -> Iterator[Finding]:
    """An actor that holds an office, or answers to somebody, with no chain of accountability,
    reporting or line management that reaches the top of the structure.

    Why it matters: every public office must be answerable, in the end, to Parliament (or
    whatever the document marks as the top).  An office whose line stops short, at a body
    that answers to nobody, is outside the framework's accountability.

    Fails::

        # actors.yaml marks parliament as root: true
        director_general reports to permanent_secretary
        # ...and nothing says to whom the Permanent Secretary is accountable

    Passes::

        director_general reports to permanent_secretary
        permanent_secretary is accountable to parliament

    The top is every actor with `root: true` in actors.yaml; a document with none is not
    checked.  A part of an actor (`part_of`) shares that actor's line, and so does the actor
    another acts `through` ("responsible for communications through the Director of
    Communications").  Actors that neither
    hold an office nor answer to anybody (outside bodies) are not required to have a line.
    """
    this = get("ACC002")
    roots = {a.id for a in document.actors.values() if a.root}
    if not roots:
        return
    edges = answers_to(document)
    upward: dict[str, set[str]] = {node: set(targets) for node, targets in edges.items()}
    for actor in document.actors.values():
        if actor.part_of:
            upward.setdefault(actor.id, set()).add(actor.part_of)
    for rule in document.rules:
        channels = [r.id for r in rule.qual_refs("through") if r.kind == ACTOR]
        if not channels:
            continue
        for actor_id in rule.actors:
            for channel in channels:
                if rule.kind == "accountability":  # "responsible to x through y": y is on the way up
                    upward.setdefault(actor_id, set()).add(channel)
                elif channel != actor_id:  # "responsible for z through y": y acts for the actor
                    upward.setdefault(channel, set()).add(actor_id)
    downward: dict[str, set[str]] = defaultdict(set)
    for lower, uppers in upward.items():
        for upper in uppers:
            downward[upper].add(lower)
    reach = set(roots)
    todo = list(roots)
    while todo:
        for lower in downward.get(todo.pop(), ()):
            if lower not in reach:
                reach.add(lower)
                todo.append(lower)
    holders = {o.holder for o in document.offices.values()}
    candidates = sorted(a for a in holders | set(edges) if a not in reach and a in document.actors)
    top = join(the(document.actor_name(r)) for r in sorted(roots))
    # where each broken line stops: an actor above it that answers to nobody
    stops: dict[str, set[str]] = defaultdict(set)
    for actor_id in candidates:
        seen = {actor_id}
        todo = [actor_id]
        while todo:
            node = todo.pop()
            uppers = upward.get(node, set())
            if not uppers:
                stops[node].add(actor_id)
            for upper in sorted(uppers):
                if upper not in seen:
                    seen.add(upper)
                    todo.append(upper)
    for end in sorted(stops):
        affected = sorted(stops[end])
        name = the(document.actor_name(end))
        into = [rule for lower in affected for upper, rule in edges.get(lower, {}).items() if upper == end]
        entry = document.actors.get(end)
        places = list(dict.fromkeys(r.location for r in into)) or ([entry.location] if entry else [])
        offices = [o.name for o in document.offices.values() if o.holder == end]
        if affected == [end]:
            what = f"holds the office{'s' if len(offices) > 1 else ''} of {join(offices)}" if offices else \
                "is in the structure"
            message = (f"{name} {what} but answers to nobody: no accountable-to, reports-to or "
                       f"line-manages rule leads from it to {top}")
        else:
            others = join(the(document.actor_name(a)) for a in affected if a != end)
            message = (f"{name} answers to nobody, so the line of accountability of {others} stops "
                       f"there without reaching {top}")
        yield this.finding(message, *places, subjects=(end, *[a for a in affected if a != end]))


@check("ACC003", "two-line-managers", Severity.WARNING, "accountability")
def two_line_managers(document: Document, context: Context) -> Iterator[Finding]:
    """One actor line managed by two different actors.

    Why it matters: a line manager sets objectives, appraises and can discipline.  With two,
    each can countermand the other and the office holder cannot satisfy both.

    Fails::

        permanent_secretary line manages director_general
        secretary_of_state line manages director_general

    Passes::

        permanent_secretary line manages director_general
        director_general reports to secretary_of_state

    Aliases and offices are resolved first: "the Principal Accounting Officer line manages"
    and "the Permanent Secretary line manages" are the same manager.  A manager that is part
    or a member of the other is not a second manager.
    """
    this = get("ACC003")
    managers: dict[str, dict[str, Rule]] = defaultdict(dict)
    for rule in document.rules:
        if rule.kind == "line_management":
            for ref in rule.objects:
                if ref.kind == ACTOR:
                    for upper in rule.actors:
                        managers[ref.id].setdefault(upper, rule)
    members = memberships(document)
    for lower in sorted(managers):
        uppers = managers[lower]
        distinct: list[str] = []
        for upper in sorted(uppers, key=lambda u: (uppers[u].location, u)):
            if not any(members.related(upper, other) for other in distinct):
                distinct.append(upper)
        if len(distinct) < 2:
            continue
        rules = [uppers[u] for u in distinct]
        who = join(f"{actor_as_written(document, r, u)} ({where(document, r)})" for u, r in zip(distinct, rules, strict=False))
        yield this.finding(f"{the(document.actor_name(lower))} has {len(distinct)} line managers: {who}",
                           *(r.location for r in rules), subjects=(lower, *distinct))
