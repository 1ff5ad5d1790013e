"""Verified approvals: `fwdoc amend --reviews` against the approvers map of BASE.

The case: the small fixture document (tests/fixtures/amend/mini) with an approvers map, amended
in Section 1 (main body: the Secretary of State and the Treasury Minister must agree), the
record claiming both approvals.  The reviews are what the GitHub REST API returns; each test
attacks one way an approval could be borrowed: a stale commit, a withdrawn approval, a
reviewer who holds no office, a map the pull request rewrites, an unresolved team, a file
that is not what the API returns.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.amend import reviews
from checker.cli import cli

MINI = Path(__file__).parent / "fixtures" / "amend" / "mini"
HEAD_SHA = "a" * 40
EARLIER_SHA = "b" * 40
MAP = {"approvers": {"secretary_of_state": ["sos-Login"], "treasury_minister": ["hmt/ministers"],
                     "principal_accounting_officer": ["pao"]}}


def fwdoc(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _with_map(folder: Path, data: Any = MAP, name: str = "approvers.yaml") -> None:
    manifest = folder / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + f"approvers: {name}\n", encoding="utf-8")
    if data is not None:
        (folder / name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/base and tmp/head: a main-body amendment whose record claims both approvals."""
    shutil.copytree(MINI, tmp_path / "base")
    _with_map(tmp_path / "base")
    shutil.copytree(tmp_path / "base", tmp_path / "head")
    part = tmp_path / "head" / "parts" / "governance.yaml"
    data = yaml.safe_load(part.read_text(encoding="utf-8"))
    minister = data["clauses"][0]
    minister["text"] = minister["text"].replace("The Secretary of State approves", "The Permanent Secretary approves")
    minister["rules"] = minister["rules"].replace("secretary_of_state must approve", "permanent_secretary must approve")
    part.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = fwdoc("amend", "record", "head", "--base-dir", "base", "--id", "2021-01-plan-approval",
                           "--title", "The Permanent Secretary approves the Corporate Plan",
                           "--proposer", "permanent_secretary", "--proposed", "2021-01-04",
                           "--in-force", "2021-04-01", "--status", "approved",
                           "--approval", "secretary_of_state:2021-02-01:Letter",
                           "--approval", "treasury_minister:2021-02-02:Letter")
    assert code == 0, out + err
    assert fwdoc("amend", "base", "head")[0] == 0  # acceptable on the record's word
    return tmp_path


def review(login: str, state: str = "APPROVED", commit: str = HEAD_SHA, at: str = "2021-02-03T10:00:00Z") -> dict[str, Any]:
    return {"id": 1, "user": {"login": login, "type": "User"}, "body": "", "state": state,
            "submitted_at": at, "commit_id": commit, "author_association": "MEMBER"}


def amend(folders: Path, items: Any, *extra: str, teams: Any = None) -> tuple[int, dict[str, Any], str]:
    path = folders / "reviews.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    args = ["amend", "base", "head", "--format", "json", "--reviews", str(path), "--head-commit", HEAD_SHA]
    if teams is not None:
        (folders / "teams.json").write_text(json.dumps(teams), encoding="utf-8")
        args += ["--team-members", str(folders / "teams.json")]
    code, out, err = fwdoc(*args, *extra)
    return code, (json.loads(out) if out.strip() else {}), err


def statuses(payload: dict[str, Any]) -> dict[str, str]:
    return {a["actor"]: a["status"] for a in payload["verification"]["approvals"]}


def test_approvals_by_holders_of_the_head_commit_are_verified(folders: Path) -> None:
    code, out, _ = amend(folders, [review("SOS-login"), review("hmt-minister")], "--require-verified",
                         teams={"hmt/ministers": [{"login": "hmt-minister", "id": 7}]})
    assert code == 0, out["findings"]
    assert statuses(out) == {"secretary_of_state": "verified", "treasury_minister": "verified"}
    by = {a["actor"]: a["by"] for a in out["verification"]["approvals"]}
    assert by == {"secretary_of_state": ["SOS-login"], "treasury_minister": ["hmt-minister"]}
    assert out["verification"]["approvers_file"] == "approvers.yaml"
    assert out["verdict"] == "acceptable"


