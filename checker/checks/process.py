"""Process order and time: the `after` steps, the steps the vocabulary implies (an approval
follows the submission to the approver), and the deadlines of one process agree with each other.

A step is (actor, canonical action, object).  `after x submits y` joins the rule's step to x's
step on the matching object only (the object named in the `after`, or else the rule's own
object), never every object of one to every object of the other.  Deadlines are dates on one
day line (checker/semantics/timing.py); whether a set of windows and orders can all be met is
decided by z3, only for the parts of the graph that have both an earliest and a latest time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from checker.checks.base import Context, check, get
from checker.checks.common import actor_as_written, object_name, third_person, where
from checker.checks.graphs import cycle_in, strongly_connected
from checker.findings import Finding, Location, Severity
from checker.model import ACTOR, Document, Rule
from checker.semantics import Fact, Facts, facts_of
from checker.semantics.conditions import can_both_apply
from checker.semantics.timing import Point

Step = tuple[str, str, str]  # (actor, canonical action, object)
_TIMED_FORCES = ("duty", "recommendation")


@dataclass(frozen=True)
class Edge:
    """`later` happens after `earlier`, because `rule` says so (or the vocabulary implies it)."""

    earlier: Step
    later: Step
    rule: Rule
    implied_by: Rule | None = None  # the rule of the earlier step, for an implied order


def _pairs(later: tuple[str, ...], earlier: tuple[str, ...]) -> list[tuple[str, str]]:
    """(earlier object, later object) pairs an `after` joins: the same object when the `after`
    names none or names it; else one to many, or pairwise for lists of one length."""
    if not earlier:
        return [(o, o) for o in later]
    common = [o for o in later if o in earlier]
    if common:
        return [(o, o) for o in common]
    if len(later) == 1 or len(earlier) == 1:
        return [(e, lo) for e in earlier for lo in later]
    if len(later) == len(earlier):
        return list(zip(earlier, later, strict=True))
    return [(e, lo) for e in earlier for lo in later]


class Order:
    """The order graph and the windows of every step."""

    def __init__(self, document: Document) -> None:
        self.facts: Facts = facts_of(document)
        words = self.facts.words
        self.edges: list[Edge] = []
        self.steps: dict[Step, list[Fact]] = defaultdict(list)
        for fact in self.facts.all:
            if fact.rule.kind == "obligation" and fact.force in _TIMED_FORCES:
                self.steps[(fact.bearer, fact.action, fact.obj)].append(fact)
        for rule in document.rules:
            if rule.kind != "obligation" or not rule.action or rule.modality in ("must_not", "may_not", "should_not"):
                continue
            later_objects = rule.object_ids or ("",)
            for qual in rule.quals("after"):
                verb = words.canonical(qual.value or "")
                earlier_objects = tuple(r.id for r in qual.objects)
                for earlier_actor in (r.id for r in qual.refs if r.kind == ACTOR):
                    for bearer in rule.actors:
                        for e_obj, l_obj in _pairs(later_objects, earlier_objects):
                            earlier = (earlier_actor, verb, e_obj)
                            later = (bearer, words.canonical(rule.action), l_obj)
                            if earlier != later:
                                self.edges.append(Edge(earlier, later, rule))
        # the steps the vocabulary implies: an approval follows the submission to the approver
        by_action_obj: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for step_facts in self.steps.values():
            for fact in step_facts:
                by_action_obj[(fact.action, fact.obj)].append(fact)
        for (_, action, obj), step_facts in sorted(self.steps.items()):
            for prior in words.priors(action):
                for fact in step_facts[:1]:
                    for before in by_action_obj.get((prior.action, obj), ()):
                        if prior.to_bearer and fact.bearer not in before.targets:
                            continue
                        e_step = (before.bearer, before.action, obj)
                        l_step = (fact.bearer, fact.action, obj)
                        if e_step != l_step:
                            self.edges.append(Edge(e_step, l_step, fact.rule, before.rule))

    def graph(self) -> dict[Step, dict[Step, Edge]]:
        out: dict[Step, dict[Step, Edge]] = defaultdict(dict)
        for edge in self.edges:
            out[edge.earlier].setdefault(edge.later, edge)
        return out


def order_of(document: Document) -> Order:
    from checker.checks.common import memo

    return memo(document, "order", Order)


def _describe(document: Document, step: Step, rule: Rule) -> str:
    actor, verb, obj = step
    what = f" {object_name(document, obj)}" if obj else ""
    return f"{actor_as_written(document, rule, actor)} {third_person(verb)}{what}"


def _why(document: Document, edge: Edge) -> str:
    if edge.implied_by is not None:
        return f"{where(document, edge.implied_by)} and {where(document, edge.rule)}, implied"
    return where(document, edge.rule)


def _node(step: Step) -> str:
    return "\x1f".join(step)


def _unnode(node: str) -> Step:
    actor, verb, obj = node.split("\x1f")
    return actor, verb, obj


@check("PRO001", "process-order-cycle", Severity.ERROR, "process")
def process_order_cycle(document: Document, context: Context) -> Iterator[Finding]:
    """`after` constraints (and the order the vocabulary implies) that form a loop: each step
    waits for another that waits for it.

    Why it matters: "the Secretary of State approves the plan after the Permanent Secretary
    endorses it" and "the Permanent Secretary endorses the plan after the Secretary of State
    approves it" cannot both be followed; the plan is never approved.

    Fails::

        secretary_of_state must approve corporate_plan after permanent_secretary endorses corporate_plan
        permanent_secretary must endorse corporate_plan after secretary_of_state approves corporate_plan

    Passes::

        permanent_secretary must endorse corporate_plan after director_general submits corporate_plan
        secretary_of_state must approve corporate_plan after permanent_secretary endorses corporate_plan

    A step is an actor, an act (synonyms are one act) and an object; `after x submits` matches a
    rule `x must submit`.  The vocabulary adds the steps an act implies before it: an approval
    follows the submission made to the approver, so "submit the plan to the Secretary of State
    after the Secretary of State approves it" is a loop too.  An `after` joins matching objects
    only.
    """
    this = get("PRO001")
    edges = order_of(document).graph()
    graph = {_node(a): sorted(_node(b) for b in targets) for a, targets in edges.items()}
    for component in strongly_connected(graph):
        path = cycle_in(graph, component)
        steps = [edges[_unnode(a)][_unnode(b)] for a, b in zip(path, path[1:], strict=False)]
        chain = "; ".join(
            f"{_describe(document, e.later, e.rule)} after {_describe(document, e.earlier, e.rule)} "
            f"({_why(document, e)})" for e in steps)
        rules = [r for e in steps for r in (e.rule, e.implied_by) if r is not None]
        objects = sorted({_unnode(n)[2] for n in path if _unnode(n)[2]})
        yield this.finding(f"the order of steps goes round in a loop, so no step can come first: {chain}",
                           *dict.fromkeys(r.location for r in rules),
                           subjects=(*dict.fromkeys(_unnode(n)[0] for n in path), *objects))


def _text(point: Point, hedge: str | None = None) -> str:
    """'by end of october', 'before start of financial_year', 'by 3 months after ...';
    'normally by end of april' for a hedged deadline."""
    text = point.text if point.text.startswith(("before ", "within ")) else f"by {point.text}"
    return f"{hedge.replace('_', ' ')} {text}" if hedge else text


@check("PRO002", "conflicting-deadlines", Severity.WARNING, "process")
def conflicting_deadlines(document: Document, context: Context) -> Iterator[Finding]:
    """Two rules give the same step (one actor, one act, one object) deadlines that are
    different dates.

    Why it matters: if 3.2 says the plans are approved "by the end of October" and Annex C
    says "by the end of September", the Agency cannot plan to either, and whichever date is
    missed, the framework has been broken.

    Fails::

        secretary_of_state must approve corporate_plan by end of october
        secretary_of_state must sign_off corporate_plan by 2008-09-30

    Passes::

        secretary_of_state must approve corporate_plan by end of october
        secretary_of_state must approve corporate_plan by 2008-10-31
        # the same day for the financial year 2008-09

    Deadlines are compared as dates (checker/semantics/timing.py): `by end of october`, `by
    2008-10-31` and `before start of november` are one day; a recurring point (a month, the
    start or end of the financial year) is compared by month and day.  Rules whose conditions
    exclude each other are not compared; deadlines that cannot be placed on the calendar (an
    event with no date in the manifest) are compared as written.
    """
    this = get("PRO002")
    facts = facts_of(document)
    cal = facts.calendar
    for step, step_facts in sorted(order_of(document).steps.items()):
        timed = [f for f in step_facts if f.window.deadline is not None or _event_deadline(f)]
        if len(timed) < 2:
            continue
        first = timed[0]
        for other in timed[1:]:
            if other.rule is first.rule or not can_both_apply(facts.decider, first.condition, other.condition):
                continue
            a, b = first.window.deadline, other.window.deadline
            if a is not None and b is not None:
                if cal.same_date(a, b):
                    continue
                texts = (_text(a, first.window.hedge), _text(b, other.window.hedge))
            else:
                ea, eb = _event_deadline(first), _event_deadline(other)
                if a is not None or b is not None or ea == eb:
                    continue
                texts = (_by(ea or ""), _by(eb or ""))
            actor, action, obj = step
            what = f" {object_name(document, obj)}" if obj else ""
            yield this.finding(
                f"{actor_as_written(document, first.rule, actor)} must {first.verb.replace('_', ' ')}{what} "
                f"{texts[0]} ({where(document, first.rule)}) and {texts[1]} ({where(document, other.rule)}): "
                "the same step has two deadlines",
                *dict.fromkeys((first.rule.location, other.rule.location)),
                subjects=tuple(x for x in (actor, obj) if x))
            break


def _by(text: str) -> str:
    return text if text.startswith("within ") else f"by {text}"


def _event_deadline(fact: Fact) -> str | None:
    """The text of a deadline that could not be placed on the calendar: an event, or a period
    counted from the triggering event (`within 3 months`)."""
    if fact.window.deadline is not None:
        return None
    for qual in fact.rule.qualifiers:
        if qual.kind in ("by", "before") and qual.value:
            return f"{qual.value}"
        if qual.kind == "within" and qual.value:
            return f"within {qual.value}"
    return None


@dataclass(frozen=True)
class _Bound:
    step: Step
    day: int
    upper: bool
    fact: Fact
    text: str


def _rolled(order: Order) -> tuple[list[_Bound], dict[Step, int]]:
    """Every window bound on the day line, recurring deadlines moved on a year at a time while
    they fall before a recurring point that must come first; and each step's earliest day.

    A recurring deadline (a month, the end of the financial year) is placed in the document's
    first financial year.  It moves to the following year only for a step that must wait for
    another recurring point at or after the year's end (the annual report "by end of July",
    after the end of the financial year): that step happens once a cycle, after the point.  An
    earliest day that is a date happens once, so it does not move the deadline: "by end of
    March" with "not before 2009-04-15" in the year 2008-09 cannot both be met that year
    (docs/semantics.md §5)."""
    graph = order.graph()
    earliest: dict[Step, int] = {}
    recurring: dict[Step, int] = {}  # the same, from recurring points only
    bounds: list[_Bound] = []
    for step, step_facts in order.steps.items():
        for fact in step_facts:
            point = fact.window.earliest
            if point is not None:
                earliest[step] = max(earliest.get(step, point.day), point.day)
                if point.cyclic:
                    recurring[step] = max(recurring.get(step, point.day), point.day)
                bounds.append(_Bound(step, point.day, False, fact, point.text))
    # longest paths from the earliest days, along the order (loops are PRO001's)
    for days in (earliest, recurring):
        changed = True
        rounds = 0
        while changed and rounds < 50:
            changed, rounds = False, rounds + 1
            for a, targets in graph.items():
                if a not in days:
                    continue
                for b in targets:
                    if days.get(b, -10**9) < days[a]:
                        days[b] = days[a]
                        changed = True
    fy_end = order.facts.calendar.day(order.facts.calendar.year_start(1)) - 1
    for step, step_facts in order.steps.items():
        for fact in step_facts:
            deadline = fact.window.deadline
            if deadline is None:
                continue
            if deadline.cyclic and recurring.get(step, -1) >= fy_end:
                while deadline.day < recurring[step]:
                    deadline = deadline.shifted(1)
            bounds.append(_Bound(step, deadline.day, True, fact, _text(deadline, fact.window.hedge)))
    return bounds, earliest


@dataclass(frozen=True)
class _Rel:
    """`t(a) <= t(b) + gap`: a step placed against an event with no date (`before
    spending_review`, `following spending_review`), which orders steps without a calendar."""

    a: Step
    b: Step
    gap: int
    fact: Fact
    text: str
    hedged: bool = False  # a hedged deadline (`normally before spending_review`)


def _event(name: str) -> Step:
    return ("", "event", name)


# the longest a unit can be, in days: a `within` counted from an undated event is checked
# against its longest reading, so that no month length raises a false alarm
_LONGEST = {"days": 1, "weeks": 7, "months": 31, "quarters": 92, "years": 366}


def _relative(order: Order) -> list[_Rel]:
    """Each step's window against events the manifest gives no date: `by E` (t <= E), `before E`
    (t <= E - 1), `not before E`, `at the earliest E`, `following E`, `on receipt of E` (t >= E),
    `within n units after E` (E <= t <= E + n units).  An event is one name; a `within` counted
    from a step (`after y approves plan`) is the order graph's."""
    cal = order.facts.calendar
    document = order.facts.document

    def called(name: str) -> str:
        return document.object_name(name) if name in document.objects else name

    out: list[_Rel] = []
    for step, step_facts in order.steps.items():
        for fact in step_facts:
            for qual in fact.rule.qualifiers:
                point = qual.point
                undated = (point is not None and point.kind == "event" and " " not in point.text
                           and cal.point(point) is None)
                hedge = f"{qual.hedge.replace('_', ' ')} " if qual.hedge else ""
                if qual.kind in ("by", "before") and undated and point is not None:
                    gap = -1 if qual.kind == "before" else 0
                    out.append(_Rel(step, _event(point.text), gap, fact, f"{hedge}{qual.kind} {called(point.text)}",
                                    bool(hedge)))
                elif qual.kind == "not_before" and undated and point is not None:
                    out.append(_Rel(_event(point.text), step, 0, fact, f"not before {called(point.text)}"))
                elif qual.kind == "within" and undated and point is not None and qual.amount is not None:
                    n, unit = qual.amount
                    text = f"{hedge}within {n} {unit} after {called(point.text)}"
                    out.append(_Rel(_event(point.text), step, 0, fact, text))
                    out.append(_Rel(step, _event(point.text), n * _LONGEST.get(unit, 366), fact, text, bool(hedge)))
                elif qual.kind in ("following", "on_receipt"):
                    lead = "following" if qual.kind == "following" else "on receipt of"
                    for ref in qual.refs:
                        out.append(_Rel(_event(ref.id), step, 0, fact, f"{lead} {called(ref.id)}"))
    return out


