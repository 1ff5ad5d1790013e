"""The browser tests' helper leaves nothing behind: its Chromium profile goes when the driver quits."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.browser import chromium


def test_quitting_removes_the_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    driver = chromium(400, 300)
    try:
        profiles = [p for p in tmp_path.iterdir() if p.name.startswith("fwdoc-chromium-")]
        assert len(profiles) == 1 and profiles[0].is_dir()
        driver.get("data:text/html,<p>hello</p>")
        assert "hello" in driver.page_source
    finally:
        driver.quit()
    assert list(tmp_path.iterdir()) == []
