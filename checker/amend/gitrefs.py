"""Git: the document folder as it stood at a ref, and the merge-base of a ref with HEAD.

`fwdoc amend --base REF [PATH]` compares the document at the merge-base of REF and HEAD (what
the pull request branched from) with the working tree.  The earlier version is written into a
temporary folder with `git archive`; nothing in the repository changes.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path


class GitError(Exception):
    """A git command failed (not a repository, unknown ref, path not in the ref)."""


def _git(cwd: Path, *args: str) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return proc.stdout


def repo_root(path: Path) -> Path:
    folder = path if path.is_dir() else path.parent
    return Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())


def resolve_commit(repo: Path, ref: str) -> str:
    return _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()


def merge_base(repo: Path, ref: str, head: str = "HEAD") -> str:
    """The commit the branch at `head` forked from `ref`; `ref` itself if git cannot tell
    (a shallow clone without the common history)."""
    commit = resolve_commit(repo, ref)
    try:
        return _git(repo, "merge-base", commit, head).decode().strip()
    except GitError:
        return commit


def materialise(repo: Path, commit: str, path: Path, target: Path) -> Path:
    """Write the folder `path` (inside `repo`) as it is at `commit` into `target`; return it."""
    rel = path.resolve().relative_to(repo.resolve()).as_posix()
    spec = "." if rel in ("", ".") else rel
    try:
        data = _git(repo, "archive", "--format=tar", commit, "--", spec)
    except GitError as err:
        raise GitError(f"{rel or '.'} is not in {commit[:12]} ({err})") from None
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(target, filter="data")
    out = target / rel if spec != "." else target
    if not out.is_dir():
        raise GitError(f"{rel} is not a folder in {commit[:12]}")
    return out


def describe(repo: Path, commit: str) -> str:
    """A short name for a commit: '<abbrev> (<subject>)'."""
    try:
        return _git(repo, "log", "-1", "--format=%h", commit).decode().strip()
    except GitError:
        return commit[:12]
