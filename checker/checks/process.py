"""Process order: the `after` steps and the deadlines of one process agree with each other."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from checker.checks.base import Context, check, get
from checker.checks.common import (
    POSITIVE,
    actor_as_written,
    conditions_disjoint,
    object_name,
    third_person,
    where,
)
from checker.checks.graphs import cycle_in, strongly_connected
from checker.findings import Finding, Severity
from checker.model import ACTOR, Document, Rule

Step = tuple[str, str, str]  # (actor, verb, object)


def _node(step: Step) -> str:
    return "\x1f".join(step)


def _unnode(node: str) -> Step:
    actor, verb, obj = node.split("\x1f")
    return actor, verb, obj


def order_graph(document: Document) -> dict[str, dict[str, Rule]]:
    """step -> {later step: the rule that orders them}, from every `after` qualifier."""
    edges: dict[str, dict[str, Rule]] = defaultdict(dict)
    for rule in document.rules:
        if not rule.action:
            continue
        afters = rule.quals("after")
        if not afters:
            continue
        for qual in afters:
            objects = [r.id for r in qual.objects] or list(rule.object_ids) or [""]
            for earlier_actor in (r.id for r in qual.refs if r.kind == ACTOR):
                for later_actor in rule.actors:
                    for obj in rule.object_ids or ("",):
                        for earlier_obj in objects:
                            earlier = _node((earlier_actor, qual.value or "", earlier_obj))
                            later = _node((later_actor, rule.action, obj))
                            if earlier != later:
                                edges[earlier].setdefault(later, rule)
    return edges


def _describe(document: Document, step: Step, rule: Rule) -> str:
    actor, verb, obj = step
    what = f" {object_name(document, obj)}" if obj else ""
    return f"{actor_as_written(document, rule, actor)} {third_person(verb)}{what}"


@check("PRO001", "process-order-cycle", Severity.ERROR, "process")
def process_order_cycle(document: Document, context: Context) -> Iterator[Finding]:
    """`after` constraints that form a loop: each step waits for another that waits for it.

    Why it matters: "the Secretary of State approves the plan after the Permanent Secretary
    endorses it" and "the Permanent Secretary endorses the plan after the Secretary of State
    approves it" cannot both be followed; the plan is never approved.

    Fails::

        secretary_of_state must approve corporate_plan after permanent_secretary endorses corporate_plan
        permanent_secretary must endorse corporate_plan after secretary_of_state approves corporate_plan

    Passes::

        permanent_secretary must endorse corporate_plan after director_general submits corporate_plan
        secretary_of_state must approve corporate_plan after permanent_secretary endorses corporate_plan

    A step is an actor, a verb and an object; `after x submits` matches a rule `x must submit`.
    """
    this = get("PRO001")
    edges = order_graph(document)
    graph = {node: sorted(targets) for node, targets in edges.items()}
    for component in strongly_connected(graph):
        path = cycle_in(graph, component)
        rules = [edges[a][b] for a, b in zip(path, path[1:], strict=False)]
        chain = "; ".join(
            f"{_describe(document, _unnode(b), r)} after {_describe(document, _unnode(a), r)} ({where(document, r)})"
            for a, b, r in zip(path, path[1:], rules, strict=False))
        objects = sorted({_unnode(n)[2] for n in path if _unnode(n)[2]})
        yield this.finding(f"the order of steps goes round in a loop, so no step can come first: {chain}",
                           *dict.fromkeys(r.location for r in rules),
                           subjects=(*dict.fromkeys(_unnode(n)[0] for n in path), *objects))


_DEADLINES = ("by", "before", "within")


@check("PRO002", "conflicting-deadlines", Severity.WARNING, "process")
def conflicting_deadlines(document: Document, context: Context) -> Iterator[Finding]:
    """Two rules give the same step (one actor, one action, one object) different deadlines.

    Why it matters: if 3.2 says the plans are approved "by the end of October" and Annex C
    says "by the end of September", the Agency cannot plan to either, and whichever date is
    missed, the framework has been broken.

    Fails::

        secretary_of_state must approve corporate_plan by end of october
        secretary_of_state must approve corporate_plan by end of september

    Passes::

        secretary_of_state must approve corporate_plan by end of october
        secretary_of_state must publish corporate_plan by end of october

    Deadlines of one kind are compared (`by` with `by`, `within` with `within`, `before`
    with `before`); rules whose conditions exclude each other are not compared.
    """
    this = get("PRO002")
    steps: dict[tuple[str, str, str, str], list[tuple[str, Rule]]] = defaultdict(list)
    for rule in document.rules:
        if rule.kind != "obligation" or rule.modality not in POSITIVE or not rule.action:
            continue
        for kind, value in rule.timing:
            if kind not in _DEADLINES:
                continue
            for actor in rule.actors:
                for obj in rule.object_ids or ("",):
                    steps[(actor, rule.action, obj, kind)].append((value, rule))
    for key in sorted(steps):
        entries = steps[key]
        if len({value for value, _ in entries}) < 2:
            continue
        actor, action, obj, kind = key
        first_value, first = entries[0]
        for value, rule in entries[1:]:
            if value == first_value or conditions_disjoint(first, rule):
                continue
            what = f" {object_name(document, obj)}" if obj else ""
            yield this.finding(
                f"{actor_as_written(document, first, actor)} must {action}{what} {kind} {first_value} "
                f"({where(document, first)}) and {kind} {value} ({where(document, rule)}): the same step "
                "has two deadlines",
                first.location, rule.location, subjects=tuple(x for x in (actor, obj) if x))
            break
