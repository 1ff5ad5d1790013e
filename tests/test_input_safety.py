"""Input safety: every source file is opened by one function (checker/load/source.py) that
refuses what is not an ordinary file inside the document folder, and reads with a hard limit.

Real files throughout: real symbolic links, a real FIFO (os.mkfifo), the real /dev/zero.
Whatever could block runs `fwdoc` in a subprocess with a timeout, so that a regression fails
the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.load import source
from checker.load.source import MAX_BYTES, SourceRefused, read_source
from checker.load.yamlfile import parse_yaml, read_yaml
from checker.loader import load_document

BASE = Path(__file__).parent / "fixtures" / "docs" / "minimal"
FWDOC = shutil.which("fwdoc") or "fwdoc"
SECRET = "TOP-SECRET-7f3a the password is hunter2"
TIMEOUT = 60  # a hang fails the test after this long instead of stalling the suite


def _doc(tmp_path: Path) -> Path:
    folder = tmp_path / "doc"
    shutil.copytree(BASE, folder)
    return folder


def _check(folder: Path, fmt: str = "json") -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([FWDOC, "check", str(folder), "--format", fmt], capture_output=True,
                          text=True, timeout=TIMEOUT, env=os.environ | {"NO_COLOR": "1"})
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def _findings(proc: subprocess.CompletedProcess[str], folder: Path) -> list[tuple[str, str]]:
    report: dict[str, Any] = json.loads(proc.stdout)
    prefix = str(folder.resolve()) + "/"
    return [(f["code"], f"{f['file'].removeprefix(prefix)}:{f['line']}:{f['column']}")
            for f in report["findings"]]


# -- links leaving the document ---------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "text", "sarif", "github", "junit"])
def test_a_part_linked_outside_the_document_is_refused_and_never_shown(tmp_path: Path, fmt: str) -> None:
    folder = _doc(tmp_path)
    outside = tmp_path / "elsewhere.yaml"
    # a file the old loader quoted in a schema finding ("'TOP-SECRET...' is not allowed")
    outside.write_text(f"id: governance\nkind: {SECRET}\ntitle: Governance\n", encoding="utf-8")
    part = folder / "parts" / "governance.yaml"
    part.unlink()
    part.symlink_to(os.path.relpath(outside, part.parent))
    proc = _check(folder, fmt)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "SECRET" not in proc.stdout + proc.stderr and "hunter2" not in proc.stdout + proc.stderr
    assert "SRC015" in proc.stdout and "governance.yaml" in proc.stdout
    if fmt == "json":
        assert ("SRC015", "parts/governance.yaml:1:1") in _findings(proc, folder)
    assert outside.read_text(encoding="utf-8").count(SECRET) == 1  # untouched


def test_a_register_linked_to_an_absolute_path_outside_is_refused(tmp_path: Path) -> None:
    folder = _doc(tmp_path)
    outside = tmp_path / "actors.yaml"
    shutil.move(str(folder / "actors.yaml"), outside)
    (folder / "actors.yaml").symlink_to(outside)  # absolute target
    result = load_document(folder)
    refused = [f for f in result.findings if f.code == "SRC015"]
    assert [str(f.location) for f in refused] == ["actors.yaml:1:1"]
    assert str(outside) in refused[0].message  # the link's own text, never the content


def test_a_parts_folder_linked_outside_refuses_every_part_and_lists_nothing_there(tmp_path: Path) -> None:
    folder = _doc(tmp_path)
    outside = tmp_path / "elsewhere"
    shutil.move(str(folder / "parts"), outside)
    (outside / "not-in-the-manifest.yaml").write_text(f"id: x\n# {SECRET}\n", encoding="utf-8")
    (folder / "parts").symlink_to(outside)
    result = load_document(folder)
    codes = sorted({f.code for f in result.findings})
    assert codes == ["SRC015"], [(f.code, f.message) for f in result.findings]
    assert len(result.findings) == 4  # the four parts of the manifest, each refused
    assert not any("not-in-the-manifest" in f.message for f in result.findings)


def test_a_link_inside_the_document_is_followed(tmp_path: Path) -> None:
    """A look-alike that must stay quiet: links that stay inside the folder are fine."""
    folder = _doc(tmp_path)
    shared = folder / "shared"
    shared.mkdir()
    shutil.move(str(folder / "parts" / "governance.yaml"), shared / "gov.yaml")
    (folder / "parts" / "governance.yaml").symlink_to("../shared/gov.yaml")
    (folder / "objects.yaml").rename(folder / "objects-file.yaml")
    (folder / "objects.yaml").symlink_to(folder / "objects-file.yaml")  # absolute, but inside
    result = load_document(folder)
    assert result.findings == []
    assert result.document is not None and "accountability" in result.document.clauses


def test_the_document_folder_itself_may_be_a_link(tmp_path: Path) -> None:
    folder = _doc(tmp_path)
    link = tmp_path / "link-to-doc"
    link.symlink_to(folder)
    result = load_document(link)
    assert result.findings == []


# -- special files ----------------------------------------------------------------------------
def test_a_fifo_part_is_refused_without_blocking(tmp_path: Path) -> None:
    folder = _doc(tmp_path)
    part = folder / "parts" / "governance.yaml"
    part.unlink()
    os.mkfifo(part)
    proc = _check(folder)  # the old loader blocked here for ever (the timeout fails it)
    assert proc.returncode == 1
    findings = _findings(proc, folder)
    assert ("SRC014", "parts/governance.yaml:1:1") in findings
    assert "named pipe" in proc.stdout


def test_a_fifo_manifest_is_refused_without_blocking(tmp_path: Path) -> None:
    folder = _doc(tmp_path)
    (folder / "manifest.yaml").unlink()
    os.mkfifo(folder / "manifest.yaml")
    proc = _check(folder)
    assert proc.returncode == 1, proc.stderr
    assert ("SRC014", "manifest.yaml:1:1") in _findings(proc, folder)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_register_linked_to_a_device_is_refused_unread(tmp_path: Path, device: str) -> None:
    if not os.path.exists(device):  # pragma: no cover - every Linux has both
        pytest.fail(f"{device} is missing on this machine")
    folder = _doc(tmp_path)
    (folder / "actors.yaml").unlink()
    # a link inside the tree to a link to the device: resolved, it leaves the folder
    (folder / "actors.yaml").symlink_to(device)
    proc = _check(folder)
    assert proc.returncode == 1
    assert ("SRC015", "actors.yaml:1:1") in _findings(proc, folder)


def test_a_device_inside_the_folder_is_refused_as_not_a_regular_file() -> None:
    """A device that is inside the folder (no link involved) is refused as a device, by stat,
    before it is opened: /dev as the "document folder" needs no root to test it."""
    for device in ("/dev/zero", "/dev/urandom"):
        with pytest.raises(SourceRefused) as refused:
            read_source(Path(device), Path("/dev"))
        assert refused.value.code == "SRC014" and "character device" in refused.value.message


def test_a_socket_part_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _doc(tmp_path)
    (folder / "parts" / "governance.yaml").unlink()
    monkeypatch.chdir(folder / "parts")  # a socket's path is limited to about 100 bytes
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind("governance.yaml")
        result = load_document(folder)
    assert [(f.code, str(f.location)) for f in result.findings] == [("SRC014", "parts/governance.yaml:1:1")]
    assert "a socket" in result.findings[0].message


def test_a_folder_where_a_part_should_be(tmp_path: Path) -> None:
    folder = _doc(tmp_path)
    part = folder / "parts" / "governance.yaml"
    part.unlink()
    part.mkdir()
    result = load_document(folder)
    assert [(f.code, str(f.location)) for f in result.findings] == [("SRC014", "parts/governance.yaml:1:1")]
    assert "a folder" in result.findings[0].message


def test_a_loop_of_links_and_a_dangling_link(tmp_path: Path) -> None:
    folder = _doc(tmp_path)
    (folder / "parts" / "governance.yaml").unlink()
    (folder / "parts" / "governance.yaml").symlink_to("annex-z.yaml")
    (folder / "parts" / "annex-z.yaml").symlink_to("governance.yaml")
    (folder / "objects.yaml").unlink()
    (folder / "objects.yaml").symlink_to("nowhere.yaml")
    result = load_document(folder)
    got = {(f.code, str(f.location)) for f in result.findings}
    assert ("SRC014", "parts/governance.yaml:1:1") in got
    assert ("SRC001", "objects.yaml:1:1") in got


# -- the byte limit -----------------------------------------------------------------------------
def test_the_limit_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * 10)
    assert read_source(path, tmp_path, limit=10) == b"x" * 10
    path.write_bytes(b"x" * 11)
    with pytest.raises(SourceRefused) as refused:
        read_source(path, tmp_path, limit=10)
    assert refused.value.code == "SRC002"


def test_the_limit_holds_when_the_size_lies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A device reports size 0 and a file can grow after stat: the read itself is bounded."""
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * 5000)
    real_stat = os.stat

    def lying_stat(target: Any, *args: Any, **kwargs: Any) -> Any:
        result = real_stat(target, *args, **kwargs)
        values = list(result)
        values[6] = 0  # st_size
        return os.stat_result(values)

    reads: list[int] = []
    real_read = os.read

    def counted_read(fd: int, size: int) -> bytes:
        reads.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(source.os, "stat", lying_stat)
    monkeypatch.setattr(source.os, "read", counted_read)
    with pytest.raises(SourceRefused) as refused:
        read_source(path, tmp_path, limit=100)
    assert refused.value.code == "SRC002"
    assert sum(reads) <= 101  # never more than limit + 1 bytes asked for


