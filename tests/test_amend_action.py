"""The composite action (action.yml) end to end: its own `run:` steps, run by bash as the
runner runs them, on a real pull-request branch with a real `origin` remote.

The steps are read from action.yml (so that the test runs exactly what the action runs);
`${{ ... }}` expressions and `if:` conditions are evaluated for the few contexts the action
uses; `uses:` steps (setup-python, upload-sarif) are not run, but what they are given is
checked.  fwdoc is already installed here, so the action runs with `install: 'false'`, and
the install step's command is checked on its own.  The .pre-commit-hooks.yaml entry is run
too.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "amend"))
from gitrepo import ENV, Repo, ensure_amendment_rules  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
SARIF_SCHEMA = ROOT / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json"
REVIEW_OBJECT = "fwdoc_test_delegation_letter"


class Runner:
    """Just enough of the Actions runner for a composite action's steps."""

    def __init__(self, workspace: Path, temp: Path, inputs: dict[str, str], base_ref: str) -> None:
        self.workspace, self.temp = workspace, temp
        temp.mkdir(parents=True, exist_ok=True)
        defaults = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
        self.inputs = {**defaults, **inputs}
        self.github = {"action_path": str(ROOT), "base_ref": base_ref, "workspace": str(workspace)}
        self.steps: dict[str, dict[str, str]] = {}
        self.summary = temp / "step-summary.md"
        self.summary.write_text("", encoding="utf-8")
        self.log: list[tuple[str, int, str]] = []  # (step name, exit status, stdout)
        self.uses: list[dict[str, Any]] = []

    def value(self, expr: str) -> str:
        expr = expr.strip()
        if expr.startswith("inputs."):
            return self.inputs[expr[len("inputs."):]]
        if expr.startswith("github."):
            return self.github[expr[len("github."):]]
        if expr == "runner.temp":
            return str(self.temp)
        match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
        if match:
            return self.steps.get(match[1], {}).get(match[2], "")
        raise AssertionError(f"expression not understood by the test runner: {expr}")

    def expand(self, text: str) -> str:
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: self.value(m[1]), text)

    def condition(self, text: str, failed: bool) -> bool:
        names = re.sub(r"(inputs|github|steps)\.[\w.-]+", lambda m: repr(self.value(m[0])), text)
        python = names.replace("&&", " and ").replace("||", " or ").replace("always()", "True")
        python = python.replace("success()", str(not failed)).replace("failure()", str(failed))
        return bool(eval(python, {}, {}))  # noqa: S307 (the action's own conditions)

    def run(self) -> bool:
        failed = False
        for step in ACTION["runs"]["steps"]:
            if not self.condition(step.get("if", "success()"), failed):
                continue
            if "uses" in step:
                self.uses.append({"uses": step["uses"], "with": {k: self.expand(str(v)) for k, v in
                                                                 step.get("with", {}).items()}})
                continue
            output = self.temp / f"output-{len(self.log)}"
            output.write_text("", encoding="utf-8")
            env = {**os.environ, **ENV, "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
                   "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(self.summary),
                   "GITHUB_BASE_REF": self.github["base_ref"]}
            env.update({k: self.expand(str(v)) for k, v in step.get("env", {}).items()})
            script = self.temp / f"step-{len(self.log)}.sh"
            script.write_text(step["run"], encoding="utf-8")
            proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                                  cwd=self.workspace, env=env, capture_output=True, text=True)
            self.log.append((step["name"], proc.returncode, proc.stdout + proc.stderr))
            if "id" in step:
                pairs = [line.split("=", 1) for line in output.read_text().splitlines() if "=" in line]
                self.steps[step["id"]] = {k: v for k, v in pairs}
            failed = failed or proc.returncode != 0
        return not failed


