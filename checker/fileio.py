"""Writing outputs safely.

fwdoc runs as root in CI containers, on paths an outsider may have chosen, so an output is
written only where it can do no harm:

- a regular file (or no file yet) is written atomically: a temporary file beside it, renamed
  over it, so a failed run never leaves half an output; the new file gets the permissions any
  new file gets (0666 less the umask), not mkstemp's 0600;
- a character device (`/dev/stdout`, `/dev/full`, a terminal) is written through, because that
  is what was asked; `/dev/stdout`, `/dev/stderr` and `/dev/fd/N` are the open descriptor itself;
- anything else (a symbolic link, a folder, a named pipe, a socket, a block device) is refused,
  and so is a missing parent folder: a typo in a path is not a reason to create folders;
- every failure (a full device, a read-only folder) is an `OutputError` naming the path.

Folders (the website) are built beside their target and swapped in under a lock on the parent
folder, so two builds into one folder take turns and the last one wins whole.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# The names that mean "this process's open descriptor N" (Linux links them through /proc).
_DESCRIPTOR = re.compile(r"/dev/(?:stdout|stderr|fd/(\d+))|/proc/self/fd/(\d+)")
_NAMED = {"/dev/stdout": 1, "/dev/stderr": 2}


class OutputError(OSError):
    """An output cannot be written; the message names the path and says why (exit status 2).

    An OSError, so that code which caught write failures before still catches these."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def reason(err: OSError) -> str:
    """'no space left on device' from an OSError, in the lower case our messages use."""
    text = err.strerror or str(err)
    return text[:1].lower() + text[1:]


def umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere: read it by setting it, and put it straight back
    os.umask(mask)
    return mask


def inside(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or lies inside it, after following links in both."""
    real, base = path.resolve(), folder.resolve()
    return real == base or base in real.parents


def _descriptor(path: Path) -> int | None:
    """The descriptor `/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/3` name; None for other paths."""
    text = os.path.normpath(str(path))
    if text in _NAMED:
        return _NAMED[text]
    match = _DESCRIPTOR.fullmatch(text)
    if match is None:
        return None
    return int(match.group(1) or match.group(2))


def is_descriptor(path: Path) -> bool:
    """Whether `path` names this process's open descriptor (`/dev/stdout`, `/dev/fd/3`)."""
    return _descriptor(path) is not None


def _write_all(fd: int, data: bytes, path: Path) -> None:
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view):]
    except OSError as err:
        raise OutputError(f"{path}: could not write: {reason(err)}") from None


def _write_descriptor(fd: int, data: bytes, path: Path) -> None:
    """Write to an open descriptor, after what Python has buffered for it (so order holds)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and stream.fileno() == fd:
                stream.flush()
        except (OSError, ValueError, AttributeError):
            continue  # a replaced stream (pytest's capture) has no descriptor to flush
    try:
        os.fstat(fd)
    except OSError:
        raise OutputError(f"{path}: descriptor {fd} is not open") from None
    _write_all(fd, data, path)


def _write_device(path: Path, data: bytes) -> None:
    """Write through to a character device, never creating or replacing anything."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise OutputError(f"{path}: cannot write there: {reason(err)}") from None
    try:
        _write_all(fd, data, path)
    finally:
        os.close(fd)


_REFUSED = {
    stat.S_IFLNK: "is a symbolic link; fwdoc does not write through links (give the real path)",
    stat.S_IFDIR: "is a folder; expected a file name",
    stat.S_IFIFO: "is a named pipe; fwdoc writes only regular files and character devices",
    stat.S_IFSOCK: "is a socket; fwdoc writes only regular files and character devices",
    stat.S_IFBLK: "is a block device; fwdoc writes only regular files and character devices",
}


def check_parent(path: Path) -> None:
    """Raise OutputError unless the folder `path` goes into exists (it is never created)."""
    parent = path.parent
    try:
        mode = parent.stat().st_mode
    except FileNotFoundError:
        raise OutputError(f"{path}: the folder {parent} does not exist; create it first "
                          "(fwdoc does not create folders for its outputs)") from None
    except OSError as err:
        raise OutputError(f"{path}: cannot write there: {reason(err)}") from None
    if not stat.S_ISDIR(mode):
        raise OutputError(f"{path}: {parent} is not a folder")


