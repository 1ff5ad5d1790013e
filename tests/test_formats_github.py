"""`--format github` within GitHub's limits: at most ten annotations of each kind a step (the rest
would be dropped without a word), most severe first, then one notice that counts what is not
annotated and says where it is; the job summary has every finding.  Golden files in
tests/data/golden/github/ (FWDOC_UPDATE_GOLDEN=1 rewrites them after a deliberate change)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from checker.cli import cli
from checker.findings import Finding, Location, Severity, Suppression, sort_findings
from checker.formats import Report
from checker.formats.github import LIMITS, job_summary, render

GOLDEN = Path(__file__).parent / "data" / "golden" / "github"
MINI = Path(__file__).parent / "fixtures" / "amend" / "mini"


def _finding(n: int, severity: Severity, suppressed: bool = False) -> Finding:
    return Finding(f"T{'EWI'[2 - int(severity)]}{n % 3:03d}"[:6], "a-name", severity,
                   f"finding {n} with `code`, 100% and a | bar",
                   (Location(f"doc/parts/p{n % 4}.yaml", n + 1, 3, f"clause-{n}"),),
                   Suppression("external", "accepted in review") if suppressed else None)


def overflow_report() -> Report:
    findings = ([_finding(n, Severity.ERROR) for n in range(13)] + [_finding(n, Severity.WARNING) for n in range(12)]
                + [_finding(n, Severity.INFO) for n in range(11)] + [_finding(99, Severity.WARNING, True)])
    return Report(sort_findings(findings), {}, "doc", "A document")


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("FWDOC_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_overflow_annotations_golden() -> None:
    text = render(overflow_report())
    golden("overflow.txt", text)
    kinds = [re.match(r"::(\w+) ", line).group(1) for line in text.splitlines()]  # type: ignore[union-attr]
    assert kinds == ["error"] * 10 + ["warning"] * 10 + ["notice"] * 10
    assert text.splitlines()[-1] == (
        "::notice title=fwdoc check::13 errors, 12 warnings, 11 notes, 1 accepted; not annotated (GitHub shows "
        "10 of each kind a step): 3 errors, 2 warnings, 3 notes; every finding is in the job summary, or run "
        "`fwdoc check doc`")


def test_overflow_job_summary_golden() -> None:
    text = job_summary(overflow_report())
    golden("overflow-summary.md", text)
    assert text.count("\n| ") == 1 + 37  # the header, then every finding
    assert "with `code`, 100% and a \\| bar" in text  # the code span as code, the bar escaped


def test_links_to_the_reference_only_when_the_site_is_known() -> None:
    report = overflow_report()
    assert "](" not in job_summary(report)
    linked = job_summary(Report(report.findings, {}, "doc", help_base="https://example.org/fw/"))
    assert "[TE000](https://example.org/fw/reference/checks/TE000.html)" in linked


@given(st.lists(st.tuples(st.sampled_from(list(Severity)), st.booleans()), max_size=40))
def test_never_more_than_ten_of_a_kind_and_nothing_lost(kinds: list[tuple[Severity, bool]]) -> None:
    findings = sort_findings([_finding(n, sev, sup) for n, (sev, sup) in enumerate(kinds)])
    lines = render(Report(findings, {}, "doc")).splitlines()
    by_kind: dict[str, int] = {}
    for line in lines:
        kind = line[2:line.index(" ")]
        by_kind[kind] = by_kind.get(kind, 0) + 1
    assert all(n <= 10 for n in by_kind.values())
    annotated = len(lines) - 1
    left = re.findall(r"(\d+) (?:errors?|warnings?|notes?)(?=[,;])", lines[-1].split("not annotated")[-1]) \
        if "not annotated" in lines[-1] else []
    assert annotated + sum(int(n) for n in left) == len(findings)
    assert annotated <= sum(LIMITS.values())


def test_the_command_appends_the_job_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = CliRunner(env={"GITHUB_STEP_SUMMARY": str(summary)}).invoke(
        cli, ["check", str(MINI), "--format", "github"], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## fwdoc check: ")
    assert result.stdout.splitlines()[-1].startswith("::notice title=fwdoc check::")


def test_a_summary_path_that_is_a_link_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.md"
    target.write_text("", encoding="utf-8")
    (tmp_path / "summary.md").symlink_to(target)
    result = CliRunner(env={"GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}).invoke(
        cli, ["check", str(MINI), "--format", "github"])
    assert result.exit_code == 2 and "GITHUB_STEP_SUMMARY" in result.stderr
    assert target.read_text(encoding="utf-8") == ""
