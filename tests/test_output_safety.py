"""What fwdoc writes, and where it refuses to (checker/fileio.py and the commands' --output).

Every target here is made inside tmp_path, including the character devices: a node with the
numbers of /dev/full (1, 7) made with mknod, so that even a regression that replaced its
target could not touch the machine's own devices.  Descriptors are named through /dev/fd and
/proc/self/fd, which live in /proc, where nothing can be renamed over them.
"""

from __future__ import annotations

import errno
import json
import os
import unicodedata
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import fileio
from checker.cli import main
from checker.cli.common import printable
from checker.fileio import OutputError, write_atomic

SMALL = Path(__file__).parent / "fixtures" / "site" / "small"
TODAY = ["--today", "2024-01-01"]


def fwdoc(*args: str, umask: int | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    def preexec() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(["fwdoc", *args], capture_output=True, text=True, timeout=timeout, preexec_fn=preexec)


def device_twin(folder: Path, name: str, minor: int) -> Path:
    """A character device that behaves as /dev/NAME (major 1), made in `folder`."""
    node = folder / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:  # not root: then /dev cannot be written over either
        return Path("/dev") / name
    return node


def full_device(folder: Path) -> Path:
    return device_twin(folder, "full", 7)


@pytest.fixture
def umask_of() -> Iterator[None]:
    saved = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(saved)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


# ---------------------------------------------------------------- checker/fileio.py


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_get_the_umask_permissions(tmp_path: Path, umask_of: None, mask: int, mode: int) -> None:
    os.umask(mask)
    new = tmp_path / "new.html"
    write_atomic(new, b"<p>new</p>")
    assert stat.S_IMODE(new.stat().st_mode) == mode
    old = tmp_path / "old.html"
    old.write_bytes(b"old")
    old.chmod(0o600)  # what earlier versions left: rebuilt, the file becomes readable again
    write_atomic(old, b"<p>again</p>")
    assert stat.S_IMODE(old.stat().st_mode) == mode and old.read_bytes() == b"<p>again</p>"


def test_a_regular_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"old")
    inode = target.stat().st_ino
    write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"new" * 1000
    assert target.stat().st_ino != inode  # renamed over, not rewritten in place
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def _unix_socket(path: Path) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    return sock


@pytest.mark.parametrize("kind, says", [
    ("link-to-file", "is a symbolic link"),
    ("dangling-link", "is a symbolic link"),
    ("link-to-folder", "is a symbolic link"),
    ("folder", "is a folder"),
    ("fifo", "is a named pipe"),
    ("socket", "is a socket"),
])
def test_other_targets_are_refused_and_left_alone(tmp_path: Path, kind: str, says: str) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    target = tmp_path / "out"
    held = None
    if kind == "link-to-file":
        target.symlink_to(victim)
    elif kind == "dangling-link":
        target.symlink_to(tmp_path / "nowhere")
    elif kind == "link-to-folder":
        target.symlink_to(tmp_path)
    elif kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        held = _unix_socket(target)
    before = os.lstat(target)
    try:
        with pytest.raises(OutputError, match=says) as caught:
            write_atomic(target, b"written")
    finally:
        if held is not None:
            held.close()
    assert str(target) in str(caught.value)
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert victim.read_bytes() == b"keep me"
    assert not (tmp_path / "nowhere").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "victim.txt"]


@pytest.mark.parametrize("name", ["a" * 255, "é" * 127, "report-" + "x" * 240 + ".json"])
def test_the_longest_names_can_be_written(tmp_path: Path, name: str) -> None:
    write_atomic(tmp_path / name, b"x")
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_missing_parent_folder_is_named_not_created(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "deeper" / "report.json"
    with pytest.raises(OutputError, match="does not exist; create it first") as caught:
        write_atomic(target, b"x")
    assert str(tmp_path / "missing" / "deeper") in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_file_where_a_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="file is not a folder"):
        write_atomic(tmp_path / "file" / "report.json", b"x")


def test_a_character_device_is_written_through(tmp_path: Path) -> None:
    device = full_device(tmp_path)
    with pytest.raises(OutputError, match="could not write: no space left on device"):
        write_atomic(device, b"report")
    assert stat.S_ISCHR(os.lstat(device).st_mode)  # still the device, not a regular file
    null = device_twin(tmp_path, "null", 3)  # written through, still a device afterwards
    write_atomic(null, b"report")
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert all(p.name in ("full", "null") for p in tmp_path.iterdir())