def test_the_comment_says_which_approvals_were_verified(folders: Path) -> None:
    (folders / "reviews.json").write_text(json.dumps([review("sos-login")]), encoding="utf-8")
    code, text, _ = fwdoc("amend", "base", "head", "--reviews", "reviews.json", "--head-commit", HEAD_SHA)
    assert code == 0
    assert "| Approvals | 2 of 2 required, 1 verified |" in text
    assert "| Secretary of State | Section 1 | ✅ 2021-02-01 | ✅ approved by `sos-login` | Letter |" in text
    assert "| Treasury Minister | Section 1 | ✅ 2021-02-02 | ⚠️ claimed only (team not resolved) | Letter |" in text
    assert ("**Verified approvals:** 1 of 2 required, by reviews approving commit `aaaaaaaaaaaa`, against the "
            "holders in approvers.yaml of `base`: Secretary of State. Claimed by the record only: Treasury "
            "Minister (an error with `--require-verified`).") in text


def test_without_reviews_the_comment_says_nothing_was_verified(folders: Path) -> None:
    code, text, _ = fwdoc("amend", "base", "head")
    assert code == 0
    assert "| Approvals | 2 of 2 required |" in text
    assert "**Verified approvals:** none checked." in text
    assert text.count("| not checked |") == 2


def test_claimed_only_is_a_failure_with_require_verified(folders: Path) -> None:
    code, out, _ = amend(folders, [review("someone-else")])
    assert code == 0 and statuses(out) == {"secretary_of_state": "claimed", "treasury_minister": "claimed"}
    code, out, _ = amend(folders, [review("someone-else")], "--require-verified")
    assert code == 1 and out["verdict"] == "not acceptable"
    rev = [f for f in out["findings"] if f["code"] == "REV001"]
    assert len(rev) == 2 and all(f["severity"] == "error" for f in rev)
    assert all(f["file"] == "head/amendments/2021-01-plan-approval.yaml" and f["line"] > 0 for f in rev)
    [sos] = [f for f in rev if "Secretary of State" in f["message"]]
    assert "no holder (sos-Login) approved the head commit aaaaaaaaaaaa" in sos["message"]


def test_a_stale_approval_verifies_nothing(folders: Path) -> None:
    code, out, _ = amend(folders, [review("sos-login", commit=EARLIER_SHA)], "--require-verified")
    assert code == 1
    [sos] = [a for a in out["verification"]["approvals"] if a["actor"] == "secretary_of_state"]
    assert sos["status"] == "claimed" and sos["stale"] == [{"login": "sos-login", "commit": EARLIER_SHA}]
    assert any("sos-login approved an earlier commit bbbbbbbbbbbb" in f["message"] for f in out["findings"])


@pytest.mark.parametrize("sequence, verified", [
    (["APPROVED", "CHANGES_REQUESTED"], False),
    (["APPROVED", "DISMISSED"], False),
    (["APPROVED", "COMMENTED"], True),  # a comment does not withdraw an approval (as on GitHub)
    (["CHANGES_REQUESTED", "APPROVED"], True),
    (["COMMENTED"], False),
    (["PENDING"], False),
])
def test_the_latest_review_of_a_user_counts(folders: Path, sequence: list[str], verified: bool) -> None:
    items = [review("sos-login", state, at=f"2021-02-0{n + 1}T10:00:00Z") for n, state in enumerate(sequence)]
    code, out, _ = amend(folders, list(reversed(items)))  # order in the file does not matter: the dates do
    assert statuses(out)["secretary_of_state"] == ("verified" if verified else "claimed")


def test_a_missing_approval_stays_missing_and_a_verified_one_still_needs_the_record(folders: Path) -> None:
    record = folders / "head" / "amendments" / "2021-01-plan-approval.yaml"
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    data["approvals"] = [a for a in data["approvals"] if a["actor"] == "secretary_of_state"]
    record.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, out, _ = amend(folders, [review("hmt-minister")], teams={"hmt/ministers": ["hmt-minister"]})
    assert code == 1
    assert statuses(out) == {"secretary_of_state": "claimed", "treasury_minister": "verified"}
    assert [f["code"] for f in out["findings"]] == ["AMD002"]  # the record is the documentary history
    code, out, _ = amend(folders, [])
    assert statuses(out) == {"secretary_of_state": "claimed", "treasury_minister": "missing"}


def test_an_office_approves_as_its_holder(folders: Path) -> None:
    """The map may name an office: its holders verify the approvals of the actor holding it."""
    rules = folders / "base" / "parts" / "introduction.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        "agreement of secretary_of_state and treasury_minister", "agreement of permanent_secretary"),
        encoding="utf-8")
    shutil.copy(rules, folders / "head" / "parts" / "introduction.yaml")
    code, out, _ = amend(folders, [review("pao")])
    assert statuses(out) == {"permanent_secretary": "verified"}


