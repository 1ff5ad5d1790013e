"""The amendment gate, attacked the way a contributor who wants an unapproved change in would.

Each test is one attack from issue 10 ("the gate cannot be fooled"), made on real files and,
where git matters, in a real git repository (tests/fixtures/amend/gitrepo.py), on the small
fixture document (tests/fixtures/amend/mini: the main body is amended with the agreement of
the Secretary of State and the Treasury Minister, the annex with that of the Permanent
Secretary and the Chief Executive).  The verdict asserted is never "acceptable" for a change
the document's own rules do not let in; "could not judge" is exit status 2 with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "amend"))
from gitrepo import ENV, MINI, Repo  # noqa: E402

from checker.amend.history import AsAtError, document_as_at, write_as_at  # noqa: E402
from checker.cli import cli  # noqa: E402

MAIN_BODY = ("secretary_of_state", "treasury_minister")
ANNEX = ("permanent_secretary", "chief_executive")


# -- helpers ------------------------------------------------------------------------------------
def fwdoc(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def amend(base: Path, head: Path) -> tuple[int, dict[str, Any] | None, str]:
    """`fwdoc amend BASE HEAD --format json`: (exit status, the report or None, stderr)."""
    code, out, err = fwdoc("amend", str(base), str(head), "--format", "json")
    assert code in (0, 1, 2), (code, out, err)
    return code, (json.loads(out) if code != 2 else None), err


def codes(payload: dict[str, Any]) -> list[str]:
    return [f["code"] for key in ("findings", "introduced") for f in payload[key]]


def messages(payload: dict[str, Any], code: str) -> list[str]:
    return [f["message"] for key in ("findings", "introduced") for f in payload[key] if f["code"] == code]


def folders(tmp: Path) -> tuple[Path, Path]:
    base, head = tmp / "base", tmp / "head"
    shutil.copytree(MINI, base)
    shutil.copytree(MINI, head)
    return base, head


def edit_part(root: Path, part: str, change: Any) -> None:
    path = root / "parts" / f"{part}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def main_body_change(root: Path) -> None:
    """The Permanent Secretary, not the Secretary of State, approves the Corporate Plan."""
    def change(data: dict[str, Any]) -> None:
        minister = data["clauses"][0]
        minister["text"] = minister["text"].replace("The Secretary of State approves", "The Permanent Secretary approves")
        minister["rules"] = minister["rules"].replace("secretary_of_state must approve", "permanent_secretary must approve")

    edit_part(root, "governance", change)


def annex_change(root: Path) -> None:
    edit_part(root, "annex-a", lambda d: d["clauses"][0].update(
        text="The Chief Executive may spend up to the limit the Permanent Secretary sets each year.\n"))


def add_rules(root: Path, part: str, rules: str, clause: int | None = None) -> None:
    def change(data: dict[str, Any]) -> None:
        node = data if clause is None else data["clauses"][clause]
        node["rules"] = node.get("rules", "") + rules

    edit_part(root, part, change)


def record(base: Path, head: Path, record_id: str, *approvals: str, **options: str) -> Path:
    """Write the record with `fwdoc amend record` (the before-images from the real change)."""
    args = ["amend", "record", str(head), "--base-dir", str(base), "--id", record_id, "--title", f"Amendment {record_id}",
            "--proposer", "chief_executive", "--proposed", "2021-01-04", "--in-force", options.get("in_force", "2021-04-01"),
            "--status", options.get("status", "approved")]
    for actor in approvals:
        args += ["--approval", f"{actor}:2021-02-01:Letter {actor}"]
    code, out, err = fwdoc(*args)
    assert code == 0, out + err
    return head / "amendments" / f"{record_id}.yaml"


def approve_on_behalf(path: Path, actor: str, holder: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["approvals"].append({"actor": actor, "on_behalf_of": holder, "date": "2021-02-01",
                              "reference": "Submission 21/3"})
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


# == 1. structure cannot vanish ===================================================================
NULL_DOCUMENTS = ["", "~\n", "null\n", "# only a comment\n", "--- ~\n", "---\n...\n"]
NOT_MAPPINGS = ["[]\n", "- governance\n", "just text\n", "42\n"]
STRUCTURE = ["manifest.yaml", "parts/governance.yaml", "parts/annex-a.yaml", "actors.yaml", "objects.yaml"]


@pytest.mark.parametrize("content", NULL_DOCUMENTS + NOT_MAPPINGS)
@pytest.mark.parametrize("file", STRUCTURE)
def test_structure_replaced_in_head_is_never_acceptable(tmp_path: Path, file: str, content: str) -> None:
    base, head = folders(tmp_path)
    (head / file).write_text(content, encoding="utf-8")
    code, payload, err = amend(base, head)
    if code == 2:  # HEAD is no document at all: could not judge, saying where
        assert "could not judge" in err and "HEAD" in err and file in err, err
        return
    assert code == 1 and payload is not None and payload["verdict"] == "not acceptable"
    places = [(f["locations"][0]["file"], f["severity"]) for f in payload["introduced"] if f["locations"]]
    assert any(place.endswith(file) and severity == "error" for place, severity in places), places
    if file.startswith("parts/"):  # its clauses count as removed, and need their part's approvals
        part = file[len("parts/"):-len(".yaml")]
        assert [r["part"] for r in payload["requirements"]] == [part] or "AMD001" in codes(payload)


@pytest.mark.parametrize("content", ["~\n", "", "[]\n"])
@pytest.mark.parametrize("file", STRUCTURE)
def test_structure_missing_in_base_cannot_be_judged(tmp_path: Path, file: str, content: str) -> None:
    """The second half of the attack: BASE has lost its manifest (or a part, or a register), HEAD
    restores it with an unapproved change and a weakened amendment rule."""
    base, head = folders(tmp_path)
    (base / file).write_text(content, encoding="utf-8")
    main_body_change(head)
    code, payload, err = amend(base, head)
    assert code == 2, payload
    assert "could not judge" in err and "BASE" in err and file in err, err


def test_a_null_record_is_an_error_in_check_and_in_amend(tmp_path: Path) -> None:
    base, head = folders(tmp_path)
    (head / "amendments" / "2021-01-nothing.yaml").write_text("~\n", encoding="utf-8")
    code, out, _ = fwdoc("check", str(head), "--format", "json")
    assert code == 1
    found = [f for f in json.loads(out)["findings"] if f["code"] == "SRC007"]
    assert [f["locations"][0]["file"].split("/")[-2:] for f in found] == [["amendments", "2021-01-nothing.yaml"]]
    assert found[0]["locations"][0]["line"] == 1
    code, payload, _ = amend(base, head)
    assert code == 1 and payload is not None and "SRC007" in codes(payload)


def test_a_part_removed_from_the_manifest_needs_the_approvals_its_content_needed(tmp_path: Path) -> None:
    base, head = folders(tmp_path)
    manifest = head / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "parts: [introduction, governance, annex-a]", "parts: [introduction, annex-a]"), encoding="utf-8")
    (head / "parts" / "governance.yaml").unlink()
    record(base, head, "2021-01-drop-governance", *ANNEX)
    code, payload, _ = amend(base, head)
    assert code == 1 and payload is not None
    [missing] = messages(payload, "AMD002")
    assert "changes Section 1" in missing and "Secretary of State" in missing and "Treasury Minister" in missing
    record(base, head, "2021-01-drop-governance", *MAIN_BODY)
    code, payload, _ = amend(base, head)
    assert payload is not None and messages(payload, "AMD002") == []
    # what still blocks it are the warnings the removal brings (register entries no rule names)
    assert {f["severity"] for f in payload["findings"] + payload["introduced"]} <= {"warning", "info"}


# == 2. history is append-only ====================================================================
@pytest.fixture
def merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A repository whose main holds an approved main-body amendment and its record, with an
    `attack` branch checked out."""
    repo = Repo.create(tmp_path, MINI)
    monkeypatch.chdir(repo.root)
    repo.branch("first")
    main_body_change(repo.doc_dir)
    code, out, err = fwdoc("amend", "record", "--base", "main", "--id", "2021-01-plan", "--title", "Plan approval",
                           "--proposer", "chief_executive", "--proposed", "2021-01-04", "--in-force", "2021-04-01",
                           "--status", "approved", *[a for actor in MAIN_BODY for a in
                                                     ("--approval", f"{actor}:2021-02-01:Letter")])
    assert code == 0, out + err
    repo.commit("the first amendment")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "first")
    repo.branch("attack")
    return repo


