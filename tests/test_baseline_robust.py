"""`--baseline FILE` read like any untrusted input (issue 11; audit-robust 3).

Real files, real links, a real FIFO and a real character device node (made in tmp_path, with
the numbers of /dev/zero), and `fwdoc check` as a process where a hang must be caught.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.checks.suppression import MAX_BASELINE_DEPTH, read_baseline
from checker.load.source import MAX_BYTES

SMALL = Path(__file__).parent / "fixtures" / "site" / "small"


def bas001(path: Path) -> tuple[str, int, int]:
    baseline = read_baseline(path, path.name)
    assert baseline.entries == () and len(baseline.problems) == 1
    problem = baseline.problems[0]
    assert problem.code == "BAS001"
    return problem.message, problem.location.line, problem.location.column


def test_deep_nesting_is_a_finding_with_its_position(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"findings":\n  ' + "[" * 100_000 + "\n", encoding="utf-8")
    message, line, column = bas001(deep)
    assert "nested more than" in message
    # the bracket that goes one level too deep: '{' is level 1, so the (MAX-1)th '['
    assert (line, column) == (2, 3 + MAX_BASELINE_DEPTH - 1)


def test_nesting_inside_strings_does_not_count(tmp_path: Path) -> None:
    fine = tmp_path / "fine.json"
    fine.write_text(json.dumps({"findings": [{"fingerprint": "ab" * 16, "reason": "[" * 1000}]}),
                    encoding="utf-8")
    baseline = read_baseline(fine, "fine.json")
    assert baseline.problems == () and [e.fingerprint for e in baseline.entries] == ["ab" * 16]


def test_deep_baseline_from_the_command_line_is_exit_1_not_internal_error(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    result = subprocess.run(["fwdoc", "check", str(SMALL), "--today", "2024-01-01", "--baseline", str(deep)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "BAS001" in result.stdout and "internal error" not in result.stderr + result.stdout


def test_each_entry_is_located_on_its_own_line(tmp_path: Path) -> None:
    prints = [f"{i:032x}" for i in range(50)]
    body = ",\n".join(json.dumps({"fingerprint": p, "code": "X"}) for p in prints)
    path = tmp_path / "b.json"
    path.write_text('{"findings": [\n' + body + "\n]}\n", encoding="utf-8")
    baseline = read_baseline(path, "b.json")
    assert [(e.location.line, e.location.column) for e in baseline.entries] == \
        [(n + 2, len('{"fingerprint": "') + 1) for n in range(50)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet="0123456789abcdef", min_size=1, max_size=8), min_size=1, max_size=20,
                unique=True), st.integers(0, 3))
def test_location_is_the_first_line_holding_the_fingerprint(tmp_path: Path, prints: list[str], indent: int) -> None:
    """The index gives what scanning each line for the fingerprint gave, for well-formed files."""
    text = json.dumps({"findings": [{"fingerprint": p} for p in prints]}, indent=indent or None)
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    for entry in read_baseline(path, "p.json").entries:
        quoted = f'"{entry.fingerprint}"'
        line = next(n for n, t in enumerate(lines, 1) if quoted in t)
        assert (entry.location.line, entry.location.column) == (line, lines[line - 1].find(quoted) + 2)


def test_a_large_baseline_takes_linear_time(tmp_path: Path) -> None:
    def timed(n: int) -> float:
        path = tmp_path / f"b{n}.json"
        path.write_text('{"findings": [\n' + ",\n".join(f'{{"fingerprint":"{i:08x}"}}' for i in range(n))
                        + "\n]}\n", encoding="utf-8")
        start = time.process_time()
        assert len(read_baseline(path, path.name).entries) == n
        return time.process_time() - start

    timed(1000)
    small, large = timed(5_000), timed(40_000)
    # 8x the entries: linear is ~8x; the old line-per-entry scan was ~64x (50 s at 40k)
    assert large < max(small * 25, 0.5) and large < 10, (small, large)


def test_a_baseline_too_large_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as out:
        out.write(b'{"findings": [], "pad": "')
        out.write(b"x" * MAX_BYTES)
        out.write(b'"}')
    message, _, _ = bas001(big)
    assert "at most" in message and "bytes" in message


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    result = subprocess.run(["fwdoc", "check", str(SMALL), "--today", "2024-01-01", "--baseline", str(fifo)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "named pipe" in result.stdout and "no such baseline file" not in result.stderr


def test_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    zero = tmp_path / "zero.json"
    try:
        os.mknod(zero, stat.S_IFCHR | 0o666, os.makedev(1, 5))  # /dev/zero's numbers
    except PermissionError:
        zero = Path("/dev/zero")
    message, _, _ = bas001(zero)
    assert "character device" in message


def test_a_link_out_of_the_repository_is_not_read(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    secret = tmp_path / "secret.json"
    secret.write_text('{"findings": [{"fingerprint": "TOPSECRET"}]}', encoding="utf-8")
    (repo / "baseline.json").symlink_to(secret)
    message, _, _ = bas001(repo / "baseline.json")
    assert "leads outside" in message and "TOPSECRET" not in message
    # a link to another file of the same repository is followed
    (repo / "real.json").write_text('{"findings": [{"fingerprint": "abc"}]}', encoding="utf-8")
    (repo / "sub").mkdir()
    (repo / "sub" / "b.json").symlink_to("../real.json")
    assert [e.fingerprint for e in read_baseline(repo / "sub" / "b.json", "b.json").entries] == ["abc"]


def test_a_missing_baseline_is_still_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(["fwdoc", "check", str(SMALL), "--baseline", str(tmp_path / "none.json")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "no such baseline file" in result.stderr


@pytest.mark.parametrize("text", ["[", '{"findings": [}', "\xff"])
def test_broken_files_stay_findings(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(text.encode("latin-1"))
    message, _, _ = bas001(path)
    assert message.startswith("the baseline file")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.text(alphabet='[]{}",:\\\n abf0123456789\x00\u202e', max_size=400),
    st.builds(lambda depth, inner: "[" * depth + inner + "]" * depth, st.integers(0, 3000),
              st.sampled_from(['{"findings": []}', '"x"', "", '{"findings": [{"fingerprint": "a"}]}'])),
))
def test_any_text_is_entries_or_findings_never_an_exception(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.json"
    path.write_text(text, encoding="utf-8")
    baseline = read_baseline(path, "fuzz.json")
    assert all(p.code == "BAS001" for p in baseline.problems)
    assert all(e.location.line >= 1 and e.location.column >= 1 for e in baseline.entries)
