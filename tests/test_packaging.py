"""The built wheel carries the grammar, schemas and site configuration, and works outside a
source checkout (no repository-root fallback)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FRAMEWORK, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(REPO)],
        check=True, capture_output=True, text=True,
    )
    (found,) = out.glob("fwdoc-*.whl")
    return found


def test_wheel_ships_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "checker/_data/grammar/obligations.lark" in names
    assert "checker/schemas/part.schema.json" in names
    assert any(name.startswith("checker/_data/site/") for name in names)
    assert "checker/_data/docs/dsl.md" in names  # the site's DSL reference page
    assert "checker/cli/__init__.py" in names
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "fwdoc = checker.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_wheel_checks_a_document_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(site)
    document = tmp_path / "doc"
    shutil.copytree(FRAMEWORK, document)
    result = subprocess.run(
        [sys.executable, "-c", "from checker.cli import main; raise SystemExit(main())",
         "check", str(document), "--format", "json"],
        cwd=tmp_path, capture_output=True, text=True,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    assert result.returncode in (0, 1), result.stderr
    assert '"stats"' in result.stdout
    # the grammar came from the wheel, not from the repository
    probe = subprocess.run(
        [sys.executable, "-c", "from checker.grammar_path import grammar_file; print(grammar_file())"],
        cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(site)},
    )
    assert str(site) in probe.stdout, probe.stdout + probe.stderr
