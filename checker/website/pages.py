"""The pages of the site: what each is called, where it lives and its HTML body.

A generated page's body is finished HTML: the hooks hand it to mkdocs after Markdown (so
Python-Markdown never sees a byte of the document's prose) and build the page's table of
contents from its headings.  The toolkit's own reference pages are Markdown, which mkdocs
renders as usual.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from markupsafe import Markup, escape

from checker.model import ACTOR, OBJECT, Clause, Document, Ref, Rule
from checker.render import english
from checker.render.prose import render_clause_body, render_markdown
from checker.website import urls
from checker.website.data import SiteData
from checker.website.mentions import Mention, Mentions
from checker.website.roles import Matrix, build_matrix
from checker.website.templates import render


@dataclass(frozen=True)
class SitePage:
    src: str  # the page's path in the docs folder: "actors/x.md"
    title: str  # plain text
    html: str | None = None  # a generated page's finished body
    markdown: str = ""  # a Markdown page's source (the toolkit's own docs only)
    nav: bool = True  # listed in the navigation
    boost: float | None = None  # search ranking of the page
    search: bool = True  # in the search index
    nav_title: str | None = None  # a shorter title for the navigation
    hide: tuple[str, ...] = ()  # Material's `hide` front matter: "toc", "navigation"
    search_lead_only: bool = False  # index only the page's title and its text above the first h2


@dataclass(frozen=True)
class Asset:
    src: str  # "graphs/accountability.svg"
    content: bytes


Item = SitePage | Asset


class Site:
    """Everything the page generators share: the data and what is computed from it once."""

    def __init__(self, data: SiteData) -> None:
        self.data = data
        self.document: Document = data.document

    @cached_property
    def mentions(self) -> Mentions:
        return Mentions(self.document)

    @cached_property
    def matrix(self) -> Matrix:
        return build_matrix(self.document)

    @cached_property
    def sentences(self) -> dict[str, str]:
        """Every rule in English, by rule id: written once, shown on several pages."""
        return {}

    @cached_property
    def informals(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        for mark in self.document.informals:
            out.setdefault(mark.clause, []).append(mark)
        return out

    def label(self, clause_id: str) -> str:
        cached = self._labels.get(clause_id)
        if cached is None:
            cached = self._labels[clause_id] = _label(self.document, clause_id)
        return cached

    @cached_property
    def _labels(self) -> dict[str, str]:
        return {}

    def view(self, here: str) -> View:
        return View(self, here)

    def page(self, src: str, title: str, template: str, nav: bool = True,
             boost: float | None = None, nav_title: str | None = None,
             hide: tuple[str, ...] = (), search: bool = True, **context: Any) -> SitePage:
        view = self.view(src)
        html = render(template, fw=view, document=self.document, site=self, title=title, **context)
        return SitePage(src, title, html, nav=nav, boost=boost, search=search, nav_title=nav_title,
                        hide=hide)


class View:
    """What a template may ask while writing one page: addresses relative to that page,
    names from the registers, rules in English."""

    def __init__(self, site: Site, here: str) -> None:
        self.site = site
        self.document = site.document
        self.here = here

    # -- addresses ------------------------------------------------------------------------
    def url(self, src: str, anchor: str | None = None) -> str:
        return urls.relative(self.here, src, anchor)

    def clause_url(self, clause: Clause | str) -> str:
        if isinstance(clause, str):
            clause = self.document.clauses[clause]
        return urls.clause_url(self.document, clause, self.here)

    def actor_url(self, actor_id: str) -> str:
        return self.url(urls.actor_page(actor_id))

    def check_url(self, code: str) -> str:
        return self.url(urls.check_page(code))

    # -- names ----------------------------------------------------------------------------
    def date(self, value: str) -> str:
        return long_date(value)

    def clause(self, clause_id: str) -> Clause:
        return self.document.clauses[clause_id]

    def label(self, clause_id: str) -> str:
        """How a clause is cited, briefly: '2.1.3', 'Annex C paragraph 4', 'Section 2',
        'Foreword paragraph 3', or an unnumbered heading under its numbered clause."""
        return self.site.label(clause_id)

    def actor_name(self, actor_id: str) -> str:
        return self.document.actor_name(actor_id)

    def short_name(self, actor_id: str) -> str:
        return short_name(self.document, actor_id)

    def object_name(self, object_id: str) -> str:
        return self.document.object_name(object_id)

    def mention_name(self, mention: Mention) -> str:
        if mention.office and mention.office in self.document.offices:
            return self.document.offices[mention.office].name
        return self.document.actor_name(mention.actor)

    def the(self, name_id: str) -> str:
        """An actor or object as a sentence names it: 'the Corporate Plan', 'Parliament'."""
        kind = ACTOR if name_id in self.document.actors else OBJECT
        return english.name(Ref(name_id, name_id, kind, self.document.manifest.location), self.document)

    def actor_or_id(self, actor_id: str) -> str:
        return self.document.actor_name(actor_id)

    def names(self, refs: tuple[Any, ...]) -> str:
        return english.names(refs, self.document)

    def third_person(self, action: str) -> str:
        return english.third_person(action)

    def part_heading(self, part: Any) -> str:
        if part.kind == "section" and part.number:  # (an unnumbered section: its title)
            return f"{part.number}. {part.title}"
        if part.kind == "annex":
            # an annex titled only "Annex C" is named by its subtitle
            plain_title = part.title.strip().lower() == part.label.lower()
            return f"{part.label}: {part.subtitle if plain_title and part.subtitle else part.title}"
        return str(part.title)

    def clause_heading(self, clause: Clause) -> str:
        return clause.heading

    def group_mentions(self, mentions: tuple[Mention, ...]) -> list[tuple[str, list[str]]]:
        """Mentions by actor, in order of first mention: (actor id, [office names])."""
        out: dict[str, list[str]] = {}
        for mention in mentions:
            offices = out.setdefault(mention.actor, [])
            if mention.office and mention.office in self.document.offices:
                name = self.document.offices[mention.office].name
                if name not in offices:
                    offices.append(name)
        return list(out.items())

    def amendment_page(self, record_id: str) -> str:
        return urls.amendment_page(record_id)

    def clause_history_page(self, part: Any) -> str:
        return urls.clause_history_page(part)

    # -- rules ----------------------------------------------------------------------------
    def sentence(self, rule: Rule) -> str:
        cache = self.site.sentences
        if rule.id not in cache:
            cache[rule.id] = english.sentence(rule, self.document)
        return cache[rule.id]

    def tags(self, rule: Rule) -> list[tuple[str, str]]:
        """(kind, text) of the conditions and deadlines a rule carries, for scanning a list."""
        # (english.tag says which: a frequency is not a deadline)
        return [t for t in (english.tag(rule, q, self.document) for q in rule.qualifiers) if t]

    def rules_source(self, rules: Any) -> Markup:
        """The rules as written, highlighted with the document's names (checker/highlight.py)."""
        from checker.highlight import highlight_html, lexer_for

        return highlight_html("".join(f"{rule.source}\n" for rule in rules), lexer_for(self.document))

    def informal(self, mark: Any) -> str:
        return english.informal_sentence(mark)

    def word_diff(self, old: str, new: str) -> Markup:
        from checker.website.diff import word_diff

        return word_diff(old, new)

    def changed(self, old: str | None, new: str | None) -> bool:
        from checker.website.diff import changed

        return changed(old, new)

    def graph_svg(self, svg: bytes, label: str) -> Markup:
        """A graph's SVG, inline in the page (its boxes are links), named by `label`."""
        from checker.website.graphs import inline_svg

        return inline_svg(svg, label)

    # -- prose ----------------------------------------------------------------------------
    def prose(self, clause: Clause) -> Markup:
        return render_clause_body(clause, self.document, self.clause_url)

    def markdown(self, text: str) -> Markup:
        return render_markdown(text, self.document, None, self.clause_url)


