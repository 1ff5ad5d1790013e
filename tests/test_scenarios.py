"""Conflict scenarios written the way amendments are phrased (synonyms, offices for holders,
groups, conditions and dates written two ways), loaded through the real loader: each one that
must fire fires with its code, citing both places; each look-alike stays quiet.

The data is tests/fixtures/scenarios/*.yaml: a list of scenarios, each with `rules` (one clause
per rule, "1.N"), optional `actors`/`objects` added to _registers.yaml, and either `fires: CODE`
(with `cites`: the statements the finding must point at, `severity` if not the check's own) or
nothing (a look-alike: no finding of the conflict families)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.checks import REGISTRY, Context, run_checks
from checker.findings import Severity
from checker.loader import load_document
from tests.test_checks_fixtures import build_document

SCENARIOS = Path(__file__).parent / "fixtures" / "scenarios"
REGISTERS = yaml.safe_load((SCENARIOS / "_registers.yaml").read_text(encoding="utf-8"))
FAMILIES = ("CON", "PRO", "DEL", "ACC", "SOD")
CODES = {code for code in REGISTRY if code.startswith(FAMILIES)}


def _scenarios() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(SCENARIOS.glob("[a-z]*.yaml")):
        for index, scenario in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")), start=1):
            out.append((f"{path.stem}-{index}-{scenario['name'].replace(' ', '_')}", scenario))
    return out


ALL = _scenarios()


def _case(scenario: dict[str, Any]) -> dict[str, Any]:
    return {
        "base": False,
        "actors": REGISTERS["actors"] + scenario.get("actors", []),
        "objects": REGISTERS["objects"] + scenario.get("objects", []),
        "manifest": {"published": "2008-07-01", "conditions": "conditions.yaml"},
        "files": {"conditions.yaml": {"conditions": REGISTERS["conditions"]}},
        "rules": scenario["rules"],
    }


@pytest.mark.parametrize("name, scenario", ALL, ids=[n for n, _ in ALL])
def test_scenario(tmp_path: Path, name: str, scenario: dict[str, Any]) -> None:
    result = load_document(build_document(tmp_path / "doc", _case(scenario)))
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert result.document is not None and not errors, [f"{f.location} {f.message}" for f in errors]
    findings = [f for f in run_checks(result.document, Context(), select=CODES)]
    shown = "\n".join(f"{f.code} {f.severity} {f.message}" for f in findings)
    code = scenario.get("fires")
    if code is None:
        assert findings == [], f"a look-alike raised findings:\n{shown}"
        return
    hits = [f for f in findings if f.code == code]
    assert hits, f"{code} did not fire; found:\n{shown}"
    wanted = {f"statement-{i}" for i in scenario.get("cites", [])}
    severity = Severity.parse(scenario.get("severity", str(REGISTRY[code].severity)))
    assert any(wanted <= {loc.clause for loc in f.locations} and f.severity is severity for f in hits), \
        f"no {code} finding cites statements {sorted(wanted)} with severity {severity}:\n" + "\n".join(
            f"{f.severity} {[loc.clause for loc in f.locations]} {f.message}" for f in hits)


def test_the_suite_is_large_enough() -> None:
    fires = [s for _, s in ALL if "fires" in s]
    quiet = [s for _, s in ALL if "fires" not in s]
    assert len(fires) >= 40 and len(quiet) >= 20, (len(fires), len(quiet))
    assert {s["fires"] for s in fires} >= {"CON001", "CON002", "CON003", "CON004", "CON005", "CON006",
                                           "PRO001", "PRO002", "PRO003", "PRO004", "DEL001", "DEL002",
                                           "DEL005", "DEL007", "ACC001", "SOD001", "SOD002"}
