"""Headless Chromium for the browser tests: Debian's chromium and chromium-driver, started
with a fresh profile and without background networking (this machine's network is closed);
and axe-core, run in the page.  Fails loudly when the driver is missing."""

from __future__ import annotations

import tempfile
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


def chromium(width: int = 1280, height: int = 900, console_log: bool = False) -> Any:
    """A new headless Chromium with an empty profile of its own (the caller quits it)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert Path(CHROMEDRIVER).exists(), f"{CHROMEDRIVER} is missing: install chromium-driver"
    options = webdriver.ChromeOptions()
    for arg in ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='fwdoc-chromium-')}")
    options.add_argument(f"--window-size={width},{height}")
    if console_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(120)
    return driver


def axe_violations(driver: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page the driver shows; its violations (empty when there are none)."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result: list[dict[str, Any]] = driver.execute_async_script(RUN_AXE)
    return result
