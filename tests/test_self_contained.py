"""A clone of the repository on its own runs the tests: nothing the suite reads lies outside it.

The proof is a real `git clone` of this checkout into an empty temporary folder (no `../shared`,
nothing else beside it), where the whole suite must collect and the tests that read reference
data (the seed text, the SARIF schema) must pass.  The clone is of the committed HEAD: what a
user who clones the project gets.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, SARIF_SCHEMA, SEED

SEED_SHA256 = "4a3ce9750f0d5b35194d98770f09983e5756841736c4d406398d3ba6682624bb"

# Tests that failed on a clone without ../shared beside it, one or more for every place that
# builds a path to the reference data (conftest.py, recall.py, the amendment SARIF tests); the
# PDF recall and the action's second pull request read the same paths and are left to the suite.
READS_REFERENCE_DATA = [
    *(f"tests/test_importer.py::{name}" for name in (
        "test_seed_parts_in_reading_order", "test_seed_glossary_has_every_entry",
        "test_seed_word_recall", "test_seed_output_matches_the_schemas",
    )),
    "tests/test_noms_governance.py::test_annex_a_paragraphs_keep_the_original_words_in_order",
    "tests/test_sarif.py::test_sarif_validates_against_the_official_schema",
    "tests/test_publish_html.py::test_html_publication_recall",
    "tests/test_publish_md.py::test_markdown_publication_recall",
    "tests/test_publish_md.py::test_seed_body_starts_at_the_foreword_and_skips_the_contents",
    "tests/test_amend_action.py::test_the_action_on_a_pull_request[approvers0-C-acceptable]",
    "tests/test_amend_formats.py::test_sarif_validates_against_the_official_schema",
]


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def test_reference_data_lives_in_the_repository() -> None:
    for path in (SEED, SARIF_SCHEMA):
        assert path.is_file(), path
        assert path.resolve().is_relative_to(REPO / "tests" / "data"), path
    # the seed is the text the NOMS source was imported from, kept as received
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256


def test_a_lone_clone_collects_and_runs_the_tests_that_read_reference_data(tmp_path: Path) -> None:
    clone = tmp_path / "fwdoc"
    _run(["git", "clone", "-q", "--no-hardlinks", str(REPO), str(clone)], tmp_path, dict(os.environ)).check_returncode()
    assert [p.name for p in tmp_path.iterdir()] == ["fwdoc"]  # nothing beside the clone
    # The clone's own code and tests, in this process and in every `fwdoc` the tests start.
    env = {**os.environ, "PYTHONPATH": str(clone), "PYTHONDONTWRITEBYTECODE": "1"}
    where = _run([sys.executable, "-c", "import checker, tests; print(checker.__file__, tests.__file__)"], clone, env)
    assert where.stdout.split() == [str(clone / "checker" / "__init__.py"), str(clone / "tests" / "__init__.py")]
    pytest_cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "-q"]
    collected = _run([*pytest_cmd, "--collect-only"], clone, env)
    assert collected.returncode == 0, collected.stdout[-4000:] + collected.stderr[-4000:]
    assert re.search(r"^\d+ tests collected", collected.stdout, re.MULTILINE), collected.stdout[-2000:]
    ran = _run([*pytest_cmd, "-x", *READS_REFERENCE_DATA], clone, env)
    assert ran.returncode == 0, ran.stdout[-6000:] + ran.stderr[-2000:]
    passed = re.search(r"^(\d+) passed", ran.stdout, re.MULTILINE)
    assert passed and int(passed.group(1)) == len(READS_REFERENCE_DATA), ran.stdout[-2000:]
