"""The obligations calendar (checker/agenda, `fwdoc calendar`): NOMS's planning cycle and its
recurring review on the right days, relative deadlines across year ends, the iCalendar output
read back by two independent parsers, hostile text, and the CLI's formats and refusals."""

from __future__ import annotations

import dataclasses
import datetime
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.agenda import AgendaError, Window, build_agenda, default_window
from checker.agenda.engine import add, fy_start
from checker.agenda.formats import to_json, to_text
from checker.agenda.ics import to_ics, uid
from checker.checks import Context, run_checks
from checker.loader import load_document
from checker.model import Document, Rule
from tests.conftest import FRAMEWORK
from tests.test_checks_fixtures import build_document

D = datetime.date
FY2008 = Window(D(2008, 4, 1), D(2009, 3, 31))
FY2009 = Window(D(2009, 4, 1), D(2010, 3, 31))


def _rules(document: Document, action: str, obj: str, **time: Any) -> list[Rule]:
    """The duties of `action` on `obj` whose time matches (by meaning, not by rule id)."""
    out = []
    for rule in document.rules:
        if rule.action != action or obj not in rule.object_ids or rule.modality not in ("must", "should"):
            continue
        t = rule.time
        if "deadline_period" in time and (t.deadline is None or t.deadline.period != time["deadline_period"]):
            continue
        if "recurring" in time and (t.recurrence is not None) != time["recurring"]:
            continue
        out.append(rule)
    return out


def _one(document: Document, action: str, obj: str, **time: Any) -> Rule:
    found = _rules(document, action, obj, **time)
    assert len(found) == 1, [r.id for r in found]
    return found[0]


def _due(agenda: Any, rule: Rule) -> list[datetime.date]:
    return [e.due for e in agenda.entries if e.rule == rule.id]


# -- NOMS ------------------------------------------------------------------------------------

def test_default_window_is_the_financial_year_of_publication(document: Document) -> None:
    # manifest: published 2008-07-01, financial_year_start 04-01
    assert default_window(document) == FY2008


def test_noms_planning_cycle(document: Document) -> None:
    fy8, fy9 = build_agenda(document, FY2008), build_agenda(document, FY2009)
    # 3.2: the draft plans are "submitted in time to allow for consideration, approval and
    # publishing prior to the financial year(s) to which they relate" (`before start of
    # financial_year`): the day before each 1 April
    submit = _one(document, "submit", "corporate_plan", deadline_period="financial_year")
    assert document.clauses[submit.clause].number == "3.2"
    assert _due(fy8, submit) == [D(2009, 3, 31)]
    assert _due(fy9, submit) == [D(2010, 3, 31)]
    entry = next(e for e in fy8.entries if e.rule == submit.id)
    assert entry.recurrence == "each year" and entry.exact and entry.interval == (1, "years")
    assert "director_general" in entry.actors
    # 3.2: "Each year, the Agency Director General will submit draft Corporate and Business
    # Plans": once in every financial year, no day named
    yearly = _one(document, "submit", "corporate_plan", recurring=True)
    placed = next(e for e in fy8.entries if e.rule == yearly.id)
    assert (placed.start, placed.due, placed.exact) == (D(2008, 4, 1), D(2009, 3, 31), False)
    # 3.2: the first plans "approved and published by the end of October 2008": once
    first = [r for r in _rules(document, "approve", "corporate_plan") if r.time.deadline is not None]
    assert [_due(fy8, r) for r in first] == [[D(2008, 10, 31)]]
    assert [_due(fy9, r) for r in first] == [[]]
    # 6: "Each year, and normally by the end of April, the Secretary of State will agree the
    # Agency's key performance indicators": 30 April, hedged
    kpi = _one(document, "agree", "performance_indicators")
    assert document.clauses[kpi.clause].number == "6"
    assert _due(fy8, kpi) == [D(2008, 4, 30)] and _due(fy9, kpi) == [D(2009, 4, 30)]
    assert next(e for e in fy8.entries if e.rule == kpi.id).hedge == "normally"


