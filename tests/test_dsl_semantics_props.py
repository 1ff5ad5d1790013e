"""Property tests of issue 12's constructs: generated statements that use them parse to the
fields they were generated from, whatever their order, line breaks and combination; a
condition printed back as source parses to the same tree; any amount written in pounds reads
back as its value; any point of any financial year has the date the calendar gives it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.dsl.ast import CondNode
from checker.dsl.parser import money, parse_rules
from checker.model import MONTH_NAMES, Band, Recurrence, Term, TimePoint, point_date

NAMES = st.sampled_from(["alpha", "beta_one", "gamma.delta", "x1", "agency-board", "corporate_plan"])
# the verbs of purposes and means (`in order to ensure ...`, `by way of give ...`)
VERBS = st.sampled_from(["ensure", "reduce", "give", "comply_with", "support"])
UNITS = {"day": "days", "week": "weeks", "month": "months", "quarter": "quarters", "year": "years"}


@dataclass
class Expect:
    """What a generated piece of a statement must parse to."""

    text: str
    kinds: list[str] = field(default_factory=list)
    checks: list[tuple[str, Any]] = field(default_factory=list)  # (qualifier kind, value)


def _name_list(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


# -- conditions ----------------------------------------------------------------------------------
_QUOTED = st.text(st.characters(whitelist_categories=("L", "N", "Zs"), max_codepoint=0x24F),
                  min_size=1, max_size=12).filter(lambda t: t.strip() != "")
_ATOMS = st.one_of(NAMES.map(lambda n: ("name", n)), _QUOTED.map(lambda t: ("text", t)))
CONDS: st.SearchStrategy[Any] = st.recursive(
    _ATOMS,
    lambda inner: st.one_of(
        inner.map(lambda c: ("not", c)),
        st.tuples(st.sampled_from(["and", "or"]), st.lists(inner, min_size=2, max_size=3)),
    ),
    max_leaves=6,
)


def cond_source(tree: Any) -> str:
    kind = tree[0]
    if kind == "name":
        return str(tree[1])
    if kind == "text":
        return f'"{tree[1]}"'
    if kind == "not":
        return f"not {cond_source(tree[1])}"
    return "(" + f" {kind} ".join(cond_source(arg) for arg in tree[1]) + ")"


def cond_node(tree: Any) -> Any:
    """The tree as the parser builds it (names compared by text; nested same-op chains flat)."""
    kind = tree[0]
    if kind == "name":
        return ("atom", tree[1])
    if kind == "text":
        return ("atom", '"' + tree[1] + '"')
    if kind == "not":
        return ("not", cond_node(tree[1]))
    args: list[Any] = []
    for arg in tree[1]:
        node = cond_node(arg)
        args.extend(node[1] if node[0] == kind else [node])
    return (kind, tuple(args))


def shape(node: CondNode) -> Any:
    if node.op == "atom":
        return ("atom", node.name.text if node.name else '"' + (node.text or "") + '"')
    if node.op == "not":
        return ("not", shape(node.args[0]))
    return (node.op, tuple(shape(arg) for arg in node.args))


# -- qualifiers ---------------------------------------------------------------------------------------
@st.composite
def points(draw: st.DrawFn) -> tuple[str, TimePoint]:
    choice = draw(st.sampled_from(["end", "start", "date", "event"]))
    if choice in ("end", "start"):
        period = draw(st.sampled_from(["financial_year", "calendar_year", "quarter", *MONTH_NAMES[:4],
                                       "corporate_plan"]))
        return f"{choice} of {period}", TimePoint(choice, period, None, f"{choice} of {period}")
    if choice == "date":
        day = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)))
        return day.isoformat(), TimePoint("date", None, day, day.isoformat())
    name = draw(NAMES)
    return name, TimePoint("event", None, None, name)


@st.composite
def amounts(draw: st.DrawFn) -> tuple[str, Decimal]:
    pounds = draw(st.integers(0, 10 ** 12))
    style = draw(st.sampled_from(["plain", "commas", "k", "m", "bn", "pence"]))
    if style == "plain":
        return f"£{pounds}", Decimal(pounds)
    if style == "commas":
        return f"£{pounds:,}", Decimal(pounds)
    if style == "pence":
        pence = draw(st.integers(0, 99))
        return f"£{pounds:,}.{pence:02d}", Decimal(f"{pounds}.{pence:02d}")
    small = pounds % 10_000
    scale = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}[style]
    return f"£{small}{style}", Decimal(small * scale)


@st.composite
def qualifiers(draw: st.DrawFn, names_: st.SearchStrategy[str] = NAMES) -> Expect:
    kind = draw(st.sampled_from(["cond", "deadline", "within", "recurrence", "term", "threshold",
                                 "manner", "collaboration", "event", "purpose", "means", "example"]))
    if kind == "purpose":  # `in order to <verb> [<names>]`, `so that <cond>`
        if draw(st.booleans()):
            tree = draw(CONDS)
            return Expect(f"so that {cond_source(tree)}", ["purpose"], [("purpose", ("cond", cond_node(tree)))])
        verb = draw(VERBS)
        names = draw(st.lists(names_, max_size=3))
        return Expect(" ".join(["in order to", verb, *([_name_list(names)] if names else [])]), ["purpose"],
                      [("purpose", ("value", verb)), ("purpose", ("objects", names))])
    if kind == "means":  # `by means of <names>`, `by way of <verb> [<names>]`
        names = draw(st.lists(names_, min_size=0 if draw(st.booleans()) else 1, max_size=3))
        if draw(st.booleans()) or not names:
            verb = draw(VERBS)
            return Expect(" ".join(["by way of", verb, *([_name_list(names)] if names else [])]), ["means"],
                          [("means", ("value", verb)), ("means", ("objects", names))])
        return Expect(f"by means of {_name_list(names)}", ["means"],
                      [("means", ("names", names)), ("means", ("value", None))])
    if kind == "example":
        lead = draw(st.sampled_from(["such as", "including"]))
        names = draw(st.lists(names_, min_size=1, max_size=3))
        return Expect(f"{lead} {_name_list(names)}", ["example"], [("example", ("names", names))])
    if kind == "cond":
        word = draw(st.sampled_from(["if", "when", "unless", "where"]))
        tree = draw(CONDS)
        return Expect(f"{word} {cond_source(tree)}", [word], [(word, ("cond", cond_node(tree)))])
    if kind == "deadline":
        lead, qual = draw(st.sampled_from([("by", "by"), ("no later than", "by"), ("before", "before"),
                                           ("not before", "not_before"),
                                           ("at the earliest", "not_before")]))
        text, point = draw(points())
        return Expect(f"{lead} {text}", [qual], [(qual, ("point", point))])
    if kind == "within":
        n = draw(st.integers(1, 999))
        unit = draw(st.sampled_from(sorted(UNITS) + sorted(UNITS.values())))
        amount = (n, UNITS.get(unit, unit))
        if draw(st.booleans()):
            text, point = draw(points())
            return Expect(f"within {n} {unit} {draw(st.sampled_from(['after', 'of']))} {text}",
                          ["within"], [("within", ("amount", amount)), ("within", ("point", point))])
        return Expect(f"within {n} {unit}", ["within"], [("within", ("amount", amount))])
    if kind == "recurrence":
        n = draw(st.integers(1, 99))
        unit = draw(st.sampled_from(sorted(UNITS.values())))
        at_least = draw(st.booleans())
        lead = "at least once every" if at_least else "every"
        return Expect(f"{lead} {n} {unit}", ["recurrence"],
                      [("recurrence", ("recurrence", Recurrence(n, unit, at_least)))])
    if kind == "term":
        n = draw(st.integers(1, 99))
        unit = draw(st.sampled_from(sorted(UNITS.values())))
        renewal, renewals = draw(st.sampled_from([("", None), (" renewable once", 1), (" renewable", -1),
                                                  (" renewable 3 times", 3)]))
        return Expect(f"for up to {n} {unit}{renewal}", ["term"],
                      [("term", ("term", Term(n, unit, renewals)))])
    if kind == "threshold":
        form = draw(st.sampled_from(["above", "over", "below", "under", "up to", "between"]))
        (low_text, low), (high_text, high) = draw(amounts()), draw(amounts())
        if form == "between":
            if low >= high:
                low_text, low, high_text, high = "£0", Decimal(0), "£1,000,000,000,001", Decimal(10 ** 12 + 1)
            band = Band(low, high, True, True)
            return Expect(f"between {low_text} and {high_text}", ["threshold"], [("threshold", ("band", band))])
        band = {"above": Band(low), "over": Band(low), "below": Band(None, low, False, False),
                "under": Band(None, low, False, False), "up to": Band(None, low, False, True)}[form]
        return Expect(f"{form} {low_text}", ["threshold"], [("threshold", ("band", band))])
    if kind == "manner":
        word = draw(st.sampled_from(["publicly", "personally", "separately", "promptly", "in writing",
                                     "in summary form", "locally", "independently", "confidentially",
                                     "in open_and_fair manner", "in independent manner"]))
        if word == "in writing":
            return Expect(word, ["in_writing"])
        value = {"in summary form": "summary_form", "in open_and_fair manner": "open_and_fair",
                 "in independent manner": "independent"}.get(word, word)
        return Expect(word, ["manner"], [("manner", ("value", value))])
    if kind == "collaboration":
        lead = draw(st.sampled_from(["working with", "in partnership with", "jointly with"]))
        names = draw(st.lists(names_, min_size=1, max_size=3))
        return Expect(f"{lead} {_name_list(names)}", ["collaboration"],
                      [("collaboration", ("names", names))])
    lead, qual = draw(st.sampled_from([("on receipt of", "on_receipt"), ("following", "following")]))
    names = draw(st.lists(names_, min_size=1, max_size=3))
    return Expect(f"{lead} {_name_list(names)}", [qual], [(qual, ("names", names))])


MODALITIES = [("must", "must", None), ("must not", "must_not", None), ("may", "may", None),
              ("may not", "may_not", None), ("should", "should", None), ("need not", "need_not", None),
              ("has power to", "power", None), ("have the power to", "power", None),
              ("has final power to", "power", "final")]
HEDGES = [("normally", "normally"), ("in principle", "in_principle"), ("exceptionally", "exceptionally"),
          ("as appropriate", "as_appropriate"), ("where necessary", "where_necessary"),
          ("from time to time", "from_time_to_time"), ("as far as possible", "as_far_as_possible")]


@st.composite
def statements(draw: st.DrawFn, names_: st.SearchStrategy[str] = NAMES,
               actions: tuple[str, ...] = ("approve", "publish", "review", "seek", "include"),
               ) -> tuple[str, dict[str, Any], list[Expect]]:
    bearer = draw(st.one_of(st.just("unnamed"), names_))
    alone = draw(st.booleans())
    written, modality, exclusive = draw(st.sampled_from(MODALITIES))
    if exclusive is None and alone:
        exclusive = "alone"
    hedge = draw(st.one_of(st.none(), st.sampled_from(HEDGES)))
    hedge_here = draw(st.booleans())  # after the modality, or among the qualifiers
    # one act, or a choice of acts (`approve or publish`, `approve, publish or review`)
    acts = draw(st.lists(st.sampled_from(actions), min_size=1, max_size=3, unique=True))
    action = acts[0]
    objects = draw(st.lists(names_, max_size=3))
    quantity = draw(st.one_of(st.none(), st.sampled_from(["at least", "at most", "exactly", "up to"])))
    count = draw(st.integers(0, 999_999))
    quals = draw(st.lists(qualifiers(names_), max_size=5))
    words = [bearer, "alone" if alone else "", written]
    if hedge and hedge_here:
        words.append(hedge[0])
    words.append(action if len(acts) == 1 else f"{', '.join(acts[:-1])} or {acts[-1]}")
    if objects:
        if quantity:
            words.append(f"{quantity} {count}")
        words.append(_name_list(objects))
    text = " ".join(w for w in words if w)
    parts = [q.text for q in quals]
    rule_hedge = hedge[1] if hedge else None
    if hedge and not hedge_here:
        at = draw(st.integers(0, len(parts)))
        parts.insert(at, hedge[0])
        if at < len(quals) and quals[at].text.startswith(("by ", "no later than ", "before ", "within ")) \
                and not quals[at].text.startswith(("by means of ", "by way of ", "by agreement between ")):
            # a hedge directly before a deadline hedges the deadline, not the rule (a means or
            # a mutual agreement starts with `by` too, and is no deadline: the hedge is the rule's)
            rule_hedge = None
            quals[at] = replace(quals[at], checks=[*quals[at].checks, (quals[at].kinds[0], ("hedge", hedge[1]))])
    for part in parts:
        # a qualifier continues the statement on the same line or on the next
        text += draw(st.sampled_from([" ", "\n  ", " \\\n"])) + part
    expected = {"modality": modality, "exclusive": exclusive, "hedge": rule_hedge,
                "action": action, "alternatives": tuple(acts) if len(acts) > 1 else (),
                "objects": objects, "subjects": [bearer],
                "quantity": (quantity.replace(" ", "_"), count) if objects and quantity else None}
    return text, expected, quals


@settings(max_examples=150, deadline=None)
@given(statements())
def test_generated_statements_parse_to_their_fields(case: tuple[str, dict[str, Any], list[Expect]]) -> None:
    text, expected, quals = case
    parsed, errors = parse_rules(text)
    assert not errors, (text, errors)
    (stmt,) = parsed
    got = {"modality": stmt.modality, "exclusive": stmt.exclusive, "hedge": stmt.hedge,
           "action": stmt.action, "alternatives": stmt.alternatives,
           "objects": [r.text for r in stmt.objects],
           "subjects": [r.text for r in stmt.subjects], "quantity": stmt.quantity}
    assert got == expected, text
    assert [q.kind for q in stmt.qualifiers] == [kind for q in quals for kind in q.kinds], text
    for qual, want in zip(stmt.qualifiers, quals, strict=True):
        for _, (field_name, value) in want.checks:
            if field_name == "cond":
                assert qual.cond is not None and shape(qual.cond) == value, text
            elif field_name == "names":
                assert [r.text for r in qual.names] == value, text
            elif field_name == "objects":
                assert [r.text for r in qual.objects] == value, text
            else:
                assert getattr(qual, field_name) == value, text


@settings(max_examples=150, deadline=None)
@given(CONDS)
def test_a_condition_printed_back_parses_to_the_same_tree(tree: Any) -> None:
    parsed, errors = parse_rules(f"x must do y if {cond_source(tree)}")
    assert not errors
    first = parsed[0].qualifiers[0].cond
    assert first is not None
    again, errors = parse_rules(f"x must do y if {first}")
    assert not errors
    again_cond = again[0].qualifiers[0].cond
    assert again_cond is not None and shape(again_cond) == shape(first)  # (places differ)
    assert shape(first) == cond_node(tree)


@settings(max_examples=200, deadline=None)
@given(amounts())
def test_amounts_read_back_as_their_value(case: tuple[str, Decimal]) -> None:
    text, value = case
    assert money(text) == value


@settings(max_examples=200, deadline=None)
@given(st.integers(1901, 2998), st.integers(1, 12), st.integers(1, 28),
       st.sampled_from(MONTH_NAMES), st.sampled_from(["start", "end"]))
def test_points_fall_inside_their_financial_year(year: int, month: int, day: int, name: str, edge: str) -> None:
    start = f"{month:02d}-{day:02d}"
    first = datetime.date(year, month, day)
    last = first.replace(year=year + 1) - datetime.timedelta(days=1)
    year_end = point_date(TimePoint("end", "financial_year"), year, start)
    assert (point_date(TimePoint("start", "financial_year"), year, start), year_end) == (first, last)
    got = point_date(TimePoint(edge, name), year, start)
    assert got is not None and got.month == MONTH_NAMES.index(name) + 1
    # the month as it falls in the year: its start or end is inside the year, or the month
    # straddles the year's start
    assert first <= got <= last or (got.year, got.month) in ((first.year, first.month), (last.year, last.month))
