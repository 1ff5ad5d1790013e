"""The model of issue 12's constructs, as the loader builds it from a document: the conditions
register, named dates and the financial year in the manifest, resolved condition atoms and
time points, the unnamed bearer, and every check running over them without a traceback."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.checks import Context, run_checks
from checker.findings import Finding
from checker.loader import LoadResult, load_document
from checker.model import (
    UNNAMED,
    Band,
    Cond,
    Document,
    Recurrence,
    Rule,
    Term,
    TimePoint,
    Timing,
    point_date,
)
from checker.render.english import sentence

FIXTURES = Path(__file__).parent / "fixtures"


class _Literal(yaml.SafeDumper):
    """Writes the rules as a literal block, as people do (positions map exactly)."""


_Literal.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def make_doc(root: Path, manifest: dict[str, Any] | None = None, conditions: str | None = None,
             rules: str | None = None) -> Path:
    """The render fixture document with the constructs part (or other rules) added."""
    shutil.copytree(FIXTURES / "render" / "doc", root)
    part = yaml.safe_load((FIXTURES / "semantics" / "constructs.yaml").read_text(encoding="utf-8"))
    if rules is not None:
        part["clauses"] = [{"id": "constructs-all", "title": "Cases", "text": "The cases.", "rules": rules}]
    (root / "parts" / "constructs.yaml").write_text(yaml.dump(part, Dumper=_Literal, sort_keys=False),
                                                    encoding="utf-8")
    data = yaml.safe_load((root / "manifest.yaml").read_text(encoding="utf-8"))
    data["published"] = str(data["published"])
    data["review_by"] = str(data["review_by"])
    data["parts"].append("constructs")
    data.update({"conditions": "conditions.yaml", "financial_year_start": "04-01",
                 "dates": {"review_day": "2021-03-31"}})
    data.update(manifest or {})
    data = {k: v for k, v in data.items() if v is not None}
    (root / "manifest.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    text = conditions if conditions is not None else \
        (FIXTURES / "semantics" / "conditions.yaml").read_text(encoding="utf-8")
    (root / "conditions.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> LoadResult:
    return load_document(make_doc(tmp_path_factory.mktemp("semantics") / "doc"))


@pytest.fixture(scope="module")
def doc(loaded: LoadResult) -> Document:
    assert not loaded.errors, [str(f) for f in loaded.errors]
    assert loaded.document is not None
    return loaded.document


def rule(doc: Document, source: str) -> Rule:
    found = [r for r in doc.rules if r.source == source]
    assert len(found) == 1, source
    return found[0]


def codes(result: LoadResult) -> list[tuple[str, str]]:
    return [(f.code, str(f.locations[0]) if f.locations else "") for f in result.findings
            if f.code in ("NAM003", "SCH001", "SRC012", "REG001", "DSL001", "NAM001")]


# -- the register and the manifest --------------------------------------------------------------
def test_manifest_and_register(doc: Document) -> None:
    assert doc.manifest.financial_year_start == "04-01"
    assert dict(doc.manifest.dates) == {"review_day": date(2021, 3, 31)}
    assert list(doc.conditions) == ["first_plans", "later_plans", "commercially_confidential"]
    first = doc.conditions["first_plans"]
    assert first.excludes == ("later_plans",) and first.phrases[0] == "the first Corporate and Business Plans"
    assert "conditions.yaml" in doc.files


def test_condition_atoms(doc: Document) -> None:
    assert rule(doc, "chief_executive must submit business_plan if first_plans").condition == \
        Cond("atom", "first_plans")
    # a quoted phrase of the register is that condition (case and spacing do not matter)
    need_not = rule(doc, 'chief_executive need not publish annual_report when "Commercially confidential"')
    assert need_not.condition == Cond("atom", "commercially_confidential")
    unless = rule(doc, 'chief_executive must submit corporate_plan unless (first_plans or later_plans) '
                       'and not "the Board objects"')
    assert unless.condition == Cond("not", None, (Cond("and", None, (
        Cond("or", None, (Cond("atom", "first_plans"), Cond("atom", "later_plans"))),
        Cond("not", None, (Cond("atom", "the board objects"),)))),))
    assert unless.conditions == (("unless", str(unless.qualifiers[0].value)),)


def test_conditions_are_conjoined() -> None:
    from checker.model import Qual
    r = Rule("c#1", "obligation", "c", FIXTURES_LOC, "x", qualifiers=(
        Qual("if", value="a", cond=Cond("atom", "a")), Qual("unless", value="b"),
        Qual("when", value="c", cond=Cond("and", None, (Cond("atom", "c"), Cond("atom", "d"))))))
    assert r.condition == Cond("and", None, (Cond("atom", "a"), Cond("not", None, (Cond("atom", "b"),)),
                                             Cond("atom", "c"), Cond("atom", "d")))
    assert Rule("c#2", "obligation", "c", FIXTURES_LOC, "x").condition is None


def test_time(doc: Document) -> None:
    within = rule(doc, "chief_executive must publish annual_report within 3 months after end of financial_year")
    assert within.time == Timing(within=(3, "months"),
                                 anchor=TimePoint("end", "financial_year", None, "end of financial_year"))
    named = rule(doc, "chief_executive must submit annual_report by review_day").time
    assert named.deadline == TimePoint("date", None, date(2021, 3, 31), "review_day")
    before = rule(doc, "chief_executive must publish business_plan before summer_recess").time
    assert before.strict and before.deadline == TimePoint("event", None, None, "summer_recess")
    assert rule(doc, "board must review corporate_plan at least once every 3 years").time.recurrence == \
        Recurrence(3, "years", True)
    assert rule(doc, "minister may appoint board for up to 4 years renewable 2 times").time.term == \
        Term(4, "years", 2)
    earliest = rule(doc, "chief_executive must publish annual_report at the earliest 2020-06-01").time
    assert earliest.earliest is not None and earliest.earliest.date == date(2020, 6, 1)
    assert not Timing() and bool(named)


@pytest.mark.parametrize("point, year, start, expected", [
    (TimePoint("end", "financial_year"), 2008, "04-01", date(2009, 3, 31)),
    (TimePoint("start", "financial_year"), 2008, "04-01", date(2008, 4, 1)),
    (TimePoint("end", "financial_year"), 2008, "01-01", date(2008, 12, 31)),
    (TimePoint("end", "october"), 2008, "04-01", date(2008, 10, 31)),
    (TimePoint("end", "february"), 2007, "04-01", date(2008, 2, 29)),
    (TimePoint("start", "march"), 2008, "04-01", date(2009, 3, 1)),
    (TimePoint("end", "calendar_year"), 2008, "04-01", date(2008, 12, 31)),
    (TimePoint("date", None, date(2010, 5, 5)), 2008, "04-01", date(2010, 5, 5)),
    (TimePoint("end", "quarter"), 2008, "04-01", None),
    (TimePoint("event", None, None, "summer_recess"), 2008, "04-01", None),
])
def test_point_dates(point: TimePoint, year: int, start: str, expected: date | None) -> None:
    assert point_date(point, year, start) == expected


def test_document_dates_use_the_manifest(doc: Document) -> None:
    assert doc.date_of(TimePoint("end", "financial_year"), 2020) == date(2021, 3, 31)


def test_thresholds_quantities_and_manner(doc: Document) -> None:
    assert rule(doc, "board may approve financial_authority between £10,000 and £50,000").threshold == \
        Band(Decimal(10_000), Decimal(50_000), True, True)
    assert rule(doc, "chief_executive may delegate approve financial_authority to named_staff up to £10k") \
        .threshold == Band(None, Decimal(10_000), False, True)
    assert rule(doc, "board must include at least 3 named_staff").quantity == ("at_least", 3)
    assert rule(doc, "chief_executive must publish annual_report in anonymised form publicly").manner == \
        ("anonymised_form", "publicly")
    both = Rule("c#1", "obligation", "c", FIXTURES_LOC, "x", qualifiers=(
        _threshold(Band(Decimal(10), None)), _threshold(Band(None, Decimal(50), high_inclusive=False))))
    assert both.threshold == Band(Decimal(10), Decimal(50), False, False)
    assert both.threshold is not None and both.threshold.contains(Decimal(20))
    assert not both.threshold.contains(Decimal(50)) and not both.threshold.contains(Decimal(10))


def test_powers_and_hedges(doc: Document) -> None:
    final = rule(doc, "minister has final power to approve business_plan")
    assert (final.modality, final.exclusive) == ("power", "final")
    alone = rule(doc, "treasury alone has power to approve financial_authority")
    assert (alone.modality, alone.exclusive) == ("power", "alone")
    assert rule(doc, "chief_executive must normally submit business_plan to minister").hedge == "normally"
    seek = rule(doc, "chief_executive must seek approval of minister for business_plan")
    assert seek.action == "seek_approval" and [r.id for r in seek.counterparts] == ["minister"]
    assert seek.object_ids == ("business_plan",)


def test_relations(doc: Document) -> None:
    dotted = rule(doc, "chief_executive has dotted line to treasury")
    assert dotted.kind == "reporting" and dotted.dotted
    lines = [line for line in doc.actor_graph if line.rule is dotted]
    assert [(line.lower, line.upper, line.relation) for line in lines] == \
        [("chief_executive", "treasury", "dotted line to")]
    jurisdiction = rule(doc, "example_agency is subject to parliament")
    assert jurisdiction.kind == "jurisdiction"
    assert not [line for line in doc.actor_graph if line.rule is jurisdiction]  # not accountability
    authority = rule(doc, "named_staff have delegated authority to approve business_plan")
    assert (authority.kind, authority.actors, authority.action) == \
        ("delegated_authority", ("named_staff",), "approve")


def test_unnamed_bearer(doc: Document) -> None:
    review = rule(doc, "unnamed must review corporate_plan at least once every 3 years")
    (bearer,) = review.subjects
    assert (bearer.id, bearer.kind) == (UNNAMED, UNNAMED)
    assert review.unnamed and review.actors == ()  # never the same actor as a named one
    assert doc.display(bearer) == "(not named)"
    assert UNNAMED not in doc.rules_by_bearer


# -- English -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("source, english", [
    ("chief_executive must submit business_plan if first_plans",
     "The Chief Executive of the Example Agency must submit the Business Plan, if the first Corporate "
     "and Business Plans."),
    ('chief_executive must submit corporate_plan unless (first_plans or later_plans) and not "the Board objects"',
     "The Chief Executive of the Example Agency must submit the Corporate Plan, unless either the first "
     "Corporate and Business Plans or later plans and not the Board objects."),
    ("chief_executive must submit annual_report by review_day",
     "The Chief Executive of the Example Agency must submit the Annual Report by 31 March 2021."),
    ("board must review business_plan every quarter",
     "The Example Board must review the Business Plan every quarter."),
    ("minister may appoint board for up to 4 years renewable 2 times",
     "The Secretary of State may appoint the Example Board for up to 4 years, renewable up to 2 times."),
    ("permanent_secretary must approve financial_authority over £1.5bn",
     "The Permanent Secretary must approve financial authority above £1.5 billion."),
    ("named_staff may approve financial_authority below £1,000",
     "Named Agency staff may approve financial authority below £1,000."),
    ("board must review corporate_plan from time to time",
     "The Example Board must review the Corporate Plan from time to time."),
    ("chief_executive should approve corporate_plan by end of april in principle",
     "The Chief Executive of the Example Agency should, in principle, approve the Corporate Plan by the "
     "end of April."),
    ("chief_executive must prepare corporate_plan in partnership with board",
     "The Chief Executive of the Example Agency must prepare the Corporate Plan, in partnership with the "
     "Example Board."),
    ("chief_executive must inform board following incidents",
     "The Chief Executive of the Example Agency must inform the Example Board, following serious incidents."),
])
def test_english(doc: Document, source: str, english: str) -> None:
    assert sentence(rule(doc, source), doc) == english


def test_english_articles_for_a_lowercase_individual(tmp_path: Path) -> None:
    root = make_doc(tmp_path / "doc", rules='"The cases":\n  chief_executive must report incidents '
                    'to junior_minister before submission_to_principal_accounting_officer\n'
                    '  deputy may exceptionally attend board')
    actors = yaml.safe_load((root / "actors.yaml").read_text(encoding="utf-8"))
    actors["actors"].append({"id": "junior_minister", "name": "junior Minister", "kind": "individual"})
    actors["actors"].append({"id": "deputy", "name": "an appropriate deputy", "kind": "individual"})
    (root / "actors.yaml").write_text(yaml.safe_dump(actors, sort_keys=False), encoding="utf-8")
    result = load_document(root)
    assert result.document is not None and not result.errors, [str(f) for f in result.errors]
    report, deputy = result.document.rules_by_clause["constructs-all"]
    assert sentence(report, result.document) == (
        "The Chief Executive of the Example Agency must report serious incidents to a junior Minister "
        "before submission to the Principal Accounting Officer.")
    # a name that has its own determiner keeps it
    assert sentence(deputy, result.document) == \
        "An appropriate deputy may, exceptionally, attend the Example Board."


# -- every check over every construct: findings, never a traceback ---------------------------------------
def test_every_check_runs_over_the_constructs(doc: Document) -> None:
    findings = run_checks(doc, Context(today=date(2024, 1, 1)))
    assert all(isinstance(f, Finding) for f in findings)
    assert all(sentence(r, doc).endswith(".") for r in doc.rules)


# -- bad registers and manifests ---------------------------------------------------------------------------
def test_unknown_condition_names(tmp_path: Path) -> None:
    root = make_doc(tmp_path / "doc", rules='"The cases":\n  chief_executive must publish annual_report\n'
                    "    if frist_plans or not later_plans")
    result = load_document(root)
    (finding,) = [f for f in result.findings if f.code == "NAM003"]
    lines = (root / "parts" / "constructs.yaml").read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if "frist_plans" in text)
    assert str(finding.locations[0]) == f"parts/constructs.yaml:{line}:{lines[line - 1].index('frist') + 1}"
    assert "'frist_plans' is not a declared condition" in finding.message
    assert "did you mean 'first_plans'" in finding.message


def test_condition_names_without_a_register(tmp_path: Path) -> None:
    root = make_doc(tmp_path / "doc", manifest={"conditions": None},
                    rules='"The cases":\n  chief_executive must publish annual_report if urgent\n'
                    "  chief_executive must publish business_plan if incidents")
    result = load_document(root)
    found = [f for f in result.findings if f.code == "NAM003"]
    assert len(found) == 1 and "'urgent'" in found[0].message  # a register name is a condition
    assert "no conditions register" in found[0].message
    assert result.document is not None and not result.document.conditions


@pytest.mark.parametrize("register, expected", [
    ("conditions:\n  - id: a\n    excludes: [b]\n", [("NAM003", "conditions.yaml:2:5")]),
    ("conditions:\n  - id: a\n  - id: a\n", [("REG001", "conditions.yaml:3:5")]),
    ("conditions:\n  - id: a\n    colour: red\n  - id: b\n", [("SCH001", "conditions.yaml:3:5")]),
    ("conditions:\n  - id: Bad Id\n", [("SCH001", "conditions.yaml:2:9")]),
    ("conditions: 3\n", [("SCH001", "conditions.yaml:1:13")]),
])
def test_bad_conditions_register(tmp_path: Path, register: str, expected: list[tuple[str, str]]) -> None:
    root = make_doc(tmp_path / "doc", conditions=register, rules='"The cases":\n  board reports to minister')
    result = load_document(root)
    assert [(code, where.rsplit(":", 0)[0]) for code, where in codes(result)] == expected, \
        [str(f) for f in result.findings]


def test_a_register_with_a_bad_entry_keeps_the_others(tmp_path: Path) -> None:
    root = make_doc(tmp_path / "doc", conditions="conditions:\n  - id: a\n    colour: red\n  - id: b\n",
                    rules='"The cases":\n  board must meet if b')
    result = load_document(root)
    assert result.document is not None and list(result.document.conditions) == ["b"]
    assert not [f for f in result.findings if f.code == "NAM003"]


@pytest.mark.parametrize("manifest, code", [
    ({"financial_year_start": "02-30"}, "SCH001"),
    ({"financial_year_start": "13-01"}, "SCH001"),
    ({"financial_year_start": "4-1"}, "SCH001"),
    ({"dates": {"review_day": "2021-02-30"}}, "SCH001"),
    ({"dates": {"Review Day": "2021-02-01"}}, "SCH001"),
    ({"conditions": "../conditions.yaml"}, "SCH001"),
    ({"conditions": "/etc/conditions.yaml"}, "SCH001"),
    ({"conditions": "missing.yaml"}, "SRC012"),
])
def test_bad_manifest_keys(tmp_path: Path, manifest: dict[str, Any], code: str) -> None:
    result = load_document(make_doc(tmp_path / "doc", manifest=manifest,
                                    rules='"The cases":\n  board reports to minister'))
    found = [f for f in result.findings if f.code == code]
    assert found, [str(f) for f in result.findings]
    assert all(f.locations and f.locations[0].file == "manifest.yaml" for f in found)


def test_the_cli_reports_and_exits_1_not_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = make_doc(tmp_path / "doc", rules='"The cases":\n  board must meet if frist_plans')
    proc = subprocess.run([sys.executable, "-m", "checker", "check", str(root)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    text = " ".join(proc.stdout.split())  # the text format wraps long messages
    assert "NAM003" in text and "did you mean 'first_plans'" in text


FIXTURES_LOC = __import__("checker.findings", fromlist=["Location"]).Location("x.yaml", 1, 1)


def _threshold(band: Band) -> Any:
    from checker.model import Qual

    return Qual("threshold", band=band)


def test_tags_tell_a_frequency_from_a_deadline(doc: Document) -> None:
    from checker.render.english import tag

    def tags(source: str) -> list[tuple[str, str] | None]:
        r = rule(doc, source)
        return [tag(r, q, doc) for q in r.qualifiers]

    assert tags("board must review corporate_plan at least once every 3 years") == \
        [("frequency", "at least once every 3 years")]
    assert tags("chief_executive must submit business_plan no later than end of october") == \
        [("deadline", "no later than the end of October")]
    assert tags("minister may appoint chief_executive for up to 3 years renewable once") == \
        [("term", "for up to 3 years, renewable once")]
    assert tags("chief_executive must inform minister on receipt of annual_report") == \
        [("trigger", "on receipt of the Annual Report")]
    assert tags("chief_executive must publish annual_report in anonymised form publicly") == [None, None]


def test_jurisdiction_may_name_rules_as_well_as_bodies(tmp_path: Path) -> None:
    root = make_doc(tmp_path / "doc", rules='"The cases":\n  example_agency is subject to business_plan\n'
                    "  example_agency is subject to treasury")
    result = load_document(root)
    assert not result.errors, [str(f) for f in result.errors]
    assert result.document is not None
    assert [r.objects[0].kind for r in result.document.rules_by_clause["constructs-all"]] == ["object", "actor"]