def test_noms_recurring_reviews(document: Document) -> None:
    # 5.6: "The effectiveness of the arrangements will be reviewed annually": once a year
    review = _one(document, "review", "risk_management_effectiveness")
    assert document.clauses[review.clause].number == "5.6"
    for window in (FY2008, FY2009):
        entries = [e for e in build_agenda(document, window).entries if e.rule == review.id]
        assert [(e.start, e.due) for e in entries] == [(window.start, window.end)]
        assert entries[0].recurrence == "each year" and entries[0].actors == ("unnamed",)
    # the Introduction: "the main body of the document to be reviewed by no later than 2011"
    main = _one(document, "review", "framework_main_body")
    assert _due(build_agenda(document, FY2008), main) == []
    assert _due(build_agenda(document, Window(D(2011, 4, 1), D(2012, 3, 31))), main) == [D(2011, 12, 31)]


def test_noms_ics_reads_back(document: Document) -> None:
    from icalendar import Calendar

    agenda = build_agenda(document, FY2009)
    data = to_ics(agenda, document)
    assert data == to_ics(build_agenda(document, FY2009), document)  # same bytes every run
    cal = Calendar.from_ical(data)
    assert str(cal["PRODID"]).startswith("-//fwdoc//") and str(cal["VERSION"]) == "2.0"
    events = list(cal.walk("VEVENT"))
    assert len(events) == len({e.rule for e in agenda.entries})
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    # the UIDs do not depend on the window: a later import updates, never duplicates
    other = {str(e["UID"]) for e in Calendar.from_ical(to_ics(build_agenda(document, FY2008), document))
             .walk("VEVENT")}
    assert set(uids) & other
    submit = _one(document, "submit", "corporate_plan", deadline_period="financial_year")
    event = next(e for e in events if str(e["UID"]) == uid(agenda, submit.id))
    assert event.decoded("DTSTART") == D(2010, 3, 31)  # an all-day date, not a date-time
    assert event.decoded("DTEND") == D(2010, 4, 1)
    assert event["RRULE"]["FREQ"] == ["YEARLY"] and event["RRULE"]["INTERVAL"] == [1]
    assert event.decoded("DTSTAMP") == datetime.datetime(2008, 7, 1, tzinfo=datetime.UTC)
    description = str(event["DESCRIPTION"])
    assert "3.2" in description and "prior to the financial year" in description


def test_noms_ics_second_parser(document: Document) -> None:
    """`ical` (an independent RFC 5545 implementation, the one Home Assistant's calendars use)
    reads the file and expands the recurrences on the same days."""
    from ical.calendar_stream import IcsCalendarStream

    data = to_ics(build_agenda(document, FY2008), document).decode("utf-8")
    cal = IcsCalendarStream.calendar_from_ics(data)
    assert len(cal.events) == len({e.rule for e in build_agenda(document, FY2008).entries})
    kpi = _one(document, "agree", "performance_indicators")
    days = [e.start for e in cal.timeline.overlapping(D(2010, 1, 1), D(2011, 1, 1))
            if e.uid and e.uid.startswith(kpi.id.replace("#", ".23."))]
    assert days == [D(2010, 4, 30)]
    review = _one(document, "review", "risk_management_effectiveness")
    days = [e.start for e in cal.timeline.overlapping(D(2012, 1, 1), D(2013, 1, 1))
            if e.uid and e.uid.startswith(review.id.replace("#", ".23."))]
    assert days == [D(2012, 3, 31)]  # the end of the financial year 2011-12


# -- a synthetic document --------------------------------------------------------------------

