"""Issue 12, what was left: hedged deadlines, manner as vocabulary data, the unnamed bearer in the
matrix and the planning graph.  Each form: parsed, carried in the model, said in English, read
by the checks, with look-alikes that must stay quiet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.checks import Context, run_checks
from checker.dsl.parser import parse_rules
from checker.model import Document
from checker.render.english import sentence
from checker.website.graphs import planning
from checker.website.matrix import _Cells, by_actor, by_thing, matrix_body
from checker.website.roles import build_matrix
from tests.test_site_roles import _document

# -- hedged deadlines ------------------------------------------------------------------------
HEDGES = [("normally", "normally"), ("in principle", "in_principle"), ("as appropriate", "as_appropriate"),
          ("where necessary", "where_necessary"), ("exceptionally", "exceptionally")]
DEADLINES = [("by end of april", "by"), ("no later than 2009-04-30", "by"), ("before start of may", "before"),
             ("within 3 months after end of financial_year", "within"), ("within 2 weeks", "within")]


@settings(max_examples=60, deadline=None)
@given(hedge=st.sampled_from(HEDGES), deadline=st.sampled_from(DEADLINES), rule_hedge=st.booleans(),
       sep=st.sampled_from([" ", "\n  ", " \\\n"]))
def test_a_hedge_before_a_deadline_hedges_the_deadline(hedge: tuple[str, str], deadline: tuple[str, str],
                                                       rule_hedge: bool, sep: str) -> None:
    words, hid = hedge
    text, kind = deadline
    modal = "must normally" if rule_hedge else "must"
    source = f"secretary_of_state {modal} agree performance_indicators annually{sep}{words} {text}"
    (stmt,), errors = parse_rules(source)
    assert not errors, errors
    assert stmt.hedge == ("normally" if rule_hedge else None)
    (qual,) = [q for q in stmt.qualifiers if q.kind == kind]
    assert qual.hedge == hid
    # round trip: the qualifier's own words, written again, parse to the same qualifier
    (again,), errors = parse_rules(f"secretary_of_state {modal} agree performance_indicators annually {words} {text}")
    assert not errors and [q for q in again.qualifiers if q.kind == kind][0] == qual


def test_a_hedge_after_a_deadline_still_hedges_the_rule() -> None:
    (stmt,), errors = parse_rules("secretary_of_state must agree performance_indicators by end of april normally")
    assert not errors and stmt.hedge == "normally"
    assert all(q.hedge is None for q in stmt.qualifiers)


def test_end_of_may_is_a_month() -> None:
    (stmt,), errors = parse_rules("director_general must submit corporate_plan by end of may")
    assert not errors and stmt.qualifiers[0].point is not None and stmt.qualifiers[0].point.period == "may"


def _rule_english(tmp_path: Path, rules: str, extra: dict[str, str] | None = None) -> tuple[Document, list[str]]:
    document = _document(tmp_path, rules) if extra is None else _with_files(tmp_path, rules, extra)
    return document, [sentence(r, document) for r in document.rules]


def test_the_english_keeps_the_hedge_on_the_deadline(tmp_path: Path) -> None:
    document, english = _rule_english(tmp_path, "minister must agree corporate_plan annually normally by end of april")
    assert "normally by the end of April" in english[0], english
    assert "will normally agree" not in english[0] and "must agree" in english[0], english
    rule = document.rules[0]
    assert rule.hedge is None and rule.time.deadline_hedge == "normally"


def test_the_english_of_a_hedged_within(tmp_path: Path) -> None:
    _, english = _rule_english(tmp_path, "minister must approve annual_report in principle within 3 months "
                                          "after end of financial_year")
    assert "in principle within 3 months after the end of the financial year" in english[0], english


# -- manner ---------------------------------------------------------------------------------
MANNERS = [("locally", "locally", "locally"), ("independently", "independently", "independently"),
           ("in independent manner", "independent", "independently"),
           ("in open_and_fair manner", "open_and_fair", "in an open and fair manner"),
           ("confidentially", "confidentially", "in confidence"),
           ("in anonymised form", "anonymised_form", "in anonymised form")]


@settings(max_examples=30, deadline=None)
@given(manner=st.sampled_from(MANNERS), where=st.booleans())
def test_manner_words_parse_to_their_value(manner: tuple[str, str, str], where: bool) -> None:
    written, value, _ = manner
    source = (f"chief_executive must draft business_plan {written} annually" if where
              else f"chief_executive must draft business_plan annually\n  {written}")
    (stmt,), errors = parse_rules(source)
    assert not errors, errors
    assert [q.value for q in stmt.qualifiers if q.kind == "manner"] == [value]


def test_manner_reads_as_the_vocabulary_says(tmp_path: Path) -> None:
    rules = "\n".join(f"chief_executive must draft business_plan {w}" for w, _, _ in MANNERS)
    _, english = _rule_english(tmp_path, rules)
    for (_, _, words), text in zip(MANNERS, english, strict=True):
        assert words in text, (words, text)


def _with_files(tmp_path: Path, rules: str, files: dict[str, str]) -> Document:
    from checker.loader import load_document

    document = _document(tmp_path, rules)
    root = document.root
    manifest = (root / "manifest.yaml").read_text(encoding="utf-8")
    (root / "manifest.yaml").write_text(manifest + "vocabulary: vocabulary.yaml\n", encoding="utf-8")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    result = load_document(root)
    assert result.document is not None
    return result.document


def _codes(document: Document, code: str) -> list[Any]:
    return [f for f in run_checks(document, Context(), select={code}) if f.code == code]


def test_an_undeclared_manner_is_reported(tmp_path: Path) -> None:
    document = _document(tmp_path, "chief_executive must draft business_plan in open_and_fiar manner")
    found = _codes(document, "VOC002")
    assert len(found) == 1 and "did you mean 'open_and_fair'" in found[0].message, found


def test_declared_manners_are_quiet(tmp_path: Path) -> None:
    rules = "\n".join(f"chief_executive must draft business_plan {w}" for w, _, _ in MANNERS)
    assert _codes(_document(tmp_path, rules), "VOC002") == []


def test_a_document_adds_its_own_manner(tmp_path: Path) -> None:
    document = _with_files(tmp_path, "chief_executive must draft business_plan in courteous manner",
                           {"vocabulary.yaml": "manner:\n  courteous: {english: courteously}\n"})
    assert _codes(document, "VOC002") == []
    assert "courteously" in sentence(document.rules[0], document)
    matrix = build_matrix(document)
    assert matrix.cells[("business_plan", "chief_executive")][0].manner == ("courteously",)


def test_a_bad_manner_entry_is_a_bad_vocabulary(tmp_path: Path) -> None:
    document = _with_files(tmp_path, "chief_executive must draft business_plan locally",
                           {"vocabulary.yaml": "manner:\n  courteous: {english: 3, colour: red}\n"})
    assert _codes(document, "VOC001")


# -- the matrix and the planning graph --------------------------------------------------------
class _View:
    """What the matrix bodies ask of a page (checker/website/pages.View), for one document."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def actor_name(self, actor: str) -> str:
        return self.document.actor_name(actor)

    def short_name(self, actor: str) -> str:
        return self.actor_name(actor)

    def actor_url(self, actor: str) -> str:
        return f"actors/{actor}/"

    def object_name(self, thing: str) -> str:
        return self.document.object_name(thing)

    def clause_url(self, clause: str) -> str:
        return f"#{clause}"

    def url(self, src: str) -> str:  # a thing's page (checker/website/objects.py)
        return src

    def label(self, clause: str) -> str:
        return clause


