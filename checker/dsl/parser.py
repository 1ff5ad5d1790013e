"""Parse rules blocks with lark (LALR, inline transformer) into `Statement`s.

Each statement is parsed on its own (see statements.py) so that one run reports every
mistake in a block.  Errors carry the line and column inside the block and a plain-English
message with what was expected and, for a misspelt keyword, a suggestion.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from lark import Lark, Token, Transformer, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from checker.dsl.ast import CondNode, NameRef, Qualifier, Statement
from checker.dsl.statements import RawStatement, split_statements
from checker.grammar_path import grammar_file
from checker.model import Band, Recurrence, Term, TimePoint
from checker.suggest import did_you_mean


@dataclass(frozen=True)
class DslError:
    line: int
    column: int
    message: str


class _BadValue(Exception):
    """A statement that parses but holds a value that cannot be (an impossible date, an
    occurrence number too long to mean anything): raised by the builder, reported with the
    token's position."""

    def __init__(self, token: Token, message: str) -> None:
        super().__init__(message)
        self.line = token.line or 1
        self.column = token.column or 1
        self.message = message


# an occurrence names one of a clause's sentences: a few digits at most
_MAX_OCCURRENCE_DIGITS = 6
# a count, a number of days or of renewals: a few digits at most
_MAX_NUMBER_DIGITS = 6


_MODALITIES = {"must", "must_not", "may", "may_not", "should", "should_not", "power", "need_not"}
_QUALIFIERS_WITH_NAMES = {
    "recipient", "scope", "exception", "about", "consulting", "recommendation",
    "on_behalf_of", "approval", "agreement", "through", "accordance", "place",
    "on_receipt", "following", "collaboration", "mutual_agreement", "example",
}
_UNITS = {"day": "days", "week": "weeks", "month": "months", "quarter": "quarters", "year": "years"}
_FREQUENCIES = {"quarterly": Recurrence(1, "quarters"), "monthly": Recurrence(1, "months")}
_MONEY_SCALE = {"": 1, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}


# Markers: what a callback hands to the statement that holds it (a plain str would be taken
# for the action).
class _Modal(str):
    exclusive: str | None = None


class _Action(str):
    """The act (the first, when the rule names alternatives); `alternatives` holds every one
    of `negotiate or consult` (empty for a single act)."""

    alternatives: tuple[str, ...] = ()


class _Hedge(str):
    token: Token


class _Exclusive(str):
    pass


class _SeekWhat(str):
    pass


class _Quantity(tuple[Any, ...]):
    pass


class _Quals(tuple[Any, ...]):
    """Several qualifiers written as one (`within 1 month after x approves y`)."""


class _Step(tuple[Any, ...]):
    """The step anchoring `within`: (actors, verb, objects)."""


class _AuthorityAction(tuple[Any, ...]):
    """(action, objects) of `has delegated authority to <action> <objects>`."""


class _HedgedQual(tuple[Any, ...]):
    """(hedge, qualifier): a hedge written directly before a qualifier that starts like a
    deadline but is not one (`normally by means of x`): the hedge is the rule's."""


class _Renewal(int):
    pass


def _number(tok: Token) -> int:
    digits = str(tok)
    if len(digits.lstrip("0")) > _MAX_NUMBER_DIGITS:
        raise _BadValue(tok, f"the number {_quote(digits)[1:-1]} is too large; write at most "
                        f"{_MAX_NUMBER_DIGITS} digits")
    return int(digits)


def money(text: str) -> Decimal | None:
    """'£50,000' -> 50000, '£5m' -> 5000000, '£1.5bn'; None when the commas are not
    thousands separators ('£5,00')."""
    body = text.lstrip("£")
    suffix = next((s for s in ("bn", "k", "m") if body.endswith(s)), "")
    body = body[:len(body) - len(suffix)]
    whole, _, decimals = body.partition(".")
    groups = whole.split(",")
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    try:
        value = Decimal("".join(groups) + (f".{decimals}" if decimals else ""))
    except InvalidOperation:  # pragma: no cover - the token's pattern allows only digits
        return None
    return value * _MONEY_SCALE[suffix]


# pounds: a few trillion at most is any document's amount (and prints without surprises)
_MAX_MONEY_DIGITS = 15


def _money(tok: Token) -> Decimal:
    if sum(char.isdigit() for char in str(tok)) > _MAX_MONEY_DIGITS:
        raise _BadValue(tok, f"the amount {_quote(str(tok))[1:-1]} is too large; write at most "
                        f"{_MAX_MONEY_DIGITS} digits (with k, m or bn for thousands, millions, billions)")
    value = money(str(tok))
    if value is None:
        raise _BadValue(tok, f"{_quote(str(tok))} is not an amount: commas separate thousands "
                        "(£50,000); write £ then digits, with k, m or bn for thousands, millions "
                        "or billions")
    return value


def _names(items: list[Any]) -> tuple[NameRef, ...]:
    for item in items:
        if isinstance(item, tuple) and (not item or isinstance(item[0], NameRef)):
            return item
    return ()


def _name_lists(items: list[Any]) -> list[tuple[NameRef, ...]]:
    return [item for item in items if isinstance(item, tuple) and item and isinstance(item[0], NameRef)]


