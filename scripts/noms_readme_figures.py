"""Recompute the NOMS figures the README shows (and tests/test_readme.py checks) from the model.

    .venv/bin/python scripts/noms_readme_figures.py          # rewrite README.md in place
    .venv/bin/python scripts/noms_readme_figures.py --check  # exit 1 if README.md is stale

The figures are the summary lines `fwdoc check framework` prints, the table under "The NOMS
document", and the two messages of the tour's mistake (their line numbers move whenever a rule
above them in 2.1.2 is added or removed).  Nothing is typed by hand: a re-formalisation of the
NOMS source changes them, and this script is how they follow.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from checker.checks.coverage import coverage_stats  # noqa: E402
from checker.cli import main  # noqa: E402
from checker.loader import load_document  # noqa: E402

FRAMEWORK = REPO / "framework"
PART = "ministry-justice-strategy-sponsorship-relationships.yaml"
GOOD = "            permanent_secretary line manages director_general\n"
BAD = ("            permanent_secretary line manages director_genral\n"
       "            permanent_secretary msut approve corporate_plan\n")


def _run(folder: Path, *options: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["check", str(folder), *options])
    return out.getvalue()


def _mistake_block() -> str:
    """The first file's findings `check --quiet` prints for the tour's mistake (header and the
    indented findings under it, wrapped lines included)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "framework"
        shutil.copytree(FRAMEWORK, copy)
        part = copy / "parts" / PART
        text = part.read_text(encoding="utf-8")
        assert text.count(GOOD) == 1, "the tour's line is not in 2.1.2 exactly once"
        part.write_text(text.replace(GOOD, BAD), encoding="utf-8")
        printed = _run(copy, "--quiet").replace(str(copy), "framework")
    lines = printed.splitlines()
    block = lines[:1] + _indented(lines[1:])
    return "\n".join(block) + "\n"


def _indented(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        if not line.startswith(" "):
            break
        out.append(line)
    return out


def figures(readme: str) -> str:
    # the summary: "N errors, ... accepted", then the counts, then the coverage line
    summary = "\n".join(_run(FRAMEWORK).strip().splitlines()[-3:])
    readme = re.sub(r"^\d+ errors?, .*accepted\n\d+ parts, .*\n\d+ normative sentences: .* uncovered$",
                    lambda _: summary, readme, count=1, flags=re.MULTILINE)
    document = load_document(FRAMEWORK).document
    assert document is not None
    stats, coverage = document.stats, coverage_stats(document)
    share = 100 * coverage["informal"] / coverage["normative_sentences"]
    rows = {
        "parts / clauses": f"{stats['parts']} / {stats['clauses']}",
        "rules": str(stats["rules"]),
        "actors / objects": f"{stats['actors']} / {stats['objects']}",
        "normative sentences": (f"{coverage['normative_sentences']}: {coverage['formalised']} formalised by "
                                f"rules, {coverage['informal']} marked informal ({share:.1f}%), "
                                f"{coverage['uncovered']} uncovered"),
    }
    for label, value in rows.items():
        readme = re.sub(rf"^\| {re.escape(label)} \| .+? \|$", f"| {label} | {value} |", readme,
                        count=1, flags=re.MULTILINE)
    fresh = _mistake_block()
    return re.sub(r"(```\n\$ fwdoc check framework --quiet\n)(.*?)(```)",
                  lambda m: m.group(1) + fresh + m.group(3), readme, count=1, flags=re.DOTALL)


if __name__ == "__main__":
    path = REPO / "README.md"
    before = path.read_text(encoding="utf-8")
    after = figures(before)
    if "--check" in sys.argv[1:]:
        sys.exit(0 if after == before else 1)
    if after != before:
        path.write_text(after, encoding="utf-8")
        print("README.md: NOMS figures updated")