def test_the_matrix_shows_an_unnamed_bearer(tmp_path: Path) -> None:
    document = _document(tmp_path, "unnamed must draft business_plan locally\n"
                                   "chief_executive must submit business_plan to minister\n"
                                   "unnamed is responsible for agency_budget")
    matrix = build_matrix(document)
    assert matrix.actors[-1] == "unnamed"
    found = {(r.thing, r.actor, r.role) for roles in matrix.cells.values() for r in roles}
    assert {("business_plan", "unnamed", "drafts"), ("agency_budget", "unnamed", "responsible"),
            ("business_plan", "chief_executive", "drafts")} <= found
    view = _View(document)
    cells = _Cells(view, matrix)  # type: ignore[arg-type]
    html = str(matrix_body(view, matrix, cells)) + str(by_thing(view, matrix, cells)) + str(by_actor(view, matrix, cells))  # type: ignore[arg-type]
    assert "Not named by the text" in html and "(locally)" in html
    assert 'href="actors/unnamed/"' not in html  # no page to link to


def test_the_matrix_without_an_unnamed_bearer_has_no_such_column(tmp_path: Path) -> None:
    matrix = build_matrix(_document(tmp_path, "chief_executive must draft business_plan"))
    assert "unnamed" not in matrix.actors


def test_the_planning_graph_keeps_an_unnamed_step(tmp_path: Path) -> None:
    document = _document(tmp_path, "unnamed must approve corporate_plan after minister endorses corporate_plan\n"
                                   "minister must endorse corporate_plan by end of october")
    graph, ordered = planning(document)
    texts = list(graph.nodes.values())
    assert any(t.startswith("not named by the text\n") for t in texts), texts
    assert len(graph.edges) == 1
    steps = ordered["corporate_plan"]
    assert [s.actor for s in steps] == ["minister", "unnamed"]


