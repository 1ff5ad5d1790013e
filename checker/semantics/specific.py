"""Which rule is more specific: the comparison by which a hedged rule yields (docs/semantics.md §3).

A firm rule overrides a hedged one ("the Agency will normally publish its minutes"; "it must not
publish them when commercially confidential") where it is about the same thing, applies only in
circumstances where the hedged rule applies too, and is narrower in at least one way:

* its condition implies the hedged rule's condition, decided under the conditions register by
  the solver layer (conditions.py): `when c and d` is narrower than `when c`, a declared
  `implies` counts, and a condition the other lacks is narrower than none;
* its `for` scope lies within the hedged rule's (none is everything);
* the people it names lie within the hedged rule's (none is everyone);
* its money band lies within the hedged rule's (none is every amount).

Broader in any one of these, it is no exception but another rule: where both apply they
conflict (a warning, the hedged rule being a default).  Naming the bearer another way (a member
for its group, a holder for its office) is neither narrower nor broader.
"""

from __future__ import annotations

from typing import Any

from checker.model import Band
from checker.semantics.conditions import Decider, RuleCondition, negate

# (within, strictly within) of one dimension
_Fit = tuple[bool, bool]


def condition_implies(decider: Decider, a: RuleCondition, b: RuleCondition) -> bool:
    """Wherever `a` holds, `b` holds: `a and not b` cannot be satisfied."""
    if b.empty or a.whole == b.whole:
        return True
    return not decider.satisfiable(a.whole, negate(b.whole))


def _condition(decider: Decider, firm: RuleCondition, general: RuleCondition) -> _Fit:
    if not condition_implies(decider, firm, general):
        return False, False
    return True, not condition_implies(decider, general, firm)


def _sets(firm: frozenset[str], general: frozenset[str]) -> _Fit:
    """Scopes and people: an empty set is everything."""
    if not general:
        return True, bool(firm)
    if not firm:
        return False, False
    return firm <= general, firm < general


def band_within(inner: Band, outer: Band) -> bool:
    """Every amount of `inner` lies in `outer`."""
    if outer.low is not None:
        if inner.low is None or inner.low < outer.low:
            return False
        if inner.low == outer.low and inner.low_inclusive and not outer.low_inclusive:
            return False
    if outer.high is not None:
        if inner.high is None or inner.high > outer.high:
            return False
        if inner.high == outer.high and inner.high_inclusive and not outer.high_inclusive:
            return False
    return True


def _bands(firm: Band | None, general: Band | None) -> _Fit:
    if general is None:
        return True, firm is not None
    if firm is None:
        return False, False
    within = band_within(firm, general)
    return within, within and firm != general


def more_specific(firm: Any, general: Any, decider: Decider) -> bool:
    """`firm` (a Fact) is an exception carved out of `general`: about the same object, within it
    on every dimension and strictly narrower on at least one."""
    if firm.obj != general.obj:
        return False
    fits = (
        _condition(decider, firm.condition, general.condition),
        _sets(frozenset(firm.rule.scope), frozenset(general.rule.scope)),
        _sets(firm.people, general.people),
        _bands(firm.band, general.band),
    )
    return all(within for within, _ in fits) and any(strict for _, strict in fits)


def yields(a: Any, b: Any, decider: Decider) -> bool:
    """One of the two facts is hedged and the other, firm, is more specific: the hedged rule
    yields, so the pair is no conflict."""
    for firm, hedged in ((a, b), (b, a)):
        if hedged.hedged and not firm.soft and more_specific(firm, hedged, decider):
            return True
    return False
