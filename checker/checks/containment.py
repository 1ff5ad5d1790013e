"""Containment: the registers' `part_of` and `member_of` must not go round in a circle."""

from __future__ import annotations

from collections.abc import Iterator

from checker.checks.base import Context, check, get
from checker.findings import Finding, Location, Severity
from checker.model import Document

# (kind of entry, id) -> [(parent id, the key that says so)]
_Graph = dict[str, list[tuple[str, str]]]


def _graphs(document: Document) -> list[tuple[str, _Graph, dict[str, Location]]]:
    actors: _Graph = {}
    for actor in document.actors.values():
        edges = [(p, "part_of") for p in ([actor.part_of] if actor.part_of else [])]
        edges += [(m, "member_of") for m in actor.member_of]
        actors[actor.id] = [(p, key) for p, key in edges if p in document.actors]
    objects: _Graph = {t.id: [(t.part_of, "part_of")] for t in document.objects.values()
                       if t.part_of and t.part_of in document.objects}
    return [("actor", actors, {a.id: a.location for a in document.actors.values()}),
            ("object", objects, {t.id: t.location for t in document.objects.values()})]


def _cycles(graph: _Graph, order: list[str]) -> list[list[tuple[str, str, str]]]:
    """Each entry that contains itself, and one circle (as steps: child, key, parent) for each
    strongly connected component of two or more entries, found from its first entry in
    register order (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    for root in order:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, edge = work.pop()
            if edge == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            edges = graph.get(node, [])
            if edge < len(edges):
                work.append((node, edge + 1))
                child = edges[edge][0]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                component = set()
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.add(top)
                    if top == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    rank = {node: i for i, node in enumerate(order)}
    out = []
    for node in order:  # an entry inside itself is a circle of its own
        itself = [key for parent, key in graph.get(node, []) if parent == node]
        if itself:
            out.append([(node, itself[0], node)])
    for component in components:
        if len(component) > 1:
            start = min(component, key=lambda n: rank.get(n, len(rank)))
            out.append(_path(graph, start, component))
    return sorted(out, key=lambda steps: (rank.get(steps[0][0], len(rank)), len(steps)))


def _path(graph: _Graph, start: str, component: set[str]) -> list[tuple[str, str, str]]:
    """A shortest way round from `start` back to itself, inside its component."""
    previous: dict[str, tuple[str, str]] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for parent, key in graph.get(node, []):
                if parent not in component or parent == node:
                    continue
                if parent == start:
                    steps = [(node, key, start)]
                    while node != start:
                        before, how = previous[node]
                        steps.append((before, how, node))
                        node = before
                    return steps[::-1]
                if parent not in previous:
                    previous[parent] = (node, key)
                    following.append(parent)
        frontier = following
    raise AssertionError("a strongly connected component without a cycle")  # pragma: no cover


_SAYS = {"part_of": "is part of", "member_of": "is a member of"}


@check("REG005", "containment-cycle", Severity.ERROR, "registers")
def containment_cycle(document: Document, context: Context) -> Iterator[Finding]:
    """An actor or object that is `part_of` itself, or a circle of `part_of` and `member_of`
    in the registers (a directorate part of a board that is a member of the directorate).

    Why it matters: containment is how responsibilities and memberships are inherited, and
    how the separation-of-duties and accountability checks know who belongs where.  A circle
    has no top: every body in it contains every other, so each check that walks upwards
    reads nonsense, and the published organisation chart cannot be drawn.

    Fails::

        - {id: estates_directorate, name: Estates Directorate, kind: body, part_of: estates_board}
        - {id: estates_board, name: Estates Board, kind: body, part_of: estates_directorate}

    Passes::

        - {id: estates_directorate, name: Estates Directorate, kind: body, part_of: delivery_agency}
        - {id: estates_board, name: Estates Board, kind: body, part_of: estates_directorate}

    An entry inside itself is reported on its own; entries that contain each other, once for
    each group of them, with the shortest circle from the first of them in the register, at
    every entry of that circle.  A name no entry has is REG004's business.
    """
    this = get("REG005")
    for kind, graph, locations in _graphs(document):
        for steps in _cycles(graph, list(locations)):
            first = steps[0][0]
            if len(steps) == 1:
                message = (f"the {kind} '{first}' {_SAYS[steps[0][1]]} itself; remove '{first}' from "
                           f"its own {steps[0][1]}")
            else:
                chain = ", which ".join(f"{_SAYS[key]} '{parent}'" for _, key, parent in steps)
                message = (f"the {kind} '{first}' {chain}: containment goes round in a circle; one of "
                           "these entries must not contain the other")
            members = list(dict.fromkeys(child for child, _, _ in steps))
            yield this.finding(message,
                               *(locations[m] for m in members), subjects=tuple(members))
