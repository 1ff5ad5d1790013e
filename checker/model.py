"""The immutable, typed model of a framework document that checks and renderers query.

Built once by the loader (checker/loader.py).  Every name in a rule is resolved: offices to
the actor that holds them, aliases to their register entry.  Parts are also clauses (depth 0),
so that the text and rules of a part without sub-clauses are treated like any other clause.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from checker.findings import Location
from checker.numbering import Scheme, default_scheme

ACTOR, OFFICE, OBJECT, PART, UNKNOWN = "actor", "office", "object", "part", "unknown"
# the reserved bearer of an agentless passive ("the document must be reviewed"): never the
# same actor as any named one
UNNAMED = "unnamed"

# The kinds of statement that are rules (the rest are citations and marks)
RULE_KINDS = (
    "obligation", "responsibility", "accountability", "reporting", "line_management",
    "chairing", "membership", "appointment", "holding", "advice", "supervision",
    "delegation", "delegates", "amendment", "jurisdiction", "delegated_authority",
)

# hedges: the words that make a rule defeasible or discretionary (docs/semantics.md)
HEDGES = ("normally", "in_principle", "exceptionally", "as_appropriate", "where_necessary",
          "from_time_to_time", "as_far_as_possible")
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
UNITS = ("days", "weeks", "months", "quarters", "years")


# -- the values of the language: conditions, time, amounts ----------------------------------
@dataclass(frozen=True, slots=True)
class Cond:
    """A condition formula: an atom (a declared condition id, a register name, or the
    normalised text of a quoted condition), or not/and/or of conditions."""

    op: str  # atom | not | and | or
    atom: str | None = None
    args: tuple[Cond, ...] = ()

    @staticmethod
    def all_of(parts: list[Cond]) -> Cond | None:
        """The conjunction of some conditions (None for none, the one for one)."""
        flat: list[Cond] = []
        for part in parts:
            flat.extend(part.args if part.op == "and" else (part,))
        if not flat:
            return None
        return flat[0] if len(flat) == 1 else Cond("and", None, tuple(flat))

    @property
    def atoms(self) -> tuple[str, ...]:
        if self.op == "atom":
            return (self.atom or "",)
        return tuple(dict.fromkeys(a for arg in self.args for a in arg.atoms))

    def __str__(self) -> str:
        if self.op == "atom":
            return self.atom or ""
        if self.op == "not":
            return f"not {_bracket(self.args[0])}"
        return f" {self.op} ".join(_bracket(arg) for arg in self.args)


def _bracket(cond: Cond) -> str:
    return f"({cond})" if cond.op in ("and", "or") else str(cond)


@dataclass(frozen=True, slots=True)
class TimePoint:
    """A point in time: a date, the start or end of a period (financial_year, calendar_year,
    quarter, a month, or an object or event id), or an event."""

    kind: str  # date | start | end | event
    period: str | None = None
    date: datetime.date | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Recurrence:
    """`every 3 years` (n=3, unit='years'); `at least once every 3 years` sets at_least."""

    n: int
    unit: str  # days | weeks | months | quarters | years
    at_least: bool = False


@dataclass(frozen=True, slots=True)
class Term:
    """`for up to 3 years, renewable once`: renewals None (not renewable), n, or -1 (no limit)."""

    n: int
    unit: str
    renewals: int | None = None


@dataclass(frozen=True, slots=True)
class Timing:
    """Everything a rule says about time, gathered from its qualifiers."""

    deadline: TimePoint | None = None
    strict: bool = False  # `before` (the point itself is too late), not `by`
    earliest: TimePoint | None = None
    within: tuple[int, str] | None = None
    anchor: TimePoint | None = None  # None: the triggering event or condition
    recurrence: Recurrence | None = None
    term: Term | None = None
    # the deadline (`by`, `before`, `within`) is hedged: "normally by the end of April" is the
    # usual time, not a firm one (docs/semantics.md §5)
    deadline_hedge: str | None = None

    def __bool__(self) -> bool:
        return any((self.deadline, self.earliest, self.within, self.recurrence, self.term))


@dataclass(frozen=True, slots=True)
class Band:
    """A money threshold in pounds: `above £50,000` is low=50000 (exclusive), no high."""

    low: Decimal | None = None
    high: Decimal | None = None
    low_inclusive: bool = False
    high_inclusive: bool = True

    def contains(self, amount: Decimal) -> bool:
        if self.low is not None and (amount < self.low or (amount == self.low and not self.low_inclusive)):
            return False
        return not (self.high is not None and
                    (amount > self.high or (amount == self.high and not self.high_inclusive)))


def point_date(point: TimePoint, financial_year: int, year_start: str = "04-01") -> datetime.date | None:
    """The concrete date of a time point in the financial year that starts in
    `financial_year` (year_start is the manifest's MM-DD); None for an event or a period
    that has no date of its own (a quarter, an object)."""
    if point.kind == "date":
        return point.date
    if point.kind not in ("start", "end") or not point.period:
        return None
    month, day = (int(part) for part in year_start.split("-"))
    first = datetime.date(financial_year, month, day)
    period = point.period
    if period == "financial_year":
        if point.kind == "start":
            return first
        return _add_year(first) - datetime.timedelta(days=1)
    if period == "calendar_year":
        return datetime.date(financial_year, 1, 1) if point.kind == "start" else \
            datetime.date(financial_year, 12, 31)
    if period in MONTH_NAMES:
        number = MONTH_NAMES.index(period) + 1
        # the month as it falls inside the financial year
        year = financial_year if (number, 1) >= (month, 1) or (month, day) == (1, 1) else financial_year + 1
        if point.kind == "start":
            return datetime.date(year, number, 1)
        return datetime.date(year, number, calendar.monthrange(year, number)[1])
    return None


def _add_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
MAIN_BODY_KINDS = ("foreword", "introduction", "section", "glossary")


@dataclass(frozen=True, slots=True)
class Office:
    id: str
    name: str
    holder: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    location: Location = Location("")


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str  # individual | body | group
    aliases: tuple[str, ...] = ()
    offices: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()
    chairs: tuple[str, ...] = ()
    part_of: str | None = None
    root: bool = False
    description: str = ""
    location: Location = Location("")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Thing:
    """An entry of the objects register: something the rules are about."""

    id: str
    name: str
    kind: str = ""
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    description: str = ""
    location: Location = Location("")
    # the actor (or office) whose own it is: "authority of the Agency" is the Agency's; the
    # owner holds it (DEL001), an office standing for its holder
    owner: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: str
    expansion: str
    location: Location


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int  # 1-based within the clause
    text: str  # plain text, Markdown removed
    normative: bool
    location: Location
    origin: str = "text"  # text | item | cell


@dataclass(frozen=True, slots=True)
class Condition:
    """An entry of the conditions register: one condition, the phrases of the text that
    state it, and how it relates to the others."""

    id: str
    phrases: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    description: str = ""
    location: Location = Location("")


@dataclass(frozen=True, slots=True)
class Ref:
    """A name written in a rule, resolved to a register entry."""

    text: str  # as written
    id: str  # the actor (offices resolve to their holder), object or part it names
    kind: str  # actor | object | part | unnamed | unknown
    location: Location
    office: str | None = None  # the office it was written as, if any


@dataclass(frozen=True, slots=True)
class Qual:
    kind: str
    refs: tuple[Ref, ...] = ()
    value: str | None = None
    objects: tuple[Ref, ...] = ()
    # the structured value of the kinds that have one (the value above stays their text)
    cond: Cond | None = None  # if, when, unless, where
    point: TimePoint | None = None  # by, before, not_before; the anchor of within
    amount: tuple[int, str] | None = None  # within, term: (3, "months")
    recurrence: Recurrence | None = None  # annually, frequency (quarterly, monthly), recurrence
    term: Term | None = None  # term
    band: Band | None = None  # threshold
    hedge: str | None = None  # by, before, within: a hedged deadline ("normally by ...")
    # purpose (`in order to <verb> <objects>`: value is the verb; `so that <cond>`: cond),
    # means (`by means of <refs>`, or `by way of <verb> <objects>`), example (`such as`,
    # `including`: refs): none of them obliges anything of its own (docs/semantics.md §9)


# qualifiers that say why, how or for instance: never a duty, a condition or a scope
ILLUSTRATIVE_KINDS = ("purpose", "means", "example")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str  # "<clause id>#<n>"
    kind: str
    clause: str
    location: Location
    source: str
    sentence: int | None = None
    subjects: tuple[Ref, ...] = ()
    modality: str | None = None
    action: str | None = None
    objects: tuple[Ref, ...] = ()
    counterparts: tuple[Ref, ...] = ()
    qualifiers: tuple[Qual, ...] = ()
    sub_delegation: bool = False
    hedge: str | None = None  # one of HEDGES: the rule is defeasible
    exclusive: str | None = None  # "final" (the last word) | "alone" (nobody else may)
    quantity: tuple[str, int] | None = None  # ("at_least", 3): of the objects
    dotted: bool = False  # a dotted (weaker) reporting line
    # alternative acts (`negotiate or consult`): every one, in order, `action` the first;
    # empty for a rule of one act.  The duty is met by doing any one of them.
    alternatives: tuple[str, ...] = ()

    @property
    def actions(self) -> tuple[str, ...]:
        """Every act that satisfies the rule: its alternatives, or its one action."""
        if self.alternatives:
            return self.alternatives
        return (self.action,) if self.action else ()

    @property
    def purposes(self) -> tuple[Qual, ...]:
        """Why it is done (`in order to`, `so that`): carried, never obliged."""
        return self.quals("purpose")

    @property
    def examples(self) -> tuple[Ref, ...]:
        """What the text gives as examples (`such as`, `including`): not the scope."""
        return self.qual_refs("example")

    def quals(self, kind: str) -> tuple[Qual, ...]:
        return tuple(q for q in self.qualifiers if q.kind == kind)

    def qual_refs(self, *kinds: str) -> tuple[Ref, ...]:
        return tuple(r for q in self.qualifiers if q.kind in kinds for r in q.refs)

    @property
    def actors(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.subjects if r.kind == ACTOR)

    @property
    def object_ids(self) -> tuple[str, ...]:
        """What the rule is about: its objects, plus `of`/`on` objects, that are not actors."""
        refs = (*self.objects, *self.qual_refs("about"))
        return tuple(dict.fromkeys(r.id for r in refs if r.kind == OBJECT))

    @property
    def recipients(self) -> tuple[str, ...]:
        refs = [r for r in self.qual_refs("recipient") if r.kind == ACTOR]
        if self.kind == "obligation":
            refs += [r for r in self.objects if r.kind == ACTOR]
        return tuple(dict.fromkeys(r.id for r in refs))

    @property
    def scope(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.qual_refs("scope"))

    @property
    def exceptions(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.qual_refs("exception"))

    @property
    def conditions(self) -> tuple[tuple[str, str], ...]:
        return tuple((q.kind, q.value or "") for q in self.qualifiers if q.kind in CONDITION_KINDS)

    @property
    def condition(self) -> Cond | None:
        """Every `if`/`when`/`where` conjoined, with `not` of every `unless`; events
        (`on receipt of`, `following`) are not conditions."""
        parts = []
        for q in self.qualifiers:
            if q.kind in CONDITION_KINDS:
                cond = q.cond or Cond("atom", q.value or "")
                parts.append(Cond("not", None, (cond,)) if q.kind == "unless" else cond)
        return Cond.all_of(parts)

    @property
    def timing(self) -> tuple[tuple[str, str], ...]:
        return tuple((q.kind, q.value or "") for q in self.qualifiers if q.kind in TIMING_KINDS)

    @property
    def time(self) -> Timing:
        deadline = earliest = anchor = None
        strict = False
        within = None
        recurrence = term = None
        hedge = None
        for q in self.qualifiers:
            if q.kind in ("by", "before") and deadline is None and q.point is not None:
                deadline, strict = q.point, q.kind == "before"
                hedge = hedge or q.hedge
            elif q.kind == "not_before" and earliest is None:
                earliest = q.point
            elif q.kind == "within" and within is None:
                within, anchor = q.amount, q.point
                hedge = hedge or q.hedge
            elif q.recurrence is not None and recurrence is None:
                recurrence = q.recurrence
            elif q.kind == "term" and term is None:
                term = q.term
        return Timing(deadline, strict, earliest, within, anchor, recurrence, term, hedge)

    @property
    def threshold(self) -> Band | None:
        """The money band of the rule's `above`/`below`/`up to`/`between` qualifiers,
        intersected."""
        band = None
        for q in self.qualifiers:
            if q.kind == "threshold" and q.band is not None:
                band = q.band if band is None else _intersect(band, q.band)
        return band

    @property
    def manner(self) -> tuple[str, ...]:
        """How it is done: ("in_writing", "anonymised_form", "publicly", ...)."""
        return tuple(dict.fromkeys(q.kind if q.kind == "in_writing" else q.value or ""
                                   for q in self.qualifiers if q.kind in ("in_writing", "manner")))

    @property
    def in_writing(self) -> bool:
        return any(q.kind == "in_writing" for q in self.qualifiers)

    @property
    def unnamed(self) -> bool:
        """The text names no bearer (an agentless passive)."""
        return any(r.kind == UNNAMED for r in self.subjects)


CONDITION_KINDS = ("if", "when", "unless", "where")
TIMING_KINDS = ("annually", "by", "before", "not_before", "within", "asap", "recurrence", "term")


def _intersect(a: Band, b: Band) -> Band:
    low, low_inc = a.low, a.low_inclusive
    if b.low is not None and (low is None or b.low > low or (b.low == low and not b.low_inclusive)):
        low, low_inc = b.low, b.low_inclusive
    high, high_inc = a.high, a.high_inclusive
    if b.high is not None and (high is None or b.high < high or (b.high == high and not b.high_inclusive)):
        high, high_inc = b.high, b.high_inclusive
    return Band(low, high, low_inc, high_inc)


@dataclass(frozen=True, slots=True)
class Line:
    """One step of the actor graph, read upwards: `lower` answers to `upper` ("accountable
    to", "reports to", or "line managed by" for `upper line manages lower`)."""

    lower: str
    upper: str
    relation: str
    rule: Rule


_RELATIONS = {"accountability": "accountable to", "reporting": "reports to",
              "line_management": "line managed by"}


@dataclass(frozen=True, slots=True)
class Informal:
    clause: str
    reason: str
    location: Location
    sentence: int | None = None


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    clause: str
    code: str
    subjects: tuple[str, ...]
    reason: str
    location: Location


@dataclass(frozen=True, slots=True)
class Explanation:
    """`explain PRF001 for <element> because "..."`: a departure from official guidance the
    document records and justifies (checker/profiles/)."""

    clause: str
    code: str
    element: str
    reason: str
    location: Location


@dataclass(frozen=True, slots=True)
class Table:
    caption: str | None
    columns: tuple[tuple[str, str], ...]  # (id, title)
    rows: tuple[tuple[str, ...], ...]  # cells in column order (Markdown)


@dataclass(frozen=True, slots=True)
class Clause:
    """A numbered or unnumbered clause; a part is the clause of depth 0."""

    id: str
    part: str
    parent: str | None
    depth: int
    number: str | None  # "2.1.3", "C.4", "2"; None when unnumbered
    label: str  # how the text refers to it: "2.1.3", "Annex C paragraph 4", "Section 2"
    anchor: str  # "clause-2-1-3", "annex-c", "section-2", or the id
    title: str | None
    printed: str | None
    numbered: bool
    text: str
    items: tuple[str, ...]
    table: Table | None
    children: tuple[str, ...]
    location: Location
    sentences: tuple[Sentence, ...] = ()
    rules_location: Location | None = None
    level: int | None = None  # heading level as printed in the original, when recorded

    @property
    def heading(self) -> str:
        if self.depth == 0:
            return self.title or self.label
        if self.number and self.title:
            return f"{self.number} {self.title}"
        return self.title or self.number or self.label


@dataclass(frozen=True, slots=True)
class Part:
    id: str
    kind: str  # foreword | introduction | section | glossary | annex
    title: str
    subtitle: str | None
    number: str | None  # "2" for sections, "C" for annexes
    label: str  # "Section 2", "Annex C", or the title
    anchor: str
    file: str
    location: Location
    entries: tuple[GlossaryEntry, ...] = ()
    printed: str | None = None  # the number or letter the original prints ("B" for Annex B)

    @property
    def is_annex(self) -> bool:
        return self.kind == "annex"


@dataclass(frozen=True, slots=True)
class Manifest:
    title: str
    publisher: str
    version: str
    published: str
    status: str
    review_by: str
    parts: tuple[str, ...]
    language: str = "en"
    short_title: str | None = None
    signatory: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    amendments: str = "amendments"
    description: str = ""
    site_url: str = ""  # where the website is served (sitemap, 404 page); "" when not said
    # closing notices: copyright, licence, licence_url, available_at, enquiries (all optional)
    back_matter: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    location: Location = Location("manifest.yaml")
    numbering: Scheme = field(default_factory=default_scheme)  # how the document numbers itself
    financial_year_start: str = "04-01"  # MM-DD
    dates: Mapping[str, datetime.date] = field(default_factory=lambda: MappingProxyType({}))
    dates_annex: bool = False  # `publication: {dates_annex: true}`: the publication ends with its dates


@dataclass(frozen=True)
class Document:
    root: Path
    manifest: Manifest
    parts: tuple[Part, ...]
    clauses: Mapping[str, Clause]  # reading order, parts included (depth 0)
    actors: Mapping[str, Actor]
    offices: Mapping[str, Office]
    objects: Mapping[str, Thing]
    glossary: tuple[GlossaryEntry, ...]
    rules: tuple[Rule, ...]
    informals: tuple[Informal, ...] = ()
    acknowledgements: tuple[Acknowledgement, ...] = ()
    explanations: tuple[Explanation, ...] = ()  # justified departures from a conformance profile
    # every file read, relative to root (for outputs that list sources)
    files: tuple[str, ...] = ()
    conditions: Mapping[str, Condition] = field(default_factory=lambda: MappingProxyType({}))

    def date_of(self, point: TimePoint, financial_year: int) -> datetime.date | None:
        """The concrete date of a time point in the financial year starting in that year
        (the manifest's financial_year_start), where it has one."""
        return point_date(point, financial_year, self.manifest.financial_year_start)

    # -- queries ----------------------------------------------------------------------
    @cached_property
    def part_by_id(self) -> Mapping[str, Part]:
        return MappingProxyType({p.id: p for p in self.parts})

    @cached_property
    def rules_by_clause(self) -> Mapping[str, tuple[Rule, ...]]:
        return _index(self.rules, lambda r: (r.clause,))

    @cached_property
    def rules_by_actor(self) -> Mapping[str, tuple[Rule, ...]]:
        """Rules an actor bears, or is the counterpart, recipient or approver of."""
        def keys(rule: Rule) -> tuple[str, ...]:
            refs = (*rule.subjects, *rule.objects, *rule.counterparts,
                    *(r for q in rule.qualifiers if q.kind not in ILLUSTRATIVE_KINDS for r in q.refs))
            return tuple(dict.fromkeys(r.id for r in refs if r.kind == ACTOR))
        return _index(self.rules, keys)

    @cached_property
    def rules_by_bearer(self) -> Mapping[str, tuple[Rule, ...]]:
        return _index(self.rules, lambda r: r.actors)

    @cached_property
    def rules_by_object(self) -> Mapping[str, tuple[Rule, ...]]:
        return _index(self.rules, lambda r: r.object_ids)

    @cached_property
    def rules_by_action(self) -> Mapping[str, tuple[Rule, ...]]:
        """Rules by each act that satisfies them (every alternative of `approve or endorse`)."""
        return _index(self.rules, lambda r: r.actions)

    @cached_property
    def actor_graph(self) -> tuple[Line, ...]:
        """Who answers to whom, from the accountable-to, reports-to and line-manages rules, in
        rule order (a rule that denies a relation, `must not`, states none)."""
        lines: list[Line] = []
        for rule in self.rules:
            relation = _RELATIONS.get(rule.kind)
            if relation is None or rule.modality in ("must_not", "may_not", "should_not"):
                continue
            if rule.dotted:  # a weaker line: the checks tell it apart by its relation
                relation = "dotted line to"
            others = [r.id for r in rule.objects if r.kind == ACTOR]
            for actor in rule.actors:
                for other in others:
                    if other == actor:
                        continue
                    if rule.kind == "line_management":
                        lines.append(Line(other, actor, relation, rule))
                    else:
                        lines.append(Line(actor, other, relation, rule))
        return tuple(lines)

    @cached_property
    def clause_by_number(self) -> Mapping[str, Clause]:
        """Printed references ('2.1.4', 'C.4', '2') to clauses."""
        out: dict[str, Clause] = {}
        for clause in self.clauses.values():
            if clause.number:
                out.setdefault(clause.number, clause)
        return MappingProxyType(out)

    def resolve_number(self, number: str) -> Clause | None:
        return self.clause_by_number.get(number.strip().rstrip("."))

    def part_of(self, clause_id: str) -> Part:
        return self.part_by_id[self.clauses[clause_id].part]

    def ancestors(self, clause_id: str) -> list[Clause]:
        out = []
        parent = self.clauses[clause_id].parent
        while parent is not None:
            out.append(self.clauses[parent])
            parent = self.clauses[parent].parent
        return out

    def actor_name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        if actor is None and actor_id == UNNAMED:
            return "Not named by the text"  # the bearer of an agentless passive
        return actor.name if actor else actor_id

    def object_name(self, object_id: str) -> str:
        thing = self.objects.get(object_id)
        return thing.name if thing else object_id

    def display(self, ref: Ref) -> str:
        """How a resolved name reads in a message: 'the Permanent Secretary'."""
        if ref.kind == ACTOR:
            if ref.office and ref.office in self.offices:
                return self.offices[ref.office].name
            return self.actor_name(ref.id)
        if ref.kind == OBJECT:
            return self.object_name(ref.id)
        if ref.kind == PART and ref.id in self.part_by_id:
            return self.part_by_id[ref.id].label
        if ref.kind == UNNAMED:
            return "(not named)"
        return ref.text

    @cached_property
    def stats(self) -> Mapping[str, int]:
        sentences = [s for c in self.clauses.values() for s in c.sentences]
        normative = [s for s in sentences if s.normative]
        return MappingProxyType({
            "parts": len(self.parts),
            "clauses": sum(1 for c in self.clauses.values() if c.depth > 0),
            "rules": len(self.rules),
            "actors": len(self.actors),
            "offices": len(self.offices),
            "objects": len(self.objects),
            "glossary_entries": len(self.glossary),
            "sentences": len(sentences),
            "normative_sentences": len(normative),
            "informal": len(self.informals),
        })


def _index(rules: tuple[Rule, ...], keys: Callable[[Rule], tuple[str, ...]]) -> Mapping[str, tuple[Rule, ...]]:
    out: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        for key in keys(rule):
            out[key].append(rule)
    return MappingProxyType({k: tuple(v) for k, v in out.items()})

