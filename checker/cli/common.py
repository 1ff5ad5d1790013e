"""Helpers shared by commands: loading a document with a clean exit on I/O problems."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import click

from checker.findings import Finding, Location
from checker.loader import LoadError, LoadResult, load_document


class UsageError(click.ClickException):
    """A usage or I/O problem: exit status 2."""

    exit_code = 2


def load_or_exit(path: Path) -> LoadResult:
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