def test_the_size_limit_is_the_documented_one() -> None:
    assert MAX_BYTES == 5 * 1024 * 1024


def test_parse_yaml_reads_bytes_in_memory_like_read_yaml(tmp_path: Path) -> None:
    path = BASE / "parts" / "governance.yaml"
    from_file = read_yaml(path, BASE)
    in_memory = parse_yaml(path.read_bytes(), path, "parts/governance.yaml")
    assert in_memory.data == from_file.data and in_memory.findings == from_file.findings == []
    too_big = parse_yaml(b"x: 1\n" * (MAX_BYTES // 5 + 1), path, "big.yaml")
    assert [f.code for f in too_big.findings] == ["SRC002"]


# -- scalars, tags, numbers and dates -------------------------------------------------------
@pytest.mark.parametrize(("value", "contains"), [
    ("!!timestamp x", "it is not a date"),
    ("!!timestamp 2008-13-45", "month must be in 1..12"),
    ("!!float ''", "expected a number, found an empty value"),
    ("!!float x", "could not convert string to float"),
    ("!!int ''", "expected a whole number, found an empty value"),
    ("!!int x", "invalid literal"),
    ("!!int 1:2:3", "base-60 numbers"),
    ("!!float 1:2:3.5", "base-60 numbers"),
    ("!!bool x", "it is not true or false"),
    ("!!null x", "it is not an empty value"),
    ("!!binary aGVsbG8=", "the YAML tag 'tag:yaml.org,2002:binary' is not allowed"),
    ("!local x", "the YAML tag '!local' is not allowed"),
    ("0x" + "f" * 5000, "the number is more than 100 digits long"),
    ("9" * 5000, "the number is more than 100 digits long"),
    ("2008-13-45", "month must be in 1..12"),
    ("0000-01-01", "year 0 is out of range"),
])
def test_a_malformed_scalar_is_a_finding_with_its_position(value: str, contains: str) -> None:
    doc = parse_yaml(f"a: 1\nkey: {value}\n".encode(), Path("x.yaml"), "x.yaml")
    assert [(f.code, str(f.location)) for f in doc.findings] == [("SRC008", "x.yaml:2:6")]
    assert contains in doc.findings[0].message, doc.findings[0].message
    assert len(doc.findings[0].message) < 300


@pytest.mark.parametrize(("text", "value"), [
    ("1:30", "1:30"), ("1:2:3:4:5", "1:2:3:4:5"), ("-1:30.5", "-1:30.5"), ("190:20:30", "190:20:30"),
    ("12", 12), ("0x1f", 31), ("010", 8), ("1_000", 1000), ("1.5", 1.5), ("yes", True),
    ("2008-07-01", "2008-07-01"), ("~", None), ("1e5", "1e5"),
])
def test_numbers_resolve_as_before_except_base_60(text: str, value: Any) -> None:
    """Only the base-60 forms changed: everything else reads as PyYAML's YAML 1.1 did."""
    doc = parse_yaml(f"key: {text}\n".encode(), Path("x.yaml"), "x.yaml")
    assert doc.findings == []
    assert doc.data["key"] == value
    old = yaml.safe_load(f"key: {text}\n")["key"]
    if ":" not in text:
        assert doc.data["key"] == (old.isoformat() if hasattr(old, "isoformat") else old)


_SCALAR_TAGS = ["", "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!timestamp ", "!!binary ",
                "!x ", "!!python/name:os.system "]
_SCALAR_TEXT = st.one_of(
    st.text(alphabet="0123456789:._-+eExXbo aZ", max_size=40),
    st.text(max_size=20).filter(lambda t: "\n" not in t),
    st.from_regex(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?", fullmatch=True),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tag=st.sampled_from(_SCALAR_TAGS), text=_SCALAR_TEXT, quoted=st.booleans())
def test_any_tagged_scalar_is_a_value_or_a_placed_finding(tag: str, text: str, quoted: bool) -> None:
    value = json.dumps(text) if quoted else text
    doc = parse_yaml(f"key: {tag}{value}\nnext: 1\n".encode(), Path("x.yaml"), "x.yaml")
    for finding in doc.findings:
        assert finding.code.startswith("SRC"), finding
        assert finding.locations[0].line >= 1 and finding.locations[0].column >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=300))
def test_any_bytes_load_to_data_or_findings(raw: bytes) -> None:
    doc = parse_yaml(raw, Path("x.yaml"), "x.yaml")
    assert doc.data is not None or doc.findings
