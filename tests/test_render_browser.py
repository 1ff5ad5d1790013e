"""The HTML publication in headless Chromium: links land, axe-core finds nothing, hostile
prose runs nothing, and the page reads without its stylesheet.

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

HERE = Path(__file__).parent
DOC = HERE / "fixtures" / "render" / "doc"

BROKEN_LINKS = """
return Array.from(document.querySelectorAll('a[href^="#"]'))
  .map(a => a.getAttribute('href'))
  .filter(h => h.length < 2 || !document.getElementById(decodeURIComponent(h.slice(1))));
"""



@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    driver = chromium(1200, 900)
    try:
        yield driver
    finally:
        driver.quit()


def _write(tmp: Path, name: str, html: str) -> str:
    path = tmp / name
    path.write_text(html, encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def fixture_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    result = load_document(DOC)
    assert result.document is not None and not result.errors
    return _write(tmp_path_factory.mktemp("html"), "fixture.html", publish_html(result.document))


@pytest.fixture(scope="module")
def framework_page(tmp_path_factory: pytest.TempPathFactory, framework_dir: Path) -> str:
    result = load_document(framework_dir)
    assert result.document is not None, [str(f.message) for f in result.findings]
    return _write(tmp_path_factory.mktemp("html"), "framework.html", publish_html(result.document))


@pytest.mark.parametrize("page", ["fixture_page", "framework_page"])
def test_every_internal_link_lands(browser: Any, page: str, request: pytest.FixtureRequest) -> None:
    browser.get(request.getfixturevalue(page))
    assert browser.execute_script("return document.querySelectorAll('a[href^=\"#\"]').length") > 10
    assert browser.execute_script(BROKEN_LINKS) == []


def test_following_a_cross_reference_scrolls_to_its_clause(browser: Any, fixture_page: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(fixture_page)
    link = browser.find_element(By.CSS_SELECTOR, '#clause-1-1-2 a.fw-xref[href="#clause-1-1-1"]')
    browser.execute_script("arguments[0].click()", link)
    assert browser.execute_script("return location.hash") == "#clause-1-1-1"
    top = browser.execute_script("return document.getElementById('clause-1-1-1').getBoundingClientRect().top")
    assert 0 <= top < 100


@pytest.mark.parametrize("page", ["fixture_page", "framework_page"])
def test_axe_finds_no_violations(browser: Any, page: str, request: pytest.FixtureRequest) -> None:
    browser.get(request.getfixturevalue(page))
    # one script, fwdoc's print button (see test_pub_browser: the page works with scripts off)
    assert browser.execute_script("return document.scripts.length") == 1
    # the rules sit in collapsed <details>: check them open as well as closed
    assert axe_violations(browser) == []
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert axe_violations(browser) == []


def test_hostile_prose_is_shown_and_runs_nothing(browser: Any, fixture_page: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(fixture_page)
    clause = browser.find_element(By.ID, "clause-2-1")
    text = clause.text
    for shown in ["<script>window.fwdocPwned = 1;</script>", '<img src="x" onerror="window.fwdocPwned = 2">',
                  "[click me](javascript:window.fwdocPwned=3)", "<script>window.fwdocPwned = 5;</script>",
                  "<img src=x onerror=window.fwdocPwned=9>"]:
        assert shown in text
    # nothing in the clause is an element the source asked for: only our own tags
    tags = browser.execute_script(
        "return Array.from(arguments[0].querySelectorAll('*')).map(e => e.tagName.toLowerCase())", clause)
    assert set(tags) <= {"div", "h3", "a", "p", "ul", "li", "table", "caption", "thead", "tbody", "tr", "th", "td"}
    for element in clause.find_elements(By.CSS_SELECTOR, "th, td, p, li"):
        ActionChains(browser).move_to_element(element).click(element).perform()
    assert browser.execute_script("return window.fwdocPwned === undefined")
    assert browser.execute_script("return document.scripts.length") == 1  # the print button's


def test_reads_in_order_without_css(browser: Any, fixture_page: str) -> None:
    browser.get(fixture_page)
    browser.execute_script("for (const s of document.styleSheets) s.disabled = true")
    text = browser.execute_script("return document.body.innerText")
    order = ["Skip to main content", "Example Agency Framework Document", "Contents", "Foreword",
             "1. Governance and Accountability", "1.1.1 The Secretary of State", "Glossary",
             "Annex B: Functions", "Amendment history"]
    # each in turn, after the one before it (the contents list names the parts first)
    position = 0
    for words in order:
        found = text.find(words, position)
        assert found >= 0, f"'{words}' is missing or out of order without CSS"
        position = found + len(words)
    assert text.find("Contents") < text.find("1.1.1 The Secretary of State") < text.find("Amendment history")


def test_rules_are_collapsed_until_opened(browser: Any, fixture_page: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(fixture_page)
    details = browser.find_element(By.CSS_SELECTOR, "#clause-1-1-1 details.fw-rules")
    sentence = "The Secretary of State is accountable to Parliament for the Example Agency."
    assert sentence not in details.text
    details.find_element(By.TAG_NAME, "summary").click()
    assert sentence in details.text
