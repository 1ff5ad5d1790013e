"""Output folders and the site's refusal of a broken document (issue 11; audit-robust 1 and 2).

Everything is real: git working trees made with `git init`, symbolic links committed in them,
`fwdoc` run as a process from inside the working tree, and the folders the links point to
inspected afterwards: nothing may be written there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from checker.fileio import OutputError, check_no_links, trusted_roots
from checker.website.build import build_site
from checker.website.data import SiteError

SMALL = Path(__file__).parent / "fixtures" / "site" / "small"
TODAY = ["--today", "2024-01-01"]


def fwdoc(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["fwdoc", *args], capture_output=True, text=True, timeout=600, cwd=cwd)


def checkout(tmp_path: Path) -> Path:
    """A git working tree holding a copy of the small document as `framework/`."""
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    shutil.copytree(SMALL, repo / "framework")
    return repo


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


# ---------------------------------------------------------------- 1. folders through links


@pytest.mark.parametrize("link", ["../victim", "absolute"])
def test_build_refuses_a_committed_build_link(tmp_path: Path, link: str) -> None:
    repo = checkout(tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    (repo / "build").symlink_to(victim if link == "absolute" else link)
    result = fwdoc("build", *TODAY, cwd=repo)
    assert result.returncode == 2, result.stderr
    assert "build: is a symbolic link" in result.stderr and "Traceback" not in result.stderr
    assert tree(victim) == []


def test_build_refuses_a_link_on_the_way_to_its_output(tmp_path: Path) -> None:
    repo = checkout(tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    (repo / "out").symlink_to(victim)
    result = fwdoc("build", "framework", *TODAY, "--output", "out/public", cwd=repo)
    assert result.returncode == 2, result.stderr
    assert "is a symbolic link inside the working tree" in result.stderr
    assert tree(victim) == []


def test_build_refuses_a_site_folder_that_is_a_link(tmp_path: Path) -> None:
    repo = checkout(tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    (repo / "build").mkdir()
    (repo / "build" / "site").symlink_to(victim)
    result = fwdoc("build", *TODAY, cwd=repo)
    assert result.returncode == 2, result.stderr
    assert tree(victim) == [] and tree(repo / "build") == ["site"]  # not even the report


def test_site_refuses_an_output_that_is_a_link(tmp_path: Path) -> None:
    repo = checkout(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "site").symlink_to("../elsewhere")
    result = fwdoc("site", "framework", *TODAY, "--output", str(out / "site"), cwd=repo)
    assert result.returncode == 2, result.stderr
    assert "is a symbolic link" in result.stderr
    assert tree(elsewhere) == [] and (out / "site").is_symlink()


def test_site_refuses_an_old_site_behind_a_link_and_keeps_it(tmp_path: Path) -> None:
    repo = checkout(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("old", encoding="utf-8")
    (elsewhere / "sitemap.xml").write_text("old", encoding="utf-8")
    (repo / "public").symlink_to(elsewhere)
    result = fwdoc("site", "framework", *TODAY, "--output", "public", cwd=repo)
    assert result.returncode == 2, result.stderr
    assert tree(elsewhere) == ["index.html", "sitemap.xml"]
    assert (elsewhere / "index.html").read_text(encoding="utf-8") == "old"


def test_site_refuses_a_link_in_the_documents_repository(tmp_path: Path) -> None:
    """Run from outside, the document's own repository still may not lead the output away."""
    repo = checkout(tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    (repo / "out").symlink_to(victim)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = fwdoc("site", str(repo / "framework"), *TODAY, "--output", str(repo / "out" / "site"), cwd=outside)
    assert result.returncode == 2, result.stderr
    assert tree(victim) == []


def test_check_output_file_under_a_linked_folder_is_refused(tmp_path: Path) -> None:
    repo = checkout(tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    (repo / "reports").symlink_to(victim)
    result = fwdoc("check", "framework", *TODAY, "--format", "json", "--output", "reports/r.json", cwd=repo)
    assert result.returncode == 2, result.stderr
    assert tree(victim) == []


def test_a_link_above_the_working_tree_is_followed(tmp_path: Path) -> None:
    """/tmp -> /private/tmp on some systems: the system's links above the checkout are fine."""
    real = tmp_path / "real"
    real.mkdir()
    repo = checkout(real)
    alias = tmp_path / "alias"
    alias.symlink_to(real)
    out = alias / "repo" / "public"
    result = fwdoc("site", "framework", *TODAY, "--output", str(out), cwd=repo)
    assert result.returncode == 0, result.stderr
    assert (real / "repo" / "public" / "index.html").is_file()
    # and the same path, judged with the working tree as a root, by the function itself
    check_no_links(alias / "repo" / "x" / "y", (repo,))


def test_dot_dot_after_a_link_is_judged_where_it_leads(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "a").mkdir(parents=True)
    (tmp_path / "other" / "deep").mkdir(parents=True)
    (tmp_path / "up").symlink_to(tmp_path / "other" / "deep")  # above the root: followed
    # up/.. is other/, not tmp_path: lexically it would look like tmp_path/root/...
    check_no_links(tmp_path / "up" / ".." / "new", (root,))
    (root / "link").symlink_to(tmp_path / "other")
    with pytest.raises(OutputError, match="symbolic link inside the working tree"):
        check_no_links(root / "a" / ".." / "link" / "new", (root,))


def test_trusted_roots_are_the_working_folder_and_repositories(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    repo = checkout(tmp_path)
    inner = repo / "framework" / "parts"
    monkeypatch.chdir(inner)
    assert trusted_roots(None) == (inner.resolve(), repo.resolve())


def test_descriptor_outputs_are_not_links_to_refuse(tmp_path: Path) -> None:
    result = fwdoc("check", str(SMALL), *TODAY, "--format", "json", "--output", "/dev/stdout", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.lstrip().startswith("{")


# ---------------------------------------------------------------- 2. a broken document's site


def good_site(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    doc = tmp_path / "doc"
    shutil.copytree(SMALL, doc)
    site = tmp_path / "site"
    result = fwdoc("site", str(doc), *TODAY, "--output", str(site), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return doc, site, tree(site)


def first_part(doc: Path) -> Path:
    return sorted((doc / "parts").glob("*.yaml"))[0]


def test_site_of_a_document_with_errors_is_refused_and_the_old_site_kept(tmp_path: Path) -> None:
    doc, site, before = good_site(tmp_path)
    home = (site / "index.html").read_bytes()
    part = first_part(doc)
    part.write_text("id: broken\nlevel: [\n", encoding="utf-8")
    result = fwdoc("site", str(doc), *TODAY, "--output", str(site), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "so the site is not built" in result.stderr and "Traceback" not in result.stderr
    assert f"parts/{part.name}" in result.stderr and " error SRC" in result.stderr
    assert tree(site) == before and (site / "index.html").read_bytes() == home
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc", "site"]  # no temporary folder


def test_site_with_every_part_refused_is_not_an_empty_site(tmp_path: Path) -> None:
    doc, site, before = good_site(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (doc / "parts").rename(elsewhere)
    (doc / "parts").symlink_to("../elsewhere")
    result = fwdoc("site", str(doc), *TODAY, "--output", str(site), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "SRC015" in result.stderr
    assert tree(site) == before


def test_the_errors_listed_are_escaped(tmp_path: Path) -> None:
    doc = tmp_path / "doc"
    shutil.copytree(SMALL, doc)
    manifest = doc / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("parts: [", "parts: [\"evil\\e[31mred\\e]0;owned\\a\", ", 1),
                        encoding="utf-8")
    assert manifest.read_text(encoding="utf-8") != text
    result = fwdoc("site", str(doc), *TODAY, "--output", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_build_site_raises_on_a_document_with_errors(tmp_path: Path) -> None:
    doc = tmp_path / "doc"
    shutil.copytree(SMALL, doc)
    first_part(doc).write_text("id: broken\nlevel: [\n", encoding="utf-8")
    with pytest.raises(SiteError, match="error"):
        build_site(doc, tmp_path / "site", today=date(2024, 1, 1))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc"]


def test_build_publishes_no_site_of_a_document_with_errors(tmp_path: Path) -> None:
    doc = tmp_path / "doc"
    shutil.copytree(SMALL, doc)
    first_part(doc).write_text("id: broken\nlevel: [\n", encoding="utf-8")
    result = fwdoc("build", str(doc), *TODAY, "--output", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert tree(tmp_path / "out") == ["fwdoc.sarif"]
    assert os.path.getsize(tmp_path / "out" / "fwdoc.sarif") > 0


def test_site_default_output_under_a_dangling_build_link_is_refused(tmp_path: Path) -> None:
    repo = checkout(tmp_path)
    (repo / "build").symlink_to(tmp_path / "nowhere" / "deep")
    result = fwdoc("site", *TODAY, cwd=repo)
    assert result.returncode == 2, result.stderr
    assert "symbolic link inside the working tree" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "nowhere").exists()


# ---------------------------------------------------------------- 10. what a site build may delete


def test_a_web_root_with_a_home_page_and_sitemap_is_not_replaced(tmp_path: Path) -> None:
    www = tmp_path / "www"
    (www / ".git").mkdir(parents=True)
    for name in ("index.html", "sitemap.xml"):
        (www / name).write_text("theirs", encoding="utf-8")
    (www / "notes.txt").write_text("precious", encoding="utf-8")
    before = tree(www)
    result = fwdoc("site", str(SMALL), *TODAY, "--output", str(www), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "not a site fwdoc built before" in result.stderr
    assert tree(www) == before and sorted(p.name for p in tmp_path.iterdir()) == ["www"]


def test_a_site_fwdoc_built_is_replaced_and_a_forged_stamp_is_not_enough(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert fwdoc("site", str(SMALL), *TODAY, "--output", str(site), cwd=tmp_path).returncode == 0
    assert (site / ".fwdoc-site").is_file()
    assert fwdoc("site", str(SMALL), *TODAY, "--output", str(site), cwd=tmp_path).returncode == 0
    other = tmp_path / "other"
    other.mkdir()
    (other / "index.html").write_text("x", encoding="utf-8")
    (other / ".fwdoc-site").symlink_to(site / ".fwdoc-site")  # a link to a real stamp
    result = fwdoc("site", str(SMALL), *TODAY, "--output", str(other), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert sorted(p.name for p in other.iterdir()) == [".fwdoc-site", "index.html"]


def test_a_users_dot_old_folder_beside_the_site_is_not_deleted(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert fwdoc("site", str(SMALL), *TODAY, "--output", str(site), cwd=tmp_path).returncode == 0
    before = tree(site)
    mine = tmp_path / ".site.old"
    mine.mkdir()
    (mine / "keep").write_text("precious", encoding="utf-8")
    result = fwdoc("site", str(SMALL), *TODAY, "--output", str(site), cwd=tmp_path)
    assert result.returncode != 0 and ".site.old" in result.stderr
    assert (mine / "keep").read_text(encoding="utf-8") == "precious" and tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.old", "site"]