TIMED = [
    "director_general must submit corporate_plan to secretary_of_state before start of financial_year",
    "director_general must submit annual_report to secretary_of_state within 3 months after end of financial_year",
    "secretary_of_state must approve corporate_plan annually by end of february",
    "director_general must submit annual_report every 3 years",
    "unnamed must review corporate_plan at least once every 2 years",
    "director_general must submit corporate_plan quarterly",
    "director_general must submit annual_report by 2021-06-30",
    "director_general must submit annual_report every 2 years by end of october",
    "secretary_of_state must approve annual_report annually by end of july not before end of financial_year",
    "director_general must submit corporate_plan within 2 months after launch_day",
    "director_general must submit annual_report by launch_day",
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Document:
    folder = build_document(tmp_path_factory.mktemp("cal") / "doc",
                            {"rules": TIMED, "manifest": {"dates": {"launch_day": "2020-02-15"}}})
    result = load_document(folder)
    assert result.document is not None, result.findings
    assert not [f for f in result.findings if str(f.severity) == "error"], result.findings
    return result.document


def _with(document: Document, start: str, published: str) -> Document:
    manifest = dataclasses.replace(document.manifest, financial_year_start=start, published=published)
    return dataclasses.replace(document, manifest=manifest)


def _days(document: Document, window: Window) -> dict[int, list[datetime.date]]:
    """The due days of each rule of TIMED, by its index."""
    index = {rule.id: n for n, rule in enumerate(document.rules)}
    out: dict[int, list[datetime.date]] = {}
    for entry in build_agenda(document, window).entries:
        assert entry.due is not None
        out.setdefault(index[entry.rule], []).append(entry.due)
    return out


def test_relative_deadlines_across_year_ends(synthetic: Document) -> None:
    # published 2020-01-01, year from 1 April: the first financial year is 2019-20
    days = _days(synthetic, Window(D(2020, 1, 1), D(2021, 12, 31)))
    assert days[0] == [D(2020, 3, 31), D(2021, 3, 31)]  # the day before 1 April
    assert days[1] == [D(2020, 6, 30), D(2021, 6, 30)]  # the end of March + 3 months
    assert days[2] == [D(2020, 2, 29), D(2021, 2, 28)]  # the end of February, leap year or not
    assert days[6] == [D(2021, 6, 30)]  # a date: once
    # every 2 years from the first financial year (2019-20): October 2019, 2021
    assert days[7] == [D(2021, 10, 31)]
    # the end of July, once the year has ended: July after each 31 March
    assert days[8] == [D(2020, 7, 31), D(2021, 7, 31)]
    # a named date of the manifest: once, and two months after it
    assert days[9] == [D(2020, 4, 15)] and days[10] == [D(2020, 2, 15)]
    # a year from 1 January: the same words land elsewhere
    days = _days(_with(synthetic, "01-01", "2020-01-01"), Window(D(2020, 1, 1), D(2020, 12, 31)))
    assert days[0] == [D(2020, 12, 31)]  # before 1 January 2021
    assert days[1] == [D(2020, 3, 31)]  # 31 December 2019 + 3 months
    assert days[2] == [D(2020, 2, 29)]
    # a year from 6 April (the UK tax year): "3 months after" the 5th of April is the 5th of July
    days = _days(_with(synthetic, "04-06", "2020-05-01"), Window(D(2020, 4, 6), D(2021, 4, 5)))
    assert days[0] == [D(2021, 4, 5)]
    assert days[1] == [D(2020, 7, 5)]


def _rule(document: Document, rule_id: str) -> Rule:
    return next(r for r in document.rules if r.id == rule_id)


def _source(document: Document, rule_id: str) -> str:
    return " ".join(_rule(document, rule_id).source.split())


def test_periods_without_a_day(synthetic: Document) -> None:
    agenda = build_agenda(synthetic, Window(D(2019, 4, 1), D(2025, 3, 31)))
    every3 = [(e.start, e.due) for e in agenda.entries if _rule(synthetic, e.rule) is synthetic.rules[3]]
    # every 3 years from the first financial year, 2019-20: 2019-22, 2022-25
    assert every3 == [(D(2019, 4, 1), D(2022, 3, 31)), (D(2022, 4, 1), D(2025, 3, 31))]
    quarters = [(e.start, e.due) for e in agenda.entries if _rule(synthetic, e.rule) is synthetic.rules[5]]
    assert quarters[:2] == [(D(2019, 4, 1), D(2019, 6, 30)), (D(2019, 7, 1), D(2019, 9, 30))]
    assert len(quarters) == 24


WINDOW_DAYS = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))


@settings(max_examples=25, deadline=None)
@given(month=st.integers(1, 12), day=st.integers(1, 28), published=WINDOW_DAYS, first=WINDOW_DAYS,
       length=st.integers(0, 5 * 366), cut=st.integers(0, 5 * 366))
