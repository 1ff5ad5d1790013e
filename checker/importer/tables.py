"""Tab-separated rows as data: a table (header line, then rows) or glossary entries.

A converter writes a table as one line a row, cells separated by tabs, the first line the
header; cells may hold HTML. A row with the wrong number of cells is reported and kept: short
rows are padded with empty cells, extra cells are joined into the last column.
"""

from __future__ import annotations

import re

from checker.importer.html_cells import has_html, html_to_markdown
from checker.importer.ids import IdAllocator, column_id
from checker.importer.markdown_source import Paragraph, TabBlock, TabRow
from checker.importer.model import Column, GlossaryEntry, Table
from checker.importer.prose import join_lines, plain_links
from checker.importer.report import Findings

MISSING = "UNKNOWN — set by hand"
_WIDE_GAP = re.compile(r"\s{2,}")
_TERM_MAX_WORDS = 5


def cell_markdown(cell: str) -> str:
    cell = cell.strip()
    return html_to_markdown(cell) if has_html(cell) else plain_links(cell)


def build_table(block: TabBlock, caption: str | None, findings: Findings) -> Table:
    header, *body = block.rows
    if any(has_html(cell) for cell in header.cells):
        findings.warning(
            header.line,
            "the table's first line holds HTML: expected a header line of column titles; used it as the header",
        )
    titles = [cell_markdown(cell) or f"Column {i}" for i, cell in enumerate(header.cells, start=1)]
    ids = IdAllocator(separator="_")
    columns = tuple(Column(ids.claim(column_id(title)), title) for title in titles)
    rows = tuple(_row(row, len(columns), findings) for row in body)
    findings.info(
        block.line,
        f"converted the table at lines {block.line}-{block.end_line} "
        f"({len(columns)} columns, {len(rows)} rows) to table data",
    )
    if not rows:
        findings.warning(block.line, "the table has a header line but no rows")
    return Table(caption, columns, rows)


def _row(row: TabRow, width: int, findings: Findings) -> tuple[str, ...]:
    cells = [cell_markdown(cell) for cell in row.cells]
    if len(cells) != width:
        findings.warning(
            row.line,
            f"table row has {len(cells)} cells, expected {width} (one a column): "
            + (
                "padded with empty cells"
                if len(cells) < width
                else "joined the extra cells into the last column"
            ),
        )
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        else:
            cells = cells[: width - 1] + ["\n\n".join(c for c in cells[width - 1 :] if c)]
    return tuple(cells)


def glossary_from_rows(block: TabBlock, findings: Findings) -> list[GlossaryEntry]:
    return [entry for row in block.rows if (entry := _entry(row.line, list(row.cells), findings))]


def glossary_from_paragraph(
    block: Paragraph, findings: Findings
) -> tuple[list[GlossaryEntry], list[tuple[int, str]]]:
    """Entries whose tab became spaces ('CPS   Crown Prosecution Service'); other lines back."""
    entries: list[GlossaryEntry] = []
    leftover: list[tuple[int, str]] = []
    for offset, line in enumerate(block.lines):
        parts = _WIDE_GAP.split(line.strip(), maxsplit=1)
        # A term is short and is not the end of a sentence ('Agency.  The ...' is prose).
        if len(parts) == 2 and len(parts[0].split()) <= _TERM_MAX_WORDS and not parts[0].endswith("."):
            findings.info(
                block.line + offset,
                "glossary line without a tab: split the term from its expansion at the wide gap",
            )
            entry = _entry(block.line + offset, parts, findings)
            if entry is not None:
                entries.append(entry)
        else:
            leftover.append((block.line + offset, line))
    return entries, leftover


def _entry(line: int, cells: list[str], findings: Findings) -> GlossaryEntry | None:
    cells = [join_lines([cell]) for cell in cells]
    if not any(cells):
        return None
    term, *rest = cells
    if len(rest) > 1:
        findings.warning(
            line, f"glossary line has {len(cells)} cells, expected 2 (term, expansion): joined the rest"
        )
    expansion = " ".join(c for c in rest if c)
    if not term or not expansion:
        findings.warning(
            line,
            f"glossary entry '{term or expansion}' has no {'expansion' if term else 'term'}: set by hand",
        )
    return GlossaryEntry(term or MISSING, expansion or MISSING)
