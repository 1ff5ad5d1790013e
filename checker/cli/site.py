"""`fwdoc site [PATH] --output DIR`: build the documentation website (mkdocs, Material)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from checker.cli.common import UsageError, display_root, parse_date
from checker.website.hooks import Progress


@contextmanager
def progress_bar(enabled: bool | None = None) -> Iterator[Progress | None]:
    """A rich progress bar on a terminal (standard error); nothing when output is redirected."""
    from rich.console import Console

    console = Console(stderr=True)
    if not (console.is_terminal if enabled is None else enabled):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("Building the site", total=None)

        def tick(phase: str, done: int, total: int) -> None:
            bar.update(task, description=phase, completed=done, total=total or None)

        yield tick


def site_output_or_exit(path: Path, output: Path) -> None:
    """Refuse, before anything is built or written, a site output inside (or holding) the
    document folder, a folder of other files, a link (or a folder under a link inside the
    working tree), or one whose parent folder is missing: exit 2."""
    from checker.cli.common import output_folder
    from checker.fileio import OutputError, check_parent
    from checker.website.build import check_site_output
    from checker.website.data import SiteError

    output_folder(path, output)
    try:
        check_site_output(path.resolve(), output.resolve())
        check_parent(output.absolute())
    except (SiteError, OutputError) as err:
        raise UsageError(str(err)) from None


def build_site_or_exit(path: Path, output: Path, today: str | None, data: object | None = None,
                       site_url: str | None = None) -> None:
    """Build the site and print where it is; exit 1 with the reason when it cannot be built."""
    from checker.cli.common import printable
    from checker.website.build import build_site
    from checker.website.data import SiteError

    try:
        with progress_bar() as tick:
            result = build_site(path, output, today=parse_date(today), data=data,  # type: ignore[arg-type]
                                progress=tick, site_url=site_url)
    except SiteError as err:
        click.echo(f"fwdoc site: {printable(str(err), limit=20000, newlines=True)}", err=True)
        click.echo(f"fwdoc site: the site was not built; {output} is unchanged", err=True)
        raise SystemExit(1) from None
    click.echo(f"site: {display_root(result.output / 'index.html')} ({result.pages} pages, {result.seconds:.1f} s)")


@click.command("site")
@click.argument("path", type=click.Path(path_type=Path), default="framework", required=False)
@click.option("--output", "-o", type=click.Path(path_type=Path), default=Path("build/site"), show_default=True,
              help="The folder to build the site into (replaced whole when the build succeeds).")
@click.option("--today", metavar="DATE", help="Judge dates (the review-by date) against DATE, not today.")
@click.option("--site-url", metavar="URL", help="Where the site will be served (https://example.org/framework/); "
              "fills the sitemap and makes the 404 page work under a sub-path. Default: the manifest's site_url.")
def command(path: Path, output: Path, today: str | None, site_url: str | None) -> None:
    """Build the documentation website of the framework document at PATH (default: framework/).

    Every page is generated from the document: its parts with each clause's rules in English,
    a page per actor, the responsibility matrix, graphs, glossary, history and the toolkit's
    reference.  The site is built into a temporary folder and swapped in whole; a failed
    build leaves the previous site in place and exits 1 with the reason.  OUTPUT must not be
    inside the document folder, and its parent folder must exist (build/ is made for the
    default); two builds into one folder take turns.

    \b
    Examples:
      fwdoc site
      fwdoc site framework --output public
      fwdoc site --site-url https://example.github.io/framework/
    """
    if not path.is_dir():
        raise UsageError(f"{path}: not a folder; expected a framework document folder")
    from checker.cli.common import output_folder

    if site_url is not None:
        from checker.website.urls import site_url as checked_url

        try:
            site_url = checked_url(site_url)
        except ValueError as err:
            raise UsageError(f"--site-url: {err}") from None
    output_folder(path, output)  # before build/ is made: a committed `build` link is refused
    source = click.get_current_context().get_parameter_source("output")
    if source is click.core.ParameterSource.DEFAULT and not output.parent.exists():
        output.parent.mkdir()  # the default, build/site: build/ is fwdoc's own folder
    site_output_or_exit(path, output)
    build_site_or_exit(path, output, today, site_url=site_url)
