"""`fwdoc amend` on real git repositories built from the real framework/ folder.

Each scenario makes an amendment on a branch, the way a policy team would (edit the part
files, write the record with `fwdoc amend record`), then judges it with
`fwdoc amend --base main` and asserts the verdict and the message, not only the exit code.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "amend"))
from gitrepo import Repo, ensure_amendment_rules  # noqa: E402

from checker.cli import cli  # noqa: E402

MAIN_BODY_APPROVERS = ("secretary_of_state", "chief_secretary_to_the_treasury")
ANNEX_APPROVERS = ("permanent_secretary", "director_general")
REVIEW_OBJECT = "fwdoc_test_delegation_letter"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    repo = Repo.create(tmp_path)
    ensure_amendment_rules(repo)
    repo.branch("amendment")
    monkeypatch.chdir(repo.root)
    return repo


def fwdoc(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def amend(*extra: str) -> tuple[int, dict[str, Any]]:
    code, out = fwdoc("amend", "--base", "main", "--format", "json", *extra)
    return code, json.loads(out)


def record(record_id: str, *approvals: str, in_force: str = "2009-04-01", reviewed: tuple[str, ...] = (),
           status: str = "approved") -> None:
    args = ["amend", "record", "--base", "main", "--id", record_id, "--title", f"Amendment {record_id}",
            "--rationale", "A test amendment.", "--proposer", "director_general", "--proposed", "2009-01-05",
            "--in-force", in_force, "--status", status]
    for approval in approvals:
        args += ["--approval", approval]
    for clause in reviewed:
        args += ["--rules-reviewed", clause]
    code, out = fwdoc(*args)
    assert code == 0, out
    assert f"amendment '{record_id}' recorded" in out


def approvals(*actors: str, day: str = "2009-02-02") -> list[str]:
    return [f"{actor}:{day}:Letter {n}" for n, actor in enumerate(actors, start=1)]


def add_object(repo: Repo, object_id: str, name: str) -> None:
    path = repo.doc_dir / "objects.yaml"
    if f"id: {object_id}\n" not in path.read_text(encoding="utf-8"):
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"  - id: {object_id}\n    name: {name}\n    kind: document\n")


def append_clause(repo: Repo, parent: str, clause: dict[str, Any]) -> None:
    repo._edit(parent, lambda node, _: node.setdefault("clauses", []).append(clause))


def review_clause(clause_id: str = "review-of-delegations") -> dict[str, Any]:
    return {
        "id": clause_id,
        "title": "Review of the Delegation Letter",
        "text": "The Permanent Secretary will review the letter of delegation each year.\n",
        "rules": f'"will review the letter of delegation":\n  permanent_secretary must review {REVIEW_OBJECT} annually\n',
    }


def codes(payload: dict[str, Any], *keys: str) -> list[str]:
    return [f["code"] for key in keys or ("findings", "introduced") for f in payload[key]]


def messages(payload: dict[str, Any], code: str) -> list[str]:
    return [f["message"] for key in ("findings", "introduced") for f in payload[key] if f["code"] == code]


def blocking(payload: dict[str, Any]) -> list[str]:
    return sorted({f["code"] for key in ("findings", "introduced") for f in payload[key]
                   if f["severity"] in ("error", "warning") and "suppression" not in f})


# -- the scenarios ----------------------------------------------------------------------------
def test_approved_annex_amendment_is_accepted(repo: Repo) -> None:
    add_object(repo, REVIEW_OBJECT, "Letter of Delegation (test)")
    append_clause(repo, "C", review_clause())
    repo.commit("Annex C: review the letter of delegation each year")
    record("2009-01-annex-c-review", *approvals(*ANNEX_APPROVERS))

    code, out = amend()
    assert (code, out["verdict"]) == (0, "acceptable"), blocking(out)
    assert blocking(out) == []
    assert [c["clause"] for c in out["changes"]] == ["review-of-delegations"]
    assert out["changes"][0]["kind"] == "added"
    assert [(r["label"], r["approvers"]) for r in out["requirements"]] == [("Annex C", list(ANNEX_APPROVERS))]
    assert all(a["given"] for a in out["approvals"])
    assert [s["kind"] for s in out["semantic"]] == ["added"]
    assert "Permanent Secretary must review" in out["semantic"][0]["text"]

    code, text = fwdoc("amend", "--base", "main")
    assert code == 0
    assert text.startswith("## ✅ fwdoc amend: acceptable")
    assert "| Approvals | 2 of 2 required |" in text


def test_main_body_amendment_approved_only_by_the_permanent_secretary_is_rejected(repo: Repo) -> None:
    add_object(repo, REVIEW_OBJECT, "Letter of Delegation (test)")
    append_clause(repo, "3", review_clause())
    repo.commit("Section 3: review the letter of delegation each year")
    record("2009-02-section-3-review", *approvals("permanent_secretary"))

    code, out = amend()
    assert (code, out["verdict"]) == (1, "not acceptable")
    [missing] = [f for f in out["findings"] if f["code"] == "AMD002"]
    document = repo.document()
    for actor in MAIN_BODY_APPROVERS:
        assert document.actors[actor].name in missing["message"]
    assert "Section 3" in missing["message"]
    assert "it has the approval of the Permanent Secretary" in missing["message"]
    given = {a["actor"]: a["given"] for a in out["approvals"]}
    assert given == {MAIN_BODY_APPROVERS[0]: False, MAIN_BODY_APPROVERS[1]: False, "permanent_secretary": True}


def test_weakening_the_amendment_rule_is_judged_by_the_base_rule(repo: Repo) -> None:
    document = repo.document()
    holder = next(r.clause for r in document.rules if r.kind == "amendment")

    def weaken(node: dict[str, Any], _: Any) -> None:
        node["rules"] = re.sub(r"amendments to (main_body|whole_document) require (approval|agreement) of [^\n]*",
                               r"amendments to \1 require \2 of director_general", node["rules"])
        node["text"] = node["text"].replace(
            "the Lord Chancellor and Secretary of State for Justice and the Chief Secretary to the Treasury",
            "the Director General of the NOMS Agency")

    repo._edit(holder, weaken)
    weakened = [r for r in repo.document().rules if r.kind == "amendment"
                and {ref.id for ref in r.objects} & {"main_body", "whole_document"}]
    assert weakened and all([ref.id for ref in r.counterparts] == ["director_general"] for r in weakened)
    repo.commit("Only the Director General agrees amendments")
    record("2009-03-dg-alone", *approvals("director_general"))

    code, out = amend()
    assert (code, out["verdict"]) == (1, "not acceptable")
    [missing] = [f for f in out["findings"] if f["code"] == "AMD002"]
    assert set(missing["locations"][0]["file"].split("/")[-1:]) == {"2009-03-dg-alone.yaml"}
    for actor in MAIN_BODY_APPROVERS:
        assert document.actors[actor].name in missing["message"]
    assert "it has the approval of the Director General" in missing["message"]
    [notice] = messages(out, "AMD009")
    assert "it is judged by the rules it replaces" in notice
    assert any("instead of" in s["text"] and s["kind"] == "changed" for s in out["semantic"])


def _competing_approval(repo: Repo) -> tuple[str, str]:
    """Add a clause whose rule makes a second actor approve what an existing clause's actor
    approves; return (the existing clause, the code of the conflict `fwdoc check` reports).

    The rival is the first actor the checks do not already relate to the approver (a member of
    its board, its delegate): for those, two approvals are a joint arrangement, not a contest.
    If the source states no approval yet, the amendment brings both clauses."""
    from checker.checks import run_checks

    document = repo.document()
    existing = [r for r in document.rules if r.kind == "obligation" and r.action == "approve"
                and r.modality == "must" and r.object_ids and not r.qualifiers]
    candidates = [(r.clause, r.object_ids[0], rival) for r in existing[:3]
                  for rival in ("hm_treasury", "parliament", "secretary_of_state", "director_general",
                                "permanent_secretary") if rival in document.actors and rival not in r.actors]
    before = {p: p.read_text(encoding="utf-8") for p in (repo.doc_dir / "parts").glob("*.yaml")}
    for clause, thing, rival in candidates:
        append_clause(repo, "C", {
            "id": "rival-approval", "title": "Rival Approval", "text": "The rival will approve it as well.\n",
            "rules": f'"will approve it as well":\n  {rival} must approve {thing}\n'})
        found = [f for f in run_checks(repo.document(), select={"CON003"})
                 if {loc.clause for loc in f.locations} >= {clause, "rival-approval"}]
        if found:
            return clause, "CON003"
        for path, text in before.items():
            path.write_text(text, encoding="utf-8")
    add_object(repo, REVIEW_OBJECT, "Letter of Delegation (test)")
    append_clause(repo, "C", {
        "id": "approval-of-the-letter", "title": "Approval of the Letter",
        "text": "The Permanent Secretary will approve the letter of delegation.\n",
        "rules": f'"will approve the letter":\n  permanent_secretary must approve {REVIEW_OBJECT}\n'})
    append_clause(repo, "C", {
        "id": "rival-approval", "title": "Rival Approval", "text": "The Treasury will approve it as well.\n",
        "rules": f'"will approve it as well":\n  hm_treasury must approve {REVIEW_OBJECT}\n'})
    return "approval-of-the-letter", "CON003"


def test_conflicting_responsibility_is_rejected_naming_both_clauses(repo: Repo) -> None:
    other_clause, code = _competing_approval(repo)
    repo.commit("A second approver")
    record("2009-04-rival", *approvals(*MAIN_BODY_APPROVERS, *ANNEX_APPROVERS))

    code_, out = amend()
    assert (code_, out["verdict"]) == (1, "not acceptable")
    conflicts = [f for f in out["introduced"] if f["code"] == code]
    assert conflicts, out["introduced"]
    places = {loc["clause"] for f in conflicts for loc in f["locations"]}
    assert {"rival-approval", other_clause} <= places
    document = repo.document()
    assert any(document.clauses[other_clause].label in f["message"] and "both approve" in f["message"]
               for f in conflicts)
    assert not [f for f in out["findings"] if f["code"] == "AMD002"]


def test_deleting_a_clause_still_referenced_elsewhere(repo: Repo) -> None:
    board = repo.clause("2.1.4")
    referrer = repo.clause("2.1.3")
    assert "2.1.4" in referrer.text
    repo.remove_clause("2.1.4")
    repo.commit("Remove the Offender Management Supervisory Board")
    record("2009-05-remove-omsb", *approvals(*MAIN_BODY_APPROVERS))

    code, out = amend()
    assert (code, out["verdict"]) == (1, "not acceptable")
    assert [c["clause"] for c in out["changes"] if c["kind"] == "removed"][0] == board.id
    [dangling] = messages(out, "AMD007")
    assert dangling == f"2.1.3 refers to 2.1.4 ({board.title}), which this amendment removes"
    # the clauses after it move up: 5.1's reference to 2.1.7 now points at 2.1.6
    assert any("refers to 2.1.7" in m and "renumbers to 2.1.6" in m for m in messages(out, "AMD006"))


def test_renumbering_reports_every_reference_not_updated(repo: Repo) -> None:
    board = repo.clause("2.1.4")
    repo.insert_clause_before("2.1.4", {
        "id": "ministerial-correspondence", "title": "Ministerial Correspondence",
        "text": "Ministerial correspondence is handled as Annex B sets out.\n"})
    repo.commit("A new 2.1.4; the clauses after it are renumbered")
    record("2009-06-correspondence", *approvals(*MAIN_BODY_APPROVERS))

    code, out = amend()
    assert (code, out["verdict"]) == (1, "not acceptable")
    stale = messages(out, "AMD006")
    assert (f"2.1.3 still refers to 2.1.4 for '{board.title}', which this amendment renumbers to 2.1.5; "
            "update the reference") in stale
    assert any(m.startswith("5.1 still refers to 2.1.7") and "renumbers to 2.1.8" in m for m in stale)
    assert {"clause": board.id, "before": "2.1.4", "after": "2.1.5"} in out["renumbered"]

    # updating the references clears them
    repo.replace_text("2.1.3", "2.1.4", "2.1.5")
    repo.replace_text("5.1", "2.1.7", "2.1.8")
    record("2009-06-correspondence", reviewed=(repo.clause("2.1.3").id, repo.clause("5.1").id))
    code, out = amend()
    assert messages(out, "AMD006") == []
    changed = {c["clause"] for c in out["changes"] if c["kind"] == "changed"}
    assert {repo.clause("2.1.3").id, repo.clause("5.1").id} <= changed


def test_a_change_without_a_record(repo: Repo) -> None:
    add_object(repo, REVIEW_OBJECT, "Letter of Delegation (test)")
    append_clause(repo, "C", review_clause())
    repo.commit("Annex C changed, no record")

    code, out = amend()
    assert (code, out["verdict"]) == (1, "not acceptable")
    [message] = messages(out, "AMD001")
    assert message.startswith("the amendment changes 1 clause and 1 register entry (first: Annex C paragraph")
    assert message.endswith("but adds no amendment record to amendments/; write one with `fwdoc amend record`")


def test_a_record_that_claims_other_clauses(repo: Repo) -> None:
    add_object(repo, REVIEW_OBJECT, "Letter of Delegation (test)")
    append_clause(repo, "C", review_clause())
    repo.commit("Annex C changed")
    record("2009-07-claims", *approvals(*ANNEX_APPROVERS))
    path = repo.doc_dir / "amendments" / "2009-07-claims.yaml"
    other = repo.clause("C.1")
    text = path.read_text()
    text = text.replace("  added:\n    - review-of-delegations\n", "  added: []\n")
    text = text.replace("  changed: []\n", f"  changed:\n    - {other.id}\n")
    path.write_text(text)

    code, out = amend()
    assert (code, out["verdict"]) == (1, "not acceptable")
    unlisted = messages(out, "AMD003")
    assert any(m.startswith("the amendment adds Annex C paragraph") and "Review of the Delegation Letter" in m
               and "which the record '2009-07-claims' does not list under changes.added" in m for m in unlisted)
    assert messages(out, "AMD004") == [
        f"the record '2009-07-claims' lists Annex C paragraph 1 {other.title} under changes.changed, "
        "but the amendment does not change it"]


def test_approvals_dated_after_the_date_in_force(repo: Repo) -> None:
    add_object(repo, REVIEW_OBJECT, "Letter of Delegation (test)")
    append_clause(repo, "C", review_clause())
    repo.commit("Annex C changed")
    record("2009-08-late", *approvals(*ANNEX_APPROVERS, day="2009-05-01"), in_force="2009-04-01")

    code, out = amend()
    assert (code, out["verdict"]) == (1, "not acceptable")
    late = messages(out, "AMD005")
    assert len(late) == 2
    assert ("the approval by the Permanent Secretary is dated 2009-05-01, after the date in force 2009-04-01: "
            "the amendment cannot be in force before it is approved") in late[0] + late[1]
    assert messages(out, "AMD002") == []


def test_a_delegated_approval_on_record(repo: Repo) -> None:
    """2.1.1: the Secretary of State's responsibilities include "approving revisions to the Agency
    Framework Document", and "the Secretary of State may delegate the responsibilities set out
    below to a junior Minister" (`secretary_of_state may delegate approve framework_document to
    junior_minister`; the introduction's amendment clause names framework_document).  A junior
    Minister's approval on the Secretary of State's behalf counts; on behalf of the Chief
    Secretary to the Treasury, or in the junior Minister's own name, it does not."""
    document = repo.document()
    assert any(r.kind == "delegation" and r.actors == ("secretary_of_state",) and r.action == "approve"
               and [c.id for c in r.counterparts] == ["junior_minister"] for r in document.rules)
    append_clause(repo, "3", review_clause())
    add_object(repo, REVIEW_OBJECT, "Letter of Delegation (test)")
    repo.commit("Section 3: review the letter of delegation each year")
    record_path = repo.doc_dir / "amendments" / "2009-09-delegated.yaml"

    def approvals_as(*lines: str) -> tuple[int, dict[str, Any]]:
        record("2009-09-delegated", "chief_secretary_to_the_treasury:2009-02-02:Letter 1",
               "junior_minister:2009-02-03:Submission JM/1")
        text = record_path.read_text(encoding="utf-8")
        record_path.write_text(text.replace("  - actor: junior_minister\n",
                                            "  - actor: junior_minister\n" + "".join(lines)), encoding="utf-8")
        return amend("--fail-on", "error")

    code, out = approvals_as("    on_behalf_of: secretary_of_state\n")
    assert messages(out, "AMD019") == [] and messages(out, "AMD002") == [], out["findings"]
    [line] = [a for a in out["approvals"] if a["actor"] == "secretary_of_state"]
    assert line["given"] and "delegated in 2.1.1" in line["reference"]

    record_path.unlink()
    code, out = approvals_as("    on_behalf_of: chief_secretary_to_the_treasury\n")
    assert (code, out["verdict"]) == (1, "not acceptable")
    [refused] = messages(out, "AMD019")
    assert "on behalf of the Chief Secretary to the Treasury" in refused and "counts for neither" in refused

    record_path.unlink()
    code, out = approvals_as()
    assert (code, out["verdict"]) == (1, "not acceptable")
    assert any("lacks the approval of the Lord Chancellor" in m for m in messages(out, "AMD002"))