class _Build(Transformer[Token, Any]):
    """One method a grammar rule; applied during the LALR parse (no tree is built)."""

    def __init__(self) -> None:
        super().__init__()
        self.source = ""
        # line of the parsed text -> line of the rules block (a whole-block parse joins the
        # statements with ";" lines); empty: the text's own lines
        self.lines: list[int] = []

    # where each statement of a whole-block parse stands (line, column, source), in order: the
    # statements are reduced in order, so the next one is always `places[placed]`
    places: list[tuple[int, int, str]] = []
    placed = 0

    def _new(self, kind: str, line: int, column: int, **fields: Any) -> Statement:
        if self.places and self.placed < len(self.places):
            line, column, source = self.places[self.placed]
            return Statement(kind, line, column, source, **fields)
        # (more statements than places: a ";" in the rules themselves; the caller drops the
        # whole-block parse and parses statement by statement, which reports it)
        return Statement(kind, line, column, self.source, **fields)

    def _line(self, tok: Token) -> int:
        line = tok.line or 1
        return self.lines[line] if self.lines else line

    # -- small pieces ---------------------------------------------------------------
    def name(self, items: list[Token]) -> NameRef:
        tok = items[0]
        return NameRef(str(tok), self._line(tok), tok.column or 0)

    def _ref(self, tok: Token) -> NameRef:
        return NameRef(str(tok), self._line(tok), tok.column or 0)

    def names(self, items: list[NameRef]) -> tuple[NameRef, ...]:
        return tuple(items)

    def action(self, items: list[Token]) -> str:
        act = _Action(str(items[0]))
        if len(items) > 1:
            words = [str(tok) for tok in items]
            for index, tok in enumerate(items):
                if str(tok) in words[:index]:
                    raise _BadValue(tok, f"the act {_quote(str(tok))} is named twice among the "
                                    "alternatives; write each alternative once")
            act.alternatives = tuple(words)
        return act

    def delegated(self, items: list[Token]) -> tuple[str | None, NameRef]:
        if len(items) == 2:
            return str(items[0]), NameRef(str(items[1]), self._line(items[1]), items[1].column or 0)
        return None, NameRef(str(items[0]), self._line(items[0]), items[0].column or 0)

    def delegate_verb(self, items: list[Token]) -> str:
        return str(items[0])

    def unit(self, items: list[Token]) -> str:
        return str(items[0])

    # -- conditions ---------------------------------------------------------------------
    def cond_name(self, items: list[Token]) -> CondNode:
        ref = self._ref(items[0])
        return CondNode("atom", name=ref, line=ref.line, column=ref.column)

    def cond_text(self, items: list[Token]) -> CondNode:
        tok = items[0]
        return CondNode("atom", text=str(tok)[1:-1], line=self._line(tok), column=tok.column or 1)

    def c_not(self, items: list[CondNode]) -> CondNode:
        return _nested(CondNode("not", args=(items[0],)))

    def c_and(self, items: list[CondNode]) -> CondNode:
        return _chain("and", items)

    def c_or(self, items: list[CondNode]) -> CondNode:
        return _chain("or", items)

    # -- time points ----------------------------------------------------------------------
    def period(self, items: list[Token]) -> str:
        return str(items[0])

    def end_of(self, items: list[str]) -> TimePoint:
        return TimePoint("end", items[0], None, f"end of {items[0]}")

    def start_of(self, items: list[str]) -> TimePoint:
        return TimePoint("start", items[0], None, f"start of {items[0]}")

    def on_date(self, items: list[Token]) -> TimePoint:
        text = str(items[0])
        try:
            day = date.fromisoformat(text)
        except ValueError as err:
            raise _BadValue(items[0], f"'{text}' is not a date ({err}); write a date that "
                            "exists, as YYYY-MM-DD") from None
        return TimePoint("date", None, day, text)

    def event(self, items: list[Token]) -> TimePoint:
        return TimePoint("event", None, None, str(items[0]))

    def anchor(self, items: list[TimePoint]) -> TimePoint:
        return items[0]

    def step(self, items: list[Any]) -> _Step:
        lists = _name_lists(items)
        verb = next(str(item) for item in items if isinstance(item, Token))
        return _Step((lists[0], verb, lists[1] if len(lists) > 1 else ()))

    def renewable_once(self, _: list[Any]) -> _Renewal:
        return _Renewal(1)

    def renewable_times(self, items: list[Token]) -> _Renewal:
        return _Renewal(_number(items[0]))

    def renewable(self, _: list[Any]) -> _Renewal:
        return _Renewal(-1)

    # -- modalities -------------------------------------------------------------------
    def must(self, _: list[Any]) -> str:
        return "must"

    def must_not(self, _: list[Any]) -> str:
        return "must_not"

    def may(self, _: list[Any]) -> str:
        return "may"

    def may_not(self, _: list[Any]) -> str:
        return "may_not"

    def should(self, _: list[Any]) -> str:
        return "should"

    def should_not(self, _: list[Any]) -> str:
        return "should_not"

    def need_not(self, _: list[Any]) -> str:
        return "need_not"

    def power(self, _: list[Any]) -> str:
        return _Modal("power")

    def final_power(self, _: list[Any]) -> str:
        modal = _Modal("power")
        modal.exclusive = "final"
        return modal

    def exclusive(self, items: list[Token]) -> _Exclusive:
        return _Exclusive(str(items[0]))

    def hedge(self, items: list[Token]) -> _Hedge:
        hedge = _Hedge(_hedge_id(items))
        hedge.token = items[0]
        return hedge

    def hedged(self, items: list[_Hedge]) -> _Hedge:
        return items[0]

    def seek_what(self, items: list[Token]) -> _SeekWhat:
        return _SeekWhat(str(items[0]))

    # -- quantities -------------------------------------------------------------------------
    def at_least(self, items: list[Token]) -> _Quantity:
        return _Quantity(("at_least", _number(items[0])))

    def at_most(self, items: list[Token]) -> _Quantity:
        return _Quantity(("at_most", _number(items[0])))

    def exactly(self, items: list[Token]) -> _Quantity:
        return _Quantity(("exactly", _number(items[0])))

    def up_to(self, items: list[Token]) -> _Quantity:
        return _Quantity(("up_to", _number(items[0])))

    # -- qualifiers -------------------------------------------------------------------
    def __default__(self, data: Any, children: list[Any], meta: Any) -> Any:
        kind = str(data)
        if kind.startswith("__"):
            # lark's own helper rules for `x*` are inlined into their parent by the tree
            # builder, which expects a Tree here
            return Tree(kind, children)
        if kind in _QUALIFIERS_WITH_NAMES:
            return Qualifier(kind, _names(children))
        raise AssertionError(f"grammar rule without a builder: {kind}")  # pragma: no cover

    def if_(self, items: list[CondNode]) -> Qualifier:
        return _conditional("if", items[0])

    def when(self, items: list[CondNode]) -> Qualifier:
        return _conditional("when", items[0])

    def unless(self, items: list[CondNode]) -> Qualifier:
        return _conditional("unless", items[0])

    def where(self, items: list[CondNode]) -> Qualifier:
        return _conditional("where", items[0])

    def in_form(self, items: list[Token]) -> Qualifier:
        return Qualifier("manner", value=f"{items[0]}_form")

    def manner_word(self, items: list[Token]) -> str:
        return str(items[0])

    def manner(self, items: list[str]) -> Qualifier:
        return Qualifier("manner", value=items[0])

    def in_manner(self, items: list[Token]) -> Qualifier:
        # `in independent manner`: the manner's id is the name (the vocabulary gives its
        # meaning and its English; an undeclared one is reported by VOC002)
        return Qualifier("manner", value=str(items[0]))

    # -- a hedged deadline: `normally by end of april` hedges the deadline, not the duty ----
    def hedged_by(self, items: list[Any]) -> Qualifier:
        return replace(self.by(items[1:]), hedge=str(items[0]))

    def hedged_before(self, items: list[Any]) -> Qualifier:
        return replace(self.before(items[1:]), hedge=str(items[0]))

    def hedged_within(self, items: list[Any]) -> Qualifier:
        return replace(self.within(items[1:]), hedge=str(items[0]))

    def hedged_within_anchor(self, items: list[Any]) -> Qualifier | _Quals:
        made = self.within_anchor(items[1:])
        if isinstance(made, _Quals):
            within, step = made
            return _Quals((replace(within, hedge=str(items[0])), step))
        return replace(made, hedge=str(items[0]))

    def not_before(self, items: list[TimePoint]) -> Qualifier:
        return Qualifier("not_before", value=items[0].text, point=items[0])

    def within_anchor(self, items: list[Any]) -> Qualifier | _Quals:
        n, unit, anchor = _number(items[0]), str(items[1]), items[2]
        amount = (n, _UNITS.get(unit, unit))
        if isinstance(anchor, _Step):
            actors, verb, objects = anchor
            words = " ".join([*(r.text for r in actors), verb, *(r.text for r in objects)])
            within = Qualifier("within", value=f"{n} {unit} after {words}", amount=amount,
                               point=TimePoint("event", None, None, words))
            # the step is also an `after` qualifier: the order of steps is read from those
            return _Quals((within, Qualifier("after", actors, value=verb, objects=objects)))
        return Qualifier("within", value=f"{n} {unit} after {anchor.text}", amount=amount, point=anchor)

    def every(self, items: list[Any]) -> Qualifier:
        n = _number(items[0]) if len(items) > 1 else 1
        unit = str(items[-1])
        return Qualifier("recurrence", value=f"every {n} {unit}" if len(items) > 1 else f"every {unit}",
                         recurrence=Recurrence(n, _UNITS.get(unit, unit)))

    def at_least_every(self, items: list[Any]) -> Qualifier:
        n = _number(items[0]) if len(items) > 1 else 1
        unit = str(items[-1])
        every = f"every {n} {unit}" if len(items) > 1 else f"every {unit}"
        return Qualifier("recurrence", value=f"at least once {every}",
                         recurrence=Recurrence(n, _UNITS.get(unit, unit), at_least=True))

    def term(self, items: list[Any]) -> Qualifier:
        n, unit = _number(items[0]), str(items[1])
        renewals = int(items[2]) if len(items) > 2 else None
        text = f"up to {n} {unit}"
        if renewals is not None:
            text += {1: ", renewable once", -1: ", renewable"}.get(renewals, f", renewable {renewals} times")
        return Qualifier("term", value=text, amount=(n, _UNITS.get(unit, unit)),
                         term=Term(n, _UNITS.get(unit, unit), renewals))

    def above(self, items: list[Token]) -> Qualifier:
        return Qualifier("threshold", value=f"above {items[0]}", band=Band(low=_money(items[0])))

    def below(self, items: list[Token]) -> Qualifier:
        return Qualifier("threshold", value=f"below {items[0]}",
                         band=Band(high=_money(items[0]), high_inclusive=False))

    def up_to_money(self, items: list[Token]) -> Qualifier:
        return Qualifier("threshold", value=f"up to {items[0]}", band=Band(high=_money(items[0])))

    def between(self, items: list[Token]) -> Qualifier:
        low, high = _money(items[0]), _money(items[1])
        if low >= high:
            raise _BadValue(items[1], f"the band between {items[0]} and {items[1]} is empty; "
                            "write the lower amount first")
        return Qualifier("threshold", value=f"between {items[0]} and {items[1]}",
                         band=Band(low, high, low_inclusive=True, high_inclusive=True))

    def after(self, items: list[Any]) -> Qualifier:
        lists = _name_lists(items)
        verb = next(str(item) for item in items if isinstance(item, Token))
        return Qualifier("after", lists[0], value=verb, objects=lists[1] if len(lists) > 1 else ())

    # -- purpose, means, examples: qualifiers that oblige nothing of their own ----------------
    def purpose(self, items: list[Any]) -> Qualifier:
        lists = _name_lists(items)
        return Qualifier("purpose", value=str(items[0]), objects=lists[0] if lists else ())

    def purpose_outcome(self, items: list[CondNode]) -> Qualifier:
        return _conditional("purpose", items[0])

    def means_act(self, items: list[Any]) -> Qualifier:
        lists = _name_lists(items)
        return Qualifier("means", value=str(items[0]), objects=lists[0] if lists else ())

    def hedged_means(self, items: list[Any]) -> _HedgedQual:
        return _HedgedQual((items[0], self.means(items[1:])))

    def hedged_means_act(self, items: list[Any]) -> _HedgedQual:
        return _HedgedQual((items[0], self.means_act(items[1:])))

    def hedged_mutual_agreement(self, items: list[Any]) -> _HedgedQual:
        return _HedgedQual((items[0], Qualifier("mutual_agreement", _names(items[1:]))))

    def means(self, items: list[Any]) -> Qualifier:
        return Qualifier("means", _names(items))

    def in_writing(self, _: list[Any]) -> Qualifier:
        return Qualifier("in_writing")

    def annually(self, _: list[Any]) -> Qualifier:
        return Qualifier("annually", recurrence=Recurrence(1, "years"))

    def frequency_word(self, items: list[Token]) -> str:
        return str(items[0])

    def frequency(self, items: list[str]) -> Qualifier:
        return Qualifier("frequency", value=items[0], recurrence=_FREQUENCIES.get(items[0]))

    def asap(self, _: list[Any]) -> Qualifier:
        return Qualifier("asap", value="as soon as possible")

    def by(self, items: list[TimePoint]) -> Qualifier:
        return Qualifier("by", value=items[0].text, point=items[0])

    def before(self, items: list[TimePoint]) -> Qualifier:
        return Qualifier("before", value=items[0].text, point=items[0])

    def within(self, items: list[Any]) -> Qualifier:
        n, unit = _number(items[0]), str(items[1])
        return Qualifier("within", value=f"{items[0]} {unit}", amount=(n, _UNITS.get(unit, unit)))

    # -- statements -------------------------------------------------------------------
    def _make(self, kind: str, items: list[Any], **fields: Any) -> Statement:
        lists = _name_lists(items)
        quals = _qualifiers(items)
        modality = next((item for item in items if isinstance(item, str) and item in _MODALITIES
                         and not isinstance(item, _Action | _Hedge | _Exclusive | _SeekWhat)), None)
        exclusive = next((str(item) for item in items if isinstance(item, _Exclusive)), None)
        if isinstance(modality, _Modal) and modality.exclusive:
            exclusive = modality.exclusive
        hedges = _hedges(items)
        for other in hedges[1:]:
            if other != hedges[0]:
                raise _BadValue(other.token, f"the rule is hedged twice ({_hedge_words(hedges[0])} "
                                f"and {_hedge_words(other)}); keep the one the text says")
        quantity = next((tuple(item) for item in items if isinstance(item, _Quantity)), None)
        first = lists[0][0] if lists else None
        line = fields.pop("line", first.line if first else 1)
        column = fields.pop("column", first.column if first else 1)
        return self._new(kind, line, column, subjects=lists[0] if lists else (),
                         modality=str(modality) if modality else None, qualifiers=quals,
                         hedge=str(hedges[0]) if hedges else None, exclusive=exclusive,
                         quantity=quantity, **fields)

    def start(self, items: list[Statement]) -> Statement:
        return items[0]

    def statement(self, items: list[Statement]) -> Statement:
        if self.places:
            self.placed += 1
        return items[0]

    def block(self, items: list[Statement]) -> list[Statement]:
        return items

    def sentence(self, items: list[Token]) -> Statement:
        tok = items[0]
        occurrence = None
        if len(items) > 1:
            digits = str(items[1])
            if len(digits.lstrip("0")) > _MAX_OCCURRENCE_DIGITS:
                raise _BadValue(items[1], f"the occurrence number ({_quote(digits)[1:-1]}) is too large; "
                                "it counts the sentences of the clause that hold the quote (1, 2, ...)")
            occurrence = int(digits)
        return self._new("sentence", self._line(tok), tok.column or 1, text=str(tok)[1:-1],
                         occurrence=occurrence)

    def informal(self, items: list[Token]) -> Statement:
        tok = items[0]
        return self._new("informal", self._line(tok), tok.column or 1, text=str(tok)[1:-1])

    def acknowledge(self, items: list[Any]) -> Statement:
        code = items[0]
        lists = _name_lists(items)
        reason = str(items[-1])[1:-1]
        return self._new("acknowledge", self._line(code), code.column or 1,
                         objects=lists[0] if lists else (), text=reason, code=str(code))

    def explain(self, items: list[Any]) -> Statement:
        code, element, reason = items[0], items[1], items[2]
        return self._new("explain", self._line(code), code.column or 1, text=str(reason)[1:-1],
                         code=str(code), element=str(element))

    def obligation(self, items: list[Any]) -> Statement:
        lists = _name_lists(items)
        act = next(item for item in items if isinstance(item, _Action))
        return self._make("obligation", items, action=str(act), alternatives=act.alternatives,
                          objects=lists[1] if len(lists) > 1 else ())

    def seeking(self, items: list[Any]) -> Statement:
        verb = next(item for item in items if isinstance(item, Token) and item.type == "NAME")
        what = next(item for item in items if isinstance(item, _SeekWhat))
        if str(verb) != "seek":
            raise _BadValue(verb, f"unexpected {_quote(str(verb))} before '{what} of'; write "
                            f"`must seek {what} of <actor>` (the verb is `seek`)")
        lists = _name_lists(items)
        # `for <objects>`: what the approval is sought for (written as a scope qualifier)
        scope = next((q for q in _qualifiers(items) if q.kind == "scope"), None)
        rest = [item for item in items if item is not scope]
        return self._make("obligation", rest, action=f"seek_{what}", counterparts=lists[1],
                          objects=scope.names if scope else ())

    def dotted_line(self, items: list[Any]) -> Statement:
        lists = _name_lists(items)
        return self._make("reporting", items, objects=lists[1], dotted=True)

    def jurisdiction(self, items: list[Any]) -> Statement:
        return self._relation("jurisdiction", items)

    def authority_action(self, items: list[Any]) -> _AuthorityAction:
        lists = _name_lists(items)
        return _AuthorityAction((str(items[0]), lists[0] if lists else ()))

    def delegated_authority(self, items: list[Any]) -> Statement:
        what = next((item for item in items if isinstance(item, _AuthorityAction)), None)
        return self._make("delegated_authority", items, action=what[0] if what else None,
                          objects=what[1] if what else ())

    def _relation(self, kind: str, items: list[Any]) -> Statement:
        lists = _name_lists(items)
        return self._make(kind, items, objects=lists[1] if len(lists) > 1 else (),
                               counterparts=lists[2] if len(lists) > 2 else ())

    def responsibility(self, items: list[Any]) -> Statement:
        return self._relation("responsibility", items)

    def accountability(self, items: list[Any]) -> Statement:
        return self._relation("accountability", items)

    def reporting(self, items: list[Any]) -> Statement:
        return self._relation("reporting", items)

    def line_management(self, items: list[Any]) -> Statement:
        return self._relation("line_management", items)

    def chairing(self, items: list[Any]) -> Statement:
        return self._relation("chairing", items)

    def membership(self, items: list[Any]) -> Statement:
        return self._relation("membership", items)

    def appointment(self, items: list[Any]) -> Statement:
        return self._relation("appointment", items)

    def holding(self, items: list[Any]) -> Statement:
        return self._relation("holding", items)

    def advice(self, items: list[Any]) -> Statement:
        return self._relation("advice", items)

    def supervision(self, items: list[Any]) -> Statement:
        return self._relation("supervision", items)

    def delegation(self, items: list[Any]) -> Statement:
        verb = next(item for item in items if isinstance(item, str) and not isinstance(item, _Hedge | _Modal)
                    and item in ("delegate", "sub-delegate"))
        action, obj = next(item for item in items if isinstance(item, tuple) and len(item) == 2
                           and isinstance(item[1], NameRef) and not isinstance(item[0], NameRef))
        lists = _name_lists(items)
        return self._make("delegation", items, action=action, objects=(obj,),
                               counterparts=lists[1], sub_delegation=verb == "sub-delegate")

    def delegates(self, items: list[Any]) -> Statement:
        action, obj = next(item for item in items if isinstance(item, tuple) and len(item) == 2
                           and isinstance(item[1], NameRef) and not isinstance(item[0], NameRef))
        lists = _name_lists(items)
        return self._new("delegates", lists[0][0].line, lists[0][0].column, subjects=lists[0],
                         action=action, objects=(obj,), counterparts=lists[1],
                         qualifiers=_qualifiers(items),
                         hedge=next((str(item) for item in _hedges(items)), None))

    def amendment(self, items: list[Any]) -> Statement:
        lists = _name_lists(items)
        # the parts come first, the approvers second; the statement has no bearer
        return self._new("amendment", lists[0][0].line, lists[0][0].column,
                         objects=lists[0], counterparts=lists[1],
                         qualifiers=_qualifiers(items))


