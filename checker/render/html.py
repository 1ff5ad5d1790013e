"""The document as one self-contained HTML page, in the manner of a GOV.UK HTML publication.

Phases: walk the document (outline.py) into a view of plain values and sanitised prose
(prose.py), write each rule as English (english.py), then fill one jinja2 template with
autoescape on.  The stylesheet is inlined; the page fetches nothing and runs no script.
The PDF (pdf.py) is this same page printed through WeasyPrint.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from checker.model import Clause, Document, Part
from checker.render.backmatter import addresses, back_matter
from checker.render.dates_annex import dates_annex
from checker.render.english import informal_sentence, sentence
from checker.render.history import amendment_history
from checker.render.outline import Entry, format_date, walk
from checker.render.prose import Link, default_link, render_clause_body

HERE = Path(__file__).resolve().parent
KIND = "Framework document"


@dataclass(frozen=True)
class RuleView:
    text: str
    source: str = ""
    informal: bool = False


@dataclass
class PartView:
    kind: str
    heading_id: str
    blocks: list[dict[str, Any]] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    from checker.highlight import highlight_html

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every value from the source is escaped; prose arrives as Markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["rules_html"] = highlight_html  # escaped token by token (checker/highlight.py)
    return env


@functools.lru_cache(maxsize=1)
def stylesheet() -> Markup:
    css = (HERE / "static" / "publication.css").read_text(encoding="utf-8")
    # the stylesheet is ours; refuse anything that could end the <style> element early
    if "</" in css:
        raise ValueError("publication.css must not contain '</'")
    return Markup(css)


def rule_views(clause: Clause, document: Document) -> list[RuleView]:
    views = [RuleView(sentence(rule, document), rule.source)
             for rule in document.rules_by_clause.get(clause.id, ())]
    views += [RuleView(informal_sentence(mark), informal=True)
              for mark in document.informals if mark.clause == clause.id]
    return views


def _clause_block(entry: Entry, document: Document, link: Link, rules: bool = True) -> dict[str, Any]:
    clause, heading = entry.clause, entry.heading
    number = heading.number if heading else clause.number
    label = heading.text if heading else (clause.number or clause.label)
    return {
        "type": "clause",
        "anchor": clause.anchor,
        "heading_id": f"{clause.anchor}-title",
        "heading": heading is not None,
        "level": entry.level,
        "number": number,
        "title": heading.title if heading else "",
        "subtitle": heading.subtitle if heading else None,
        "joiner": heading.joiner.strip() if heading else "",
        "subtitle_joiner": heading.subtitle_joiner.strip() if heading else "",
        "label": clause.label if clause.depth else entry.part.label,
        "bookmark_level": min(clause.depth + 1, 6),
        "bookmark": label,
        "body": _scrollable_table(render_clause_body(clause, document, link), clause, label),
        "rules": rule_views(clause, document) if rules else [],
    }


def _scrollable_table(body: Markup, clause: Clause, label: str) -> Markup:
    """Put a clause's table (the last thing in its body) in a scroll box that a keyboard can
    reach (WCAG 2.1.1, axe `scrollable-region-focusable`), so that a wide table scrolls inside
    the page instead of widening it (WCAG 1.4.10)."""
    start = body.rfind('<table class="fw-table">') if clause.table is not None else -1
    if start < 0:
        return body
    caption = clause.table.caption if clause.table is not None else None
    name = " ".join((caption or "").split()) or f"Table of {label}"
    opening = Markup('<div class="fw-table-wrap" role="region" tabindex="0" aria-label="{}">').format(name)
    return Markup(body[:start]) + opening + Markup(body[start:]) + Markup("</div>")


def _glossary_block(part: Part) -> dict[str, Any]:
    from checker.render.anchors import glossary_anchor

    seen: set[str] = set()
    rows = []
    for entry in part.entries:
        anchor = glossary_anchor(entry.term)
        # two terms that differ only in case share an anchor: the first keeps it
        rows.append({"anchor": "" if anchor in seen else anchor, "term": entry.term,
                     "expansion": entry.expansion})
        seen.add(anchor)
    return {"type": "glossary", "caption": f"{part.title}: terms and their meanings", "rows": rows}


def _signatory_block(document: Document) -> dict[str, Any] | None:
    sig = document.manifest.signatory
    if not sig.get("name"):
        return None
    # `signature` describes an image of the signature (its alt text); the publication has
    # no image, so the description is not printed as if it were text of the foreword
    return {"type": "signatory", "name": sig.get("name", ""), "title": sig.get("title", "")}


def _parts(document: Document, link: Link, rules: bool = True) -> list[PartView]:
    views: dict[str, PartView] = {}
    for entry in walk(document):
        view = views.get(entry.part.id)
        if view is None:
            view = views[entry.part.id] = PartView(entry.part.kind, f"{entry.part.anchor}-title")
        view.blocks.append(_clause_block(entry, document, link, rules))
    for part in document.parts:
        view = views.get(part.id)
        if view is None:
            continue
        if part.kind == "glossary" and part.entries:
            view.blocks.append(_glossary_block(part))
        if part.kind == "foreword":
            block = _signatory_block(document)
            if block:
                view.blocks.append(block)
    return [views[p.id] for p in document.parts if p.id in views]


def _contents(document: Document) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for entry in walk(document):
        if entry.heading is None:
            continue
        if entry.clause.depth == 0:
            items.append({"anchor": entry.clause.anchor, "text": entry.heading.text, "children": []})
        elif entry.clause.depth == 1 and items:
            items[-1]["children"].append({"anchor": entry.clause.anchor, "text": entry.heading.text})
    return items


def _meta(document: Document) -> dict[str, Any]:
    m = document.manifest
    facts = [("Published by", m.publisher), ("Version", m.version),
             ("Published", format_date(m.published)), ("Status", m.status.capitalize()),
             ("Review by", format_date(m.review_by))]
    return {
        "language": m.language or "en",
        "title": m.title,
        "publisher": m.publisher,
        "description": m.description or f"{m.title}, published by {m.publisher}",
        "kind": KIND,
        "version": m.version,
        "published": format_date(m.published),
        "created": m.published,
        "modified": last_modified(document),
        "facts": [(label, value) for label, value in facts if value],
    }


def linked_text(text: str) -> Markup:
    """Plain text, escaped, with its http(s) and e-mail addresses as links (nothing else)."""
    out = Markup("")
    for piece, is_address in addresses(text):
        if not is_address:
            out += escape(piece)
        else:
            href = piece if piece.startswith("http") else f"mailto:{piece}"
            out += Markup('<a href="{}">{}</a>').format(href, piece)
    return out


def last_modified(document: Document) -> str:
    """The latest date in force of an amendment in the history, else the publication date."""
    from checker.amend.history import history

    dates = [e.in_force for e in history(document) if e.in_force]
    return max([document.manifest.published, *dates])


@functools.lru_cache(maxsize=1)
def print_script() -> tuple[Markup, str]:
    """The one script of the page (it shows the print button and prints) and its CSP hash.

    Without JavaScript the button stays hidden and the page is whole; the Content-Security-
    Policy allows this script by its hash and no other."""
    js = (HERE / "static" / "print.js").read_text(encoding="utf-8")
    if "</" in js:
        raise ValueError("print.js must not contain '</'")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    return Markup(js), f"'sha256-{digest}'"


def publish_html(document: Document, link: Link | None = None, *, medium: str = "screen") -> str:
    """The whole document as one HTML page (a str; write it as UTF-8).

    `medium="print"` gives the page the PDF prints: without the rules (the print stylesheet
    hides them) and without the screen's furniture (print button, back-to-contents links), so
    that WeasyPrint parses, styles and lays out only what it prints."""
    link = link or default_link
    screen = medium != "print"
    history = amendment_history(document)
    template = _environment().get_template("publication.html.j2")
    script, script_hash = print_script()
    return template.render(
        meta=_meta(document),
        css=stylesheet(),
        screen=screen,
        script=script,
        script_hash=script_hash,
        contents=_contents(document),
        parts=_parts(document, link, rules=screen),
        history=history,
        back_matter=[linked_text(line) for line in back_matter(document)],
        dates_annex=dates_annex(document),
    )
