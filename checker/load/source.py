"""Open a source file of the document: the one way the engine reads a file it did not write.

Document text arrives through pull requests from outsiders and fwdoc often runs as root in
CI, so a file of the document is opened as untrusted:

* it must stay inside the document folder: a symbolic link is followed only when its target
  (every link on the way resolved) is inside the folder, so that a part committed as a link
  to `/etc/shadow` is refused before a byte of it is read, and nothing of it can reach a
  finding;
* it must be a regular file: a device (`/dev/zero`, `/dev/urandom`), a FIFO (which blocks a
  reader for ever), a socket or a folder is refused without being read.  The file is opened
  with O_NONBLOCK (opening a FIFO never blocks) and O_NOFOLLOW, then checked again with
  fstat on the open descriptor, so that what is read is what was checked;
* it is read with a hard limit: at most MAX_BYTES + 1 bytes, whatever its size claims to be
  (a device reports size 0; a file may grow while it is read).

Problems are raised as `SourceRefused`, carrying the finding's code, name and message;
`read_yaml` (yamlfile.py) turns them into findings.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024  # far above any real part (a whole framework document's text is typically under 100 kB)

_CHUNK = 1024 * 1024


class SourceRefused(Exception):
    """A source file that is not read: the finding (code, name, message) that says why."""

    def __init__(self, code: str, name: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.name = name
        self.message = message


def display_name(path: Path, root: Path) -> str:
    """The path as findings show it: relative to the document folder when it is inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every symbolic link on the way resolved, stays inside `root`."""
    real = Path(os.path.realpath(path))
    real_root = Path(os.path.realpath(root))
    return real == real_root or real_root in real.parents


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link that cannot be resolved (a loop of links)"
    return "of an unknown kind"


def _not_regular(mode: int) -> SourceRefused:
    return SourceRefused(
        "SRC014", "not-a-regular-file",
        f"the file is {_kind(mode)}, not a regular file; a source file of the document must be "
        "an ordinary file (it is not read)")


def read_source(path: Path, root: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the document's file `path` (inside the document folder `root`).

    Raises SourceRefused for a file that leaves the folder, is not a regular file, is
    larger than `limit` bytes or cannot be read.
    """
    real = Path(os.path.realpath(path))
    if not inside(real, root):
        # the link's text is what was committed; the target's content is never read
        try:
            shown = f" (it points to {os.readlink(path)!a:.120})" if path.is_symlink() else ""
        except OSError:
            shown = ""
        raise SourceRefused(
            "SRC015", "outside-document",
            f"the file is a symbolic link, or lies under one, that leads outside the document "
            f"folder{shown}; a source file must be inside the document folder (it is not read)")
    try:
        before = os.stat(real, follow_symlinks=False)
    except OSError as err:
        raise SourceRefused("SRC001", "unreadable", f"cannot read the file: {err.strerror or err}") from None
    if not stat.S_ISREG(before.st_mode):
        raise _not_regular(before.st_mode)
    if before.st_size > limit:
        raise _too_large(f"the file is {before.st_size:,} bytes", limit)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except OSError as err:
        raise SourceRefused("SRC001", "unreadable", f"cannot read the file: {err.strerror or err}") from None
    try:
        after = os.fstat(fd)
        # the file checked above must be the file opened (a swap in between is refused)
        if not stat.S_ISREG(after.st_mode):
            raise _not_regular(after.st_mode)
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
            raise SourceRefused("SRC001", "unreadable",
                                "cannot read the file: it was replaced while it was opened")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as err:
        raise SourceRefused("SRC001", "unreadable", f"cannot read the file: {err.strerror or err}") from None
    finally:
        os.close(fd)
    if total > limit:
        raise _too_large("the file is larger than its size said when it was opened", limit)
    return b"".join(chunks)


def _too_large(what: str, limit: int) -> SourceRefused:
    return SourceRefused(
        "SRC002", "file-too-large",
        f"{what}; a source file may be at most {limit:,} bytes (split a large part into several parts)")