def _qualifiers(items: list[Any]) -> tuple[Qualifier, ...]:
    out: list[Qualifier] = []
    for item in items:
        if isinstance(item, Qualifier):
            out.append(item)
        elif isinstance(item, _Quals):
            out.extend(item)
        elif isinstance(item, _HedgedQual):
            out.append(item[1])
    return tuple(out)


def _hedges(items: list[Any]) -> list[_Hedge]:
    """The rule's hedges, in order: written alone, or before a qualifier (`normally by means of`)."""
    return [item if isinstance(item, _Hedge) else item[0] for item in items
            if isinstance(item, _Hedge) or isinstance(item, _HedgedQual)]


def _chain(op: str, items: list[CondNode]) -> CondNode:
    args: list[CondNode] = []
    for item in items:
        args.extend(item.args if item.op == op else (item,))
    return _nested(CondNode(op, args=tuple(args)))


# A condition nested deeper than this is no sentence of any document, and every later stage
# (resolving, printing, the checks' solver) walks it recursively.
MAX_CONDITION_DEPTH = 40


def _nested(node: CondNode) -> CondNode:
    first = node.args[0]
    depth = 1 + max(arg.depth for arg in node.args)
    if depth > MAX_CONDITION_DEPTH:
        # (a token-less place: the first atom of the condition, in the parsed text's lines)
        tok = Token("NAME", "", line=first.line, column=first.column)
        raise _BadValue(tok, f"the condition is nested more than {MAX_CONDITION_DEPTH} levels deep "
                        "(brackets and `not`s); write it more simply, or declare its parts as "
                        "conditions")
    return replace(node, depth=depth, line=first.line, column=first.column)


