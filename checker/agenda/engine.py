"""Place a document's duties on the days of a window (docs/calendar.md).

Each duty (a `must` or `should` rule) that says something about time gives entries:

* a deadline that is a date or a named date of the manifest (`by 2008-10-31`, `by agency_launch`)
  falls once, on that day; with a recurrence (`no later than 2011-12-31 at least once every 3
  years`) the first is that day and the next ones come every period after it;
* a deadline that is the start or end of a period (`by end of april`, `before start of
  financial_year`) recurs every year (docs/semantics.md, section 5), or every n years with
  `every n years`: it is placed in each financial year, and moved on a year while it falls before
  the point the act must wait for (`not before end of financial_year`, the anchor of `within 3
  months after end of financial_year`);
* a recurrence with no time point (`annually`, `every 3 years`, `quarterly`) says the act is
  done once in each period: the periods are laid end to end from the start of the document's
  first financial year (the one holding `published`), and the entry is the whole period, due by
  its last day at the latest (`exact` is false: the text names no day);
* a duty whose time is an event with no date (`before summer_recess`, `within 2 years` of a
  trigger), or a recurrence with no period (`regularly`), has no day: it is listed as undated.

The financial year is the manifest's `financial_year_start`; the document's own dates are
`published` and the named dates `as_of` and `last_reviewed` (docs/format.md).  Nothing reads the
wall clock.
"""

from __future__ import annotations

import calendar as stdcal
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from checker.findings import Finding
from checker.model import ACTOR, UNNAMED, Document, Recurrence, Rule, TimePoint, point_date

DUTIES = ("must", "should")
# the named dates of the manifest that are the document's own (not dates the rules use)
OWN_DATES = ("last_reviewed", "as_of")
MAX_YEARS = 200  # a longer window is refused: its listing would be unreadable anyway
_TIME_KINDS = ("annually", "by", "before", "not_before", "within", "asap", "recurrence", "frequency")
_DAY_UNITS = {"days": 1, "weeks": 7}
_MONTH_UNITS = {"months": 1, "quarters": 3, "years": 12}


class AgendaError(Exception):
    """The calendar cannot be computed (no window can be chosen, a window the wrong way round)."""


@dataclass(frozen=True)
class Window:
    start: datetime.date  # inclusive
    end: datetime.date  # inclusive

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.start <= day <= self.end


@dataclass(frozen=True)
class FindingRef:
    code: str
    name: str
    severity: str
    message: str


@dataclass(frozen=True)
class Entry:
    """One occurrence of a duty (or, with `due` None, a duty whose time has no date)."""

    rule: str
    clause: str
    sentence: int | None  # the sentence of the clause the rule formalises (1-based), if known
    number: str  # the clause as printed: '4.2', 'Annex C paragraph 4'
    actors: tuple[str, ...]  # actor ids; 'unnamed' where the text names none
    who: str  # the bearers as the text names them
    what: str  # the rule in English
    when: str  # the rule's time qualifiers in English: 'each year, by the end of April'
    due: datetime.date | None  # the last day on which the act is in time
    start: datetime.date | None = None  # the first day it may (or, for a period, should) be done
    exact: bool = True  # the text names the day (False: somewhere in the period start..due)
    recurrence: str = ""  # '' (once), 'each year', 'every 3 years', 'at least once every 3 years'
    interval: tuple[int, str] | None = None  # the repeat: (3, 'years'), (1, 'months'); None once
    month_end: bool = False  # the day is the last of its month in every repetition
    hedge: str | None = None
    cycle: str = ""  # the financial year (or period) the occurrence belongs to: '2008-09'
    findings: tuple[FindingRef, ...] = ()

    def sort_key(self) -> tuple[object, ...]:
        return (self.due or datetime.date.max, self.start or datetime.date.min, self.rule)


