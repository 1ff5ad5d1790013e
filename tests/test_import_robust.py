"""`fwdoc import --force` replaces only an earlier import, never through a link (audit-robust 7)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

OTHER_AGENCY = Path(__file__).parent / "fixtures" / "importer" / "other-agency.md"


def fwdoc(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["fwdoc", *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_force_never_deletes_the_folder_holding_the_source(tmp_path: Path) -> None:
    proj = tmp_path / "proj"
    (proj / "sub").mkdir(parents=True)
    shutil.copy(OTHER_AGENCY, proj / "sub" / "doc.md")
    (proj / "notes.txt").write_text("precious", encoding="utf-8")
    (proj / ".git").mkdir()
    before = listing(proj)
    result = fwdoc("import", str(proj / "sub" / "doc.md"), "--output", str(proj), "--force", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "the file being imported" in result.stderr
    assert listing(proj) == before and sorted(p.name for p in tmp_path.iterdir()) == ["proj"]


def test_force_never_deletes_the_working_folder(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    source = tmp_path / "doc.md"
    shutil.copy(OTHER_AGENCY, source)
    (work / "keep.txt").write_text("keep", encoding="utf-8")
    result = fwdoc("import", str(source), "--output", ".", "--force", cwd=work)
    assert result.returncode == 2, result.stderr
    assert "working folder" in result.stderr
    assert listing(work) == ["keep.txt"]


def test_force_never_deletes_a_folder_of_other_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".git").mkdir(parents=True)
    (out / "manifest.yaml").write_text("x", encoding="utf-8")
    result = fwdoc("import", str(OTHER_AGENCY), "--output", str(out), "--force", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "holds .git" in result.stderr
    assert listing(out) == [".git", "manifest.yaml"]


def test_force_replaces_an_earlier_import(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert fwdoc("import", str(OTHER_AGENCY), "--output", str(out), cwd=tmp_path).returncode in (0, 1)
    first = listing(out)
    (out / "parts" / "stale.yaml").write_text("id: stale\n", encoding="utf-8")
    (out / "amendments" / "a1.yaml").write_text("id: a1\n", encoding="utf-8")
    result = fwdoc("import", str(OTHER_AGENCY), "--output", str(out), "--force", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert listing(out) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing left beside it


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_an_output_link_is_refused_before_anything_is_written(tmp_path: Path, force: list[str]) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "k").write_text("k", encoding="utf-8")
    (tmp_path / "lnk").symlink_to("real")
    result = fwdoc("import", str(OTHER_AGENCY), "--output", str(tmp_path / "lnk"), *force, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "symbolic link" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lnk", "real"] and listing(real) == ["k"]


def test_an_output_under_a_link_in_the_working_tree_is_refused(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (work / "out").symlink_to(elsewhere)
    result = fwdoc("import", str(OTHER_AGENCY), "--output", "out/framework", cwd=work)
    assert result.returncode == 2, result.stderr
    assert listing(elsewhere) == []
