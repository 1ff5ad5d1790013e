"""Conditions as formulas, and whether two rules can apply at once.

A rule's condition is the conjunction of its `if`/`when`/`where` conditions; each `unless c`
contributes `not c` and is kept apart as a *precondition* (what must hold before the act).  An
atom is a declared condition id (conditions.yaml: its phrases are that atom) or the normalised
text of a quoted condition.  The register's `excludes` and `implies` relate atoms.

Deciding: a conjunction of literals under the register's relations (Horn clauses) is decided by
unit propagation, here, without a solver; only formulas with `or` (or a negated conjunction) go
to z3, imported on first use (ARCHITECTURE.md says why z3).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

ATOM, NOT, AND, OR = "atom", "not", "and", "or"


@dataclass(frozen=True)
class Formula:
    op: str  # atom | not | and | or
    atom: str = ""
    args: tuple[Formula, ...] = ()

    @property
    def atoms(self) -> frozenset[str]:
        if self.op == ATOM:
            return frozenset({self.atom})
        return frozenset(a for arg in self.args for a in arg.atoms)

    def __str__(self) -> str:
        if self.op == ATOM:
            return self.atom
        if self.op == NOT:
            return f"not {self.args[0]}"
        return "(" + f" {self.op} ".join(str(a) for a in self.args) + ")"


TRUE = Formula(AND)


def conj(parts: Iterable[Formula]) -> Formula:
    flat: list[Formula] = []
    for part in parts:
        flat.extend(part.args if part.op == AND else (part,))
    flat = list(dict.fromkeys(flat))
    return flat[0] if len(flat) == 1 else Formula(AND, "", tuple(flat))


def negate(formula: Formula) -> Formula:
    return formula.args[0] if formula.op == NOT else Formula(NOT, "", (formula,))


def normalise_text(text: str) -> str:
    """One atom for one wording: quotes, case, spacing and a final full stop do not matter."""
    return re.sub(r"\s+", " ", text.strip().strip("\"'").replace("\u2019", "'")).strip(" .").lower()


def from_model(cond: Any) -> Formula:
    """A formula from the model's condition tree (duck-typed: `op`, `atom`, `args`)."""
    op = getattr(cond, "op", ATOM)
    if op == ATOM:
        return Formula(ATOM, str(getattr(cond, "atom", "") or ""))
    args = tuple(from_model(a) for a in getattr(cond, "args", ()))
    return Formula(op, "", args)


@dataclass(frozen=True)
class RuleCondition:
    """When a rule applies (`when`), and what must hold before it is acted on (`unless`)."""

    when: Formula = TRUE
    unless: tuple[Formula, ...] = ()  # each `unless c`: the rule holds only while c does not

    @property
    def whole(self) -> Formula:
        return conj([self.when, *(negate(u) for u in self.unless)])

    @property
    def empty(self) -> bool:
        return self.when == TRUE and not self.unless


def of_rule(rule: Any, phrases: Mapping[str, str]) -> RuleCondition:
    """The rule's condition; quoted texts that are a declared phrase become that atom."""
    when: list[Formula] = []
    unless: list[Formula] = []
    for qual in rule.qualifiers:
        if qual.kind not in ("if", "when", "unless", "where"):
            continue
        cond = getattr(qual, "cond", None)
        formula = from_model(cond) if cond is not None else Formula(ATOM, qual.value or "")
        formula = _canonical(formula, phrases)
        (unless if qual.kind == "unless" else when).append(formula)
    return RuleCondition(conj(when) if when else TRUE, tuple(unless))


def _canonical(formula: Formula, phrases: Mapping[str, str]) -> Formula:
    if formula.op == ATOM:
        text = normalise_text(formula.atom)
        return Formula(ATOM, phrases.get(text, text))
    return Formula(formula.op, "", tuple(_canonical(a, phrases) for a in formula.args))