# -- NAM005: register ids the rules cannot name --------------------------------------------------
def _registers_case(extra_objects: list[dict[str, str]], extra_actors: list[dict[str, Any]]) -> dict[str, Any]:
    from tests.test_scenarios import REGISTERS

    return {"base": False, "actors": REGISTERS["actors"] + extra_actors,
            "objects": REGISTERS["objects"] + extra_objects, "manifest": {"published": "2008-07-01"},
            "rules": ["director_general must publish annual_report"]}


def test_reserved_register_ids_are_reported(tmp_path: Path) -> None:
    from checker.loader import load_document
    from tests.test_checks_fixtures import build_document

    case = _registers_case([{"id": "final", "name": "final accounts", "kind": "matter"},
                            {"id": "locally", "name": "local matters", "kind": "matter"}],
                           [{"id": "unnamed", "name": "Somebody", "kind": "body"}])
    result = load_document(build_document(tmp_path / "doc", case))
    assert result.document is not None
    found = _codes(result.document, "NAM005")
    assert sorted(f.subjects[0] for f in found) == ["final", "locally", "unnamed"], [f.message for f in found]
    for finding in found:
        loc = finding.location
        assert loc.file in ("objects.yaml", "actors.yaml") and loc.line > 1, loc


def test_usable_register_ids_are_quiet(tmp_path: Path) -> None:
    from checker.loader import load_document
    from tests.test_checks_fixtures import build_document

    case = _registers_case([{"id": "final_accounts", "name": "final accounts", "kind": "matter"},
                            {"id": "seek", "name": "a search", "kind": "matter"}], [])
    result = load_document(build_document(tmp_path / "doc", case))
    assert result.document is not None and _codes(result.document, "NAM005") == []


# -- more specific: a comparison over the facts -------------------------------------------------
def _cond(when: Any = None, unless: tuple[Any, ...] = ()) -> Any:
    from checker.semantics.conditions import TRUE, RuleCondition

    return RuleCondition(when if when is not None else TRUE, unless)


def test_condition_implication_is_decided_under_the_register() -> None:
    from types import SimpleNamespace

    from checker.semantics.conditions import AND, ATOM, OR, Decider, Formula
    from checker.semantics.specific import condition_implies

    a, b, c = (Formula(ATOM, x) for x in "abc")
    decider = Decider({"a": SimpleNamespace(implies=("b",), excludes=())})
    assert condition_implies(decider, _cond(a), _cond(b))  # declared: a implies b
    assert not condition_implies(decider, _cond(b), _cond(a))
    assert condition_implies(decider, _cond(Formula(AND, "", (b, c))), _cond(b))
    assert not condition_implies(decider, _cond(b), _cond(Formula(AND, "", (b, c))))
    assert condition_implies(decider, _cond(c), _cond(Formula(OR, "", (a, c))))  # through the solver
    assert condition_implies(decider, _cond(a), _cond())  # anything implies no condition
    assert not condition_implies(decider, _cond(), _cond(a))
    assert condition_implies(decider, _cond(a, (c,)), _cond(a))  # an `unless` narrows


def test_band_within() -> None:
    from decimal import Decimal as D

    from checker.model import Band
    from checker.semantics.specific import band_within

    up_to_1m = Band(high=D(1_000_000))
    assert band_within(Band(D(10_000), D(50_000), True, True), up_to_1m)
    assert not band_within(Band(low=D(500_000)), up_to_1m)  # above £500,000 reaches past £1m
    assert band_within(Band(high=D(1_000_000), high_inclusive=False), up_to_1m)
    assert not band_within(up_to_1m, Band(high=D(1_000_000), high_inclusive=False))
