"""The model of the real NOMS document: the foreword, the introduction, Sections 1, 3, 4 and 6
and Annex H.

Each fact cites the clause that states it.  The facts are data (`FACTS`): a rule of the
clause must match every field given; a field left out is not compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.model import Document
from tests.rulematch import Want, assert_fact, want

# -- rules as data (tests/rulematch.py) -------------------------------------------------
FACTS: list[tuple[str, str, Want]] = [
    # the document's own amendment rules
    ("introduction: amendments to the main body need the Secretary of State and the Chief "
     "Secretary to the Treasury", "introduction",
     want("amendment", objects="main_body", counterparts="secretary_of_state chief_secretary_to_the_treasury")),
    ("introduction: amendments to the annexes need the Permanent Secretary and the Director General",
     "introduction", want("amendment", objects="annexes", counterparts="permanent_secretary director_general")),
    # governance
    ("introduction: the Director General is responsible to the Secretary of State", "introduction",
     want("accountability", "director_general", objects="secretary_of_state")),
    ("introduction: the Director General sits on the Board of the Ministry", "introduction",
     want("membership", "director_general", objects="ministry_board")),
    ("introduction: the Board of the Ministry is chaired by the Permanent Secretary", "introduction",
     want("chairing", "permanent_secretary", objects="ministry_board")),
    ("introduction: the Agency delivers the sentences of the courts on behalf of the Secretary of State",
     "introduction", want(bearers="noms_agency", modality="must", action="deliver",
                          objects="court_sentences_and_orders", quals={"on_behalf_of": "secretary_of_state"})),
    ("introduction: the Agency oversees the Probation Boards and Trusts", "introduction",
     want("supervision", "noms_agency", objects="probation_boards_and_trusts")),
    ("foreword: the Secretary of State holds the Agency to account and reports to Parliament",
     "foreword", want("accountability", "noms_agency", objects="secretary_of_state",
                      quals={"scope": "performance_against_targets_and_objectives"})),
    ("foreword: the Secretary of State holds the Agency to account (the sentence's own verb)",
     "foreword", want(bearers="secretary_of_state", modality="must", action="hold_to_account",
                      objects="noms_agency",
                      quals={"scope": "performance_against_targets_and_objectives"})),
    # "which I will report to Parliament": a report, not a line of accountability (2.1.1 has that)
    ("foreword: the Secretary of State reports the Agency's performance to Parliament",
     "foreword", want(bearers="secretary_of_state", modality="must", action="report",
                      objects="performance_against_targets_and_objectives",
                      quals={"recipient": "parliament"})),
    # Section 1
    ("1.1.1: the Agency is responsible for the commissioning and delivery of adult offender "
     "management services for England and Wales",
     "strategic-purpose-aims",
     want("responsibility", "noms_agency", objects="aoms_commissioning_and_delivery_england_and_wales")),
    ("1.1.2: the Director General assigns responsibilities to the Directors of Offender "
     "Management over the next two years", "vision-noms-agency",
     want("delegation", "director_general", "must", objects="regional_commissioning_responsibilities",
          counterparts="directors_of_offender_management", values={"within": "2 years"})),
    ("1.1.2: the Directors of Offender Management delegate authority on to the local level",
     "vision-noms-agency", want("delegation", "directors_of_offender_management", counterparts="frontline",
                                sub_delegation=True)),
    ("1.2.3: ethical walls keep the Agency's purchaser and provider apart", "custodial-services",
     want(bearers="noms_agency", action="maintain", objects="ethical_walls",
          quals={"scope": "provider_service_level_agreements agency_contracts"})),
    ("1.3.1: the Permanent Secretary advises the Secretary of State on the plans", "strategic-operational-policies",
     want("advice", "permanent_secretary", objects="secretary_of_state",
          quals={"about": "corporate_plan business_plan agency_targets"})),
    # "will be notified of and asked to approve": who notifies and asks is not said
    ("1.3.1: the Secretary of State is notified of practice likely to arouse public concern",
     "strategic-operational-policies",
     want(unnamed=True, modality="must", action="notify", objects="secretary_of_state",
          quals={"about": "contentious_agency_policies"})),
    ("1.3.1: the Secretary of State's approval is sought for practice likely to arouse public concern",
     "strategic-operational-policies",
     want(unnamed=True, modality="must", action="seek_approval", objects="contentious_agency_policies",
          counterparts="secretary_of_state")),
    ("1.3.2: challenging targets are set by the Ministry with the agreement of the Secretary of State",
     "focus-outcomes",
     want(bearers="ministry external_commissioners", action="set", objects="challenging_agency_targets",
          quals={"agreement": "secretary_of_state"})),
    # Section 3: the planning cycle
    ("3.2: each year the Director General submits the draft plans to the Permanent Secretary",
     "corporate-business-plans",
     want(bearers="director_general", modality="must", action="submit", objects="corporate_plan business_plan",
          quals={"recipient": "permanent_secretary", "annually": "",
                 "accordance": "ministry_planning_timetables"})),
    ("3.2: the Permanent Secretary endorses the plans after the Director General submits them",
     "corporate-business-plans",
     want(bearers="permanent_secretary", modality="power", action="endorse", objects="corporate_plan business_plan",
          quals={"annually": "", "after": "director_general"}, values={"after": "submit"})),
    ("3.2: the Secretary of State approves the plans after the Permanent Secretary endorses them",
     "corporate-business-plans",
     want(bearers="secretary_of_state", modality="power", action="approve", objects="corporate_plan business_plan",
          quals={"annually": "", "after": "permanent_secretary"}, values={"after": "endorse"})),
    # the first plans "will be approved and published by the end of October 2008": by whom is not said
    ("3.2: the first plans are approved by the end of October 2008", "corporate-business-plans",
     want(unnamed=True, action="approve", objects="corporate_plan business_plan", values={"by": "2008-10-31"})),
    ("3.2: the first plans are published by the end of October 2008", "corporate-business-plans",
     want(unnamed=True, action="publish", objects="corporate_plan business_plan", values={"by": "2008-10-31"})),
    ("3.2: Agency targets for 2008/09 are agreed by the end of June 2008", "corporate-business-plans",
     want(unnamed=True, action="agree", objects="agency_targets", values={"by": "2008-06-30"})),
    ("3.2: HM Treasury clears the targets on a submission from the Secretary of State",
     "corporate-business-plans",
     want(bearers="hm_treasury", action="clear", objects="targets_and_requirements_coverage",
          quals={"after": "secretary_of_state"}, values={"after": "submit"})),
    ("3.2: the Corporate Plan includes a delivery plan for the next three years", "corporate-business-plans",
     want(bearers="director_general", action="include", objects="three_year_delivery_plan",
          quals={"place": "corporate_plan"})),
    ("3.2: the Director General seeks the Secretary of State's approval for in-year revisions",
     "corporate-business-plans",
     want(bearers="director_general", modality="must", action="seek_approval", objects="plan_revisions",
          counterparts="secretary_of_state")),
    ("3.2: the Secretary of State approves revisions, advised by the Permanent Secretary",
     "corporate-business-plans",
     want(bearers="secretary_of_state", modality="power", action="approve", objects="plan_revisions")),
    # "on the impact of those changes on the delivery of wider Ministry of Justice aims", not on
    # the revisions themselves
    ("3.2: ... who will be advised by the Permanent Secretary", "corporate-business-plans",
     # "will be advised": a duty to advise (audit 192837, #64), not the bare relation
     want("obligation", "permanent_secretary", modality="must", action="advise", objects="secretary_of_state",
          quals={"about": "plan_revision_impact"})),
    # Section 4
    ("4: the Agency is responsible for investment in, development and maintenance of the Estate",
     "capital-programmes-estate-maintenance",
     want("responsibility", "noms_agency", objects="estate_investment_and_maintenance")),
    ("4: the Ministry funds capital works and maintenance", "capital-programmes-estate-maintenance",
     want(bearers="ministry", action="provide", objects="capital_funding", quals={"recipient": "noms_agency"})),
    ("4: capital programmes comply with the Ministry's estate strategy", "capital-programmes-estate-maintenance",
     want(bearers="noms_agency", action="comply_with", objects="estate_strategy",
          quals={"scope": "capital_programmes"})),
    # Section 6
    ("6: each year, by the end of April, the Secretary of State agrees the key performance indicators",
     "performance-management-reporting",
     want(bearers="secretary_of_state", action="agree", objects="performance_indicators",
          quals={"annually": ""}, values={"by": "end of april"})),
    ("6: the Secretary of State announces the indicators to Parliament", "performance-management-reporting",
     want(bearers="secretary_of_state", action="announce", objects="performance_indicators",
          quals={"recipient": "parliament"})),
    ("6: the Criminal Justice Group proposes targets after consulting the Agency and the OMSB",
     "performance-management-reporting",
     want(bearers="criminal_justice_group", action="propose", objects="agency_targets",
          quals={"recipient": "permanent_secretary", "consulting": "noms_agency omsb"})),
    ("6: the OMSB oversees the Agency's performance", "performance-management-reporting",
     want("supervision", "omsb", objects="noms_agency_performance")),
    ("6: the Director General reports in-year to the OMSB and the Ministry", "performance-management-reporting",
     want(bearers="director_general", action="provide", objects="in_year_reports",
          quals={"recipient": "omsb ministry", "accordance": "reporting_timetable"})),
    ("6: performance against targets is reported in the Annual Report and Accounts each year",
     "performance-management-reporting",
     want(unnamed=True, action="report", objects="noms_agency_performance",
          quals={"place": "annual_report_and_accounts", "annually": "", "about": "agency_targets"})),
    ("6: providers are held accountable through the regional structures", "performance-management-reporting",
     want("accountability", "providers", objects="noms_agency", quals={"through": "directors_of_offender_management"})),
    # Annex H
    ("Annex H paragraph 2: the MoJ Press Office manages the Agency's media handling", "press-relations",
     want(bearers="press_office", modality="must", action="manage", objects="media_handling")),
    ("Annex H paragraph 9: the head of Agency communications has a dotted line to the MoJ Director "
     "of Communications", "noms-agency-will",
     want("reporting", "head_of_agency_communications", objects="director_of_communications")),
]


@pytest.mark.parametrize("clause, expected", [(c, w) for _, c, w in FACTS], ids=[f[0] for f in FACTS])
def test_fact(document: Document, clause: str, expected: Want) -> None:
    assert_fact(document, clause, expected)


# -- the planning cycle, as the website draws it ------------------------------------------
@pytest.mark.parametrize("plan", ["corporate_plan", "business_plan"])
def test_planning_cycle_order(document: Document, plan: str) -> None:
    """3.2: drafted and submitted by the Director General, endorsed by the Permanent
    Secretary, approved by the Secretary of State (who publishes the first plans by 31 October
    2008 the text does not say, so the graph of named actors has no publishing step)."""
    from checker.website.graphs import planning

    graph, ordered = planning(document)
    steps = [(s.actor, s.verb) for s in ordered[plan]]
    chain = [("director_general", "submit"), ("permanent_secretary", "endorse"),
             ("secretary_of_state", "approve")]
    for step in chain:
        assert step in steps, f"{step} is not a step of the {plan} cycle: {steps}"
    positions = [steps.index(step) for step in chain]
    assert positions == sorted(positions), f"the {plan} cycle is out of order: {steps}"


def test_targets_cycle_has_its_deadline(document: Document) -> None:
    """3.2: Agency targets for 2008/09 are agreed by the end of June 2008 (by whom, the
    sentence does not say); Section 6 has the Criminal Justice Group propose them."""
    import datetime

    agree = [r for r in document.rules_by_object["agency_targets"]
             if r.action == "agree" and any(s.kind == "unnamed" for s in r.subjects)]
    assert agree and all(r.time.deadline is not None and r.time.deadline.date == datetime.date(2008, 6, 30)
                         for r in agree)
    assert all(r.condition is not None and r.condition.atoms == ("targets_2008_09",) for r in agree)
    propose = [r for r in document.rules_by_object["agency_targets"] if r.action == "propose"]
    assert propose and {a for r in propose for a in r.actors} == {"criminal_justice_group"}


# -- lines of accountability -------------------------------------------------------------
def _upward(document: Document, actor: str) -> Iterator[str]:
    for rule in document.rules:
        if rule.kind in ("accountability", "reporting") and actor in rule.actors:
            yield from (r.id for r in rule.objects)
        elif rule.kind == "line_management" and actor in {r.id for r in rule.objects}:
            yield from rule.actors


@pytest.mark.parametrize("actor", ["director_general", "noms_agency", "providers"])
def test_line_of_accountability_reaches_parliament(document: Document, actor: str) -> None:
    """Introduction and foreword: the Director General answers to the Secretary of State, who
    answers to Parliament; Section 6: providers answer to the Agency."""
    seen, todo = {actor}, [actor]
    while todo:
        for parent in _upward(document, todo.pop()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    assert "parliament" in seen, f"{actor} reaches only {sorted(seen)}"


# -- Section 6's list of in-year reports ---------------------------------------------------------
def test_in_year_reports_cover_every_listed_subject(document: Document) -> None:
    """Section 6: the Agency reports in-year to the Permanent Secretary on thirteen subjects."""
    # one subject an item; an item may name two things ("Under and over-performing SLAs and contracts")
    subjects: set[frozenset[str]] = set()
    for rule in document.rules_by_clause["performance-management-reporting"]:
        if rule.action == "provide" and "ps_in_year_reports" in {o.id for o in rule.objects} \
                and "permanent_secretary" in rule.recipients:
            about = frozenset(r.id for r in rule.qual_refs("about"))
            if about:
                subjects.add(about)
    assert len(subjects) == 13, sorted(sorted(s) for s in subjects)


# -- coverage and findings of these parts -----------------------------------------------------


def test_the_planning_graph_joins_each_step_to_its_own_thing(document: Document) -> None:
    """An edge of the planning cycle joins two steps on different things only where the rule's
    `after` names the earlier thing and not the later one: "approve A and B after X endorses A
    and B" orders each plan after its own endorsement, never A's approval after B's."""
    from checker.website.graphs import planning

    graph, ordered = planning(document)
    thing_of = {s.id: s.thing for steps in ordered.values() for s in steps}
    crossed = []
    for edge in graph.edges:
        before, after = thing_of[edge.source], thing_of[edge.target]
        if before == after:
            continue
        named = {o.id for q in edge.rule.quals("after") for o in q.objects}
        if before not in named or after in named:
            crossed.append((edge.rule.id, before, after))
    assert not crossed, crossed
    assert graph.edges  # the cycle has steps to join


