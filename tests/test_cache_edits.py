"""Random edits to a document's rules and prose give the same findings, byte for byte, through
a cache filled before the edit as without any cache (an edited block is never read back stale,
an unedited one is read back as it was parsed)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import cache
from checker.cli import main
from tests.conftest import FRAMEWORK

PART = "ministry-justice-strategy-sponsorship-relationships.yaml"


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, bytes]]:
    where = tmp_path_factory.mktemp("edits")
    document = where / "framework"
    shutil.copytree(FRAMEWORK, document)
    part = document / "parts" / PART
    folder = where / "cache"
    out = where / "warm.json"
    main(["--cache-dir", str(folder), "check", str(document), "--format", "json", "--output", str(out)])
    yield document, folder, part.read_bytes()
    cache.configure(True)


def _edit(text: str, line_no: int, how: str, other: int) -> str:
    lines = text.split("\n")
    # a line of a rules block or of prose: anything indented under a clause
    candidates = [i for i, line in enumerate(lines) if line.startswith("        ") and line.strip()]
    at = candidates[line_no % len(candidates)]
    words = lines[at].split(" ")
    if how == "drop-word" and len(words) > 1:
        del words[other % len(words)]
    elif how == "swap-words" and len(words) > 2:
        i, j = other % len(words), (other + 1) % len(words)
        words[i], words[j] = words[j], words[i]
    elif how == "borrow-word":
        pool = re.findall(r"[a-z_]{3,}", text)
        words.append(pool[other % len(pool)])
    elif how == "duplicate-line":
        lines.insert(at, lines[at])
    elif how == "drop-line":
        del lines[at]
        return "\n".join(lines)
    lines[at] = " ".join(words)
    return "\n".join(lines)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line_no=st.integers(0, 10**6), other=st.integers(0, 10**6),
       how=st.sampled_from(["drop-word", "swap-words", "borrow-word", "duplicate-line", "drop-line"]))
def test_an_edit_gives_the_same_findings_with_and_without_the_cache(
        copy: tuple[Path, Path, bytes], line_no: int, other: int, how: str) -> None:
    document, folder, original = copy
    part = document / "parts" / PART
    part.write_text(_edit(original.decode("utf-8"), line_no, how, other), encoding="utf-8")
    try:
        outputs = []
        for options in (["--cache-dir", str(folder)], ["--no-cache"]):
            out = document.parent / "out.json"
            status = main([*options, "check", str(document), "--format", "json", "--output", str(out)])
            outputs.append((status, out.read_bytes()))
        assert outputs[0] == outputs[1]
    finally:
        part.write_bytes(original)