def amend_git() -> tuple[int, dict[str, Any] | None, str]:
    code, out, err = fwdoc("amend", "--base", "main", "--format", "json")
    assert code in (0, 1, 2), out + err
    return code, (json.loads(out) if code != 2 else None), err


def test_the_merged_record_is_judged_acceptable_untouched(merged: Repo) -> None:
    code, payload, _ = amend_git()
    assert (code, payload and payload["verdict"]) == (0, "no change")


def test_deleting_a_merged_record(merged: Repo) -> None:
    (merged.doc_dir / "amendments" / "2021-01-plan.yaml").unlink()
    merged.commit("forget the first amendment")
    code, payload, _ = amend_git()
    assert code == 1 and payload is not None
    assert any("deletes the merged amendment record '2021-01-plan'" in m for m in messages(payload, "AMD015"))


@pytest.mark.parametrize("edit", [
    lambda d: d["approvals"].pop(),
    lambda d: d.update(in_force="2020-01-01"),
    lambda d: d.update(title="Something else"),
    lambda d: d["changes"].update(changed=[]),
    lambda d: d.update(status="withdrawn"),
])
def test_editing_a_merged_record(merged: Repo, edit: Any) -> None:
    path = merged.doc_dir / "amendments" / "2021-01-plan.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, payload, _ = amend_git()
    assert code == 1 and payload is not None
    assert any("of the earlier amendment record '2021-01-plan'" in m for m in messages(payload, "AMD015"))


