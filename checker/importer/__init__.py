"""Import a framework document written in Markdown into the YAML source format.

    report = import_markdown(Path("document.md"), Path("build/imported"))
    for finding in report.findings:
        print(finding)

The importer knows Markdown and docs/format.md, nothing about any particular document. It
never raises on bad input: problems are findings in the report, and `report.ok` is False when
one of them is an error (then nothing is written).
"""

from __future__ import annotations

from pathlib import Path

from checker.importer.build import build_document
from checker.importer.model import Document, count_clauses
from checker.importer.report import Findings, ImportFinding, ImportReport, Severity
from checker.importer.source_text import read_source
from checker.importer.writer import OutputNotEmpty, check_output, write_folder

__all__ = ["ImportFinding", "ImportReport", "Severity", "import_markdown", "parse_markdown"]


def parse_markdown(source: Path, findings: Findings) -> Document | None:
    """The document read from `source`, without writing anything (None after an error)."""
    lines = read_source(source, findings)
    if lines is None:
        return None
    return build_document(lines, source.name, findings)


def import_markdown(source: Path, output: Path, force: bool = False) -> ImportReport:
    """Read `source` and write the source folder to `output` (refusing a non-empty one unless force)."""
    findings = Findings(str(source))
    problem = check_output(output, force)
    if problem:
        findings.items.append(ImportFinding(str(output), 0, 0, "error", problem))
        return ImportReport(source, output, findings.sorted())
    document = parse_markdown(source, findings)
    if document is None:
        return ImportReport(source, output, findings.sorted())
    try:
        write_folder(document, output, force)
    except (OSError, OutputNotEmpty) as exc:
        message = str(exc) if isinstance(exc, OutputNotEmpty) else f"cannot write the folder ({exc})"
        findings.items.append(ImportFinding(str(output), 0, 0, "error", message))
        return ImportReport(source, output, findings.sorted())
    clauses = sum(count_clauses(part.clauses) for part in document.parts)
    parts = tuple(part.id for part in document.parts)
    return ImportReport(source, output, findings.sorted(), written=True, parts=parts, clauses=clauses)
