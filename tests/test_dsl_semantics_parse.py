"""The constructs of issue 12 (docs/semantics.md), one fixture each: the statement parses to
the right fields; each malformed construct is a DslError with its line and column."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from checker.dsl.ast import CondNode, Qualifier, Statement
from checker.dsl.parser import keywords, money, parse_rules
from checker.dsl.statements import CONTINUATION_WORDS
from checker.model import Band, Recurrence, Term, TimePoint


def one(text: str) -> Statement:
    statements, errors = parse_rules(text)
    assert not errors, errors
    assert len(statements) == 1, statements
    return statements[0]


def quals(stmt: Statement, kind: str) -> list[Qualifier]:
    return [q for q in stmt.qualifiers if q.kind == kind]


def texts(refs: Any) -> list[str]:
    return [r.text for r in refs]


# -- 1. hedges --------------------------------------------------------------------------
@pytest.mark.parametrize("text, hedge", [
    ("director_general must normally delegate resources to agency_directors", "normally"),
    ("secretary_of_state should approve corporate_plan by end of april normally", "normally"),
    ("x may in principle approve y", "in_principle"),
    ("x may exceptionally approve y", "exceptionally"),
    ("x must publish y as appropriate", "as_appropriate"),
    ("x must publish y where necessary", "where_necessary"),
    ("x must review y from time to time", "from_time_to_time"),
    ("x must as far as possible allocate y", "as_far_as_possible"),
    ("x must allocate y in accordance with z as far as possible", "as_far_as_possible"),
    ("x must normally approve y normally", "normally"),  # said twice, the same: one hedge
])
def test_hedges(text: str, hedge: str) -> None:
    stmt = one(text)
    assert stmt.hedge == hedge
    assert not quals(stmt, "hedge")  # the hedge is the statement's, not a qualifier


def test_a_hedge_keeps_the_rest_of_the_rule() -> None:
    stmt = one("secretary_of_state should approve corporate_plan by end of april normally")
    assert (stmt.modality, stmt.action, texts(stmt.objects)) == ("should", "approve", ["corporate_plan"])
    assert [q.kind for q in stmt.qualifiers] == ["by"]


def test_as_far_as_possible_is_not_as_soon_as_possible() -> None:
    best = one("x must inform y as far as possible")
    soon = one("x must inform y as soon as possible")
    assert (best.hedge, soon.hedge) == ("as_far_as_possible", None)
    assert [q.kind for q in best.qualifiers] == []


def test_as_far_as_possible_reads_as_english() -> None:
    from pathlib import Path

    from checker.findings import Location
    from checker.loader import load_document
    from checker.render.english import sentence
    from checker.resolve import Resolver
    result = load_document(Path(__file__).parent / "fixtures" / "render" / "doc")
    assert result.document is not None
    doc = result.document
    resolver = Resolver(doc.actors, doc.offices, doc.objects, [])
    stmt = one("minister must publish annual_report as far as possible")
    rule = resolver.rule(stmt, "c#1", "c", Location("x.yaml", 1, 1), None,
                         lambda line, col: Location("x.yaml", line, col))
    english = sentence(rule, doc)
    assert english.endswith(", as far as possible."), english


def test_unhedged_rules_have_no_hedge() -> None:
    assert one("x must approve y in writing").hedge is None


# -- 2. powers, exemptions, seeking approval ------------------------------------------------
@pytest.mark.parametrize("text, modality, exclusive", [
    ("secretary_of_state has power to approve corporate_plan", "power", None),
    ("secretary_of_state has the power to approve corporate_plan", "power", None),
    ("secretary_of_state has final power to decide agency_targets", "power", "final"),
    ("hm_treasury alone has power to approve end_year_flexibility", "power", "alone"),
    ("ministers have power to approve plans", "power", None),
    ("hm_treasury alone may approve end_year_flexibility", "may", "alone"),
    ("director_general need not publish board_minutes", "need_not", None),
])
def test_powers(text: str, modality: str, exclusive: str | None) -> None:
    stmt = one(text)
    assert (stmt.kind, stmt.modality, stmt.exclusive) == ("obligation", modality, exclusive)
    assert stmt.action in ("approve", "decide", "publish")


@pytest.mark.parametrize("what", ["approval", "agreement", "endorsement"])
def test_seeking_approval(what: str) -> None:
    stmt = one(f"director_general must seek {what} of secretary_of_state for plan_revisions")
    assert stmt.kind == "obligation" and stmt.action == f"seek_{what}"
    assert texts(stmt.counterparts) == ["secretary_of_state"]
    assert texts(stmt.objects) == ["plan_revisions"]
    assert not stmt.qualifiers  # the `for` is the objects, not a scope


def test_seek_stays_an_ordinary_action() -> None:
    stmt = one("permanent_secretary may seek information and assurance")
    assert (stmt.action, texts(stmt.objects)) == ("seek", ["information", "assurance"])


def test_need_not_with_a_condition() -> None:
    stmt = one('director_general need not publish board_minutes when "commercially confidential"')
    (when,) = quals(stmt, "when")
    assert when.cond == CondNode("atom", text="commercially confidential")


# -- 3. conditions and events -----------------------------------------------------------------
def test_condition_precedence() -> None:
    stmt = one('x must do y if a or b and not "c d"')
    (cond,) = [q.cond for q in quals(stmt, "if")]
    assert cond is not None and cond.op == "or"
    left, right = cond.args
    assert left.op == "atom" and left.name is not None and left.name.text == "a"
    assert right.op == "and"
    assert right.args[1] == CondNode("not", args=(CondNode("atom", text="c d"),))


def test_condition_brackets_and_positions() -> None:
    stmt = one("x must do y\n  unless (first_plans or later_plans) and not late")
    (unless,) = quals(stmt, "unless")
    assert unless.cond is not None and unless.cond.op == "and"
    group, negation = unless.cond.args
    assert group.op == "or"
    names = [a.name for a in group.args]
    assert [(n.text, n.line, n.column) for n in names if n] == [("first_plans", 2, 11), ("later_plans", 2, 26)]
    assert negation.op == "not"


def test_where_is_a_condition_and_events_are_not() -> None:
    stmt = one("x must do y where urgent on receipt of plan following review_meeting")
    assert [q.kind for q in stmt.qualifiers] == ["where", "on_receipt", "following"]
    assert texts(stmt.qualifiers[1].names) == ["plan"]
    assert texts(stmt.qualifiers[2].names) == ["review_meeting"]


def test_a_single_name_condition_keeps_its_value() -> None:
    (q,) = one("x must do y if urgent").qualifiers
    assert (q.kind, q.value) == ("if", "urgent")


# -- 4. time --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, point", [
    ("x must do y by end of october", "by", TimePoint("end", "october", None, "end of october")),
    ("x must do y no later than end of financial_year", "by",
     TimePoint("end", "financial_year", None, "end of financial_year")),
    ("x must do y by start of quarter", "by", TimePoint("start", "quarter", None, "start of quarter")),
    ("x must do y by 2008-10-31", "by", TimePoint("date", None, date(2008, 10, 31), "2008-10-31")),
    ("x must do y before summer_recess", "before", TimePoint("event", None, None, "summer_recess")),
    ("x must do y before end of march", "before", TimePoint("end", "march", None, "end of march")),
    ("x must do y not before start of financial_year", "not_before",
     TimePoint("start", "financial_year", None, "start of financial_year")),
    ("x must do y at the earliest 2009-01-01", "not_before",
     TimePoint("date", None, date(2009, 1, 1), "2009-01-01")),
])
def test_time_points(text: str, kind: str, point: TimePoint) -> None:
    (q,) = one(text).qualifiers
    assert (q.kind, q.point) == (kind, point)


def test_within_and_its_anchors() -> None:
    (plain,) = one("x must do y within 3 months").qualifiers
    assert (plain.amount, plain.point) == ((3, "months"), None)
    (after,) = one("x must do y within 1 month after end of financial_year").qualifiers
    assert after.amount == (1, "months")
    assert after.point == TimePoint("end", "financial_year", None, "end of financial_year")
    (of,) = one("x must do y within 10 days of 2009-04-01").qualifiers
    assert of.point is not None and of.point.date == date(2009, 4, 1)


def test_within_after_a_step_is_also_the_step() -> None:
    stmt = one("x must publish y within 1 month after permanent_secretary approves y")
    within, after = stmt.qualifiers
    assert within.kind == "within" and within.amount == (1, "months")
    assert within.point is not None and within.point.kind == "event"
    assert (after.kind, texts(after.names), after.value, texts(after.objects)) == \
        ("after", ["permanent_secretary"], "approves", ["y"])


@pytest.mark.parametrize("text, recurrence", [
    ("x must do y annually", Recurrence(1, "years")),
    ("x must do y each year", Recurrence(1, "years")),
    ("x must do y every year", Recurrence(1, "years")),
    ("x must do y every 3 years", Recurrence(3, "years")),
    ("x must do y every quarter", Recurrence(1, "quarters")),
    ("x must do y at least once every 3 years", Recurrence(3, "years", at_least=True)),
    ("x must do y at least once every month", Recurrence(1, "months", at_least=True)),
    ("x must do y quarterly", Recurrence(1, "quarters")),
    ("x must do y monthly", Recurrence(1, "months")),
])
def test_recurrence(text: str, recurrence: Recurrence) -> None:
    (q,) = one(text).qualifiers
    assert q.recurrence == recurrence


def test_routinely_is_a_frequency_without_a_period() -> None:
    (q,) = one("x must do y routinely").qualifiers
    assert (q.kind, q.value, q.recurrence) == ("frequency", "routinely", None)


@pytest.mark.parametrize("text, term", [
    ("x may appoint y for up to 3 years", Term(3, "years", None)),
    ("x may appoint y for up to 3 years renewable once", Term(3, "years", 1)),
    ("x may appoint y for up to 4 years renewable 2 times", Term(4, "years", 2)),
    ("x may appoint y for up to 1 year renewable", Term(1, "years", -1)),
])
def test_terms(text: str, term: Term) -> None:
    (q,) = one(text).qualifiers
    assert (q.kind, q.term) == ("term", term)


# -- 5. quantities and thresholds ------------------------------------------------------------
@pytest.mark.parametrize("text, quantity", [
    ("board must include at least 3 non_executive_members", ("at_least", 3)),
    ("board must include at most 12 members_x", ("at_most", 12)),
    ("board must include exactly 1 chair_x", ("exactly", 1)),
    ("board may appoint up to 2 advisers", ("up_to", 2)),
])
def test_quantities(text: str, quantity: tuple[str, int]) -> None:
    stmt = one(text)
    assert stmt.quantity == quantity and len(stmt.objects) == 1


@pytest.mark.parametrize("text, band", [
    ("x may approve y up to £5m", Band(None, Decimal(5_000_000), False, True)),
    ("x may approve y between £10,000 and £50,000", Band(Decimal(10_000), Decimal(50_000), True, True)),
    ("x must approve y above £50,000", Band(Decimal(50_000), None, False, True)),
    ("x must approve y over £1.5bn", Band(Decimal("1.5") * 10 ** 9, None, False, True)),
    ("x may approve y below £1,000", Band(None, Decimal(1000), False, False)),
    ("x may approve y under £100k", Band(None, Decimal(100_000), False, False)),
])
def test_thresholds(text: str, band: Band) -> None:
    (q,) = one(text).qualifiers
    assert (q.kind, q.band) == ("threshold", band)


@pytest.mark.parametrize("text, pounds", [
    ("£5", Decimal(5)), ("£50,000", Decimal(50_000)), ("£1,234,567", Decimal(1_234_567)),
    ("£12.50", Decimal("12.50")), ("£100k", Decimal(100_000)), ("£5m", Decimal(5_000_000)),
    ("£2.5m", Decimal(2_500_000)), ("£1bn", Decimal(10 ** 9)),
])
def test_money(text: str, pounds: Decimal) -> None:
    assert money(text) == pounds


@pytest.mark.parametrize("text", ["£5,00", "£,5", "£1234,567", "£12,34,567"])
def test_money_with_misplaced_commas(text: str) -> None:
    assert money(text) is None


# -- 6. manner, collaboration, agreement, dotted lines, jurisdiction ---------------------------
def test_manner() -> None:
    stmt = one("x must publish y in anonymised form publicly in writing personally separately "
               "jointly promptly")
    values = [q.value if q.kind == "manner" else q.kind for q in stmt.qualifiers]
    assert values == ["anonymised_form", "publicly", "in_writing", "personally", "separately",
                      "jointly", "promptly"]


def test_a_form_is_not_a_place() -> None:
    (form,) = one("x must publish y in summary form").qualifiers
    (place,) = one("x must publish y in annual_report").qualifiers
    assert (form.kind, form.value) == ("manner", "summary_form")
    assert (place.kind, texts(place.names)) == ("place", ["annual_report"])


@pytest.mark.parametrize("lead", ["working with", "in partnership with", "jointly with"])
def test_collaboration(lead: str) -> None:
    (q,) = one(f"x must prepare y {lead} a and b").qualifiers
    assert (q.kind, texts(q.names)) == ("collaboration", ["a", "b"])


def test_mutual_agreement() -> None:
    (q,) = one("x must set y by agreement between a and b").qualifiers
    assert (q.kind, texts(q.names)) == ("mutual_agreement", ["a", "b"])


def test_dotted_line_and_jurisdiction() -> None:
    dotted = one("x has dotted line to y")
    assert (dotted.kind, dotted.dotted, texts(dotted.objects)) == ("reporting", True, ["y"])
    assert one("x reports to y").dotted is False
    for text in ("x is subject to y", "x and z are subject to y for w"):
        stmt = one(text)
        assert stmt.kind == "jurisdiction" and texts(stmt.objects) == ["y"]


# -- 7. delegation -----------------------------------------------------------------------------
def test_delegated_authority() -> None:
    stmt = one("director_general has delegated authority for procurement up to £100k")
    assert (stmt.kind, stmt.action, stmt.objects) == ("delegated_authority", None, ())
    assert [q.kind for q in stmt.qualifiers] == ["scope", "threshold"]
    stmt = one("agency_staff have delegated authority to approve contracts")
    assert (stmt.kind, stmt.action, texts(stmt.objects)) == ("delegated_authority", "approve", ["contracts"])
    stmt = one("agency_staff have delegated authority to approve")
    assert (stmt.action, stmt.objects) == ("approve", ())


def test_delegation_with_limits() -> None:
    stmt = one("x may delegate approve contracts to y up to £10k for capital_projects")
    assert stmt.kind == "delegation"
    assert [q.kind for q in stmt.qualifiers] == ["threshold", "scope"]


# -- 8. the unnamed bearer ---------------------------------------------------------------------
def test_unnamed_bearer() -> None:
    stmt = one("unnamed must review framework_document at least once every 3 years")
    assert texts(stmt.subjects) == ["unnamed"]
    stmt = one("unnamed delegates approve contracts to director_general")
    assert (stmt.kind, texts(stmt.subjects), stmt.action) == ("delegates", ["unnamed"], "approve")


# -- old forms keep their meaning ------------------------------------------------------------------
def test_old_forms_keep_their_values() -> None:
    stmt = one("x must do y by end of october before summer_recess within 3 months annually")
    assert [(q.kind, q.value) for q in stmt.qualifiers] == [
        ("by", "end of october"), ("before", "summer_recess"), ("within", "3 months"), ("annually", None)]


def test_every_new_qualifier_word_continues_a_statement() -> None:
    block = "\n".join([
        "x must do y", "  where urgent", "  following z", "  working with z", "  jointly with z",
        "  publicly", "  normally", "  not before 2009-01-01", "  no later than end of march",
        "  at least once every year", "  every 2 years", "  above £5", "  between £1 and £2",
        "  up to £3", "  for up to 3 years", "  in principle",
    ])
    statements, errors = parse_rules(block.replace("  normally\n", ""))
    assert not errors and len(statements) == 1
    assert statements[0].hedge == "in_principle"
    assert CONTINUATION_WORDS <= keywords()


# -- malformed constructs: a finding with its position, never a traceback -----------------------
@pytest.mark.parametrize("text, at, words", [
    ("x must do y above £5,00", (1, 19), "is not an amount"),
    ("x must do y above £" + "9" * 5000, (1, 19), "too large"),
    ("x must do y up to £1234567890123456bn", (1, 19), "too large"),
    ("x must do y between £50 and £10", (1, 29), "is empty"),
    ("x must do y within 9999999 days", (1, 20), "too large"),
    ("x must do y for up to 3 years renewable 99999999 times", (1, 41), "too large"),
    ("x must normally do y exceptionally", (1, 22), "hedged twice"),
    ("x must fetch approval of y", (1, 8), "the verb is `seek`"),
    ("x must seek approval y", (1, 22), "expected 'of'"),
    ("x must do y if (a or b", (1, 23), "expected ')'"),
    ("x must do y if a and", (1, 21), "ends too early"),
    ("x must do y if ()", (1, 17), "unexpected ')'"),
    ("x must do y at least once every", (1, 32), "a number"),
    ("x must do y for up to 3 fortnights", (1, 25), "unexpected 'fortnights'"),
    ("x must do y by 2009-02-30", (1, 16), "is not a date"),
    ("x must do y\n  at the earliest 2009-13-01", (2, 19), "is not a date"),
    ("x has power approve y", (1, 13), "expected 'to'"),
    ("x has dotted to y", (1, 14), "expected 'line'"),
    ("x must do y above 5000", (1, 19), "an amount in pounds"),
    ("x must do y above £", (1, 19), "unexpected character '£'"),
    ("x must do y above £5million", (1, 19), "unexpected character '£'"),
    ("x must include at least three y", (1, 25), "unexpected 'three'"),
    ("x has delegated authority to", (1, 29), "ends too early"),
    ("unnamed", (1, 8), "ends too early"),
    ("x need approve y", (1, 8), "expected 'not'"),
    ("x must do y not after z", (1, 17), "unexpected 'after'"),
    ("x is subject y", (1, 14), "expected 'to'"),
])
def test_malformed_constructs(text: str, at: tuple[int, int], words: str) -> None:
    statements, errors = parse_rules(text)
    assert not statements
    (error,) = errors
    assert (error.line, error.column) == at, error
    assert words in error.message, error.message


@pytest.mark.parametrize("condition", [
    "not " * 3000 + "a",
    "not (a and " * 30 + "b" + ")" * 30,
    "(a or (b and " * 30 + "c" + "))" * 30,
])
def test_conditions_nested_too_deep_are_findings(condition: str) -> None:
    """Every later stage walks a condition recursively: a tree deeper than any sentence is
    refused at its first atom, never a RecursionError."""
    statements, errors = parse_rules(f"x must do y\n  if {condition}")
    assert not statements
    (error,) = errors
    assert error.line == 2 and error.column >= 6 and "nested more than" in error.message


def test_brackets_alone_do_not_nest() -> None:
    # (a chain of one operator is one level, however it is bracketed)
    flat = one("x must do y if " + "(a and " * 60 + "b" + ")" * 60).qualifiers[0].cond
    assert flat is not None and flat.op == "and" and len(flat.args) == 61
    stmt = one("x must do y if " + "(" * 3000 + "a" + ")" * 3000)
    (q,) = stmt.qualifiers
    assert q.cond is not None and q.cond.op == "atom"
    deep = "not " * 39 + "a"
    assert one(f"x must do y if {deep}").qualifiers[0].cond is not None