def _conditional(kind: str, node: CondNode) -> Qualifier:
    if node.op == "atom":
        value = node.name.text if node.name else node.text or ""
    else:
        value = str(node)
    return Qualifier(kind, value=value, cond=node)


_HEDGE_IDS = {"normally": "normally", "principle": "in_principle", "exceptionally": "exceptionally",
              "appropriate": "as_appropriate", "necessary": "where_necessary", "time": "from_time_to_time",
              "far": "as_far_as_possible"}


def _hedge_id(tokens: list[Token]) -> str:
    words = [str(tok) for tok in tokens]
    return next(_HEDGE_IDS[w] for w in words if w in _HEDGE_IDS)


def _hedge_words(hedge: str) -> str:
    return f"'{hedge.replace('_', ' ')}'"


_BUILDER = _Build()


# The basic lexer reserves the keywords everywhere.  The contextual lexer (a little faster)
# would read a keyword as a name wherever a name may stand, so that `may delegate to x`
# would delegate an object called 'to' instead of reporting the missing object.
_OPTIONS: dict[str, Any] = {"parser": "lalr", "lexer": "basic", "maybe_placeholders": False,
                            "start": ["start", "block"]}


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    """The compiled grammar, its parse tables read from the cache when they were built before
    (compiling takes about a tenth of a second: a sixth of checking a document of NOMS's size).

    The tables are lark's own serialisation (`memo_serialize`, plain lists, dicts and strings)
    kept in checker/cache.py's JSON format, keyed by the grammar's text, lark's version and
    the options; a damaged or stale entry is ignored and the grammar compiled again."""
    import lark

    from checker import cache

    text = grammar_file().read_text(encoding="utf-8")
    name = cache.key("grammar", text, lark.__version__, repr(sorted(_OPTIONS.items())))
    stored = cache.read(name)
    if isinstance(stored, dict) and set(stored) == {"data", "memo"}:
        try:
            return Lark.__new__(Lark)._load(stored, transformer=_BUILDER)
        except Exception:  # noqa: BLE001 - an entry lark cannot read is stale: compile instead
            pass
    parser = Lark(text, transformer=_BUILDER, cache=False, **_OPTIONS)
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    data, memo = parser.memo_serialize([TerminalDef, Rule])
    # the transformer is given again on loading (as lark's own cache does)
    data["options"] = {k: v for k, v in data["options"].items() if k != "transformer"}
    cache.write(name, {"data": data, "memo": memo})  # (not written if the format cannot hold it)
    return parser


