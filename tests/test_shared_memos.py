"""`fwdoc amend` loads BASE and HEAD in one process: within `shared_reads` the pure work of the
first load (sentences split, quotes normalised, the cache's entries decoded) is reused by the
second.  The model and the findings are the same as loading each on its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from checker import cache
from checker.load.yamlfile import shared_memo, shared_reads
from checker.loader import load_document
from tests.conftest import FRAMEWORK

PART = "parts/ministry-justice-strategy-sponsorship-relationships.yaml"


def _edited(tmp_path: Path) -> Path:
    head = tmp_path / "head"
    shutil.copytree(FRAMEWORK, head)
    part = head / PART
    text = part.read_text(encoding="utf-8")
    # one sentence and one rule changed: the rest of the prose is shared with BASE
    text = text.replace("permanent_secretary line manages director_general",
                        "permanent_secretary msut approve corporate_plan", 1)
    part.write_text(text.replace(" the ", " the  ", 3), encoding="utf-8")
    return head


def test_two_loads_in_one_scope_build_what_two_loads_build_apart(tmp_path: Path) -> None:
    head = _edited(tmp_path)
    alone_base, alone_head = load_document(FRAMEWORK), load_document(head)
    with shared_reads():
        base, edited = load_document(FRAMEWORK), load_document(head)
        again = load_document(FRAMEWORK)
        assert shared_memo("units") and shared_memo("normalised")
    assert shared_memo("units") is None  # nothing kept after the block
    assert base.document == alone_base.document and base.findings == alone_base.findings
    assert edited.document == alone_head.document and edited.findings == alone_head.findings
    assert again.document == alone_base.document and again.findings == alone_base.findings
    assert edited.document != base.document


def test_an_entry_is_decoded_once_a_scope_and_checked_every_time(tmp_path: Path) -> None:
    where = tmp_path / "cache"
    name = cache.key("test", "decoded once")
    assert cache.write(name, [(1, 2), {"a": (3,)}], where)
    with cache.decoded_once():
        first, second = cache.read(name, where), cache.read(name, where)
        assert first is second and first == [(1, 2), {"a": (3,)}]
        assert cache.write(name, ["other"], where)  # new bytes: decoded anew
        assert cache.read(name, where) == ["other"]
        path = where / name[:2] / name
        data = bytearray(path.read_bytes())
        data[-2] ^= 1  # damaged: refused even though an entry of that name was decoded before
        path.write_bytes(bytes(data))
        assert cache.read(name, where) is None
    assert cache.write(name, [1], where)
    assert cache.read(name, where) is not cache.read(name, where)  # outside: a value each read
