"""Graph helpers for the cycle checks: strongly connected components and one cycle in each.

Iterative (no recursion limit on deep chains), deterministic (nodes and edges in sorted
order), and linear in the size of the graph.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def strongly_connected(graph: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Components that hold a cycle (two or more nodes, or a node with an edge to itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, edge = work.pop()
            if edge == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = graph.get(node, ())
            advanced = False
            while edge < len(targets):
                target = targets[edge]
                edge += 1
                if target not in index:
                    work.append((node, edge))
                    work.append((target, 0))
                    advanced = True
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            if advanced:
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, ()):
                    out.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return sorted(out)


def cycle_in(graph: Mapping[str, Sequence[str]], component: Sequence[str]) -> list[str]:
    """One cycle through the first node of a component, as a path [a, b, ..., a]."""
    members = set(component)
    start = component[0]
    # breadth-first search from start back to start inside the component: a shortest cycle
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in graph.get(node, ()):
                if target not in members:
                    continue
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parents[path[-1]])
                    return [start, *reversed(path[:-1]), start] if node != start else [start, start]
                if target not in parents:
                    parents[target] = node
                    following.append(target)
        frontier = following
    return [start, start]  # pragma: no cover - a component always holds a cycle
