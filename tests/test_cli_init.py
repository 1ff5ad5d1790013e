"""`fwdoc init` end to end: a new document in each numbering scheme passes `fwdoc check`; then
a clause is added, checked, published, built as a site and amended in a real git repository."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from checker.loader import load_document


def fwdoc(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["fwdoc", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
                        "PATH": "/usr/bin:/bin", "HOME": str(cwd)})


@pytest.mark.parametrize("numbering", ["hierarchical", "flat", "per-section", "unnumbered"])
def test_init_passes_check(tmp_path: Path, numbering: str) -> None:
    result = fwdoc("init", "doc", "--numbering", numbering, "--title", "Example Body Framework", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Next steps" in result.stdout and "fwdoc check doc" in result.stdout
    doc = tmp_path / "doc"
    manifest = yaml.safe_load((doc / "manifest.yaml").read_text(encoding="utf-8"))
    assert manifest["numbering"] == numbering and manifest["title"] == "Example Body Framework"
    assert (doc / ".github" / "workflows" / "fwdoc-check.yml").is_file()
    assert "fwdoc check" in (doc / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load((doc / "actors.yaml").read_text(encoding="utf-8")) == {"actors": []}
    check = fwdoc("check", "doc", "--format", "json", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    assert [f for f in json.loads(check.stdout)["findings"] if f["severity"] != "info"] == []


def test_init_refuses_a_folder_with_something_in_it(tmp_path: Path) -> None:
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "notes.txt").write_text("keep me", encoding="utf-8")
    result = fwdoc("init", "doc", cwd=tmp_path)
    assert result.returncode == 2 and "not empty" in result.stderr
    assert (tmp_path / "doc" / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in (tmp_path / "doc").iterdir()) == ["notes.txt"]
    result = fwdoc("init", "missing/doc", cwd=tmp_path)
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "missing").exists()
    assert fwdoc("init", "doc2", "--numbering", "flatt", cwd=tmp_path).returncode == 2
    assert not (tmp_path / "doc2").exists()


def test_init_then_write_check_publish_site_and_amend(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    assert fwdoc("init", "framework", "--numbering", "flat", cwd=repo).returncode == 0
    doc = repo / "framework"
    (doc / "actors.yaml").write_text(
        "actors:\n  - id: minister\n    name: Minister\n    kind: individual\n"
        "  - id: chief_executive\n    name: Chief Executive\n    kind: individual\n", encoding="utf-8")
    (doc / "objects.yaml").write_text(
        "objects:\n  - id: annual_report\n    name: Annual Report\n    kind: report\n", encoding="utf-8")
    part = doc / "parts" / "purpose.yaml"
    part.write_text(part.read_text(encoding="utf-8") + (
        "  - id: annual-report\n"
        "    printed: \"2\"\n"
        "    text: |\n"
        "      The Chief Executive must send the Annual Report to the Minister (see paragraph 1).\n"
        "    rules: |\n"
        "      \"send the Annual Report\":\n"
        "        chief_executive must submit annual_report to minister\n"), encoding="utf-8")
    check = fwdoc("check", "framework", cwd=repo)
    assert check.returncode == 0, check.stdout
    document = load_document(doc).document
    assert document is not None
    assert document.clauses["annual-report"].label == "paragraph 2"
    md = tmp_path / "out.md"
    assert fwdoc("publish", "framework", "--format", "md", "--output", str(md), cwd=repo).returncode == 0
    assert "**2**" in md.read_text(encoding="utf-8")
    site = fwdoc("site", "framework", "--output", str(tmp_path / "site"), cwd=repo)
    assert site.returncode == 0, site.stderr
    assert (tmp_path / "site" / "document" / "purpose.html").is_file()

    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "a new framework document")
    git(repo, "checkout", "-q", "-b", "change")
    part.write_text(part.read_text(encoding="utf-8").replace(
        "  - id: annual-report\n", "  - id: scope\n    text: |\n      The document covers the whole body.\n"
        "  - id: annual-report\n"), encoding="utf-8")
    compare = fwdoc("amend", "compare", "--base", "main", "--format", "json", "framework", cwd=repo)
    report = json.loads(compare.stdout)
    assert {(r["before"], r["after"]) for r in report["renumbered"]} == {("2", "3")}
    assert compare.returncode == 1 and [f["code"] for f in report["findings"]] == ["AMD001"]
    record = fwdoc("amend", "record", "--base", "main", "--id", "2026-01-scope", "--title",
                   "Say what the document covers", "--proposer", "chief_executive", "framework", cwd=repo)
    assert record.returncode == 0, record.stderr + record.stdout
    # the record names its schema as init's files do: the folder's own copy, relative to it
    written = (doc / "amendments" / "2026-01-scope.yaml").read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=../schemas/amendment.schema.json\n")
    assert (doc / "amendments" / "../schemas/amendment.schema.json").is_file()
    compare = fwdoc("amend", "compare", "--base", "main", "--format", "json", "framework", cwd=repo)
    left = {f["code"]: f["message"] for f in json.loads(compare.stdout)["findings"]}
    # the record is written; what is left is the process: a proposed amendment waits for its
    # approval, and a new document has no amendment rule saying whose approval
    assert "AMD001" not in left and not [c for c in left if c.startswith(("STR", "REF"))]
    assert any("still proposed" in m for m in left.values()), left
