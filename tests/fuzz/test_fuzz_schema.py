"""Fuzz target: the schema validator (checker/load/schema.py).  Valid source files of every
kind with fuzzed fields: `validate` documents no exception, agrees with the reference
validator (the fast path never passes what the schema refuses), and says why it refuses, with
a place in the file and in a YAML author's words."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import strategies as st

from checker.load.schema import KINDS, validate, validator
from checker.load.yamlfile import read_yaml
from tests.fuzz.harness import fuzz, screened
from tests.fuzz.known import is_open
from tests.fuzz.strategies import source_files

PYTHON_WORDS = ("YDict", "YList", "NoneType", "<class", "Traceback")


@fuzz(st.sampled_from(KINDS).flatmap(lambda kind: st.tuples(st.just(kind), source_files(kind))), examples=200)
def test_fuzz_schema_validator(case: tuple[str, bytes]) -> None:
    kind, raw = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / "file.yaml"
        path.write_bytes(raw)
        with screened():
            doc = read_yaml(path, root)
            before = len(doc.findings)
            ok = validate(doc, kind)
    assert isinstance(ok, bool)
    new = doc.findings[before:]
    if doc.data is None:
        assert not ok and not new
        return
    with screened():
        reference = validator(kind).is_valid(doc.data)
    assert ok == reference, (kind, raw[:300], [f.message for f in new])
    assert ok == (not new), [f.message for f in new]
    lines = len(doc.lines)
    for finding in new:
        assert finding.code == "SCH001" and finding.message.strip()
        (loc,) = finding.locations
        assert loc.file == "file.yaml" and 1 <= loc.line <= lines and loc.column >= 1, (finding, raw[:300])
        if not (is_open("yaml-binary-scalar") and "bytes" in finding.message):
            assert not any(word in finding.message for word in PYTHON_WORDS), finding.message