@check("PRO003", "deadline-cannot-be-met", Severity.ERROR, "process")
def deadline_cannot_be_met(document: Document, context: Context) -> Iterator[Finding]:
    """A deadline that no schedule can meet: the step must be done by a day that falls before
    the earliest day one of the steps it must follow can happen (through any chain of `after`
    steps and the order the vocabulary implies).

    Why it matters: "the Secretary of State must lay the report before Parliament by the end of
    June, after the accounts are certified" with the certification "not before the end of
    July" sets a deadline that cannot be met whatever anyone does.

    Fails::

        comptroller must certify annual_accounts not before end of july
        secretary_of_state must lay_before annual_accounts to parliament by end of june
          after comptroller certifies annual_accounts

    Passes::

        comptroller must certify annual_accounts within 3 months after end of financial_year
        secretary_of_state must lay_before annual_accounts to parliament by end of july
          after comptroller certifies annual_accounts

    Windows come from `by`, `before`, `not before` and `within ... after`; a recurring
    deadline (a month) falls due again each year, so one that must follow the end of the
    financial year is read in the following year; against a date (`not before 2009-04-15`) a
    month or the end of the financial year is read in the document's first financial year
    (docs/semantics.md §5).  An event the manifest gives no date orders the steps placed
    against it: `before spending_review` comes before it, `following spending_review`, `not
    before` and `within ... after` it come after, so a step due before the event that a step it
    must follow waits for cannot be scheduled either.  A hedged deadline (`normally by end of
    june`) that cannot be met is a warning.  Decided with z3 over the steps joined to the
    deadline; the finding cites every rule of the impossible set.
    """
    this = get("PRO003")
    order = order_of(document)
    bounds, _ = _rolled(order)
    relative = _relative(order)
    if not relative and (not any(not b.upper for b in bounds) or not any(b.upper for b in bounds)):
        return  # no earliest or no latest day anywhere: trivially met, no solver needed
    graph = order.graph()
    for core in _impossible(bounds, graph, relative):
        rules = list(dict.fromkeys(r for item in core for r in _rules_of(item)))
        upper = next((c for c in core if isinstance(c, _Bound) and c.upper), None)
        lower = next((c for c in core if isinstance(c, _Bound) and not c.upper), None)
        chain = ", ".join(f"{where(document, r)}" for r in rules)
        # a hedged deadline ("normally by ...") is the usual time, not a firm one: a warning
        hedged = any(isinstance(c, _Bound) and c.upper and c.fact.window.hedge for c in core) or \
            any(isinstance(c, _Rel) and c.hedged for c in core)
        if any(isinstance(c, _Rel) for c in core) or upper is None or lower is None:
            yield this.finding(
                f"the steps cannot be ordered around an event with no date: "
                f"{'; '.join(_say(document, c) for c in core)}: no schedule meets the rules of {chain}"
                f"{' (a deadline is hedged: the usual time, not a firm one)' if hedged else ''}",
                *_locations(rules), subjects=tuple(dict.fromkeys(s for c in core for s in _subjects(c))),
                severity=Severity.WARNING if hedged else None)
            continue
        if upper.step == lower.step:
            # a deadline and an earliest day of one step: no order involved
            after = (f"but the same step cannot happen before {lower.text} "
                     f"({where(document, lower.fact.rule)})")
        else:
            after = (f"but it must follow {_describe(document, lower.step, lower.fact.rule)}, which cannot "
                     f"happen before {lower.text} ({where(document, lower.fact.rule)})")
        yield this.finding(
            f"{_describe(document, upper.step, upper.fact.rule)} {upper.text} ({where(document, upper.fact.rule)}), "
            f"{after}: no schedule meets the rules of {chain}"
            f"{' (the deadline is hedged: the usual time, not a firm one)' if hedged else ''}",
            *_locations(rules), subjects=tuple(dict.fromkeys((upper.step[0], lower.step[0], upper.step[2]))),
            severity=Severity.WARNING if hedged else None)


