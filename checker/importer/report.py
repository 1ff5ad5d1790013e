"""What the importer tells its user: one record a finding, gathered into a report.

The importer never drops what it cannot place without saying so, and it never raises on bad
input: every problem becomes a finding with the place it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class ImportFinding:
    """One thing the importer has to say about one place of the source (or the output).

    ``line`` and ``column`` are 1-based; 0 means "no particular place" (a missing file, the
    output folder).
    """

    file: str
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{place}: {self.severity} {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass(frozen=True)
class ImportReport:
    """The result of one import: the findings, and what was written where."""

    source: Path
    output: Path
    findings: tuple[ImportFinding, ...]
    written: bool = False
    parts: tuple[str, ...] = ()
    clauses: int = 0

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def by_severity(self, severity: Severity) -> tuple[ImportFinding, ...]:
        return tuple(f for f in self.findings if f.severity == severity)


@dataclass
class Findings:
    """A collector handed down the import stages (one per import: no global state)."""

    file: str
    items: list[ImportFinding] = field(default_factory=list)

    def add(self, severity: Severity, line: int, message: str, column: int = 1) -> None:
        self.items.append(ImportFinding(self.file, line, column if line else 0, severity, message))

    def error(self, line: int, message: str, column: int = 1) -> None:
        self.add("error", line, message, column)

    def warning(self, line: int, message: str, column: int = 1) -> None:
        self.add("warning", line, message, column)

    def info(self, line: int, message: str, column: int = 1) -> None:
        self.add("info", line, message, column)

    def sorted(self) -> tuple[ImportFinding, ...]:
        # Stable sort by place, findings with no place last; findings of one line keep the
        # order the stages produced them.
        return tuple(sorted(self.items, key=lambda f: (f.file != self.file, f.line == 0, f.line, f.column)))
