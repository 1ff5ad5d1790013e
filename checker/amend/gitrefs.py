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


SHALLOW_FIX = ("fetch the whole history: in GitHub Actions, `actions/checkout` with `fetch-depth: 0`; "
               "locally, `git fetch --unshallow`")


def is_shallow(repo: Path) -> bool:
    try:
        return _git(repo, "rev-parse", "--is-shallow-repository").decode().strip() == "true"
    except GitError:
        return (repo / ".git" / "shallow").is_file()


def merge_base(repo: Path, ref: str, head: str = "HEAD") -> str:
    """The commit the branch at `head` forked from `ref`.

    Raises GitError when git cannot tell: in a shallow clone the fork point may be outside the
    fetched history, and comparing with any other commit (REF's tip, say) would blame the
    change for whatever happened on REF since; the message says how to fetch the history."""
    commit = resolve_commit(repo, ref)
    try:
        found = _git(repo, "merge-base", commit, head).decode().strip()
    except GitError:
        found = ""
    if found:
        return found
    if is_shallow(repo):
        raise GitError(f"could not judge: this is a shallow clone and the merge-base of {ref} and {head} is "
                       f"not in it, so the version the change started from is unknown; {SHALLOW_FIX}")
    raise GitError(f"could not judge: {ref} and {head} have no common history (no merge-base); compare two "
                   "folders instead, or give the branch the change was made from")


def materialise(repo: Path, commit: str, path: Path, target: Path) -> Path:
    """Write the folder `path` (inside `repo`) as it is at `commit` into `target`; return it.

    Extracted with the tar `data` filter: a committed link out of the folder (to /dev/zero,
    to /usr) is refused, never followed."""
    rel = path.resolve().relative_to(repo.resolve()).as_posix()
    spec = "." if rel in ("", ".") else rel
    try:
        data = _git(repo, "archive", "--format=tar", commit, "--", spec)
    except GitError as err:
        raise GitError(f"{rel or '.'} is not in {commit[:12]} ({err})") from None
    target.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            archive.extractall(target, filter="data")
    except (tarfile.TarError, OSError) as err:
        raise GitError(f"could not judge: {rel or '.'} at {commit[:12]} holds a file that must not be "
                       f"written out ({err}); a framework document keeps regular files inside its folder") from None
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
