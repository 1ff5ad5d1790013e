"""The README stays true: its first lines give the two commands, its NOMS figures are the
model's, and the tour's mistake gives the messages it shows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from checker.checks.coverage import coverage_stats
from checker.cli import main
from checker.model import Document
from tests.conftest import FRAMEWORK, REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_first_lines_give_the_main_job_and_the_tests() -> None:
    head = README.splitlines()[:6]
    assert any("scripts/setup.sh && .venv/bin/fwdoc build" in line for line in head)
    assert any("scripts/setup.sh --test && .venv/bin/python -m pytest" in line for line in head)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/setup.sh --test" in ci and ".venv/bin/python -m pytest -n 2" in ci


def _row(label: str) -> str:
    match = re.search(rf"^\| {re.escape(label)} \| (.+?) \|$", README, re.MULTILINE)
    assert match, f"the README has no '{label}' row"
    return match.group(1)


def test_the_noms_figures_are_the_models(document: Document) -> None:
    stats = document.stats
    coverage = coverage_stats(document)
    assert _row("parts / clauses") == f"{stats['parts']} / {stats['clauses']}"
    assert _row("rules") == str(stats["rules"])
    assert _row("actors / objects") == f"{stats['actors']} / {stats['objects']}"
    share = 100 * coverage["informal"] / coverage["normative_sentences"]
    assert _row("normative sentences") == (
        f"{coverage['normative_sentences']}: {coverage['formalised']} formalised by rules, "
        f"{coverage['informal']} marked informal ({share:.1f}%), {coverage['uncovered']} uncovered")


def test_the_tour_summary_line_is_what_check_prints(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(FRAMEWORK)])
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary in README


def test_the_tours_mistake_gives_the_messages_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shown = re.findall(r"^  framework/(parts/\S+\.yaml:\d+:\d+: error .+)$", README, re.MULTILINE)
    assert len(shown) == 2
    document = tmp_path / "framework"
    shutil.copytree(FRAMEWORK, document)
    part = document / "parts" / "ministry-justice-strategy-sponsorship-relationships.yaml"
    text = part.read_text(encoding="utf-8")
    good = "            permanent_secretary line manages director_general\n"
    assert text.count(good) == 1
    part.write_text(text.replace(good, "            permanent_secretary line manages director_genral\n"
                                      "            permanent_secretary msut approve corporate_plan\n"),
                    encoding="utf-8")
    assert main(["check", str(document)]) == 1
    printed = capsys.readouterr().out
    for message in shown:
        assert message in printed


def test_the_speed_figures_are_the_benchmarks() -> None:
    """The README quotes bench/results.md (written by bench/run.py), never a figure of its own."""
    results = (REPO / "bench" / "results.md").read_text(encoding="utf-8")

    def measured(label: str) -> str:
        match = re.search(rf"^\| {re.escape(label)} \| ([0-9.,]+ ?[a-zA-Z]*) ", results, re.MULTILINE)
        assert match, f"bench/results.md has no '{label}' floor"
        return match.group(1)

    def same(readme_label: str, bench_label: str) -> None:
        quoted = re.match(r"[0-9.,]+", _row(readme_label))
        assert quoted, readme_label
        text = quoted.group(0).replace(",", "")
        decimals = len(text.split(".")[1]) if "." in text else 0
        bench = float(re.match(r"[0-9.,]+", measured(bench_label)).group(0).replace(",", ""))  # type: ignore[union-attr]
        assert round(bench, decimals) == float(text), (readme_label, text, bench)

    same("100k synthetic rules, load + check", "100k rules, load + check")
    same("NOMS, load + check (in-process)", "NOMS document, load + check")
    same("100k rules, peak memory", "100k rules, peak memory")
    same("100k / 10k time", "100k / 10k time, load + check")


def test_the_whole_process_figures_are_bench_floors() -> None:
    """The README's whole-process rows quote bench/floors.json (written by bench/floors.py),
    and bench/results.md holds the same run's table."""
    import json

    data = json.loads((REPO / "bench" / "floors.json").read_text(encoding="utf-8"))
    by_name = {row["name"]: row for row in data["results"]}
    big, noms = by_name["100k"], by_name["NOMS"]

    def quoted(label: str) -> float:
        match = re.match(r"[0-9.,]+", _row(label))
        assert match, label
        return float(match.group(0).replace(",", ""))

    assert quoted("100k rules, check / floor (YAML + lark), one core, CPU") == \
        round(big["check"]["cpu"] / big["floor"]["cpu"], 2)
    assert quoted("100k rules, re-check after a one-clause edit, CPU") == round(big["recheck_one_clause"]["cpu"], 1)
    assert quoted("NOMS, `fwdoc check` whole process, cached, CPU") == round(noms["check_cached"]["cpu"], 2)
    assert quoted("100k rules, peak memory a rule, whole process") == \
        round(1024 * big["check"]["mb"] / big["rules"], 1)
    results = (REPO / "bench" / "results.md").read_text(encoding="utf-8")
    assert f"| 100k | {big['rules']:,} | {big['bytes_per_rule']} | {big['floor']['cpu']:.2f} | " in results
