"""Fuzz target: the YAML walker (checker/load/yamlfile.py).  Any bytes in a file of a document
folder: `read_yaml` documents no exception; problems are findings placed in the file, and what
it does read is what PyYAML reads, with a position for every value."""

from __future__ import annotations

import math
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from checker.load.resolver import Loader as ResolverLoader
from hypothesis import reject

from checker.load.yamlfile import YamlFile, YDict, YList, read_yaml
from tests.fuzz.harness import fuzz, screened
from tests.fuzz.known import is_open
from tests.fuzz.outputs import line_count
from tests.fuzz.strategies import yaml_bytes

_SCALARS = (str, int, float, bool, type(None))
# the loader the walker composes with (the C one when PyYAML has it)
# fwdoc reads YAML 1.1 without base-60 numbers (`1:30` is text, checker/load/resolver.py): the
# oracle composes with the same schema, so the walker is compared on what it adds
LOADER = ResolverLoader


def _plain(value: Any) -> Any:
    """PyYAML's value as the walker gives it: keys as text, dates as ISO text, NaN comparable."""
    if isinstance(value, dict):
        return {(k if isinstance(k, str) else _key(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    return value


def _key(key: Any) -> str:
    return str(key.isoformat() if isinstance(key, (date, datetime)) else key)


def _walked(value: Any, lines: int) -> Any:
    """Check every container carries positions inside the file; return the plain value."""
    if isinstance(value, YDict):
        assert 1 <= value.pos.line <= lines + 1
        assert set(value.key_pos) == set(value) == set(value.value_pos)
        for key in value:
            assert isinstance(key, str)
            assert 1 <= value.key_pos[key].line <= lines + 1 and value.key_pos[key].column >= 1
        return {k: _walked(v, lines) for k, v in value.items()}
    if isinstance(value, YList):
        assert len(value.item_pos) == len(value)
        return [_walked(v, lines) for v in value]
    if isinstance(value, bytes) and is_open("yaml-binary-scalar"):
        reject()
    assert isinstance(value, _SCALARS), type(value)
    return "NaN" if isinstance(value, float) and math.isnan(value) else value


@fuzz(yaml_bytes, examples=500)
def test_fuzz_yaml_walker(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "doc"
        (root / "parts").mkdir(parents=True)
        path = root / "parts" / "p.yaml"
        path.write_bytes(raw)
        with screened():
            doc = read_yaml(path, root)
    assert isinstance(doc, YamlFile)
    lines = max(len(doc.lines), line_count(raw))
    for finding in doc.findings:
        assert finding.code.startswith("SRC") and finding.message.strip(), finding
        (loc,) = finding.locations
        assert loc.file == "parts/p.yaml", finding
        assert 1 <= loc.line <= lines and loc.column >= 1, (finding, raw[:200])
    if doc.findings:
        return
    # read without a finding: the same values PyYAML reads, each placed
    text = raw.decode("utf-8")
    assert _walked(doc.data, len(doc.lines)) == _plain(yaml.load(text, Loader=LOADER))
