"""A clause's Markdown prose as safe HTML, with cross-references and glossary terms linked.

The prose arrives through pull requests and is untrusted.  Three layers keep it inert:
markdown-it parses it with raw HTML off (a `<script>` in the source is text), its own link
check refuses `javascript:` and similar URLs, and nh3 (ammonia) then removes every tag and
attribute this module does not emit itself.  Links are added by editing markdown-it's token
stream, so they only ever touch text nodes: never a tag, an attribute or a code span.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from checker.model import Clause, Document
from checker.numbering import item_marker
from checker.render.anchors import glossary_anchor
from checker.xrefs import find_references, resolve

Link = Callable[[Clause], str]

# every tag and attribute the renderer emits; nh3 removes everything else
ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "abbr",
    "table", "caption", "thead", "tbody", "tr", "th", "td", "s",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "class", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"scope", "class"},
    "td": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough")
    # headings belong to the document's structure, not to a clause's prose; images would
    # fetch from another host
    md.disable(["heading", "lheading", "image"])
    return md


_MD = _parser()


def default_link(clause: Clause) -> str:
    return f"#{clause.anchor}"


# -- cross-references ------------------------------------------------------------------
@dataclass(frozen=True)
class Span:
    start: int
    end: int
    href: str
    title: str | None = None  # for <abbr>
    kind: str = "xref"  # xref | term


# -- glossary terms ----------------------------------------------------------------------
@dataclass
class _Terms:
    pattern: re.Pattern[str] | None
    expansions: dict[str, str]
    anchors: dict[str, str]


def _terms(document: Document) -> _Terms:
    key = id(document)
    cached = _TERMS_CACHE.get(key)
    if cached is not None and cached[0] is document:
        return cached[1]
    expansions: dict[str, str] = {}
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for entry in document.glossary:
        term = entry.term.strip()
        if not term or term in expansions:
            continue
        anchor = glossary_anchor(term)
        if anchor in used:
            continue
        used.add(anchor)
        expansions[term] = entry.expansion
        anchors[term] = anchor
    pattern = None
    if expansions:
        alternatives = "|".join(re.escape(t) for t in sorted(expansions, key=lambda t: (-len(t), t)))
        pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    terms = _Terms(pattern, expansions, anchors)
    _TERMS_CACHE.clear()  # one document at a time is all a build needs
    _TERMS_CACHE[key] = (document, terms)
    return terms


_TERMS_CACHE: dict[int, tuple[Document, _Terms]] = {}


def glossary_href(document: Document, term: str, link: Link) -> str | None:
    """Where a glossary term's entry is: the glossary part's address with the term's anchor."""
    part = next((p for p in document.parts if p.kind == "glossary"), None)
    terms = _terms(document)
    if part is None or term not in terms.anchors:
        return None
    base = link(document.clauses[part.id]).split("#", 1)[0]
    return f"{base}#{terms.anchors[term]}"


