"""`fwdoc ask` against the NOMS model: each question kind with answers a reader can check in
the text (the clauses are cited beside each test), the what-if on offices moved between actors,
and the three output formats (hostile names escaped, JSON read back)."""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from pathlib import Path
from types import MappingProxyType

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.answers import Answer, AskError, Item, Source, Step, render
from checker.answers.questions import answer
from checker.answers.whatif import moved
from checker.cli import cli
from checker.loader import load_document
from checker.model import Document

FRAMEWORK = Path(__file__).resolve().parent.parent / "framework"


@pytest.fixture(scope="module")
def noms() -> Document:
    document = load_document(FRAMEWORK).document
    assert document is not None
    return document


def _subjects(result, group: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {i.subject for i in result.items if i.group == group}


def _cited(result, subject: str, group: str | None = None) -> set[str]:  # type: ignore[no-untyped-def]
    return {s.cited for i in result.items if i.subject == subject and group in (None, i.group) for s in i.sources}


# -- who approves / endorses / drafts / is consulted / is informed ------------------------
def test_who_approves_the_business_plan(noms: Document) -> None:
    # 3.2: "Business Plans ... are approved by the Secretary of State"; 6: the Agency seeks the
    # Secretary of State's approval; 2.1.1 lists approving the Business Plan among his powers
    result = answer(noms, "who-approves", "business_plan")
    assert "secretary_of_state" in _subjects(result, "approves")
    assert {"3.2", "2.1.1"} <= _cited(result, "secretary_of_state")
    # 3.2: the first plans "must be approved by 31 October 2008", naming no approver
    unnamed = [i for i in result.items if i.subject == ""]
    assert unnamed and any("31 October 2008" in v for i in unnamed for _, v in i.details)


def test_who_endorses_names_the_office(noms: Document) -> None:
    # 2.1.3: the Departmental Sponsor endorses the Business Plan; 3.2: the Permanent Secretary
    # endorses it; the Departmental Sponsor is the Permanent Secretary (2.1.3)
    result = answer(noms, "who-endorses", "Business Plan")
    assert "permanent_secretary" in _subjects(result, "endorses")
    assert {"2.1.3", "3.2"} <= _cited(result, "permanent_secretary")
    item = next(i for i in result.items if i.subject == "permanent_secretary")
    assert any("Departmental Sponsor" in step.says for step in item.chain)


def test_who_drafts_consulted_informed(noms: Document) -> None:
    # 3.2: the Director General submits the plans to the Permanent Secretary
    assert "director_general" in _subjects(answer(noms, "who-drafts", "business_plan"), "drafts")
    # E.5: the pay remit is agreed with HM Treasury (consulted)
    consulted = answer(noms, "who-is-consulted", "agency_pay_remit")
    assert "hm_treasury" in _subjects(consulted, "consulted") and "E.5" in _cited(consulted, "hm_treasury")
    # 1.3.1: contentious policies are brought to the Secretary of State's attention
    informed = answer(noms, "who-is-informed", "contentious_agency_policies")
    assert "secretary_of_state" in _subjects(informed, "informed") and "1.3.1" in _cited(informed, "secretary_of_state")


def test_object_lists_every_role(noms: Document) -> None:
    result = answer(noms, "object", "business_plan")
    groups = [g for g, _ in result.groups]
    assert groups.index("drafts") < groups.index("endorses") < groups.index("approves")


# -- who may decide ------------------------------------------------------------------------
def test_who_decides_with_delegation(noms: Document) -> None:
    # 2.1.1: the Secretary of State may delegate approving the Business Plan to a junior Minister
    result = answer(noms, "who-decides", "business_plan")
    assert "secretary_of_state" in _subjects(result, "decides")
    assert "junior_minister" in _subjects(result, "delegated")
    assert "2.1.1" in _cited(result, "junior_minister", "delegated")


# -- who may act for ------------------------------------------------------------------------
def test_who_acts_for_with_sub_delegation_in_writing(noms: Document) -> None:
    # C.2: the Principal Accounting Officer (the Permanent Secretary) delegates financial
    # authority to the Director General; C.4: who may sub-delegate it to named staff in writing
    result = answer(noms, "who-acts-for", "principal_accounting_officer")
    assert "director_general" in _subjects(result, "direct")
    assert "C.2" in _cited(result, "director_general", "direct")
    onward = [i for i in result.items if i.group == "onward" and i.subject == "named_agency_staff"]
    assert onward
    chain = next(i for i in onward if {s.cited for s in i.sources} == {"C.2", "C.4"})
    assert ("in writing", "yes") in chain.details
    assert [s.source.cited for s in chain.chain if s.source] == ["C.2", "C.4"]
    assert any("Principal Accounting Officer" in n for n in result.notes)


# -- duties -----------------------------------------------------------------------------------
def test_duties_about_a_thing(noms: Document) -> None:
    # F.1: the Agency prepares the Corporate and Business Plans; 6: it seeks the Secretary of
    # State's approval for them each year
    result = answer(noms, "duties", "agency", about="business_plan")
    must = [i for i in result.items if i.group == "must"]
    assert {"F.1", "6"} <= {s.cited for i in must for s in i.sources}
    assert all("Business Plan" in i.says or "business" in i.says.lower() for i in result.items)


def test_duties_prohibitions_and_permissions(noms: Document) -> None:
    result = answer(noms, "duties", "secretary_of_state")
    groups = {g for g, _ in result.groups}
    assert {"must", "may", "power"} <= groups
    # 3.2: the Secretary of State approves the plans: a power, not a duty to approve
    assert any(i.group == "power" and "3.2" in {s.cited for s in i.sources} for i in result.items)
    # 2.1.1: "may delegate ... approving the Business Plan to a junior Minister" is a may
    assert any(i.group == "may" and "2.1.1" in {s.cited for s in i.sources} and "delegate" in i.says
               for i in result.items)


def test_duties_in_a_period(noms: Document) -> None:
    # 3.2: the Director General submits the plans "before the start of the financial year"
    # (1 April, manifest financial_year_start)
    result = answer(noms, "duties", "director_general", start=_d("2009-01-01"), end=_d("2009-04-30"))
    dated = [i for i in result.items if ("due", "2009-04-01") in i.details]
    assert dated and "3.2" in {s.cited for i in dated for s in i.sources}
    outside = answer(noms, "duties", "director_general", start=_d("2009-05-01"), end=_d("2009-05-31"))
    assert not any(("due", "2009-04-01") in i.details for i in outside.items)
    with pytest.raises(AskError, match="before it starts"):
        answer(noms, "duties", "director_general", start=_d("2009-05-01"), end=_d("2009-04-01"))


def _d(text: str):  # type: ignore[no-untyped-def]
    import datetime

    return datetime.date.fromisoformat(text)


# -- accountability ---------------------------------------------------------------------------
def test_accountable_up_to_the_top(noms: Document) -> None:
    # Introduction / 2.1.6: the Director General is accountable to the Secretary of State;
    # 2.1.1: who is accountable to Parliament; 2.1.2: the Permanent Secretary line-manages the
    # Director General and, as Principal Accounting Officer, is accountable to Parliament
    # 2.1.6 "directly accountable ... to the Secretary of State and Ministers": the text gives
    # Ministers no line of their own, so their line ends with them
    result = answer(noms, "accountable", "DG")
    assert result.items and {i.subject for i in result.items} == {"parliament", "ministers"}
    routes = [i.says for i in result.items]
    assert any("Permanent Secretary" in r for r in routes)
    via_pao = [i for i in result.items if ("through offices", "Principal Accounting Officer") in i.details]
    assert via_pao and "2.1.2" in {s.cited for i in via_pao for s in i.sources}
    assert "2.1.1" in result.citations
    top = answer(noms, "accountable", "parliament")
    assert not top.items and "top" in top.notes[-1]


# -- what-if ----------------------------------------------------------------------------------
def test_what_if_office_creates_a_conflict(noms: Document) -> None:
    # 2.1.3: the Departmental Sponsor endorses the Business Plan; 3.2: so does the Permanent
    # Secretary.  With the office held by the junior Minister, two actors endorse it.
    result = answer(noms, "what-if", move="departmental_sponsor", to="junior_minister")
    binds = [i for i in result.items if i.group == "binds"]
    assert binds and all(i.subject == "junior_minister" for i in binds)
    assert {s.cited for i in binds for s in i.sources} == {"2.1.3"}
    new = [i for i in result.items if i.group == "new"]
    assert any(i.subject == "CON003" and {"2.1.3", "3.2"} <= {s.cited for s in i.sources} for i in new)


def test_what_if_accountability_cycle_and_a_quiet_look_alike(noms: Document) -> None:
    # 2.1.2 and Annex C: the Agency Accounting Officer (the Director General) answers to the
    # Principal Accounting Officer; held by the Secretary of State, the office would make the
    # lines loop.  Held by the Permanent Secretary instead, nothing new is found.
    looped = answer(noms, "what-if", move="agency_accounting_officer", to="secretary_of_state")
    assert "ACC001" in {i.subject for i in looped.items if i.group == "new"}
    quiet = answer(noms, "what-if", move="agency_accounting_officer", to="permanent_secretary")
    assert not [i for i in quiet.items if i.group == "new"]
    assert [i for i in quiet.items if i.group in ("binds", "names")]
    assert "creates no finding" in quiet.notes[0]


def test_moved_model_leaves_the_document_alone(noms: Document) -> None:
    after = moved(noms, "departmental_sponsor", "junior_minister")
    assert noms.offices["departmental_sponsor"].holder == "permanent_secretary"
    assert after.offices["departmental_sponsor"].holder == "junior_minister"
    assert "departmental_sponsor" in after.actors["junior_minister"].offices
    assert "departmental_sponsor" not in after.actors["permanent_secretary"].offices


def test_what_if_refusals(noms: Document) -> None:
    with pytest.raises(AskError, match="already"):
        answer(noms, "what-if", move="departmental_sponsor", to="permanent_secretary")
    with pytest.raises(AskError, match="did you mean 'departmental_sponsor'"):
        answer(noms, "what-if", move="departmental_sponsr", to="junior_minister")
    with pytest.raises(AskError, match="needs --move"):
        answer(noms, "what-if")


# -- names ------------------------------------------------------------------------------------
def test_names_by_id_alias_and_name(noms: Document) -> None:
    ids = {answer(noms, "accountable", n).about for n in ("director_general", "DG", "the Director General")}
    assert ids == {("director_general",)}
    with pytest.raises(AskError, match="did you mean 'business_plan'"):
        answer(noms, "who-approves", "busines_plan")
    with pytest.raises(AskError, match="did you mean 'who-approves'"):
        answer(noms, "who-aproves", "business_plan")


# -- the CLI and the formats ------------------------------------------------------------------
def test_cli_formats_and_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(cli, ["ask", str(FRAMEWORK), "who-approves", "business_plan"])
    assert text.exit_code == 0 and "3.2" in text.output and "Secretary of State" in text.output
    again = runner.invoke(cli, ["ask", str(FRAMEWORK), "who-approves", "business_plan"])
    assert again.output == text.output
    data = json.loads(runner.invoke(cli, ["ask", str(FRAMEWORK), "who-approves", "business_plan",
                                          "--format", "json"]).output)
    assert data["kind"] == "who-approves" and "3.2" in data["clauses"]
    md = runner.invoke(cli, ["ask", str(FRAMEWORK), "accountable", "director_general", "--format", "markdown"])
    assert md.exit_code == 0 and md.output.startswith("## To whom is")
    for bad in (["ask", str(FRAMEWORK), "who-approves", "nothing_like_it"],
                ["ask", str(FRAMEWORK), "who-aproves", "business_plan"],
                ["ask", "who-approves"],
                ["ask", str(FRAMEWORK), "duties", "agency", "--from", "2009-13-01", "--to", "2009-12-01"],
                ["ask", str(tmp_path), "who-approves", "x"]):
        result = runner.invoke(cli, bad)
        assert result.exit_code == 2, (bad, result.output)
        assert "Traceback" not in result.output


HOSTILE = st.text(alphabet=st.sampled_from(["\x1b", "[", "]", "(", ")", "*", "_", "`", "<", ">", "#", "\n",
                                            "\u202e", "\u200b", "|", "!", "a", " ", "&"]), min_size=1, max_size=24)


def _answer_named(name: str) -> Answer:
    src = Source(f"c{name}#1", "c", name, f"The {name} must act.")
    item = Item("g", name, name, f"approves {name}", (src,), (Step(f"{name} holds {name}", src), Step(name)),
                (("deadline", name),))
    return Answer("who-approves", f"Who approves {name}?", (name,), (item,), (name,), (("g", name),))


@given(name=HOSTILE)
def test_hostile_names_are_escaped(name: str) -> None:
    result, plain = _answer_named(name), _answer_named("x")
    for out, base in ((render.text(result), render.text(plain)), (render.markdown(result), render.markdown(plain))):
        assert all(unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp") or c == "\n" for c in out)
        assert out.count("\n") == base.count("\n")  # no line break smuggled in
    md = render.markdown(result)
    assert "](" not in md.replace("\\]", "").replace("\\(", "")  # no link made of the name
    data = json.loads(render.as_json(result))
    assert data["items"][0]["name"] == name and data["question"] == f"Who approves {name}?"


def test_noms_names_in_every_format(noms: Document) -> None:
    actors = dict(noms.actors)
    actors["secretary_of_state"] = dataclasses.replace(actors["secretary_of_state"], name="Evil\x1b[31m\u202e*x*")
    document = dataclasses.replace(noms, actors=MappingProxyType(actors))
    result = answer(document, "who-approves", "business_plan")
    assert "\x1b" not in render.text(result) and "\\x1b" in render.text(result)
    assert "\u202e" not in render.markdown(result) and "\\*x\\*" in render.markdown(result)
    assert any(i["name"] == "Evil\x1b[31m\u202e*x*" for i in json.loads(render.as_json(result))["items"])


@settings(deadline=None, max_examples=40)
@given(kind=st.sampled_from(["who-approves", "who-decides", "who-acts-for", "duties", "accountable", "object",
                             "what-if", "nonsense"]),
       name=st.one_of(st.none(), HOSTILE, st.sampled_from(["business_plan", "DG", "the Secretary of State"])),
       about=st.one_of(st.none(), HOSTILE, st.just("business_plan")))
def test_any_question_is_answered_or_refused_cleanly(noms: Document, kind: str, name: str | None,
                                                     about: str | None) -> None:
    try:
        result = answer(noms, kind, name if kind != "what-if" else None, about=about if kind == "duties" else None,
                        move=name if kind == "what-if" else None, to="junior_minister" if kind == "what-if" else None)
    except AskError as err:
        assert str(err)  # a message, never a traceback
        return
    assert json.loads(render.as_json(result))["kind"] == kind


def test_cli_what_if_and_a_period() -> None:
    runner = CliRunner()
    moved_json = runner.invoke(cli, ["ask", str(FRAMEWORK), "what-if", "--move", "Agency Accounting Officer",
                                     "--to", "Secretary of State", "--format", "json"])
    assert moved_json.exit_code == 0, moved_json.output
    data = json.loads(moved_json.output)
    assert data["about"] == ["agency_accounting_officer", "secretary_of_state"]
    assert any(i["group"] == "new" and i["subject"] == "ACC001" for i in data["items"])
    period = runner.invoke(cli, ["ask", str(FRAMEWORK), "duties", "director_general", "--from", "2009-01-01",
                                 "--to", "2009-04-30", "--format", "markdown"])
    assert period.exit_code == 0 and "due: 2009-04-01" in period.output and "3.2" in period.output
    half = runner.invoke(cli, ["ask", str(FRAMEWORK), "duties", "director_general", "--from", "2009-01-01"])
    assert half.exit_code == 2 and "both ends" in half.output
