"""The holes an independent audit of the amendment gate found (issue 10), each attacked again.

Every test here failed on the gate as the audit found it; each stands for one way a
contributor walked a change through without the approvals the document requires.  Where git
matters (how BASE is read), the attack is made in a real git repository
(tests/fixtures/amend/gitrepo.py) on the small fixture document: the main body is amended with
the agreement of the Secretary of State and the Treasury Minister, the annex with that of the
Permanent Secretary and the Chief Executive.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "amend"))
sys.path.insert(0, str(Path(__file__).parent))
from gitrepo import MINI, Repo  # noqa: E402
from test_amend_attacks import (  # noqa: E402
    MAIN_BODY,
    amend,
    amend_git,
    approve_on_behalf,
    codes,
    edit_part,
    folders,
    fwdoc,
    main_body_change,
    merged,  # noqa: F401 (a fixture)
    messages,
    record,
)


# == 1. a delegation written where the delegator could be bypassed counts for nothing ============
def _framework_amendments(root: Path) -> None:
    with (root / "actors.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  - id: junior_minister\n    name: Junior Minister\n    kind: individual\n")
    with (root / "objects.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  - id: framework_amendments\n    name: amendments to this document\n    kind: document\n")
    edit_part(root, "introduction", lambda d: d.update(
        text=d["text"] + "The Secretary of State and the Treasury Minister may approve amendments.\n",
        rules=d["rules"] + '"may approve amendments":\n'
              "  secretary_of_state and treasury_minister may approve framework_amendments\n"))


def _delegate_in(root: Path, part: str) -> None:
    text = "The Secretary of State may delegate approving amendments to a junior Minister.\n"
    rules = ('"may delegate approving amendments to a junior Minister":\n'
             "  secretary_of_state may delegate approve framework_amendments to junior_minister\n")

    def change(data: dict[str, Any]) -> None:
        node = data["clauses"][0] if part == "annex-a" else data
        node["text"] = node["text"] + text
        node["rules"] = node.get("rules", "") + rules

    edit_part(root, part, change)


@pytest.mark.parametrize("where, honoured", [("annex-a", False), ("introduction", True)])
def test_a_delegation_counts_only_where_the_delegator_must_approve_its_amendment(
        tmp_path: Path, where: str, honoured: bool) -> None:
    """Written in the annex, which the Permanent Secretary and the Chief Executive alone may
    amend, the Secretary of State's "delegation" is not theirs: an approval on their behalf
    counts for neither.  The same words in the introduction (amended only with the Secretary
    of State's approval) are honoured."""
    base, head = folders(tmp_path)
    for root in (base, head):
        _framework_amendments(root)
        _delegate_in(root, where)
    main_body_change(head)
    path = record(base, head, "2021-01-delegated", "treasury_minister")
    approve_on_behalf(path, "junior_minister", "secretary_of_state")
    code, payload, _ = amend(base, head)
    assert payload is not None
    if honoured:
        assert (code, payload["verdict"]) == (0, "acceptable"), payload["findings"]
    else:
        assert code == 1 and payload["verdict"] != "acceptable"
        [refused] = messages(payload, "AMD019")
        assert "on behalf of the Secretary of State" in refused
        assert any("lacks the approval of the Secretary of State" in m for m in messages(payload, "AMD002"))


# == 2. no attribute of the repository changes what BASE holds ===================================
# `merged` (main holds an approved main-body amendment; branch `attack` checked out) is
# test_amend_attacks' fixture, imported above


ATTRIBUTES = ["framework/amendments/*.yaml export-ignore", "framework/** export-ignore",
              "framework/actors.yaml export-ignore", "* export-subst", "* text eol=crlf",
              "*.yaml filter=nosuchfilter"]


@pytest.mark.parametrize("attributes", ATTRIBUTES)
def test_base_is_what_the_commit_holds_whatever_gitattributes_say(merged: Repo, tmp_path: Path,
                                                                  attributes: str) -> None:
    from checker.amend import gitrefs

    edit_part(merged.doc_dir, "annex-a", lambda d: d.update(subtitle="Delegations $Format:%H$"))
    (merged.root / ".gitattributes").write_text(attributes + "\n", encoding="utf-8")
    commit = merged.commit("attributes outside the document folder")
    folder = gitrefs.materialise(merged.root, commit, merged.doc_dir, tmp_path / "base")
    listed = merged.git("ls-tree", "-r", "--name-only", commit, "--", "framework").split()
    written = sorted(p.relative_to(folder.parent).as_posix() for p in folder.rglob("*") if p.is_file())
    assert written == sorted(listed)
    for name in listed:
        assert (folder.parent / name).read_bytes() == merged.git_bytes("cat-file", "blob", f"{commit}:{name}")


def test_a_merged_gitattributes_cannot_hide_the_history(merged: Repo) -> None:
    """The audit's attack: `export-ignore` on the records, merged as "no change", then the
    merged record deleted; and the actors register hidden, then an unapproved change."""
    (merged.root / ".gitattributes").write_text(
        "framework/amendments/*.yaml export-ignore\nframework/actors.yaml export-ignore\n", encoding="utf-8")
    merged.commit("attributes")
    merged.git("checkout", "-q", "main")
    merged.git("merge", "-q", "--ff-only", "attack")
    merged.branch("erase")
    (merged.doc_dir / "amendments" / "2021-01-plan.yaml").unlink()
    merged.commit("erase the history")
    code, payload, _ = amend_git()
    assert code == 1 and payload is not None and payload["verdict"] != "acceptable"
    assert any("deletes the merged amendment record '2021-01-plan'" in m for m in messages(payload, "AMD015"))


def test_a_chain_of_links_inside_that_leads_out_is_refused(merged: Repo, tmp_path: Path) -> None:
    from checker.amend import gitrefs

    inner = merged.doc_dir / "x"
    inner.mkdir()
    (inner / "c").symlink_to(".")
    (inner / "a").symlink_to("c/../..")  # by its words inside; through `c` one level further up
    commit = merged.commit("links")
    with pytest.raises(gitrefs.GitError, match="must not be written out"):
        gitrefs.materialise(merged.root, commit, merged.doc_dir, tmp_path / "base")


# == 6. an approval dated after today lets nothing in ============================================
@pytest.mark.parametrize("day, future", [("2099-01-01", True), ("2026-11-30", False), ("2026-11-29", False)])
def test_an_approval_dated_after_today_is_an_error(tmp_path: Path, day: str, future: bool) -> None:
    base, head = folders(tmp_path)
    main_body_change(head)
    path = record(base, head, "2026-11-plan", *MAIN_BODY, in_force="2099-06-01")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["proposed"] = "2026-01-01"
    for approval in data["approvals"]:
        approval["date"] = day
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for fail_on in ("warning", "error"):
        code, out, _ = fwdoc("amend", str(base), str(head), "--format", "json", "--today", "2026-11-30",
                             "--fail-on", fail_on)
        payload = json.loads(out)
        late = messages(payload, "AMD020")
        if future:
            assert code == 1 and payload["verdict"] == "not acceptable" and len(late) == 2
            assert not any(a["given"] for a in payload["approvals"])
            assert all("dated 2099-01-01, after today (2026-11-30)" in m for m in late)
        else:
            assert (code, late) == (0, []), payload["findings"]


# == 3, 4. a record cannot forge the history: each record's before-images stand on their own ======
FORGED = {"clauses": {"the-minister": {
    "id": "the-minister", "title": "The Secretary of State",
    "text": "The Secretary of State need not approve the Corporate Plan.\n",
    "rules": '"need not approve the Corporate Plan":\n  informal "no duty"\n'}}}


def _write_record(repo: Repo, record_id: str, changes: dict[str, list[str]], before: dict[str, Any],
                  approvals: tuple[str, ...] = ()) -> None:
    data = {"id": record_id, "title": "Tidy-up", "proposer": "chief_executive", "proposed": "2021-01-04",
            "in_force": "2021-06-01", "status": "approved",
            "approvals": [{"actor": a, "date": "2021-02-01", "reference": "Letter"} for a in approvals],
            "changes": {"added": [], "removed": [], "changed": [], "moved": [], **changes},
            "summary": [], "before": before}
    (repo.doc_dir / "amendments" / f"{record_id}.yaml").write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_a_record_alone_that_claims_nothing_cannot_forge_the_history(merged: Repo) -> None:
    """No source file changes; the new record claims nothing, carries no approval and a
    before-image of a text the document never had."""
    _write_record(merged, "2021-02-forged", {}, FORGED)
    merged.commit("a record alone")
    code, payload, _ = amend_git()
    assert code == 1 and payload is not None and payload["verdict"] == "not acceptable"
    assert {"AMD012", "AMD021", "AMD022"} <= set(codes(payload))
    assert any("clause 'the-minister'" in m for m in messages(payload, "AMD022"))


def test_a_record_alone_that_claims_an_unmade_change_is_an_error(merged: Repo) -> None:
    _write_record(merged, "2021-02-forged", {"changed": ["the-minister"]}, FORGED, MAIN_BODY)
    merged.commit("a record alone, claiming a change")
    code, payload, _ = amend_git()
    assert code == 1 and payload is not None and payload["verdict"] == "not acceptable"
    assert {"AMD004", "AMD012"} <= set(codes(payload)) and "AMD022" not in codes(payload)


def test_a_rider_record_beside_a_real_amendment_cannot_forge_the_history(merged: Repo) -> None:
    """The real amendment's own before-image would cover the rider's when BASE is rebuilt
    from both; each record is judged on its own."""
    edit_part(merged.doc_dir, "annex-a", lambda d: d.update(subtitle="Delegations and limits"))
    code, out, err = fwdoc("amend", "record", "--base", "main", "--id", "2021-02-annex", "--title", "Borrowing",
                           "--proposer", "chief_executive", "--proposed", "2021-01-04", "--in-force", "2021-03-01",
                           "--status", "approved",
                           *[a for actor in ("permanent_secretary", "chief_executive") for a in
                             ("--approval", f"{actor}:2021-02-01:Letter")])
    assert code == 0, out + err
    clean = amend_git()
    assert clean[0] == 0 and clean[1] is not None and clean[1]["verdict"] == "acceptable", \
        clean[1] and [(f["code"], f["message"]) for k in ("findings", "introduced") for f in clean[1][k]]
    _write_record(merged, "2021-03-rider", {}, FORGED)
    merged.commit("an amendment and a rider")
    code, payload, _ = amend_git()
    assert code == 1 and payload is not None and payload["verdict"] == "not acceptable"
    assert {"AMD021", "AMD022"} <= set(codes(payload))
    assert all("2021-03-rider" in m for c in ("AMD021", "AMD022") for m in messages(payload, c))


# == 5. who holds the offices is part of the document: changing it needs the main body's approvals ==
def _reviews(tmp: Path, commit: str, *logins: str) -> Path:
    path = tmp / "reviews.json"
    path.write_text(json.dumps([{"id": i, "user": {"login": login}, "state": "APPROVED",
                                 "submitted_at": "2026-11-01T10:00:00Z", "commit_id": commit}
                                for i, login in enumerate(logins)]), encoding="utf-8")
    return path


@pytest.fixture
def mapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """main names an approvers map (the Secretary of State is `sos`, the Treasury Minister `tm`);
    branch `takeover` is checked out."""
    repo = Repo.create(tmp_path, MINI)
    monkeypatch.chdir(repo.root)
    (repo.doc_dir / "approvers.yaml").write_text(
        "approvers:\n  secretary_of_state: [sos]\n  treasury_minister: [tm]\n", encoding="utf-8")
    with (repo.doc_dir / "manifest.yaml").open("a", encoding="utf-8") as handle:
        handle.write("approvers: approvers.yaml\n")
    repo.commit("the approvers map")
    repo.branch("takeover")
    return repo


def _take_over(repo: Repo) -> None:
    (repo.doc_dir / "approvers.yaml").write_text(
        "approvers:\n  secretary_of_state: [mallory]\n  treasury_minister: [mallory]\n", encoding="utf-8")


@pytest.mark.parametrize("fail_on", ["warning", "error"])
def test_changing_only_the_approvers_map_needs_a_record(mapped: Repo, tmp_path: Path, fail_on: str) -> None:
    _take_over(mapped)
    commit = mapped.commit("the map, alone")
    for extra in ((), ("--reviews", str(_reviews(tmp_path, commit, "mallory")), "--head-commit", commit,
                       "--require-verified")):
        code, out, err = fwdoc("amend", "--base", "main", "--format", "json", "--fail-on", fail_on, *extra)
        payload = json.loads(out)
        assert code == 1 and payload["verdict"] == "not acceptable", payload["findings"]
        assert "AMD001" in codes(payload)


@pytest.mark.parametrize("approvers, reviewers, acceptable", [
    (("permanent_secretary", "chief_executive"), ("mallory",), False),  # the annex's approvers
    (MAIN_BODY, ("mallory",), False),  # claimed, but reviewed only by the new holder
    (MAIN_BODY, ("sos", "tm"), True),  # the holders BASE names approve it
])
def test_a_recorded_approvers_map_change_is_judged_by_the_main_body_rules_and_base_map(
        mapped: Repo, tmp_path: Path, approvers: tuple[str, ...], reviewers: tuple[str, ...],
        acceptable: bool) -> None:
    _take_over(mapped)
    code, out, err = fwdoc("amend", "record", "--base", "main", "--id", "2021-05-holders", "--title", "New holders",
                           "--proposer", "chief_executive", "--proposed", "2021-01-04", "--in-force", "2021-04-01",
                           "--status", "approved", *[a for actor in approvers for a in
                                                     ("--approval", f"{actor}:2021-02-01:Letter")])
    assert code == 0, out + err
    data = yaml.safe_load((mapped.doc_dir / "amendments" / "2021-05-holders.yaml").read_text(encoding="utf-8"))
    assert data["changes"]["manifest"] == ["approvers"]
    commit = mapped.commit("the map, recorded")
    code, out, err = fwdoc("amend", "--base", "main", "--format", "json", "--fail-on", "error",
                           "--reviews", str(_reviews(tmp_path, commit, *reviewers)), "--head-commit", commit,
                           "--require-verified")
    payload = json.loads(out)
    assert (code == 0) == acceptable and (payload["verdict"] == "acceptable") == acceptable, payload["findings"]
    if not acceptable:
        assert {"AMD002", "REV001"} & set(codes(payload))


# == the doubtful ones ============================================================================
def test_a_blocking_run_is_never_headed_no_change(merged: Repo) -> None:
    (merged.doc_dir / "amendments" / "2021-01-plan.yaml").unlink()
    merged.commit("erase the history")
    code, out, _ = fwdoc("amend", "--base", "main")
    assert code == 1 and out.startswith("## ❌ fwdoc amend: not acceptable"), out[:200]
    untouched = Repo(merged.root)
    untouched.git("checkout", "-q", "-f", "main")
    code, out, _ = fwdoc("amend", "--base", "main")
    assert code == 0 and out.startswith("## ➖ fwdoc amend: no change"), out[:200]


def test_an_approved_record_without_approvals_lacks_them(merged: Repo) -> None:
    edit_part(merged.doc_dir, "governance", lambda d: d.update(title=d["title"] + " and Roles"))
    code, out, err = fwdoc("amend", "record", "--base", "main", "--id", "2021-06-title", "--title", "Title",
                           "--proposer", "chief_executive", "--proposed", "2021-05-04", "--in-force", "2021-07-01",
                           "--status", "proposed")
    assert code == 0, out + err
    path = merged.doc_dir / "amendments" / "2021-06-title.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(status="approved", approvals=[])
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, payload, _ = amend_git()
    assert code == 1 and payload is not None and payload["verdict"] == "not acceptable"
    [missing] = messages(payload, "AMD002")
    assert "Secretary of State" in missing and "Treasury Minister" in missing and "it has no approval" in missing


def _corrupt_merged_record(repo: Repo) -> None:
    path = repo.doc_dir / "amendments" / "2021-01-plan.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    evil = "../../evil"
    data["before"]["manifest"] = {"parts": ["introduction", "governance", "annex-a", evil]}
    data["before"]["clauses"][evil] = {"id": evil, "kind": "annex", "title": "Evil"}
    data["before"]["children"] = {evil: []}
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_as_at_and_history_refuse_a_record_they_cannot_use(merged: Repo, tmp_path: Path) -> None:
    """A merged record whose before-image fails its schema was left out: `--as-at` published
    the text after it, with exit 0, and `history` showed one version."""
    output = tmp_path / "out.md"
    code, out, err = fwdoc("publish", "framework", "--format", "md", "--as-at", "2021-01-01", "--output", str(output))
    assert code == 0, out + err
    assert "approves the Corporate Plan" in output.read_text(encoding="utf-8")
    code, out, err = fwdoc("history", "the-minister", "-d", "framework")
    assert code == 0, out + err
    _corrupt_merged_record(merged)
    output.unlink()
    code, out, err = fwdoc("publish", "framework", "--format", "md", "--as-at", "2021-01-01", "--output", str(output))
    assert code == 2 and "2021-01-plan.yaml" in err and "cannot be rebuilt" in err and not output.exists()
    code, out, err = fwdoc("history", "the-minister", "-d", "framework")
    assert code == 2 and "2021-01-plan.yaml" in err


# -- property: whatever the files and attributes, BASE holds exactly the commit's blobs --------------

_NAME = st.text(alphabet="abcxyz-_.09 ", min_size=1, max_size=8).filter(lambda n: n.strip(". ") == n and n)
_CONTENT = st.binary(max_size=64) | st.sampled_from([b"a\r\nb\n", b"$Format:%H$\n", b"\xef\xbb\xbfx: 1\n", b""])
_ATTRIBUTES = st.lists(st.sampled_from([
    "* export-ignore", "*.yaml export-ignore", "doc/** export-ignore", "* export-subst", "* text eol=crlf",
    "* text=auto eol=lf", "*.yaml filter=nosuch", "* ident", "* -text", "doc/*/ export-ignore"]), max_size=4)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.dictionaries(st.lists(_NAME, min_size=1, max_size=3).map("/".join), _CONTENT, min_size=1,
                             max_size=6),
       attributes=_ATTRIBUTES, nested=st.booleans())
