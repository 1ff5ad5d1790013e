"""Acknowledgements in the source and baseline files: findings are kept, marked suppressed,
with the reason, in every output; stale or broken suppressions are reported themselves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.checks import Context, run_checks
from checker.cli import main
from checker.findings import Severity
from checker.loader import load_document
from tests.test_checks_fixtures import build_document

SUPERVISION = ["omsb supervises noms_agency", "director_general is member of omsb",
               "director_general is responsible for noms_agency"]


def _ack(text: str) -> dict[str, Any]:
    return {"text": "The workings of the Board do not dilute the Director General's responsibilities.\n",
            "rules": f'"do not dilute":\n  {text}\n'}


def _findings(tmp_path: Path, case: dict[str, Any]) -> list[Any]:
    result = load_document(build_document(tmp_path / "doc", case))
    assert result.document is not None
    assert not [f for f in result.findings if f.severity is Severity.ERROR], result.findings
    return run_checks(result.document, Context())


def test_acknowledged_finding_is_reported_suppressed_as_info(tmp_path: Path) -> None:
    reason = "the workings of the Board do not dilute the Director General's responsibilities"
    findings = _findings(tmp_path, {"rules": [*SUPERVISION, _ack(
        f'acknowledge SOD003 for director_general because "{reason}"')]})
    sod = [f for f in findings if f.code == "SOD003"]
    assert len(sod) == 1
    assert sod[0].suppression is not None and sod[0].suppression.kind == "inSource"
    assert sod[0].suppression.reason == f"{reason} (acknowledged in 1.4)"
    assert sod[0].suppression.location is not None and sod[0].suppression.location.clause == "statement-4"
    assert sod[0].severity is Severity.INFO
    assert not [f for f in findings if f.code.startswith("ACK")]


def test_acknowledgement_that_matches_nothing_is_reported(tmp_path: Path) -> None:
    findings = _findings(tmp_path, {"rules": [*SUPERVISION, _ack(
        'acknowledge SOD003 for permanent_secretary because "a reason"')]})
    sod = [f for f in findings if f.code == "SOD003"]
    assert sod and sod[0].suppression is None and sod[0].severity is Severity.WARNING
    unused = [f for f in findings if f.code == "ACK002"]
    assert len(unused) == 1 and "matches no finding" in unused[0].message
    assert unused[0].location.line > 0


def test_acknowledgement_of_an_unknown_code_is_an_error(tmp_path: Path) -> None:
    findings = _findings(tmp_path, {"rules": [*SUPERVISION, _ack(
        'acknowledge SOD033 for director_general because "a reason"')]})
    unknown = [f for f in findings if f.code == "ACK003"]
    assert len(unknown) == 1 and unknown[0].severity is Severity.ERROR and "SOD033" in unknown[0].message


def test_acknowledgement_without_names_matches_its_own_clause(tmp_path: Path) -> None:
    case = {"rules": [{"text": "The Board supervises the Agency, on which the Director General sits.\n",
                       "rules": '"supervises the Agency":\n'
                                "  omsb supervises noms_agency\n"
                                "  director_general is member of omsb\n"
                                "  director_general is responsible for noms_agency\n"
                                '  acknowledge SOD003 because "the Board\'s workings do not dilute the DG"\n'}]}
    findings = _findings(tmp_path, case)
    sod = [f for f in findings if f.code == "SOD003"]
    assert len(sod) == 1 and sod[0].suppression is not None


def _cli(*args: str) -> int:
    return main(["check", *args])


def test_baseline_round_trip(tmp_path: Path, capsys: Any) -> None:
    folder = build_document(tmp_path / "doc", {"rules": SUPERVISION + ["director_general must publish annual_report",
                                                                       "director_general must not publish annual_report"]})
    baseline = tmp_path / "baseline.json"
    assert _cli(str(folder), "--write-baseline", str(baseline)) == 1  # CON001 is an error
    capsys.readouterr()
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert {e["code"] for e in data["findings"]} >= {"CON001", "SOD003"}
    assert all(len(e["fingerprint"]) == 32 and e["reason"] for e in data["findings"])
    # with the baseline every finding is suppressed: the build passes even on warnings
    assert _cli(str(folder), "--baseline", str(baseline), "--fail-on", "warning", "--format", "json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] and all(f["suppression"]["kind"] == "external" for f in report["findings"])
    assert report["summary"]["suppressed"] == len(report["findings"])
    # the text format says so on every line
    assert _cli(str(folder), "--baseline", str(baseline)) == 0
    text = capsys.readouterr().out
    assert text.count("(suppressed: accepted when the baseline was written") == len(report["findings"])


def test_stale_and_broken_baselines_are_reported(tmp_path: Path, capsys: Any) -> None:
    folder = build_document(tmp_path / "doc", {"rules": SUPERVISION})
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps({"findings": [{"fingerprint": "0" * 32, "code": "CON001"}]}), encoding="utf-8")
    _cli(str(folder), "--baseline", str(stale), "--format", "json")
    report = json.loads(capsys.readouterr().out)
    codes = [f["code"] for f in report["findings"]]
    assert "BAS002" in codes and "SOD003" in codes
    bas = next(f for f in report["findings"] if f["code"] == "BAS002")
    assert bas["file"].endswith("stale.json") and bas["line"] == 1
    broken = tmp_path / "broken.json"
    broken.write_text('{"findings": [\n  {"fingerprint": }\n]}\n', encoding="utf-8")
    assert _cli(str(folder), "--baseline", str(broken), "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    bad = [f for f in report["findings"] if f["code"] == "BAS001"]
    assert len(bad) == 1 and bad[0]["line"] == 2 and bad[0]["column"] > 1
    assert _cli(str(folder), "--baseline", str(tmp_path / "missing.json")) == 2
