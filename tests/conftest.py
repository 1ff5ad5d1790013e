"""Shared test fixtures and paths.

CI runs on a clean clone with the shared reference data beside it (`../shared`), so paths to
the seed and schemas are computed from the repository root, never hard-coded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "noms-agency-framework-document-2008.md"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
FRAMEWORK = REPO / "framework"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seed_path() -> Path:
    assert SEED.is_file(), f"the seed document is missing: {SEED} (CI puts ../shared beside the clone)"
    return SEED


@pytest.fixture(scope="session")
def sarif_schema_path() -> Path:
    assert SARIF_SCHEMA.is_file(), f"the SARIF schema is missing: {SARIF_SCHEMA}"
    return SARIF_SCHEMA


@pytest.fixture(scope="session")
def framework_dir() -> Path:
    return FRAMEWORK
