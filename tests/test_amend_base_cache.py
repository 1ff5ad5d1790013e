"""`fwdoc amend` keeps BASE's findings in the cache (amend/judge._base_checked), keyed by the
bytes of every file of BASE, fwdoc's code, the context and the checks: the judgement is the
same byte for byte with a cold cache, a warm one, a damaged one and none; an edit to BASE is
never judged by the findings of the BASE before it."""

from __future__ import annotations

import shutil
from pathlib import Path

from checker import cache
from checker.cli import main
from checker.findings import Finding, Location, Severity
from tests.conftest import FRAMEWORK

PART = "ministry-justice-strategy-sponsorship-relationships.yaml"
GOOD = "            permanent_secretary line manages director_general\n"


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(FRAMEWORK, base)
    shutil.copytree(FRAMEWORK, head)
    part = head / "parts" / PART
    text = part.read_text(encoding="utf-8")
    assert GOOD in text
    part.write_text(text.replace(GOOD, "            permanent_secretary must approve corporate_plan\n"), encoding="utf-8")
    return base, head


def _amend(tmp_path: Path, base: Path, head: Path, *options: str) -> tuple[int, bytes]:
    out = tmp_path / "judgement.json"
    status = main([*options, "amend", "compare", str(base), str(head), "--format", "json", "--output", str(out)])
    cache.configure(True)
    return status, out.read_bytes()


def _base_entries(where: Path) -> list[Path]:
    return [p for p in where.rglob("*") if p.is_file() and b"checker.findings.Finding" in p.read_bytes()]


def test_the_judgement_is_the_same_cold_warm_damaged_and_without_the_cache(tmp_path: Path) -> None:
    base, head = _pair(tmp_path)
    where = tmp_path / "cache"
    cold = _amend(tmp_path, base, head, "--cache-dir", str(where))
    entries = _base_entries(where)
    assert len(entries) == 1  # BASE's findings were stored
    warm = _amend(tmp_path, base, head, "--cache-dir", str(where))
    for entry in entries:  # flip a byte of the stored findings: ignored, computed again
        data = bytearray(entry.read_bytes())
        data[-3] ^= 0x20
        entry.write_bytes(bytes(data))
    damaged = _amend(tmp_path, base, head, "--cache-dir", str(where))
    without = _amend(tmp_path, base, head, "--no-cache")
    assert cold == warm == damaged == without


def test_an_edit_to_base_is_not_judged_by_the_findings_before_it(tmp_path: Path) -> None:
    base, head = _pair(tmp_path)
    where = tmp_path / "cache"
    _amend(tmp_path, base, head, "--cache-dir", str(where))
    # BASE gains the finding HEAD had: an edit anywhere in BASE's folder is a new key
    shutil.copy(head / "parts" / PART, base / "parts" / PART)
    cached = _amend(tmp_path, base, head, "--cache-dir", str(where))
    assert cached == _amend(tmp_path, base, head, "--no-cache")
    assert len(_base_entries(where)) == 2


def test_a_link_in_base_turns_the_cache_off_for_it(tmp_path: Path) -> None:
    base, _ = _pair(tmp_path)
    (base / "notes.yaml").symlink_to(base / "manifest.yaml")
    assert cache.folder_digest(base) is None
    (base / "notes.yaml").unlink()
    assert cache.folder_digest(base) is not None


def test_findings_come_back_with_their_severity(tmp_path: Path) -> None:
    from checker import findings

    cache.record_module(findings)
    cache.record_enum(Severity)
    finding = Finding("REF001", "unresolved-reference", Severity.WARNING, "m", (Location("a.yaml", 1, 2, "c"),),
                      subjects=("x",))
    back = cache.loads(cache.dumps([finding]))
    assert back == [finding] and back[0].severity is Severity.WARNING and back[0].subjects == ("x",)
