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