@functools.lru_cache(maxsize=1)
def _fast_parser() -> Lark:
    """The parser, its keywords told from names by a table (built once, shared by forks)."""
    parser = _parser()
    _keywords_by_table(parser)
    return parser


def _keywords_by_table(parser: Lark) -> None:
    """Tell keywords from names by a table lookup.

    lark reads a keyword as a NAME first, then matches the word against one alternation of
    every keyword (several, past Python's 100 groups): with the hundred and more keywords of
    the language that was a third of the parse time.  The keywords are plain strings, so a
    dictionary gives the same answer."""
    from lark.lexer import BasicLexer, UnlessCallback

    lexer = getattr(parser.parser, "lexer", None)
    if not isinstance(lexer, BasicLexer):  # pragma: no cover - the grammar is built with lexer="basic"
        return
    lexer.scanner  # noqa: B018 - builds the callbacks
    for terminal, callback in list(lexer.callback.items()):
        if not isinstance(callback, UnlessCallback):
            continue
        words = {t.pattern.value: t.name for t in callback.scanner.terminals
                 if t.pattern.type == "str" and not t.pattern.flags}
        if len(words) != len(callback.scanner.terminals):  # pragma: no cover - a flagged keyword
            continue

        def retype(tok: Token, words: dict[str, str] = words) -> Token:
            kind = words.get(tok.value)
            if kind is not None:
                tok.type = kind
            return tok

        lexer.callback[terminal] = retype


