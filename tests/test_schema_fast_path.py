"""The compiled schema validator (the loader's fast path) agrees with jsonschema on every YAML
file the tests hold, valid and invalid: it may never let through what jsonschema refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.load.schema import KINDS, is_valid, validator
from tests.conftest import FRAMEWORK, REPO


def _kind(path: Path, data: object) -> str | None:
    if not isinstance(data, dict):
        return None
    if path.name == "manifest.yaml":
        return "manifest"
    if path.name in ("actors.yaml", "objects.yaml"):
        return path.stem
    if path.parent.name == "parts":
        return "part"
    if path.parent.name == "amendments":
        return "amendment"
    return None


def _samples() -> list[tuple[Path, str]]:
    out = []
    for root in (FRAMEWORK, REPO / "tests" / "fixtures"):
        for path in sorted(root.rglob("*.yaml")):
            if "bad" in path.relative_to(root).parts:  # the bad-input corpus (an alias bomb...)
                continue
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (yaml.YAMLError, UnicodeDecodeError, ValueError):
                continue
            kind = _kind(path, data)
            if kind is not None:
                out.append((path, kind))
    return out


SAMPLES = _samples()


def test_the_samples_cover_every_kind() -> None:
    assert {kind for _, kind in SAMPLES} == set(KINDS)
    assert len(SAMPLES) > 50


@pytest.mark.parametrize(("path", "kind"), SAMPLES, ids=[str(p.relative_to(REPO)) for p, _ in SAMPLES])
def test_fast_path_agrees_with_jsonschema(path: Path, kind: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    reference = not any(True for _ in validator(kind).iter_errors(_iso(data)))
    assert is_valid(_iso(data), kind) == reference


def _iso(value: object) -> object:
    import datetime

    if isinstance(value, dict):
        return {str(k): _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value
