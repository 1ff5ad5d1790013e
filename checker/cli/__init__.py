"""The `fwdoc` command line: one module a command, all built on click."""

from __future__ import annotations

import click

from checker import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="fwdoc")
def cli() -> None:
    """fwdoc: keep a framework document as source, check it, amend it and publish it.

    \b
    Examples:
      fwdoc check framework          check the bundled document
      fwdoc build                    check, publish and build the site into build/
      fwdoc import doc.md --output new-framework
    """


# One module a command, each exposing `command` (a click command).
COMMANDS = ["check", "import_cmd", "publish", "amend", "history", "site", "serve", "build"]


def _register() -> None:
    import importlib

    for name in COMMANDS:
        cli.add_command(importlib.import_module(f"checker.cli.{name}").command)


_register()


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting."""
    try:
        cli.main(args=argv, prog_name="fwdoc", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code or 0)
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 2
    except SystemExit as exc:  # raised by commands through ctx.exit
        return int(exc.code or 0)
    return 0
