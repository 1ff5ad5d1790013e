"""Output formats for findings: each a function of the finding records and the run's stats."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from checker.findings import Finding


@dataclass(frozen=True)
class Report:
    """Everything an output format may show about one `fwdoc check` run."""

    findings: list[Finding]
    stats: dict[str, Any] = field(default_factory=dict)
    document: str = ""  # the document folder as the user gave it
    title: str = ""
    color: bool = False


Formatter = Callable[[Report], str]


def formatters() -> dict[str, Formatter]:
    from checker.formats import github, json_out, junit, sarif, text

    return {"text": text.render, "json": json_out.render, "github": github.render,
            "sarif": sarif.render, "junit": junit.render}