def test_materialised_base_is_exactly_the_commits_blobs(tmp_path_factory: pytest.TempPathFactory,
                                                        files: dict[str, bytes], attributes: list[str],
                                                        nested: bool) -> None:
    from checker.amend import gitrefs

    names = list(files)
    if any(a != b and b.startswith(a + "/") for a in names for b in names):
        return  # a file and a folder of the same name cannot both be committed
    tmp = tmp_path_factory.mktemp("prop")
    repo = Repo(tmp / "repo")
    repo.root.mkdir()
    repo.git("init", "-q", "-b", "main")
    doc = repo.root / "doc" if nested else repo.root
    for name, content in files.items():
        (doc / name).parent.mkdir(parents=True, exist_ok=True)
        (doc / name).write_bytes(content)
    for where in {repo.root, doc}:
        (where / ".gitattributes").write_text("\n".join(attributes) + "\n", encoding="utf-8")
    commit = repo.commit("files")
    folder = gitrefs.materialise(repo.root, commit, doc, tmp / "base")
    prefix = "doc/" if nested else ""
    listed = [n for n in repo.git("ls-tree", "-r", "-z", "--name-only", commit).split("\0") if n]
    written = sorted(prefix + p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert written == sorted(n for n in listed if n.startswith(prefix))
    for name in written:
        assert (folder / name[len(prefix):]).read_bytes() == repo.git_bytes("cat-file", "blob", f"{commit}:{name}")


@pytest.mark.parametrize("changes, says", [({}, "lists no change"), ({"changed": ["delegations"]}, "does not list")])
def test_as_at_refuses_a_merged_rider_it_would_publish(merged: Repo, tmp_path: Path,
                                                      changes: dict[str, list[str]], says: str) -> None:
    """Should a rider ever be merged (past the gate), `--as-at` does not publish its forged
    before-image as the text of the day."""
    _write_record(merged, "2021-03-rider", changes, FORGED)
    output = tmp_path / "out.md"
    code, out, err = fwdoc("publish", "framework", "--format", "md", "--as-at", "2021-05-01", "--output", str(output))
    assert code == 2 and "2021-03-rider" in err and says in err and not output.exists(), out + err
    code, out, err = fwdoc("publish", "framework", "--format", "md", "--as-at", "2021-07-01", "--output", str(output))
    assert code == 0, out + err  # on a day the rider is in force, nothing of it is undone


def test_two_honest_records_in_one_pull_request_stay_quiet(tmp_path: Path) -> None:
    """The look-alike of the rider: two records written by `fwdoc amend record`, one after each
    change, each listing what it changed, are acceptable."""
    from test_amend_attacks import annex_change

    base, head = folders(tmp_path)
    everyone = (*MAIN_BODY, "permanent_secretary", "chief_executive")
    main_body_change(head)
    record(base, head, "2021-01-plan", *everyone, in_force="2021-04-01")
    annex_change(head)
    record(base, head, "2021-02-annex", *everyone, in_force="2021-05-01")
    code, payload, _ = amend(base, head)
    assert payload is not None and not {"AMD012", "AMD021", "AMD022"} & set(codes(payload)), payload["findings"]
    assert (code, payload["verdict"]) == (0, "acceptable"), payload["findings"]


# -- property: a record alone, whatever it claims and whatever images it carries, lets nothing in ---
_CLAUSES = ["introduction", "governance", "the-minister", "the-chief-executive", "annex-a", "delegations"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claimed=st.lists(st.sampled_from(_CLAUSES), max_size=2, unique=True),
       kind=st.sampled_from(["changed", "added", "removed", "moved"]),
       forged=st.lists(st.sampled_from(_CLAUSES), min_size=1, max_size=2, unique=True),
       text=st.text(alphabet="abc XYZ.", min_size=1, max_size=20))
def test_a_record_alone_never_lets_a_forged_image_in(tmp_path_factory: pytest.TempPathFactory, claimed: list[str],
                                                     kind: str, forged: list[str], text: str) -> None:
    import shutil

    tmp = tmp_path_factory.mktemp("forge")
    base, head = tmp / "base", tmp / "head"
    shutil.copytree(MINI, base)
    shutil.copytree(MINI, head)
    (head / "amendments").mkdir(exist_ok=True)
    before = {"clauses": {c: {"id": c, "title": "Forged", "text": text + "\n"} for c in forged}}
    data = {"id": "2021-02-forged", "title": "Tidy-up", "proposer": "chief_executive", "proposed": "2021-01-04",
            "in_force": "2021-06-01", "status": "approved",
            "approvals": [{"actor": a, "date": "2021-02-01", "reference": "L"}
                          for a in (*MAIN_BODY, "permanent_secretary", "chief_executive")],
            "changes": {"added": [], "removed": [], "changed": [], "moved": [], kind: claimed},
            "summary": [], "before": before}
    (head / "amendments" / "2021-02-forged.yaml").write_text(yaml.safe_dump(data, sort_keys=False),
                                                             encoding="utf-8")
    code, payload, _ = amend(base, head)
    assert code == 1 and payload is not None and payload["verdict"] == "not acceptable"
    assert {"AMD004", "AMD012", "AMD021", "AMD022"} & set(codes(payload))
