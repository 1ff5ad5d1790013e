"""The one record every check, loader stage and output format shares."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in the source: file (relative to the document root), 1-based line and column."""

    file: str
    line: int = 0
    column: int = 0
    clause: str | None = None

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "clause": self.clause}


@dataclass(frozen=True, slots=True)
class Suppression:
    kind: str  # "inSource" (an acknowledge statement) or "external" (the baseline file)
    reason: str
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    locations: tuple[Location, ...] = ()
    suppression: Suppression | None = None
    # extra keys an output may use (e.g. the actors or objects involved), never needed to read it
    subjects: tuple[str, ...] = field(default=(), compare=False)

    @property
    def location(self) -> Location:
        return self.locations[0] if self.locations else Location("")

    def sort_key(self) -> tuple[Any, ...]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)

    def fingerprint(self) -> str:
        """Stable across runs, line moves and renumbering: code, clause ids and the message with
        its numbers masked (a message quotes clause numbers, counts and today's date, none of
        which make it another finding)."""
        import hashlib
        import re

        clauses = ",".join(sorted({loc.clause or loc.file for loc in self.locations}))
        raw = f"{self.code}|{clauses}|{re.sub(r'[0-9]+', '#', self.message)}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]

    def to_dict(self) -> dict[str, Any]:
        loc = self.location
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "clause": loc.clause,
            "locations": [item.to_dict() for item in self.locations],
            "fingerprint": self.fingerprint(),
        }
        if self.suppression is not None:
            out["suppression"] = {"kind": self.suppression.kind, "reason": self.suppression.reason}
        return out

    def with_suppression(self, suppression: Suppression) -> Finding:
        return Finding(self.code, self.name, self.severity, self.message, self.locations,
                       suppression, self.subjects)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)
