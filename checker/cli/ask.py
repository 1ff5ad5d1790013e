"""`fwdoc ask [PATH] QUESTION [NAME]`: questions over the model, each answered with the rules and
clauses that give it (checker/answers/)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import click

from checker.cli.common import UsageError


@click.command("ask")
@click.argument("args", nargs=-1, metavar="[PATH] QUESTION [NAME]")
@click.option("--about", metavar="X", help="duties: only the rules about X (a thing or an actor).")
@click.option("--from", "start", metavar="DATE", help="duties: only what falls due on or after DATE (YYYY-MM-DD).")
@click.option("--to", "to", metavar="DATE|ACTOR",
              help="duties: only what falls due on or before DATE; what-if: the actor the office moves to.")
@click.option("--move", metavar="OFFICE", help="what-if: the office that moves.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def command(args: tuple[str, ...], about: str | None, start: str | None, to: str | None, move: str | None,
            fmt: str) -> None:
    """Ask the document at PATH (default: framework/) a QUESTION about NAME (an id, a name or an
    alias from the registers).

    \b
    Questions:
      who-drafts X, who-endorses X, who-approves X, who-is-consulted X, who-is-informed X
      object X          every role for the thing X
      who-decides X     who may decide X, and to whom it may be delegated
      who-acts-for Y    the delegations of Y, their limits, sub-delegations
      duties Y          what Y must, should, may and must not do
                        [--about X] [--from DATE --to DATE]
      accountable Y     to whom Y is accountable: every line to the top
      what-if --move OFFICE --to ACTOR
                        rules that would bind ACTOR, and the findings the checks
                        would report on the moved model that they do not today

    Every answer cites the clauses (as printed) and rules that give it, and the chain of
    steps behind a derived answer.  An unknown name or question exits with status 2.

    \b
    Examples:
      fwdoc ask who-approves business_plan
      fwdoc ask framework duties agency --about business_plan
      fwdoc ask accountable director_general --format markdown
      fwdoc ask what-if --move departmental_sponsor --to director_general
    """
    from checker.answers import render
    from checker.answers.base import AskError
    from checker.answers.questions import KINDS, answer
    from checker.cli.common import load_or_exit, parse_date

    path, kind, name = _split(args, KINDS)
    document = load_or_exit(path).document
    if document is None:
        raise UsageError(f"{path}: the document cannot be loaded; run fwdoc check {path}")
    end_date = None
    target = None
    if kind == "what-if":
        target = to
    else:
        end_date = parse_date(to)
    try:
        result = answer(document, kind, name, about=about, start=parse_date(start), end=end_date,
                        move=move, to=target)
    except AskError as err:
        raise UsageError(str(err)) from None
    click.echo(render.render(result, fmt), nl=False)


def _split(args: tuple[str, ...], kinds: Mapping[str, object]) -> tuple[Path, str, str | None]:
    """[PATH] QUESTION [NAME]: the folder is optional, recognised by not being a question."""
    if not args:
        raise UsageError("expected [PATH] QUESTION [NAME], e.g. fwdoc ask who-approves business_plan; "
                         f"the questions are {', '.join(kinds)}")
    if args[0] in kinds:
        path, rest = Path("framework"), args
    elif len(args) == 1 or not Path(args[0]).is_dir():
        from checker.suggest import did_you_mean

        raise UsageError(f"'{args[0]}' is not a question nor a document folder"
                         f"{did_you_mean(args[0], sorted(kinds))}; the questions are {', '.join(kinds)}")
    else:
        path, rest = Path(args[0]), args[1:]
    if len(rest) > 2:
        raise UsageError("expected [PATH] QUESTION [NAME]: quote a name with spaces "
                         "(fwdoc ask who-approves 'Business Plan')")
    return path, rest[0], rest[1] if len(rest) > 1 else None
