"""`fwdoc serve [PATH]`: preview the website, rebuilding it when the document changes."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from checker.cli.common import UsageError, parse_date


@click.command("serve")
@click.argument("path", type=click.Path(path_type=Path), default="framework", required=False)
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT",
              help="Where to serve the preview.")
@click.option("--today", metavar="DATE", help="Judge dates (the review-by date) against DATE, not today.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
def command(path: Path, dev_addr: str, today: str | None, open_browser: bool) -> None:
    """Preview the website of the document at PATH, rebuilding it when a source file changes.

    \b
    Examples:
      fwdoc serve
      fwdoc serve framework --dev-addr 127.0.0.1:8001
    """
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    from checker.website.build import config_file
    from checker.website.hooks import ENV_DOCUMENT, ENV_TODAY

    if not path.is_dir():
        raise UsageError(f"{path}: not a folder; expected a framework document folder")
    parse_date(today)
    os.environ[ENV_DOCUMENT] = str(path.resolve())
    if today:
        os.environ[ENV_TODAY] = today
    # what mkdocs says while serving (the address, each rebuild, any warning) goes to stderr
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        serve(config_file=str(config_file()), livereload=True, watch=[str(path.resolve())],
              dev_addr=dev_addr, open_in_browser=open_browser)
    except MkDocsException as err:
        click.echo(f"fwdoc serve: {err}", err=True)
        sys.exit(1)
