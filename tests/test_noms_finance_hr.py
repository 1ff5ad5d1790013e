"""The model of the real NOMS document: Section 5 (finance, IT, audit and assurance), Annex C
(the Finance and Procurement Memorandum), Annex E (the Human Resources Framework) and Annex F
(the Agency and the other groups of the Ministry).

Each fact cites the clause that states it.  The facts are data (`FACTS`): some rule of the
clause must match every field given; a field left out is not compared.
"""

from __future__ import annotations

import pytest

from checker.findings import Finding
from checker.model import Document
from tests.rulematch import Want, assert_fact, want

PARTS = ("finance-it-audit-assurance", "annex-c", "annex-e", "annex-f")
FILES = tuple(f"parts/{part}.yaml" for part in PARTS)


# -- rules as data (tests/rulematch.py) -------------------------------------------------
FACTS: list[tuple[str, str, Want]] = [
    # Section 5
    ("5.1: the Permanent Secretary appoints the Director General as Agency Accounting Officer",
     "accounting-officer-noms-agency",
     # an office resolves to its holder: the rule names the office it was written as
     want("appointment", "permanent_secretary", objects="director_general", counterparts="director_general",
          offices="agency_accounting_officer")),
    ("5.1/2.1.7: the Director General holds the office of Agency Accounting Officer",
     "accounting-officer-noms-agency", want("holding", "director_general", objects="director_general",
                                                offices="agency_accounting_officer")),
    ("5.1: the Agency Accounting Officer works to the responsibilities of 2.1.7",
     "accounting-officer-noms-agency",
     want(bearers="director_general", action="comply_with", objects="accounting_officer_responsibilities",
          offices="agency_accounting_officer")),
    ("5.2: the Director General prepares the Annual Report and Accounts", "annual-report-accounts",
     want(bearers="director_general", modality="must", action="prepare",
          objects="annual_report_and_accounts consolidated_probation_accounts")),
    ("5.2: the Comptroller and Auditor General audits the Annual Report and Accounts", "annual-report-accounts",
     want(bearers="comptroller_and_auditor_general", action="audit", objects="annual_report_and_accounts")),
    # "will be submitted": the sentence names no submitter
    ("5.2: the accounts go to the Secretary of State after the Permanent Secretary endorses them",
     "annual-report-accounts",
     want(unnamed=True, action="submit", objects="annual_report_and_accounts",
          quals={"recipient": "secretary_of_state", "after": "permanent_secretary comptroller_and_auditor_general"},
          values={"after": "endorse"})),
    ("5.2: the Secretary of State lays the accounts before Parliament each year before the summer recess",
     "annual-report-accounts",
     want(bearers="secretary_of_state", modality="must", action="lay_before", objects="annual_report_and_accounts",
          quals={"recipient": "parliament", "annually": ""}, values={"before": "summer_recess"})),
    ("5.4: delegations to the Director General are confirmed in writing by the Permanent Secretary",
     "financial-delegations",
     want(bearers="permanent_secretary", action="confirm", objects="financial_authority procurement_authority",
          quals={"recipient": "director_general", "in_writing": ""})),
    ("5.5: the Director General is responsible for making arrangements for the Internal Audit Service",
     "audit-assurance",
     want("responsibility", "director_general", objects="internal_audit_arrangements")),
    ("5.5: the Agency Audit Committee is chaired by a non-executive director", "audit-assurance",
     want("chairing", "agency_audit_committee_chair", objects="agency_audit_committee")),
    ("5.5: the chair of the Audit Committee is one of the non-executive directors", "audit-assurance",
     want("membership", "agency_audit_committee_chair", objects="non_executive_directors")),
    # the NEDs who compose the Committee, not the group of every Agency NED (audit 271828 #34)
    ("5.5: the Committee's non-executive directors sit on the Audit Committee", "audit-assurance",
     want("membership", "audit_committee_non_executive_directors", objects="agency_audit_committee")),
    ("5.5: the Ministry's Head of Internal Audit attends the Agency Audit Committee", "audit-assurance",
     want(bearers="head_of_internal_audit", modality="must", action="attend", objects="agency_audit_committee")),
    ("5.5: a deputy may attend instead, with the prior agreement of the Chair", "audit-assurance",
     want(bearers="internal_audit_deputy", modality="may", action="attend", objects="agency_audit_committee",
          quals={"agreement": "agency_audit_committee_chair"})),
    ("5.5: the internal audit programme is agreed with the Committee and the Principal Accounting Officer",
     "audit-assurance",
     want(unnamed=True, action="seek_agreement", objects="internal_audit_programme",
          counterparts="agency_audit_committee permanent_secretary", offices="principal_accounting_officer",
          quals={"annually": ""})),
    ("5.6: risks are escalated to the OMSB and the Ministry", "risk-management",
     want(bearers="noms_agency", action="escalate", objects="agency_risks", quals={"recipient": "omsb ministry"})),
    ("5.6: the Director General's annual assurance statement goes to the Permanent Secretary", "risk-management",
     want(bearers="director_general", action="provide", objects="personal_assurance_statement",
          quals={"recipient": "permanent_secretary", "annually": ""})),
    ("5.8: the Director General appoints the Agency's ICT lead", "information-communications-technology",
     want(bearers="director_general", modality="must", action="appoint", objects="agency_ict_lead")),
    ("5.8: the ICT lead sits on the Ministry's IT subcommittee", "information-communications-technology",
     want("membership", "agency_ict_lead", objects="ministry_it_subcommittee")),
    # Annex C
    # the sentence does not say "in writing": 5.4 has the delegation confirmed in writing
    ("Annex C paragraph 2: the Principal Accounting Officer delegates financial authority to the "
     "Director General", "financial-regime-2",
     want("delegates", "permanent_secretary", objects="financial_authority", counterparts="director_general",
          offices="principal_accounting_officer")),
    ("Annex C paragraph 2: the Agency Accounting Officer is responsible for all Agency expenditure",
     "financial-regime-2",
     want("responsibility", "director_general", objects="agency_expenditure", offices="agency_accounting_officer")),
    ("Annex C paragraph 2: capital under-spends are carried forward only with the Permanent "
     "Secretary's agreement", "financial-regime-2",
     want(bearers="director_general", modality="may", action="carry_forward", objects="capital_underspends",
          quals={"agreement": "permanent_secretary"})),
    # "will be available for scrutiny by the Comptroller and Auditor General": made available, not a
    # permission given to the C&AG (fix20a; the old fact wanted `may scrutinise`)
    ("Annex C paragraph 2: the asset register is made available to the Comptroller and Auditor General "
     "for scrutiny", "financial-regime-2",
     want(unnamed=True, modality="must", action="make_available", objects="asset_register",
          quals={"recipient": "comptroller_and_auditor_general"})),
    ("Annex C paragraph 3: the Principal Accounting Officer delegates commissioning and procurement "
     "responsibility to the Director General", "commissioning-procurement-regime",
     want("delegation", "permanent_secretary", "must", objects="procurement_authority",
          counterparts="director_general", offices="principal_accounting_officer")),
    ("Annex C paragraph 4: the Director General may sub-delegate financial authority to named Agency "
     "staff only in writing", "financial-delegations-2",
     want("delegation", "director_general", "may", objects="financial_authority", counterparts="named_agency_staff",
          quals={"in_writing": ""}, sub_delegation=True)),
    ("Annex C paragraph 4: the Agency consults the Permanent Secretary on in-year additional tasks as "
     "soon as possible", "financial-delegations-2",
     want(bearers="noms_agency", action="consult", objects="permanent_secretary", quals={"about": "additional_tasks"},
          values={"asap": "as soon as possible"})),
    ("Annex C paragraph 4: the Agency seeks the Secretary of State's financial approval for major "
     "unplanned investments", "financial-delegations-2",
     want(bearers="noms_agency", modality="must", action="seek_approval", objects="major_unplanned_investments",
          counterparts="secretary_of_state")),
    ("Annex C paragraph 4: the Agency consults the Permanent Secretary on major unplanned investments",
     "financial-delegations-2",
     want(bearers="noms_agency", modality="must", action="consult", objects="permanent_secretary",
          quals={"about": "major_unplanned_investments"})),
    ("Annex C paragraph 4: the final decision on transfers of provision rests with the Permanent Secretary",
     "financial-delegations-2",
     want(bearers="permanent_secretary", modality="power", action="decide", objects="provision_transfer")),
    ("Annex C paragraph 5: the Director General may delegate procurement powers in writing to named "
     "Agency staff, except as the delegation letter says", "procurement-delegations",
     want("delegation", "director_general", "may", objects="procurement_authority", counterparts="named_agency_staff",
          quals={"in_writing": "", "exception": "delegation_exceptions"}, sub_delegation=True)),
    ("Annex C paragraph 5: procurement thresholds are set each year in writing by the Principal "
     "Accounting Officer", "procurement-delegations",
     want(bearers="permanent_secretary", action="set", objects="procurement_thresholds",
          offices="principal_accounting_officer", quals={"annually": "", "in_writing": ""})),
    # "these services may be obtained": a passive that names nobody; "subject to satisfying the
    # Permanent Secretary" is the condition that he or she is satisfied (read-through, nomsc)
    ("Annex C paragraph 8: support services may be obtained once the Permanent Secretary is "
     "satisfied", "support-services",
     want(unnamed=True, modality="may", action="obtain", objects="agency_support_services")),
    # Annex E
    ("Annex E paragraph 3: the Permanent Secretary appoints the Director General, in consultation "
     "with the Secretary of State and in agreement with the Senior Leadership Committee",
     "appointment-noms-agency-director-general",
     want("appointment", "permanent_secretary", objects="director_general",
          quals={"consulting": "secretary_of_state", "agreement": "senior_leadership_committee"})),
    ("Annex E paragraph 2: the Secretary of State appoints the Chairs and members of Probation Boards "
     "and Trusts", "agency-staff",
     want(bearers="secretary_of_state", modality="must", action="appoint", objects="probation_governing_bodies")),
    ("Annex E paragraph 2: the Secretary of State may delegate those appointments to the Director General",
     "agency-staff",
     want("delegation", "secretary_of_state", "may", action="appoint", objects="probation_governing_bodies",
          counterparts="director_general")),
    ("Annex E paragraph 2: the Secretary of State may delegate the appointment of Probation Chief "
     "Officers to the Director General", "agency-staff",
     want("delegation", "secretary_of_state", "may", action="appoint", objects="probation_chief_officers",
          counterparts="director_general")),
    ("Annex E paragraph 4: the Permanent Secretary gives the Director General the power to appoint "
     "to SCS pay band 1", "senior-civil-servants",
     want("delegates", "permanent_secretary", action="appoint_to", objects="scs_pay_band_1_posts",
          counterparts="director_general")),
    # "agreed each year": the sentence does not say by whom
    ("Annex E paragraph 4: the SCS pay band 1 ceiling is agreed each year",
     "senior-civil-servants",
     want(unnamed=True, action="agree", objects="scs_pay_band_1_post_limit",
          quals={"annually": ""})),
    ("Annex E paragraph 4: approvals of SCS posts go through the Ministry's HR function",
     "senior-civil-servants",
     # "Such approvals": band 1 posts only above the agreed number (audit 235711, #9)
     want(bearers="permanent_secretary", action="approve", objects="scs_pay_band_1_posts",
          quals={"through": "ministry_hr_function"})),
    ("Annex E paragraph 4: and new band 2 posts", "senior-civil-servants",
     want(bearers="permanent_secretary", action="approve", objects="scs_pay_band_2_posts",
          quals={"through": "ministry_hr_function"})),
    ("Annex E paragraph 4: SCS pay band 2 recruitment is led by the Ministry's HR function",
     "senior-civil-servants",
     want(bearers="ministry_hr_function", action="lead", objects="scs_pay_band_2_recruitment")),
    ("Annex E paragraph 4: an Agency Director nominated by the Director General sits on the Ministry "
     "pay body", "senior-civil-servants",
     # one Agency Director, not the group of Agency Directors (read-through, nomsc)
     want("membership", "pay_body_agency_director", objects="ministry_pay_body")),
    # "nominated by the Agency Director General": the DG chooses the Director, a nomination and
    # not advice to an unnamed decider (audit 662607; the old fact wanted `on the recommendation of`)
    ("Annex E paragraph 4: the Director General nominates the Agency Director on the Ministry pay body",
     "senior-civil-servants",
     want(bearers="director_general", modality="power", action="nominate", objects="pay_body_agency_director",
          quals={"recipient": "ministry_pay_body"})),
    ("Annex E paragraph 5: pay remits are agreed through the Permanent Secretary and the Secretary of "
     "State, consulting HM Treasury", "pay",
     want(bearers="agency_hr_department", action="agree", objects="agency_pay_remit",
          quals={"through": "permanent_secretary secretary_of_state"})),
    ("Annex E paragraph 5: ... consulting HM Treasury and the Public Sector Pay Committee as necessary", "pay",
     want(bearers="agency_hr_department", action="consult", objects="hm_treasury public_sector_pay_committee",
          hedge="where_necessary")),
    ("Annex E paragraph 8: the Director General may pass employment appeals and claims to a nominee",
     "employment-tribunals-other-legal-proceedings",
     want("delegation", "director_general", "may", objects="employment_appeals_and_claims_response",
          counterparts="director_general_nominee")),
    # Annex F
    ("Annex F: the responsibility for performance rests with the Director General", "annex-f",
     want("responsibility", "director_general", objects="noms_agency_performance")),
    ("Annex F paragraph 1: the Agency prepares the Corporate and Business Plans",
     "noms-agency-other-groups-ministry-justice",
     want(bearers="noms_agency", modality="must", action="prepare", objects="corporate_plan business_plan")),
    ("Annex F paragraph 1: the Agency submits the plans to the MoJ business groups for agreement",
     "noms-agency-other-groups-ministry-justice",
     want(bearers="noms_agency", action="submit", objects="corporate_plan business_plan",
          quals={"recipient": "ministry_business_groups"})),
    ("Annex F paragraph 1: the MoJ business groups agree the Corporate and Business Plans",
     "noms-agency-other-groups-ministry-justice",
     want(bearers="ministry_business_groups", modality="must", action="agree",
          objects="corporate_plan business_plan")),
    ("Annex F paragraph 1: the MoJ business groups report on the Agency's performance to the "
     "Permanent Secretary", "noms-agency-other-groups-ministry-justice",
     want(bearers="ministry_business_groups", action="report", objects="noms_agency_performance",
          quals={"recipient": "permanent_secretary"})),
    # "ensuring ... ethical walls between purchasing and providing": the verb is ensure (nomsf)
    ("Annex F paragraph 1: ethical walls keep purchasing and providing apart",
     "noms-agency-other-groups-ministry-justice",
     want(bearers="noms_agency", action="ensure", objects="ethical_walls",
          quals={"scope": "adult_offender_management_services public_prison_service"})),
]