def test_occurrences_in_window_sorted_stable_additive(synthetic: Document, month: int, day: int,
                                                      published: datetime.date, first: datetime.date,
                                                      length: int, cut: int) -> None:
    document = _with(synthetic, f"{month:02d}-{day:02d}", published.isoformat())
    window = Window(first, first + datetime.timedelta(days=length))
    agenda = build_agenda(document, window)
    assert all(e.due is not None and e.due in window for e in agenda.entries)
    keys = [e.sort_key() for e in agenda.entries]
    assert keys == sorted(keys)
    assert build_agenda(document, window) == agenda  # the same every time
    # a window split in two holds the same occurrences as the whole
    middle = min(first + datetime.timedelta(days=cut), window.end)
    if middle < window.end:
        left = build_agenda(document, Window(first, middle))
        right = build_agenda(document, Window(middle + datetime.timedelta(days=1), window.end))
        assert sorted(left.entries + right.entries, key=lambda e: e.sort_key()) == list(agenda.entries)
    for entry in agenda.entries:
        source = _source(document, entry.rule)
        assert entry.due is not None
        assert entry.start is None or entry.start <= entry.due
        if source.endswith("before start of financial_year"):
            after = entry.due + datetime.timedelta(days=1)
            assert after == fy_start(document, after.year)
        if source.endswith("within 3 months after end of financial_year"):
            assert entry.start is not None and entry.start < entry.due
            assert entry.start + datetime.timedelta(days=1) == fy_start(document, entry.start.year + 1) or \
                entry.start + datetime.timedelta(days=1) == fy_start(document, entry.start.year)
            # from the last day of a month, to the last day of the month three on
            last_day = (entry.start + datetime.timedelta(days=1)).day == 1
            assert entry.due == add(entry.start, 3, "months", last_day)
        if "by end of february" in source:
            assert entry.due.month == 2 and (entry.due + datetime.timedelta(days=1)).month == 3


def test_hostile_strings_in_every_format(tmp_path: Path) -> None:
    hostile = 'Plan; with, commas \\ back\\slash "quotes" <b>tag</b> \x1b[31m red \u202e evil'
    case = {"objects": [{"id": "odd_plan", "name": hostile, "kind": "plan"}],
            "rules": [{"title": "Odd", "text": "Statement; \\n, END:VEVENT\nBEGIN:VEVENT odd.\n",
                       "rules": '"Statement":\n  director_general must submit odd_plan annually by end of june\n'}]}
    document = load_document(build_document(tmp_path / "doc", case)).document
    assert document is not None
    agenda = build_agenda(document)
    assert len(agenda.entries) == 1
    from icalendar import Calendar

    data = to_ics(agenda, document)
    assert b"\x1b" not in data and "\u202e".encode() not in data
    cal = Calendar.from_ical(data)
    (event,) = cal.walk("VEVENT")
    summary = str(event["SUMMARY"])
    assert "Plan; with, commas \\ back\\slash" in summary and "\\x1b[31m" in summary and "\\u202e" in summary
    assert "Statement; \\n, END:VEVENT BEGIN:VEVENT odd." in str(event["DESCRIPTION"])
    assert data.count(b"\r\nEND:VEVENT\r\n") == 1 and data.count(b"BEGIN:VEVENT") == 2  # one of them quoted
    from ical.calendar_stream import IcsCalendarStream

    (parsed,) = IcsCalendarStream.calendar_from_ics(data.decode("utf-8")).events
    assert parsed.summary == summary
    text = to_text(agenda)
    assert "\x1b" not in text and "\u202e" not in text
    payload = to_json(agenda)
    assert "\x1b" not in payload and "\u202e" not in payload
    assert "Plan; with, commas" in json.loads(payload)["entries"][0]["what"]


