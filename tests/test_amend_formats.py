"""`fwdoc amend` on two folders, in every output format, and its usage errors.

The case: the small fixture document (tests/fixtures/amend/mini), amended so that the
Permanent Secretary, not the Secretary of State, approves the Corporate Plan, approved only
by the Permanent Secretary.  The markdown comment is compared with a golden file (set
FWDOC_UPDATE_GOLDEN=1 to rewrite it after a deliberate change).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from checker.cli import cli

MINI = Path(__file__).parent / "fixtures" / "amend" / "mini"
GOLDEN = Path(__file__).parent / "fixtures" / "amend" / "golden"
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "schemas" / "sarif-schema-2.1.0.json"


def fwdoc(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/base and tmp/head (amended and recorded); the working folder is tmp."""
    shutil.copytree(MINI, tmp_path / "base")
    shutil.copytree(MINI, tmp_path / "head")
    part = tmp_path / "head" / "parts" / "governance.yaml"
    data = yaml.safe_load(part.read_text(encoding="utf-8"))
    minister = data["clauses"][0]
    minister["text"] = minister["text"].replace("The Secretary of State approves", "The Permanent Secretary approves")
    minister["rules"] = minister["rules"].replace("secretary_of_state must approve", "permanent_secretary must approve")
    part.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = fwdoc("amend", "record", "head", "--base-dir", "base", "--id", "2021-01-plan-approval",
                      "--title", "The Permanent Secretary approves the Corporate Plan",
                      "--rationale", "The Secretary of State delegates the approval.",
                      "--proposer", "permanent_secretary", "--proposed", "2021-01-04", "--in-force", "2021-04-01",
                      "--status", "approved", "--approval", "permanent_secretary:2021-02-01:Minute PS/21/1")
    assert code == 0, out
    assert out == "head/amendments/2021-01-plan-approval.yaml: amendment '2021-01-plan-approval' recorded " \
                  "(1 changed, 0 added, 0 removed, 0 moved)\n"
    return tmp_path


def test_the_record_written_from_the_change(folders: Path) -> None:
    data = yaml.safe_load((folders / "head" / "amendments" / "2021-01-plan-approval.yaml").read_text())
    assert data["changes"] == {"added": [], "removed": [], "changed": ["the-minister"], "moved": []}
    assert data["summary"] == ["Changed: approval of the Corporate Plan moves from the Secretary of State to "
                               "the Permanent Secretary."]
    assert set(data["before"]["clauses"]) == {"the-minister"}
    assert "The Secretary of State approves" in data["before"]["clauses"]["the-minister"]["text"]


