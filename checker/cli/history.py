"""`fwdoc history CLAUSE`: the versions of a clause, from the amendment records."""

from __future__ import annotations

import json
from pathlib import Path

import click

from checker.cli.common import UsageError
from checker.escape import json_inert, terminal


@click.command("history")
@click.argument("args", nargs=-1, metavar="[PATH] CLAUSE")
@click.option("--document", "-d", "document_option", type=click.Path(path_type=Path), hidden=True,
              help="Deprecated: give the document folder as the first argument.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(args: tuple[str, ...], document_option: Path | None, fmt: str) -> None:
    """List the versions of CLAUSE (a clause id, or a number such as 2.1.3 or C.4) of the
    document at PATH (default: framework/).

    Each version says from when, until when, and which amendment made or ended it, with a
    word diff from the version before.

    \b
    Examples:
      fwdoc history permanent-secretary
      fwdoc history framework 2.1.2
      fwdoc history framework C.4 --format json
    """
    path, clause = _path_and_clause(args, document_option)
    from checker.amend.diff import prose_of, word_diff
    from checker.amend.guard import AmendError, check_folder
    from checker.amend.history import clause_history
    from checker.cli.common import load_or_exit

    if path.is_dir():
        try:  # a link out of the folder or a device is never opened
            check_folder(path.resolve(), str(path))
        except AmendError as err:
            raise UsageError(str(err)) from None
    document = load_or_exit(path).document
    if document is None:
        raise UsageError(f"{path}: the document cannot be loaded; run fwdoc check {path}")
    clause_id = clause
    if clause_id not in document.clauses:
        found = document.resolve_number(clause)
        if found is None:
            from checker.suggest import did_you_mean

            raise UsageError(f"'{clause}' is not a clause id or number of the document"
                             f"{did_you_mean(clause, list(document.clauses))}")
        clause_id = found.id
    from checker.amend.history import unreadable_records
    from checker.amend.records import load_records

    unreadable = unreadable_records(load_records(document.root))
    if unreadable:  # a version of the clause may be in it: no history rather than a wrong one
        raise UsageError(f"{unreadable}; the history cannot be told without it")
    versions = clause_history(document, clause_id)
    if fmt == "json":
        payload = [{"clause": v.clause, "exists": v.exists, "since": v.since,
                    "since_amendment": v.since_amendment, "until": v.until,
                    "until_amendment": v.until_amendment, "title": v.title, "text": v.text,
                    "rules": v.rules} for v in versions]
        click.echo(json_inert(json.dumps(payload, indent=2, ensure_ascii=False)))
        return
    current = document.clauses[clause_id]
    click.echo(terminal(f"{current.label} {current.title or ''}".rstrip() + f" ({clause_id}): "
                        f"{len(versions)} version{'s' if len(versions) != 1 else ''}"))
    previous: str | None = None
    for number, v in enumerate(versions, start=1):
        since = f"from {v.since} ({v.since_amendment})" if v.since else "original"
        until = f" until {v.until} ({v.until_amendment})" if v.until else " (current)"
        state = "" if v.exists else " [not in the document]"
        click.echo("\n" + terminal(f"{number}. {since}{until}{state}"))
        prose = prose_of(v.fields)
        if previous is not None and v.exists and prose != previous:
            ops = word_diff(previous, prose)
            click.echo("   " + terminal(" ".join(
                op.text if op.op == "=" else f"[-{op.text}-]" if op.op == "-" else
                f"{{+{op.text}+}}" if op.op == "+" else "…" for op in ops)))
        elif v.exists:
            click.echo("   " + terminal(" ".join(prose.split())[:400]))
        previous = prose if v.exists else previous


def _path_and_clause(args: tuple[str, ...], document_option: Path | None) -> tuple[Path, str]:
    """[PATH] CLAUSE, as every command takes its folder first; -d/--document still works
    (deprecated, with a note on standard error)."""
    if not args or len(args) > 2:
        raise UsageError("expected [PATH] CLAUSE: the document folder (default framework) and a clause id or "
                         "number, e.g. fwdoc history framework 2.1.2")
    if document_option is not None:
        if len(args) == 2:
            raise UsageError("give the document folder once: as the first argument (-d/--document is deprecated)")
        click.echo(f"fwdoc history: -d/--document is deprecated; write: fwdoc history {document_option} {args[0]}",
                   err=True)
        return document_option, args[0]
    if len(args) == 2:
        return Path(args[0]), args[1]
    return Path("framework"), args[0]
