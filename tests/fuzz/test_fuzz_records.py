"""Fuzz target: the amendment-record reader (checker/amend/records.py).  Records with fuzzed
fields, odd file names and broken bytes: `load_records` documents no exception; every file
gives a record or a finding placed in it, and what it gives is what the schema promises."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import example, reject
from hypothesis import strategies as st

from checker.amend.records import STATUSES, Record, RecordSet, load_records
from tests.fuzz.harness import fuzz, screened
from tests.fuzz.known import is_open
from tests.fuzz.outputs import line_count
from tests.fuzz.strategies import MINI, source_files, yaml_bytes

file_name = st.one_of(st.just("2021-01-plan"), st.sampled_from(["x-1", "a", "Bad Name", "2021-01-plan-2"]),
                      st.text(st.characters(exclude_categories=("Cs",), exclude_characters="/\x00"),
                              min_size=1, max_size=12))
record_file = st.tuples(file_name, st.one_of(source_files("amendment"), source_files("amendment"), yaml_bytes))


def _reads_as_null(raw: bytes) -> bool:
    try:
        return yaml.safe_load(raw) is None
    except (ValueError, yaml.YAMLError, AttributeError, IndexError, KeyError, TypeError):
        return False


@fuzz(st.lists(record_file, min_size=1, max_size=3, unique_by=lambda f: f[0]), examples=120)
@example([("2021-01-plan", b"\r\x00")])  # a lone CR is a line end: the NUL stands on line 2
def test_fuzz_record_reader(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "doc"
        shutil.copytree(MINI, root)
        for stem, raw in files:
            (root / "amendments" / f"{stem}.yaml").write_bytes(raw)
        with screened():
            records = load_records(root)
        assert isinstance(records, RecordSet)
        for finding in records.findings:
            (loc, *_) = finding.locations
            assert loc.file.startswith("amendments/") and finding.message.strip(), finding
            if loc.line:
                assert 1 <= loc.line <= line_count((root / loc.file).read_bytes()) and loc.column >= 1, finding
        placed = {loc.file for f in records.findings for loc in f.locations}
        read = {r.file for r in records.records}
        for stem, raw in files:
            name = f"amendments/{stem}.yaml"
            if name in read or name in placed:
                continue
            if is_open("null-file-dropped") and _reads_as_null(raw):
                reject()
            raise AssertionError(f"{name} gives neither a record nor a finding")
        for record in records.records:
            assert isinstance(record, Record)
            assert isinstance(record.id, str) and isinstance(record.title, str) and record.status in STATUSES
            assert isinstance(record.proposed, str) and isinstance(record.in_force, (str, type(None)))
            assert all(isinstance(c, str) for c in record.changes.clauses)
            assert record.key_location("id").file == record.file
        ordered = records.in_order()
        assert sorted(r.id for r in ordered) == sorted(r.id for r in records.records)
        with screened():
            again = load_records(root)
        assert again.records == records.records and again.findings == records.findings