def _say(document: Document, item: object) -> str:
    """One constraint of an impossible set, in words."""
    if isinstance(item, _Rel):
        step = item.b if item.a[1] == "event" else item.a
        return f"{_describe(document, step, item.fact.rule)} {item.text} ({where(document, item.fact.rule)})"
    if isinstance(item, _Bound):
        return f"{_describe(document, item.step, item.fact.rule)} {item.text} ({where(document, item.fact.rule)})"
    if isinstance(item, Edge):
        return (f"{_describe(document, item.later, item.rule)} after "
                f"{_describe(document, item.earlier, item.implied_by or item.rule)} ({_why(document, item)})")
    return ""


def _subjects(item: object) -> list[str]:
    steps: list[Step] = []
    if isinstance(item, _Rel):
        steps = [item.a, item.b]
    elif isinstance(item, _Bound):
        steps = [item.step]
    elif isinstance(item, Edge):
        steps = [item.earlier, item.later]
    return [x for s in steps for x in (s[0], s[2]) if x]


def _rules_of(item: object) -> list[Rule]:
    if isinstance(item, _Bound | _Rel):
        return [item.fact.rule]
    if isinstance(item, Edge):
        return [r for r in (item.implied_by, item.rule) if r is not None]
    return []


def _locations(rules: list[Rule]) -> list[Location]:
    return list(dict.fromkeys(r.location for r in rules))


