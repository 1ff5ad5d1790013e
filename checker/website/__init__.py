"""The documentation website: every page generated from the model, built by mkdocs (Material).

    data.py       what the site is built from: the model, the check's findings, the date
    urls.py       where each page lives and how one page links to another
    templates.py  the page templates (site/templates/, jinja2 with autoescape)
    pages.py      the list of pages, each a SitePage; one module a page kind:
                  home.py, parts.py, actors.py, matrix.py, graphs.py, history.py, reference.py
    facts.py      what the rules say about each actor (for actor pages and graphs)
    roles.py      the responsibility matrix's roles, derived from generic verbs
    mentions.py   where the prose names an actor or office, under any of its names
    hooks.py      the mkdocs events that put the pages into the build
    build.py      the build driver: temporary folder, SOURCE_DATE_EPOCH, atomic swap
"""

from __future__ import annotations