def test_a_merged_record_may_go_in_force(merged: Repo) -> None:
    path = merged.doc_dir / "amendments" / "2021-01-plan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: approved", "status: in-force"), encoding="utf-8")
    code, payload, _ = amend_git()
    assert (code, payload and payload["verdict"]) == (0, "acceptable"), payload and codes(payload)


def test_moving_a_merged_record(merged: Repo) -> None:
    folder = merged.doc_dir / "amendments"
    (folder / "2021-01-plan.yaml").rename(folder / "2021-01-plan-moved.yaml")
    code, payload, _ = amend_git()
    assert code == 1 and payload is not None
    assert "AMD010" in codes(payload)  # the file name is no longer its id
    assert any("deletes the merged amendment record '2021-01-plan'" in m or "moves" in m
               for m in messages(payload, "AMD015"))


def _point_amendments_at(repo: Repo, folder: str) -> None:
    manifest = repo.doc_dir / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("amendments: amendments", f"amendments: {folder}"), encoding="utf-8")


def test_pointing_the_manifest_at_an_empty_folder(merged: Repo) -> None:
    (merged.doc_dir / "history-b").mkdir()
    (merged.doc_dir / "history-b" / ".gitkeep").write_text("")
    _point_amendments_at(merged, "history-b")
    code, payload, _ = amend_git()
    assert code == 1 and payload is not None
    assert messages(payload, "AMD017") == [
        "the change points the manifest's amendments folder at 'history-b' instead of 'amendments'; the merged "
        "records stay where they are and the folder does not change"]
    assert any("deletes the merged amendment record '2021-01-plan'" in m for m in messages(payload, "AMD015"))


@pytest.mark.parametrize("where", ["..", "../elsewhere", "/ABSOLUTE", "amendments/../..", "link-out"])
def test_records_outside_the_document_folder_are_never_read(merged: Repo, tmp_path: Path, where: str) -> None:
    """A folder outside the document holds a record that 'approves' a main-body change."""
    outside = tmp_path / "outside-records"
    outside.mkdir()
    (merged.root / "elsewhere").mkdir()
    main_body_change_again = merged.doc_dir / "parts" / "governance.yaml"
    main_body_change_again.write_text(main_body_change_again.read_text(encoding="utf-8").replace(
        "each year", "every year"), encoding="utf-8")
    forged = {"id": "2021-02-forged", "title": "Forged", "proposer": "chief_executive", "proposed": "2021-01-04",
              "status": "approved", "in_force": "2021-04-01", "changes": {"changed": ["the-minister"]},
              "approvals": [{"actor": a, "date": "2021-02-01"} for a in MAIN_BODY]}
    for folder in (outside, merged.root / "elsewhere", merged.root):
        (folder / "2021-02-forged.yaml").write_text(yaml.safe_dump(forged), encoding="utf-8")
    if where == "link-out":
        (merged.doc_dir / "link-out").symlink_to(outside, target_is_directory=True)
    _point_amendments_at(merged, str(outside) if where == "/ABSOLUTE" else where)
    code, payload, err = amend_git()
    assert code == 1 and payload is not None, err
    refused = messages(payload, "AMD018")
    assert refused and all("no record is read from it" in m for m in refused)
    assert "2021-02-forged" not in [r["id"] for r in payload["records"]]
    assert "AMD017" in codes(payload)