def test_markdown_comment(folders: Path) -> None:
    code, text = fwdoc("amend", "base", "head")
    assert code == 1
    golden = GOLDEN / "mini-missing-approval.md"
    if os.environ.get("FWDOC_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert fwdoc("amend", "base", "head")[1] == text  # deterministic


def test_json(folders: Path) -> None:
    code, out = fwdoc("amend", "base", "head", "--format", "json")
    payload = json.loads(out)
    assert (code, payload["verdict"], payload["acceptable"]) == (1, "not acceptable", False)
    assert [f["code"] for f in payload["findings"]] == ["AMD002"]
    assert payload["findings"][0]["file"] == "head/amendments/2021-01-plan-approval.yaml"
    assert payload["semantic"][0]["before"] == "secretary_of_state must approve corporate_plan annually"
    assert payload["changes"][0]["words"] == [
        {"op": "=", "text": "The "}, {"op": "-", "text": "Secretary of State"},
        {"op": "+", "text": "Permanent Secretary"},
        {"op": "=", "text": " approves the Corporate Plan each year and is accountable to Parliament for the Agency."}]
    assert payload["summary"]["blocking"] == 1


def test_github_annotations_and_job_summary(folders: Path) -> None:
    summary = folders / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    code, out = fwdoc("amend", "base", "head", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("::error file=head/amendments/2021-01-plan-approval.yaml,line=")
    assert ",title=AMD002 missing-approval::the amendment '2021-01-plan-approval' changes Section 1" in lines[0]
    assert lines[-1] == "::notice title=fwdoc amend::the amendment is not acceptable (1 blocking problem)"
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## ❌ fwdoc amend: not acceptable")
    assert written.removeprefix("earlier step\n") == fwdoc("amend", "base", "head")[1]


def test_sarif_validates_against_the_official_schema(folders: Path) -> None:
    code, out = fwdoc("amend", "base", "head", "--format", "sarif")
    assert code == 1
    payload = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(payload)
    run = payload["runs"][0]
    assert run["tool"]["driver"]["name"] == "fwdoc amend"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["AMD002"]
    assert run["results"][0]["partialFingerprints"]["fwdoc/v1"]
    assert run["properties"]["verdict"] == "not acceptable"


def test_one_run_writes_every_format_asked_for(folders: Path) -> None:
    (folders / "out").mkdir()  # fwdoc does not create the folder an output goes into
    code, out = fwdoc("amend", "base", "head", "--format", "github", "--summary", "out/comment.md",
                      "--write", "sarif:out/amend.sarif", "--write", "json:out/amend.json")
    assert code == 1
    assert (folders / "out" / "comment.md").read_text() == fwdoc("amend", "base", "head")[1]
    assert json.loads((folders / "out" / "amend.sarif").read_text())["version"] == "2.1.0"
    assert json.loads((folders / "out" / "amend.json").read_text())["verdict"] == "not acceptable"


def test_approved_as_the_rules_require_it_is_accepted(folders: Path) -> None:
    code, out = fwdoc("amend", "record", "head", "--base-dir", "base", "--id", "2021-01-plan-approval",
                      "--approval", "secretary_of_state:2021-02-02:Letter", "--approval",
                      "treasury_minister:2021-02-03:Letter")
    assert code == 0, out
    code, out = fwdoc("amend", "base", "head", "--format", "json")
    payload = json.loads(out)
    assert (code, payload["verdict"]) == (0, "acceptable"), payload["findings"]
    assert [(a["actor"], a["given"], a["parts"]) for a in payload["approvals"]] == [
        ("secretary_of_state", True, ["Section 1"]), ("treasury_minister", True, ["Section 1"]),
        ("permanent_secretary", True, [])]


def test_no_change_is_acceptable(folders: Path) -> None:
    code, out = fwdoc("amend", "base", "base")
    assert code == 0
    assert out.startswith("## ➖ fwdoc amend: no change")


USAGE = [
    (("amend", "base"), "give two document folders (BASE HEAD), or --base REF [PATH]"),
    (("amend", "base", "nowhere"), "nowhere: not a folder"),
    (("amend", "base", "head", "--format", "xml"), "unknown format 'xml'"),
    (("amend", "base", "head", "--write", "sarif"), "--write 'sarif': expected FORMAT:FILE"),
    (("amend", "--base", "main", "head"), "not a git repository"),
    (("amend", "record", "head", "--id", "x-1"), "--base REF or --base-dir FOLDER"),
    (("amend", "record", "head", "--base-dir", "base", "--id", "Bad Id"), "expected a slug"),
    (("amend", "record", "head", "--base-dir", "base", "--id", "new-one"), "a new record needs --title and --proposer"),
    (("amend", "record", "head", "--base-dir", "base", "--id", "2021-01-plan-approval", "--approval", "x"),
     "expected ACTOR:DATE[:REFERENCE]"),
    (("amend", "record", "head", "--base-dir", "base", "--id", "x-2", "--title", "T", "--proposer",
      "chief_executive", "--status", "approved"),
     "the record 'x-2' would not be valid: the record: 'in_force' is required; the record: 'approvals' is required"),
    (("history", "9.9", "--document", "head"), "'9.9' is not a clause id or number"),
]


@pytest.mark.parametrize("args, message", USAGE)
def test_usage_errors_exit_2(folders: Path, args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_a_later_change_to_the_record_alone(folders: Path) -> None:
    """After the merge the record's status may change; its history may not."""
    code, _ = fwdoc("amend", "record", "head", "--base-dir", "base", "--id", "2021-01-plan-approval",
                    "--approval", "secretary_of_state:2021-02-02:Letter", "--approval", "treasury_minister:2021-02-03:Letter")
    assert code == 0
    shutil.copytree(folders / "head", folders / "merged")
    path = folders / "head" / "amendments" / "2021-01-plan-approval.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: approved", "status: in-force"), encoding="utf-8")
    code, out = fwdoc("amend", "merged", "head", "--format", "json")
    payload = json.loads(out)
    assert (code, payload["verdict"]) == (0, "acceptable"), payload["findings"]
    assert payload["changes"] == [] and [r["status"] for r in payload["records"]] == ["in-force"]

    path.write_text(path.read_text(encoding="utf-8").replace("changed:\n    - the-minister", "changed:\n    - the-chief-executive"),
                    encoding="utf-8")
    code, out = fwdoc("amend", "merged", "head", "--format", "json")
    payload = json.loads(out)
    assert code == 1
    assert any(f["code"] == "AMD015" and "edits 'changes' of the earlier amendment record '2021-01-plan-approval'"
               in f["message"] for f in payload["findings"])