def test_an_after_naming_both_plans_joins_each_to_its_own(tmp_path: Path) -> None:
    """A look-alike of the planning graph's old cross join, on a document of its own."""
    import shutil

    import yaml

    from checker.loader import load_document
    from checker.website.graphs import planning

    fixture = Path(__file__).parent / "fixtures" / "render" / "doc"
    root = tmp_path / "doc"
    shutil.copytree(fixture, root)
    part = root / "parts" / "governance.yaml"
    data = yaml.safe_load(part.read_text(encoding="utf-8"))
    data.setdefault("clauses", []).append({
        "id": "two-plans", "title": "Two plans",
        "text": "The Minister approves the corporate and business plans after the Permanent Secretary "
                "endorses them.",
        "rules": '"The Minister approves":\n'
                 "  minister must approve corporate_plan and business_plan\n"
                 "    after permanent_secretary endorses corporate_plan and business_plan\n"})
    part.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    document = load_document(root).document
    assert document is not None
    graph, ordered = planning(document)
    step = {s.id: (s.actor, s.verb, s.thing) for steps in ordered.values() for s in steps}
    joined = {(step[e.source], step[e.target]) for e in graph.edges
              if step[e.source][:2] == ("permanent_secretary", "endorse") and step[e.target][:2] == ("minister", "approve")}
    assert joined == {
        (("permanent_secretary", "endorse", "corporate_plan"), ("minister", "approve", "corporate_plan")),
        (("permanent_secretary", "endorse", "business_plan"), ("minister", "approve", "business_plan"))}