def test_a_full_disk_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "framework.html"
    target.write_bytes(b"previous")

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fileio.os, "write", full)
    with pytest.raises(OutputError, match="framework.html: could not write: no space left on device"):
        write_atomic(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["framework.html"]


@pytest.mark.parametrize("name, fd", [
    ("/dev/stdout", 1), ("/dev/stderr", 2), ("/dev/fd/7", 7), ("/proc/self/fd/12", 12), ("/dev//stdout", 1),
    ("/dev/stdout2", None), ("/dev/fd/x", None), ("/devx/stdout", None), ("dev/stdout", None),
    ("/proc/1/fd/1", None), ("/dev/fd/", None), ("/tmp/dev/stdout", None),
])
def test_which_names_mean_an_open_descriptor(name: str, fd: int | None) -> None:
    assert fileio._descriptor(Path(name)) == fd


@pytest.mark.parametrize("prefix", ["/dev/fd", "/proc/self/fd"])
def test_a_descriptor_is_written_to_not_replaced(prefix: str) -> None:
    read, write = os.pipe()
    try:
        write_atomic(Path(f"{prefix}/{write}"), b"through the pipe")
        os.close(write)
        assert os.read(read, 100) == b"through the pipe"
    finally:
        os.close(read)


def test_a_closed_descriptor_is_an_error() -> None:
    read, write = os.pipe()
    os.close(read)
    os.close(write)
    with pytest.raises(OutputError, match=f"descriptor {write} is not open"):
        write_atomic(Path(f"/dev/fd/{write}"), b"x")


# ---------------------------------------------------------------- the commands' --output


@pytest.mark.parametrize("name", ["/dev/fd/1", "/proc/self/fd/1"])
def test_output_to_standard_output_by_name(tmp_path: Path, name: str) -> None:
    piped = fwdoc("check", str(SMALL), *TODAY, "--format", "json", "--output", name)
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["findings"][0]["code"] == "DAT001"
    with open(tmp_path / "redirected.json", "w", encoding="utf-8") as handle:
        redirected = subprocess.run(["fwdoc", "check", str(SMALL), *TODAY, "--format", "json", "--output", name],
                                    stdout=handle, stderr=subprocess.PIPE, text=True, timeout=120)
    assert redirected.returncode == 0, redirected.stderr
    assert json.loads((tmp_path / "redirected.json").read_text(encoding="utf-8")) == json.loads(piped.stdout)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["redirected.json"]


def test_output_to_a_full_device_is_an_error(tmp_path: Path) -> None:
    device = full_device(tmp_path)
    proc = fwdoc("check", str(SMALL), *TODAY, "--format", "sarif", "--output", str(device))
    assert proc.returncode == 2
    assert "no space left on device" in proc.stderr and "Traceback" not in proc.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)