class Decider:
    """Decides satisfiability of conjunctions of formulas under the register's relations."""

    def __init__(self, register: Mapping[str, Any]) -> None:
        self.implies: dict[str, set[str]] = {}
        self.excludes: dict[str, set[str]] = {}
        for atom, entry in register.items():
            for other in getattr(entry, "implies", ()):
                self.implies.setdefault(atom, set()).add(other)
            for other in getattr(entry, "excludes", ()):
                self.excludes.setdefault(atom, set()).add(other)
                self.excludes.setdefault(other, set()).add(atom)
        self._cache: dict[tuple[Formula, ...], bool] = {}
        self.solver_calls = 0

    def satisfiable(self, *formulas: Formula) -> bool:
        key = tuple(sorted(set(formulas), key=str))
        if key not in self._cache:
            self._cache[key] = self._decide(conj(key))
        return self._cache[key]

    def _decide(self, formula: Formula) -> bool:
        literals = _literals(formula)
        if literals is not None:
            return self._propagate(*literals)
        return self._solve(formula)

    def _propagate(self, positive: set[str], negative: set[str]) -> bool:
        """Unit propagation over Horn clauses (a -> b, not (a and b)): complete for literals."""
        true = set(positive)
        todo = list(positive)
        while todo:
            for implied in self.implies.get(todo.pop(), ()):
                if implied not in true:
                    true.add(implied)
                    todo.append(implied)
        if true & negative:
            return False
        return not any(self.excludes.get(atom, set()) & true for atom in true)

    def _solve(self, formula: Formula) -> bool:
        import z3  # only when a disjunction needs deciding: z3 costs ~50 ms to import

        self.solver_calls += 1
        atoms = set(formula.atoms)
        todo = list(atoms)
        while todo:  # the relations reachable from the formula's atoms
            atom = todo.pop()
            for other in (*self.implies.get(atom, ()), *self.excludes.get(atom, ())):
                if other not in atoms:
                    atoms.add(other)
                    todo.append(other)
        names = {atom: z3.Bool(f"c{i}") for i, atom in enumerate(sorted(atoms))}
        solver = z3.Solver()
        solver.add(_z3(formula, names, z3))
        for atom in atoms:
            for other in self.implies.get(atom, ()):
                solver.add(z3.Implies(names[atom], names[other]))
            for other in self.excludes.get(atom, ()):
                solver.add(z3.Not(z3.And(names[atom], names[other])))
        return bool(solver.check() == z3.sat)


def _literals(formula: Formula) -> tuple[set[str], set[str]] | None:
    """(positive atoms, negative atoms) of a conjunction of literals, or None."""
    positive: set[str] = set()
    negative: set[str] = set()
    for part in formula.args if formula.op == AND else (formula,):
        if part.op == ATOM:
            positive.add(part.atom)
        elif part.op == NOT and part.args[0].op == ATOM:
            negative.add(part.args[0].atom)
        elif part.op == NOT and part.args[0].op == NOT:
            inner = _literals(part.args[0].args[0])
            if inner is None:
                return None
            positive |= inner[0]
            negative |= inner[1]
        else:
            return None
    return positive, negative


def _z3(formula: Formula, names: Mapping[str, Any], z3: Any) -> Any:
    if formula.op == ATOM:
        return names[formula.atom]
    args = [_z3(a, names, z3) for a in formula.args]
    if formula.op == NOT:
        return z3.Not(args[0])
    if not args:
        return z3.BoolVal(True) if formula.op == AND else z3.BoolVal(False)
    return z3.And(*args) if formula.op == AND else z3.Or(*args)


def can_both_apply(decider: Decider, a: RuleCondition, b: RuleCondition) -> bool:
    """The two rules' conditions, `unless` included, can hold together."""
    return decider.satisfiable(a.whole, b.whole)


def precondition_blocks(decider: Decider, duty: RuleCondition, prohibition: RuleCondition) -> bool:
    """A prohibition `must not X unless c` is a precondition on X: it contradicts a duty to X only
    where the duty applies and c cannot be brought about (the duty's own condition excludes c)."""
    if not prohibition.unless:
        return decider.satisfiable(duty.whole, prohibition.when)
    if not decider.satisfiable(duty.whole, prohibition.when):
        return False
    return not decider.satisfiable(duty.whole, prohibition.when, *prohibition.unless)
