"""`fwdoc check` keeps its whole result in the cache (issue 14: NOMS under 0.3 s): a second check of
the same bytes by the same code reads it back, and the report is byte-identical to a check with
no cache; a damaged, forged or stale entry is ignored; an edit, another day or a folder that cannot
be summed is never answered from an old entry."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from checker import cache, loader
from checker.cli import check as check_cli
from checker.cli import main
from tests.conftest import FRAMEWORK

PART = "parts/ministry-justice-strategy-sponsorship-relationships.yaml"
GOOD = "            permanent_secretary line manages director_general\n"


@pytest.fixture
def document(tmp_path: Path) -> Path:
    copy = tmp_path / "framework"
    shutil.copytree(FRAMEWORK, copy)
    return copy


def _run(document: Path, out: Path, *options: str, cached: Path | None = None, fmt: str = "json") -> bytes:
    where = ["--cache-dir", str(cached)] if cached is not None else ["--no-cache"]
    try:
        main([*where, "check", str(document), "--format", fmt, "--output", str(out), "--today", "2024-01-01",
              *options])
    finally:
        cache.configure(True)
    return out.read_bytes()


def _entry(document: Path, where: Path, today: str = "2024-01-01") -> Path:
    cache.configure(where)
    try:
        name = check_cli._result_key(document, date.fromisoformat(today), ())
    finally:
        cache.configure(True)
    assert name is not None
    return where / name[0][:2] / name[0]


class _NoLoad(Exception):
    pass


def _forbid_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(root: Path) -> object:
        raise _NoLoad(str(root))

    monkeypatch.setattr(loader, "load_document", refuse)


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_a_second_check_is_read_back_and_writes_the_same_bytes(
        document: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    where = tmp_path / "cache"
    cold = _run(document, tmp_path / "cold", fmt=fmt)
    filled = _run(document, tmp_path / "filled", cached=where, fmt=fmt)
    assert _entry(document, where).is_file()
    _forbid_loading(monkeypatch)  # the third run must not load the document at all
    warm = _run(document, tmp_path / "warm", cached=where, fmt=fmt)
    assert cold == filled == warm
    # (and without the cache it would have had to: the refusal stops that run)
    try:
        status = main(["--no-cache", "check", str(document), "--format", fmt, "--output", str(tmp_path / "cold2"),
                       "--today", "2024-01-01"])
    finally:
        cache.configure(True)
    assert status not in (0, 1) and not (tmp_path / "cold2").exists()


def test_a_damaged_entry_is_ignored_and_replaced(document: Path, tmp_path: Path) -> None:
    where = tmp_path / "cache"
    cold = _run(document, tmp_path / "cold")
    _run(document, tmp_path / "filled", cached=where)
    entry = _entry(document, where)
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0x20  # one bit of the body flipped: the checksum no longer matches
    entry.write_bytes(bytes(data))
    assert _run(document, tmp_path / "after", cached=where) == cold
    assert entry.read_bytes() != bytes(data)  # written again
    entry.write_bytes(entry.read_bytes()[:100])  # cut short
    assert _run(document, tmp_path / "after2", cached=where) == cold


def test_a_forged_entry_of_another_shape_is_not_used(document: Path, tmp_path: Path) -> None:
    where = tmp_path / "cache"
    cold = _run(document, tmp_path / "cold")
    _run(document, tmp_path / "filled", cached=where)
    name = _entry(document, where).name
    digest = cache.folder_digest(document)
    for forged in ([digest, [], {}, 3], [digest, ["not a finding"], {}, "title"], [digest, [], {"parts": 1}],
                   [[], {}, "title"], {"a": 1}, "text", [digest]):
        assert cache.write(name, forged, where)
        assert _run(document, tmp_path / "forged", cached=where) == cold


def test_the_result_of_the_folder_before_an_edit_is_stale(document: Path, tmp_path: Path) -> None:
    where = tmp_path / "cache"
    _run(document, tmp_path / "filled", cached=where)
    entry = _entry(document, where)
    before = entry.read_bytes()
    part = document / PART
    part.write_text(part.read_text(encoding="utf-8").replace(GOOD, "            permanent_secretary msut approve "
                                                                    "corporate_plan\n"), encoding="utf-8")
    assert _entry(document, where) == entry  # one entry a folder: the edit's result replaces it
    cold = _run(document, tmp_path / "cold")
    assert _run(document, tmp_path / "warm", cached=where) == cold  # the old result is not used
    assert b"msut" in cold and entry.read_bytes() != before
    entry.write_bytes(before)  # the old result put back: still stale for the edited bytes
    assert _run(document, tmp_path / "warm2", cached=where) == cold


def test_an_edit_another_day_or_another_place_is_checked_again(document: Path, tmp_path: Path) -> None:
    where = tmp_path / "cache"
    before = _run(document, tmp_path / "a", cached=where)
    part = document / PART
    part.write_text(part.read_text(encoding="utf-8").replace(GOOD, "            permanent_secretary msut approve "
                                                                    "corporate_plan\n"), encoding="utf-8")
    after = _run(document, tmp_path / "b", cached=where)
    assert after != before and after == _run(document, tmp_path / "c")
    later = ["--today", "2099-01-01"]
    assert _run(document, tmp_path / "d", *later, cached=where) == _run(document, tmp_path / "e", *later)
    moved = tmp_path / "moved"
    shutil.copytree(document, moved)
    assert _entry(moved, where) != _entry(document, where)
    assert _entry(document, where, "2099-01-01") != _entry(document, where)


def test_a_folder_with_a_link_is_not_answered_from_the_cache(document: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("title: x\n", encoding="utf-8")
    os.symlink(outside, document / "linked.yaml")
    assert cache.folder_digest(document) is None
    cache.configure(tmp_path / "cache")
    try:
        assert check_cli._result_key(document, date(2024, 1, 1), ()) is None
    finally:
        cache.configure(True)
    where = tmp_path / "cache"
    assert _run(document, tmp_path / "a", cached=where) == _run(document, tmp_path / "b")


def test_the_result_names_what_it_found(document: Path, tmp_path: Path) -> None:
    """Not an empty report read back: the warm report is the cold one, findings and all."""
    where = tmp_path / "cache"
    _run(document, tmp_path / "a", cached=where)
    report = json.loads(_run(document, tmp_path / "b", cached=where))
    cold = json.loads(_run(document, tmp_path / "c"))
    assert report == cold and report["findings"]


def test_a_folder_without_a_manifest_is_not_summed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`fwdoc check .` in a folder that is no document says so at once: nothing is hashed."""
    folder = tmp_path / "not-a-document"
    folder.mkdir()
    (folder / "big.bin").write_bytes(b"x" * 1000)

    def refuse(root: Path) -> None:
        raise AssertionError("summed a folder that is not a document")

    monkeypatch.setattr(cache, "folder_digest", refuse)
    cache.configure(tmp_path / "cache")
    try:
        assert check_cli._result_key(folder, date(2024, 1, 1), ()) is None
        status = main(["--cache-dir", str(tmp_path / "cache"), "check", str(folder)])
    finally:
        cache.configure(True)
    assert status == 2


def test_a_file_over_the_loaders_limit_is_left_unread(document: Path, tmp_path: Path) -> None:
    """The loader refuses a file over its byte limit without reading it: so does the cache."""
    from checker.load.source import MAX_BYTES

    big = document / "parts" / "huge.yaml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # (sparse: nothing to read but its size)
    assert cache.folder_digest(document, file_limit=MAX_BYTES) is None
    assert cache.folder_digest(document) is not None
    where = tmp_path / "cache"
    assert _run(document, tmp_path / "a", cached=where) == _run(document, tmp_path / "b")