def test_a_pull_request_cannot_make_its_author_a_holder(folders: Path) -> None:
    """The map of BASE judges: HEAD adding the author as holder verifies nothing, and is reported."""
    data = json.loads(json.dumps(MAP))
    data["approvers"]["secretary_of_state"].append("mallory")
    (folders / "head" / "approvers.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    code, out, _ = amend(folders, [review("mallory")], "--require-verified")
    assert code == 1
    assert statuses(out)["secretary_of_state"] == "claimed"
    [changed] = [f for f in out["findings"] if f["code"] == "REV002"]
    assert changed["severity"] == "warning" and "secretary_of_state" in changed["message"]
    assert changed["file"] == "head/approvers.yaml"


def test_a_map_outside_the_document_folder_is_refused(folders: Path) -> None:
    outside = folders / "elsewhere.yaml"
    outside.write_text(yaml.safe_dump(MAP), encoding="utf-8")
    for name in ("base", "head"):
        (folders / name / "approvers.yaml").unlink()
        (folders / name / "approvers.yaml").symlink_to(outside)
    code, _, err = amend(folders, [review("sos-login")])
    assert code == 2 and "approvers.yaml' is a link that leaves the document folder" in err
    code, out, _ = fwdoc("amend", "base", "head", "--format", "json")  # without reviews: the head's problem
    assert [f["code"] for f in json.loads(out)["findings"]] == []  # base had it too: not blamed
    (folders / "base" / "approvers.yaml").unlink()
    shutil.copy(outside, folders / "base" / "approvers.yaml")
    code, out, _ = fwdoc("amend", "base", "head", "--format", "json")
    found = {f["code"]: f for f in json.loads(out)["findings"]}
    # the map HEAD points at is a link out; and changing the map is an amendment the record must list
    assert code == 1 and set(found) == {"REV002", "REV003", "AMD003"}
    assert found["REV003"]["file"] == "head/manifest.yaml"


def test_a_map_naming_an_unknown_office_is_reported_with_its_place(folders: Path) -> None:
    data = {"approvers": {**MAP["approvers"], "secretary_of_stat": ["x"]}}
    (folders / "head" / "approvers.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, out, _ = fwdoc("amend", "base", "head", "--format", "json")
    bad = [f for f in json.loads(out)["findings"] if f["code"] == "REV003"]
    line = (folders / "head" / "approvers.yaml").read_text(encoding="utf-8").splitlines().index("  secretary_of_stat:")
    assert len(bad) == 1 and bad[0]["line"] == line + 1 and bad[0]["column"] == 3 and "did you mean 'secretary_of_state'" in bad[0]["message"]
    (folders / "base" / "approvers.yaml").write_text("approvers:\n  secretary_of_state: ['not a login']\n",
                                                     encoding="utf-8")
    code, _, err = amend(folders, [])
    assert code == 2 and "base" in err and "approvers.yaml:2:" in err


@pytest.mark.parametrize("content, message", [
    ("{not json", "the reviews file is not valid JSON"),
    ('{"reviews": []}', "expected a JSON array of review objects"),
    ("[1]", "review 1: expected a review object, found a number"),
    ('[{"user": {"login": "a b"}, "state": "APPROVED"}]', "review 1: expected 'user.login' to be a GitHub login"),
    ('[{"user": {"login": "ab"}, "state": "LGTM"}]', "expected 'state' to be one of APPROVED"),
    ('[{"user": {"login": "ab"}, "state": "APPROVED", "commit_id": "HEAD"}]', "expected 'commit_id' to be a commit SHA"),
    ("\xff", "the reviews file is not UTF-8"),
])
def test_a_malformed_reviews_file_is_exit_2(folders: Path, content: str, message: str) -> None:
    (folders / "reviews.json").write_bytes(content.encode("latin-1"))
    code, out, err = fwdoc("amend", "base", "head", "--reviews", "reviews.json", "--head-commit", HEAD_SHA)
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_the_reviews_file_is_read_through_a_bounded_read(folders: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reviews, "MAX_JSON_BYTES", 100)
    (folders / "reviews.json").write_text(json.dumps([review("sos-login")] * 3), encoding="utf-8")
    code, _, err = fwdoc("amend", "base", "head", "--reviews", "reviews.json", "--head-commit", HEAD_SHA)
    assert code == 2 and "over 100 bytes" in err
    os.mkfifo(folders / "fifo")  # a FIFO would block a plain read for ever
    code, _, err = fwdoc("amend", "base", "head", "--reviews", "fifo", "--head-commit", HEAD_SHA)
    assert code == 2 and "must be a regular file" in err
    code, _, err = fwdoc("amend", "base", "head", "--reviews", str(folders), "--head-commit", HEAD_SHA)
    assert code == 2 and "must be a regular file" in err


@pytest.mark.parametrize("args, message", [
    (["--require-verified"], "--require-verified needs --reviews FILE"),
    (["--reviews", "reviews.json"], "--reviews needs --head-commit SHA"),
    (["--reviews", "reviews.json", "--head-commit", "main"], "'main' is not one"),
    (["--reviews", "reviews.json", "--head-commit", HEAD_SHA, "--team-members", "reviews.json"],
     "expected a JSON object mapping team slugs"),
])
def test_review_options_are_checked(folders: Path, args: list[str], message: str) -> None:
    (folders / "reviews.json").write_text("[]", encoding="utf-8")
    code, _, err = fwdoc("amend", "base", "head", *args)
    assert code == 2 and message in err


# -- properties of the reader and the verification ---------------------------------------------

_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                     max_leaves=20)


@given(_JSON)
@settings(max_examples=300, deadline=None)
def test_any_json_is_read_or_refused_with_a_message(data: Any) -> None:
    try:
        reviews.parse_reviews(data)
    except reviews.ReviewsError as err:
        assert str(err).startswith("the reviews file")
    try:
        reviews.parse_team_members(data)
    except reviews.ReviewsError as err:
        assert str(err).startswith("the team members file")


_LOGINS = ["sos-login", "SOS-LOGIN", "pao", "mallory", "hmt-minister"]
_REVIEW = st.builds(lambda login, state, commit, day: review(login, state, commit, f"2021-02-{day:02d}T00:00:00Z"),
                    st.sampled_from(_LOGINS), st.sampled_from(reviews.STATES), st.sampled_from([HEAD_SHA, EARLIER_SHA]),
                    st.integers(1, 28))


@given(st.lists(_REVIEW, max_size=12), st.booleans())
@settings(max_examples=300, deadline=None)
def test_verified_means_a_holders_latest_standing_approves_the_head(items: list[dict[str, Any]], teams: bool) -> None:
    from checker.amend.judge import ApprovalLine

    approvers = reviews.Approvers("approvers.yaml", {"secretary_of_state": ("sos-login",),
                                                     "treasury_minister": ("hmt/ministers",)}, {})
    lines = [ApprovalLine("secretary_of_state", "Secretary of State", ("Section 1",), "r", "2021-02-01"),
             ApprovalLine("treasury_minister", "Treasury Minister", ("Section 1",), None),
             ApprovalLine("permanent_secretary", "Permanent Secretary", (), "r", "2021-02-01")]
    parsed = reviews.parse_reviews(items)
    checks = reviews.verify(lines, approvers, parsed, HEAD_SHA, {"hmt/ministers": frozenset({"hmt-minister"})} if teams else {})
    assert [c.actor for c in checks] == ["secretary_of_state", "treasury_minister"]  # required ones only
    for check, members in zip(checks, [{"sos-login"}, {"hmt-minister"} if teams else set()], strict=True):
        standing = {}
        for r in sorted(parsed, key=lambda r: (r.submitted_at, r.index)):
            if r.state in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED"):
                standing[r.user] = r
        approving = {u for u, r in standing.items() if u in members and r.state == "APPROVED" and r.commit_id == HEAD_SHA}
        assert (check.status == "verified") == bool(approving)
        assert {b.lower() for b in check.by} == approving
        if not approving:
            assert check.status == ("claimed" if check.recorded else "missing")


def test_every_review_code_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "amendments.md").read_text(encoding="utf-8")
    for code, (name, severity, help_text) in reviews.CODES.items():
        assert f"| {code} | {name} | {severity} |" in doc, code
        assert help_text.endswith(".") and len(help_text.split()) >= 8, code


def test_the_approvers_schema_is_a_valid_schema_and_the_manifest_accepts_the_key() -> None:
    from jsonschema import Draft202012Validator

    from checker.load.schema import is_valid, validator

    Draft202012Validator.check_schema(validator("approvers").schema)
    assert is_valid(MAP, "approvers")
    for bad in ({"approvers": {}}, {"approvers": {"x": []}}, {"approvers": {"x": ["a b"]}},
                {"approvers": {"x": ["-a"]}}, {"approvers": {"X": ["a"]}}, {"approvers": {"x": ["org/"]}},
                {"approvers": {"x": ["a", "a"]}}, {"holders": {}}):
        assert not is_valid(bad, "approvers"), bad
    manifest = yaml.load((MINI / "manifest.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert is_valid(manifest, "manifest")
    assert is_valid({**manifest, "approvers": "approvers.yaml"}, "manifest")
    for bad_path in ("/etc/approvers.yaml", "../approvers.yaml", "approvers.json", "a/../b.yaml"):
        assert not is_valid({**manifest, "approvers": bad_path}, "manifest"), bad_path
