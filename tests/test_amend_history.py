"""History and point in time: the document as at a date is rebuilt from the records alone.

A real git repository gets two amendments, each recorded with `fwdoc amend record` and
committed.  `fwdoc publish --format md --as-at DATE` on the last commit must equal the
publication of the commit that was current on DATE, byte for byte; and `fwdoc history`
lists a clause's versions.
"""

from __future__ import annotations

import io
import json
import sys
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "amend"))
from gitrepo import Repo  # noqa: E402

from checker.amend.history import AsAtError, clause_history, clause_notes, document_as_at, history  # noqa: E402
from checker.amend.tree import load_tree, same_source  # noqa: E402
from checker.cli import cli  # noqa: E402


def fwdoc(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def record(base: str, record_id: str, in_force: str, *extra: str) -> None:
    code, out = fwdoc("amend", "record", "--base", base, "--id", record_id, "--title", f"Amendment {record_id}",
                      "--proposer", "director_general", "--proposed", "2009-01-05", "--in-force", in_force,
                      "--status", "in-force", "--approval", f"permanent_secretary:{in_force}:Letter",
                      "--approval", f"director_general:{in_force}:Minute", *extra)
    assert code == 0, out


def checkout(repo: Repo, commit: str, target: Path) -> Path:
    data = repo.git_bytes("archive", "--format=tar", commit, "--", "framework")
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(target, filter="data")
    return target / "framework"


@pytest.fixture(scope="module")
def amended(tmp_path_factory: pytest.TempPathFactory) -> tuple[Repo, list[str]]:
    """A repository with the original and two amendments: (repo, [original, first, second])."""
    import os

    tmp = tmp_path_factory.mktemp("history")
    repo = Repo.create(tmp)
    here = os.getcwd()
    os.chdir(repo.root)
    try:
        original = repo.git("rev-parse", "HEAD").strip()
        # 1. Annex C: a new paragraph and a new register entry, in force 1 April 2009
        with (repo.doc_dir / "objects.yaml").open("a", encoding="utf-8") as handle:
            handle.write("  - id: fwdoc_test_delegation_letter\n    name: Letter of Delegation (test)\n"
                         "    kind: document\n")
        repo._edit("C", lambda node, _: node.setdefault("clauses", []).append({
            "id": "review-of-delegations", "title": "Review of the Delegation Letter",
            "text": "The Permanent Secretary will review the letter of delegation each year.\n"}))
        record(original, "2009-01-annex-c-review", "2009-04-01")
        first = repo.commit("Amendment 2009-01: Annex C review of delegations")
        # 2. the main body: prose changed, a clause removed, one inserted, two swapped, a new
        #    annex, a register entry and the manifest changed; in force 1 January 2010
        repo._edit("2.1.2", lambda node, _: node.update(  # the prose, and the rules citing it
            {key: node[key].replace("principal advisor", "chief adviser") for key in ("text", "rules") if key in node}))
        repo.remove_clause("2.1.5")
        repo.insert_clause_before("2.2.2", {"id": "regulatory-review", "title": "Regulatory Review",
                                            "text": "The regulatory framework is reviewed every three years.\n"})
        press, branding = repo.clause("2.4.2").id, repo.clause("2.4.3").id

        def swap(node: dict, _: object) -> None:
            kids = node["clauses"]
            ids = [k["id"] for k in kids]
            i, j = ids.index(press), ids.index(branding)
            kids[i], kids[j] = kids[j], kids[i]

        repo._edit("2.4", swap)
        (repo.doc_dir / "parts" / "annex-z.yaml").write_text(
            "id: annex-z\nkind: annex\ntitle: Annex Z\nsubtitle: Added by amendment\n"
            "text: |\n  A new annex, added by the second amendment.\n", encoding="utf-8")
        manifest = repo.doc_dir / "manifest.yaml"
        text = manifest.read_text(encoding="utf-8")
        lines = text.splitlines()
        last_part = max(i for i, line in enumerate(lines) if line.strip().startswith("- annex-"))
        lines.insert(last_part + 1, lines[last_part].split("-")[0] + "- annex-z")
        text = "\n".join(lines).replace('version: "2008"', 'version: "2010"') + "\n"
        manifest.write_text(text, encoding="utf-8")
        actors = repo.doc_dir / "actors.yaml"
        actors.write_text(actors.read_text(encoding="utf-8") + "  - id: fwdoc_test_regulator\n"
                          "    name: Test Regulator\n    kind: body\n", encoding="utf-8")
        record(first, "2010-01-main-body", "2010-01-01")
        second = repo.commit("Amendment 2010-01: main body")
    finally:
        os.chdir(here)
    return repo, [original, first, second]


def _publish(folder: Path, *extra: str) -> str:
    code, out = fwdoc("publish", str(folder), "--format", "md", *extra)
    assert code == 0, out
    return out


@pytest.mark.parametrize("day, index", [("2008-12-31", 0), ("2009-04-01", 1), ("2009-12-31", 1),
                                        ("2010-01-01", 2)])
def test_as_at_rebuilds_the_earlier_version_exactly(amended: tuple[Repo, list[str]], tmp_path: Path,
                                                     day: str, index: int) -> None:
    repo, commits = amended
    then = checkout(repo, commits[index], tmp_path / "then")
    with document_as_at(repo.doc_dir, day) as folder:
        assert same_source(load_tree(folder), load_tree(then))
        assert sorted(p.name for p in (folder / "amendments").glob("*.yaml")) == \
            sorted(p.name for p in (then / "amendments").glob("*.yaml"))
    assert _publish(repo.doc_dir, "--as-at", day) == _publish(then)


def test_the_two_amendments_really_change_the_publication(amended: tuple[Repo, list[str]], tmp_path: Path) -> None:
    repo, commits = amended
    outputs = {_publish(checkout(repo, c, tmp_path / c[:8])) for c in commits}
    assert len(outputs) == 3


def test_history_lists_the_amendments_in_force(amended: tuple[Repo, list[str]]) -> None:
    repo, _ = amended
    document = repo.document()
    entries = history(document)
    assert [(e.id, e.in_force) for e in entries] == [("2009-01-annex-c-review", "2009-04-01"),
                                                      ("2010-01-main-body", "2010-01-01")]
    assert entries[0].added == ("review-of-delegations",)
    assert {a.actor for a in entries[1].approvals} == {"permanent_secretary", "director_general"}
    second = entries[1]
    assert repo.clause("2.1.2").id in second.changed
    assert "regulatory-review" in second.added and "annex-z" in second.added
    assert [e.id for e in history(document, as_at="2009-06-30")] == ["2009-01-annex-c-review"]
    notes = clause_notes(document)
    assert [e.id for e in notes[repo.clause("2.1.2").id]] == ["2010-01-main-body"]


def test_clause_history_gives_every_version(amended: tuple[Repo, list[str]]) -> None:
    repo, _ = amended
    clause_id = repo.clause("2.1.2").id
    versions = clause_history(repo.document(), clause_id)
    assert [(v.since_amendment, v.until_amendment) for v in versions] == [(None, "2010-01-main-body"),
                                                                           ("2010-01-main-body", None)]
    assert "principal advisor" in versions[0].text and "chief adviser" in versions[1].text
    added = clause_history(repo.document(), "review-of-delegations")
    assert [v.exists for v in added] == [False, True]

    code, out = fwdoc("history", "2.1.2", "--document", str(repo.doc_dir))
    assert code == 0
    assert "2 versions" in out.splitlines()[0]
    assert "original until 2010-01-01 (2010-01-main-body)" in out
    assert "from 2010-01-01 (2010-01-main-body) (current)" in out
    assert "[-principal advisor-] {+chief adviser+}" in out
    code, out = fwdoc("history", clause_id, "--document", str(repo.doc_dir), "--format", "json")
    assert [v["since"] for v in json.loads(out)] == [None, "2010-01-01"]


def test_as_at_refuses_a_record_without_before_images(amended: tuple[Repo, list[str]], tmp_path: Path) -> None:
    repo, commits = amended
    folder = checkout(repo, commits[2], tmp_path / "copy")
    record_file = folder / "amendments" / "2010-01-main-body.yaml"
    text = record_file.read_text(encoding="utf-8")
    record_file.write_text(text[: text.index("\nbefore:")] + "\n", encoding="utf-8")
    with pytest.raises(AsAtError, match="has no before-images"):
        with document_as_at(folder, "2009-06-01"):
            pass
    code, _ = fwdoc("publish", str(folder), "--format", "md", "--as-at", "2009-06-01")
    assert code != 0
    with pytest.raises(AsAtError, match="is not a date"):
        with document_as_at(folder, "June 2009"):
            pass


def test_history_shows_hidden_characters_as_escapes(tmp_path: Path) -> None:
    """A clause title with a terminal "set window title" sequence, BEL and a bidi override
    (HYG001/HYG002 report them, but a reviewer may miss them): history prints them as escapes,
    in text and in JSON, like every other output."""
    import shutil

    doc = tmp_path / "doc"
    shutil.copytree(Path(__file__).parent / "fixtures" / "amend" / "mini", doc)
    part = doc / "parts" / "governance.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace(
        "title: The Secretary of State", 'title: "Minister\\e]0;pwned\\a\\e[2J \\u202eevil"', 1), encoding="utf-8")
    for fmt in ("text", "json"):
        result = CliRunner().invoke(cli, ["history", "-d", str(doc), "the-minister", "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "pwned" in result.stdout
        assert not [c for c in result.stdout if c in "\x1b\x07\u202e"], repr(result.stdout[:200])
        if fmt == "json":
            assert json.loads(result.stdout)[0]["title"].startswith("Minister\x1b]0;pwned\x07")