def _impossible(bounds: list[_Bound], graph: dict[Step, dict[Step, Edge]],
                relative: Sequence[_Rel] = ()) -> list[list[object]]:
    """The unsatisfiable cores, one per connected part of the graph whose windows and order
    cannot all be met (z3, imported only here)."""
    neighbours: dict[Step, set[Step]] = defaultdict(set)
    for a, targets in graph.items():
        for b in targets:
            neighbours[a].add(b)
            neighbours[b].add(a)
    rels: dict[Step, list[_Rel]] = defaultdict(list)
    for rel in relative:
        neighbours[rel.a].add(rel.b)
        neighbours[rel.b].add(rel.a)
        rels[rel.a].append(rel)
    by_step: dict[Step, list[_Bound]] = defaultdict(list)
    for bound in bounds:
        by_step[bound.step].append(bound)
    for rel in relative:  # a part with only relative constraints is a part too
        by_step.setdefault(rel.a, [])
    seen: set[Step] = set()
    cores: list[list[object]] = []
    for start in sorted(by_step):
        if start in seen:
            continue
        part: set[Step] = set()
        todo = [start]
        while todo:
            step = todo.pop()
            if step in part:
                continue
            part.add(step)
            todo.extend(neighbours.get(step, ()))
        seen |= part
        ordered = sorted(part)  # a set's order follows PYTHONHASHSEED: findings must not
        mine = [b for s in ordered for b in by_step.get(s, ())]
        mine_rel = [r for s in ordered for r in rels.get(s, ())]
        part_edges = [e for a in ordered for e in graph.get(a, {}).values()]
        if not mine_rel:
            if not any(b.upper for b in mine) or not any(not b.upper for b in mine):
                continue
            if _trivially_met(mine, part, graph):
                continue
        elif _feasible(mine, part_edges, mine_rel):
            continue  # decided in Python: z3 only names the rules of an impossible set
        core = _solve(mine, part_edges, mine_rel)
        if core:
            cores.append(core)
    return cores


