"""What a check is: a stable code, a short name, a severity, a family, a docstring and a
function from the model to findings.  Checks register themselves with `@check`; the registry
is explicit (checks/__init__.py imports every family module) and a meta-test asserts that
every check is registered with a unique code and a complete docstring.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from checker.findings import Finding, Location, Severity
from checker.model import Document


@dataclass(frozen=True)
class Context:
    """What a check may need beyond the model."""

    today: date = field(default_factory=date.today)


CheckFunc = Callable[[Document, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    severity: Severity
    family: str
    func: CheckFunc

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n", 1)[0].replace("\n", " ")

    def finding(self, message: str, *locations: Location, subjects: tuple[str, ...] = (),
                severity: Severity | None = None) -> Finding:
        return Finding(self.code, self.name, severity or self.severity, message,
                       tuple(locations), subjects=subjects)

    def run(self, document: Document, context: Context) -> Iterator[Finding]:
        yield from self.func(document, context)


REGISTRY: dict[str, Check] = {}


def check(code: str, name: str, severity: Severity, family: str) -> Callable[[CheckFunc], CheckFunc]:
    """Register a check function under a stable code."""

    def register(func: CheckFunc) -> CheckFunc:
        if code in REGISTRY:
            raise ValueError(f"check code {code} registered twice")
        REGISTRY[code] = Check(code, name, severity, family, func)
        return func

    return register


def get(code: str) -> Check:
    return REGISTRY[code]
