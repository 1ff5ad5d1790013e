"""Purpose, means, alternative acts and examples (issue 12, second pass): each parses to its
fields, resolves into the model, reads back in English, and obliges nothing of its own."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from checker.dsl.ast import Statement
from checker.dsl.parser import parse_rules
from checker.findings import Location
from checker.loader import load_document
from checker.model import Document, Rule
from checker.render.english import gerund, sentence
from checker.resolve import Resolver

FIXTURE = Path(__file__).parent / "fixtures" / "render" / "doc"


def one(text: str) -> Statement:
    statements, errors = parse_rules(text)
    assert not errors, errors
    assert len(statements) == 1, statements
    return statements[0]


@functools.lru_cache(maxsize=1)
def _document() -> Document:
    result = load_document(FIXTURE)
    assert result.document is not None
    return result.document


def rule(text: str) -> tuple[Rule, Resolver]:
    document = _document()
    resolver = Resolver(document.actors, document.offices, document.objects, [])
    made = resolver.rule(one(text), "c#1", "c", Location("x.yaml", 1, 1), None,
                         lambda line, col: Location("x.yaml", line, col))
    return made, resolver


def english(text: str) -> str:
    made, resolver = rule(text)
    assert not resolver.findings, resolver.findings
    return sentence(made, _document())


# -- alternative acts ------------------------------------------------------------------------
@pytest.mark.parametrize("text, acts", [
    ("agency must negotiate or consult ministry", ("negotiate", "consult")),
    ("agency must respond, arrange or refer complaints", ("respond", "arrange", "refer")),
    ("agency may approve or endorse plan by end of april", ("approve", "endorse")),
    ("agency has power to agree or endorse plan", ("agree", "endorse")),
    ("agency must normally agree or endorse plan", ("agree", "endorse")),
])
def test_alternative_acts_are_all_kept(text: str, acts: tuple[str, ...]) -> None:
    stmt = one(text)
    assert stmt.alternatives == acts
    assert stmt.action == acts[0]


def test_one_act_has_no_alternatives_and_or_between_objects_stays_between_objects() -> None:
    stmt = one("agency must approve plan or budget")
    assert (stmt.action, stmt.alternatives) == ("approve", ())
    assert [r.text for r in stmt.objects] == ["plan", "budget"]


def test_an_alternative_named_twice_is_an_error_at_its_place() -> None:
    _, errors = parse_rules("agency must approve or approve plan")
    assert [(e.line, e.column) for e in errors] == [(1, 24)]
    assert "named twice" in errors[0].message


def test_a_dangling_or_is_a_syntax_error() -> None:
    _, errors = parse_rules("agency must approve or")
    assert len(errors) == 1 and errors[0].column == 23


def test_rule_actions_lists_every_alternative() -> None:
    made, _ = rule("board must approve or endorse corporate_plan")
    assert made.actions == ("approve", "endorse")
    single, _ = rule("board must approve corporate_plan")
    assert single.actions == ("approve",) and single.alternatives == ()


def test_alternatives_in_english() -> None:
    assert english("board must approve or endorse corporate_plan") == \
        "The Example Board must approve or endorse the Corporate Plan."
    assert english("board must respond, arrange or review incidents").startswith(
        "The Example Board must respond, arrange or review ")
    assert english("unnamed must approve or endorse corporate_plan") == \
        "The Corporate Plan must be approved or endorsed."


# -- purpose -----------------------------------------------------------------------------------
def test_purpose_as_an_act() -> None:
    stmt = one("agency must accredit programmes in order to ensure fitness_for_purpose")
    (qual,) = stmt.qualifiers
    assert (qual.kind, qual.value, [r.text for r in qual.objects]) == ("purpose", "ensure", ["fitness_for_purpose"])
    assert stmt.objects[0].text == "programmes"


def test_purpose_as_an_outcome() -> None:
    stmt = one('agency must fund services so that "re-offending is reduced"')
    (qual,) = stmt.qualifiers
    assert qual.kind == "purpose" and qual.cond is not None and qual.cond.text == "re-offending is reduced"


def test_purpose_is_neither_a_condition_nor_an_object() -> None:
    made, _ = rule('board must approve corporate_plan in order to review business_plan so that "x holds"')
    assert made.condition is None
    assert made.object_ids == ("corporate_plan",)
    assert [q.kind for q in made.purposes] == ["purpose", "purpose"]


def test_purpose_in_english() -> None:
    assert english("board must approve corporate_plan in order to review business_plan") == \
        "The Example Board must approve the Corporate Plan in order to review the Business Plan."
    assert english('board must approve corporate_plan so that "the plan is fit for purpose"') == \
        "The Example Board must approve the Corporate Plan, so that the plan is fit for purpose."


# -- means -------------------------------------------------------------------------------------
def test_means_as_a_thing_and_as_an_act() -> None:
    thing = one("agency must reduce reoffending by means of support_and_challenge").qualifiers[0]
    assert (thing.kind, [r.text for r in thing.names], thing.value) == ("means", ["support_and_challenge"], None)
    act = one("agency must reduce reoffending by way of give support to offenders").qualifiers
    assert (act[0].kind, act[0].value, [r.text for r in act[0].objects]) == ("means", "give", ["support"])
    assert act[1].kind == "recipient"


def test_by_an_event_is_still_a_deadline() -> None:
    (qual,) = one("agency must publish report by year_end").qualifiers
    assert qual.kind == "by" and qual.point is not None and qual.point.text == "year_end"


def test_means_in_english() -> None:
    assert english("board must review incidents by means of named_staff") == \
        "The Example Board must review serious incidents by means of named Agency staff."
    assert english("board must review incidents by way of submit annual_report to treasury") == \
        "The Example Board must review serious incidents by submitting the Annual Report to HM Treasury."


@pytest.mark.parametrize("verb, ing", [("give", "giving"), ("submit", "submitting"), ("see", "seeing"),
                                       ("comply_with", "complying with"), ("tie", "tying"),
                                       ("work", "working")])
def test_gerund(verb: str, ing: str) -> None:
    assert gerund(verb) == ing


# -- examples ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lead", ["such as", "including"])
def test_examples_parse(lead: str) -> None:
    (qual,) = one(f"agency must sponsor bodies {lead} accreditation_panel, parole_board").qualifiers
    assert qual.kind == "example"
    assert [r.text for r in qual.names] == ["accreditation_panel", "parole_board"]


def test_an_example_is_not_the_scope_and_bears_nothing() -> None:
    made, _ = rule("board must review incidents such as treasury")
    assert made.scope == () and made.examples[0].id == "treasury"
    document = _document()
    rules_doc = type(document)(document.root, document.manifest, document.parts, document.clauses,
                               document.actors, document.offices, document.objects, document.glossary,
                               (made,))
    assert "treasury" not in rules_doc.rules_by_actor  # an example is named, never bound
    assert "board" in rules_doc.rules_by_actor


def test_examples_in_english() -> None:
    assert english("board must review incidents such as annual_report") == \
        "The Example Board must review serious incidents, such as the Annual Report."
    assert english("board must review incidents including annual_report and business_plan") == \
        "The Example Board must review serious incidents, including the Annual Report and the Business Plan."


def test_a_continuation_line_may_start_with_each_new_qualifier() -> None:
    statements, errors = parse_rules(
        "agency must sponsor bodies\n  such as panel\n  so that \"x\"\n  including y\n"
        "  in order to reduce reoffending\n  by means of z\nagency must publish report")
    assert not errors
    assert [len(s.qualifiers) for s in statements] == [5, 0]


@pytest.mark.parametrize("text, kind", [
    ("agency must reduce reoffending normally by means of support", "means"),
    ("agency must reduce reoffending normally by way of give support", "means"),
    ("agency must agree plan normally by agreement between ministry and agency", "mutual_agreement"),
])
def test_a_hedge_before_a_by_that_is_no_deadline_hedges_the_rule(text: str, kind: str) -> None:
    stmt = one(text)
    assert stmt.hedge == "normally"
    assert [(q.kind, q.hedge) for q in stmt.qualifiers] == [(kind, None)]


def test_a_hedge_before_a_deadline_still_hedges_the_deadline() -> None:
    stmt = one("agency must publish report normally by end of april by means of website")
    assert stmt.hedge is None
    assert [(q.kind, q.hedge) for q in stmt.qualifiers] == [("by", "normally"), ("means", None)]


def test_two_hedges_one_before_means_is_an_error() -> None:
    _, errors = parse_rules("agency must normally publish report as appropriate by means of website")
    assert len(errors) == 1 and "hedged twice" in errors[0].message
