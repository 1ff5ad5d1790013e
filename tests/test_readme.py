"""The README stays true: its first lines give the two commands, its quick start runs as
typed, its NOMS figures are the model's, the tour shows what check prints, and the example
comment (README.md and docs/amendments.md) is what scripts/example_comment.py makes fwdoc print."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
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


def _chunks(block: str) -> list[str]:
    """The runs of lines a shown output keeps between its `...` (lines left out)."""
    out, run = [], []
    for line in block.splitlines():
        if line.strip() == "...":
            if run:
                out.append("\n".join(run))
            run = []
        else:
            run.append(line)
    if run:
        out.append("\n".join(run))
    return out


def _shown_output(command: str) -> str:
    match = re.search(rf"```\n\$ {re.escape(command)}\n(.*?)```", README, re.DOTALL)
    assert match, f"the README shows no output of '{command}'"
    return match.group(1)


def test_the_tour_output_is_what_check_prints(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(FRAMEWORK)])
    printed = capsys.readouterr().out.replace(str(FRAMEWORK), "framework")
    chunks = _chunks(_shown_output("fwdoc check framework"))
    assert len(chunks) == 2
    for chunk in chunks:
        assert chunk in printed


def test_the_tours_mistake_gives_the_messages_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    shown = _shown_output("fwdoc check framework --quiet")
    assert shown.count(": error ") == 2
    document = tmp_path / "framework"
    shutil.copytree(FRAMEWORK, document)
    part = document / "parts" / "ministry-justice-strategy-sponsorship-relationships.yaml"
    text = part.read_text(encoding="utf-8")
    good = "            permanent_secretary line manages director_general\n"
    assert text.count(good) == 1
    part.write_text(text.replace(good, "            permanent_secretary line manages director_genral\n"
                                      "            permanent_secretary msut approve corporate_plan\n"),
                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "framework", "--quiet"]) == 1
    printed = capsys.readouterr().out
    assert printed.startswith(shown)


def _quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert match, "the quick start has no ```sh block"
    return [line for line in match.group(1).splitlines() if line.strip()]


def test_the_quick_start_runs_as_typed(tmp_path: Path) -> None:
    """What this test does, exactly: copy the files git tracks (as a clone would have them, with
    the working tree's edits) into a temporary folder; link `.venv` there to the environment
    running this test (so `scripts/setup.sh`, which would install the same packages again, is
    the one line not run); then run every other line of the quick start, verbatim and in order,
    in one `bash -e` shell in that folder, with a PATH that has no fwdoc on it (the lines must
    put it there).  Every line must succeed."""
    lines = _quick_start()
    assert lines[0].startswith("bash scripts/setup.sh"), lines[0]
    assert any(line.startswith("source .venv/bin/activate") for line in lines)
    clone = tmp_path / "clone"
    tracked = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True, check=True).stdout
    for name in tracked.decode("utf-8").split("\0"):
        source = REPO / name
        if name and source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    (clone / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    bare_path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                                if not (Path(p) / "fwdoc").exists())
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "COLUMNS")} | {"PATH": bare_path}
    assert subprocess.run(["bash", "-c", "command -v fwdoc"], env=env, capture_output=True).returncode != 0
    script = "\n".join(["set -e", *lines[1:]]) + "\n"
    proc = subprocess.run(["bash", "-c", script], cwd=clone, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (proc.stdout[-2000:], proc.stderr[-2000:])
    assert "18 parts, 82 clauses" in proc.stdout and "DUP001" in proc.stdout
    assert (clone / "framework.md").is_file()


def test_the_example_comment_is_what_fwdoc_prints() -> None:
    """scripts/example_comment.py builds the pull request and runs fwdoc; the README shows the
    head of what it prints and docs/amendments.md all of it, figures included."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import example_comment
    finally:
        sys.path.remove(str(REPO / "scripts"))
    text = example_comment.comment()
    for name, kind in example_comment.MARKERS.items():
        document = (REPO / name).read_text(encoding="utf-8")
        assert example_comment.block(kind, text) in document, \
            f"{name}: the example comment is stale; run python scripts/example_comment.py --write"
    assert "Findings | " in text and "→ `working tree`" not in text


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
