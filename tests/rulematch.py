"""Rules as data for the tests that query the model of the real document: a `Want` says what
some rule of a clause must state; fields left empty are not compared."""

from __future__ import annotations

from dataclasses import dataclass

from checker.model import Document, Rule


@dataclass(frozen=True)
class Want:
    """What a rule must say; empty fields are not compared."""

    kind: str = "obligation"
    bearers: frozenset[str] = frozenset()
    modality: str | None = None
    action: str | None = None
    objects: frozenset[str] = frozenset()  # rule objects (actors or objects)
    counterparts: frozenset[str] = frozenset()
    offices: frozenset[str] = frozenset()  # offices the rule names its actors by
    quals: tuple[tuple[str, frozenset[str]], ...] = ()  # qualifier kind -> refs it names
    values: tuple[tuple[str, str], ...] = ()  # qualifier kind -> its value
    sub_delegation: bool | None = None
    hedge: str | None = None  # "normally", "in_principle", ... (SPEC-12)
    unnamed: bool | None = None  # the bearer is `unnamed`: the text names none

    def matches(self, rule: Rule) -> bool:
        if rule.kind != self.kind or not self.bearers <= set(rule.actors):
            return False
        if self.hedge is not None and rule.hedge != self.hedge:
            return False
        if self.unnamed is not None and self.unnamed != any(s.kind == "unnamed" for s in rule.subjects):
            return False
        if self.modality is not None and rule.modality != self.modality:
            return False
        if self.action is not None and rule.action != self.action:
            return False
        if not self.objects <= {r.id for r in rule.objects}:
            return False
        if not self.counterparts <= {r.id for r in rule.counterparts}:
            return False
        written = {r.office for r in (*rule.subjects, *rule.objects, *rule.counterparts) if r.office}
        if not self.offices <= written:
            return False
        for kind, refs in self.quals:
            if not rule.quals(kind) or not refs <= {r.id for r in rule.qual_refs(kind)}:
                return False
        for kind, value in self.values:
            if value not in {q.value for q in rule.quals(kind)}:
                return False
        return self.sub_delegation is None or rule.sub_delegation == self.sub_delegation


def want(kind: str = "obligation", bearers: str = "", modality: str | None = None,
         action: str | None = None, objects: str = "", counterparts: str = "", offices: str = "",
         quals: dict[str, str] | None = None, values: dict[str, str] | None = None,
         sub_delegation: bool | None = None, hedge: str | None = None, unnamed: bool | None = None) -> Want:
    return Want(kind, frozenset(bearers.split()), modality, action, frozenset(objects.split()),
                frozenset(counterparts.split()), frozenset(offices.split()),
                tuple((k, frozenset(v.split())) for k, v in (quals or {}).items()),
                tuple((values or {}).items()), sub_delegation, hedge, unnamed)


def assert_fact(document: Document, clause: str, expected: Want) -> None:
    rules = document.rules_by_clause.get(clause, ())
    assert any(expected.matches(rule) for rule in rules), \
        f"no rule of {clause} matches {expected}; the clause has: " + "; ".join(r.source for r in rules)
