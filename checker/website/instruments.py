"""The instruments the document relies on: every Act, code or manual its prose cites
("section 22 of the 2011 Act", "Chapter 3 of Managing Public Money"), with the provisions
cited and the clauses that cite them (checker/xrefs.py finds them; they are never linked to
the document's own parts)."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup, escape

from checker.website.pages import Item, Site, SitePage
from checker.xrefs import instruments

# a folder of its own: no part's page (document/<anchor>.md) can take its place
INSTRUMENTS = "document/instruments/index.md"
TITLE = "Instruments the document relies on"


def pages(site: Site) -> Iterator[Item]:
    found = instruments(site.document)
    if not found:
        return
    view = site.view(INSTRUMENTS)
    body = [Markup("<p>Other instruments the text cites: Acts, regulations, codes and manuals. "
                   "They are not part of this document; each is listed with the provisions "
                   "cited and where.</p>"), Markup("<table>\n<thead><tr><th>Instrument</th>"
                                                  "<th>Cited</th><th>Where</th></tr></thead>\n<tbody>")]
    for instrument in sorted(found, key=lambda i: i.name.lower()):
        cited = sorted({c.provision for c in instrument.citations if c.provision})
        where = dict.fromkeys(c.clause for c in instrument.citations)
        links = Markup(", ").join(
            Markup('<a href="{}">{}</a>').format(view.clause_url(c), view.label(c)) for c in where)
        body.append(Markup("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            instrument.name, "; ".join(cited) if cited else "(the whole)", links))
    body.append(Markup("</tbody>\n</table>"))
    html = Markup(f"<h1>{escape(TITLE)}</h1>\n") + Markup("\n").join(body)
    yield SitePage(INSTRUMENTS, TITLE, str(html), nav_title="Instruments relied on", boost=1.0)
