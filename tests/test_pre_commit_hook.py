"""The shipped pre-commit hook (.pre-commit-hooks.yaml): a manifest pre-commit accepts, and an
entry that shows the errors first and little else, so the one error is not line 75 of 85.

The hook's entry is run as pre-commit runs it (the entry's words, then the hook's args, in the
repository, no file names); `pre-commit validate-manifest` checks the manifest itself.  (A full
`pre-commit try-repo` builds a fresh environment with every dependency, minutes of network
work, so it is not part of the suite.)"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import FRAMEWORK, REPO

BIN = Path(sys.executable).parent


def test_pre_commit_accepts_the_manifest() -> None:
    proc = subprocess.run([str(BIN / "pre-commit"), "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_hook_shows_the_error_first_and_little_else(tmp_path: Path) -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    doc = tmp_path / "framework"
    shutil.copytree(FRAMEWORK, doc)
    part = doc / "parts" / "ministry-justice-strategy-sponsorship-relationships.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("line manages director_general",
                                                             "line manages director_genral"), encoding="utf-8")
    entry = shlex.split(hook["entry"])
    proc = subprocess.run([str(BIN / entry[0]), *entry[1:]], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert "NAM001" in lines[1] and len(lines) <= 8, proc.stdout
    clean = subprocess.run([str(BIN / entry[0]), *entry[1:], str(FRAMEWORK)], capture_output=True, text=True,
                           timeout=300)
    assert clean.returncode == 0 and len(clean.stdout.splitlines()) <= 4, clean.stdout
    # the same warnings as the clean document, and the one error
    warnings = re.search(r"0 errors, (\d+) warnings?", clean.stdout)
    assert warnings, clean.stdout
    assert f"1 error, {warnings.group(1)} warning" in proc.stdout and "not shown" in proc.stdout
