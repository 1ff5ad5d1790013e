"""`fwdoc calendar [PATH]`: what the document's duties make due when (docs/calendar.md)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import click

from checker.cli.common import UsageError


@click.command("calendar")
@click.argument("path", type=click.Path(path_type=Path), default="framework", required=False)
@click.option("--from", "start", metavar="DATE", help="First day of the window (YYYY-MM-DD) "
              "[default: the start of the financial year holding the document's as_of or published date].")
@click.option("--to", "end", metavar="DATE", help="Last day of the window (YYYY-MM-DD) "
              "[default: the end of that financial year, or a year after --from, less a day].")
@click.option("--actor", metavar="ACTOR", help="Only the duties of this actor (an actor id, an office id or a "
              "name), or of a group it is a member of.")
@click.option("--format", "fmt", type=click.Choice(["text", "ics", "json"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file (outside the document folder) instead of standard output.")
def command(path: Path, start: str | None, end: str | None, actor: str | None, fmt: str,
            output: Path | None) -> None:
    """List what the duties of the document at PATH (default: framework/) make due, day by
    day, in a window of dates: deadlines (`by end of april`, `no later than 2011-12-31`),
    relative deadlines (`within 3 months after end of financial_year`, `before start of
    financial_year`) and recurring duties (`annually`, `every 3 years`).

    Each entry names who, what (the rule in English), the clause and the rule, the
    recurrence and any hedge, with the findings of `fwdoc check` about that rule. The window
    never depends on today's date. `--format ics` writes an iCalendar file (one event, or
    one recurring event, a duty) to import into a calendar.

    \b
    Examples:
      fwdoc calendar
      fwdoc calendar framework --from 2009-04-01 --to 2010-03-31
      fwdoc calendar framework --actor director_general --format ics -o /tmp/duties.ics
    """
    from checker.agenda import AgendaError, build_agenda
    from checker.agenda.engine import resolve_actor
    from checker.checks import Context
    from checker.checks.runner import source_findings
    from checker.cli.common import load_or_exit, parse_date, writable_output

    writable_output(path, output)
    first, last = parse_date(start), parse_date(end)
    loaded = load_or_exit(path)
    document = loaded.document
    if document is None:
        raise UsageError(f"{path}: the document cannot be loaded; run fwdoc check {path}")
    try:
        window = _window(document, first, last)
    except AgendaError as err:
        raise UsageError(f"{path}: {err}") from None
    actor_id = None
    if actor is not None:
        actor_id = resolve_actor(document, actor)
        if actor_id is None:
            from checker.suggest import did_you_mean

            raise UsageError(f"'{actor}' is not an actor or office of the document"
                             f"{did_you_mean(actor, list(document.actors))}")
    try:
        from checker.agenda.engine import document_dates

        dates = document_dates(document)
        as_of = max(dates.values()) if dates else window.start
        findings = source_findings(path, loaded, Context(today=as_of))
        agenda = build_agenda(document, window, actor_id, findings)
    except AgendaError as err:
        raise UsageError(f"{path}: {err}") from None
    if fmt == "ics":
        from checker.agenda.ics import to_ics

        data = to_ics(agenda, document)
    elif fmt == "json":
        from checker.agenda.formats import to_json

        data = to_json(agenda).encode("utf-8")
    else:
        from checker.agenda.formats import to_text

        data = to_text(agenda).encode("utf-8")
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    from checker.fileio import OutputError, write_atomic

    try:
        write_atomic(output, data)
    except OutputError as err:
        raise UsageError(str(err)) from None


def _window(document: Any, first: datetime.date | None, last: datetime.date | None) -> Any:
    """--from and --to; one of them alone makes a year; neither, the default window."""
    from checker.agenda import Window, default_window
    from checker.agenda.engine import add

    if first is None and last is None:
        return default_window(document)
    if first is None:
        assert last is not None
        first = add(last, -1, "years") + datetime.timedelta(days=1)
    if last is None:
        last = add(first, 1, "years") - datetime.timedelta(days=1)
    return Window(first, last)