@functools.lru_cache(maxsize=1)
def keywords() -> frozenset[str]:
    """Every reserved word of the language (for suggestions and the reference page)."""
    words = set()
    for term in _parser().terminals:
        pattern = term.pattern
        if pattern.type == "str" and pattern.value.replace("-", "").isalpha():
            words.add(pattern.value)
    return frozenset(words)


_TERMINAL_WORDS = {
    "NAME": "a name (an actor, office or object id)",
    "STRING": "a quoted text",
    "CODE": "a check code such as CON001",
    "DATE": "a date (YYYY-MM-DD)",
    "INT": "a number",
    "MONEY": "an amount in pounds (£50,000, £5m)",
    "$END": "the end of the statement",
    "COLON": "':'",
    "COMMA": "','",
    "LPAR": "'('",
    "RPAR": "')'",
}


# Where many keywords may come, they are named as a group, in the grammar's order, so that the
# message shows all of them ('must' included) instead of the first few alphabetically.  The
# groups are read from the grammar: the words that start a modality, a relation (the word after
# the bearer in a statement that is not an obligation) and a qualifier.
@functools.lru_cache(maxsize=1)
def _groups() -> tuple[tuple[str, tuple[str, ...], int], ...]:
    parser = _parser()
    by_origin: dict[str, list[list[Any]]] = {}
    for rule in parser.rules:
        by_origin.setdefault(rule.origin.name, []).append(list(rule.expansion))

    def first(symbol: Any, seen: frozenset[str] = frozenset()) -> list[str]:
        if symbol.is_term:
            term = parser.get_terminal(symbol.name)
            return [term.pattern.value] if term.pattern.type == "str" else []
        if symbol.name in seen:
            return []
        out: list[str] = []
        for expansion in by_origin.get(symbol.name, []):
            if expansion:
                out += [w for w in first(expansion[0], seen | {symbol.name}) if w not in out]
        return out

    def firsts(name: str) -> list[str]:
        out: list[str] = []
        for expansion in by_origin.get(name, []):
            out += [w for w in first(expansion[0]) if w not in out] if expansion else []
        return out

    # `alone` stands before a modality (`hm_treasury alone has power to ...`)
    modality = firsts("modality") + firsts("exclusive")
    relation: list[str] = []
    for statement in by_origin.get("statement", []):
        for expansion in by_origin.get(statement[0].name, []):
            if len(expansion) > 1 and not expansion[0].is_term and expansion[0].name == "names":
                relation += [w for w in first(expansion[1]) if w not in relation and w not in modality]
    hedges = firsts("hedge")
    return (("a modality", tuple(modality), len(modality)),
            ("a relation", tuple(relation), 5),
            ("a hedge", tuple(hedges), len(hedges)),
            ("a qualifier", tuple(firsts("qualifier")), 5))


# how a keyword that starts a longer phrase is shown in a message
_SHOWN = {("", "line"): "line manages", ("", "need"): "need not", ("a hedge", "in"): "in principle",
          ("a hedge", "as"): "as appropriate", ("a hedge", "where"): "where necessary",
          ("a hedge", "from"): "from time to time"}


def _expected_words(expected: set[str], parser: Lark) -> set[str]:
    """The keywords among the expected terminals."""
    return {parser.get_terminal(name).pattern.value for name in expected if _is_keyword(name, parser)}


def _describe(expected: set[str], parser: Lark) -> list[str]:
    # ";" only separates statements in the loader's whole-block parse: never a user's choice
    expected = {name for name in expected if name != "SEMICOLON"}
    words = _expected_words(expected, parser)
    groups = []
    if "NAME" in expected:  # the reserved bearer is one of the names
        words.discard("unnamed")
    grouped: set[str] = set()
    for label, members, least in _groups():
        # (a word may start several things: `in` a hedge and a qualifier)
        present = [w for w in members if w in words]
        if len(present) >= least:
            shown = [_SHOWN.get((label, w), _SHOWN.get(("", w), w)) for w in present]
            groups.append(f"{label} ({', '.join(shown)})")
            grouped |= set(present)
    words -= grouped
    out = {f"'{w}'" for w in words}
    for name in expected:
        if name in _TERMINAL_WORDS:
            out.add(_TERMINAL_WORDS[name])
        elif not _is_keyword(name, parser):
            out.add(name.lower())
    return groups + sorted(out)


