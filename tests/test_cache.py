"""The cache (checker/cache.py) is safe to lose and safe to find damaged: results are the same
byte for byte with and without it, a damaged entry is ignored, a stale one is never used, and
it is never kept inside a document folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker import cache
from checker.cli import main
from checker.dsl import parser
from checker.dsl.ast import NameRef, Qualifier, Statement
from checker.dsl.parser import DslError, parse_many, parse_rules
from tests.conftest import FRAMEWORK


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setattr(cache._SETTINGS, "folder", where)
    parser._grammar_key()  # registers the record classes
    return where


def _entries(where: Path) -> list[Path]:
    return sorted(p for p in where.rglob("*") if p.is_file())


# -- the format ---------------------------------------------------------------------------

_names = st.builds(NameRef, st.text(max_size=8), st.integers(1, 10**6), st.integers(0, 500))
_quals = st.builds(Qualifier, st.text(max_size=6), st.tuples(_names), st.none() | st.text(max_size=10),
                   st.lists(_names, max_size=2).map(tuple))
_statements = st.builds(Statement, st.sampled_from(["obligation", "sentence", "delegation"]),
                        st.integers(1, 999), st.integers(1, 99), st.text(max_size=30),
                        st.lists(_names, max_size=3).map(tuple), st.none() | st.just("must"),
                        st.none() | st.text(max_size=5), st.lists(_names, max_size=2).map(tuple),
                        st.just(()), st.lists(_quals, max_size=2).map(tuple))
_plain = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10) | st.dates()
    | st.decimals(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=4).map(tuple)
    | st.dictionaries(st.integers() | st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


@given(value=_plain | st.lists(_statements, max_size=4))
def test_what_is_stored_is_what_is_read(value: object) -> None:
    parser._grammar_key()
    assert cache.loads(cache.dumps(value)) == value


@given(body=st.binary(max_size=200))
def test_any_bytes_decode_to_a_value_or_a_corrupt_entry(body: bytes) -> None:
    parser._grammar_key()
    try:
        cache.loads(body)
    except cache.CorruptEntry:
        pass


def test_an_unregistered_class_is_refused_on_reading() -> None:
    with pytest.raises(cache.CorruptEntry):
        cache.loads(b'{"c":"os.system","v":["true"]}')
    with pytest.raises(TypeError):
        cache.dumps(object())


# -- entries --------------------------------------------------------------------------------

def test_a_damaged_entry_is_ignored_and_replaced(folder: Path) -> None:
    name = cache.key("test", "damaged")
    assert cache.write(name, {"a": (1, 2)})
    assert cache.read(name) == {"a": (1, 2)}
    (path,) = _entries(folder)
    data = path.read_bytes()
    for damaged in (data[:-3], data[:-1] + b"]", data.replace(b"[1,2]", b"[1,3]"), b"", b"\x00" * 50):
        path.write_bytes(damaged)
        assert cache.read(name) is None
    assert cache.cached(name, lambda: {"a": (1, 2)}) == {"a": (1, 2)}
    assert cache.read(name) == {"a": (1, 2)}


def test_an_entry_under_another_key_is_stale(folder: Path) -> None:
    old, new = cache.key("test", "one"), cache.key("test", "two")
    assert cache.write(old, [1])
    (path,) = _entries(folder)
    target = folder / new[:2] / new
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, target)
    assert cache.read(new) is None


def test_keys_depend_on_every_part() -> None:
    assert cache.key("ab", "c") != cache.key("a", "bc")
    assert cache.key("a") != cache.key("a", "")


def test_a_cache_folder_inside_a_document_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = tmp_path / "framework"
    shutil.copytree(FRAMEWORK, document)
    inside = document / "parts" / ".cache"
    assert main(["--cache-dir", str(inside), "check", str(document), "--format", "json"]) == 0
    assert not inside.exists()
    monkeypatch.setenv("FWDOC_CACHE_DIR", str(document))
    cache.configure(True)
    try:
        assert cache.folder() is None
    finally:
        cache.configure(True)


# -- parsed rules ----------------------------------------------------------------------------

BLOCKS = ['"x":\n  a must approve b\n  a msut approve b\n', "a is accountable to b; c reports to d",
          "c must submit plan to board annually\nd delegates approve plan to e in writing", ""]


def test_parsed_rules_are_the_same_from_the_cache(folder: Path) -> None:
    fresh = [parse_rules(block) for block in BLOCKS]
    assert parse_many(BLOCKS) == fresh  # written
    assert _entries(folder)
    assert parse_many(BLOCKS) == fresh  # read
    for path in _entries(folder):  # every entry damaged: parsed again, the same
        path.write_bytes(path.read_bytes()[:-5])
    assert parse_many(BLOCKS) == fresh


def test_a_forged_entry_of_the_wrong_shape_is_not_used(folder: Path) -> None:
    parse_many(BLOCKS)
    for path in _entries(folder):
        head, key, _, _ = path.read_bytes().split(b"\n", 3)
        body = cache.dumps({"not": "statements"})
        import hashlib

        path.write_bytes(head + b"\n" + key + b"\n" + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    assert parse_many(BLOCKS) == [parse_rules(block) for block in BLOCKS]


def _blocks() -> list[str]:
    """Every rules block of the fixtures and of the bundled document."""
    import yaml

    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "rules" and isinstance(v, str):
                    out.append(v)
                else:
                    walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    fixtures = FRAMEWORK.parent / "tests" / "fixtures"
    # (not tests/fixtures/bad: alias bombs and broken YAML live there)
    for path in sorted([*FRAMEWORK.rglob("*.yaml"), *(fixtures / "semantics").rglob("*.yaml"),
                        *(fixtures / "checks").rglob("*.yaml")]):
        if path.stat().st_size > 200_000:
            continue
        try:
            walk(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))
        except (yaml.YAMLError, UnicodeDecodeError, ValueError):
            continue
    return out


def test_every_construct_of_the_language_goes_through_the_cache() -> None:
    """Whatever a statement holds (names, conditions, dates, amounts), it is stored and read
    back as it was: a value the format cannot hold would silently turn the cache off."""
    parser._grammar_key()
    blocks = _blocks()
    assert len(blocks) > 50
    for block in blocks:
        statements, errors = parse_rules(block)
        assert cache.loads(cache.dumps((statements, errors))) == (statements, errors)


def test_an_error_is_kept_as_it_was(folder: Path) -> None:
    parse_many(BLOCKS)
    statements, errors = parse_many(BLOCKS)[0]
    assert errors and all(isinstance(e, DslError) for e in errors)
    assert "did you mean 'must'" in errors[0].message


# -- whole runs: the same bytes with and without the cache -----------------------------------

@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_check_writes_the_same_bytes_with_and_without_the_cache(tmp_path: Path, fmt: str) -> None:
    document = tmp_path / "framework"
    shutil.copytree(FRAMEWORK, document)
    outputs = []
    where = tmp_path / "cache"
    for options in (["--no-cache"], ["--cache-dir", str(where)], ["--cache-dir", str(where)]):
        out = tmp_path / f"out-{len(outputs)}.{fmt}"
        status = main([*options, "check", str(document), "--format", fmt, "--output", str(out)])
        outputs.append((status, out.read_bytes()))
    cache.configure(True)
    assert _entries(where)
    assert outputs[0] == outputs[1] == outputs[2]
    if fmt == "json":
        assert json.loads(outputs[0][1])


def test_an_edit_is_seen_through_the_cache(tmp_path: Path) -> None:
    document = tmp_path / "framework"
    shutil.copytree(FRAMEWORK, document)
    where = tmp_path / "cache"
    out = tmp_path / "out.json"
    assert main(["--cache-dir", str(where), "check", str(document), "--format", "json", "--output", str(out)]) == 0
    before = json.loads(out.read_text(encoding="utf-8"))
    part = document / "parts" / "ministry-justice-strategy-sponsorship-relationships.yaml"
    text = part.read_text(encoding="utf-8")
    good = "            permanent_secretary line manages director_general\n"
    part.write_text(text.replace(good, "            permanent_secretary msut approve corporate_plan\n"), encoding="utf-8")
    main(["--cache-dir", str(where), "check", str(document), "--format", "json", "--output", str(out)])
    cached = out.read_bytes()
    main(["--no-cache", "check", str(document), "--format", "json", "--output", str(out)])
    cache.configure(True)
    assert cached == out.read_bytes()
    assert json.loads(cached) != before
    assert b"msut" in cached
