"""Headless Chromium for the browser tests: Debian's chromium and chromium-driver, started
with a fresh profile and without background networking (this machine's network is closed);
and axe-core, run in the page.  Fails loudly when the driver is missing.

The profile is a temporary folder of its own, removed when the driver quits (or when Chromium
fails to start), so a test run leaves nothing in /tmp."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMEDRIVER = "/usr/bin/chromedriver"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
ARGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
        "--disable-component-update --disable-sync --no-first-run").split()
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))
  .catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));
"""


def _remove_profile(profile: str) -> None:
    """Remove the profile; Chromium's last helper processes may still be writing for a moment."""
    for _ in range(50):
        shutil.rmtree(profile, ignore_errors=True)
        if not Path(profile).exists():
            return
        time.sleep(0.1)
    shutil.rmtree(profile)  # still there after 5 s: say why


def chromium(width: int = 1280, height: int = 900, console_log: bool = False) -> Any:
    """A new headless Chromium with an empty profile of its own (the caller quits it, which
    also removes the profile)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert Path(CHROMEDRIVER).exists(), f"{CHROMEDRIVER} is missing: install chromium-driver"
    options = webdriver.ChromeOptions()
    for arg in ARGS:
        options.add_argument(arg)
    profile = tempfile.mkdtemp(prefix="fwdoc-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    if console_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except BaseException:
        _remove_profile(profile)
        raise
    quit_browser = driver.quit

    def quit_and_clean() -> None:
        try:
            quit_browser()
        finally:
            _remove_profile(profile)

    driver.quit = quit_and_clean
    driver.set_script_timeout(120)
    return driver


def axe_violations(driver: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page the driver shows; its violations (empty when there are none)."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result: list[dict[str, Any]] = driver.execute_async_script(RUN_AXE)
    return result