@pytest.mark.parametrize("command", [
    ["check", str(SMALL), *TODAY, "--format", "json"],
    ["check", str(SMALL), *TODAY],
    ["publish", str(SMALL), "--format", "md"],
])
def test_standard_output_on_a_full_device_is_an_error(tmp_path: Path, command: list[str]) -> None:
    with open(full_device(tmp_path), "w", encoding="utf-8") as full:
        proc = subprocess.run(["fwdoc", *command], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert proc.returncode == 2
    assert "no space left on device" in proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("command", [
    ["check", str(SMALL), "--format", "json", "--output"],
    ["check", str(SMALL), "--write-baseline"],
    ["publish", str(SMALL), "--format", "md", "--output"],
])
@pytest.mark.parametrize("kind, says", [
    ("folder", "is a folder"), ("missing", "does not exist; create it first"),
    ("link", "is a symbolic link"), ("fifo", "is a named pipe"), ("unwritable", "permission denied"),
])
def test_bad_output_paths_are_clear_errors(tmp_path: Path, command: list[str], kind: str, says: str) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    target = {"folder": tmp_path / "folder", "missing": tmp_path / "missing" / "out.txt",
              "link": tmp_path / "link", "fifo": tmp_path / "fifo",
              "unwritable": Path("/sys/fwdoc-output-test.txt")}[kind]
    if kind == "folder":
        target.mkdir()
    elif kind == "link":
        target.symlink_to(victim)
    elif kind == "fifo":
        os.mkfifo(target)  # a run that opened it would hang: the timeout says so
    before = snapshot(tmp_path)
    proc = fwdoc(*command, str(target), *([] if command[0] == "publish" else TODAY), timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert says in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert snapshot(tmp_path) == before
    assert not target.exists() or not target.is_file() or target.is_symlink()


@pytest.mark.parametrize("command, output", [
    (["site", str(SMALL), *TODAY], "missing/site"),
    (["build", str(SMALL), *TODAY], "missing/build"),
    (["import", str(SMALL / "manifest.yaml")], "missing/doc"),
])
def test_folders_are_not_made_for_an_output(tmp_path: Path, command: list[str], output: str) -> None:
    proc = fwdoc(*command, "--output", str(tmp_path / output))
    assert proc.returncode == 2
    assert f"the folder {tmp_path / 'missing'} does not exist" in proc.stderr, proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_published_files_are_readable_as_the_umask_says(tmp_path: Path) -> None:
    proc = fwdoc("publish", str(SMALL), "--format", "html", "--output", str(tmp_path / "framework.html"),
                 umask=0o022)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE((tmp_path / "framework.html").stat().st_mode) == 0o644
    proc = fwdoc("check", str(SMALL), *TODAY, "--format", "sarif", "--output", str(tmp_path / "fwdoc.sarif"),
                 umask=0o027)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE((tmp_path / "fwdoc.sarif").stat().st_mode) == 0o640


def test_a_build_with_one_bad_output_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.html"
    victim.write_bytes(b"keep me")
    (out / "small.html").symlink_to(victim)
    before = snapshot(tmp_path)
    assert main(["build", str(SMALL), *TODAY, "--output", str(out)]) == 2
    assert "small.html: is a symbolic link" in capsys.readouterr().err
    assert snapshot(tmp_path) == before  # not even the report, which comes first


def test_the_default_site_folder_is_made_under_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`fwdoc site` with no --output builds build/site: build/ is fwdoc's own, so it is made."""
    monkeypatch.chdir(tmp_path)
    assert main(["site", str(SMALL), *TODAY]) == 0
    assert (tmp_path / "build" / "site" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


# ---------------------------------------------------------------- outputs inside the document


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    shutil.copytree(SMALL, tmp_path / "doc")
    return tmp_path / "doc"


@pytest.mark.parametrize("args", [
    ["build", "{doc}", "--output", "{doc}"],
    ["build", "{doc}", "--output", "{doc}/build"],
    ["build", "{doc}", "--output", "{doc}/parts"],
    ["build", "{doc}", "--output", "{link}/build"],
    ["build", "{doc}/parts/..", "--output", "{doc}/out"],
    ["publish", "{doc}", "--format", "html", "--output", "{doc}/framework.html"],
    ["publish", "{doc}", "--format", "md", "--output", "{doc}/parts/governance.yaml"],
    ["check", "{doc}", "--format", "sarif", "--output", "{doc}/fwdoc.sarif"],
    ["check", "{doc}", "--format", "json", "--output", "{doc}/manifest.yaml"],
    ["site", "{doc}", "--output", "{doc}/site"],
    ["site", "{doc}", "--output", "{doc}"],
    ["site", "{doc}", "--output", "{top}"],
])
def test_outputs_inside_the_document_are_refused_before_anything_is_written(
        tmp_path: Path, doc: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "link").symlink_to(doc)
    before = snapshot(tmp_path)
    argv = [a.format(doc=doc, link=tmp_path / "link", top=tmp_path) for a in args]
    assert main([*argv, *(TODAY if argv[0] != "publish" else [])]) == 2
    err = capsys.readouterr().err
    assert "inside the document folder" in err or "would replace the document folder" in err, err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("output", ["{top}/doc-out.json", "{top}/doc.json", "{top}/docs/report.json"])
def test_outputs_beside_the_document_with_a_similar_name_are_written(tmp_path: Path, doc: Path,
                                                                      output: str) -> None:
    target = Path(output.format(top=tmp_path))
    target.parent.mkdir(exist_ok=True)
    assert main(["check", str(doc), *TODAY, "--format", "json", "--output", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["findings"]


# ---------------------------------------------------------------- builds into one folder


SWAPPER = """
import sys
from pathlib import Path
from checker.fileio import replace_dir

target, who, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for n in range(rounds):
    built = target.parent / f"built-{who}-{n}"
    built.mkdir()
    for i in range(20):
        (built / f"page-{i}.html").write_text(f"{who} {n}", encoding="utf-8")
    replace_dir(built, target)
"""


def test_concurrent_swaps_into_one_folder_take_turns(tmp_path: Path) -> None:
    target = tmp_path / "site"
    procs = [subprocess.Popen([sys.executable, "-c", SWAPPER, str(target), f"w{w}", "60"],
                              stderr=subprocess.PIPE, text=True) for w in range(4)]
    errors = [p.communicate(timeout=240)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no .site.old, no built-*
    pages = {p.read_text(encoding="utf-8") for p in target.iterdir()}
    assert len(list(target.iterdir())) == 20 and len(pages) == 1  # one build, whole


def test_concurrent_site_builds_into_one_folder(tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    assert fwdoc("site", str(SMALL), *TODAY, "--output", str(alone / "site")).returncode == 0
    shared = tmp_path / "shared"
    shared.mkdir()
    procs = [subprocess.Popen(["fwdoc", "site", str(SMALL), *TODAY, "--output", str(shared / "site")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    assert sorted(p.name for p in shared.iterdir()) == ["site"]
    assert snapshot(shared / "site") == snapshot(alone / "site")


def test_a_full_disk_during_a_site_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    import mkdocs.commands.build

    def full(config: object) -> None:
        site = Path(str(config["site_dir"]))  # type: ignore[index]
        site.mkdir()
        (site / "index.html").write_text("half", encoding="utf-8")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(site / "sitemap.xml"))

    monkeypatch.setattr(mkdocs.commands.build, "build", full)
    assert main(["site", str(SMALL), *TODAY, "--output", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert "site: the site could not be written: no space left on device" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_concurrent_builds_into_one_folder(tmp_path: Path) -> None:
    out = tmp_path / "build"
    procs = [subprocess.Popen(["fwdoc", "build", str(SMALL), *TODAY, "--output", str(out)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert sorted(p.name for p in out.iterdir()) == ["fwdoc.sarif", "site", "small.html", "small.md", "small.pdf"]
    assert [p.name for p in tmp_path.iterdir()] == ["build"]
    assert (out / "site" / "index.html").is_file() and (out / "site" / "sitemap.xml").is_file()


# ---------------------------------------------------------------- properties

PROPERTY = settings(max_examples=200, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
# file names as a hostile source might give them: any character a name may hold
NAMES = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
                min_size=1, max_size=60).filter(lambda n: n not in (".", "..") and len(os.fsencode(n)) <= 255)


@PROPERTY
@given(name=NAMES, data=st.binary(max_size=5000), old=st.one_of(st.none(), st.binary(max_size=100)))
def test_any_name_and_content_round_trip_and_leave_nothing_else(tmp_path_factory: pytest.TempPathFactory,
                                                                 name: str, data: bytes, old: bytes | None) -> None:
    folder = tmp_path_factory.mktemp("prop")
    target = folder / name
    if old is not None:
        target.write_bytes(old)
    write_atomic(target, data)
    assert target.read_bytes() == data
    assert [p.name for p in folder.iterdir()] == [name]


@PROPERTY
@given(text=st.text(max_size=300))
def test_printable_leaves_nothing_a_terminal_would_act_on(text: str) -> None:
    # what a terminal acts on or hides: controls, format characters (bidi, zero-width), line
    # and paragraph separators, lone surrogates; unassigned letters and odd spaces are shown
    acting = {"Cc", "Cf", "Zl", "Zp", "Cs"}
    shown = printable(text)
    assert not [c for c in shown if unicodedata.category(c) in acting]
    if not [c for c in text if unicodedata.category(c) in acting]:
        assert shown == text
    else:
        assert shown != text and "\\" in shown


@PROPERTY
@given(parts=st.lists(st.sampled_from(["a", "b", "..", ".", "doc", "doc-out", "docx"]), max_size=6))
def test_inside_agrees_with_the_resolved_path(tmp_path_factory: pytest.TempPathFactory, parts: list[str]) -> None:
    top = tmp_path_factory.getbasetemp() / "inside"
    document = top / "doc"
    document.mkdir(parents=True, exist_ok=True)
    candidate = document.joinpath(*parts)
    real = os.path.normpath(candidate)
    expected = real == str(document) or real.startswith(str(document) + os.sep)
    assert fileio.inside(candidate, document) == expected


@PROPERTY
@given(text=st.text(st.sampled_from("/devstdoupcelf0123456789rx"), max_size=24))
def test_only_exact_descriptor_names_are_descriptors(text: str) -> None:
    fd = fileio._descriptor(Path(text)) if text else None
    normal = os.path.normpath(text) if text else ""
    names = {"/dev/stdout": 1, "/dev/stderr": 2}
    for prefix in ("/dev/fd/", "/proc/self/fd/"):
        rest = normal.removeprefix(prefix)
        if rest != normal and rest.isdigit() and rest.isascii():
            names[normal] = int(rest)
    assert fd == names.get(normal)
