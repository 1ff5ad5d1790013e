"""Helpers shared by commands: loading a document with a clean exit on I/O problems, and the
checks every output path passes before anything is written."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from checker.escape import visible
from checker.fileio import OutputError, check_no_links, inside, is_descriptor, target_kind, trusted_roots
from checker.findings import Finding, Location

if TYPE_CHECKING:
    from checker.loader import LoadResult


def printable(text: str, limit: int = 2000, newlines: bool = False) -> str:
    """`text` safe for a terminal: control, bidi and other invisible characters as escapes
    (newlines kept when `newlines`), cut at `limit` characters."""
    out = visible(text, keep="\n" if newlines else "")
    return out if len(out) <= limit else out[:limit] + "..."


class UsageError(click.ClickException):
    """A usage or I/O problem: exit status 2."""

    exit_code = 2

    def format_message(self) -> str:
        return printable(self.message, limit=20000, newlines=True)


def load_or_exit(path: Path) -> LoadResult:
    # (imported here: the loader brings the model, lark and the schemas, which a command that
    # never loads a document, or `fwdoc check` answered from the cache, does not need)
    from checker.loader import LoadError, load_document

    try:
        return load_document(path)
    except LoadError as err:
        raise UsageError(str(err)) from None


def display_root(path: Path) -> str:
    """How to print the document folder: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path.resolve(), Path.cwd())
    except ValueError:
        return path.as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else path.resolve().as_posix()


def relocate(findings: list[Finding], prefix: str) -> list[Finding]:
    """Make finding paths relative to the working folder ('framework/parts/x.yaml')."""
    if prefix in ("", "."):
        return findings

    def move(loc: Location) -> Location:
        return replace(loc, file=f"{prefix}/{loc.file}" if loc.file else prefix)

    return [replace(f, locations=tuple(move(loc) for loc in f.locations)) for f in findings]


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"'{value}' is not a date; expected YYYY-MM-DD") from None


def writable_output(document: Path | None, output: Path | None, option: str = "--output") -> None:
    """Refuse, before any work is done, an output that would be written into the document
    folder or that cannot be written (a link, a folder, a missing parent folder...): exit 2."""
    if output is None:
        return
    outside_document(document, output, option)
    try:
        target_kind(output)
        if not is_descriptor(output):  # /dev/stdout is a link the system made, not a PR
            check_no_links(output, trusted_roots(document))
    except OutputError as err:
        raise UsageError(str(err)) from None


def output_folder(document: Path, folder: Path, option: str = "--output") -> None:
    """Refuse, before anything is written, an output folder that is a symbolic link or lies
    under a link inside the working tree or the document's repository: exit 2.

    Files refuse a link target (checker/fileio.py); a folder is held to the same rule,
    since a pull request can commit `build` as a link to anywhere."""
    try:
        check_no_links(folder, trusted_roots(document))
    except OutputError as err:
        raise UsageError(f"{option} {err}") from None


def outside_document(document: Path | None, output: Path, option: str = "--output") -> None:
    """Refuse an output that is the document folder or lies inside it: exit 2."""
    if document is not None and inside(output, document):
        raise UsageError(f"{option} {output}: is inside the document folder {display_root(document)}; "
                         "fwdoc does not write into the document it reads: choose a path outside it")


def append_step_summary(markdown: str) -> None:
    """Append `markdown` to GitHub's job summary ($GITHUB_STEP_SUMMARY) when it is set.

    The runner creates that file; it is appended to (never replaced, other steps' summaries
    stay), only when it is a regular file that is not a symbolic link, and a failure is a
    usage problem (exit 2) that names the variable, never a traceback."""
    target = os.environ.get("GITHUB_STEP_SUMMARY", "")
    if not target:
        return
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(target, flags, 0o644)
    except OSError as err:
        from checker.fileio import reason

        raise UsageError(f"GITHUB_STEP_SUMMARY={target}: cannot append the job summary: {reason(err)}") from None
    try:
        import stat

        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UsageError(f"GITHUB_STEP_SUMMARY={target}: not a regular file; the job summary is not written")
        data = markdown.encode("utf-8")
        while data:
            data = data[os.write(fd, data):]
    finally:
        os.close(fd)


@contextmanager
def progress(stage: str, quiet: bool = False) -> Iterator[None]:
    """Show that a slow stage is running: a spinner with `stage` on standard error when that is
    a terminal (rich), a line when it is done; nothing with `quiet` or when standard error is a
    file or a pipe (a CI log keeps only what the command prints anyway)."""
    import sys

    if quiet or not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    with console.status(f"{stage}…"):
        yield
    console.print(f"{stage}: done", style="dim")