def test_review_lapsed_is_linked(tmp_path: Path) -> None:
    """DAT002 fires on a review due before the document's own `as_of` date, and the
    calendar's entry for that rule carries it; a look-alike (not a review) stays quiet."""
    case = {"manifest": {"published": "2009-06-01", "dates": {"as_of": "2013-01-01"}},
            "objects": [{"id": "framework_document", "name": "Framework Document", "kind": "document"}],
            "rules": ["unnamed must review framework_document no later than 2011-12-31",
                      # look-alikes: not a review; a review of something the document describes
                      "director_general must submit framework_document no later than 2011-12-31",
                      "unnamed must review corporate_plan no later than 2011-12-31"]}
    document = load_document(build_document(tmp_path / "doc", case)).document
    assert document is not None
    findings = run_checks(document, Context(today=D(2013, 1, 1)), select={"DAT002"})
    assert len(findings) == 1 and findings[0].location.line > 0
    agenda = build_agenda(document, Window(D(2011, 1, 1), D(2011, 12, 31)), findings=findings)
    linked = {e.rule: [f.code for f in e.findings] for e in agenda.entries}
    assert sorted(linked.values()) == [[], [], ["DAT002"]]
    review = next(r for r in document.rules if r.action == "review")
    assert linked[review.id] == ["DAT002"]
    # the default window is the financial year holding as_of
    assert default_window(document) == Window(D(2012, 4, 1), D(2013, 3, 31))


def test_no_date_no_window(synthetic: Document) -> None:
    undated = _with(synthetic, "04-01", "")
    with pytest.raises(AgendaError):
        default_window(undated)
    with pytest.raises(AgendaError):
        build_agenda(synthetic, Window(D(2020, 1, 2), D(2020, 1, 1)))


# -- the command -----------------------------------------------------------------------------

def _fwdoc(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["fwdoc", "calendar", *args], capture_output=True, text=True, timeout=120)


def test_cli_formats(tmp_path: Path) -> None:
    text = _fwdoc(str(FRAMEWORK))
    assert text.returncode == 0, text.stderr
    assert "1 April 2008 to 31 March 2009" in text.stdout and "April 2008" in text.stdout
    as_json = _fwdoc(str(FRAMEWORK), "--from", "2009-04-01", "--to", "2010-03-31", "--format", "json",
                     "--actor", "Permanent Secretary")
    assert as_json.returncode == 0, as_json.stderr
    payload = json.loads(as_json.stdout)
    assert payload["window"] == {"from": "2009-04-01", "to": "2010-03-31"}
    assert payload["entries"] and all("permanent_secretary" in e["actors"] for e in payload["entries"])
    assert [e["due"] for e in payload["entries"]] == sorted(e["due"] for e in payload["entries"])
    out = tmp_path / "noms.ics"
    ics = _fwdoc(str(FRAMEWORK), "--format", "ics", "-o", str(out))
    assert ics.returncode == 0 and ics.stdout == ""
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


@pytest.mark.parametrize("args, words", [
    (["--from", "2009-13-01"], "not a date"),
    (["--from", "2010-01-01", "--to", "2009-01-01"], "before it starts"),
    (["--actor", "nobody_at_all"], "not an actor"),
    (["--format", "ics", "-o", str(FRAMEWORK / "x.ics")], "inside the document folder"),
])
def test_cli_refusals(args: list[str], words: str) -> None:
    result = _fwdoc(str(FRAMEWORK), *args)
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert not (FRAMEWORK / "x.ics").exists()


@settings(max_examples=12, deadline=None)
@given(month=st.integers(1, 12), day=st.sampled_from([1, 6, 15, 28]),
       published=st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31)))
def test_ics_recurrences_expand_to_the_engines_days(synthetic: Document, month: int, day: int,
                                                     published: datetime.date) -> None:
    """What a calendar client computes from the RRULEs (here `ical`'s timeline) is what the
    engine lists, year after year, leap years and month ends included."""
    from ical.calendar_stream import IcsCalendarStream

    document = _with(synthetic, f"{month:02d}-{day:02d}", published.isoformat())
    first = default_window(document)
    later = Window(first.start, add(first.start, 6, "years") - datetime.timedelta(days=1))
    engine: dict[str, list[datetime.date]] = {}
    recurring = {e.rule for e in build_agenda(document, first).entries if e.interval}
    for entry in build_agenda(document, later).entries:
        if entry.rule in recurring:
            assert entry.due is not None
            engine.setdefault(uid(build_agenda(document, first), entry.rule), []).append(entry.due)
    cal = IcsCalendarStream.calendar_from_ics(to_ics(build_agenda(document, first), document).decode("utf-8"))
    client: dict[str, list[datetime.date]] = {}
    for event in cal.timeline.overlapping(later.start, later.end + datetime.timedelta(days=1)):
        if event.uid in engine:
            client.setdefault(event.uid, []).append(event.start)
    assert client == engine
