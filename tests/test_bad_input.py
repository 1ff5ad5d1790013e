"""Bad input: every case gives a clear finding with its position and exit status 1, never a
traceback or a hang.

The corpus is tests/fixtures/bad/ (see its README): each folder is an overlay on the valid
document tests/fixtures/docs/minimal/ with an `expected.yaml`.  Inputs too big to commit are
built by the generators below.  Most cases run `checker.cli.main` in-process; those marked
`cli: subprocess` run the real `fwdoc` command.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.cli import main
from checker.loader import load_document
from tests.cputime import cpu_seconds

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "docs" / "minimal"
CORPUS = FIXTURES / "bad"
FWDOC = shutil.which("fwdoc") or "fwdoc"

# the loader must answer within a second; a generous bound is asserted only where it guards
# against a hang (a bomb, a huge file, input that once made the loader quadratic).  The bound is
# on CPU seconds (the process's, or the child's), not wall time: a loaded CI machine slows the
# wall clock, never the work a hang would add
HANG_BOUND = 5.0



@dataclass
class Case:
    name: str
    about: str
    findings: list[dict[str, str]]
    build: Callable[[Path], None]
    cli: str = "in-process"
    time_bound: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def materialise(target: Path, overlay: Path | None = None, delete: list[str] | None = None) -> Path:
    """Copy the minimal document to `target` and lay the overlay's files over it."""
    shutil.copytree(BASE, target)
    for name in delete or []:
        (target / name).unlink()
    if overlay is not None:
        for path in sorted(overlay.rglob("*")):
            rel = path.relative_to(overlay)
            if path.is_dir() or rel.as_posix() == "expected.yaml":
                continue
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_bytes(path.read_bytes())
    return target


def _folder_case(folder: Path) -> Case:
    spec = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    assert set(spec) <= {"about", "cli", "delete", "findings", "hang_guard"}, \
        f"{folder.name}: unknown key in expected.yaml"

    def build(target: Path) -> None:
        materialise(target, folder, spec.get("delete"))

    return Case(folder.name, spec["about"], spec["findings"], build, spec.get("cli", "in-process"),
                HANG_BOUND if spec.get("hang_guard") else None)


# -- generated cases: too big, or too many bytes, to commit ---------------------------------------
PART_HEAD = "id: governance\nkind: section\ntitle: Governance\n"


def _write_part(target: Path, text: str) -> None:
    materialise(target)
    (target / "parts" / "governance.yaml").write_text(text, encoding="utf-8")


def _fifty_megabytes(target: Path) -> None:
    materialise(target)
    with (target / "parts" / "governance.yaml").open("w", encoding="utf-8") as out:
        out.write(PART_HEAD + "text: |\n")
        line = "  " + "All work and no play makes a dull framework document. " * 20 + "\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            out.write(line)


def _deep_nesting(target: Path) -> None:
    clauses = "".join("  " * i + f"- id: c{i}\n" + "  " * i + "  clauses:\n" for i in range(1, 400))
    _write_part(target, PART_HEAD + "clauses:\n" + clauses + "  " * 400 + "- id: last\n")


def _deep_flow_nesting(target: Path) -> None:
    _write_part(target, PART_HEAD + "text: " + "[" * 100_000 + "]" * 100_000 + "\n")


def _long_rule_line(target: Path) -> None:
    rule = "secretary_of_state is accountable to parliament" + " and parliament" * 50_000
    _write_part(target, PART_HEAD + "clauses:\n  - id: c\n    text: The Secretary of State is accountable.\n"
                + "    rules: |\n      \"is accountable\":\n        " + rule + "\n")


def _quadratic_prose(target: Path) -> None:
    # each once took the loader minutes: abbreviations in one long paragraph, a run of '['
    text = "e.g. A " * 60_000 + " " + "[" * 300_000
    _write_part(target, PART_HEAD + "clauses:\n  - id: c\n    text: |\n      " + text + "\n"
                + "    rules: |\n      \"not in the text\":\n        secretary_of_state is accountable to parliament\n")


GENERATED = [
    Case("fifty-megabytes", "a 50 MB part file: refused before it is read",
         [{"code": "SRC002", "at": "parts/governance.yaml:1:1",
           "contains": "a source file may be at most 5,242,880 bytes"}],
         _fifty_megabytes, cli="subprocess", time_bound=HANG_BOUND),
    Case("deep-block-nesting", "clauses nested 400 deep",
         [{"code": "SRC013", "at": "parts/governance.yaml:67:71",
           "contains": "the YAML nesting is deeper than 64 levels here"}],
         _deep_nesting, time_bound=HANG_BOUND),
    Case("deep-flow-nesting", "100,000 nested flow sequences",
         [{"code": "SRC008", "at": "parts/governance.yaml:4:1006",
           "contains": "invalid YAML: exceeded maximum nesting depth"}],
         _deep_flow_nesting, time_bound=HANG_BOUND),
    Case("long-rule-line", "a rule 750 kB long on one line",
         [{"code": "DSL001", "at": "parts/governance.yaml:9:72",
           "contains": "unexpected 'and'; expected a modality (must, may, should, need not, has, have, alone)"}],
         _long_rule_line, time_bound=HANG_BOUND),
    Case("quadratic-prose", "prose that once made sentence splitting quadratic",
         [{"code": "COV003", "at": "parts/governance.yaml:9:7",
           "contains": "the quote \"not in the text\" is not in the text of clause 1.1"}],
         _quadratic_prose, time_bound=HANG_BOUND),
]

