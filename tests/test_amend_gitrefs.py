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


def test_a_shallow_clone_falls_back_to_the_ref(repo: Repo, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{repo.root}", str(clone)],
                   check=True, env={**os.environ, **ENV}, capture_output=True)
    main = gitrefs.resolve_commit(clone, "origin/main")
    assert gitrefs.merge_base(clone, "origin/main") == main  # no common history: the ref itself
