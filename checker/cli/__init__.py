"""The `fwdoc` command line: one module a command, all built on click."""

from __future__ import annotations

import os
import shlex
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import click

from checker import __version__
from checker.cli.common import printable
from checker.cli.helpfmt import FullHelpGroup

# One module a command, each exposing `command` (a click command), imported only when its
# command runs (or help lists them all): `fwdoc check` never loads the renderers, the website
# or the PDF writer.
COMMANDS = {"check": "check", "import": "import_cmd", "init": "init", "publish": "publish", "amend": "amend",
            "history": "history", "site": "site", "serve": "serve", "build": "build",
            "calendar": "calendar", "ask": "ask"}


class _LazyCommands(dict[str, click.Command]):
    """The group's commands, each module imported on first use."""

    def _load(self, name: str) -> click.Command | None:
        if not dict.__contains__(self, name) and name in COMMANDS:
            import importlib

            dict.__setitem__(self, name, importlib.import_module(f"checker.cli.{COMMANDS[name]}").command)
        return dict.get(self, name)

    def __getitem__(self, name: str) -> click.Command:
        found = self._load(name)
        if found is None:
            raise KeyError(name)
        return found

    def get(self, name: str, default: Any = None) -> Any:
        found = self._load(name)
        return default if found is None else found

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or dict.__contains__(self, name)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set(COMMANDS) | set(dict.keys(self))))

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(dict.keys(self)))

    def keys(self) -> Any:
        return list(self)

    def values(self) -> Any:
        return [self[name] for name in self]

    def items(self) -> Any:
        return [(name, self[name]) for name in self]


@click.group(cls=FullHelpGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="fwdoc")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Keep the cache (compiled grammar, parsed rules) here [default: $FWDOC_CACHE_DIR, "
                   "else $XDG_CACHE_HOME/fwdoc, else ~/.cache/fwdoc]. Never inside a document folder.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache (also FWDOC_NO_CACHE=1).")
def cli(cache_dir: Path | None, no_cache: bool) -> None:
    """fwdoc: keep a framework document as source, check it, amend it and publish it.

    \b
    Examples:
      fwdoc check framework          check the bundled document
      fwdoc build                    check, publish and build the site into build/
      fwdoc import doc.md --output new-framework
    """
    from checker import cache

    cache.configure(None if no_cache else cache_dir.absolute() if cache_dir is not None else True)


cli.commands = _LazyCommands()


class Terminated(BaseException):
    """A termination signal, raised wherever the program happens to be.

    A BaseException (like KeyboardInterrupt), so no `except Exception` swallows it and every
    `with tempfile.TemporaryDirectory()` and `try/finally` on the way out removes what it made."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


# The signals that stop a run; SIGINT already raises KeyboardInterrupt, which unwinds the same way.
STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _stop(signum: int, frame: FrameType | None) -> None:
    for each in STOPPING:
        signal.signal(each, signal.SIG_DFL)  # a second signal while cleaning up stops at once
    raise Terminated(signum)


@contextmanager
def _signals_unwind() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into Terminated for the length of a run, then put back what was there.

    Python can install handlers only in the main thread; a signal someone set to be ignored
    stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {each: signal.getsignal(each) for each in STOPPING}
    for each, previous in saved.items():
        if previous is not signal.SIG_IGN:
            signal.signal(each, _stop)
    try:
        yield
    finally:
        for each, previous in saved.items():
            signal.signal(each, previous if previous is not None else signal.SIG_DFL)


def _command_line(argv: list[str] | None) -> str:
    return printable(shlex.join(["fwdoc", *(sys.argv[1:] if argv is None else argv)]), 500)


def _internal_error(exc: BaseException, argv: list[str] | None) -> int:
    click.echo(f"fwdoc: internal error: {type(exc).__name__}: {printable(str(exc))}", err=True)
    click.echo(f"fwdoc: this is a bug in fwdoc {__version__}; please report it with the command you ran "
               f"({_command_line(argv)}) and this message (set FWDOC_DEBUG=1 for the traceback)", err=True)
    return 2


def _run(argv: list[str] | None) -> int:
    from checker.fileio import OutputError

    try:
        cli.main(args=argv, prog_name="fwdoc", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code or 0)
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):
            click.echo("fwdoc: interrupted; temporary files removed", err=True)
            return 130
        click.echo("Aborted.", err=True)
        return 2
    except SystemExit as exc:  # raised by commands through ctx.exit
        if exc.code is None or isinstance(exc.code, int):
            return int(exc.code or 0)
        click.echo(printable(str(exc.code)), err=True)
        return 2
    except OutputError as exc:
        click.echo(f"fwdoc: {printable(str(exc))}", err=True)
        return 2
    except BrokenPipeError:
        _quiet_stdout()
        click.echo("fwdoc: standard output was closed before everything was written", err=True)
        return 2
    except OSError as exc:  # the system's I/O failing (a full disk, standard output on one): exit 2
        if os.environ.get("FWDOC_DEBUG") == "1":
            raise
        _quiet_stdout()
        from checker.fileio import reason

        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"fwdoc: system error: {printable(where + reason(exc))}", err=True)
        return 2
    except Exception as exc:
        if os.environ.get("FWDOC_DEBUG") == "1":
            raise
        return _internal_error(exc, argv)
    return 0


def _quiet_stdout() -> None:
    """After a broken pipe, point standard output at the null device so the exit flush is quiet."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())  # re-points our descriptor 1; the device is not touched
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        pass


def _flushed() -> bool:
    """Flush standard output now, so that a full disk or a closed pipe is reported (exit 2),
    not lost in the interpreter's last flush."""
    try:
        sys.stdout.flush()
    except (ValueError, AttributeError):
        return True  # closed or replaced: nothing of ours to flush
    except OSError as err:
        _quiet_stdout()
        from checker.fileio import reason

        click.echo(f"fwdoc: could not write to standard output: {printable(reason(err))}", err=True)
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting.

    0: done, nothing to report; 1: findings (or not acceptable); 2: could not judge (usage,
    input or output problem, internal error); 130 and 128+N: stopped by SIGINT or signal N,
    after removing every temporary file."""
    with _signals_unwind():
        try:
            status = _run(argv)
            return status if _flushed() else 2
        except Terminated as exc:
            name = signal.Signals(exc.signum).name
            click.echo(f"fwdoc: stopped by {name}; temporary files removed", err=True)
            return 128 + exc.signum
        except KeyboardInterrupt:
            click.echo("fwdoc: interrupted; temporary files removed", err=True)
            return 130