def _feasible(bounds: list[_Bound], edges: list[Edge], relative: Sequence[_Rel]) -> bool:
    """Difference constraints (`t_a <= t_b + c`) can all be met: no negative cycle
    (Bellman-Ford from a zero day, which the absolute bounds are counted from)."""
    zero: Step = ("", "", "")
    arcs: list[tuple[Step, Step, int]] = []  # (b, a, c): t_a <= t_b + c
    for bound in bounds:
        arcs.append((zero, bound.step, bound.day) if bound.upper else (bound.step, zero, -bound.day))
    arcs += [(e.later, e.earlier, 0) for e in edges]
    arcs += [(r.b, r.a, r.gap) for r in relative]
    nodes = {zero} | {x for arc in arcs for x in arc[:2]}
    dist = dict.fromkeys(nodes, 0)
    for _ in range(len(nodes)):
        changed = False
        for b, a, c in arcs:
            if dist[b] + c < dist[a]:
                dist[a] = dist[b] + c
                changed = True
        if not changed:
            return True
    return False


def _trivially_met(bounds: list[_Bound], part: set[Step], graph: dict[Step, dict[Step, Edge]]) -> bool:
    """Every latest day is after every earliest day: met without asking the solver."""
    latest = min(b.day for b in bounds if b.upper)
    earliest = max(b.day for b in bounds if not b.upper)
    return earliest <= latest


