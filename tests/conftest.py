"""Shared test fixtures and paths.

The reference data the tests compare against (the seed text the NOMS source was imported
from, the SARIF schema) lives in tests/data, so a clone of the repository on its own runs the
whole suite; paths are computed from the repository root, never hard-coded.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# the fuzz suite's hypothesis profiles (`ci`, `long`), registered before pytest reads
# --hypothesis-profile (see tests/fuzz/harness.py)
import tests.fuzz.harness  # noqa: F401

# The tests run the real `fwdoc` command in subprocesses: find the one installed beside the
# Python running the tests (the venv's bin), even when the venv is not activated.
os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
# pytest-xdist's workers run with COLUMNS=80 and LINES=24 (execnet sets them); the text format
# reads COLUMNS, so without this a test would see another width under `-n 2` than alone
for _name in ("COLUMNS", "LINES"):
    os.environ.pop(_name, None)

# The cache (checker/cache.py) of this test session lives in a folder of its own, removed at
# exit: a run never reads entries an earlier run (or another checkout's code) wrote under
# ~/.cache, and leaves nothing there.  Tests of the cache itself pass their own folder.
if "FWDOC_CACHE_DIR" not in os.environ:
    import atexit
    import shutil
    import tempfile

    _cache = tempfile.mkdtemp(prefix="fwdoc-test-cache-")
    os.environ["FWDOC_CACHE_DIR"] = _cache
    atexit.register(shutil.rmtree, _cache, True)

if TYPE_CHECKING:
    from checker.findings import Finding
    from checker.loader import LoadResult
    from checker.model import Document

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
SEED = DATA / "seed" / "noms-agency-framework-document-2008.md"
SARIF_SCHEMA = DATA / "schemas" / "sarif-schema-2.1.0.json"
FRAMEWORK = REPO / "framework"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seed_path() -> Path:
    assert SEED.is_file(), f"the seed document is missing: {SEED}"
    return SEED


@pytest.fixture(scope="session")
def sarif_schema_path() -> Path:
    assert SARIF_SCHEMA.is_file(), f"the SARIF schema is missing: {SARIF_SCHEMA}"
    return SARIF_SCHEMA


@pytest.fixture(scope="session")
def framework_dir() -> Path:
    return FRAMEWORK


@pytest.fixture(scope="session")
def loaded(framework_dir: Path) -> LoadResult:
    """The real framework, loaded once per test session (worker)."""
    from checker.loader import load_document

    return load_document(framework_dir)


@pytest.fixture(scope="session")
def document(loaded: LoadResult) -> Document:
    assert loaded.document is not None, [f"{f.location} {f.message}" for f in loaded.errors]
    return loaded.document


@pytest.fixture(scope="session")
def findings(loaded: LoadResult, document: Document) -> list[Finding]:
    """What the loader (syntax, names, citations) and every check report on the real framework."""
    from checker.checks.runner import run_checks

    return [*loaded.findings, *run_checks(document)]