@pytest.mark.parametrize("clause, expected", [(c, w) for _, c, w in FACTS], ids=[f[0] for f in FACTS])
def test_fact(document: Document, clause: str, expected: Want) -> None:
    assert_fact(document, clause, expected)


# -- offices ----------------------------------------------------------------------------
def test_agency_accounting_officer_is_the_director_general(document: Document) -> None:
    """2.1.7 and 5.1: the Agency Director General is the Agency Accounting Officer."""
    assert document.offices["agency_accounting_officer"].holder == "director_general"
    rules = document.rules_by_clause["accounting-officer-noms-agency"]
    appointed = [r for r in rules if r.kind == "appointment"]
    assert appointed and all(r.actors == ("permanent_secretary",) for r in appointed)


# -- SCS pay bands: who appoints and who approves at each band -------------------------------
BANDS = [
    # Annex E paragraph 4: (object, action, the actors whose rules do it, modality)
    ("scs_pay_band_1_appointments", "approve", {"director_general"}, "may"),
    # "The Permanent Secretary will approve the final appointment": a duty (nomsf)
    ("scs_pay_band_2_appointments", "approve", {"permanent_secretary"}, "must"),
    ("scs_pay_band_2_posts", "approve", {"permanent_secretary"}, "power"),
    # "has authority to instigate the recruitment ... and to select": a power (third audit)
    ("scs_pay_band_1_recruitment_campaigns", "instigate", {"director_general"}, "power"),
    # "recruitment will be led by the Ministry's HR function": the verb is lead (nomsf)
    ("scs_pay_band_2_recruitment", "lead", {"ministry_hr_function"}, "must"),
]


