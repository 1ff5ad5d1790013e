"""The validators compiled ahead of time (checker/load/schemacode.py) are the code fastjsonschema
generates for today's schemas, say what the compiled-at-start validators say, and a stale one
is never used."""

from __future__ import annotations

import importlib
import json
from typing import Any

import fastjsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.load import schema, schemacode

KINDS = schemacode.KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_every_shipped_module_is_current(kind: str) -> None:
    """Fails after a schema changes: run `python -m checker.load.schemacode` and commit the result."""
    path = schemacode.OUT / f"{kind}.py"
    assert path.read_text(encoding="utf-8") == schemacode.source(kind), (
        f"{path} is stale: run `python -m checker.load.schemacode`")


@pytest.mark.parametrize("kind", KINDS)
def test_the_shipped_validator_is_used_when_current(kind: str) -> None:
    module = importlib.import_module(f"checker.load.compiled.{kind}")
    assert schema._shipped(kind, fastjsonschema.VERSION) is module.validate


def test_a_stale_module_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("checker.load.compiled.part")
    assert schema._shipped("part", "0.0.0") is None  # another fastjsonschema wrote it
    monkeypatch.setattr(module, "SCHEMA_SHA256", "0" * 64)  # another schema
    assert schema._shipped("part", fastjsonschema.VERSION) is None
    monkeypatch.delattr(module, "SCHEMA_SHA256")
    assert schema._shipped("part", fastjsonschema.VERSION) is None
    assert schema._shipped("no-such-kind", fastjsonschema.VERSION) is None


_scalars = st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(
    ["", "x", "a_b", "must", "2024-01-01", "A", "part-1", "1.2", "Ab c"])
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["id", "title", "name", "clauses", "rules", "text", "kind", "number", "x", "parts",
                     "actors", "objects", "sentences", "label", "status"]), inner, max_size=4), max_leaves=12)


def _verdict(validate: Any, data: Any) -> bool:
    try:
        validate(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(KINDS), data=_values)
def test_shipped_and_compiled_validators_agree(kind: str, data: Any) -> None:
    compiled = fastjsonschema.compile(json.loads((schema.SCHEMA_DIR / f"{kind}.schema.json").read_text(
        encoding="utf-8")), use_default=False)
    shipped = schema._shipped(kind, fastjsonschema.VERSION)
    assert shipped is not None
    assert _verdict(shipped, data) == _verdict(compiled, data)


def test_framework_files_are_valid_through_the_shipped_validators() -> None:
    from checker.load.yamlfile import read_yaml
    from tests.conftest import FRAMEWORK

    manifest = read_yaml(FRAMEWORK / "manifest.yaml", FRAMEWORK)
    assert schema.is_valid(manifest.data, "manifest")
    part = next((FRAMEWORK / "parts").glob("*.yaml"))
    assert schema.is_valid(read_yaml(part, FRAMEWORK).data, "part")
    assert not schema.is_valid({"nonsense": 1}, "part")
