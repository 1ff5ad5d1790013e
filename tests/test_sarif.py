"""SARIF output validates against the OASIS SARIF 2.1.0 schema, carries rule metadata and stable
fingerprints, and reports accepted findings with `suppressions` (in source and baseline)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from checker.cli import main
from tests.test_checks_fixtures import build_document

CASE = {
    "rules": [
        # the acknowledgement is bound to its finding: a clause it points at, every name
        {"text": "The Board supervises the Agency. Its workings do not dilute the responsibilities of the "
                 "Director General.\n",
         "rules": '"supervises the Agency":\n  omsb supervises noms_agency\n'
                  '"do not dilute":\n  acknowledge SOD003 for director_general, omsb and noms_agency because '
                  '"the workings of the Board do not dilute the responsibilities of the Director General"\n'},
        "director_general is member of omsb",
        "director_general is responsible for noms_agency",
        "secretary_of_state may approve budgets",
        "director_general must publish annual_report",
        "director_general must not publish annual_report",
        "secretary_of_state must approve corporate_plan",
        "permanent_secretary must approve corporate_plan",
    ],
    "manifest": {"review_by": "2011-12-31"},
}


@pytest.fixture(scope="module")
def sarif_run(tmp_path_factory: pytest.TempPathFactory, sarif_schema_path: Path) -> dict[str, Any]:
    folder = build_document(tmp_path_factory.mktemp("sarif") / "doc", CASE)
    baseline = folder.parent / "baseline.json"
    assert main(["check", str(folder), "--today", "2024-01-01", "--write-baseline", str(baseline),
                 "--format", "json", "-o", str(folder.parent / "first.json")]) == 1
    data = json.loads(baseline.read_text(encoding="utf-8"))
    # accept only the competing approval, as a team would after reviewing it
    data["findings"] = [e for e in data["findings"] if e["code"] == "CON003"]
    assert len(data["findings"]) == 1
    baseline.write_text(json.dumps(data, indent=2), encoding="utf-8")
    outputs = []
    for name in ("a.sarif", "b.sarif"):
        out = folder.parent / name
        main(["check", str(folder), "--today", "2024-01-01", "--baseline", str(baseline),
              "--format", "sarif", "-o", str(out)])
        outputs.append(out.read_bytes())
    schema = json.loads(sarif_schema_path.read_text(encoding="utf-8"))
    return {"sarif": json.loads(outputs[0]), "raw": outputs, "schema": schema}


def test_sarif_validates_against_the_official_schema(sarif_run: dict[str, Any]) -> None:
    validator_class = jsonschema.validators.validator_for(sarif_run["schema"])
    validator_class.check_schema(sarif_run["schema"])
    errors = sorted(validator_class(sarif_run["schema"]).iter_errors(sarif_run["sarif"]), key=str)
    assert errors == [], "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    assert sarif_run["sarif"]["version"] == "2.1.0"


def test_sarif_is_deterministic(sarif_run: dict[str, Any]) -> None:
    assert sarif_run["raw"][0] == sarif_run["raw"][1]


def test_rules_carry_metadata(sarif_run: dict[str, Any]) -> None:
    run = sarif_run["sarif"]["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert {"SOD003", "CON001", "CON003", "DAT001"} <= set(rules)
    for rule in rules.values():
        assert rule["name"] and rule["shortDescription"]["text"]
        assert "Why it matters" in rule["help"]["text"] and rule["help"]["markdown"]
    assert rules["CON001"]["name"] == "deontic-contradiction"
    assert rules["CON001"]["defaultConfiguration"]["level"] == "error"
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_results_have_places_and_fingerprints(sarif_run: dict[str, Any]) -> None:
    results = sarif_run["sarif"]["runs"][0]["results"]
    by_code = {r["ruleId"]: r for r in results}
    contradiction = by_code["CON001"]
    assert contradiction["level"] == "error"
    assert contradiction["locations"][0]["physicalLocation"]["region"]["startLine"] > 0
    assert contradiction["locations"][0]["logicalLocations"][0]["name"].startswith("statement-")
    assert len(contradiction["relatedLocations"]) == 1
    prints = [r["partialFingerprints"]["fwdoc/v1"] for r in results]
    assert len(prints) == len(set(prints)) and all(len(p) == 32 for p in prints)


def test_suppressed_findings_are_reported_with_suppressions(sarif_run: dict[str, Any]) -> None:
    results = sarif_run["sarif"]["runs"][0]["results"]
    by_code = {r["ruleId"]: r for r in results}
    in_source = by_code["SOD003"]["suppressions"][0]
    assert in_source["kind"] == "inSource"
    assert "do not dilute" in in_source["justification"]
    assert by_code["SOD003"]["level"] == "note"  # acknowledged: shown as info
    external = by_code["CON003"]["suppressions"][0]
    assert external["kind"] == "external" and "baseline" in external["justification"]
    assert "suppressions" not in by_code["CON001"]
