"""Time as dates: a rule's deadline, earliest start and window, placed on one day line.

The day line counts days from the start of the document's base financial year (the one holding
the manifest's `published` date; `financial_year_start` MM-DD, default 04-01).  A concrete date
sits where it falls.  A month or a start/end of a period recurs every year ("by end of October"
is due every October): it is placed in the base year, and moved on a year at a time while it
falls before what must happen first.  "end of October" and 2008-10-31 are then the same day for
the financial year 2008-09, and compared as dates, never as text.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Any

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_UNIT_MONTHS = {"month": 1, "months": 1, "quarter": 3, "quarters": 3, "year": 12, "years": 12}


@dataclass(frozen=True)
class Point:
    """A time point resolved to the day line: `day` (inclusive), and whether it recurs yearly."""

    day: int
    cyclic: bool
    text: str

    def shifted(self, years: int) -> Point:
        return Point(self.day + 365 * years, self.cyclic, self.text) if years else self


@dataclass(frozen=True)
class Window:
    """When a rule's act may and must happen: after `earliest`, by `deadline` (both inclusive)."""

    deadline: Point | None = None
    earliest: Point | None = None
    # the deadline is hedged (`normally by end of april`): the usual time, not a firm one, so a
    # schedule that misses it is a warning, never an error (docs/semantics.md §5)
    hedge: str | None = None

    def __bool__(self) -> bool:
        return self.deadline is not None or self.earliest is not None


class Calendar:
    """Resolves the document's time points to the day line."""

    def __init__(self, document: Any) -> None:
        manifest = document.manifest
        start = str(getattr(manifest, "financial_year_start", "04-01") or "04-01")
        self.start_month, self.start_day = (int(x) for x in start.split("-"))
        published = _date(str(getattr(manifest, "published", "")))
        year = published.year if published else datetime.date.today().year
        if published and (published.month, published.day) < (self.start_month, self.start_day):
            year -= 1
        self.base = datetime.date(year, self.start_month, self.start_day)
        self.dates: dict[str, datetime.date] = dict(getattr(manifest, "dates", {}) or {})

    def day(self, when: datetime.date) -> int:
        return (when - self.base).days

    def year_start(self, offset: int = 0) -> datetime.date:
        return _add_months(self.base, 12 * offset)

    def point(self, point: Any) -> Point | None:
        """A model TimePoint (duck-typed: kind, period, date, text) on the day line."""
        kind, period = getattr(point, "kind", ""), getattr(point, "period", None)
        text = str(getattr(point, "text", "") or "")
        if kind == "date" and getattr(point, "date", None) is not None:
            return Point(self.day(point.date), False, text)
        if kind == "event" and text in ("financial_year", "calendar_year"):
            return self.point(_Parsed("start", text, None, f"start of {text}"))  # `before financial_year`
        if kind == "event":
            named = self.dates.get(text) or self.dates.get(str(period or ""))
            return Point(self.day(named), False, text) if named else None
        if kind not in ("start", "end") or not period:
            return None
        if period == "financial_year":
            end = self.day(self.year_start(1)) - 1
            return Point(0 if kind == "start" else end, True, text)
        if period == "calendar_year":
            first = datetime.date(self.base.year + (1 if self.base.month > 1 else 0), 1, 1)
            last = datetime.date(first.year, 12, 31)
            return Point(self.day(first if kind == "start" else last), True, text)
        if period in MONTHS:
            number = MONTHS.index(period) + 1
            year = self.base.year if (number, 1) >= (self.start_month, 1) else self.base.year + 1
            first = datetime.date(year, number, 1)
            last = datetime.date(year, number, calendar.monthrange(year, number)[1])
            return Point(self.day(first if kind == "start" else last), True, text)
        named = self.dates.get(period)
        return Point(self.day(named), False, text) if named else None

    def after(self, point: Point, amount: tuple[int, str]) -> Point:
        """`n units after point`."""
        n, unit = amount
        if unit in _UNIT_DAYS:
            return Point(point.day + n * _UNIT_DAYS[unit], point.cyclic, f"within {n} {unit} after {point.text}")
        when = _add_months(self.base + datetime.timedelta(days=point.day), n * _UNIT_MONTHS.get(unit, 0))
        if point.cyclic and self._is_month_end(point.day):
            when = when.replace(day=calendar.monthrange(when.year, when.month)[1])
        return Point(self.day(when), point.cyclic, f"within {n} {unit} after {point.text}")

    def _is_month_end(self, day: int) -> bool:
        when = self.base + datetime.timedelta(days=day)
        return when.day == calendar.monthrange(when.year, when.month)[1]

    def same_date(self, a: Point, b: Point) -> bool:
        """Two deadlines of one step name the same day: as dates when both are dates, else by
        month and day (a recurring point is due every year)."""
        if not a.cyclic and not b.cyclic:
            return a.day == b.day
        da, db = self.base + datetime.timedelta(days=a.day), self.base + datetime.timedelta(days=b.day)
        if da.month != db.month:
            return False
        # the end of February is the 28th or the 29th, as the year has it
        return da.day == db.day or (_month_end(da) and _month_end(db))


def window(rule: Any, cal: Calendar) -> Window:
    """A rule's window from its qualifiers (structured points, or the older text values)."""
    deadline: Point | None = None
    earliest: Point | None = None
    hedge: str | None = None
    for qual in rule.qualifiers:
        kind = qual.kind
        if kind in ("by", "before") and deadline is None:
            point = cal.point(getattr(qual, "point", None) or _parse(qual.value or "", kind))
            if point is not None and kind == "before":
                point = Point(point.day - 1, point.cyclic, f"before {point.text}")
            deadline = point
            hedge = getattr(qual, "hedge", None) if point is not None else None
        elif kind == "not_before" and earliest is None:
            earliest = cal.point(getattr(qual, "point", None) or _parse(qual.value or "", kind))
        elif kind == "within" and deadline is None:
            amount = getattr(qual, "amount", None) or _amount(qual.value or "")
            anchor = getattr(qual, "point", None)
            start = cal.point(anchor) if anchor is not None else None
            if amount is not None and start is not None:
                deadline = cal.after(start, amount)
                earliest = earliest or start
                hedge = getattr(qual, "hedge", None)
    return Window(deadline, earliest, hedge)


@dataclass(frozen=True)
class _Parsed:
    kind: str
    period: str | None
    date: datetime.date | None
    text: str


def _parse(value: str, qualifier: str) -> _Parsed:
    """The older text values of `by`/`before`: 'end of april', '2008-10-31', an event name."""
    text = value.strip()
    match = re.fullmatch(r"(start|end) of ([a-z_]+)", text)
    if match:
        return _Parsed(match.group(1), match.group(2), None, text)
    day = _date(text)
    if day is not None:
        return _Parsed("date", None, day, text)
    if text in ("financial_year", "calendar_year") and qualifier == "before":
        return _Parsed("start", text, None, f"start of {text}")
    return _Parsed("event", text, None, text)


def _amount(value: str) -> tuple[int, str] | None:
    match = re.match(r"(\d+) ([a-z]+)", value)
    return (int(match.group(1)), match.group(2)) if match else None


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _month_end(day: datetime.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
