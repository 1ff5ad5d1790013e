"""Every page type of the website in real Chromium, served under a sub-path as a GitHub Pages
project site is (https://example.org/fwdoc/ -> http://127.0.0.1:PORT/fwdoc/):

* reflow (WCAG 1.4.10): no page wider than the viewport at 320, 390 and 1280 px;
* axe-core (vendored, tests/vendor/axe.min.js): no violation, every rule, at each width;
* a crawl of every internal link of every page, the 404 page's included (served, as GitHub
  Pages serves it, for a missing address deep under the sub-path), and the sitemap;
* search: the real Material search (its lunr index, in its web worker) ranks the document's
  clauses first, and the index is small;
* the graphs: inline SVG whose boxes link to the actors' pages, fitted to their frames, with
  labels of at least 12 px at full size;
* the responsibility matrix on a phone: a list view, filters kept in the address, empty columns
  hidden, headers that break between words;
* the history pages: each amendment's changes marked word by word.

The NOMS site (framework/) and the small fixture (whose amendment gives the history pages) are
built once per session.  The slow checks (width, axe) sample pages of every type; the crawl
covers every page.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from checker.website.build import build_site
from tests.browser import axe_violations, chromium
from tests.sitecrawl import crawl, fetch

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "site" / "small"
PREFIX = "/fwdoc/"
SITE_URL = "https://example.org/fwdoc/"
WIDTHS = (320, 390, 1280)


# -- serving under a sub-path ---------------------------------------------------------------
class _SubPath(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX only, and answers any missing address with the site's
    404.html (status 404), as GitHub Pages does."""

    root = ""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        clean = urllib.parse.urlsplit(path).path
        if not clean.startswith(PREFIX):
            return str(Path(self.root) / "\0missing")  # outside the sub-path: nothing there
        return super().translate_path("/" + clean[len(PREFIX):])

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            body = (Path(self.root) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io

            return io.BytesIO(body)
        return super().send_head()


def _serve(root: Path) -> str:
    handler = type("Handler", (_SubPath,), {"root": str(root)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"


@pytest.fixture(scope="session")
def noms_built(tmp_path_factory: pytest.TempPathFactory, framework_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("noms-subpath") / "site"
    build_site(framework_dir, out, today=date(2024, 1, 1), site_url=SITE_URL)
    return out


@pytest.fixture(scope="session")
def small_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("small-subpath") / "site"
    build_site(SMALL, out, today=date(2024, 1, 1), site_url=SITE_URL)
    return out


@pytest.fixture(scope="session")
def noms(noms_built: Path) -> str:
    return _serve(noms_built)


@pytest.fixture(scope="session")
def small(small_built: Path) -> str:
    return _serve(small_built)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    driver = chromium(1280, 900)
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: Any, url: str, width: int = 1280) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(width, 900)
    browser.get(url)
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


# -- reflow and axe: a sample of every page type, at each width ------------------------------
NOMS_PAGES = {
    "home": "index.html",
    "part": "document/section-2.html",
    "part with a wide table": "document/annex-f.html",
    "glossary": "document/glossary.html",
    "actors": "actors/index.html",
    "actor with a long citation": "actors/secretary_of_state.html",
    "matrix": "matrix.html",
    "what is due when": "calendar.html",
    "matrix by thing": "matrix.html?view=things",
    "matrix by actor, filtered": "matrix.html?view=actors&things=plan&actors=agency",
    "things and the question box": "things/index.html?ask=Business+Plan",
    "a thing": "things/business_plan.html",
    "graphs": "graphs/index.html",
    "accountability graph": "graphs/accountability.html",
    "delegations graph": "graphs/delegations.html",
    "planning graph": "graphs/planning.html",
    "history": "history/index.html",
    "the language": "reference/dsl.html",
    "checks": "reference/checks/index.html",
    "a check with code comments": "reference/checks/ACC002.html",
    "the check report": "reference/report.html",
    "404": "no/such/page.html",
}
SMALL_PAGES = {
    "amendment": "history/a-2021-01.html",
    "clause history": "history/clauses/section-1.html",
}
SAMPLE = [("noms", k, v) for k, v in NOMS_PAGES.items()] + [("small", k, v) for k, v in SMALL_PAGES.items()]


def test_the_sample_covers_every_page_type(noms_built: Path, small_built: Path) -> None:
    """Each folder of pages the site builds is in the sample (a new page type must join it)."""
    kinds = {p.relative_to(noms_built).parts[0] if len(p.relative_to(noms_built).parts) > 1 else p.name
             for p in noms_built.rglob("*.html")}
    sampled = {v.split("/")[0] if "/" in v else v.split("?")[0] for v in NOMS_PAGES.values()}
    assert kinds - {"404.html"} <= sampled | {"no"}, kinds - sampled
    assert {p.relative_to(small_built).as_posix().rsplit("/", 1)[0] for p in small_built.glob("history/**/*.html")} \
        == {"history", "history/clauses"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("site", "kind", "page"), SAMPLE, ids=[k for _, k, _ in SAMPLE])
def test_no_page_is_wider_than_the_viewport_and_axe_finds_nothing(
        browser: Any, request: pytest.FixtureRequest, site: str, kind: str, page: str, width: int) -> None:
    base = request.getfixturevalue(site)
    _open(browser, base + page, width)
    scroll, inner = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{kind} ({page}) is {scroll} px wide at {width} px"
    if width == 1280:  # what the disclosures hide must pass too
        browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert axe_violations(browser) == []


def test_pages_say_their_language_from_the_manifest(noms_built: Path) -> None:
    for page in ("index.html", "404.html", "document/section-2.html"):
        assert '<html lang="en-GB"' in (noms_built / page).read_text(encoding="utf-8")


# -- every link, under the sub-path ---------------------------------------------------------
@pytest.mark.parametrize("site", ["noms", "small"])
def test_every_link_resolves_under_a_sub_path(request: pytest.FixtureRequest, site: str) -> None:
    """From the home page and from the 404 page served deep under the sub-path, every page,
    asset and anchor a link names exists: the crawl reaches every page the build wrote."""
    base = request.getfixturevalue(site)
    built: Path = request.getfixturevalue(f"{site}_built")
    status, _, _ = fetch(base + "a/missing/page.html")
    assert status == 404
    pages, broken, missing = crawl(base, [base + "index.html", base + "a/missing/page.html"])
    assert broken == []
    assert missing == []
    written = {base + p.relative_to(built).as_posix() for p in built.rglob("*.html")} - {base + "404.html"}
    assert written <= set(pages), sorted(written - set(pages))[:10]


def test_the_sitemap_lists_every_page_at_the_site_url(noms_built: Path) -> None:
    sitemap = (noms_built / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    pages = {SITE_URL + p.relative_to(noms_built).as_posix() for p in noms_built.rglob("*.html")} - {SITE_URL + "404.html"}
    assert locs == pages
    assert gzip.decompress((noms_built / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap


# -- search -------------------------------------------------------------------------------
def _search(browser: Any, base: str, query: str) -> list[list[str]]:
    """Material's own search (lunr, in its worker) in Chromium: each result group's links,
    the page first, then its sections, as the reader sees them."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _open(browser, base + "index.html")
    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    box.send_keys(query)
    WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
    WebDriverWait(browser, 15).until(lambda d: query.lower() in d.find_element(
        By.CSS_SELECTOR, ".md-search__input").get_attribute("value").lower())
    groups = browser.execute_script("""
        return Array.from(document.querySelectorAll('.md-search-result__list > .md-search-result__item'))
          .map(item => Array.from(item.querySelectorAll('a.md-search-result__link'))
          .map(a => a.getAttribute('href')));""")
    return [[urllib.parse.urlsplit(urllib.parse.urljoin(base, h)).path[len(urllib.parse.urlsplit(base).path):]
             + ("#" + urllib.parse.urlsplit(h).fragment if urllib.parse.urlsplit(h).fragment else "")
             for h in group] for group in groups]


@pytest.mark.parametrize(("query", "clause"), [
    ("delegation", None),  # annex G (delegation of sponsorship responsibilities) and 5.3, 5.4
    ("Business Plan", "document/section-3.html#clause-3-2"),
    ("Corporate Plan", "document/section-3.html#clause-3-2"),
])
def test_search_ranks_the_documents_clauses_first(browser: Any, noms: str, query: str, clause: str | None) -> None:
    groups = _search(browser, noms, query)
    assert groups, query
    first = groups[0]
    assert first[0].startswith("document/"), groups[:3]
    sections = [link for group in groups for link in group if "#" in link]
    assert re.search(r"#clause-", sections[0]), sections[:3]
    if clause is not None:
        assert clause in first, first
    # the toolkit's reference pages come after every page of the document
    kinds = [group[0].split("/")[0] for group in groups]
    if "reference" in kinds and "document" in kinds:
        assert max(i for i, k in enumerate(kinds) if k == "document") < kinds.index("reference"), kinds


def test_the_search_index_is_small(noms_built: Path) -> None:
    """The index every first page view downloads: the clauses in full, the actors by their
    names and offices (their rules are the clauses'), the checks by their summaries."""
    raw = (noms_built / "search" / "search_index.json").read_bytes()
    # what a reader downloads is the gzipped index (90 KB); the raw bound leaves room for the
    # reference pages of new checks (536 KB with 822 rules and 53 registered checks)
    assert len(raw) < 580_000 and len(gzip.compress(raw)) < 90_000, (len(raw), len(gzip.compress(raw)))
    docs = json.loads(raw)["docs"]
    checks = [d for d in docs if d["location"].startswith("reference/checks/")]
    assert checks and all("Why it matters" not in d["title"] for d in checks)
    assert all(d.get("boost", 1) < 1 for d in checks)
    # the parts' pages (document/<part>/), not the page listing the instruments the document cites
    parts = [d for d in docs if d["location"].startswith("document/") and not d["location"].startswith("document/instruments/")]
    assert parts and all(d.get("boost") == 3.0 for d in parts)


# -- graphs ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["accountability", "delegations", "planning"])
def test_graphs_fit_their_frames_link_their_boxes_and_read_at_full_size(
        browser: Any, noms: str, noms_built: Path, name: str) -> None:
    from selenium.webdriver.common.by import By

    for width in (390, 1280):
        _open(browser, noms + f"graphs/{name}.html", width)
        fits = browser.execute_script("""
            const frame = document.querySelector('.fw-graph__frame'), svg = frame.querySelector('svg');
            const f = frame.getBoundingClientRect(), s = svg.getBoundingClientRect();
            return [frame.scrollWidth <= frame.clientWidth + 1, s.left >= f.left - 1, s.right <= f.right + 1,
                    frame.scrollHeight <= frame.clientHeight + 1];""")
        assert fits == [True, True, True, True], (name, width, fits)  # nothing hidden in the frame
    # every box links to its actor's page, named by the actor's full name; a step whose actor the
    # text does not name (an agentless passive) links to the clause that says it
    boxes = browser.execute_script("""
        return Array.from(document.querySelectorAll('.fw-graph__frame g.node')).map(g => {
          const a = g.querySelector('a'); return a ? [a.getAttribute('href') || a.getAttribute('xlink:href'),
          a.getAttribute('xlink:title'), a.href.baseVal ? new URL(a.href.baseVal, location.href).href : ''] : null; });""")
    assert boxes and None not in boxes, boxes
    for href, title, absolute in boxes:
        if title == "not named by the text":
            assert re.fullmatch(r"\.\./document/[a-z0-9-]+\.html#[a-z0-9-]+", href), href
            href = href.split("#")[0]
        else:
            assert re.fullmatch(r"\.\./actors/[a-z0-9_.]+\.html", href), href
        assert (noms_built / "graphs" / href).resolve().is_file(), href
        assert title and fetch(absolute)[0] == 200
    words = browser.find_element(By.ID, "in-words").find_element(By.XPATH, "following-sibling::*").text
    assert words
    # at full size every label is at least 12 CSS pixels
    button = browser.find_element(By.CSS_SELECTOR, "[data-fw-zoom]")
    assert button.is_displayed()
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    smallest = browser.execute_script("""
        return Math.min(...Array.from(document.querySelectorAll('.fw-graph__frame svg text')).map(t =>
          parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a));""")
    assert smallest >= 12, smallest
    if name == "delegations":
        labels = browser.execute_script("return document.querySelectorAll('.fw-graph__frame g.edge text').length")
        assert labels > 0


# -- the matrix on a phone ----------------------------------------------------------------------
def _visible(browser: Any, css: str) -> list[Any]:
    return [e for e in browser.find_elements("css selector", css) if e.is_displayed()]


def test_matrix_on_a_phone_is_a_list_with_its_filters_in_the_address(browser: Any, small: str) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, small + "matrix.html", 390)
    assert not browser.find_element(By.ID, "fw-matrix-table").is_displayed()  # the list by thing
    groups = _visible(browser, "[data-fw-view-of=things] .fw-mlist__group")
    assert len(groups) == 7
    browser.find_element(By.ID, "fw-matrix-actors").send_keys("treasury")
    assert "actors=treasury" in browser.current_url and "view=things" in browser.current_url
    shown = _visible(browser, "[data-fw-view-of=things] .fw-mlist__group")
    names = [g.find_element(By.CSS_SELECTOR, ".fw-mlist__name").text for g in shown]
    assert "Corporate Plan" in names and 0 < len(names) < 7  # HM Treasury is consulted on it
    for group in shown:  # under each thing, only HM Treasury's roles
        items = [li.text for li in group.find_elements(By.CSS_SELECTOR, "li[data-fw-actor]") if li.is_displayed()]
        assert items and all(text.startswith("HM Treasury") for text in items), items
    # the address brings the same view back
    _open(browser, small + "matrix.html?view=actors&actors=treasury", 390)
    assert browser.find_element(By.ID, "fw-matrix-actors").get_attribute("value") == "treasury"
    groups = _visible(browser, "[data-fw-view-of=actors] .fw-mlist__group")
    assert [g.find_element(By.CSS_SELECTOR, ".fw-mlist__name").text for g in groups] == ["HM Treasury"]
    pressed = browser.find_element(By.CSS_SELECTOR, "[data-fw-view=actors]").get_attribute("aria-pressed")
    assert pressed == "true"


def test_matrix_table_hides_the_columns_a_filter_empties(browser: Any, small: str, noms: str) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, small + "matrix.html?view=table&things=plan", 1280)
    rows = _visible(browser, "#fw-matrix-table tbody tr")
    assert [r.find_element(By.TAG_NAME, "th").text for r in rows] == ["Business Plan", "Corporate Plan"]
    assert "Showing 2 of 7 rows" in browser.find_element(By.CSS_SELECTOR, ".fw-filter__status").text
    _open(browser, noms + "matrix.html?view=table&things=plan", 1280)
    heads = _visible(browser, "#fw-matrix-table thead th.fw-matrix__actor")
    used = browser.execute_script("""
        const rows = Array.from(document.querySelectorAll('#fw-matrix-table tbody tr')).filter(r => !r.hidden);
        const heads = Array.from(document.querySelectorAll('#fw-matrix-table thead th.fw-matrix__actor'));
        return heads.filter((th, c) => rows.some(r => r.cells[c + 1].hasAttribute('data-fw-actor'))).length;""")
    total = len(browser.find_elements(By.CSS_SELECTOR, "#fw-matrix-table thead th.fw-matrix__actor"))
    assert 0 < len(heads) == used < total
    for row in _visible(browser, "#fw-matrix-table tbody tr"):  # each row keeps a role in a shown column
        assert any(c.is_displayed() and c.text for c in row.find_elements(By.TAG_NAME, "td"))
    # the NOMS headers break between words (or after a hyphen), never inside one ("commissio/ned")
    _open(browser, noms + "matrix.html?view=table", 1280)
    split = browser.execute_script("""
        const out = [];
        for (const a of document.querySelectorAll('#fw-matrix-table thead th a')) {
          const text = a.firstChild; if (!text) continue;
          const re = /[^\\s-]+-?/g; let m;  // a line may break after a hyphen
          while ((m = re.exec(text.data))) {
            const range = document.createRange(); range.setStart(text, m.index); range.setEnd(text, m.index + m[0].length);
            const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
            if (tops.size > 1) out.push(m[0]);
          }
        }
        return out;""")
    assert split == []


def test_the_menu_and_the_matrix_page_share_its_name(browser: Any, noms: str) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, noms + "index.html", 1280)
    entries = [a.get_attribute("textContent").strip() for a in browser.find_elements(By.CSS_SELECTOR, ".md-nav a")
               if (a.get_attribute("href") or "").endswith("matrix.html")]
    _open(browser, noms + "matrix.html", 1280)
    heading = browser.find_element(By.TAG_NAME, "h1").text.strip("¶ \n")
    assert entries and set(entries) == {heading} == {"Responsibility matrix"}


# -- history --------------------------------------------------------------------------------
def test_history_marks_what_each_amendment_changed(browser: Any, small: str) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, small + "history/clauses/section-1.html", 1280)
    versions = browser.find_elements(By.CSS_SELECTOR, "ol.fw-versions > li")
    assert len(versions) == 2
    later = versions[1]
    deleted = [d.text.strip() for d in later.find_elements(By.TAG_NAME, "del")]
    inserted = [i.get_attribute("textContent").strip() for i in later.find_elements(By.TAG_NAME, "ins")]
    assert "reports" in deleted and "in the monthly report." in deleted
    assert "must inform the Minister of" in inserted and "as soon as possible." in inserted
    assert any("chief_executive must inform minister" in text for text in inserted)  # the rules' change
    # the later version is its changes, not the text again in full: its unchanged words once
    text = later.find_element(By.CSS_SELECTOR, ".fw-diff").text
    assert text.count("The Chief Executive is accountable") == 1
    # the amendment's own page shows the same changes, clause by clause
    _open(browser, small + "history/a-2021-01.html", 1280)
    change = browser.find_element(By.CSS_SELECTOR, ".fw-change")
    assert [d.text.strip() for d in change.find_elements(By.TAG_NAME, "del")][:1] == ["reports"]
    assert "must inform the Minister of" in [i.text.strip() for i in change.find_elements(By.TAG_NAME, "ins")]


def test_the_calendar_page_shows_the_year_by_month_and_by_actor(browser: Any, noms: str) -> None:
    """NOMS's first financial year (published 2008-07-01): the planning cycle in its months
    (3.2: plans submitted before the start of the financial year, 31 March 2009; 6: the key
    performance indicators agreed normally by the end of April), each duty under its actor,
    the page in the menu and its iCalendar file served beside it."""
    from selenium.webdriver.common.by import By

    _open(browser, noms + "calendar.html", 390)
    months = [h.text.strip("¶ ") for h in browser.find_elements(By.CSS_SELECTOR, "h3[id^='month-']")]
    assert months[0] == "April 2008" and months[-1] == "March 2009"
    assert months == sorted(months, key=lambda m: (m.split()[1], ["April", "May", "June", "July", "August",
                            "September", "October", "November", "December", "January", "February",
                            "March"].index(m.split()[0])))
    april = browser.find_element(By.ID, "month-2008-04").find_element(By.XPATH, "following-sibling::ul[1]")
    assert "agree key performance indicators" in april.text and "normally" in april.text
    march = browser.find_element(By.ID, "month-2009-03").find_element(By.XPATH, "following-sibling::ul[1]")
    assert "before the start of the financial year" in march.text
    assert march.find_element(By.CSS_SELECTOR, "time[datetime='2009-03-31']")
    director = browser.find_element(By.ID, "actor-director_general").find_element(By.XPATH, "following-sibling::ul[1]")
    assert "submit the Corporate Plan and the Business Plan before the start" in director.text
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a[href$='calendar.html']")]
    assert links  # in the navigation
    ics = browser.find_element(By.CSS_SELECTOR, "a[download]").get_attribute("href")
    status, kind, body = fetch(ics)
    assert status == 200 and body.startswith(b"BEGIN:VCALENDAR")
