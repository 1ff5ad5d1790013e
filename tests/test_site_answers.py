"""The site's answers in real Chromium (the NOMS site of tests/test_site_pages.py, served under a
sub-path): a thing's page (who drafts, endorses, approves, with deadlines and the clauses that
say so), the matrix and actor pages linking to it, an actor page's lines to the top, and the
question box answering client-side from the facts written into the page, hostile input shown as
text.  Reflow and axe for these pages run with the rest of the site (NOMS_PAGES there)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser import axe_violations
from tests.test_site_pages import _open, browser, noms, noms_built  # noqa: F401  (shared session fixtures)


def _text(driver: Any, css: str) -> str:
    return str(driver.find_element(By.CSS_SELECTOR, css).text)


def test_a_things_page_lists_its_roles_with_deadlines_and_clauses(browser: Any, noms: str) -> None:  # noqa: F811
    # 3.2: the Director General submits the plans before the start of the financial year; the
    # Permanent Secretary endorses them; the Secretary of State approves them
    _open(browser, noms + "things/business_plan.html")
    assert _text(browser, "h1").startswith("Business Plan")
    headings = [h.text.rstrip("¶").strip() for h in browser.find_elements(By.CSS_SELECTOR, "h3")]
    assert headings.index("Drafts, prepares or submits it") < headings.index("Endorses or agrees it") \
        < headings.index("Approves it")
    approves = browser.find_element(By.ID, "role-approves").find_element(By.XPATH, "following-sibling::ul[1]")
    assert "Lord Chancellor and Secretary of State for Justice" in approves.text
    cites = {a.text: a.get_attribute("href") for a in approves.find_elements(By.CSS_SELECTOR, "a.fw-cite")}
    assert cites["3.2"].endswith("document/section-3.html#clause-3-2")
    drafts = browser.find_element(By.ID, "role-drafts").find_element(By.XPATH, "following-sibling::ul[1]")
    assert "before the start of the financial year" in drafts.text
    browser.get(cites["3.2"])
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert browser.find_element(By.ID, "clause-3-2")


def test_the_matrix_and_actor_pages_link_to_things(browser: Any, noms: str) -> None:  # noqa: F811
    _open(browser, noms + "matrix.html")
    links = browser.find_elements(By.CSS_SELECTOR, "#fw-matrix-table th[scope=row] a")
    assert any(a.get_attribute("href").endswith("things/business_plan.html") for a in links)
    _open(browser, noms + "actors/permanent_secretary.html")
    roles = browser.find_element(By.ID, "roles").find_element(By.XPATH, "following-sibling::ul[1]")
    assert any(a.get_attribute("href").endswith("things/business_plan.html")
               for a in roles.find_elements(By.TAG_NAME, "a"))


def test_an_actor_page_shows_its_lines_to_the_top(browser: Any, noms: str) -> None:  # noqa: F811
    # 2.1.2: the Permanent Secretary line-manages the Director General and, as Principal
    # Accounting Officer, is accountable to Parliament
    _open(browser, noms + "actors/director_general.html")
    section = browser.find_element(By.ID, "top-line").find_element(By.XPATH, "following-sibling::ul[1]")
    assert "Parliament" in section.text and "Principal Accounting Officer" in section.text
    assert any(a.text == "2.1.2" for a in section.find_elements(By.CSS_SELECTOR, "a.fw-cite"))
    # 3.2: the Secretary of State has the power to approve the plans
    _open(browser, noms + "actors/secretary_of_state.html")
    powers = browser.find_element(By.ID, "power-power").find_element(By.XPATH, "following-sibling::ul[1]")
    assert "power to approve the Corporate Plan and the Business Plan" in powers.text
    _open(browser, noms + "actors/permanent_secretary.html")
    acting = browser.find_element(By.ID, "acts-for")
    assert acting  # C.2: the Principal Accounting Officer delegates financial authority


def _ask(driver: Any, base: str, question: str, name: str) -> str:
    _open(driver, base + "things/index.html")
    box = driver.find_element(By.CSS_SELECTOR, "[data-fw-ask]")
    assert box.is_displayed()
    Select(driver.find_element(By.ID, "fw-ask-question")).select_by_visible_text(question)
    field = driver.find_element(By.ID, "fw-ask-name")
    field.clear()
    field.send_keys(name, Keys.ENTER)  # (a click leaves the theme's button hovered, in its accent colour)
    WebDriverWait(driver, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, ".fw-ask__answer").text)
    return _text(driver, ".fw-ask__answer")


def test_the_question_box_answers_with_clauses(browser: Any, noms: str) -> None:  # noqa: F811
    answer = _ask(browser, noms, "Who approves a thing?", "the business plan")
    assert answer.startswith("Who approves Business Plan?")
    assert "Lord Chancellor and Secretary of State for Justice" in answer and "3.2" in answer
    assert "Drafts" not in answer  # only the role asked about
    link = browser.find_element(By.CSS_SELECTOR, ".fw-ask__answer a.fw-cite")
    assert re.search(r"document/section-\d\.html#clause-", link.get_attribute("href"))
    lines = _ask(browser, noms, "To whom is an actor accountable?", "DG")
    assert "Parliament" in lines and "2.1.2" in lines
    assert axe_violations(browser) == []
    missing = _ask(browser, noms, "Who approves a thing?", "Busines Plan")
    assert "names no thing" in missing and "Business Plan" in missing


def test_the_question_box_shows_hostile_input_as_text(browser: Any, noms: str) -> None:  # noqa: F811
    hostile = '<img src=x onerror="document.title=\'pwned\'">'
    _open(browser, noms + "things/index.html?ask=" + hostile.replace(" ", "+"))
    WebDriverWait(browser, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, ".fw-ask__answer").text)
    assert hostile in _text(browser, ".fw-ask__answer")
    assert not browser.find_elements(By.CSS_SELECTOR, ".fw-ask__answer img")
    assert browser.title != "pwned"


def test_the_export_is_inert_json(noms_built: Path) -> None:  # noqa: F811
    import html

    page = (noms_built / "things" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<div id="fw-ask-data" data-facts="([^"]*)" hidden>', page)
    assert match and "<" not in match.group(1)
    data = json.loads(html.unescape(match.group(1)))
    approves = [i for i in data["things"]["business_plan"]["answers"]["object"] if i["group"] == "Approves it"]
    assert any(i["name"] == "Lord Chancellor and Secretary of State for Justice"
               and "3.2" in [c[0] for c in i["cites"]] for i in approves)