def _solve(bounds: list[_Bound], edges: list[Edge], relative: Sequence[_Rel] = ()) -> list[object]:
    import z3

    steps = sorted({b.step for b in bounds} | {e.earlier for e in edges} | {e.later for e in edges}
                   | {r.a for r in relative} | {r.b for r in relative})
    when = {step: z3.Int(f"t{i}") for i, step in enumerate(steps)}
    solver = z3.Solver()
    tracked: dict[str, object] = {}
    for i, bound in enumerate(bounds):
        name = f"b{i}"
        tracked[name] = bound
        expr = when[bound.step] <= bound.day if bound.upper else when[bound.step] >= bound.day
        solver.assert_and_track(expr, z3.Bool(name))
    for i, edge in enumerate(edges):
        name = f"e{i}"
        tracked[name] = edge
        solver.assert_and_track(when[edge.earlier] <= when[edge.later], z3.Bool(name))
    for i, rel in enumerate(relative):
        name = f"r{i}"
        tracked[name] = rel
        solver.assert_and_track(when[rel.a] <= when[rel.b] + rel.gap, z3.Bool(name))
    if solver.check() != z3.unsat:
        return []
    core = {str(b) for b in solver.unsat_core()}
    return [item for name, item in tracked.items() if name in core]  # in a stable order