@dataclass(frozen=True)
class Agenda:
    title: str
    window: Window
    year_start: str  # MM-DD
    entries: tuple[Entry, ...]  # dated, in the window, sorted by due day
    undated: tuple[Entry, ...]  # duties with a time that has no day, in document order
    outside: int = 0  # dated occurrences of the same duties that fall outside the window
    stamp: datetime.date = datetime.date(1970, 1, 1)  # the document's latest own date
    document_id: str = ""
    dates: Mapping[str, datetime.date] = field(default_factory=dict)

    @property
    def actors(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for entry in (*self.entries, *self.undated):
            for actor in entry.actors:
                seen.setdefault(actor, None)
        return tuple(seen)


# -- the document's dates and financial year -------------------------------------------------

def _as_date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def document_dates(document: Document) -> dict[str, datetime.date]:
    """The document's own dates: `published`, and `last_reviewed`/`as_of` from `dates:`."""
    out: dict[str, datetime.date] = {}
    published = _as_date(document.manifest.published)
    if published is not None:
        out["published"] = published
    for key in OWN_DATES:
        day = document.manifest.dates.get(key)
        if day is not None:
            out[key] = day
    return out


def _year_start(document: Document) -> tuple[int, int]:
    month, day = (int(part) for part in str(document.manifest.financial_year_start or "04-01").split("-"))
    return month, day


def _mmdd(document: Document) -> str:
    month, day = _year_start(document)
    return f"{month:02d}-{day:02d}"


def fy_start(document: Document, year: int) -> datetime.date:
    month, day = _year_start(document)
    return datetime.date(year, month, min(day, stdcal.monthrange(year, month)[1]))


def fy_of(document: Document, day: datetime.date) -> int:
    """The financial year holding `day`, named by the calendar year it starts in."""
    return day.year if day >= fy_start(document, day.year) else day.year - 1


def fy_label(document: Document, year: int) -> str:
    return str(year) if _year_start(document) == (1, 1) else f"{year}-{(year + 1) % 100:02d}"


def default_window(document: Document) -> Window:
    """The financial year holding the document's `as_of` date, else its `published` date."""
    dates = document_dates(document)
    day = dates.get("as_of") or dates.get("published") or dates.get("last_reviewed")
    if day is None:
        raise AgendaError("the manifest gives no date to place the calendar in (published, or as_of "
                          "under dates:); give a window with --from and --to")
    year = fy_of(document, day)
    return Window(fy_start(document, year), fy_start(document, year + 1) - datetime.timedelta(days=1))


def check_window(window: Window) -> None:
    if window.end < window.start:
        raise AgendaError(f"the window ends ({window.end}) before it starts ({window.start})")
    if window.end.year - window.start.year > MAX_YEARS:
        raise AgendaError(f"the window is longer than {MAX_YEARS} years")


# -- date arithmetic -------------------------------------------------------------------------

def _month_end(day: datetime.date) -> bool:
    return day.day == stdcal.monthrange(day.year, day.month)[1]


def add(day: datetime.date, n: int, unit: str, month_end: bool = False) -> datetime.date:
    """`n units after day`; from the last day of a month, months land on the last day too
    ('3 months after the end of March' is 30 June)."""
    if unit in _DAY_UNITS:
        return day + datetime.timedelta(days=n * _DAY_UNITS[unit])
    months = day.month - 1 + n * _MONTH_UNITS.get(unit, 12)
    year, month = day.year + months // 12, months % 12 + 1
    last = stdcal.monthrange(year, month)[1]
    return datetime.date(year, month, last if month_end else min(day.day, last))


def _unit(unit: str) -> str:
    return unit if unit.endswith("s") else unit + "s"


def recurrence_text(rec: Recurrence | None) -> str:
    if rec is None:
        return ""
    unit = _unit(rec.unit)
    if rec.n == 1:
        every = {"years": "each year", "months": "each month", "quarters": "each quarter",
                 "weeks": "each week", "days": "each day"}.get(unit, f"every {unit[:-1]}")
    else:
        every = f"every {rec.n} {unit}"
    if rec.at_least:
        return "at least once " + (every.replace("each ", "every ") if rec.n == 1 else every)
    return every


# -- one rule --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Placed:
    due: datetime.date
    start: datetime.date | None
    exact: bool
    cycle: str
    month_end: bool = False


class _Placer:
    """Where a rule's occurrences fall: the points of its qualifiers, year by year."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.start = _mmdd(document)
        published = document_dates(document).get("published")
        self.base_year = fy_of(document, published) if published else None

    def point(self, point: TimePoint | None, year: int) -> tuple[datetime.date | None, bool]:
        """(the date of the point in the financial year `year`, whether it recurs yearly)."""
        if point is None:
            return None, False
        dates = self.document.manifest.dates
        if point.kind == "date":
            return point.date, False
        if point.kind == "event":
            if point.text in ("financial_year", "calendar_year"):  # `before financial_year`
                return self.point(TimePoint("start", point.text, None, point.text), year)
            named = dates.get(point.text) or dates.get(point.period or "")
            return named, False
        if point.kind in ("start", "end") and point.period:
            day = point_date(point, year, self.start)
            if day is not None:
                return day, True
            return dates.get(point.period), False
        return None, False

    def cycles(self, window: Window, every: int) -> range:
        """Financial years whose occurrence may fall in the window (aligned on the document's
        first year for `every n years`)."""
        low = fy_of(self.document, window.start) - every - 3
        high = fy_of(self.document, window.end) + 2
        base = self.base_year if self.base_year is not None else low
        low -= (low - base) % every
        return range(low, high + 1, every)

    def place(self, rule: Rule, window: Window) -> tuple[list[_Placed], bool] | None:
        """The rule's occurrences whose due day may be near the window, and whether they are
        its recurring point year by year; None: it has no day."""
        time = rule.time
        rec = time.recurrence
        deadline = time.deadline
        anchor = time.anchor if time.within is not None else None
        if time.within is not None and anchor is None:
            return None  # within n units of its trigger: no day until the trigger happens
        if deadline is None and anchor is None and time.earliest is None:
            return (self._periods(rec, window), False) if rec is not None else None
        every_years = 1
        if rec is not None and _unit(rec.unit) == "years":
            every_years = rec.n
        out: list[_Placed] = []
        for year in self.cycles(window, every_years):
            placed = self._in_year(rule, year, rec)
            if placed is None:
                return None
            if placed == "once":
                once = self._once(rule, window, rec)
                return None if once is None else (once, False)
            assert isinstance(placed, _Placed)
            out.append(placed)
        return out, True

    def _in_year(self, rule: Rule, year: int, rec: Recurrence | None) -> _Placed | str | None:
        time = rule.time
        earliest, early_cyclic = self.point(time.earliest, year)
        if time.earliest is not None and earliest is None:
            return None
        due: datetime.date | None
        month_end = False
        if time.within is not None:
            anchor, cyclic = self.point(time.anchor, year)
            if anchor is None:
                return None
            if not cyclic:
                return "once"
            month_end = _month_end(anchor)
            due = add(anchor, time.within[0], _unit(time.within[1]), month_end)
            earliest = max(earliest, anchor) if earliest else anchor
            month_end = month_end and _unit(time.within[1]) not in _DAY_UNITS
        elif time.deadline is not None:
            due, cyclic = self.point(time.deadline, year)
            if due is None:
                return None
            if not cyclic:
                return "once"
            month_end = _month_end(due) and time.deadline.kind == "end"
            if time.strict:  # the day before: before the 1st of a month is always its last day
                due -= datetime.timedelta(days=1)
                month_end = (due + datetime.timedelta(days=1)).day == 1
            # a recurring deadline of a step that must wait for a later point is read in the
            # first year in which it falls on or after that point (docs/semantics.md, 5)
            while earliest is not None and due < earliest:
                due = add(due, 1, "years", month_end)
        else:  # only `not before P`: once in each period from P
            if earliest is None or not early_cyclic:
                return "once" if earliest is not None else None
            length = rec or Recurrence(1, "years")
            due = add(earliest, length.n, _unit(length.unit)) - datetime.timedelta(days=1)
            return _Placed(due, earliest, False, fy_label(self.document, year))
        return _Placed(due, earliest, True, fy_label(self.document, year), month_end)

    def _once(self, rule: Rule, window: Window, rec: Recurrence | None) -> list[_Placed] | None:
        """A deadline that is a date: that day, and with a recurrence every period after it."""
        time = rule.time
        year = self.base_year or fy_of(self.document, window.start)
        if time.within is not None:
            anchor, _ = self.point(time.anchor, year)
            if anchor is None:
                return None
            first = add(anchor, time.within[0], _unit(time.within[1]))
            start: datetime.date | None = anchor
        else:
            due, _ = self.point(time.deadline, year)
            if due is None:
                return None
            first = due - datetime.timedelta(days=1) if time.strict else due
            start, _ = self.point(time.earliest, year)
        if rec is None:
            return [_Placed(first, start, True, fy_label(self.document, fy_of(self.document, first)))]
        out = []
        unit = _unit(rec.unit)
        k = 0
        while True:
            due = add(first, rec.n * k, unit)
            if due > window.end or k > 100_000:
                break
            if due >= window.start:
                out.append(_Placed(due, start if k == 0 else None, True,
                                   fy_label(self.document, fy_of(self.document, due))))
            k += 1
        return out

    def _periods(self, rec: Recurrence, window: Window) -> list[_Placed]:
        """Once in each period: periods laid end to end from the first financial year."""
        unit = _unit(rec.unit)
        base_year = self.base_year if self.base_year is not None else fy_of(self.document, window.start)
        base = fy_start(self.document, base_year)
        out: list[_Placed] = []
        if unit in _DAY_UNITS:
            step = rec.n * _DAY_UNITS[unit]
            first = (window.start - base).days // step - 1
            last = (window.end - base).days // step + 1
            for k in range(first, last + 1):
                begin = base + datetime.timedelta(days=k * step)
                end = begin + datetime.timedelta(days=step - 1)
                out.append(_Placed(end, begin, False, begin.isoformat()))
            return out
        months = rec.n * _MONTH_UNITS.get(unit, 12)
        offset_low = (window.start.year - base.year) * 12 + window.start.month - base.month
        offset_high = (window.end.year - base.year) * 12 + window.end.month - base.month
        for k in range(offset_low // months - 1, offset_high // months + 2):
            begin = add(base, k * months, "months")
            end = add(base, (k + 1) * months, "months") - datetime.timedelta(days=1)
            if months % 12 == 0:
                first_year = fy_of(self.document, begin)
                label = fy_label(self.document, first_year)
                if months > 12:
                    label += " to " + fy_label(self.document, fy_of(self.document, end))
            else:
                label = f"{begin.isoformat()} to {end.isoformat()}"
            out.append(_Placed(end, begin, False, label))
        return out


# -- the agenda --------------------------------------------------------------------------------

def _timed(rule: Rule) -> bool:
    return rule.kind == "obligation" and rule.modality in DUTIES and \
        any(q.kind in _TIME_KINDS for q in rule.qualifiers)


def resolve_actor(document: Document, name: str) -> str | None:
    """An actor id from an actor id, an office id or a name (any case)."""
    if name in document.actors:
        return name
    if name in document.offices:
        return document.offices[name].holder
    wanted = " ".join(name.split()).casefold()
    for actor in document.actors.values():
        if any(n.casefold() == wanted for n in actor.names):
            return actor.id
    for office in document.offices.values():
        if office.name.casefold() == wanted:
            return office.holder
    return None


def _bears(document: Document, rule: Rule, actor: str) -> bool:
    """The actor bears the rule: named, or a member of a group that is."""
    groups = set(document.actors[actor].member_of) if actor in document.actors else set()
    return any(a == actor or a in groups for a in rule.actors)


def _clause_number(document: Document, clause_id: str) -> str:
    clause = document.clauses.get(clause_id)
    if clause is None:
        return clause_id
    return clause.number or clause.label


def _findings_by_rule(document: Document, findings: Iterable[Finding]) -> dict[str, list[FindingRef]]:
    where: dict[tuple[str, int], str] = {}
    for rule in document.rules:
        where.setdefault((rule.location.file, rule.location.line), rule.id)
    out: dict[str, list[FindingRef]] = {}
    for finding in findings:
        if finding.suppression is not None:
            continue
        for location in finding.locations:
            rule_id = where.get((location.file, location.line))
            if rule_id is not None:
                refs = out.setdefault(rule_id, [])
                ref = FindingRef(finding.code, finding.name, str(finding.severity), finding.message)
                if ref not in refs:
                    refs.append(ref)
    return out


def document_id(document: Document) -> str:
    """A stable name of the document for calendar UIDs: its short title (or title), as a slug."""
    import re

    title = document.manifest.short_title or document.manifest.title
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return slug[:60] or "document"


def build_agenda(document: Document, window: Window | None = None, actor: str | None = None,
                 findings: Iterable[Finding] = ()) -> Agenda:
    """Every dated occurrence of the document's duties in the window, sorted by day, and the
    duties whose time has no day."""
    from checker.render import english

    window = window or default_window(document)
    check_window(window)
    if actor is not None and actor not in document.actors:
        raise AgendaError(f"'{actor}' is not an actor of the document")
    placer = _Placer(document)
    linked = _findings_by_rule(document, findings)
    entries: list[Entry] = []
    undated: list[Entry] = []
    outside = 0
    for rule in document.rules:
        if not _timed(rule) or (actor is not None and not _bears(document, rule, actor)):
            continue
        time = rule.time
        rec = time.recurrence
        timing_quals = [q for q in rule.qualifiers if q.kind in _TIME_KINDS]
        common = dict(
            rule=rule.id, clause=rule.clause, sentence=rule.sentence, number=_clause_number(document, rule.clause),
            actors=tuple(r.id if r.kind == ACTOR else UNNAMED for r in rule.subjects
                         if r.kind in (ACTOR, UNNAMED)) or (UNNAMED,),
            who=english.names(rule.subjects, document, rule.source),
            what=english.sentence(rule, document),
            when="".join(english.qualifier(rule, q, document) for q in timing_quals).strip(" ,"),
            # a hedged rule, or a firm duty whose deadline is the usual one (`normally by ...`)
            hedge=rule.hedge or time.deadline_hedge, findings=tuple(linked.get(rule.id, ())))
        placed = placer.place(rule, window)
        if placed is None:
            label = recurrence_text(rec) or next(
                (q.value or "" for q in rule.qualifiers if q.kind == "frequency"), "")
            undated.append(Entry(due=None, exact=False, recurrence=label, **common))  # type: ignore[arg-type]
            continue
        occurrences, yearly = placed
        label = recurrence_text(rec) if rec is not None else ("each year" if yearly else "")
        interval = None
        if rec is not None:
            interval = (rec.n * (3 if _unit(rec.unit) == "quarters" else 1),
                        "months" if _unit(rec.unit) == "quarters" else _unit(rec.unit))
        elif label:
            interval = (1, "years")
        for item in occurrences:
            if item.due not in window:
                outside += 1
                continue
            entries.append(Entry(due=item.due, start=item.start, exact=item.exact, recurrence=label,
                                 interval=interval, month_end=item.month_end, cycle=item.cycle,
                                 **common))  # type: ignore[arg-type]
    entries.sort(key=Entry.sort_key)
    dates = document_dates(document)
    stamp = max(dates.values()) if dates else window.start
    return Agenda(document.manifest.title, window, _mmdd(document), tuple(entries),
                  tuple(undated), outside, stamp, document_id(document), dates)