@pytest.mark.parametrize("obj, action, actors, modality", BANDS, ids=[f"{b[1]} {b[0]}" for b in BANDS])
def test_scs_pay_band_rules(document: Document, obj: str, action: str, actors: set[str], modality: str) -> None:
    """Annex E paragraph 4: the Director General approves appointments at SCS pay band 1; the
    Permanent Secretary approves new posts and final appointments at band 2 and above."""
    rules = [r for r in document.rules_by_object.get(obj, ()) if r.action == action and r.kind == "obligation"]
    assert rules, f"no rule says who does '{action}' to {obj}"
    assert {a for r in rules for a in r.actors} == actors
    assert {r.modality for r in rules} == {modality}
    assert {r.clause for r in rules} == {"senior-civil-servants"}


def test_additional_band_1_posts_need_the_permanent_secretary(document: Document) -> None:
    """Annex E paragraph 4: within the agreed number the Director General creates SCS pay band 1
    posts freely; above it, the Permanent Secretary's approval must be sought (the text does not
    say by whom), and the two conditions exclude each other.  "free to add or delete posts": the
    verb is the sentence's own, `add` (nomsf)."""
    rules = document.rules_by_object["scs_pay_band_1_posts"]
    free = [r for r in rules if r.action == "add" and r.actors == ("director_general",)]
    assert free and all(r.condition is not None and r.condition.atoms == ("within_scs_post_limit",) for r in free)
    sought = [r for r in rules if r.action == "seek_approval"]
    assert sought and all({c.id for c in r.counterparts} == {"permanent_secretary"} for r in sought)
    assert all(r.condition is not None and r.condition.atoms == ("above_scs_post_limit",) for r in sought)
    assert "above_scs_post_limit" in document.conditions["within_scs_post_limit"].excludes


