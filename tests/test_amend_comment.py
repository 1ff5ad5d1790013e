"""The pull-request comment (`fwdoc amend`, markdown) against golden files in
tests/data/golden/amend/ (FWDOC_UPDATE_GOLDEN=1 rewrites them after a deliberate change):

* the engine's code spans are code, never backslash-escaped backticks;
* the summary table has a real header row;
* with the repository's URL and the head commit, `file:line` opens the file at that commit,
  and the head is named by its short SHA; with the site's URL each code links to its page;
* an approval nobody requires has no green tick in a failing verdict;
* a clause whose prose and rules both changed says `(fields: rules, text)`;
* each problem a command can fix comes with that command.

Also read back with markdown-it: only the elements the comment means to have."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from tests.test_escaping_property import MD, walk

MINI = Path(__file__).parent / "fixtures" / "amend" / "mini"
GOLDEN = Path(__file__).parent / "data" / "golden" / "amend"
SHA = "0123456789abcdef0123456789abcdef01234567"
GITHUB_VARIABLES = ("GITHUB_REPOSITORY", "GITHUB_SERVER_URL", "GITHUB_EVENT_PATH", "GITHUB_STEP_SUMMARY")


@pytest.fixture(autouse=True)
def no_github(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in GITHUB_VARIABLES:  # the suite may itself run on GitHub Actions
        monkeypatch.delenv(name, raising=False)


def fwdoc(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("FWDOC_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture
def unrecorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/base and tmp/head: the prose of 1.2 changes, its rules do not, and no record is written."""
    shutil.copytree(MINI, tmp_path / "base")
    shutil.copytree(MINI, tmp_path / "head")
    part = tmp_path / "head" / "parts" / "governance.yaml"
    text = part.read_text(encoding="utf-8")
    part.write_text(text.replace("publishes the Annual Report. He", "publishes the Annual Report each July. He"),
                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_an_unrecorded_change(unrecorded: Path) -> None:
    code, text = fwdoc("amend", "base", "head")
    assert code == 1
    golden("unrecorded.md", text)
    assert "\\`" not in text  # `fwdoc amend record` is a code span, not escaped backticks
    assert "- Fix: `fwdoc amend record head --base-dir base --id ID --title TITLE --proposer ACTOR`" in text
    assert "\n| | |\n" not in text


def _git(folder: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def test_links_to_the_head_commit_and_the_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real repository: BASE on main, the amendment committed on a branch; `--base main`."""
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "framework")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    _git(repo, "checkout", "-qb", "amend")
    part = repo / "framework" / "parts" / "governance.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("The Secretary of State approves",
                                                             "The Permanent Secretary approves")
                    .replace("secretary_of_state must approve", "permanent_secretary must approve"), encoding="utf-8")
    monkeypatch.chdir(repo)
    code, out = fwdoc("amend", "record", "--base", "main", "--id", "2021-01-plan-approval", "--title",
                      "The Permanent Secretary approves the Corporate Plan", "--proposer", "permanent_secretary",
                      "--proposed", "2021-01-04", "--in-force", "2021-04-01", "--status", "approved",
                      "--approval", "permanent_secretary:2021-02-01:Minute PS/21/1")
    assert code == 0, out
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "amend")
    head = _git(repo, "rev-parse", "HEAD")
    base = _git(repo, "rev-parse", "--short=7", "main")

    # the head commit read from the clean working tree, files linked at it
    code, text = fwdoc("amend", "--base", "main", "--repository-url", "https://github.com/example/fw",
                       "--help-base-url", "https://example.org/fw/")
    assert code == 1
    assert f"`main@{base}` → `{head[:7]}`" in text and "working tree" not in text
    link = (f"[`framework/amendments/2021-01-plan-approval.yaml:7:1`](https://github.com/example/fw/blob/{head}/"
            "framework/amendments/2021-01-plan-approval.yaml#L7)")
    assert link in text
    assert "[**AMD002**](https://example.org/fw/reference/checks/AMD002.html)" in text
    golden("linked.md", text.replace(head, "HEAD_SHA").replace(head[:7], "HEADSHA").replace(base, "BASESHA"))

    # the same from GitHub's variables; an uncommitted change names the working tree, unlinked
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "example/fw"}
    code, from_env = fwdoc("amend", "--base", "main", env=env)
    assert f"(https://github.com/example/fw/blob/{head}/framework/amendments/" in from_env
    part.write_text(part.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code, dirty = fwdoc("amend", "--base", "main", env=env)
    assert "→ `working tree`" in dirty and "/blob/" not in dirty
    # the pull request's head from the event file wins over the checkout
    event = tmp_path / "event.json"
    event.write_text(f'{{"pull_request": {{"head": {{"sha": "{SHA}"}}}}}}', encoding="utf-8")
    code, pr = fwdoc("amend", "--base", "main", env={**env, "GITHUB_EVENT_PATH": str(event)})
    assert f"→ `{SHA[:7]}`" in pr and f"/blob/{SHA}/framework/" in pr


def test_elements_are_only_what_the_comment_means(unrecorded: Path) -> None:
    code, text = fwdoc("amend", "base", "head", "--head-commit", SHA, "--repository-url",
                       "https://github.com/example/fw")
    kinds = {t.type for t in walk(MD.parse(text))}
    assert kinds <= {"heading_open", "heading_close", "inline", "text", "paragraph_open", "paragraph_close",
                     "blockquote_open", "blockquote_close", "table_open", "table_close", "thead_open",
                     "thead_close", "tbody_open", "tbody_close", "tr_open", "tr_close", "th_open", "th_close",
                     "td_open", "td_close", "bullet_list_open", "bullet_list_close", "list_item_open",
                     "list_item_close", "code_inline", "strong_open", "strong_close", "link_open", "link_close",
                     "s_open", "s_close", "html_inline", "softbreak", "text_special"}, kinds
    hrefs = [t.attrs.get("href") for t in walk(MD.parse(text)) if t.type == "link_open"]
    assert hrefs and all(str(h).startswith(f"https://github.com/example/fw/blob/{SHA}/") for h in hrefs)


@pytest.mark.parametrize("url", ["http://github.com/x/y", "https://github.com/x/y)", "javascript:alert(1)",
                                 "https://github.com/x y/z"])
def test_a_bad_repository_url_is_refused(unrecorded: Path, url: str) -> None:
    result = CliRunner().invoke(cli, ["amend", "base", "head", "--repository-url", url])
    assert result.exit_code == 2 and "--repository-url" in result.stderr
