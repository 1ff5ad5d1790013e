"""The obligations calendar: what is due when, from the rules' dates, deadlines and recurrences.

`engine.build_agenda` places every dated, relative and recurring duty of a document on the
days of a window (docs/calendar.md); `ics.to_ics`, `formats.to_text` and `formats.to_json`
write it out.  Nothing here reads the wall clock: the window is given, or is the financial year
holding the document's own date (`engine.default_window`).
"""

from checker.agenda.engine import (
    Agenda,
    AgendaError,
    Entry,
    Window,
    build_agenda,
    default_window,
    document_dates,
)

__all__ = ["Agenda", "AgendaError", "Entry", "Window", "build_agenda", "default_window", "document_dates"]
