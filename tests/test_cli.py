"""The `fwdoc` command line: help and version, `fwdoc check` output formats, colour and exit
statuses.  Most tests run the real command in a subprocess; a few call checker.cli.main.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
import yaml

from checker import __version__
from checker.cli import cli, main
from tests.cputime import cpu_seconds

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "docs" / "minimal"
INVALID = FIXTURES / "docs" / "invalid"
FWDOC = shutil.which("fwdoc") or "fwdoc"
ANSI = re.compile(r"\x1b\[[0-9;]*m")



def fwdoc(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | (env or {})
    proc = subprocess.run([FWDOC, *args], capture_output=True, text=True, timeout=120, env=environ, cwd=cwd)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def overlay(target: Path, case: str | None = None) -> Path:
    """The minimal document in `target`, with an invalid case laid over it."""
    shutil.copytree(MINIMAL, target)
    if case is not None:
        folder = INVALID / case
        spec = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
        for rel in spec.get("delete") or []:
            (target / rel).unlink()
        for path in folder.rglob("*"):
            if path.is_file() and path.name != "expected.yaml":
                (target / path.relative_to(folder)).write_bytes(path.read_bytes())
    return target


# -- help and version --------------------------------------------------------------------------------
def test_help_names_the_commands_with_examples() -> None:
    proc = fwdoc("--help")
    assert proc.returncode == 0
    assert "Examples:" in proc.stdout and "fwdoc check" in proc.stdout
    for name in cli.commands:
        assert re.search(rf"^\s+{re.escape(name)}\s", proc.stdout, re.MULTILINE), name


def test_version() -> None:
    proc = fwdoc("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"fwdoc, version {__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", __version__)


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, command in sorted(group.commands.items()):
        out.append(prefix + name)
        if isinstance(command, click.Group):
            out += _commands(command, f"{prefix}{name} ")
    return out


def _has_example(help_text: str, path: str) -> bool:
    """An 'Example(s):' heading followed by a line that runs this very command."""
    match = re.search(r"^\s*Examples?:\s*$(.*)", help_text, re.MULTILINE | re.DOTALL)
    return bool(match and re.search(rf"^\s+fwdoc {re.escape(path.split()[0])}\b", match.group(1), re.MULTILINE))


@pytest.mark.parametrize("path", _commands(cli))
def test_every_command_help_says_what_it_does_with_an_example(path: str) -> None:
    proc = fwdoc(*path.split(), "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"Usage: fwdoc {path} ")
    summary = proc.stdout.split("\n\n", 2)[1].strip()
    assert len(summary.split()) >= 4, f"'{path} --help' does not say what it does"
    assert _has_example(proc.stdout, path), f"'fwdoc {path} --help' shows no example"


def test_help_is_fast_and_imports_nothing_heavy() -> None:
    code = ("import sys, checker.cli; "
            "print(sorted(m for m in ('weasyprint', 'mkdocs', 'selenium', 'material') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr
    started = cpu_seconds()
    fwdoc("--help")
    assert cpu_seconds() - started < 5.0  # the child's CPU (and ours), which load does not inflate


# -- fwdoc check: JSON --------------------------------------------------------------------------------
def test_check_json_of_a_clean_document(tmp_path: Path) -> None:
    doc = overlay(tmp_path / "doc")
    proc = fwdoc("check", str(doc), "--format", "json")
    assert proc.returncode == 0, proc.stdout
    report = json.loads(proc.stdout)
    assert report["findings"] == []
    stats = report["stats"]
    assert {k: stats[k] for k in ("parts", "clauses", "rules", "actors", "objects",
                                  "normative_sentences", "formalised", "informal")} == {
        "parts": 4, "clauses": 8, "rules": 9, "actors": 4, "objects": 2,
        "normative_sentences": 9, "formalised": 8, "informal": 1,
    }


def test_check_json_findings_carry_code_severity_message_and_place(tmp_path: Path) -> None:
    doc = overlay(tmp_path / "doc", "name-on-a-continuation-line")
    proc = fwdoc("check", "doc", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["document"] == "doc"
    for finding in report["findings"]:
        assert {"code", "severity", "message", "file", "line", "column", "clause"} <= set(finding)
        assert finding["severity"] in ("error", "warning", "info")
        assert (doc / finding["file"].removeprefix("doc/")).is_file()
    # a name on the third line of a rule in a literal block: the place in the YAML file
    (nam,) = [f for f in report["findings"] if f["code"] == "NAM001"]
    assert (nam["file"], nam["line"], nam["column"], nam["clause"]) == (
        "doc/parts/governance.yaml", 27, 33, "corporate-plan")
    line = (doc / "parts" / "governance.yaml").read_text(encoding="utf-8").split("\n")[26]
    assert line[32:].startswith("hm_tresury")


def test_check_json_is_deterministic(tmp_path: Path) -> None:
    overlay(tmp_path / "doc", "missing-objects-register")
    first = fwdoc("check", "doc", "--format", "json", cwd=tmp_path).stdout
    second = fwdoc("check", "doc", "--format", "json", cwd=tmp_path).stdout
    assert first == second and json.loads(first)["findings"]


# -- fwdoc check: text and colour ---------------------------------------------------------------------------
def _run_in_pty(args: list[str], env: dict[str, str]) -> str:
    """Run with stdout on a pseudo-terminal, as in an interactive shell; return what it printed."""
    master, slave = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
    proc = subprocess.Popen(args, stdout=slave, stderr=subprocess.PIPE, env=environ)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=60)
    os.close(master)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    assert "Traceback" not in stderr, stderr
    return b"".join(chunks).decode("utf-8", "replace")


def test_text_output_is_coloured_on_a_terminal_only(tmp_path: Path) -> None:
    doc = overlay(tmp_path / "doc", "wrong-kind-of-name")
    on_terminal = _run_in_pty([FWDOC, "check", str(doc)], {"TERM": "xterm"})
    assert ANSI.search(on_terminal), "no colour on a terminal"
    assert "NAM002" in ANSI.sub("", on_terminal)
    no_color = _run_in_pty([FWDOC, "check", str(doc)], {"TERM": "xterm", "NO_COLOR": "1"})
    assert "NAM002" in no_color and not ANSI.search(no_color), "colour despite NO_COLOR"
    piped = fwdoc("check", str(doc))
    assert "NAM002" in piped.stdout and "\x1b" not in piped.stdout, "colour in a pipe"


def test_text_output_groups_findings_by_file_place_first(tmp_path: Path) -> None:
    overlay(tmp_path / "doc", "wrong-kind-of-name")
    # (COLUMNS pinned: another test in the same worker may leave it set)
    proc = fwdoc("check", "doc", cwd=tmp_path, env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    header = lines.index("doc/parts/governance.yaml")
    # the file is named once, in its header; a finding starts with line:column, wrapped under itself
    assert lines[header + 1:header + 3] == [
        "  32:41: error NAM002 'corporate_plan' is an object, but this place of the rule needs an actor or",
        "         office [wrong-kind]"]
    assert all(len(line) <= 100 for line in lines)
    assert re.fullmatch(r"\d+ errors?, \d+ warnings?, \d+ notes?, \d+ accepted", lines[-3])
    assert re.fullmatch(r"\d+ parts, \d+ clauses, \d+ rules, \d+ actors, \d+ objects", lines[-2])


# -- exit statuses ----------------------------------------------------------------------------------------------
def test_exit_status_0_1_2(tmp_path: Path) -> None:
    assert fwdoc("check", str(overlay(tmp_path / "good"))).returncode == 0
    assert fwdoc("check", str(overlay(tmp_path / "bad", "wrong-kind-of-name"))).returncode == 1
    missing = fwdoc("check", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "not a folder" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    no_manifest = fwdoc("check", str(empty))
    assert no_manifest.returncode == 2 and "no manifest.yaml" in no_manifest.stderr
    unknown = fwdoc("check", str(tmp_path / "good"), "--format", "yaml")
    assert unknown.returncode == 2 and "unknown format 'yaml'" in unknown.stderr
    assert fwdoc("check", "--no-such-option").returncode == 2


def test_warnings_fail_only_with_fail_on_warning(tmp_path: Path) -> None:
    doc = overlay(tmp_path / "doc", "uncited-rule")
    assert fwdoc("check", str(doc), "--format", "json").returncode == 0
    assert fwdoc("check", str(doc), "--fail-on", "warning").returncode == 1


def test_main_returns_the_status_in_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(overlay(tmp_path / "good")), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []
    assert main(["check", str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert main(["--help"]) == 0


def test_report_written_to_a_file(tmp_path: Path) -> None:
    doc = overlay(tmp_path / "doc", "wrong-kind-of-name")
    out = tmp_path / "report.json"
    proc = fwdoc("check", str(doc), "--format", "json", "--output", str(out))
    assert proc.returncode == 1 and proc.stdout == ""
    assert {f["code"] for f in json.loads(out.read_text(encoding="utf-8"))["findings"]} >= {"NAM002"}
