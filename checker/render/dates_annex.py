"""The publication's optional annex of dates (`publication: {dates_annex: true}` in the
manifest): what the duties make due in the document's first financial year, one row an
occurrence, and the duties whose time names no day.  The same calendar as `fwdoc calendar`
(checker/agenda) with its default window; the HTML (and so the PDF) and Markdown renderers each
add it after the amendment history with one call.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.escape import markdown_text
from checker.model import Document

TITLE = "Annex of dates"
COLUMNS = ("Date", "Who", "What", "Clause", "Recurs")


@dataclass(frozen=True)
class DatesAnnex:
    title: str
    lead: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    undated: tuple[tuple[str, ...], ...]  # (who, what, clause, when)


def dates_annex(document: Document) -> DatesAnnex | None:
    """The annex, or None when the manifest does not ask for it or gives no date to place it."""
    if not document.manifest.dates_annex:
        return None
    from checker.agenda import AgendaError, build_agenda
    from checker.agenda.formats import long_date

    try:
        agenda = build_agenda(document)
    except AgendaError:
        return None
    lead = (f"What the duties of this document make due from {long_date(agenda.window.start)} to "
            f"{long_date(agenda.window.end)}. A duty that recurs with no day named is given the last "
            "day of its period.")
    rows = []
    for entry in agenda.entries:
        assert entry.due is not None
        day = long_date(entry.due)
        if not entry.exact and entry.start is not None:
            day = f"{long_date(entry.start)} to {day}"
        recurs = entry.recurrence + (f" ({entry.hedge.replace('_', ' ')})" if entry.hedge else "")
        rows.append((day, _cap(entry.who), entry.what, entry.number, recurs))
    undated = tuple((_cap(e.who), e.what, e.number, e.when) for e in agenda.undated)
    return DatesAnnex(TITLE, lead, COLUMNS, tuple(rows), undated)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _cell(text: str) -> str:
    return markdown_text(text, line_start=False)  # (`|` escaped too)


def dates_annex_markdown(document: Document) -> str:
    annex = dates_annex(document)
    if annex is None:
        return ""
    lines = [f"## {annex.title}", "", markdown_text(annex.lead), ""]
    if annex.rows:
        lines.append("| " + " | ".join(annex.columns) + " |")
        lines.append("|" + " --- |" * len(annex.columns))
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in annex.rows]
    if annex.undated:
        lines += ["", "Duties whose time names no day:", ""]
        lines += [f"- {_cell(what)} ({_cell(clause)}; {_cell(when)})" for _, what, clause, when in annex.undated]
    return "\n".join(lines)
