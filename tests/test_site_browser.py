"""The website in headless Chromium, served on localhost: search, links, the matrix filter,
axe-core, and hostile prose that must run nothing.

The NOMS site (framework/) is built once per session.  Needs Debian's chromium and
chromium-driver (/usr/bin/chromedriver); fails loudly without them.

    python -m tests.test_site_browser    retake the README's screenshots (docs/img/site-*.png)
"""

from __future__ import annotations

import functools
import http.server
import re
import tempfile
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from checker.website.build import build_site
from tests.browser import axe_violations, chromium
from tests.sitecrawl import crawl

HERE = Path(__file__).parent
REPO = HERE.parent
SMALL = HERE / "fixtures" / "site" / "small"
HOSTILE = HERE / "fixtures" / "site" / "hostile"



# -- serving and driving -----------------------------------------------------------------
class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@functools.cache
def _serve(root: str) -> str:
    """Serve a built site on localhost for the rest of the session; return its base URL."""
    handler = functools.partial(_Quiet, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def _build(tmp_path_factory: pytest.TempPathFactory, source: Path, name: str) -> str:
    out = tmp_path_factory.mktemp(name) / "site"
    build_site(source, out, today=date(2024, 1, 1))
    return _serve(str(out))


@pytest.fixture(scope="session")
def noms(tmp_path_factory: pytest.TempPathFactory, framework_dir: Path) -> str:
    return _build(tmp_path_factory, framework_dir, "noms-site")


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _build(tmp_path_factory, SMALL, "small-site")


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _build(tmp_path_factory, HOSTILE, "hostile-site")


def _driver(width: int = 1280, height: int = 900) -> Any:
    return chromium(width, height, console_log=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    driver = _driver()
    try:
        yield driver
    finally:
        driver.quit()


def _wait(browser: Any, condition: Any, timeout: float = 15) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(condition)


def _search(browser: Any, base: str, query: str) -> list[str]:
    """Type a query into Material's search box; return the result links' addresses."""
    from selenium.webdriver.common.by import By

    browser.get(base + "index.html")
    _wait(browser, lambda d: d.execute_script("return document.readyState") == "complete")
    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    box.send_keys(query)
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
    return [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".md-search-result__link")]


# -- the NOMS site -----------------------------------------------------------------------
def test_home_loads_without_console_errors(browser: Any, noms: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get_log("browser")  # forget earlier pages
    browser.get(noms + "index.html")
    _wait(browser, lambda d: d.execute_script("return document.readyState") == "complete")
    assert "Framework Document" in browser.find_element(By.TAG_NAME, "h1").text
    errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]
    assert errors == []


def test_searching_an_office_finds_its_actor_and_the_clause(browser: Any, noms: str) -> None:
    links = _search(browser, noms, "Accounting Officer")
    paths = [urllib.parse.urlsplit(h) for h in links]
    assert any(p.path.startswith("/actors/") for p in paths), links
    assert any(p.fragment == "clause-5-1" for p in paths), links


def test_permanent_secretary_lists_the_corporate_plan_with_a_link_to_its_clause(browser: Any, noms: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(noms + "actors/permanent_secretary.html")
    items = [li for li in browser.find_elements(By.CSS_SELECTOR, "li.fw-rule") if "Corporate Plan" in li.text]
    assert items, "the Permanent Secretary's page does not mention the Corporate Plan"
    link = items[0].find_element(By.CSS_SELECTOR, "a.fw-cite")
    anchor = urllib.parse.urlsplit(link.get_attribute("href")).fragment
    assert re.fullmatch(r"clause-[0-9a-z-]+|section-\d+|annex-[a-z]+", anchor), anchor
    browser.execute_script("arguments[0].click()", link)
    _wait(browser, lambda d: d.execute_script("return location.hash") == f"#{anchor}")
    top = browser.execute_script(f"return document.getElementById('{anchor}').getBoundingClientRect().top")
    height = browser.execute_script("return window.innerHeight")
    assert 0 <= top < height / 2


def test_every_internal_link_resolves(noms: str) -> None:
    """Crawl the site served at the root from the home page: every page, asset and anchor a
    link names exists (tests/test_site_pages.py crawls it again under a sub-path)."""
    pages, broken, missing = crawl(noms, [noms + "index.html"])
    assert broken == []
    assert len([p for p in pages if p.endswith(".html")]) > 40
    assert missing == []


@pytest.mark.parametrize("page", ["index.html", "document/section-2.html", "actors/permanent_secretary.html",
                                  "matrix.html", "graphs/accountability.html"])
def test_axe_finds_no_violations(browser: Any, noms: str, page: str) -> None:
    browser.get(noms + page)
    _wait(browser, lambda d: d.execute_script("return document.readyState") == "complete")
    assert axe_violations(browser) == []
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert axe_violations(browser) == []


# -- the matrix filter (on the small fixture, whose rows are known) -------------------------
def test_matrix_filter_narrows_the_rows(browser: Any, small: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(small + "matrix.html")
    box = browser.find_element(By.ID, "fw-matrix-filter")
    assert box.is_displayed()

    def shown() -> list[str]:
        rows = browser.find_elements(By.CSS_SELECTOR, "#fw-matrix-table tbody tr")
        return [r.find_element(By.TAG_NAME, "th").text for r in rows if r.is_displayed()]

    everything = shown()
    assert len(everything) == 7
    box.send_keys("plan")
    assert shown() == ["Business Plan", "Corporate Plan"]
    assert "Showing 2 of 7 rows" in browser.find_element(By.CSS_SELECTOR, ".fw-filter__status").text
    box.send_keys(" treasury")  # the actor HM Treasury is consulted on the Corporate Plan
    assert shown() == ["Corporate Plan"]
    box.clear()
    box.send_keys("informed")
    assert shown() == ["serious incidents"]
    box.clear()
    browser.execute_script("arguments[0].dispatchEvent(new Event('input'))", box)
    assert shown() == everything


# -- hostile prose ---------------------------------------------------------------------
HOSTILE_PAGES = ["index.html", "document/section-1.html", "document/glossary.html", "actors/index.html",
                 "actors/evil_board.html", "actors/chief.html", "matrix.html", "graphs/accountability.html",
                 "graphs/planning.html"]


@pytest.mark.parametrize("page", HOSTILE_PAGES)
def test_hostile_text_runs_nothing(browser: Any, hostile: str, page: str) -> None:
    browser.get(hostile + page)
    _wait(browser, lambda d: d.execute_script("return document.readyState") == "complete")
    assert browser.execute_script("return window.__fwpwned === undefined"), \
        browser.execute_script("return window.__fwpwned")
    assert browser.execute_script(
        "return document.querySelectorAll('a[href^=\"javascript:\" i], img[onerror], iframe, svg[onload]').length"
    ) == 0


def test_hostile_prose_is_shown_as_text(browser: Any, hostile: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(hostile + "document/section-1.html")
    text = browser.find_element(By.CSS_SELECTOR, "article").text
    assert "<script>window.__fwpwned = 'prose script'</script>" in text
    assert "<img src=\"x\" onerror=\"window.__fwpwned = 'prose img'\">" in text
    assert "click me" in text
    assert "Scripts </h2><script>window.__fwpwned = 'clause title'</script>" in text
    assert "<title>" not in browser.title and "Risky <script>" in browser.title


def test_hostile_search_results_run_nothing(browser: Any, hostile: str) -> None:
    links = _search(browser, hostile, "script")
    assert links
    assert browser.execute_script("return window.__fwpwned === undefined")
    assert browser.execute_script("return document.querySelectorAll('.md-search-result img, "
                                  ".md-search-result script, .md-search-result iframe').length") == 0


# -- the README's screenshots --------------------------------------------------------------
def take_screenshots(framework: Path, target: Path) -> list[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        build_site(framework, out)
        base = _serve(str(out))
        driver = _driver(1280, 1000)
        shots = []
        try:
            for name, page, height in (("site-actor.png", "actors/permanent_secretary.html", 1500),
                                       ("site-matrix.png", "matrix.html", 1000),
                                       ("site-graph.png", "graphs/accountability.html", 1000)):
                driver.set_window_size(1280, height)
                driver.get(base + page)
                _wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
                path = target / name
                driver.save_screenshot(str(path))
                shots.append(path)
        finally:
            driver.quit()
    return shots


if __name__ == "__main__":
    for shot in take_screenshots(REPO / "framework", REPO / "docs" / "img"):
        print(shot)