def test_a_record_that_is_a_link_out_of_the_folder_is_not_read(merged: Repo, tmp_path: Path) -> None:
    outside = tmp_path / "forged.yaml"
    outside.write_text("id: forged\n", encoding="utf-8")
    (merged.doc_dir / "amendments" / "2021-02-forged.yaml").symlink_to(outside)
    code, _, err = amend_git()
    assert code == 2
    assert "2021-02-forged.yaml' is a symbolic link to" in err and "outside the document folder" in err


# == 2b. --as-at builds only inside, from valid before-images =====================================
def _as_at_folder(tmp: Path) -> tuple[Path, Path]:
    """A document whose main body was amended in force 2021-04-01, with its record."""
    base, head = folders(tmp)
    main_body_change(head)
    path = record(base, head, "2021-01-plan", *MAIN_BODY)
    return head, path


def _forge_before(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["before"])
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("part", ["ABSOLUTE", "../../../escaped", "parts/../../escaped", "..", ""])
def test_as_at_refuses_a_part_named_by_a_path(tmp_path: Path, part: str) -> None:
    head, path = _as_at_folder(tmp_path)
    victim_dir = tmp_path / "victim"
    victim_dir.mkdir()
    victim = victim_dir / "keep.yaml"
    victim.write_text("precious: true\n", encoding="utf-8")
    name = str(victim_dir / "planted") if part == "ABSOLUTE" else part
    _forge_before(path, lambda before: before.setdefault("manifest", {}).update(
        parts=["introduction", "governance", "annex-a", name, str(victim_dir / "keep")]))
    target = tmp_path / "out" / "as-at"
    with pytest.raises(AsAtError, match="not valid"):
        write_as_at(head, "2020-06-01", target)
    assert not (tmp_path / "out").exists() or sorted(p.name for p in (tmp_path / "out").iterdir()) == []
    assert victim.read_text(encoding="utf-8") == "precious: true\n"
    assert sorted(p.name for p in victim_dir.iterdir()) == ["keep.yaml"]
    assert not list(tmp_path.rglob("planted*")) and not list(tmp_path.rglob("escaped*"))
    (tmp_path / "out").mkdir(exist_ok=True)
    code, out, err = fwdoc("publish", str(head), "--format", "md", "--as-at", "2020-06-01",
                           "--output", str(tmp_path / "out" / "published.md"))
    assert code == 2 and "not valid" in err  # the history cannot be rebuilt: could not judge
    assert not (tmp_path / "out" / "published.md").exists()


def test_as_at_refuses_a_before_image_that_is_no_valid_clause(tmp_path: Path) -> None:
    head, path = _as_at_folder(tmp_path)
    _forge_before(path, lambda before: before["clauses"]["the-minister"].update(id="Not A Slug", title=["x"]))
    with pytest.raises(AsAtError, match="the part 'governance'"):
        write_as_at(head, "2020-06-01", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_as_at_does_not_follow_a_folder_linked_out_of_the_tree(tmp_path: Path) -> None:
    """`parts` is a link to a folder elsewhere (a tmp folder standing for /usr)."""
    head, _ = _as_at_folder(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(str(head / "parts"), elsewhere)
    (elsewhere / "big.bin").write_bytes(b"\0" * 1024)
    (head / "parts").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(AsAtError, match="symbolic link"):
        write_as_at(head, "2020-06-01", tmp_path / "out")
    with pytest.raises(AsAtError, match="symbolic link"), document_as_at(head, "2020-06-01"):
        pass
    assert not (tmp_path / "out").exists()
    code, _, err = fwdoc("history", "the-minister", "--document", str(head))
    assert code == 2 and "symbolic link" in err


def test_as_at_builds_in_a_private_temporary_folder(tmp_path: Path) -> None:
    head, _ = _as_at_folder(tmp_path)
    (head / "notes.txt").write_text("not part of the document\n", encoding="utf-8")
    with document_as_at(head, "2020-06-01") as folder:
        kept = folder
        assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
            "actors.yaml", "manifest.yaml", "objects.yaml", "parts/annex-a.yaml", "parts/governance.yaml",
            "parts/introduction.yaml"]
        assert "The Secretary of State approves" in (folder / "parts" / "governance.yaml").read_text(encoding="utf-8")
        assert not folder.is_relative_to(head) and not head.is_relative_to(folder)
    assert not kept.exists()


# == 3. one loader ================================================================================
LAUGHS = "id: governance\nkind: section\ntitle: Governance\nlol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"l{n}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(9))

