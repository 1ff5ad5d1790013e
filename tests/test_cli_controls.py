"""The usual controls of `fwdoc check` (--select/--ignore, --severity, --quiet, --statistics,
--color and the colour variables), text that fits a terminal, and the help, `history`,
`import` and progress behaviour of the other commands.  CliRunner for the logic, real
processes (and a real pseudo-terminal) where the terminal matters."""

from __future__ import annotations

import os
import pty
import re
import select as select_module
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from checker.checks.reference import catalogue
from checker.cli import cli
from checker.cli.selection import SelectionError, parse_codes, selected, use_color
from tests.conftest import FRAMEWORK, REPO

FWDOC = str(Path(sys.executable).parent / "fwdoc")
MINI = Path(__file__).parent / "fixtures" / "amend" / "mini"
CODES = sorted(catalogue())
SUMMARY = re.compile(r"^(\d+) errors?, (\d+) warnings?, (\d+) notes?, (\d+) accepted")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def codes_in(text: str) -> set[str]:
    return set(re.findall(r"^  \S+: (?:error|warning|info) ([A-Z]{3}\d{3}) ", text, re.MULTILINE))


def counts(text: str) -> tuple[int, ...]:
    match = next(SUMMARY.match(line) for line in text.splitlines() if SUMMARY.match(line))
    return tuple(int(n) for n in match.groups())


# -- --select / --ignore -----------------------------------------------------------------------------
def test_select_and_ignore_by_code_and_prefix() -> None:
    _, everything, _ = run("check", str(FRAMEWORK))
    assert {"GLO001", "DUP001", "STR103"} <= codes_in(everything)
    _, glo, _ = run("check", str(FRAMEWORK), "--select", "GLO")
    assert codes_in(glo) and all(code.startswith("GLO") for code in codes_in(glo))
    _, two, _ = run("check", str(FRAMEWORK), "--select", "glo001,str", "--select", "DAT001")
    assert codes_in(two) == {"GLO001", "STR103", "DAT001"}
    _, most, _ = run("check", str(FRAMEWORK), "--ignore", "DUP,GLO002")
    assert codes_in(most) == codes_in(everything) - {"DUP001", "GLO002"}
    # the more specific wins: ignore a family, keep one of its codes
    _, one, _ = run("check", str(FRAMEWORK), "--ignore", "GLO", "--select", "GLO001")
    assert codes_in(one) == {"GLO001"}
    assert counts(one)[:3] == (0, 4, 0)  # what is not selected is not counted


def test_an_ignored_error_does_not_fail_the_run(tmp_path: Path) -> None:
    doc = tmp_path / "doc"
    shutil.copytree(MINI, doc)
    part = doc / "parts" / "governance.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("chief_executive must publish",
                                                             "chief_executiv must publish"), encoding="utf-8")
    code, out, _ = run("check", str(doc))
    assert code == 1 and "NAM001" in codes_in(out)
    assert run("check", str(doc), "--ignore", "NAM001")[0] == 0
    assert run("check", str(doc), "--select", "GLO")[0] == 0


@pytest.mark.parametrize("value, message", [
    ("XYZ", "no code is or starts with XYZ"), ("CON9", "no code is or starts with CON9"),
    ("CON-1", "expected a code such as CON001"), ("C0N001", "expected a code such as CON001"),
    ("GL0001", "expected a code"), ("CNO", "did you mean"),
])
def test_a_bad_code_is_a_usage_error(value: str, message: str) -> None:
    code, _, err = run("check", str(MINI), "--select", value)
    assert code == 2 and message in err and "--select" in err


PREFIXES = st.sampled_from(CODES).flatmap(lambda c: st.integers(1, len(c)).map(lambda n: c[:n]))


@given(st.lists(PREFIXES, max_size=4), st.lists(PREFIXES, max_size=4), st.sampled_from([",", " ", ", "]))
def test_the_parser_and_the_choice(select: list[str], ignore: list[str], sep: str) -> None:
    chosen = parse_codes([sep.join(p.lower() for p in select)], CODES)
    dropped = parse_codes([sep.join(ignore)], CODES, "--ignore")
    assert list(chosen) == list(dict.fromkeys(p.upper() for p in select))
    for code in CODES:
        best_select = max((len(p) for p in chosen if code.startswith(p)), default=-1) if chosen else 0
        best_ignore = max((len(p) for p in dropped if code.startswith(p)), default=-1)
        assert selected(code, chosen, dropped) == (best_select >= 0 and best_select > best_ignore)
    for code in chosen:  # what is selected and not ignored by an equal or longer prefix is reported
        exact = [c for c in CODES if c.startswith(code)]
        if not any(any(c.startswith(p) and len(p) >= len(code) for p in dropped) for c in exact):
            assert any(selected(c, chosen, dropped) for c in exact)


