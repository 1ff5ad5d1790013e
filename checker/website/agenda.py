"""The "What is due when" page: the obligations calendar (checker/agenda) of the document's
first financial year as a year view, month by month, and as a list per actor; the duties whose
time has no day; and the same calendar as an iCalendar file to import (`calendar.ics`).

Each entry cites its clause and links the findings of `fwdoc check` about its rule to their
reference pages.  The window is the one `fwdoc calendar` uses by default (the financial year
holding the document's `as_of` or `published` date), never the day of the build.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.website import urls
from checker.website.pages import Asset, Item, Site

TITLE = "What is due when"
ICS = "calendar.ics"


def pages(site: Site) -> Iterator[Item]:
    from checker.agenda import AgendaError, build_agenda
    from checker.agenda.formats import MONTHS, long_date
    from checker.agenda.ics import to_ics

    document = site.document
    try:
        agenda = build_agenda(document, findings=site.data.findings)
    except AgendaError as err:
        yield site.page(urls.CALENDAR, TITLE, "calendar.html", nav_title=TITLE, agenda=None, reason=str(err),
                        months=[], by_actor=[], long_date=long_date, ics=None)
        return
    months: list[tuple[str, str, list[object]]] = []
    for entry in agenda.entries:
        assert entry.due is not None
        key = f"{entry.due.year}-{entry.due.month:02d}"
        if not months or months[-1][0] != key:
            months.append((key, f"{MONTHS[entry.due.month - 1]} {entry.due.year}", []))
        months[-1][2].append(entry)
    order = {actor: n for n, actor in enumerate(document.actors)}
    by_actor = []
    for actor in sorted(agenda.actors, key=lambda a: (order.get(a, len(order)), a)):
        dated = [e for e in agenda.entries if actor in e.actors]
        undated = [e for e in agenda.undated if actor in e.actors]
        by_actor.append((actor, dated, undated))
    yield site.page(urls.CALENDAR, TITLE, "calendar.html", nav_title=TITLE, search=False, agenda=agenda,  # its duties are the clauses', searched there
                    reason="", months=months, by_actor=by_actor, long_date=long_date, ics=ICS)
    yield Asset(ICS, to_ics(agenda, document))
