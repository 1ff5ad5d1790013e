"""The website, built for real by mkdocs from small fixture documents (no browser here).

tests/fixtures/site/small  a made-up document with every page kind's content
tests/fixtures/site/hostile every piece of its text tries to inject markup or script
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker.cli import main
from checker.website.build import build_site
from checker.website.data import SiteError, source_date_epoch
from checker.website.hooks import toc_tokens

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "site"
SMALL = FIXTURES / "small"
HOSTILE = FIXTURES / "hostile"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("small") / "site"
    build_site(SMALL, out, today=date(2024, 1, 1))
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "site"
    build_site(HOSTILE, out, today=date(2024, 1, 1))
    return out


def words(html: str) -> str:
    """A page's text as a reader sees it, whitespace collapsed."""
    return " ".join("".join(Elements.of(html).text).split())


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def article(site: Path, page: str) -> str:
    """The page's content, without the theme's navigation."""
    html = read(site, page)
    return html[html.index('<article class="md-content__inner'):html.index("</article>")]


class Elements(HTMLParser):
    """Every start tag of a page: (tag, attributes); and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if not self._in_script:
            self.text.append(data)

    @classmethod
    def of(cls, html: str) -> Elements:
        parser = cls()
        parser.feed(html)
        return parser

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if a.get("id")}

    def links(self) -> list[tuple[str, str]]:
        return [(a.get("href") or "", a.get("class") or "") for t, a in self.tags if t == "a"]


# -- every page kind -------------------------------------------------------------------
PAGES = [
    "index.html", "document/foreword.html", "document/section-1.html", "document/section-2.html",
    "document/glossary.html", "document/annex-a.html", "actors/index.html",
    "actors/permanent_secretary.html", "actors/chief_executive.html", "matrix.html",
    "graphs/index.html", "graphs/accountability.html", "graphs/delegations.html",
    "graphs/planning.html", "graphs/accountability.svg", "graphs/delegations.svg",
    "graphs/planning.svg", "history/index.html", "history/a-2021-01.html",
    "history/clauses/section-1.html", "reference/index.html", "reference/dsl.html",
    "reference/checks/index.html", "reference/checks/COV001.html", "search/search_index.json",
    "sitemap.xml", "sitemap.xml.gz",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_kind_is_built(small: Path, page: str) -> None:
    assert (small / page).is_file(), f"{page} is missing"


def test_one_page_per_actor(small: Path) -> None:
    built = sorted(p.stem for p in (small / "actors").glob("*.html"))
    assert built == sorted(["index", "parliament", "minister", "permanent_secretary", "chief_executive",
                            "department_board", "agency", "treasury", "finance_director"])


def test_one_page_per_registered_check(small: Path) -> None:
    from checker.checks import REGISTRY

    missing = [code for code in REGISTRY if not (small / "reference" / "checks" / f"{code}.html").is_file()]
    assert not missing


def test_the_dsl_reference_is_docs_dsl_md(small: Path) -> None:
    text = words(article(small, "reference/dsl.html"))
    first_heading = re.search(r"^# (.+)$", (REPO / "docs" / "dsl.md").read_text(encoding="utf-8"), re.M)
    assert first_heading and first_heading.group(1) in text
    assert "Qualifiers" in text


# -- part pages ------------------------------------------------------------------------
def test_part_page_has_the_publication_anchors(small: Path) -> None:
    ids = Elements.of(read(small, "document/section-1.html")).ids()
    assert {"section-1", "clause-1-1", "clause-1-2", "clause-1-3", "clause-1-3-1"} <= ids
    assert "annex-a" in Elements.of(read(small, "document/annex-a.html")).ids()
    assert "clause-a-1" in Elements.of(read(small, "document/annex-a.html")).ids()


def test_part_page_puts_the_rules_in_english_beside_the_prose(small: Path) -> None:
    html = article(small, "document/section-1.html")
    clause = html[html.index('id="clause-1-2"'):html.index('id="clause-1-3"')]
    prose = clause[clause.index('class="fw-prose"'):clause.index('class="fw-rules"')]
    rules = clause[clause.index('class="fw-rules"'):]
    assert "line manages the Chief Executive" in prose
    assert "The Permanent Secretary must endorse the Corporate Plan by the end of October" in rules
    assert "deadline:</span> by the end of October" in rules
    # how often is a frequency, not a deadline
    planning = article(small, "document/section-2.html")
    assert "frequency:</span> annually" in planning or "frequency:</span> each year" in planning
    assert not re.search(r"deadline:</span> (annually|each year)", planning)
    informal = article(small, "document/section-1.html")
    assert "Not stated as a rule: a prohibition on sub-delegation is the default." in informal


def test_cross_references_and_glossary_terms_are_links(small: Path) -> None:
    links = Elements.of(article(small, "document/section-2.html")).links()
    assert ("section-1.html#clause-1-1", "fw-xref") in links
    assert ("annex-a.html#clause-a-1", "fw-xref") in links
    assert ("glossary.html#glossary-ce", "fw-term") in links
    assert "glossary-ce" in Elements.of(read(small, "document/glossary.html")).ids()


def test_a_clause_names_who_it_mentions_under_their_register_names(small: Path) -> None:
    html = article(small, "document/section-2.html")
    clause = html[html.index('id="clause-2-2"'):]
    # the prose says "Accounting Officer for the Agency", an alias of the office
    assert '<a href="../actors/chief_executive.html">Chief Executive of the Agency</a> (as Agency Accounting Officer)' in clause


# -- actor pages -----------------------------------------------------------------------
def test_actor_page_names_aliases_and_offices(small: Path) -> None:
    html = article(small, "actors/permanent_secretary.html")
    assert "Permanent Secretary of the Department" in html
    assert 'id="office-principal_accounting_officer"' in html
    assert "the Department&#39;s Principal Accounting Officer" in html


def test_actor_page_duties_link_to_their_clause(small: Path) -> None:
    html = article(small, "actors/permanent_secretary.html")
    duties = html[html.index('id="duties"'):]
    item = re.search(r'<li class="fw-rule">(.*?)</li>', duties, re.S)
    assert item and "must endorse the Corporate Plan" in item.group(1)
    assert 'href="../document/section-1.html#clause-1-2">1.2</a>' in item.group(1)


def test_actor_page_accountability_delegation_and_boards(small: Path) -> None:
    ce = article(small, "actors/chief_executive.html")
    assert "is accountable to the Permanent Secretary for the performance of the Agency" in ce
    assert 'id="accountability"' in ce and "Line managed by" in ce
    assert "may delegate the financial authority to the Finance Director, in writing" in ce
    assert "condition:" not in ce
    ps = article(small, "actors/permanent_secretary.html")
    assert 'id="accountable-to-it"' in ps and "Line manages" in ps
    assert "The Permanent Secretary chairs the Department Board." in ps
    board = article(small, "actors/department_board.html")
    assert "Chaired by" in board and "chief_executive.html" in board  # the register's members


def test_actor_page_roles_and_clauses_that_name_it(small: Path) -> None:
    html = article(small, "actors/treasury.html")
    # the thing links to its page (checker/website/objects.py)
    assert 'Consulted: <a href="../things/corporate_plan.html">Corporate Plan</a>' in html
    assert 'id="named-in"' in html and "section-2.html#clause-2-1" in html


# -- home ------------------------------------------------------------------------------
def test_home_page_facts_and_check_summary(small: Path) -> None:
    text = words(article(small, "index.html"))
    assert "Example Agency Framework Document" in text
    assert "Status Published" in text and "Version 1.1" in text
    assert "Review by 31 March 2023 passed: the document is overdue for review" in text
    assert "Amendment in force a-2021-01: The Chief Executive informs the Minister" in text
    # the public home page leads with the document; the check's findings are for maintainers
    assert "Contents" in text and "Who does what" in text
    assert text.index("Contents") < text.index("Who does what")
    assert "DAT001" not in text and "warning" not in text
    report = words(article(small, "reference/report.html"))
    assert "fwdoc check reports 0 errors, 1 warning and 0 notes" in report
    assert "DAT001" in report


def test_home_page_does_not_flag_a_review_date_still_ahead() -> None:
    from checker.website import home
    from checker.website.data import load_site_data
    from checker.website.pages import Site

    site = Site(load_site_data(SMALL, date(2022, 1, 1)))
    page = next(iter(home.pages(site)))
    assert page.html is not None
    assert "overdue" not in page.html and "31 March 2023" in page.html


# -- matrix and graphs -------------------------------------------------------------------
def test_matrix_is_an_accessible_table_with_a_hidden_filter(small: Path) -> None:
    html = article(small, "matrix.html")
    page = Elements.of(html)
    assert ("div", {"class": "fw-filter", "data-fw-matrix": None, "hidden": None}) in page.tags
    assert ("label", {"for": "fw-matrix-filter"}) in page.tags
    heads = [a for t, a in page.tags if t == "th"]
    assert all(a.get("scope") in ("col", "row") for a in heads)
    row = html[html.index("<th scope=\"row\"><a href=\"things/corporate_plan.html\">Corporate Plan</a></th>"):]
    row = row[:row.index("</tr>")]
    assert row.count("fw-role--endorses") == 2 and row.count("fw-role--approves") == 1


def test_graphs_are_svg_with_a_text_alternative(small: Path) -> None:
    for name in ("accountability", "delegations", "planning"):
        svg = read(small, f"graphs/{name}.svg")
        assert "<svg" in svg and "</svg>" in svg
        page = Elements.of(article(small, f"graphs/{name}.html"))
        # inline, so that its boxes are links; named for assistive technology; the file beside
        pictures = [a for t, a in page.tags if t == "svg" and a.get("class") == "fw-graph__svg"]
        assert pictures and len(pictures[0]["aria-label"] or "") > 40 and "viewbox" in pictures[0]
        assert ("a", {"href": f"{name}.svg"}) in page.tags
        assert "in-words" in page.ids()
    text = words(article(small, "graphs/accountability.html"))
    assert "Minister for Examples: accountable to Parliament for the Example Agency 1.1" in text
    svg = read(small, "graphs/accountability.svg")
    assert ">Permanent Secretary</text>" in svg and ">Parliament</text>" in svg
    plan = words(article(small, "graphs/planning.html"))
    order = [plan.index(s) for s in ("submits the Corporate Plan", "endorses the Corporate Plan",
                                     "approves the Corporate Plan")]
    assert order == sorted(order)


# -- history ---------------------------------------------------------------------------
def test_amendment_history_pages(small: Path) -> None:
    index = article(small, "history/index.html")
    assert "a-2021-01.html" in index and "Minister for Examples" in index
    entry = words(article(small, "history/a-2021-01.html"))
    assert "Minister for Examples, 1 February 2021 (Letter of 1 February 2021)" in entry
    assert "must now inform the Minister of serious incidents" in entry
    history = article(small, "history/clauses/section-1.html")
    assert "reports serious incidents in the monthly report" in history  # the first version
    assert 'href="../history/clauses/section-1.html#clause-1-3"' in article(small, "document/section-1.html")


# -- search ----------------------------------------------------------------------------
def test_search_index_has_office_names_on_actor_pages_and_clauses(small: Path) -> None:
    import json

    docs = json.loads(read(small, "search/search_index.json"))["docs"]
    office = [d for d in docs if "Agency Accounting Officer" in d["title"]]
    assert any(d["location"].startswith("actors/chief_executive.html") for d in office)
    clause = [d for d in docs if d["location"] == "document/section-2.html#clause-2-2"]
    assert clause and "Agency Accounting Officer" in clause[0]["text"]
    assert not any("chief_executive must" in d["text"] for d in docs)  # the DSL stays out


# -- escaping --------------------------------------------------------------------------
def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_hostile_text_never_becomes_markup(hostile: Path) -> None:
    for page in _pages(hostile):
        parsed = Elements.of(page.read_text(encoding="utf-8"))
        for tag, attrs in parsed.tags:
            assert tag not in ("iframe", "svg", "u", "b", "style") or "fwpwned" not in str(attrs), page
            assert not any(k.startswith("on") for k in attrs), (page, tag, attrs)
            for key in ("href", "src"):
                assert not (attrs.get(key) or "").strip().lower().startswith("javascript:"), (page, attrs)
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page.read_text(encoding="utf-8"), re.S)
        assert not any("fwpwned" in s for s in scripts), page


def test_hostile_text_shows_as_text(hostile: Path) -> None:
    text = words(read(hostile, "document/section-1.html"))
    assert "<script>window.__fwpwned = 'prose script'</script>" in text
    assert "<img src=\"x\" onerror=\"window.__fwpwned = 'prose img'\">" in text
    assert "{#injected}" in text  # no attribute list applied by Python-Markdown
    title = re.search(r"<title>(.*?)</title>", read(hostile, "document/section-1.html"), re.S)
    assert title and "<script>" not in title.group(1) and "&lt;script&gt;" in title.group(1)
    nav = read(hostile, "actors/index.html")
    assert "&lt;script&gt;window.__fwpwned = &#39;actor name&#39;&lt;/script&gt; Board" in nav


# -- properties of the build -----------------------------------------------------------
def test_strict_mkdocs_build_has_no_warnings(tmp_path: Path) -> None:
    env = dict(os.environ, FWDOC_DOCUMENT=str(SMALL), FWDOC_TODAY="2024-01-01")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "site" / "mkdocs.yml"),
         "-d", str(tmp_path / "out")], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr and "WARNING" not in done.stdout, done.stderr
    assert (tmp_path / "out" / "actors" / "minister.html").is_file()


def test_two_builds_are_byte_identical(small: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_site(SMALL, again, today=date(2024, 1, 1))
    first = {p.relative_to(small): p.read_bytes() for p in small.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [str(k) for k in first if first[k] != second[k]] == []


def test_sitemap_is_dated_by_the_source(small: Path) -> None:
    from checker.loader import load_document

    document = load_document(SMALL).document
    assert document is not None
    epoch = source_date_epoch(document)
    assert epoch == 1585699200  # 2020-04-01, the manifest's published date
    raw = (small / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(raw[4:8], "little") == epoch  # the gzip header's mtime
    assert gzip.decompress(raw) == (small / "sitemap.xml").read_bytes()


def test_a_failed_build_leaves_the_previous_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert main(["site", str(SMALL), "--output", str(out), "--today", "2024-01-01"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = tmp_path / "broken"
    shutil.copytree(SMALL, broken)
    (broken / "manifest.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["site", str(broken), "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert "the document cannot be loaded" in err and "manifest.yaml" in err and "unchanged" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_build_site_raises_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(SiteError, match="no manifest.yaml"):
        build_site(tmp_path / "empty", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_toc_tokens_nest_by_level() -> None:
    html = ('<h1 id="a">A<a class="headerlink" href="#a">&para;</a></h1><h2 id="b">B &amp; C</h2>'
            '<h3 id="c">C</h3><h2 id="d">D</h2><h2>no id</h2>')
    tokens = toc_tokens(html)
    assert [t["id"] for t in tokens] == ["a"]
    assert [(t["id"], t["name"]) for t in tokens[0]["children"]] == [("b", "B &amp; C"), ("d", "D")]
    assert tokens[0]["children"][0]["children"][0]["id"] == "c"


def test_site_config_ships_in_the_wheel(tmp_path: Path) -> None:
    """The wheel carries site/ as checker/_data/site, and a build runs from the unpacked wheel."""
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                           "-w", str(tmp_path), str(REPO)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    wheel = next(tmp_path.glob("fwdoc-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("mkdocs.yml", "hooks.py", "templates/part.html", "overrides/main.html",
                 "docs/assets/fwdoc.js", "docs/assets/fwdoc.css"):
        assert f"checker/_data/site/{name}" in names
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = ("import sys; from pathlib import Path; from datetime import date;"
            "from checker.grammar_path import data_dir; from checker.website.build import build_site;"
            "assert str(data_dir('site')).startswith(sys.argv[1]), data_dir('site');"
            "build_site(Path(sys.argv[2]), Path(sys.argv[3]), today=date(2024, 1, 1))")
    env = dict(os.environ, PYTHONPATH=str(unpacked))
    run = subprocess.run([sys.executable, "-c", code, str(unpacked), str(SMALL), str(tmp_path / "out")],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    assert (tmp_path / "out" / "actors" / "minister.html").is_file()


@pytest.mark.parametrize("where", ["document", "parent", "inside", "other-files"])
def test_an_output_the_swap_would_destroy_is_refused(tmp_path: Path, where: str) -> None:
    doc = tmp_path / "doc"
    shutil.copytree(SMALL, doc)
    output = {"document": doc, "parent": tmp_path, "inside": doc / "site",
              "other-files": tmp_path / "notes"}[where]
    if where == "other-files":
        output.mkdir()
        (output / "keep.txt").write_text("mine", encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(SiteError, match="choose"):
        build_site(doc, output)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_actor_pages_open_with_the_registers_description_not_a_bare_kind(small: Path) -> None:
    leads = {}
    for page in sorted((small / "actors").glob("*.html")):
        if page.name == "index.html":
            continue
        html = article(small, f"actors/{page.name}")
        match = re.search(r'<p class="fw-lead">(.*?)</p>', html, re.S)
        leads[page.stem] = words(match.group(1)) if match else ""
    assert leads and not [a for a, lead in leads.items() if re.match(r"An? (person|body|group)\b", lead)]
    assert leads["minister"].startswith("The Minister responsible for the Agency.")