def _is_keyword(name: str, parser: Lark) -> bool:
    try:
        return parser.get_terminal(name).pattern.type == "str" and name not in _TERMINAL_WORDS
    except KeyError:
        return False


def _error_message(err: UnexpectedInput, text: str, parser: Lark) -> str:
    if isinstance(err, UnexpectedToken):
        expected = _describe(set(err.expected), parser)
        tok = err.token
        if tok.type == "SEMICOLON":
            return "unexpected ';'; the rules language has no separators: write one statement a line"
        if tok.type == "$END":
            message = "the statement ends too early; expected " + _join(expected)
        else:
            message = f"unexpected {_quote(str(tok))}; expected " + _join(expected)
        before = text[:tok.start_pos].split()[-1:] if tok.start_pos else []
        if "NAME" in err.expected and str(tok) in keywords() and before and \
                before[0].lstrip("(") in ("if", "when", "unless", "where", "not", "and", "or", ""):
            # a condition named by a keyword (`if final`): say so, or the author cannot see why
            message += (f"; {_quote(str(tok))} is a reserved word of the rules language and cannot be "
                        f"used as a name (an actor, object or condition id): rename it, for example "
                        f"'{tok}_{'decision' if str(tok) != 'decision' else 'item'}'")
        if tok.type == "NAME":
            words = sorted(_expected_words(set(err.expected), parser))
            message += did_you_mean(str(tok), words, cutoff=0.6)
        return message
    if isinstance(err, UnexpectedCharacters):
        pos = err.pos_in_stream if err.pos_in_stream is not None else len(text)
        char = text[pos] if 0 <= pos < len(text) else ""
        hint = ""
        if not char:
            pass
        elif char.isupper():
            hint = " (names are lowercase words joined by '_', such as permanent_secretary)"
        elif char in "\u201c\u201d\u2018\u2019":
            hint = " (quote with straight quotes \" or ')"
        elif char in "\"'":
            hint = " (a quoted text must end with the same quote on the same line)"
        elif char == "£":
            hint = " (an amount is £ then digits, with commas between thousands and k, m or bn " \
                "for thousands, millions or billions: £50,000, £5m)"
        return f"unexpected character {char!r}{hint}"
    if isinstance(err, UnexpectedEOF):
        return "the statement ends too early; expected " + _join(_describe(set(err.expected), parser))
    return str(err)  # pragma: no cover


def _quote(text: str) -> str:
    """Quote a word of the source for a message, shortening a very long one."""
    if len(text) > 60:
        text = text[:57] + "..."
    return f'"{text}"' if "'" in text and '"' not in text else f"'{text}'"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items) or "nothing"
    return ", ".join(items[:-1]) + " or " + items[-1]


def parse_statement(text: str) -> Statement:
    """Parse one statement; raises lark's UnexpectedInput on a syntax error."""
    _BUILDER.source = " ".join(text.split())
    result: Statement = _fast_parser().parse(text, start="start")  # type: ignore[assignment]
    return result


def _parse_block(raws: list[RawStatement]) -> list[Statement] | None:
    """Every statement of a block in one parse (about twice as fast as one parse a statement);
    None on any syntax error, so that the caller parses statement by statement and reports
    each error precisely."""
    texts: list[str] = []
    lines = [0]  # joined-text line -> block line (index 0 unused: lark counts from 1)
    for raw in raws:
        texts.append(raw.text)
        lines.extend(range(raw.line, raw.line + raw.text.count("\n") + 1))
        lines.append(raw.line)  # the ";" line after it
    _BUILDER.source = ""
    _BUILDER.lines = lines  # names are placed on the block's lines as they are built
    _BUILDER.places = [(raw.line, len(raw.text) - len(raw.text.lstrip(" \t")) + 1, " ".join(raw.text.split()))
                       for raw in raws]
    _BUILDER.placed = 0
    try:
        parsed: list[Statement] = _fast_parser().parse("\n;\n".join(texts), start="block")  # type: ignore[assignment]
    except (UnexpectedInput, _BadValue):
        return None
    finally:
        _BUILDER.lines, _BUILDER.places = [], []
    if len(parsed) != len(raws):  # a ";" written in the rules themselves
        return None
    return parsed


def parse_rules(block: str) -> tuple[list[Statement], list[DslError]]:
    """Parse a whole rules block; statements and errors carry lines within the block."""
    return _parse_raws(split_statements(block))


def _parse_raws(raws: list[RawStatement]) -> tuple[list[Statement], list[DslError]]:
    """Parse statements of one block (all of them, or a run of them: each carries its line)."""
    statements: list[Statement] = []
    errors: list[DslError] = []
    parser = _parser()
    # a ";" written in the rules would shift the whole-block parse's statements against their
    # places: such a block is parsed statement by statement, which reports the ";"
    fast = _parse_block(raws) if raws and not any(";" in raw.text for raw in raws) else \
        None if raws else []
    if fast is not None:
        return fast, errors
    for raw in raws:
        offset = raw.line - 1
        try:
            stmt = parse_statement(raw.text)
        except _BadValue as bad:
            errors.append(DslError(bad.line + offset, bad.column, bad.message))
            continue
        except UnexpectedInput as err:
            # lark uses -1 for "no position" (UnexpectedEOF)
            line = max(getattr(err, "line", 1) or 1, 1)
            column = max(getattr(err, "column", 1) or 1, 1)
            if isinstance(err, UnexpectedToken) and err.token.type == "$END":
                # the end: just after the last word (lark lends $END the last token's place)
                tok = err.token
                if tok.end_line and tok.end_column:
                    line, column = tok.end_line, tok.end_column
                else:
                    lines = raw.text.split("\n")
                    line, column = len(lines), len(lines[-1].rstrip()) + 1
            errors.append(DslError(line + offset, column, _error_message(err, raw.text, parser)))
            continue
        # a statement is placed where its first word stands
        column = len(raw.text) - len(raw.text.lstrip(" \t")) + 1
        statements.append(_shift(replace(stmt, line=1, column=column), offset))
    return statements, errors