@given(st.text(max_size=12))
def test_the_parser_never_accepts_what_matches_nothing(text: str) -> None:
    try:
        items = parse_codes([text], CODES)
    except SelectionError:
        return
    assert all(item == "ALL" or any(code.startswith(item) for code in CODES) for item in items)


# -- --severity, --quiet, --statistics ------------------------------------------------------------
def test_severity_and_quiet_hide_but_still_count(tmp_path: Path) -> None:
    _, everything, _ = run("check", str(FRAMEWORK))
    _, errors_only, _ = run("check", str(FRAMEWORK), "--severity", "error")
    assert codes_in(errors_only) == set() and counts(errors_only) == counts(everything)
    hidden = sum(counts(everything)[1:])  # warnings, notes and accepted
    assert f"{hidden} not shown: --severity error shows errors only" in errors_only
    _, warnings, _ = run("check", str(FRAMEWORK), "--severity", "warning")
    assert "DUP001" not in codes_in(warnings) and "GLO001" in codes_in(warnings)
    doc = tmp_path / "doc"
    shutil.copytree(FRAMEWORK, doc)
    part = doc / "parts" / "ministry-justice-strategy-sponsorship-relationships.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("line manages director_general",
                                                             "line manages director_genral"), encoding="utf-8")
    code, quiet, _ = run("check", str(doc), "--quiet")
    assert code == 1 and codes_in(quiet) == {"NAM001"}
    lines = quiet.splitlines()
    assert lines[0].endswith("ministry-justice-strategy-sponsorship-relationships.yaml") and "NAM001" in lines[1]
    assert len(lines) <= 8, quiet  # the error first, then the summary: not line 75 of 85


def test_statistics() -> None:
    code, out, _ = run("check", str(FRAMEWORK), "--statistics")
    rows = [line.split() for line in out.splitlines()[:-1]]
    assert code == 0 and rows[0][1] == "DUP001"
    numbers = [int(row[0]) for row in rows]
    assert numbers == sorted(numbers, reverse=True)
    assert sum(numbers) == sum(counts(out))
    assert run("check", str(FRAMEWORK), "--statistics", "--format", "json")[0] == 2


# -- colour ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("choice, tty, env, expected", [
    ("auto", True, {}, True), ("auto", False, {}, False),
    ("auto", True, {"NO_COLOR": "1"}, False), ("auto", True, {"NO_COLOR": ""}, True),
    ("auto", False, {"FORCE_COLOR": "1"}, True), ("auto", False, {"FORCE_COLOR": "0"}, False),
    ("auto", False, {"CLICOLOR_FORCE": "1"}, True), ("auto", False, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ("always", False, {"NO_COLOR": "1"}, True), ("never", True, {"FORCE_COLOR": "1"}, False),
])
def test_use_color(choice: str, tty: bool, env: dict[str, str], expected: bool) -> None:
    assert use_color(choice, tty, env) is expected


def test_colour_in_a_real_process() -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")}
    def out(*args: str, **env: str) -> str:
        return subprocess.run([FWDOC, "check", str(FRAMEWORK), *args], capture_output=True, text=True,
                              env={**base, **env}, timeout=120).stdout
    assert "\x1b[" not in out()
    assert "\x1b[" in out(FORCE_COLOR="1") and "\x1b[" in out(CLICOLOR_FORCE="1")
    assert "\x1b[" not in out(FORCE_COLOR="1", NO_COLOR="1")
    assert "\x1b[" in out("--color", "always") and "\x1b[" not in out("--color", "never", FORCE_COLOR="1")


# -- text that fits ---------------------------------------------------------------------------------
def test_no_line_is_longer_than_the_width_and_no_path_is_repeated() -> None:
    proc = subprocess.run([FWDOC, "check", str(FRAMEWORK)], capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if k != "COLUMNS"})
    lines = proc.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    headers = [line for line in lines if line.startswith(str(FRAMEWORK))]
    assert len(headers) == len(set(headers))
    assert not [line for line in lines if line.startswith("  ") and str(FRAMEWORK) in line.split(": ")[0]]
    wide = subprocess.run([FWDOC, "check", str(FRAMEWORK)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "160"}).stdout
    assert max(len(line) for line in wide.splitlines()) <= 160 and len(wide.splitlines()) < len(lines)


