"""Every numbering scheme end to end, on the invented fixtures of tests/fixtures/shapes/: the
publication and the site show the numbers each scheme gives (what the original prints), the
checks find no structure or reference fault, and inserting a clause at the start of the first
section renumbers exactly the clauses the scheme says move, in a real git repository."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from checker.loader import load_document

SHAPES = Path(__file__).parent / "fixtures" / "shapes"

# scheme fixture -> (the clause to insert before, the renumbering the scheme implies)
INSERTIONS: dict[str, tuple[str, set[tuple[str, str]]]] = {
    "hierarchical": ("aims", {("1.1", "1.2"), ("1.1.1", "1.2.1")}),
    "flat": ("purpose-of-agreement", {(str(n), str(n + 1)) for n in range(1, 8)} | {("5.1", "6.1")}),
    "appendix": ("role-one", {("1", "2"), ("2", "3"), ("3", "4")}),  # flat-numbered-sections
    "per-section": ("purpose-one", {("1", "2"), ("2", "3")}),  # Finance starts again at 1
    "unnumbered": ("about-one", set()),
}
SCHEMES = {"hierarchical": "hierarchical", "flat": "flat", "appendix": "flat-numbered-sections",
           "per-section": "per-section", "unnumbered": "unnumbered"}


def fwdoc(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["fwdoc", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
                        "PATH": "/usr/bin:/bin", "HOME": str(root)})


@pytest.mark.parametrize("shape", sorted(SCHEMES))
def test_publication_and_site_show_the_scheme_numbers(tmp_path: Path, shape: str) -> None:
    document = load_document(SHAPES / shape).document
    assert document is not None and document.manifest.numbering.name == SCHEMES[shape]
    md = tmp_path / "doc.md"
    assert fwdoc("publish", str(SHAPES / shape), "--format", "md", "--output", str(md)).returncode == 0
    text = md.read_text(encoding="utf-8")
    html = tmp_path / "doc.html"
    assert fwdoc("publish", str(SHAPES / shape), "--format", "html", "--output", str(html)).returncode == 0
    page = html.read_text(encoding="utf-8")
    site = tmp_path / "site"
    result = fwdoc("site", str(SHAPES / shape), "--output", str(site))
    assert result.returncode == 0, result.stderr
    for part in document.parts:
        section = f"## {part.number}. {part.title}" if part.kind == "section" and part.number else None
        if section:
            assert section in text
        elif part.kind == "section":
            assert f"## {part.title}" in text and not re.search(rf"## \d+\. {re.escape(part.title)}", text)
        assert (site / "document" / f"{part.anchor}.html").is_file()
    for clause in document.clauses.values():
        if not clause.depth:
            continue
        if clause.printed:
            assert clause.number == clause.printed  # the scheme gives what is printed
        if clause.number is None:
            assert f'id="{clause.anchor}"' in page
            continue
        shown = f"{clause.number} {clause.title}" if clause.title else f"**{clause.number}**"
        assert shown in text, (shown, shape)
        assert f'id="{clause.anchor}"' in page
        part_page = (site / "document" / f"{document.part_by_id[clause.part].anchor}.html").read_text(
            encoding="utf-8")
        assert f'id="{clause.anchor}"' in part_page
    if shape == "unnumbered":
        assert not re.search(r"^\*\*\d", text, re.MULTILINE)  # no number the original lacks


@pytest.mark.parametrize("shape", sorted(INSERTIONS))
def test_an_insertion_renumbers_what_the_scheme_moves(tmp_path: Path, shape: str) -> None:
    before, expected = INSERTIONS[shape]
    repo = tmp_path / "repo"
    shutil.copytree(SHAPES / shape, repo / "framework")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    document = load_document(repo / "framework").document
    assert document is not None
    target = document.clauses[before]
    path = repo / "framework" / target.location.file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines[target.location.line - 1]
    indent = line[:len(line) - len(line.lstrip())]
    new = f'{indent}- {{id: inserted-clause, text: "The body publishes its plans."}}\n'
    lines.insert(target.location.line - 1, new)
    path.write_text("".join(lines), encoding="utf-8")
    after = load_document(repo / "framework").document
    assert after is not None and "inserted-clause" in after.clauses
    result = fwdoc("amend", "compare", "--base", "main", "--format", "json", "framework", cwd=repo)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert {(r["before"], r["after"]) for r in report["renumbered"]} == expected
    assert not [f for f in report["introduced"] if f["code"].startswith(("STR", "REF"))]
    if shape == "appendix":  # "paragraphs 1 and 2" now point at other paragraphs
        assert [f for f in report["findings"] if f["code"] == "AMD006"]