# -- rendering ---------------------------------------------------------------------------
@dataclass
class ProseRenderer:
    """Renders the prose of one clause; remembers which glossary terms it has marked up."""

    document: Document
    clause_id: str | None = None
    link: Link = default_link
    seen_terms: set[str] = field(default_factory=set)
    linked: bool = True  # False: plain sanitised HTML, no cross-reference or glossary links

    def markdown(self, text: str) -> Markup:
        env: dict[str, object] = {}
        tokens = _MD.parse(text, env)
        for token in tokens:
            if token.type == "th_open":
                token.attrSet("scope", "col")
            if token.type in ("th_open", "td_open"):
                style = str(token.attrGet("style") or "")
                if style:
                    token.attrs.pop("style", None)
                    token.attrSet("class", "fw-align-" + style.rsplit(":", 1)[-1].strip())
            if token.type == "inline" and token.children is not None:
                token.children = self._link_children(token.children)
        html = _MD.renderer.render(tokens, _MD.options, env)
        return Markup(clean(html))

    def _link_children(self, children: list[Token]) -> list[Token]:
        out: list[Token] = []
        inside_link = 0
        for child in children:
            if child.type == "link_open":
                inside_link += 1
            elif child.type == "link_close":
                inside_link -= 1
            if child.type == "text" and not inside_link and child.content:
                out.extend(self._split(child.content))
            else:
                out.append(child)
        return out

    def _spans(self, text: str) -> list[Span]:
        spans: list[Span] = []
        if not self.linked:
            return spans
        for ref in find_references(text):
            target = resolve(self.document, ref)
            if target is not None:
                spans.append(Span(ref.start, ref.end, self.link(target)))
        clause = self.document.clauses.get(self.clause_id) if self.clause_id else None
        part = clause.part if clause is not None else None
        in_glossary = part is not None and self.document.part_by_id[part].kind == "glossary"
        terms = _terms(self.document)
        if terms.pattern is not None and not in_glossary:
            for match in terms.pattern.finditer(text):
                term = match.group(0)
                if term in self.seen_terms:
                    continue
                if any(s.start < match.end() and match.start() < s.end for s in spans):
                    continue
                href = glossary_href(self.document, term, self.link)
                if href is None:
                    continue
                self.seen_terms.add(term)
                spans.append(Span(match.start(), match.end(), href, terms.expansions[term], "term"))
        spans.sort(key=lambda s: s.start)
        return spans

    def _split(self, text: str) -> list[Token]:
        spans = self._spans(text)
        if not spans:
            return [_text(text)]
        out: list[Token] = []
        pos = 0
        for span in spans:
            if span.start < pos:
                continue
            if span.start > pos:
                out.append(_text(text[pos:span.start]))
            out.append(_html(_anchor(span, text[span.start:span.end])))
            pos = span.end
        if pos < len(text):
            out.append(_text(text[pos:]))
        return out


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _html(content: str) -> Token:
    # built here from escaped parts; the renderer passes html_inline through unchanged
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def _anchor(span: Span, label: str) -> str:
    if span.kind == "term":
        return str(Markup('<abbr title="{}"><a class="fw-term" href="{}">{}</a></abbr>').format(
            span.title or "", span.href, label))
    return str(Markup('<a class="fw-xref" href="{}">{}</a>').format(span.href, label))


def clean(html: str) -> str:
    """Sanitise HTML down to the tags and attributes the renderer emits."""
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
        link_rel=None, strip_comments=True,
    )


def render_markdown(text: str, document: Document, clause_id: str | None = None,
                    link: Link | None = None) -> Markup:
    """Markdown prose as sanitised HTML with cross-references and glossary terms linked.

    `link(clause)` gives the address of a clause (default `#<anchor>`); a glossary term links
    to the glossary part's address with the term's anchor (`#glossary-cio`).  Each call marks
    up the first use of each term; `render_clause_body` shares that across a whole clause.
    """
    return ProseRenderer(document, clause_id, link or default_link).markdown(text)


def render_clause_body(clause: Clause, document: Document, link: Link | None = None) -> Markup:
    """A clause's text, then its items as a bullet list, then its table (caption, header cells)."""
    renderer = ProseRenderer(document, clause.id, link or default_link)
    parts: list[Markup] = []
    if clause.text.strip():
        parts.append(renderer.markdown(clause.text))
    if clause.items:
        markers = [item_marker(n, 0, document.manifest.numbering) for n in range(1, len(clause.items) + 1)]
        if markers[0] is None:
            lis = Markup("").join(Markup("<li>{}</li>").format(inline(renderer, item)) for item in clause.items)
            parts.append(Markup('<ul class="fw-list">{}</ul>').format(lis))
        else:  # the printed markers, as text, so that every output (and a copy) shows "(a)"
            lis = Markup("").join(Markup('<li><span class="fw-marker">{}</span> {}</li>').format(
                marker, inline(renderer, item)) for marker, item in zip(markers, clause.items, strict=True))
            parts.append(Markup('<ol class="fw-list fw-marked">{}</ol>').format(lis))
    if clause.table is not None:
        parts.append(render_table(clause, renderer))
    return Markup("\n").join(parts)


def render_table(clause: Clause, renderer: ProseRenderer) -> Markup:
    table = clause.table
    assert table is not None
    caption = Markup("")
    if table.caption:
        caption = Markup("<caption>{}</caption>").format(inline(renderer, table.caption))
    head = Markup("").join(Markup('<th scope="col">{}</th>').format(inline(renderer, title))
                           for _, title in table.columns)
    rows = Markup("").join(
        Markup("<tr>{}</tr>").format(Markup("").join(
            Markup("<td>{}</td>").format(inline(renderer, cell)) for cell in row))
        for row in table.rows
    )
    return Markup('<table class="fw-table">{}<thead><tr>{}</tr></thead><tbody>{}</tbody></table>').format(
        caption, head, rows)


def inline(renderer: ProseRenderer, text: str) -> Markup:
    """Markdown that belongs inside an element: one paragraph's content, without the <p>."""
    html = str(renderer.markdown(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
