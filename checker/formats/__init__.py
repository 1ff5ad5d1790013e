"""Output formats for findings: each a function of the finding records and the run's stats."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
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
    help_base: str = ""  # the published site's URL, for links to the reference pages (help_uri)
    width: int = 0  # text: wrap messages to this many columns (0: never wrap)
    quiet: bool = False  # text: no file headers when nothing is shown
    hidden: int = 0  # findings left out by a display filter (--severity, --quiet), still counted
    hidden_why: str = ""
    counted: list[Finding] | None = None  # what the summary counts, when more than `findings`


def help_uri(code: str, base: str = "") -> str:
    """Where the reference page of `code` is: on the published site when its URL is known
    (the site serves docs/checks/ as reference/checks/CODE.html), else the generated page in
    the repository, as a path relative to its root (docs/checks/CODE.md)."""
    if base:
        return f"{base.rstrip('/')}/reference/checks/{code}.html"
    return f"docs/checks/{code}.md"


def help_base_of(option: str | None, site_url: object = None) -> str:
    """The base URL for reference links: the command's `--help-base-url`, else the manifest's
    `site_url` (when the document has one), else none (relative paths)."""
    if option:
        return option
    return site_url if isinstance(site_url, str) else ""


Formatter = Callable[[Report], str]


_MODULES = {"text": "text", "json": "json_out", "github": "github", "sarif": "sarif", "junit": "junit",
            "lsp-json": "lsp"}


class _Formatters(Mapping[str, Formatter]):
    """The formats by name, each module imported when its format is asked for: a run in one
    format does not pay for the others (and `text` does not import rich unless in colour)."""

    def __getitem__(self, name: str) -> Formatter:
        import importlib

        render: Formatter = importlib.import_module(f"checker.formats.{_MODULES[name]}").render
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


def formatters() -> Mapping[str, Formatter]:
    return _Formatters()
