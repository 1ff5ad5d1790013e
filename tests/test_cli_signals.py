"""The command line's last line of defence (checker/cli/__init__.py main): a signal unwinds
every temporary folder before the process stops, and an unexpected exception is a short
internal-error message with exit status 2, never a traceback and never exit status 1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker import __version__
from checker.cli import cli, main

REPO = Path(__file__).resolve().parent.parent
FRAMEWORK = REPO / "framework"


def _replace_callback(monkeypatch: pytest.MonkeyPatch, name: str, callback: Callable[..., Any]) -> None:
    monkeypatch.setattr(cli.commands[name], "callback", callback)


# ---------------------------------------------------------------- an unexpected exception


def test_an_unexpected_exception_is_an_internal_error(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    def broken(**_: Any) -> None:
        raise IndexError("list index out of range \x1b[2J\u202eevil")

    _replace_callback(monkeypatch, "check", broken)
    monkeypatch.delenv("FWDOC_DEBUG", raising=False)
    assert main(["check", "framework", "--format", "json"]) == 2
    err = capsys.readouterr().err
    first, second = err.splitlines()
    assert first == r"fwdoc: internal error: IndexError: list index out of range \x1b[2J\u202eevil"
    assert f"this is a bug in fwdoc {__version__}; please report it" in second
    assert "(fwdoc check framework --format json)" in second
    assert "Traceback" not in err and "\x1b" not in err and "\u202e" not in err


def test_fwdoc_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**_: Any) -> None:
        raise KeyError("missing")

    _replace_callback(monkeypatch, "check", broken)
    monkeypatch.setenv("FWDOC_DEBUG", "1")
    with pytest.raises(KeyError, match="missing"):
        main(["check", "framework"])


def test_an_output_error_anywhere_is_a_clear_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A command that writes without catching (as `amend` does) still gets exit 2 and a message."""
    from checker.fileio import write_atomic

    def writes(**_: Any) -> None:
        write_atomic(tmp_path / "missing" / "comment.md", b"x")

    _replace_callback(monkeypatch, "check", writes)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err == (f"fwdoc: {tmp_path}/missing/comment.md: the folder {tmp_path}/missing does not exist; "
                   "create it first (fwdoc does not create folders for its outputs)\n")


def test_an_os_error_is_a_system_error_not_a_bug(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    def full(**_: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/tmp/x\x07.yaml")

    _replace_callback(monkeypatch, "check", full)
    monkeypatch.delenv("FWDOC_DEBUG", raising=False)
    assert main(["check"]) == 2
    assert capsys.readouterr().err == "fwdoc: system error: /tmp/x\\x07.yaml: no space left on device\n"


SUBPROCESS = """
import sys
from checker.cli import cli, main

def broken(**kwargs):
    raise ZeroDivisionError("division by zero")

cli.commands["publish"].callback = broken
sys.exit(main())
"""


def test_a_real_process_exits_2_without_a_traceback() -> None:
    env = {k: v for k, v in os.environ.items() if k != "FWDOC_DEBUG"}
    proc = subprocess.run([sys.executable, "-c", SUBPROCESS, "publish", "--format", "md"],
                          capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 2
    assert proc.stderr.startswith("fwdoc: internal error: ZeroDivisionError: division by zero\n")
    assert "Traceback" not in proc.stderr and proc.stdout == ""


# ---------------------------------------------------------------- signals


def test_sigterm_unwinds_temporary_folders_in_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    made: list[Path] = []

    def slow(**_: Any) -> None:
        with tempfile.TemporaryDirectory(prefix="fwdoc-base-", dir=tmp_path) as tmp:
            made.append(Path(tmp))
            (Path(tmp) / "document.yaml").write_text("x", encoding="utf-8")
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)  # the signal arrives first: the handler raises here
            raise AssertionError("the signal did not stop the command")

    def not_main(signum: int, frame: object) -> None:
        raise AssertionError("main did not install its own SIGTERM handler")

    _replace_callback(monkeypatch, "check", slow)
    outer = signal.signal(signal.SIGTERM, not_main)  # so that a regression fails here, not kills pytest
    try:
        assert main(["check"]) == 128 + signal.SIGTERM
        assert signal.getsignal(signal.SIGTERM) is not_main  # the handler is put back
    finally:
        signal.signal(signal.SIGTERM, outer)
    assert made and not made[0].exists() and list(tmp_path.iterdir()) == []
    assert "fwdoc: stopped by SIGTERM; temporary files removed" in capsys.readouterr().err


def _wait_for(predicate: Callable[[], bool], proc: subprocess.Popen[str], seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while not predicate():
        assert proc.poll() is None, f"the command ended before it could be stopped: {proc.communicate()}"
        assert time.monotonic() < end, "the command never got there"
        time.sleep(0.02)


def _leftovers(*folders: Path) -> list[str]:
    return sorted(str(p) for folder in folders for p in folder.iterdir())


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_site_build_stopped_by_a_signal_leaves_nothing(tmp_path: Path, signum: int) -> None:
    tmp, out = tmp_path / "tmp", tmp_path / "out"
    tmp.mkdir()
    out.mkdir()
    proc = subprocess.Popen(["fwdoc", "site", str(FRAMEWORK), "--output", str(out / "site")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, TMPDIR=str(tmp)))
    try:
        _wait_for(lambda: any(p.name.startswith(".site.") for p in out.iterdir()), proc)
        time.sleep(1.0)  # well into the mkdocs build
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signum, err
    assert "temporary files removed" in err and "Traceback" not in err
    assert _leftovers(out, tmp) == []


def test_a_publication_as_at_a_date_stopped_by_sigterm_leaves_nothing(tmp_path: Path) -> None:
    """`--as-at` rebuilds the document in /tmp/fwdoc-as-at-* (checker/amend/history.py)."""
    tmp, out = tmp_path / "tmp", tmp_path / "out"
    tmp.mkdir()
    out.mkdir()
    proc = subprocess.Popen(["fwdoc", "publish", str(FRAMEWORK), "--as-at", "2030-01-01", "--format", "pdf",
                             "--output", str(out / "framework.pdf")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, TMPDIR=str(tmp)))
    try:
        _wait_for(lambda: any(p.name.startswith("fwdoc-as-at-") for p in tmp.iterdir()), proc)
        time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert _leftovers(out, tmp) == []


def test_a_preview_stopped_by_sigterm_removes_its_site(tmp_path: Path) -> None:
    """`fwdoc serve` builds into a mkdocs_* folder in TMPDIR; SIGTERM (how services stop) removes it."""
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = subprocess.Popen(["fwdoc", "serve", str(REPO / "tests" / "fixtures" / "site" / "small"),
                             "--dev-addr", f"127.0.0.1:{port}", "--today", "2024-01-01"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, TMPDIR=str(tmp)))

    def serving() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=5) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    try:
        _wait_for(serving, proc)
        assert [p.name[:7] for p in tmp.iterdir()] == ["mkdocs_"]
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert _leftovers(tmp) == []