def _shift(stmt: Statement, offset: int) -> Statement:
    if offset == 0:
        return stmt

    def move(refs: tuple[NameRef, ...]) -> tuple[NameRef, ...]:
        return tuple(NameRef(r.text, r.line + offset, r.column) for r in refs)

    def move_cond(node: CondNode | None) -> CondNode | None:
        if node is None:
            return None
        name = NameRef(node.name.text, node.name.line + offset, node.name.column) if node.name else None
        return replace(node, name=name, line=node.line + offset,
                       args=tuple(move_cond(a) for a in node.args))  # type: ignore[misc]

    quals = tuple(
        replace(q, names=move(q.names), objects=move(q.objects), cond=move_cond(q.cond))
        for q in stmt.qualifiers
    )
    return replace(stmt, line=stmt.line + offset, subjects=move(stmt.subjects),
                   objects=move(stmt.objects), counterparts=move(stmt.counterparts), qualifiers=quals)


# Below this many characters of rules, a process pool costs more than it saves.
PARALLEL_THRESHOLD = 400_000


def _workers() -> int:
    """How many processes parse: one unless FWDOC_JOBS asks for more.  Measured (issue 14):
    a fork pool saves a tenth on an idle two-core machine and costs 1.8x when the other core
    is busy, and a CI runner's second core is not guaranteed; so the default is one."""
    import os

    try:
        asked = int(os.environ.get("FWDOC_JOBS", "1"))
    except ValueError:
        return 1
    return max(1, min(asked, os.cpu_count() or 1, 8))


def parse_many(blocks: list[str]) -> list[tuple[list[Statement], list[DslError]]]:
    """Parse many rules blocks, in order.

    A block parsed before (the same text, the same grammar, the same fwdoc) is read from the
    cache (checker/cache.py) instead: entries keyed by the block's SHA-256, in buckets by the
    hash's first byte, so that editing one clause rewrites one bucket."""
    from checker import cache

    out: list[tuple[list[Statement], list[DslError]] | None] = [None] * len(blocks)
    where = cache.folder()
    hashes: list[str] = []
    buckets: dict[str, list[int]] = {}
    stored: dict[str, dict[Any, Any]] = {}
    if where is not None and blocks:
        import hashlib

        hashes = [hashlib.sha256(block.encode("utf-8", "surrogatepass")).hexdigest() for block in blocks]
        for index, digest in enumerate(hashes):
            buckets.setdefault(digest[:_BUCKET_CHARS], []).append(index)
        grammar = _grammar_key()
        for bucket, indices in buckets.items():
            found = cache.read(cache.key("rules", grammar, bucket), where)
            entries = found if isinstance(found, dict) else {}
            stored[bucket] = entries
            for index in indices:
                entry = entries.get(hashes[index])
                if entry is not None and _well_formed(entry):
                    out[index] = (list(entry[0]), list(entry[1]))
    missing = [index for index, result in enumerate(out) if result is None]
    parsed = _parse_all([blocks[index] for index in missing])
    for index, result in zip(missing, parsed, strict=True):
        out[index] = result
    if where is not None and missing:
        grammar = _grammar_key()
        for bucket in sorted({hashes[index][:_BUCKET_CHARS] for index in missing}):
            current = {hashes[i]: (out[i][0], out[i][1]) for i in buckets[bucket]}  # type: ignore[index]
            old = stored.get(bucket, {})
            # entries of other documents (or older texts) are kept while the bucket stays small
            kept = {k: v for k, v in old.items() if k not in current} if len(old) < 4 * len(current) + 64 else {}
            cache.write(cache.key("rules", grammar, bucket), kept | current, where)
    return [result for result in out if result is not None]


_BUCKET_CHARS = 2  # 256 buckets


def _well_formed(entry: Any) -> bool:
    return (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], tuple | list)
            and isinstance(entry[1], tuple | list)
            and all(isinstance(s, Statement) for s in entry[0]) and all(isinstance(e, DslError) for e in entry[1]))


@functools.lru_cache(maxsize=1)
def _grammar_key() -> str:
    import lark

    from checker import cache, model
    from checker.dsl import ast

    # what a parsed statement may hold: the parser's records and the model's values
    classes = [*cache.record_module(ast), *cache.record_module(model), cache.record(DslError)]
    shapes = cache.shapes(classes)
    return cache.key(grammar_file().read_text(encoding="utf-8"), lark.__version__, shapes)


def _parse_all(blocks: list[str]) -> list[tuple[list[Statement], list[DslError]]]:
    """Parse rules blocks in this process, or on FWDOC_JOBS processes for a large document
    (fork start, so the compiled grammar is shared, never rebuilt)."""
    import multiprocessing

    workers = _workers()
    if workers < 2 or sum(map(len, blocks)) < PARALLEL_THRESHOLD or \
            "fork" not in multiprocessing.get_all_start_methods():
        return [parse_rules(block) for block in blocks]
    from concurrent.futures import ProcessPoolExecutor

    _parser()  # build it before the fork
    # the work goes out in runs of statements, not whole blocks, so that one huge block (a
    # clause with tens of thousands of rules) is shared among the workers too
    runs: list[tuple[int, list[RawStatement]]] = []
    for number, block in enumerate(blocks):
        raws = split_statements(block)
        runs.extend((number, raws[start:start + _RUN]) for start in range(0, len(raws), _RUN))
    chunk = max(1, len(runs) // (workers * 8))
    out: list[tuple[list[Statement], list[DslError]]] = [([], []) for _ in blocks]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        parsed = pool.map(_parse_raws, [raws for _, raws in runs], chunksize=chunk)
        for (number, _), (statements, errors) in zip(runs, parsed, strict=True):
            out[number][0].extend(statements)
            out[number][1].extend(errors)
    return out


_RUN = 500  # statements a worker parses at a time
