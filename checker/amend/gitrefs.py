"""Git: the document folder as it stood at a ref, and the merge-base of a ref with HEAD.

`fwdoc amend --base REF [PATH]` compares the document at the merge-base of REF and HEAD (what
the pull request branched from) with the working tree.  The earlier version is written into a
temporary folder from git's objects (never `git archive`, which obeys `.gitattributes`); nothing
in the repository changes.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath

from checker.load.source import MAX_BYTES


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


# a blob larger than this is written cut short: the guarded reader refuses any file above its own
# limit (checker/load/source.py), so what lies beyond never matters, and BASE cannot fill the disk
BLOB_LIMIT = MAX_BYTES + 1
TOTAL_LIMIT = 512 * 1024 * 1024  # the whole folder: far above any document


def _entries(repo: Path, commit: str, spec: str) -> list[tuple[str, str, str, str]]:
    """(mode, type, object, path) of every entry under `spec` at `commit`, read from the tree
    objects themselves (no attribute of the repository applies)."""
    args = ["ls-tree", "-r", "-z", "--full-tree", commit]
    if spec != ".":
        args += ["--", spec]
    out: list[tuple[str, str, str, str]] = []
    for item in _git(repo, *args).split(b"\0"):
        if not item:
            continue
        meta, _, name = item.partition(b"\t")
        mode, kind, obj = meta.decode("ascii").split()
        path = name.decode("utf-8", "surrogateescape")
        if spec == "." or path.startswith(spec + "/"):
            out.append((mode, kind, obj, path))
    return out


def _safe_relative(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return bool(parts) and not PurePosixPath(path).is_absolute() and not any(p in ("..", ".", "") for p in parts)


class _Blobs:
    """`git cat-file --batch`, one object at a time (asked, then read to its end)."""

    def __init__(self, repo: Path) -> None:
        try:
            self.proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=repo, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except FileNotFoundError:
            raise GitError("git is not installed or not on PATH") from None

    def write(self, obj: str, target: Path, limit: int) -> int:
        """Write the blob `obj` (at most `limit` bytes of it) to `target`; return its full size."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(obj.encode("ascii") + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().decode("ascii", "replace").split()
        if len(header) != 3 or header[1] != "blob":
            raise GitError(f"git cat-file: {obj} is not a blob ({' '.join(header) or 'no answer'})")
        size = int(header[2])
        left, kept = size, 0
        with target.open("xb") as handle:
            while left:
                chunk = self.proc.stdout.read(min(left, 1 << 20))
                if not chunk:
                    raise GitError(f"git cat-file: {obj} ended early")
                left -= len(chunk)
                if kept < limit:
                    handle.write(chunk[: limit - kept])
                    kept += min(len(chunk), limit - kept)
        self.proc.stdout.read(1)  # the newline after the content
        return size

    def read(self, obj: str) -> bytes:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(obj.encode("ascii") + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().decode("ascii", "replace").split()
        if len(header) != 3 or header[1] != "blob":
            raise GitError(f"git cat-file: {obj} is not a blob")
        data = self.proc.stdout.read(int(header[2]))
        self.proc.stdout.read(1)
        return data

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self.proc.wait()


def materialise(repo: Path, commit: str, path: Path, target: Path) -> Path:
    """Write the folder `path` (inside `repo`) as it is at `commit` into `target`; return it.

    Written from the tree and blob objects themselves (`git ls-tree`, `git cat-file`), never
    through `git archive` or a checkout: no attribute (a committed `.gitattributes` with
    `export-ignore` or `export-subst`, a filter, an end-of-line conversion) can hide or rewrite
    a file of BASE.  A committed link out of the folder (to /dev/zero, to /usr) is refused,
    never followed; a link inside it is kept; a submodule is an empty folder."""
    rel = path.resolve().relative_to(repo.resolve()).as_posix()
    spec = "." if rel in ("", ".") else rel
    entries = _entries(repo, commit, spec)
    if not entries:
        raise GitError(f"{rel or '.'} is not in {commit[:12]} (no files under it)")
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    folder = root / rel if spec != "." else root  # no link may lead out of the document folder

    def refuse(why: str) -> GitError:
        return GitError(f"could not judge: {rel or '.'} at {commit[:12]} holds a file that must not be "
                        f"written out ({why}); a framework document keeps regular files inside its folder")

    blobs = _Blobs(repo)
    total = 0
    links: list[Path] = []
    try:
        for mode, kind, obj, name in entries:
            if not _safe_relative(name):
                raise refuse(f"'{name}' is not a plain relative path")
            dest = root / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            if kind == "commit":  # a submodule: nothing of it is in this repository
                dest.mkdir(exist_ok=True)
                continue
            if kind != "blob":
                raise refuse(f"'{name}' is a {kind}")
            if mode == "120000":
                link = blobs.read(obj).decode("utf-8", "surrogateescape")
                resolved = Path(os.path.normpath(dest.parent / link))
                if "\0" in link or PurePosixPath(link).is_absolute() or \
                        (resolved != folder and folder not in resolved.parents):
                    raise refuse(f"'{name}' is a link to {link}, outside the folder")
                dest.symlink_to(link)
                links.append(dest)
                continue
            total += min(blobs.write(obj, dest, BLOB_LIMIT), BLOB_LIMIT)
            if mode == "100755":
                dest.chmod(0o755)
            if total > TOTAL_LIMIT:
                raise refuse(f"more than {TOTAL_LIMIT // (1024 * 1024)} MB in all")
    except OSError as err:
        raise refuse(str(err)) from None
    finally:
        blobs.close()
    for made in links:  # a chain of links inside can still lead out (`a -> b/../..`, `b -> .`)
        real = Path(os.path.realpath(made))
        if real != folder and folder not in real.parents:
            raise refuse(f"'{made.relative_to(root).as_posix()}' leads to {real}, outside the folder")
    out = target / rel if spec != "." else target
    if not out.is_dir() or out.is_symlink():
        raise GitError(f"{rel} is not a folder in {commit[:12]}")
    return out


def describe(repo: Path, commit: str) -> str:
    """A short name for a commit: '<abbrev> (<subject>)'."""
    try:
        return _git(repo, "log", "-1", "--format=%h", commit).decode().strip()
    except GitError:
        return commit[:12]