@check("PRO004", "deadline-before-dependency", Severity.WARNING, "process")
def deadline_before_dependency(document: Document, context: Context) -> Iterator[Finding]:
    """A step's deadline falls before the deadline of a step it must follow, so the earlier
    step can be on time and still leave the later one unable to meet its own.

    Why it matters: "the Director General submits the plan by the end of October" and "the
    Secretary of State approves it by the end of September" are each possible, but a plan
    submitted on time in October cannot be approved by September: one deadline is wrong.

    Fails::

        director_general must submit corporate_plan to secretary_of_state by end of october
        secretary_of_state must approve corporate_plan by 2008-09-30

    Passes::

        director_general must submit corporate_plan to secretary_of_state by end of september
        secretary_of_state must approve corporate_plan by 2008-10-31

    The order is the `after` steps and what the vocabulary implies (an approval follows the
    submission to the approver).  Deadlines are compared as dates, recurring ones in the year
    they fall due.
    """
    this = get("PRO004")
    order = order_of(document)
    bounds, _ = _rolled(order)
    latest: dict[Step, _Bound] = {}
    for bound in bounds:
        if bound.upper and (bound.step not in latest or bound.day < latest[bound.step].day):
            latest[bound.step] = bound
    seen: set[tuple[Step, Step]] = set()
    for edge in order.edges:
        first, then = latest.get(edge.earlier), latest.get(edge.later)
        if first is None or then is None or first.day <= then.day or (edge.earlier, edge.later) in seen:
            continue
        if not can_both_apply(order.facts.decider, first.fact.condition, then.fact.condition):
            continue
        seen.add((edge.earlier, edge.later))
        rules = [then.fact.rule, first.fact.rule, *([edge.rule] if edge.rule not in (then.fact.rule,) else [])]
        yield this.finding(
            f"{_describe(document, edge.later, then.fact.rule)} {then.text} ({where(document, then.fact.rule)}), "
            f"before the deadline of the step it must follow: {_describe(document, edge.earlier, first.fact.rule)} "
            f"{first.text} ({where(document, first.fact.rule)}){' (the order is implied by the vocabulary)' if edge.implied_by else ''}",
            *_locations(rules), subjects=tuple(dict.fromkeys((edge.later[0], edge.earlier[0], edge.later[2]))),
            severity=Severity.WARNING)