# -- the financial delegation chain ------------------------------------------------------
def test_financial_authority_chain(document: Document) -> None:
    """Annex C: the Principal Accounting Officer delegates financial authority to the Director
    General (confirmed in writing, 5.4), who may pass it on only to named Agency staff, only in
    writing."""
    grants = [r for r in document.rules_by_object["financial_authority"] if r.kind in ("delegation", "delegates")]
    by_source = {(r.actors, r.sub_delegation) for r in grants}
    assert (("permanent_secretary",), False) in by_source
    subs = [r for r in grants if r.sub_delegation]
    assert subs and all(r.actors == ("director_general",) and r.in_writing for r in subs)
    assert {c.id for r in subs for c in r.counterparts} == {"named_agency_staff"}
    confirmations = [r for r in document.rules_by_object["financial_authority"] if r.action == "confirm"]
    assert confirmations and all(r.in_writing and r.actors == ("permanent_secretary",) for r in confirmations)


# -- Annex F's table -------------------------------------------------------------------------
def test_annex_f_table_columns(document: Document) -> None:
    """Annex F stays a table of structured rows: function, the Ministry's business groups, the Agency."""
    table = document.clauses["noms-agency-other-groups-ministry-justice"].table
    assert table is not None
    assert [cid for cid, _ in table.columns] == ["function", "ministry", "agency"]
    assert len(table.rows) == 6
    assert all(all(cell.strip() for cell in row) for row in table.rows)


