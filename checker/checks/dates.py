"""Dates: the review-by date in the manifest."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.checks.base import Context, check, get
from checker.findings import Finding, Location, Severity
from checker.model import Document


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


@check("DAT001", "review-overdue", Severity.WARNING, "dates")
def review_overdue(document: Document, context: Context) -> Iterator[Finding]:
    """The document's review-by date (`review_by:` in manifest.yaml) has passed.

    Why it matters: a framework document promises to be reviewed by a date ("the main body of
    the document to be reviewed by no later than 2011").  Past that date the governance it
    describes may no longer be the governance in force, and readers should be told.

    Fails::

        # manifest.yaml, checked on 2024-01-01
        review_by: 2011-12-31

    Passes::

        # manifest.yaml, checked on 2024-01-01
        review_by: 2026-12-31

    The date is compared with today, or with `fwdoc check --today YYYY-MM-DD`.  A document
    whose status is `superseded` or `withdrawn` is not reported: it is no longer in force.
    """
    this = get("DAT001")
    manifest = document.manifest
    if manifest.status in ("superseded", "withdrawn"):
        return
    due = _as_date(manifest.review_by)
    if due is None or due >= context.today:
        return
    # the message does not name today: it stays the same (and so does every output quoting it,
    # the website's home page included) for as long as the review is overdue
    yield this.finding(
        f"the document was due for review by {due.isoformat()} (review_by in the manifest); "
        "that date has passed and no later review date is recorded",
        _review_by_line(document))


def _review_by_line(document: Document) -> Location:
    """Where `review_by:` stands in the manifest (the model keeps only the file)."""
    location = document.manifest.location
    from checker.load.source import SourceRefused, read_source

    try:
        lines = read_source(document.root / location.file, document.root).decode("utf-8").splitlines()
    except (SourceRefused, UnicodeDecodeError):
        return location
    for number, line in enumerate(lines, start=1):
        if line.startswith("review_by:"):
            return Location(location.file, number, len("review_by:") + 2)
    return location


# the manifest's dates that are the document's own: when it was last reviewed, and the date it
# speaks as of (named dates under `dates:`; docs/format.md)
_OWN_DATES = ("last_reviewed", "as_of")


def _own_dates(document: Document) -> list[tuple[str, date]]:
    out = []
    published = _as_date(document.manifest.published)
    if published is not None:
        out.append(("published", published))
    out += [(key, document.manifest.dates[key]) for key in _OWN_DATES if key in document.manifest.dates]
    return out


@check("DAT002", "review-lapsed", Severity.WARNING, "dates")
def review_lapsed(document: Document, context: Context) -> Iterator[Finding]:
    """A review the document promises has lapsed by the document's own dates.

    Why it matters: the document says when it is to be reviewed (`review_by:` in the manifest,
    a rule such as `unnamed must review framework_main_body no later than 2011-12-31`, or a
    recurring review, `at least once every 3 years`), and it also says what date it speaks as
    of: `published`, and the named dates `as_of` and `last_reviewed` under `dates:`.  When the
    document's own date is after the review was due, the document itself shows the cycle has
    lapsed: unlike DAT001, this does not depend on the day the check runs, so it is the same on
    every machine and every day.

    Fails::

        # manifest.yaml
        review_by: 2011-12-31
        dates:
          as_of: 2015-06-01

        # rules (framework_document: an object of kind document)
        unnamed must review framework_document at least once every 3 years
        # with dates: {last_reviewed: 2010-01-01, as_of: 2015-06-01}: due by 2013-01-01

    Passes::

        review_by: 2011-12-31
        dates:
          as_of: 2011-06-01

    A review rule is one whose canonical verb in the vocabulary is `review` and whose object is
    of kind `document` in the objects register (the document or a part of it, not the
    arrangements it describes: an annual review of risk management is not judged by the
    document's dates).  The recurring review is counted from `last_reviewed`, and only when the
    manifest gives it.  A document whose status is `superseded` or `withdrawn` is not reported.
    """
    this = get("DAT002")
    manifest = document.manifest
    if manifest.status in ("superseded", "withdrawn"):
        return
    own = _own_dates(document)
    if not own:
        return
    latest_key, latest = max(own, key=lambda item: (item[1], item[0]))
    due = _as_date(manifest.review_by)
    if due is not None and latest > due:
        yield this.finding(
            f"the document was to be reviewed by {due.isoformat()} (review_by in the manifest), but its "
            f"own date {latest_key} is {latest.isoformat()}: the review has lapsed as of the document's "
            "dates; record the review and the next review-by date",
            _review_by_line(document))
    from checker import vocab
    from checker.agenda.engine import add

    words = vocab.for_document(document)
    last = dict(own).get("last_reviewed")
    for rule in document.rules:
        if rule.kind != "obligation" or rule.modality not in ("must", "should") or not rule.action:
            continue
        if words.canonical(rule.action) != "review":
            continue
        # a review of the document itself (an object of kind `document`), not of arrangements
        # the document describes, whose reviews its own dates say nothing about
        if not any(document.objects[o].kind == "document" for o in rule.object_ids if o in document.objects):
            continue
        time = rule.time
        limit: date | None = None
        if time.deadline is not None and time.deadline.kind == "date" and time.deadline.date is not None:
            limit = time.deadline.date
        if time.recurrence is not None and last is not None:
            rec = time.recurrence
            unit = rec.unit if rec.unit.endswith("s") else rec.unit + "s"
            months = {"years": 12, "quarters": 3, "months": 1}.get(unit)
            if months is not None:
                cycle_due = add(last, rec.n * months, "months")
                limit = cycle_due if limit is None or cycle_due > limit else limit
        if limit is not None and latest > limit:
            yield this.finding(
                f"this review was due by {limit.isoformat()}, but the document's own date {latest_key} is "
                f"{latest.isoformat()}: the review cycle has lapsed as of the document's dates",
                rule.location)