GUARDED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
from checker.cli import cli
sys.argv = ["fwdoc", *sys.argv[1:]]
cli()
"""


def guarded(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """fwdoc in a subprocess limited to 1.5 GB of memory and 120 seconds: an attack that
    exhausts memory fails the test instead of the machine."""
    return subprocess.run([sys.executable, "-c", GUARDED, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **ENV, "PATH": os.environ.get("PATH", "/usr/bin:/bin")})


def test_a_billion_laughs_part_in_head(tmp_path: Path) -> None:
    base, head = folders(tmp_path)
    (head / "parts" / "governance.yaml").write_text(LAUGHS, encoding="utf-8")
    proc = guarded(tmp_path, "amend", "base", "head", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    assert "SRC009" in codes(json.loads(proc.stdout))


def test_a_billion_laughs_part_in_base(tmp_path: Path) -> None:
    base, head = folders(tmp_path)
    (base / "parts" / "governance.yaml").write_text(LAUGHS, encoding="utf-8")
    proc = guarded(tmp_path, "amend", "base", "head")
    assert proc.returncode == 2, proc.stderr
    assert "could not judge" in proc.stderr and "parts/governance.yaml" in proc.stderr


def test_a_part_committed_as_a_link_to_dev_zero(tmp_path: Path) -> None:
    repo = Repo.create(tmp_path, MINI)
    repo.branch("attack")
    part = repo.doc_dir / "parts" / "governance.yaml"
    part.unlink()
    part.symlink_to("/dev/zero")
    repo.commit("governance is endless")
    proc = guarded(repo.root, "amend", "--base", "main")
    assert proc.returncode == 2, proc.stderr
    assert "'parts/governance.yaml' is a symbolic link to /dev/zero" in proc.stderr
    for args in (("history", "the-minister"), ("publish", "--format", "md", "--as-at", "2020-01-01",
                                               "--output", str(tmp_path / "out.md"))):
        proc = guarded(repo.root, *args)
        assert proc.returncode == 2 or (args[0] == "publish" and proc.returncode != 0), proc.stderr
        assert "/dev/zero" in proc.stderr
    assert not (tmp_path / "out.md").exists()

    # the same link in BASE: the branch that restores the file is judged against a BASE that
    # cannot be written out
    repo.git("checkout", "-q", "-b", "main-with-link")
    repo.git("checkout", "-q", "-b", "restore")
    part.unlink()
    shutil.copy(MINI / "parts" / "governance.yaml", part)
    repo.commit("governance restored")
    proc = guarded(repo.root, "amend", "--base", "main-with-link")
    assert proc.returncode == 2, proc.stderr
    assert "must not be written out" in proc.stderr


def test_a_fifo_part_is_refused_without_opening_it(tmp_path: Path) -> None:
    base, head = folders(tmp_path)
    (head / "parts" / "governance.yaml").unlink()
    os.mkfifo(head / "parts" / "governance.yaml")
    proc = guarded(tmp_path, "amend", "base", "head")
    assert proc.returncode == 2 and "is not a regular file" in proc.stderr, proc.stderr


# == 4. approvals add up ==========================================================================
WHOLE = "\n    amendments to whole_document require agreement of parliament\n"


def _with_whole_document_rule(*roots: Path) -> None:
    for root in roots:
        edit_part(root, "introduction", lambda d: d.update(rules=d["rules"].replace(
            "amendments to annexes require agreement of permanent_secretary and chief_executive",
            "amendments to annexes require agreement of permanent_secretary and chief_executive\n"
            "  amendments to whole_document require agreement of parliament")))


def test_every_rule_that_covers_the_part_applies(tmp_path: Path) -> None:
    base, head = folders(tmp_path)
    _with_whole_document_rule(base, head)
    annex_change(head)
    record(base, head, "2021-01-annex", *ANNEX)
    code, payload, _ = amend(base, head)
    assert code == 1 and payload is not None
    [missing] = messages(payload, "AMD002")
    assert "lacks the approval of Parliament" in missing
    assert [(r["part"], r["approvers"]) for r in payload["requirements"]] == [("annex-a", [*ANNEX, "parliament"])]
    record(base, head, "2021-01-annex", "parliament")
    code, payload, _ = amend(base, head)
    assert (code, payload and payload["verdict"]) == (0, "acceptable"), payload and codes(payload)


@pytest.mark.parametrize("kind, needed", [("annex", ANNEX), ("section", MAIN_BODY)])
def test_a_supplement_counts_against_the_whole_document(tmp_path: Path, kind: str, needed: tuple[str, ...]) -> None:
    base, head = folders(tmp_path)
    _with_whole_document_rule(base, head)
    manifest = head / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "parts: [introduction, governance, annex-a]", "parts: [introduction, governance, annex-a, supplement]"),
        encoding="utf-8")
    (head / "parts" / "supplement.yaml").write_text(
        f"id: supplement\nkind: {kind}\ntitle: Supplement\nclauses:\n  - id: extra\n    title: Extra\n"
        "    text: |\n      Nothing here binds anyone.\n", encoding="utf-8")
    record(base, head, "2021-01-supplement", *needed)
    code, payload, _ = amend(base, head)
    assert code == 1 and payload is not None
    assert any("lacks the approval of Parliament" in m for m in messages(payload, "AMD002"))
    record(base, head, "2021-01-supplement", "parliament")
    code, payload, _ = amend(base, head)
    assert (code, payload and payload["verdict"]) == (0, "acceptable"), payload and codes(payload)


def test_a_register_entry_no_rule_names_counts_against_the_main_body(tmp_path: Path) -> None:
    base, head = folders(tmp_path)
    with (head / "objects.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  - id: shadow_budget\n    name: Shadow Budget\n    kind: plan\n")
    record(base, head, "2021-01-register", *ANNEX)
    code, payload, _ = amend(base, head)
    assert code == 1 and payload is not None
    [missing] = messages(payload, "AMD002")
    assert "Secretary of State" in missing and "Treasury Minister" in missing and "shadow_budget" in missing


def _delegation_document(*roots: Path, statement: str = "may delegate") -> None:
    for root in roots:
        with (root / "actors.yaml").open("a", encoding="utf-8") as handle:
            handle.write("  - id: junior_minister\n    name: Junior Minister\n    kind: individual\n")
        with (root / "objects.yaml").open("a", encoding="utf-8") as handle:
            handle.write("  - id: framework_amendments\n    name: amendments to this document\n    kind: document\n")
        edit_part(root, "introduction", lambda d: d.update(
            text=d["text"] + "The Secretary of State may delegate approving amendments to a junior Minister.\n",
            rules=d["rules"] + '"may delegate approving amendments to a junior Minister":\n'
                  f"  secretary_of_state {statement} approve framework_amendments to junior_minister\n"))


def test_a_delegated_approval_on_record_is_honoured(tmp_path: Path) -> None:
    base, head = folders(tmp_path)
    _delegation_document(base, head)
    main_body_change(head)
    path = record(base, head, "2021-01-delegated", "treasury_minister")
    approve_on_behalf(path, "junior_minister", "secretary_of_state")
    code, payload, _ = amend(base, head)
    assert (code, payload and payload["verdict"]) == (0, "acceptable"), payload and payload["findings"]
    [line] = [a for a in payload["approvals"] if a["actor"] == "secretary_of_state"]
    assert line["given"] and "by Junior Minister" in line["reference"]


def test_a_delegate_approving_in_their_own_name_does_not_count(tmp_path: Path) -> None:
    base, head = folders(tmp_path)
    _delegation_document(base, head)
    main_body_change(head)
    record(base, head, "2021-01-delegated", "treasury_minister", "junior_minister")
    code, payload, _ = amend(base, head)
    assert code == 1 and payload is not None
    assert any("lacks the approval of the Secretary of State" in m for m in messages(payload, "AMD002"))


def test_a_delegation_the_change_itself_adds_is_not_honoured(tmp_path: Path) -> None:
    base, head = folders(tmp_path)
    _delegation_document(head)
    for name, line in (("actors", "  - id: junior_minister\n    name: Junior Minister\n    kind: individual\n"),
                       ("objects", "  - id: framework_amendments\n    name: amendments\n    kind: document\n")):
        with (base / f"{name}.yaml").open("a", encoding="utf-8") as handle:
            handle.write(line)
    main_body_change(head)
    path = record(base, head, "2021-01-self-delegated", "treasury_minister")
    approve_on_behalf(path, "junior_minister", "secretary_of_state")
    code, payload, _ = amend(base, head)
    assert code == 1 and payload is not None
    [refused] = messages(payload, "AMD019")
    assert "on behalf of the Secretary of State" in refused and "counts for neither" in refused
    assert any("lacks the approval of the Secretary of State" in m for m in messages(payload, "AMD002"))


def test_a_delegation_elsewhere_in_the_document_does_not_reach_amendments(tmp_path: Path) -> None:
    """`may delegate` in another clause (about the Corporate Plan) is no power over amendments."""
    base, head = folders(tmp_path)
    for root in (base, head):
        with (root / "actors.yaml").open("a", encoding="utf-8") as handle:
            handle.write("  - id: junior_minister\n    name: Junior Minister\n    kind: individual\n")
        add_rules(root, "governance", "  secretary_of_state may delegate approve corporate_plan to junior_minister\n", 0)
    main_body_change(head)
    path = record(base, head, "2021-01-elsewhere", "treasury_minister")
    approve_on_behalf(path, "junior_minister", "secretary_of_state")
    code, payload, _ = amend(base, head)
    assert code == 1 and payload is not None and messages(payload, "AMD019")


def test_an_acknowledgement_added_in_the_annex_cannot_silence_the_main_body(tmp_path: Path) -> None:
    """BASE has a warning about the main body (ACC002 on the Permanent Secretary); the change
    acknowledges it from the annex, with the annex's approvals only.  An acknowledgement is
    bound to a clause its finding points at, so this one silences nothing: the finding stays
    visible, the stray acknowledgement is reported, and the change is not acceptable."""
    base, head = folders(tmp_path)
    add_rules(head, "annex-a", 'acknowledge ACC002 for permanent_secretary because "the line ends there by design"\n', 0)
    record(base, head, "2021-01-ack", *ANNEX)
    code, payload, _ = amend(base, head)
    assert payload is not None
    assert code == 1
    assert not any("suppression" in f for f in payload["introduced"] if f["code"] == "ACC002")
    assert [f for f in payload["introduced"] if f["code"] == "ACK002"], payload["introduced"]
    parts = [r["part"] for r in payload["requirements"]]
    assert parts == ["annex-a"]


# == the attack of issue 10, end to end: null the manifest, then restore it with a change ========
def test_nulling_the_manifest_then_restoring_it_with_an_unapproved_change(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo.create(tmp_path, MINI)
    monkeypatch.chdir(repo.root)
    repo.branch("null-manifest")
    manifest = repo.doc_dir / "manifest.yaml"
    original = manifest.read_text(encoding="utf-8")
    manifest.write_text("~\n", encoding="utf-8")
    repo.commit("tidy the manifest")
    for fail_on in ("warning", "error"):
        code, out, err = fwdoc("amend", "--base", "main", "--fail-on", fail_on)
        assert code == 2 and out == "", out
        assert "could not judge: HEAD" in err and "manifest.yaml:1:1" in err and "null" in err

    # merged anyway (by someone who ignored the gate): the next pull request restores the
    # manifest with an unrecorded main-body change and a weakened amendment rule
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "null-manifest")
    repo.branch("restore")
    manifest.write_text(original, encoding="utf-8")
    main_body_change(repo.doc_dir)
    edit_part(repo.doc_dir, "introduction", lambda d: d.update(rules=d["rules"].replace(
        "secretary_of_state and treasury_minister", "chief_executive")))
    repo.commit("restore the manifest")
    for fail_on in ("warning", "error"):
        code, out, err = fwdoc("amend", "--base", "main", "--fail-on", fail_on)
        assert code == 2 and out == "", out
        assert "could not judge: BASE" in err and "manifest.yaml" in err


@pytest.mark.parametrize("where", ["../elsewhere", "/ABSOLUTE", "link-out"])
def test_amend_record_never_writes_outside_the_document_folder(tmp_path: Path, where: str) -> None:
    base, head = folders(tmp_path)
    main_body_change(head)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    if where == "link-out":
        (head / "link-out").symlink_to(outside, target_is_directory=True)
    folder = str(outside) if where == "/ABSOLUTE" else where
    manifest = head / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("amendments: amendments", f"amendments: {folder}"),
                        encoding="utf-8")
    code, out, err = fwdoc("amend", "record", str(head), "--base-dir", str(base), "--id", "2021-01-plan",
                           "--title", "T", "--proposer", "chief_executive")
    assert code == 2, out + err
    assert "cannot be written" in err
    assert list(outside.iterdir()) == [] and not list(tmp_path.rglob("2021-01-plan.yaml"))


def test_a_base_whose_records_are_outside_cannot_be_judged(tmp_path: Path) -> None:
    """Merged history that BASE keeps outside the folder cannot be checked for deletions."""
    base, head = folders(tmp_path)
    manifest = base / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("amendments: amendments", "amendments: ../x"),
                        encoding="utf-8")
    code, _, err = amend(base, head)
    assert code == 2 and "the records of BASE" in err and "no record is read from it" in err


# == outputs of amend: never into the document, a record where the folder is missing ==========
@pytest.mark.parametrize("option", ["--output", "--summary", "--write"])
def test_amend_refuses_outputs_inside_either_document_before_judging(tmp_path: Path, option: str) -> None:
    base, head = folders(tmp_path)
    for root in (base, head):
        target = root / "parts" / "report.md"
        value = f"markdown:{target}" if option == "--write" else str(target)
        code, out, err = fwdoc("amend", str(base), str(head), option, value)
        assert code == 2 and "inside the document folder" in err, (code, out, err)
        assert not target.exists()


def test_amend_record_creates_a_missing_amendments_folder_inside_the_document(tmp_path: Path) -> None:
    base, head = folders(tmp_path)
    shutil.rmtree(head / "amendments")
    main_body_change(head)
    code, out, err = fwdoc("amend", "record", "--base-dir", str(base), "--id", "2021-02-x",
                           "--title", "A change", "--proposer", "secretary_of_state", str(head))
    assert code == 0, (out, err)
    assert (head / "amendments" / "2021-02-x.yaml").is_file()


@pytest.mark.parametrize(("folder", "victim"), [("parts", "parts/introduction.yaml"), (".", "manifest.yaml"),
                                                ("./parts/", "parts/governance.yaml")])
def test_a_record_never_replaces_a_part_or_the_manifest(tmp_path: Path, folder: str, victim: str) -> None:
    """`amendments: parts` (or `.`) in the manifest would make `amend record --id introduction`
    write the record over a part (or the manifest): the folder is refused and nothing is written."""
    base, head = folders(tmp_path)
    manifest = head / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("amendments: amendments",
                                                                      f"amendments: '{folder}'"), encoding="utf-8")
    main_body_change(head)
    before = (head / victim).read_bytes()
    record_id = Path(victim).stem
    code, out, err = fwdoc("amend", "record", "--base-dir", str(base), "--id", record_id,
                           "--title", "A change", "--proposer", "secretary_of_state", str(head))
    assert code == 2, (code, out, err)
    assert "folder of their own" in err
    assert (head / victim).read_bytes() == before
    code, out, err = fwdoc("check", str(head), "--format", "json")
    assert code == 1 and "AMD018" in out


def test_a_name_too_long_for_the_file_system_is_a_reason_not_a_crash(tmp_path: Path) -> None:
    base, head = folders(tmp_path)
    manifest = head / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("parts: [", "parts: [" + "x" * 300 + ", "),
                        encoding="utf-8")
    code, payload, err = amend(base, head)
    assert code in (1, 2) and "Traceback" not in err
