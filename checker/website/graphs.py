"""The graphs, drawn at build time by Graphviz (`dot`) to SVG, each beside a text alternative
that says everything the picture says, with links:

    accountability  who is accountable, reports or is line managed to whom, up to the root(s)
    delegations     who delegates (or may delegate) what to whom
    planning        who drafts, endorses and approves each plan, in what order and by when
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from checker import vocab
from checker.escape import dot_label
from checker.model import ACTOR, UNNAMED, Document, Rule
from checker.render import english
from checker.website import urls
from checker.website.pages import Asset, Item, Site, short_name
from checker.website.roles import MATRIX_ROLES, NEGATIVE

MAX_PLAN_STEPS = 400  # beyond this the picture is unreadable; the text alternative lists all

EDGE_STYLES = {
    "accountable to": {"color": "#1a237e", "penwidth": "1.6"},
    "reports to": {"color": "#00695c", "style": "dashed"},
    "line managed by": {"color": "#6a1b9a", "style": "bold"},
    "delegates": {"color": "#1a237e", "penwidth": "1.6"},
    "may delegate": {"color": "#00695c", "style": "dashed"},
    "may sub-delegate": {"color": "#6a1b9a", "style": "dotted"},
}


@dataclass(frozen=True)
class Edge:
    source: str  # actor id (or a step id in the planning graph)
    target: str
    relation: str  # a key of EDGE_STYLES, or "then"
    rule: Rule
    label: str = ""


@dataclass
class Graph:
    name: str
    title: str
    nodes: dict[str, str] = field(default_factory=dict)  # id -> label
    edges: list[Edge] = field(default_factory=list)
    clusters: dict[str, list[str]] = field(default_factory=dict)  # cluster label -> node ids
    roots: set[str] = field(default_factory=set)
    actors: dict[str, str] = field(default_factory=dict)  # a step's node id -> its actor
    clauses: dict[str, str] = field(default_factory=dict)  # a step's node id -> the clause of its rule


# -- the graphs as data ------------------------------------------------------------------
def accountability(document: Document) -> Graph:
    graph = Graph("accountability", "Accountability and line management")
    for line in document.actor_graph:
        graph.edges.append(Edge(line.lower, line.upper, line.relation, line.rule))
    graph.roots = {a.id for a in document.actors.values() if a.root}
    for node in sorted({e.source for e in graph.edges} | {e.target for e in graph.edges} | graph.roots):
        graph.nodes[node] = short_name(document, node)
    return graph


def delegations(document: Document) -> Graph:
    graph = Graph("delegations", "Delegations")
    for rule in document.rules:
        if rule.kind not in ("delegation", "delegates") or rule.modality in NEGATIVE:
            continue
        if rule.kind == "delegates":
            relation = "delegates"
        else:
            relation = "may sub-delegate" if rule.sub_delegation else "may delegate"
        what = ", ".join(document.display(o) for o in rule.objects)
        if rule.action:
            what = f"{english.verb(rule.action)} {what}"
        for source in rule.actors:
            for target in (c.id for c in rule.counterparts if c.kind == ACTOR):
                graph.edges.append(Edge(source, target, relation, rule, what))
    for node in sorted({e.source for e in graph.edges} | {e.target for e in graph.edges}):
        graph.nodes[node] = short_name(document, node)
    return graph


@dataclass(frozen=True)
class Step:
    id: str
    actor: str
    verb: str
    thing: str
    rule: Rule | None  # None: a step only named in an `after` qualifier
    when: tuple[str, ...] = ()


def planning(document: Document) -> tuple[Graph, dict[str, list[Step]]]:
    """The planning cycle: steps on each plan, joined by the `after` qualifiers."""
    steps: dict[tuple[str, str, str], Step] = {}
    order: list[tuple[str, str, str]] = []
    edges: list[tuple[tuple[str, str, str], tuple[str, str, str], Rule]] = []

    def add(actor: str, verb: str, thing: str, rule: Rule | None, when: tuple[str, ...] = ()) -> None:
        key = (actor, verb, thing)
        if key in steps and (steps[key].rule is not None or rule is None):
            return
        if key not in steps:
            order.append(key)
        steps[key] = Step("", actor, verb, thing, rule, when)  # ids are given below

    # a step: a rule on a plan (an object of kind `plan`) that is timed or drafts, endorses or
    # approves it; and any rule with an `after` qualifier, whatever it is about
    planned = {t.id for t in document.objects.values() if t.kind == "plan"}
    words = vocab.for_document(document)
    for rule in document.rules:
        if rule.kind != "obligation" or not rule.action or rule.modality in NEGATIVE:
            continue
        plans_role = words.role(rule.action) in MATRIX_ROLES and words.role_of(rule.action) == "bearer"
        afters = rule.quals("after")
        timed = bool(rule.timing)
        for thing in rule.object_ids:
            if not (afters or (thing in planned and (timed or plans_role))):
                continue
            when = tuple(english.qualifier(rule, q, document).lstrip(", ").strip()
                         for q in rule.qualifiers if q.kind in ("annually", "by", "before", "within", "asap"))
            # an agentless passive is a step too, its actor "not named by the text"
            for actor in (*rule.actors, *((UNNAMED,) if rule.unnamed else ())):
                add(actor, rule.action, thing, rule, when)
                for qual in afters:
                    for before_actor in (r.id for r in qual.refs if r.kind == ACTOR):
                        # the step on the same thing when the `after` names it (or names none):
                        # "approve plan_a and plan_b after X endorses plan_a and plan_b" joins
                        # each plan to its own endorsement, not every plan to every endorsement
                        named = [o.id for o in qual.objects if o.kind == "object"]
                        before_things = [thing] if not named or thing in named else named
                        for before_thing in before_things:
                            add(before_actor, qual.value or "", before_thing, None)
                            edges.append(((before_actor, qual.value or "", before_thing),
                                          (actor, rule.action, thing), rule))
    # stable ids in first-seen order
    ids = {key: f"step{i + 1}" for i, key in enumerate(order)}
    by_thing: dict[str, list[Step]] = defaultdict(list)
    graph = Graph("planning", "The planning cycle")
    for key in order:
        step = steps[key]
        step = Step(ids[key], step.actor, step.verb, step.thing, step.rule, step.when)
        by_thing[step.thing].append(step)
    for thing in sorted(by_thing, key=lambda t: (document.object_name(t).lower(), t)):
        label = document.object_name(thing)
        graph.clusters[label] = []
        for step in by_thing[thing]:
            graph.clusters[label].append(step.id)
            who = "not named by the text" if step.actor == UNNAMED and step.actor not in document.actors \
                else short_name(document, step.actor)
            text = f"{who}\n{english.third_person(step.verb)}"
            if step.when:
                text += "\n" + "; ".join(step.when)
            graph.nodes[step.id] = text
            graph.actors[step.id] = step.actor
            if step.rule is not None:
                graph.clauses[step.id] = step.rule.clause
    seen = set()
    for before, after, rule in edges:
        pair = (ids[before], ids[after])
        if pair not in seen and pair[0] != pair[1]:
            seen.add(pair)
            graph.edges.append(Edge(pair[0], pair[1], "then", rule))
    ordered = {t: _topological(steps_, graph.edges) for t, steps_ in by_thing.items()}
    return graph, ordered


def _topological(steps: list[Step], edges: list[Edge]) -> list[Step]:
    ids = {s.id for s in steps}
    incoming: dict[str, int] = {s.id: 0 for s in steps}
    after: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e.source in ids and e.target in ids:
            incoming[e.target] += 1
            after[e.source].append(e.target)
    position = {s.id: i for i, s in enumerate(steps)}
    queue = deque(sorted((s.id for s in steps if incoming[s.id] == 0), key=position.__getitem__))
    out: list[str] = []
    while queue:
        node = queue.popleft()
        out.append(node)
        for nxt in after[node]:
            incoming[nxt] -= 1
            if incoming[nxt] == 0:
                queue.append(nxt)
    out += [s.id for s in steps if s.id not in out]  # a cycle: keep the text order
    by_id = {s.id: s for s in steps}
    return [by_id[i] for i in out]


# -- drawing -----------------------------------------------------------------------------
def _label(text: str, width: int = 28) -> object:
    import graphviz

    # a label is text: no dot escapes, no HTML-like labels, no control character (which
    # would also make the SVG invalid XML)
    lines = [dot_label(line) for line in text.split("\n")]
    return graphviz.nohtml("\\n".join(_wrap(line, width) for line in lines))


def _wrap(line: str, width: int = 28) -> str:
    words, out, current = line.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    out.append(current)
    return "\\n".join(out)


# Font sizes in points, the SVG's user unit: at the picture's own size a point is 4/3 of a CSS
# pixel, so every label is at least 12 px there (the delegations' powers included)
NODE_FONT = "11"
EDGE_FONT = "10"
EDGE_WRAP = 22  # an edge label's line, in characters: long powers wrap rather than widen the graph


def draw(graph: Graph, rankdir: str = "BT", links: dict[str, tuple[str, str]] | None = None) -> bytes:
    """The graph as SVG, drawn by dot.  `links`: node id -> (address, full name): the node's box
    links to the address (an actor's page), named by the full name."""
    import graphviz

    links = links or {}
    dot = graphviz.Digraph(graph.name, format="svg", graph_attr={
        "rankdir": rankdir, "fontname": "Helvetica", "bgcolor": "white", "nodesep": "0.35",
        "ranksep": "0.55", "label": ""})
    dot.attr("node", shape="box", style="rounded,filled", fillcolor="#e8eaf6", color="#3949ab",
             fontname="Helvetica", fontsize=NODE_FONT, margin="0.12,0.06")
    dot.attr("edge", fontname="Helvetica", fontsize=EDGE_FONT, arrowsize="0.7", color="#37474f")
    clustered = {n for members in graph.clusters.values() for n in members}

    def node(target: Any, node_id: str, **extra: str) -> None:
        if node_id in links:
            href, name = links[node_id]
            extra = {**extra, "href": href, "tooltip": str(_label(name, 1000))}
        target.node(node_id, _label(graph.nodes[node_id]), **extra)

    # dot stacks separate clusters last-first: hand them over in reverse to read top-down
    for index, (label, members) in reversed(list(enumerate(graph.clusters.items()))):
        with dot.subgraph(name=f"cluster_{index}") as sub:
            sub.attr(label=_label(label), style="rounded", color="#9fa8da", fontname="Helvetica-Bold",
                     fontsize="12")
            for member in members:
                node(sub, member)
    for node_id in graph.nodes:
        if node_id in clustered:
            continue
        extra = {"peripheries": "2", "fillcolor": "#c5cae9"} if node_id in graph.roots else {}
        node(dot, node_id, **extra)
    drawn: set[tuple[str, str, str, str]] = set()
    for edge in graph.edges:
        key = (edge.source, edge.target, edge.relation, edge.label)
        if key in drawn:
            continue
        drawn.add(key)
        attrs: dict[str, Any] = dict(EDGE_STYLES.get(edge.relation, {}))
        if edge.label:
            attrs["label"] = _label(edge.label, EDGE_WRAP)
        dot.edge(edge.source, edge.target, **attrs)
    svg: bytes = dot.pipe(format="svg")
    return svg


_SVG_SIZE = re.compile(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')


def inline_svg(svg: bytes, label: str) -> Markup:
    """Dot's SVG for a page: without its XML prolog, sized in CSS pixels (so that it scales
    down to its frame, keeping its proportions by its viewBox), named for assistive
    technology; its links (the boxes) stay links."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]
    match = _SVG_SIZE.match(text)
    if match:
        width, height = (round(float(v) * 4 / 3) for v in match.groups())
        text = (f'<svg width="{width}" height="{height}" class="fw-graph__svg" role="group" '
                f'aria-label="{escape(label)}"' + text[match.end():])
    return Markup(text)


def actor_links(graph: Graph, document: Document, here: str) -> dict[str, tuple[str, str]]:
    """Each box that stands for an actor (a step's box stands for the actor who takes it),
    linked to the actor's page; a step whose actor the text does not name, to its clause."""
    out: dict[str, tuple[str, str]] = {}
    for node_id in graph.nodes:
        actor = node_id if node_id in document.actors else None
        if actor is None:
            actor = graph.actors.get(node_id)
        if actor is not None and actor in document.actors:
            out[node_id] = (urls.relative(here, urls.actor_page(actor)), document.actor_name(actor))
        elif actor == UNNAMED and graph.clauses.get(node_id) in document.clauses:
            # the text names no one: the box links to the clause that says so
            clause = document.clauses[graph.clauses[node_id]]
            out[node_id] = (urls.clause_url(document, clause, here), "not named by the text")
    return out


# -- pages -------------------------------------------------------------------------------
GRAPHS = (
    ("accountability", "Accountability and line management"),
    ("delegations", "Delegations"),
    ("planning", "The planning cycle"),
)


def pages(site: Site) -> Iterator[Item]:
    document = site.document
    yield site.page(urls.GRAPHS, "Graphs", "graphs.html", nav_title="About the graphs", graphs=GRAPHS)
    # the accountability graph reads from the top at the left: drawn upwards it is twice as wide
    graph = accountability(document)
    here = urls.graph_page("accountability")
    svg = draw(graph, "RL", actor_links(graph, document, here))
    yield Asset("graphs/accountability.svg", svg)
    yield site.page(here, graph.title, "graph_accountability.html",
                    hide=("toc", "navigation"), graph=graph, levels=_levels(graph), image="accountability.svg",
                    svg=svg)
    graph = delegations(document)
    here = urls.graph_page("delegations")
    svg = draw(graph, "LR", actor_links(graph, document, here))
    yield Asset("graphs/delegations.svg", svg)
    yield site.page(here, graph.title, "graph_delegations.html",
                    hide=("toc", "navigation"), graph=graph, image="delegations.svg", svg=svg)
    graph, ordered = planning(document)
    drawn = graph if len(graph.nodes) <= MAX_PLAN_STEPS else Graph(graph.name, graph.title)
    here = urls.graph_page("planning")
    svg = draw(drawn, "LR", actor_links(drawn, document, here))
    yield Asset("graphs/planning.svg", svg)
    things = sorted(ordered, key=lambda t: (document.object_name(t).lower(), t))
    yield site.page(here, graph.title, "graph_planning.html",
                    graph=graph, ordered=ordered, things=things, image="planning.svg", svg=svg,
                    drawn=bool(drawn.nodes), max_steps=MAX_PLAN_STEPS)


def _levels(graph: Graph) -> list[tuple[str, list[Edge]]]:
    """Each actor with the edges leaving it, from the root(s) down (breadth first)."""
    up: dict[str, list[Edge]] = defaultdict(list)
    down: dict[str, list[str]] = defaultdict(list)
    for edge in graph.edges:
        up[edge.source].append(edge)
        down[edge.target].append(edge.source)
    order: list[str] = []
    # the root(s) first, then any other actor with no line above it but some below it
    tops = sorted(n for n in graph.nodes if n in graph.roots)
    tops += sorted(n for n in graph.nodes if n not in graph.roots and not up[n] and down[n])
    queue = deque(tops)
    seen = set(queue)
    while queue:
        node = queue.popleft()
        order.append(node)
        for child in sorted(set(down[node])):
            if child not in seen:
                seen.add(child)
                queue.append(child)
    order += [n for n in graph.nodes if n not in seen]
    return [(node, up[node]) for node in order]