def heading_ids(html: str) -> list[str]:
    return re.findall(r'<h[1-6][^>]*\sid="([^"]+)"', html)


def plain(text: str) -> str:
    """A title for mkdocs (which prints titles as HTML): the text, escaped."""
    return str(escape(" ".join(text.split())))


Generator = Callable[[Site], Iterator[Item]]


def _label(document: Document, clause_id: str) -> str:
    clause = document.clauses[clause_id]
    part = document.part_by_id[clause.part]
    if clause.depth == 0 or clause.number:
        return clause.label
    lead = f"{part.title} paragraph "
    if clause.label.startswith(lead):  # a paragraph of the foreword, introduction or glossary
        return f"{part.kind.capitalize()} paragraph {clause.label[len(lead):]}"
    above = next((c for c in document.ancestors(clause_id) if c.number or c.depth == 0), None)
    name = clause.title or clause.label
    return f"{_label(document, above.id)}, {name}" if above is not None else name


MONTHS = english.MONTHS


def long_date(value: str) -> str:
    """'2008-07-01' -> '1 July 2008'; anything else unchanged."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if not match:
        return str(value)
    year, month, day = (int(g) for g in match.groups())
    return f"{day} {MONTHS[month - 1]} {year}" if 1 <= month <= 12 else str(value)


def short_name(document: Document, actor_id: str, longest: int = 24) -> str:
    """A short name for tight places (matrix headers, graph boxes): the register name if it is
    short, else the first alias (without a leading 'the') that is shorter and still a name."""
    actor = document.actors.get(actor_id)
    if actor is None:
        return actor_id
    if len(actor.name) <= longest:
        return actor.name
    for alias in actor.aliases:
        alias = re.sub(r"^the\s+", "", alias.strip(), flags=re.I)
        if 8 <= len(alias) < len(actor.name):
            return alias
    return actor.name
