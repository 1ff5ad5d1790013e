"""The example pull-request comment of README.md and docs/amendments.md, made by running fwdoc.

A pull request on the bundled document (framework/) that makes the Permanent Secretary the
"chief adviser" in 2.1.2 and inserts a new 2.1.4, approved only by the Permanent Secretary:
the script builds it in a temporary git repository (fixed dates, so the commits and their
SHAs are the same on every run), writes the record with `fwdoc amend record`, commits, and
prints what `fwdoc amend --base main` comments.

    python scripts/example_comment.py            # print the comment
    python scripts/example_comment.py --write    # put it into README.md and docs/amendments.md

The documents hold it between `<!-- example-comment ... -->` markers; README.md shows the head
of it (down to the problems), docs/amendments.md all of it.  tests/test_readme.py checks both
are what this script prints now, so no figure in them is typed by hand.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PART = "parts/ministry-justice-strategy-sponsorship-relationships.yaml"
NEW_CLAUSE = '''      - id: ministerial-correspondence
        title: Ministerial correspondence
        printed: "2.1.4"
        level: 3
        text: |
          The Permanent Secretary answers ministerial correspondence on matters affecting the NOMS Agency.
        rules: |
          informal "a description of practice, not an obligation"
'''
DATE = "2009-02-02T12:00:00+00:00"
FWDOC = str(Path(sys.executable).parent / "fwdoc")
MARKERS = {"README.md": "readme", "docs/amendments.md": "full"}


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Example", "GIT_AUTHOR_EMAIL": "example@example.invalid",
           "GIT_COMMITTER_NAME": "Example", "GIT_COMMITTER_EMAIL": "example@example.invalid",
           "GIT_AUTHOR_DATE": DATE, "GIT_COMMITTER_DATE": DATE}
    for name in ("GITHUB_REPOSITORY", "GITHUB_EVENT_PATH", "GITHUB_SERVER_URL", "GITHUB_STEP_SUMMARY"):
        env.pop(name, None)
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def amend(part: str) -> str:
    """The amended part: 2.1.2's first sentence reworded, a new 2.1.4, the clauses after it renumbered."""
    text = part.replace("The Permanent Secretary is the principal advisor to the Secretary of State",
                        "The Permanent Secretary is the chief adviser to the Secretary of State", 1)
    for old in (7, 6, 5, 4):
        text = text.replace(f'printed: "2.1.{old}"', f'printed: "2.1.{old + 1}"', 1)
    anchor = "      - id: offender-management-supervisory-board\n"
    assert anchor in text and "chief adviser" in text, "the framework changed: update scripts/example_comment.py"
    return text.replace(anchor, NEW_CLAUSE + anchor, 1)


def comment() -> str:
    with tempfile.TemporaryDirectory(prefix="fwdoc-example-") as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(ROOT / "framework", repo / "framework")
        _git(repo, "init", "-q", "-b", "main")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-qm", "The 2008 document")
        _git(repo, "checkout", "-qb", "chief-adviser")
        part = repo / "framework" / PART
        part.write_text(amend(part.read_text(encoding="utf-8")), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
        record = subprocess.run(
            [FWDOC, "amend", "record", "--base", "main", "--id", "2009-02-chief-adviser", "--title",
             "The Permanent Secretary as chief adviser; ministerial correspondence", "--proposer",
             "permanent_secretary", "--proposed", "2009-01-12", "--in-force", "2009-04-01", "--status",
             "approved", "--approval", "permanent_secretary:2009-02-02:Minute PS/09/3"],
            cwd=repo, capture_output=True, text=True, env=env, check=False)
        if record.returncode != 0:
            raise SystemExit(f"fwdoc amend record failed: {record.stderr}")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-qm", "The Permanent Secretary as chief adviser")
        judged = subprocess.run([FWDOC, "amend", "--base", "main", "--today", "2009-03-01"], cwd=repo,
                                capture_output=True, text=True, env=env, check=False)
        if judged.returncode not in (0, 1):
            raise SystemExit(f"fwdoc amend failed: {judged.stderr}")
        return judged.stdout


def shortened(text: str) -> str:
    """The head of the comment: the verdict, the summary and the problems."""
    head = text.split("\n### Approvals", 1)[0].rstrip("\n")
    return head + "\n"


def block(kind: str, text: str) -> str:
    body = shortened(text) if kind == "readme" else text
    return (f"<!-- example-comment {kind}: made by scripts/example_comment.py, do not edit -->\n"
            f"````markdown\n{body}````\n<!-- example-comment end -->")


_BLOCK = re.compile(r"<!-- example-comment (\w+):.*?<!-- example-comment end -->", re.DOTALL)


def write(text: str) -> None:
    for name in MARKERS:
        path = ROOT / name
        old = path.read_text(encoding="utf-8")
        new, count = _BLOCK.subn(lambda m: block(m.group(1), text), old)
        if count != 1:
            raise SystemExit(f"{name}: expected one example-comment block, found {count}")
        path.write_text(new, encoding="utf-8")


def main(argv: list[str]) -> int:
    text = comment()
    if "--write" in argv:
        write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
