"""The HTML publication in headless Chromium at 320, 390 and 1280 CSS pixels wide: no
horizontal overflow (WCAG 1.4.10), axe-core finds nothing, the contents stay in reach (a
sticky sidebar when wide, a sticky "Back to contents" link when narrow), wide tables scroll in
a focusable region, and the print button prints with scripts on and is absent with them off.

Needs Debian's chromium and chromium-driver (/usr/bin/chromedriver); fails loudly without.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.loader import load_document
from checker.render.html import publish_html
from tests.browser import axe_violations, chromium

DOC = Path(__file__).parent / "fixtures" / "render" / "doc"
WIDTHS = (320, 390, 1280)

OVERFLOW = """
const root = document.documentElement;
const wide = Array.from(document.querySelectorAll('body *')).filter(e => {
  const r = e.getBoundingClientRect();
  // inside a scroll box is fine: the box scrolls, not the page
  return r.width > 0 && (r.right > root.clientWidth + 1 || r.left < -1) && !e.closest('.fw-table-wrap')
    && !e.closest('.fw-skip-link') && !e.closest('.fw-visually-hidden');
}).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40));
return [root.scrollWidth, root.clientWidth, wide];
"""


def _write(tmp: Path, name: str, html: str) -> str:
    path = tmp / name
    path.write_text(html, encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, framework_dir: Path) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("pub-html")
    out = {}
    for name, folder in (("fixture", DOC), ("framework", framework_dir)):
        document = load_document(folder).document
        assert document is not None
        out[name] = _write(tmp, f"{name}.html", publish_html(document))
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    driver = chromium(1280, 900, console_log=True)
    try:
        yield driver
    finally:
        driver.quit()


def show(driver: Any, url: str, width: int, height: int = 800) -> None:
    """The page in a viewport of exactly `width` CSS pixels (a phone's when narrow)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
    driver.get(url)
    # a phone's viewport widens (zooms out) to a page wider than the screen: that is overflow
    assert driver.execute_script("return window.innerWidth") == width, "wider than the screen"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["fixture", "framework"])
def test_no_horizontal_overflow_and_no_axe_violation(browser: Any, pages: dict[str, str], name: str,
                                                     width: int) -> None:
    show(browser, pages[name], width)
    scroll_width, client_width, wide = browser.execute_script(OVERFLOW)
    assert scroll_width <= client_width and wide == [], (scroll_width, client_width, wide)
    assert axe_violations(browser) == []
    # the rules opened as well (their sources are long lines of code)
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    scroll_width, client_width, wide = browser.execute_script(OVERFLOW)
    assert scroll_width <= client_width and wide == [], (scroll_width, client_width, wide)
    assert axe_violations(browser) == []
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []  # among them any Content-Security-Policy refusal


@pytest.mark.parametrize("width", [320, 390])
def test_wide_tables_scroll_in_a_focusable_region(browser: Any, pages: dict[str, str], width: int) -> None:
    from selenium.webdriver.common.by import By

    show(browser, pages["framework"], width)
    regions = browser.find_elements(By.CSS_SELECTOR, ".fw-table-wrap")
    assert len(regions) >= 3  # Annex F, the glossary, the amendment history
    for region in regions:
        assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-label")
        assert region.rect["x"] >= 0 and region.rect["x"] + region.rect["width"] <= width + 1
        browser.execute_script("arguments[0].focus()", region)
        assert browser.execute_script("return document.activeElement === arguments[0]", region)
    annex_f = browser.find_element(By.CSS_SELECTOR, "#annex-f .fw-table-wrap, [id^='clause-f'] .fw-table-wrap")
    # Annex F's table is wider than a phone: it scrolls inside its region, not the page
    assert browser.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", annex_f)
    history = browser.find_element(By.CSS_SELECTOR, "#amendment-history .fw-table-wrap")
    assert history.get_attribute("aria-label") == "Amendments to this document, oldest first"


def test_contents_are_a_sticky_sidebar_when_wide(browser: Any, pages: dict[str, str]) -> None:
    from selenium.webdriver.common.by import By

    show(browser, pages["framework"], 1280)
    main = browser.find_element(By.ID, "main-content")
    browser.execute_script("document.getElementById('annex-f').scrollIntoView()")
    nav = browser.find_element(By.ID, "contents")
    box = browser.execute_script("return arguments[0].getBoundingClientRect().toJSON()", nav)
    assert 0 <= box["top"] < 50 and box["bottom"] <= 801  # in view, at the top of the window
    assert box["right"] <= main.rect["x"]  # beside the text, not over it
    # and it scrolls on its own when longer than the window
    assert browser.execute_script("return getComputedStyle(arguments[0]).overflowY", nav) == "auto"


@pytest.mark.parametrize("width", [320, 390])
def test_back_to_contents_stays_in_reach_when_narrow(browser: Any, pages: dict[str, str], width: int) -> None:
    show(browser, pages["framework"], width)
    browser.execute_script("document.getElementById('annex-f').scrollIntoView()")
    browser.execute_script("window.scrollBy(0, 400)")
    visible = browser.execute_script("""
      return Array.from(document.querySelectorAll('.fw-back-to-top a')).filter(a => {
        const r = a.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })
        .map(a => a.getAttribute('href'));""")
    assert visible == ["#contents"]
    browser.execute_script("document.querySelector('#annex-f ~ .fw-back-to-top a, .fw-part-annex .fw-back-to-top a').click()")
    assert browser.execute_script("return location.hash") == "#contents"
    top = browser.execute_script("return document.getElementById('contents').getBoundingClientRect().top")
    assert abs(top) < 5


def test_every_part_ends_with_a_link_back_to_the_contents(browser: Any, pages: dict[str, str]) -> None:
    show(browser, pages["framework"], 1280)
    missing = browser.execute_script("""
      return Array.from(document.querySelectorAll('main > section'))
        .filter(s => !s.classList.contains('fw-back-matter') && !s.querySelector(':scope > .fw-back-to-top a[href="#contents"]'))
        .map(s => s.getAttribute('aria-labelledby'));""")
    assert missing == []


def test_print_button_prints(browser: Any, pages: dict[str, str]) -> None:
    from selenium.webdriver.common.by import By

    show(browser, pages["fixture"], 390)
    button = browser.find_element(By.CSS_SELECTOR, "#fw-print button")
    assert button.is_displayed() and button.text == "Print this page"
    browser.execute_script("window.print = () => { window.fwdocPrinted = true; }")
    button.click()
    assert browser.execute_script("return window.fwdocPrinted === true")


def test_without_scripts_the_page_is_whole_and_shows_no_dead_button(pages: dict[str, str]) -> None:
    from selenium.webdriver.common.by import By

    driver = chromium(390, 800)
    try:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        driver.get(pages["fixture"])
        assert not driver.find_element(By.ID, "fw-print").is_displayed()
        assert driver.find_element(By.ID, "contents").is_displayed()
        assert driver.find_elements(By.CSS_SELECTOR, ".fw-back-to-top a")
    finally:
        driver.quit()


def test_back_matter_closes_the_page(browser: Any, pages: dict[str, str]) -> None:
    from selenium.webdriver.common.by import By

    show(browser, pages["framework"], 390)
    text = browser.find_element(By.CSS_SELECTOR, "main > section:last-of-type").text
    assert text.startswith("\u00a9 Crown copyright 2008")
    assert "libraries of both Houses of Parliament" in text
