"""`fwdoc serve`: the preview is served on localhost and rebuilt when the document changes."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

SMALL = Path(__file__).parent / "fixtures" / "site" / "small"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _until(url: str, text: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if text in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}; last page began {last[:200]!r}")


def test_serve_rebuilds_when_the_document_changes(tmp_path: Path) -> None:
    doc = tmp_path / "doc"
    shutil.copytree(SMALL, doc)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", "serve", str(doc), "--dev-addr", f"127.0.0.1:{port}",
         "--today", "2024-01-01"], stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        url = f"http://127.0.0.1:{port}/index.html"
        _until(url, ">Example Agency Framework Document<")
        manifest = doc / "manifest.yaml"
        manifest.write_text(manifest.read_text(encoding="utf-8").replace(
            "title: Example Agency Framework Document", "title: Renamed Agency Framework Document"),
            encoding="utf-8")
        _until(url, ">Renamed Agency Framework Document<")
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.seek(0)
        output = log.read()
        log.close()
    assert f"Serving on http://127.0.0.1:{port}/" in output, output