def target_kind(path: Path) -> str:
    """'descriptor', 'device', 'file' (a regular file) or 'absent'; OutputError for the rest."""
    if _descriptor(path) is not None:
        return "descriptor"
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        check_parent(path)
        return "absent"
    except OSError as err:  # a file where a folder should be, a folder we may not enter
        check_parent(path)  # says which, when it can
        raise OutputError(f"{path}: cannot write there: {reason(err)}") from None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISCHR(mode):
        return "device"
    raise OutputError(f"{path}: {_REFUSED.get(stat.S_IFMT(mode), 'is not a regular file')}")


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` as the module docstring says; raise OutputError when it cannot."""
    path = Path(path)
    kind = target_kind(path)
    if kind == "descriptor":
        fd = _descriptor(path)
        assert fd is not None
        _write_descriptor(fd, data, path)
        return
    if kind == "device":
        _write_device(path, data)
        return
    try:
        # the name's first 40 characters: the temporary name must fit where the target's fits
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".tmp")
    except OSError as err:
        raise OutputError(f"{path}: cannot write there: {reason(err)}") from None
    try:
        try:
            os.fchmod(fd, 0o666 & ~umask())
            _write_all(fd, data, path)
            os.fsync(fd)  # a full disk on some file systems shows only here
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OutputError):
            raise
        raise OutputError(f"{path}: could not write: {reason(err)}") from None
    except BaseException:  # an interrupt: leave nothing behind
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (flock on the folder itself: no lock file is left).

    Released when the block ends or the process dies, so a killed build never blocks the next."""
    try:
        import fcntl
    except ImportError:  # no flock on this system: builds are not serialised
        yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path)


def replace_dir(built: Path, target: Path, check: Callable[[Path], None] | None = None) -> None:
    """Swap a freshly built folder into place; the old one is removed only after the swap.

    The swap holds a lock on the parent folder, so concurrent builds into one folder take turns
    and the last one wins whole; `check(target)`, when given, runs under that lock and may
    raise to refuse the swap; it is also asked about a `.NAME.old` found beside the target
    before that is removed (a leftover of an earlier swap, or someone's folder of that name).  The parent folder must exist."""
    parent = target.parent
    check_parent(target)
    with folder_lock(parent):
        if check is not None:
            check(target)
        old = None
        if os.path.lexists(target):
            old = parent / f".{target.name}.old"
            if os.path.lexists(old):
                if check is not None:
                    check(old)  # a leftover of ours is removed; a folder of the user's is refused
                _remove(old)
            os.replace(target, old)
        try:
            os.replace(built, target)
        except BaseException:
            if old is not None and not os.path.lexists(target):
                os.replace(old, target)  # put the previous folder back
            raise
        if old is not None:
            try:
                _remove(old)
            except OSError:
                pass  # the new site is in place; a leftover .old folder goes on the next swap


def repository_root(path: Path) -> Path | None:
    """The top of the git working tree holding `path` (the nearest folder above it with a
    `.git`), without running git; None outside any repository."""
    here = Path(os.path.realpath(path))
    for folder in (here, *here.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def trusted_roots(*anchors: Path | None) -> tuple[Path, ...]:
    """The folders whose contents a pull request may control: the working folder, and the git
    working tree of the working folder and of each anchor (the document folder)."""
    cwd = Path(os.path.realpath(os.getcwd()))
    roots = [cwd]
    for anchor in (cwd, *anchors):
        if anchor is None:
            continue
        top = repository_root(anchor)
        if top is not None and top not in roots:
            roots.append(top)
    return tuple(roots)


def _under(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def check_no_links(path: Path, roots: tuple[Path, ...]) -> None:
    """Raise OutputError when `path` is a symbolic link, or when any folder on its way that lies
    at or below one of `roots` (the working tree, the document's repository) is one.

    A link there is something a pull request can commit (`build -> /etc`), so fwdoc refuses to
    write through it; a link above them (`/tmp -> /private/tmp`) is the system's and is
    followed.  The path is walked one component at a time, each link resolved as the kernel
    would, so that `..` after a link is judged where it really leads.  Components that do
    not exist yet cannot be links and end the walk."""
    absolute = Path(os.getcwd(), path)  # not normalised: `..` is resolved below, after links
    parts = absolute.parts
    current = Path(parts[0])
    last = len(parts) - 1
    for index, name in enumerate(parts[1:], 1):
        if name in ("", "."):
            continue
        if name == "..":
            current = current.parent
            continue
        candidate = current / name
        try:
            mode = os.lstat(candidate).st_mode
        except FileNotFoundError:
            return  # nothing below a missing folder exists yet, so no link either
        except OSError as err:
            raise OutputError(f"{path}: cannot write there: {reason(err)}") from None
        if stat.S_ISLNK(mode):
            if index == last:
                raise OutputError(f"{path}: is a symbolic link; fwdoc does not write through links "
                                  "(give the real path)")
            if _under(candidate, roots):
                raise OutputError(f"{path}: {candidate} is a symbolic link inside the working tree; "
                                  "fwdoc does not write through links (give the real path)")
            current = Path(os.path.realpath(candidate))
        else:
            current = candidate