def test_check_and_build_use_the_same_words(tmp_path: Path) -> None:
    _, checked, _ = run("check", str(MINI))
    code, built, _ = run("build", str(MINI), "--output", str(tmp_path / "out"))
    first = next(line for line in checked.splitlines() if SUMMARY.match(line))
    assert f"check: {first} in " in built


# -- help, history, import, progress ------------------------------------------------------------------
def test_top_level_help_gives_whole_summaries() -> None:
    _, out, _ = run("--help")
    commands = out.split("Commands:")[1]
    assert "..." not in commands and "…" not in commands
    assert "Build the documentation website of the framework document at PATH" in " ".join(commands.split())


def test_amend_help_shows_the_options_and_compare_still_works(tmp_path: Path) -> None:
    _, out, _ = run("amend", "--help")
    for option in ("--base REF", "--format", "--summary", "--reviews", "--head-commit", "--repository-url",
                   "--require-verified"):
        assert option in out, option
    assert re.match(r"Usage: \w+ amend \[OPTIONS\] \[BASE HEAD \| PATH\]", out) and "record" in out.split("Commands:")[1]
    shutil.copytree(MINI, tmp_path / "a")
    assert run("amend", str(tmp_path / "a"), str(tmp_path / "a"))[0] == 0
    assert run("amend", "compare", str(tmp_path / "a"), str(tmp_path / "a"))[0] == 0


def _examples(*command: str) -> list[list[str]]:
    _, out, _ = run(*command, "--help")
    block = out.split("Examples:")[1].split("\n\n")[0]
    return [line.split()[1:] for line in block.splitlines() if line.strip().startswith("fwdoc ")]


def test_the_history_help_examples_work_as_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    examples = _examples("history")
    assert len(examples) >= 3
    for args in examples:
        code, out, err = run(*args)
        assert code == 0, (args, err)
        assert "version" in out or out.lstrip().startswith("[")


def test_history_takes_the_folder_first_and_keeps_document(monkeypatch: pytest.MonkeyPatch) -> None:
    _, first, _ = run("history", str(FRAMEWORK), "2.1.2")
    code, old, err = run("history", "2.1.2", "-d", str(FRAMEWORK))
    assert code == 0 and old == first and "deprecated" in err
    monkeypatch.chdir(REPO)
    assert run("history", "2.1.2")[1] == first
    for args in ([], ["a", "b", "c"]):
        code, _, err = run("history", *args)
        assert code == 2 and "[PATH] CLAUSE" in err
    assert run("history", str(FRAMEWORK), "2.1.2", "-d", str(FRAMEWORK))[0] == 2


def test_import_into_a_non_empty_folder(tmp_path: Path) -> None:
    source = tmp_path / "doc.md"
    source.write_text("# A Framework\n\n## 1. Part\n\n1.1 The Agency must publish a plan.\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("import", str(source), "--output", str(tmp_path / "out"))
    assert code == 2 and "not empty" in err and "--force" in err
    assert (tmp_path / "out" / "notes.txt").read_text(encoding="utf-8") == "mine"


def _on_a_terminal(args: list[str], cwd: Path) -> str:
    """Run fwdoc with standard error on a pseudo-terminal; return what the terminal showed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([FWDOC, *args], stdout=subprocess.DEVNULL, stderr=follower, cwd=cwd)
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select_module.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    proc.wait(timeout=120)
    os.close(leader)
    return shown.decode("utf-8", "replace")


def test_progress_on_a_terminal_and_quiet(tmp_path: Path) -> None:
    shown = _on_a_terminal(["publish", str(MINI), "--format", "md", "--output", str(tmp_path / "a.md")], tmp_path)
    assert "loading the document: done" in shown and "rendering the md publication: done" in shown
    assert "wrote " in shown
    quiet = _on_a_terminal(["publish", str(MINI), "--format", "md", "--output", str(tmp_path / "b.md"), "--quiet"],
                           tmp_path)
    assert quiet.strip() == ""
    _, _, err = run("publish", str(MINI), "--format", "md", "--output", str(tmp_path / "c.md"))
    assert "done" not in err  # not a terminal: no progress lines in a log
