"""LSP diagnostics (`fwdoc check --format lsp-json`): the findings as a JSON list of Language
Server Protocol `PublishDiagnosticsParams`, one per file, for an editor or a script that feeds
them to one (docs/editors.md).

    [{"uri": "file:///.../parts/governance.yaml",
      "diagnostics": [{"range": {"start": {"line": 5, "character": 4}, "end": {...}},
                       "severity": 1, "code": "SCH001",
                       "codeDescription": {"href": "docs/checks/SCH001.md"},
                       "source": "fwdoc", "message": "...", "relatedInformation": [...],
                       "data": {"name": "schema", "clause": null}}]}]

Positions are 0-based, as LSP counts them: the line, and the character in UTF-16 code units
(LSP's default position encoding), counted on the source line when the file can be read
through the guarded reader (a character outside the Basic Multilingual Plane is two units);
otherwise the column as fwdoc counts it (code points).  A finding has one place, not a span: the
range is empty (start = end), which editors widen to the word there.  Severity: error 1,
warning 2, info 3; a suppressed (accepted) finding is a hint (4) whose message says why it was
accepted.  A finding about the whole document (no file) is placed at the top of its
manifest.yaml.  `codeDescription.href` is the code's reference page (`formats.help_uri`): on the
site when its URL is known, else docs/checks/CODE.md (LSP asks for a URI; a relative one is
what fwdoc knows without a site).  Hidden characters from the source are spelt as \\uXXXX
escapes (`escape.json_inert`); the JSON decodes to the exact text.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from checker.escape import json_inert
from checker.findings import Finding, Location, Severity
from checker.formats import Report, help_uri

_SEVERITY = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}
HINT = 4
# the line breaks YAML counts (a line and column of fwdoc's are YAML's)
_BREAKS = ("\r\n", "\r", "\x85", "\u2028", "\u2029")


class _Lines:
    """Source lines read once per file, to count UTF-16 units; None when a file cannot be read."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: dict[Path, list[str] | None] = {}

    def utf16(self, path: Path, line: int, column: int) -> int:
        """The 0-based UTF-16 offset of fwdoc's 1-based (line, column) on that line."""
        lines = self._read(path)
        if lines is None or not 1 <= line <= len(lines):
            return max(column - 1, 0)
        prefix = lines[line - 1][:max(column - 1, 0)]
        return len(prefix.encode("utf-16-le", "surrogatepass")) // 2 + max(column - 1 - len(prefix), 0)

    def _read(self, path: Path) -> list[str] | None:
        if path not in self._files:
            self._files[path] = None
            from checker.load.source import SourceRefused, read_source

            try:  # regular files inside the document folder only, within the size limit
                text = read_source(path, self.root).decode("utf-8", "surrogateescape")
            except (SourceRefused, OSError, ValueError):
                return None
            for brk in _BREAKS:
                text = text.replace(brk, "\n")
            self._files[path] = text.split("\n")
        return self._files[path]


def _path(report: Report, loc: Location) -> Path:
    """The absolute path of a finding's file (findings name files relative to the working
    folder, or absolutely); a place without a file is the document's manifest."""
    document = report.document or "."
    name = loc.file if loc.file and loc.file != document else os.path.join(document, "manifest.yaml")
    return Path(os.path.normpath(os.path.join(os.getcwd(), name)))


def _uri(path: Path) -> str:
    """A file URI, every byte of the name outside [A-Za-z0-9_.~/-] percent-encoded (a name that
    is no valid text, a lone surrogate from the file system, is spelt by its bytes)."""
    from urllib.parse import quote_from_bytes

    try:
        raw = os.fsencode(str(path))
    except UnicodeEncodeError:
        raw = str(path).encode("utf-8", "surrogatepass")
    return "file://" + quote_from_bytes(raw, safe="/")


def _position(lines: _Lines, path: Path, loc: Location) -> dict[str, int]:
    line = max(loc.line, 1) if loc.line else 1
    column = max(loc.column, 1) if loc.column else 1
    return {"line": line - 1, "character": lines.utf16(path, line, column)}


def _range(lines: _Lines, path: Path, loc: Location) -> dict[str, dict[str, int]]:
    start = _position(lines, path, loc)
    return {"start": start, "end": dict(start)}


def _diagnostic(report: Report, lines: _Lines, finding: Finding, first: Location) -> dict[str, Any]:
    path = _path(report, first)
    message = finding.message
    severity = _SEVERITY[finding.severity]
    if finding.suppression is not None:
        severity = HINT
        message = f"accepted ({finding.suppression.kind}): {finding.suppression.reason}; {message}"
    out: dict[str, Any] = {
        "range": _range(lines, path, first),
        "severity": severity,
        "code": finding.code,
        "codeDescription": {"href": help_uri(finding.code, report.help_base)},
        "source": "fwdoc",
        "message": message,
    }
    related = []
    for loc in finding.locations[1:]:
        other = _path(report, loc)
        related.append({"location": {"uri": _uri(other), "range": _range(lines, other, loc)},
                        "message": f"also involved: {loc.clause or loc.file or 'the document'}"})
    if related:
        out["relatedInformation"] = related
    out["data"] = {"name": finding.name, "clause": first.clause}
    return out


def render(report: Report) -> str:
    root = Path(os.path.normpath(os.path.join(os.getcwd(), report.document or ".")))
    lines = _Lines(root)
    by_file: dict[str, list[dict[str, Any]]] = {}
    for finding in report.findings:
        first = finding.locations[0] if finding.locations else Location("")
        uri = _uri(_path(report, first))
        by_file.setdefault(uri, []).append(_diagnostic(report, lines, finding, first))
    payload = [{"uri": uri, "diagnostics": diagnostics} for uri, diagnostics in sorted(by_file.items())]
    return json_inert(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"
