"""The immutable, typed model of a framework document that checks and renderers query.

Built once by the loader (checker/loader.py).  Every name in a rule is resolved: offices to
the actor that holds them, aliases to their register entry.  Parts are also clauses (depth 0),
so that the text and rules of a part without sub-clauses are treated like any other clause.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from checker.findings import Location
from checker.numbering import Scheme, default_scheme

ACTOR, OFFICE, OBJECT, PART, UNKNOWN = "actor", "office", "object", "part", "unknown"

# The kinds of statement that are rules (the rest are citations and marks)
RULE_KINDS = (
    "obligation", "responsibility", "accountability", "reporting", "line_management",
    "chairing", "membership", "appointment", "holding", "advice", "supervision",
    "delegation", "delegates", "amendment",
)
MAIN_BODY_KINDS = ("foreword", "introduction", "section", "glossary")


@dataclass(frozen=True)
class Office:
    id: str
    name: str
    holder: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    location: Location = Location("")


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Thing:
    """An entry of the objects register: something the rules are about."""

    id: str
    name: str
    kind: str = ""
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    description: str = ""
    location: Location = Location("")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    expansion: str
    location: Location


@dataclass(frozen=True)
class Sentence:
    index: int  # 1-based within the clause
    text: str  # plain text, Markdown removed
    normative: bool
    location: Location
    origin: str = "text"  # text | item | cell


@dataclass(frozen=True)
class Ref:
    """A name written in a rule, resolved to a register entry."""

    text: str  # as written
    id: str  # the actor (offices resolve to their holder), object or part it names
    kind: str  # actor | object | part | unknown
    location: Location
    office: str | None = None  # the office it was written as, if any


@dataclass(frozen=True)
class Qual:
    kind: str
    refs: tuple[Ref, ...] = ()
    value: str | None = None
    objects: tuple[Ref, ...] = ()


@dataclass(frozen=True)
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
        return tuple((q.kind, q.value or "") for q in self.qualifiers if q.kind in ("if", "when", "unless"))

    @property
    def timing(self) -> tuple[tuple[str, str], ...]:
        kinds = ("annually", "by", "before", "within", "asap")
        return tuple((q.kind, q.value or "") for q in self.qualifiers if q.kind in kinds)

    @property
    def in_writing(self) -> bool:
        return any(q.kind == "in_writing" for q in self.qualifiers)


@dataclass(frozen=True)
class Line:
    """One step of the actor graph, read upwards: `lower` answers to `upper` ("accountable
    to", "reports to", or "line managed by" for `upper line manages lower`)."""

    lower: str
    upper: str
    relation: str
    rule: Rule


_RELATIONS = {"accountability": "accountable to", "reporting": "reports to",
              "line_management": "line managed by"}


@dataclass(frozen=True)
class Informal:
    clause: str
    reason: str
    location: Location
    sentence: int | None = None


@dataclass(frozen=True)
class Acknowledgement:
    clause: str
    code: str
    subjects: tuple[str, ...]
    reason: str
    location: Location


@dataclass(frozen=True)
class Table:
    caption: str | None
    columns: tuple[tuple[str, str], ...]  # (id, title)
    rows: tuple[tuple[str, ...], ...]  # cells in column order (Markdown)


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
    location: Location = Location("manifest.yaml")
    numbering: Scheme = field(default_factory=default_scheme)  # how the document numbers itself


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
    # every file read, relative to root (for outputs that list sources)
    files: tuple[str, ...] = ()

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
                    *(r for q in rule.qualifiers for r in q.refs))
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
        return _index(self.rules, lambda r: (r.action,) if r.action else ())

    @cached_property
    def actor_graph(self) -> tuple[Line, ...]:
        """Who answers to whom, from the accountable-to, reports-to and line-manages rules, in
        rule order (a rule that denies a relation, `must not`, states none)."""
        lines: list[Line] = []
        for rule in self.rules:
            relation = _RELATIONS.get(rule.kind)
            if relation is None or rule.modality in ("must_not", "may_not", "should_not"):
                continue
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