def test_annex_f_columns_name_their_bearers(document: Document) -> None:
    """Annex F: every sentence of the business-groups column is formalised with the MoJ business
    groups as a bearer, and every sentence of the Agency column with the Agency as a bearer
    (other actors a cell names, such as the Secretary of State setting targets, come beside)."""
    from checker.sentences import split_units

    clause = document.clauses["noms-agency-other-groups-ministry-justice"]
    assert clause.table is not None
    column_of: dict[str, str] = {}
    for row in clause.table.rows:
        for (cid, _), cell in zip(clause.table.columns, row, strict=True):
            for unit in split_units(cell):
                column_of.setdefault(unit.text, cid)
    bearers: dict[int, set[str]] = {}
    for rule in document.rules_by_clause[clause.id]:
        assert rule.sentence is not None
        bearers.setdefault(rule.sentence, set()).update(rule.actors)
    principal = {"ministry": "ministry_business_groups", "agency": "noms_agency"}
    cited = 0
    for index, actors in sorted(bearers.items()):
        column = column_of[clause.sentences[index - 1].text]
        if column in principal:
            cited += 1
            assert principal[column] in actors, (index, column, actors)
    assert cited >= 40


# -- coverage and findings of these parts -----------------------------------------------------
# Annex E paragraph 2 prints "This responsibility may be delegated to the Director General of the
# Agency." twice, word for word (sentences 9 and 12): each is cited with its occurrence, (1) and (2).
REPEATED = {("agency-staff", 9), ("agency-staff", 12)}


def test_the_repeated_sentence_is_cited_twice(document: Document) -> None:
    cited = {(r.clause, r.sentence) for r in document.rules}
    assert REPEATED <= cited
    texts = {document.clauses[c].sentences[i - 1].text for c, i in REPEATED}
    assert len(texts) == 1, "the repeated sentence of Annex E paragraph 2 is no longer repeated"


def test_no_delegation_or_accountability_finding_on_these_rules(findings: list[Finding]) -> None:
    """The delegations of these parts are held by those who make them, allowed where passed on,
    in writing where required, and form no loop; no line of accountability here loops."""
    codes = ("DEL", "ACC", "CON001")
    hits = [f for f in findings
            if f.code.startswith(codes) and any(loc.file.endswith(FILES) for loc in f.locations)]
    # Annex F has the MoJ business groups agree the Corporate and Business Plans in their own
    # right (the text says nothing of acting for the Sponsor), so no delegation is relied on.
    others = [f"{f.location} {f.code} {f.message}" for f in hits]
    assert not others, "\n".join(others)
