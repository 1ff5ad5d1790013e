"""The whole document as one Markdown file: a plain, faithful publication of the source.

Title block, then every part in the manifest's order with numbered headings, the prose as
written, items as bullet lists, tables (pipe tables when every cell is one line, HTML tables
otherwise), the glossary as a table, and the foreword's signatory.  Nothing is fetched and
nothing depends on the clock: the same source gives the same bytes.

The prose is untrusted and must mean here what it means in the HTML publication, where raw
HTML is text, a clause holds no headings or images and links go only to http, https and
mailto addresses.  Prose that keeps to that (see `checker.render.safemd`) is published as
written; any other (a `<script>`, an event handler, `# ` at the start of a line, an image, a
`javascript:` link, a link reference definition, an unclosed fence) is published as the
HTML publication shows it: rendered and sanitised by prose.py (nh3), on one line, so that no
Markdown reader parses it again.  Titles, names, terms, dates and history cells are plain
text, escaped by `escape.markdown_text`.
"""

from __future__ import annotations

from checker.escape import markdown_text
from checker.model import Clause, Document, Part, Table
from checker.numbering import item_marker
from checker.render.backmatter import addresses, back_matter
from checker.render.dates_annex import dates_annex_markdown
from checker.render.history import amendment_history
from checker.render.outline import Entry, format_date, walk
from checker.render.prose import ProseRenderer, inline
from checker.render.safemd import one_line_html, safe_block, safe_inline


def publish_markdown(document: Document) -> str:
    out: list[str] = [_title_block(document)]
    previous: Part | None = None
    for entry in walk(document):
        if previous is not None and entry.part.id != previous.id:
            out.extend(_part_end(previous, document))
        previous = entry.part
        out.append(_entry(entry, document))
    if previous is not None:
        out.extend(_part_end(previous, document))
    out.append(_history(document))
    out.append(dates_annex_markdown(document))
    out.extend(_linked_line(line) for line in back_matter(document))
    return "\n\n".join(block.strip("\n") for block in out if block.strip()) + "\n"


def _title_block(document: Document) -> str:
    m = document.manifest
    lines = [f"# {markdown_text(m.title, line_start=False)}", ""]
    facts = [
        ("Published by", m.publisher),
        ("Version", m.version),
        ("Published", format_date(m.published)),
        ("Status", m.status.capitalize()),
        ("Review by", format_date(m.review_by)),
    ]
    lines += [f"{label}: {markdown_text(value, line_start=False)}  " for label, value in facts if value]
    lines[-1] = lines[-1].rstrip()
    return "\n".join(lines)


def _entry(entry: Entry, document: Document) -> str:
    clause = entry.clause
    blocks: list[str] = []
    if entry.heading is not None:
        blocks.append(f"{'#' * entry.level} {markdown_text(entry.heading.text, line_start=False)}")
    elif clause.number:
        blocks.append(f"**{markdown_text(clause.number, line_start=False)}**")
    renderer = ProseRenderer(document, clause.id, linked=False)
    if clause.text.strip():
        text = clause.text.strip()
        blocks.append(text if safe_block(text) else one_line_html(renderer.markdown(text)))
    if clause.items:
        markers = [item_marker(n, 0, document.manifest.numbering) for n in range(1, len(clause.items) + 1)]
        # bullets make one list; printed markers make one paragraph an item, "(a) ..."
        blocks.append(("\n" if markers[0] is None else "\n\n").join(
            _item(item, renderer, marker) for item, marker in zip(clause.items, markers, strict=True)))
    if clause.table is not None:
        blocks.append(_table(clause.table, clause, document))
    return "\n\n".join(blocks)


def _item(text: str, renderer: ProseRenderer, marker: str | None = None) -> str:
    lead = "- " if marker is None else f"{marker} "
    if not safe_block(text.strip()):
        return f"{lead}{one_line_html(inline(renderer, text))}"
    lines = text.strip().splitlines() or [""]
    indent = "  " if marker is None else ""  # a marked item is a paragraph: no list indent
    return "\n".join([f"{lead}{lines[0]}", *(f"{indent}{line}" if line else "" for line in lines[1:])])


def _part_end(part: Part, document: Document) -> list[str]:
    out = []
    if part.kind == "glossary" and part.entries:
        rows = ["| Term | Meaning |", "| --- | --- |"]
        rows += [f"| {markdown_text(e.term)} | {markdown_text(e.expansion)} |" for e in part.entries]
        out.append("\n".join(rows))
    if part.kind == "foreword":
        out.append(_signatory(document))
    return out


def _signatory(document: Document) -> str:
    sig = document.manifest.signatory
    # `signature` is the alt text of a signature image the publication does not carry
    lines = []
    if sig.get("name"):
        lines.append(f"**{markdown_text(sig['name'])}**" + ("  " if sig.get("title") else ""))
    if sig.get("title"):
        lines.append(markdown_text(sig["title"]))
    return "\n".join(lines)


def _cell(text: str) -> str:
    """A one-line table cell as written (`safe_inline` said it may be), `|` escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _table(table: Table, clause: Clause, document: Document) -> str:
    cells = [title for _, title in table.columns] + [c for row in table.rows for c in row]
    if table.caption:
        cells.append(table.caption)
    if all("\n" not in c.strip() and safe_inline(c) for c in cells):
        lines = []
        if table.caption:
            lines += [f"*{table.caption}*", ""]
        lines.append("| " + " | ".join(_cell(t) for _, t in table.columns) + " |")
        lines.append("|" + " --- |" * len(table.columns))
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
        return "\n".join(lines)
    # block content (paragraphs, lists) in cells: an HTML table, cells rendered and sanitised
    # (no links: the Markdown file has no anchors to point at)
    renderer = ProseRenderer(document, clause.id, linked=False)

    def cell(text: str) -> str:
        # one line: a blank line inside a cell would end the HTML block and let a Markdown
        # reader parse the rest of the cell's (escaped) text as Markdown
        return one_line_html(inline(renderer, text), block=False)

    head = "".join(f'<th scope="col">{cell(t)}</th>' for _, t in table.columns)
    body = "\n".join("<tr>" + "".join(f"<td>{cell(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    caption = f"<caption>{cell(table.caption)}</caption>" if table.caption else ""
    return f"<table>{caption}\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _history(document: Document) -> str:
    history = amendment_history(document)
    lines = ["## Amendment history", ""]
    if not history.rows:
        lines.append(history.empty_message)
        return "\n".join(lines)
    lines.append("| " + " | ".join(markdown_text(c) for c in history.columns) + " |")
    lines.append("|" + " --- |" * len(history.columns))
    lines += ["| " + " | ".join(markdown_text(c) for c in row) + " |" for row in history.rows]
    return "\n".join(lines)


def _linked_line(text: str) -> str:
    """A back-matter line as a paragraph: its text escaped, its web and e-mail addresses as
    autolinks (`<https://...>`, `<name@host>`), which hold no space, `<` or `>` to break out of."""
    out = []
    for index, (piece, is_address) in enumerate(addresses(" ".join(text.split()))):
        if is_address:
            out.append(f"<{piece}>")
        else:  # markdown_text trims: keep the spaces that part a word from an address
            lead, trail = " " * piece[:1].isspace(), " " * piece[-1:].isspace()
            out.append(lead + markdown_text(piece, line_start=index == 0) + trail)
    return "".join(out)