CASES = [_folder_case(folder) for folder in sorted(CORPUS.iterdir()) if folder.is_dir()] + GENERATED


def _params(cases: list[Case]) -> list[Any]:
    return [pytest.param(case, id=case.name) for case in cases]


# -- running fwdoc check ------------------------------------------------------------------------------
@dataclass
class Run:
    status: int
    report: dict[str, Any]
    stderr: str
    seconds: float

    def findings(self) -> list[dict[str, Any]]:
        """Findings with paths relative to the document folder, as the corpus writes them."""
        prefix = self.report["document"].rstrip("/") + "/"
        out = []
        for finding in self.report["findings"]:
            file = finding["file"]
            out.append(finding | {"file": file[len(prefix):] if file.startswith(prefix) else file})
        return out


def run_check(folder: Path, how: str, capsys: pytest.CaptureFixture[str]) -> Run:
    started = cpu_seconds()
    if how == "subprocess":
        proc = subprocess.run([FWDOC, "check", str(folder), "--format", "json"], capture_output=True,
                              text=True, timeout=60, env=os.environ | {"NO_COLOR": "1"})
        status, stdout, stderr = proc.returncode, proc.stdout, proc.stderr
    else:
        capsys.readouterr()
        status = main(["check", str(folder), "--format", "json"])
        captured = capsys.readouterr()
        stdout, stderr = captured.out, captured.err
    seconds = cpu_seconds() - started
    assert "Traceback" not in stderr, stderr
    return Run(status, json.loads(stdout), stderr, seconds)


def _at(finding: dict[str, Any]) -> str:
    return f"{finding['file']}:{finding['line']}:{finding['column']}"


# -- the tests ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", _params(CASES))
def test_bad_input_gives_its_finding_and_exit_status_1(
        case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "doc"
    case.build(folder)
    run = run_check(folder, case.cli, capsys)
    assert run.status == 1, run.report["findings"]
    got = run.findings()
    for wanted in case.findings:
        matches = [f for f in got if f["code"] == wanted["code"] and _at(f) == wanted["at"]]
        assert matches, f"{case.name}: no {wanted['code']} at {wanted['at']}; got " + "; ".join(
            f"{f['code']} {_at(f)} {f['message']}" for f in got)
        assert any(wanted["contains"] in f["message"] for f in matches), [f["message"] for f in matches]
    for finding in got:  # every finding is placed, and stands in a file of the document
        assert finding["file"] and not finding["file"].startswith("/"), finding
        if (folder / finding["file"]).is_file():
            assert finding["line"] >= 1 and finding["column"] >= 1, finding
    if case.time_bound is not None:
        assert run.seconds < case.time_bound, f"{case.name} took {run.seconds:.1f} s of CPU"


@pytest.mark.parametrize("case", _params(CASES))
def test_the_loader_reports_exactly_the_documented_findings(case: Case, tmp_path: Path) -> None:
    """At the loader (no checks): the corpus lists every finding, so nothing is noise."""
    folder = tmp_path / "doc"
    case.build(folder)
    started = cpu_seconds()
    result = load_document(folder)
    seconds = cpu_seconds() - started
    got = [(f.code, str(f.location)) for f in result.findings]
    assert got == [(w["code"], w["at"]) for w in case.findings]
    if case.time_bound is not None:
        assert seconds < case.time_bound, f"{case.name} took {seconds:.1f} s of CPU"


def test_the_corpus_covers_the_documented_kinds_of_bad_input() -> None:
    """The issue lists these kinds of bad input; each must have a case."""
    names = {case.name for case in CASES}
    required = {
        "malformed-yaml", "unknown-key", "missing-required-key", "wrong-enum", "dsl-syntax-error",
        "misspelt-keyword", "unknown-actor", "alias-as-id", "empty-file", "not-utf8",
        "byte-order-mark", "tabs", "crlf", "fifty-megabytes", "billion-laughs", "duplicate-key",
        "duplicate-clause-id", "part-without-file", "part-not-in-manifest", "quote-not-in-clause",
    }
    assert required <= names, sorted(required - names)


def test_no_committed_fixture_is_big() -> None:
    """Big inputs are generated at test time, never committed."""
    for path in CORPUS.rglob("*"):
        if path.is_file():
            assert path.stat().st_size < 20_000, path


def test_missing_folder_is_a_usage_error_not_a_finding(tmp_path: Path) -> None:
    proc = subprocess.run([FWDOC, "check", str(tmp_path / "nowhere")], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2
    assert "not a folder" in proc.stderr and "Traceback" not in proc.stderr


def test_python_entry_point_runs_too(tmp_path: Path) -> None:
    """`python -m checker` is the same command (used where the script is not on PATH)."""
    folder = tmp_path / "doc"
    materialise(folder, CORPUS / "tabs")
    proc = subprocess.run([sys.executable, "-m", "checker", "check", str(folder)], capture_output=True,
                          text=True, timeout=60, env=os.environ | {"NO_COLOR": "1"})
    assert proc.returncode == 1, proc.stderr
    assert "SRC006" in proc.stdout and "Traceback" not in proc.stderr