def pull_request(tmp: Path, approvers: tuple[str, ...], part: str) -> Repo:
    """A repository with an `origin` holding main, and a pull-request branch checked out."""
    repo = Repo.create(tmp)
    ensure_amendment_rules(repo)
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.root), str(tmp / "origin.git")], check=True,
                   env={**os.environ, **ENV}, capture_output=True)
    repo.git("remote", "add", "origin", str(tmp / "origin.git"))  # not fetched: the action fetches
    repo.branch("amend-delegation-letter")
    path = repo.doc_dir / "objects.yaml"
    if f"id: {REVIEW_OBJECT}\n" not in path.read_text(encoding="utf-8"):
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"  - id: {REVIEW_OBJECT}\n    name: Letter of Delegation (test)\n    kind: document\n")
    repo._edit(part, lambda node, _: node.setdefault("clauses", []).append({
        "id": "review-of-delegations", "title": "Review of the Delegation Letter",
        "text": "The Permanent Secretary will review the letter of delegation each year.\n",
        "rules": f'"will review the letter of delegation":\n  permanent_secretary must review {REVIEW_OBJECT} annually\n'}))
    args = ["fwdoc", "amend", "record", "--base", "main", "--id", "2009-01-review", "--title", "Review",
            "--proposer", "director_general", "--proposed", "2009-01-05", "--in-force", "2009-04-01",
            "--status", "approved"]
    for actor in approvers:
        args += ["--approval", f"{actor}:2009-02-02:Letter"]
    subprocess.run([str(Path(sys.executable).parent / args[0]), *args[1:]], cwd=repo.root, check=True,
                   env={**os.environ, **ENV}, capture_output=True)
    repo.commit("Review the letter of delegation each year")
    return repo


def _sarif_valid(folder: Path) -> list[str]:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    names = []
    for file in sorted(folder.glob("*.sarif")):
        payload = json.loads(file.read_text(encoding="utf-8"))
        jsonschema.Draft7Validator(schema).validate(payload)
        names.append(payload["runs"][0]["tool"]["driver"]["name"])
    return names


@pytest.mark.parametrize("approvers, part, verdict", [
    (("permanent_secretary", "director_general"), "C", "acceptable"),
    (("permanent_secretary",), "3", "not acceptable"),
])
def test_the_action_on_a_pull_request(tmp_path: Path, approvers: tuple[str, ...], part: str, verdict: str) -> None:
    repo = pull_request(tmp_path, approvers, part)
    runner = Runner(repo.root, tmp_path / "runner-temp", {"install": "false"}, base_ref="main")
    ok = runner.run()

    amend = runner.steps["amend"]
    check = runner.steps["check"]
    assert amend["verdict"] == verdict, runner.log
    assert amend["status"] == ("0" if verdict == "acceptable" else "1")
    assert ok == (check["status"] == "0" and amend["status"] == "0")
    assert [name for name, _, _ in runner.log] == ["fwdoc check", "fwdoc amend", "Verdict"]
    comment = Path(amend["comment"]).read_text(encoding="utf-8")
    icon = "✅" if verdict == "acceptable" else "❌"
    assert comment.startswith(f"## {icon} fwdoc amend: {verdict}")
    assert comment in runner.summary.read_text(encoding="utf-8")
    amend_log = runner.log[1][2]
    assert f"::notice title=fwdoc amend::the amendment is {verdict}" in amend_log
    if verdict != "acceptable":
        assert "::error file=framework/amendments/2009-01-review.yaml" in amend_log
        assert "title=AMD002 missing-approval::" in amend_log
    # SARIF: both reports, valid, handed to upload-sarif
    assert _sarif_valid(Path(check["sarif"])) == ["fwdoc amend", "fwdoc"]  # fwdoc-amend.sarif, fwdoc-check.sarif
    assert runner.uses == [{"uses": "github/codeql-action/upload-sarif@v3",
                            "with": {"sarif_file": check["sarif"], "category": "fwdoc"}}]


def test_on_a_push_the_amend_step_is_skipped(tmp_path: Path) -> None:
    repo = Repo.create(tmp_path)
    runner = Runner(repo.root, tmp_path / "t", {"install": "false", "upload-sarif": "false"}, base_ref="")
    runner.run()
    assert [name for name, _, _ in runner.log] == ["fwdoc check", "Verdict"]


def test_the_install_step_installs_this_action() -> None:
    steps = {s.get("name"): s for s in ACTION["runs"]["steps"]}
    install = steps["Install fwdoc"]
    assert shlex.split(install["run"])[:4] == ["python", "-m", "pip", "install"]
    assert '"$ACTION_PATH"' in install["run"] and install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert (ROOT / "pyproject.toml").is_file()  # what pip installs from the action's path


def test_the_pre_commit_hook(tmp_path: Path) -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "fwdoc-check" and hook["pass_filenames"] is False
    entry = shlex.split(hook["entry"])
    proc = subprocess.run([str(Path(sys.executable).parent / entry[0]), *entry[1:], str(ROOT / "framework")],
                          capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    assert "error(s)" in proc.stdout
