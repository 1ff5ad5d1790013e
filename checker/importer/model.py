"""The imported document: frozen records that map one to one onto the YAML files written.

This is the importer's own small model (what docs/format.md calls the source format), not the
checker's model: it only has what an import can know.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    id: str
    title: str


@dataclass(frozen=True)
class Table:
    caption: str | None
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]  # one Markdown cell a column, in column order


@dataclass(frozen=True)
class Clause:
    id: str
    title: str | None
    printed: str | None
    numbered: bool
    text: str | None
    table: Table | None
    clauses: tuple[Clause, ...]
    line: int  # where it starts in the Markdown, for findings


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    expansion: str


@dataclass(frozen=True)
class Part:
    id: str
    kind: str  # foreword | introduction | section | glossary | annex
    title: str
    subtitle: str | None
    printed: str | None
    text: str | None
    clauses: tuple[Clause, ...]
    entries: tuple[GlossaryEntry, ...]
    line: int


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str | None
    signature: str | None


@dataclass(frozen=True)
class Manifest:
    title: str
    publisher: str
    language: str
    signatory: Signatory | None
    version: str
    published: str | None
    status: str
    review_by: str | None
    parts: tuple[str, ...]
    amendments: str
    source_name: str  # the Markdown file's name, for the header comment
    description: str | None = None  # the cover's summary of the document
    numbering: str | dict[str, object] | None = None  # the manifest's `numbering:` (None: hierarchical)


@dataclass(frozen=True)
class Document:
    manifest: Manifest
    parts: tuple[Part, ...]


def count_clauses(clauses: tuple[Clause, ...]) -> int:
    return sum(1 + count_clauses(c.clauses) for c in clauses)
