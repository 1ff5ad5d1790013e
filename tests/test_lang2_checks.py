"""How the checks, the matrix and the register read the second-pass constructs: alternative
acts are not one act (DUP001, the PR gate's semantic diff), each alternative gives its role in
the matrix, purposes and examples oblige nobody, an object's `owner` must be an actor or an
office (REG004), and the CON001 message for a choice names every barred act."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.amend.semantic import signature
from checker.checks import Context, run_checks
from checker.findings import Finding, Severity
from checker.loader import load_document
from checker.model import Document
from checker.website.roles import APPROVES, ENDORSES, rule_roles
from tests.test_checks_fixtures import build_document, run_case

SCENARIOS = Path(__file__).parent / "fixtures" / "scenarios"
REGISTERS = yaml.safe_load((SCENARIOS / "_registers.yaml").read_text(encoding="utf-8"))


def _load(tmp_path: Path, rules: list[str], **extra: Any) -> Document:
    case = {"base": False, "actors": REGISTERS["actors"] + extra.get("actors", []),
            "objects": REGISTERS["objects"] + extra.get("objects", []),
            "manifest": {"published": "2008-07-01"}, "rules": rules}
    result = load_document(build_document(tmp_path / "doc", case))
    assert result.document is not None
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert not errors, errors
    return result.document


def _findings(document: Document, *codes: str) -> list[Finding]:
    return [f for f in run_checks(document, Context(), select=set(codes)) if f.code in codes]


def test_a_choice_of_acts_is_not_a_restatement_of_one_of_them(tmp_path: Path) -> None:
    document = _load(tmp_path, ["secretary_of_state must approve business_plan",
                                "secretary_of_state must approve or accept business_plan"])
    assert _findings(document, "DUP001") == []
    first, second = document.rules
    assert signature(first) != signature(second)  # the PR gate sees the change


def test_the_same_choice_written_twice_is_a_restatement(tmp_path: Path) -> None:
    document = _load(tmp_path, ["secretary_of_state must approve or accept business_plan",
                                "secretary_of_state must sign_off or accept business_plan"])
    assert len(_findings(document, "DUP001")) == 1


def test_each_alternative_gives_its_role_in_the_matrix(tmp_path: Path) -> None:
    document = _load(tmp_path, ["secretary_of_state must approve or endorse business_plan"])
    roles = {(thing, actor, role) for thing, actor, role in rule_roles(document.rules[0])}
    assert roles == {("business_plan", "secretary_of_state", APPROVES),
                     ("business_plan", "secretary_of_state", ENDORSES)}


def test_an_example_or_a_purpose_gives_no_role_and_no_duty(tmp_path: Path) -> None:
    document = _load(tmp_path, [
        "director_general must approve budgets such as hm_treasury in order to approve business_plan",
        "hm_treasury must not approve budgets",
        "director_general must not approve business_plan",
    ])
    roles = rule_roles(document.rules[0])
    assert {(thing, actor) for thing, actor, _ in roles} == {("budgets", "director_general")}
    # HM Treasury is an example, and approving the plan only the purpose: no contradiction
    assert _findings(document, "CON001", "CON003") == []


def test_the_message_for_a_barred_choice_names_every_barred_act(tmp_path: Path) -> None:
    document = _load(tmp_path, ["director_general must publish or withhold board_minutes",
                                "director_general must not withhold board_minutes",
                                "director_general must not publish board_minutes"])
    (finding,) = _findings(document, "CON001")
    assert "must publish or withhold 'Board minutes'" in finding.message
    assert "must not withhold it (1.2)" in finding.message and "must not publish it (1.3)" in finding.message
    assert {loc.clause for loc in finding.locations} == {"statement-1", "statement-2", "statement-3"}


def test_a_hedged_choice_barred_everywhere_is_a_warning(tmp_path: Path) -> None:
    document = _load(tmp_path, ["director_general must normally publish or withhold board_minutes",
                                "director_general must not withhold board_minutes",
                                "director_general must not publish board_minutes"])
    (finding,) = _findings(document, "CON001")
    assert finding.severity is Severity.WARNING


def test_an_owner_must_be_an_actor_or_an_office(tmp_path: Path) -> None:
    document = _load(tmp_path, [], objects=[
        {"id": "agency_authority", "name": "authority of the Agency", "owner": "noms_agncy"},
        {"id": "sponsor_authority", "name": "sponsorship", "owner": "departmental_sponsor"},
    ])
    findings = _findings(document, "REG004")
    assert len(findings) == 1
    assert "'noms_agncy'" in findings[0].message and "did you mean 'noms_agency'" in findings[0].message


def test_an_owner_is_a_use_of_the_actor(tmp_path: Path) -> None:
    document = _load(tmp_path, [], actors=[{"id": "lonely_body", "name": "Lonely Body", "kind": "body"}],
                     objects=[{"id": "lonely_power", "name": "lonely power", "owner": "lonely_body"}])
    unused = [f for f in run_checks(document, Context()) if "lonely_body" in f.subjects
              and f.code.startswith("REG")]
    assert unused == []


def test_an_unnamed_choice_of_acts_gives_each_role_in_the_answers(tmp_path: Path) -> None:
    from checker.answers.roles import object_roles

    document = _load(tmp_path, ["unnamed must approve or endorse business_plan"])
    answer = object_roles(document, "business_plan")
    assert sorted(item.group for item in answer.items) == [APPROVES, ENDORSES]


# -- a choice of acts is contradicted exactly when every act is barred ---------------------------
_ACTS = ("publish", "withhold", "review", "circulate_internally")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_ACTS), min_size=2, max_size=4, unique=True),
       st.sets(st.sampled_from(_ACTS)), st.sampled_from(["must not", "may not"]),
       st.sampled_from(["must", "may", "has power to"]))
def test_a_choice_is_contradicted_exactly_when_every_act_is_barred(
        tmp_path_factory: Any, acts: list[str], barred: set[str], negative: str, positive: str) -> None:
    choice = f"{', '.join(acts[:-1])} or {acts[-1]}"
    rules = [f"director_general {positive} {choice} board_minutes",
             *(f"director_general {negative} {act} board_minutes" for act in sorted(barred))]
    document = _load(tmp_path_factory.mktemp("choice"), rules)
    findings = _findings(document, "CON001")
    expected = set(acts) <= barred  # (`must not` and `may not` each bar must, may and a power)
    assert bool(findings) == expected, (rules, [f.message for f in findings])
    if findings:
        (finding,) = findings
        assert {loc.clause for loc in finding.locations} == \
            {"statement-1", *(f"statement-{i}" for i, act in enumerate(sorted(barred), start=2) if act in acts)}


def test_a_choice_between_acts_to_keep_apart_is_not_doing_both(tmp_path: Path) -> None:
    """`commission or provide` is met by doing one of them: no separation of duties is at stake;
    the same two acts as two duties are (the look-alike that must still fire)."""
    quiet = {"SOD001": ["noms_agency must commission or provide interventions"],
             "SOD003": ["noms_agency must operate or audit budgets"]}
    loud = {"SOD001": ["noms_agency must commission interventions", "noms_agency must provide interventions"]}
    for code, rules in quiet.items():
        found, errors = run_case(tmp_path / f"quiet-{code}", code, {"rules": rules})
        assert not errors and found == [], (code, found)
    for code, rules in loud.items():
        found, errors = run_case(tmp_path / f"loud-{code}", code, {"rules": rules})
        assert not errors and len(found) == 1, (code, found)


def test_a_duty_to_advise_is_advice_for_sod004(tmp_path: Path) -> None:
    """`must advise X on Y` reviews one's own work as `advises X on Y` does; a bar on advising,
    or advice from someone else, does not (the look-alikes that must stay quiet)."""
    endorse = "permanent_secretary must endorse corporate_plan"
    cases = {
        "duty": ([endorse, "principal_accounting_officer must advise secretary_of_state on corporate_plan"], 1),
        "synonym power": ([endorse, "permanent_secretary has power to advise secretary_of_state on corporate_plan"], 1),
        "bar": ([endorse, "principal_accounting_officer must not advise secretary_of_state on corporate_plan"], 0),
        "someone else": ([endorse, "finance_director must advise secretary_of_state on corporate_plan"], 0),
        "other thing": ([endorse, "permanent_secretary must advise secretary_of_state on budgets"], 0),
    }
    for name, (rules, count) in cases.items():
        found, errors = run_case(tmp_path / name.replace(" ", "-"), "SOD004", {"rules": rules})
        assert not errors and len(found) == count, (name, [f.message for f in found])


def test_each_act_of_a_choice_is_held_for_del001(tmp_path: Path) -> None:
    """Who must approve or endorse a thing holds both acts: delegating the second is no DEL001;
    delegating an act the choice does not name still is."""
    choice = "permanent_secretary must approve or endorse corporate_plan"
    quiet = [choice, "permanent_secretary delegates endorse corporate_plan to director_general"]
    loud = [choice, "permanent_secretary delegates publish corporate_plan to director_general"]
    found, errors = run_case(tmp_path / "quiet", "DEL001", {"rules": quiet})
    assert not errors and found == [], [f.message for f in found]
    found, errors = run_case(tmp_path / "loud", "DEL001", {"rules": loud})
    assert not errors and len(found) == 1, [f.message for f in found]
