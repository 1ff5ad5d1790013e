"""checker.amend.gitrefs on real repositories: merge-base, materialising a folder, errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "amend"))
from gitrepo import ENV, Repo  # noqa: E402

from checker.amend import gitrefs  # noqa: E402


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    repo = Repo.create(tmp_path)
    repo.branch("feature")
    (repo.doc_dir / "manifest.yaml").write_text(
        (repo.doc_dir / "manifest.yaml").read_text(encoding="utf-8").replace("version:", "# edited\nversion:"))
    repo.commit("on the branch")
    repo.git("checkout", "-q", "main")
    (repo.root / "other.txt").write_text("main moved on\n")
    repo.commit("main moves on")
    repo.git("checkout", "-q", "feature")
    return repo


def test_merge_base_is_where_the_branch_forked(repo: Repo, tmp_path: Path) -> None:
    fork = repo.git("rev-list", "--max-parents=0", "HEAD").strip()
    assert gitrefs.merge_base(repo.root, "main") == fork
    folder = gitrefs.materialise(repo.root, fork, repo.doc_dir, tmp_path / "base")
    assert folder == tmp_path / "base" / "framework"
    assert "# edited" not in (folder / "manifest.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in (folder / "parts").iterdir()) == sorted(p.name for p in (repo.doc_dir / "parts").iterdir())
    assert gitrefs.repo_root(repo.doc_dir) == repo.root.resolve()


def test_errors_are_plain(repo: Repo, tmp_path: Path) -> None:
    with pytest.raises(gitrefs.GitError, match="git rev-parse"):
        gitrefs.merge_base(repo.root, "no-such-branch")
    (repo.root / "new").mkdir()
    with pytest.raises(gitrefs.GitError, match="new is not in"):
        gitrefs.materialise(repo.root, "HEAD", repo.root / "new", tmp_path / "x")
    with pytest.raises(gitrefs.GitError, match="not a git repository"):
        gitrefs.repo_root(tmp_path)


def _shallow_clone(repo: Repo, tmp_path: Path) -> Path:
    """A clone the way `actions/checkout` makes one by default: the tips only, depth 1."""
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{repo.root}", str(clone)],
                   check=True, env={**os.environ, **ENV}, capture_output=True)
    return clone


def test_a_shallow_clone_without_the_merge_base_is_an_error_with_the_fix(repo: Repo, tmp_path: Path) -> None:
    clone = _shallow_clone(repo, tmp_path)
    assert gitrefs.is_shallow(clone)
    main = gitrefs.resolve_commit(clone, "origin/main")
    assert main != gitrefs.resolve_commit(clone, "HEAD")  # the branch and main have both moved on
    with pytest.raises(gitrefs.GitError, match="shallow clone") as err:
        gitrefs.merge_base(clone, "origin/main")
    assert "fetch-depth: 0" in str(err.value) and "git fetch --unshallow" in str(err.value)

    # the command says it could not judge (exit 2), never compares with main's tip
    from click.testing import CliRunner

    from checker.cli import cli

    here = os.getcwd()
    os.chdir(clone)
    try:
        result = CliRunner().invoke(cli, ["amend", "--base", "origin/main", "--format", "json"])
    finally:
        os.chdir(here)
    assert result.exit_code == 2, result.output
    assert "fetch-depth: 0" in result.stderr and result.stdout == ""

    # with the history fetched, the merge-base is the fork point
    subprocess.run(["git", "fetch", "-q", "--unshallow"], cwd=clone, check=True, env={**os.environ, **ENV},
                   capture_output=True)
    fork = repo.git("rev-list", "--max-parents=0", "HEAD").strip()
    assert gitrefs.merge_base(clone, "origin/main") == fork


def test_a_shallow_clone_that_holds_the_merge_base_is_judged(repo: Repo, tmp_path: Path) -> None:
    repo.git("checkout", "-q", "main")  # the clone's HEAD is main itself: the merge-base is its tip
    clone = _shallow_clone(repo, tmp_path)
    main = gitrefs.resolve_commit(clone, "origin/main")
    assert gitrefs.merge_base(clone, "origin/main") == main


def test_unrelated_histories_are_an_error(repo: Repo, tmp_path: Path) -> None:
    repo.git("checkout", "-q", "--orphan", "unrelated")
    repo.commit("a history of its own")
    with pytest.raises(gitrefs.GitError, match="no common history"):
        gitrefs.merge_base(repo.root, "main")


def test_a_committed_link_out_of_the_folder_is_refused(repo: Repo, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.yaml").write_text("id: secret\n")
    (repo.doc_dir / "parts" / "linked").symlink_to(outside)
    (repo.doc_dir / "zero.yaml").symlink_to("/dev/zero")
    commit = repo.commit("links out of the folder")
    with pytest.raises(gitrefs.GitError, match="must not be written out"):
        gitrefs.materialise(repo.root, commit, repo.doc_dir, tmp_path / "base")
    assert not (tmp_path / "base" / "framework" / "parts" / "linked").exists()
