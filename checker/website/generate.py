"""Every page of the site, in navigation order, and the navigation itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checker.website import (
    actors,
    agenda,
    graphs,
    history,
    home,
    instruments,
    matrix,
    objects,
    parts,
    reference,
    urls,
)
from checker.website.data import SiteError
from checker.website.matrix import TITLE as matrix_title
from checker.website.pages import Item, Site, SitePage, plain

GENERATORS = (home.pages, parts.pages, instruments.pages, actors.pages, matrix.pages, objects.pages, agenda.pages,
              graphs.pages, history.pages, reference.pages)

# an actor's page is listed in the navigation only when the register is small enough to read
# as a menu (and to keep every page's navigation small on a big document)
NAV_ACTORS_MAX = 60


def generate(site: Site, tick: Callable[[str, int, int], None]) -> list[Item]:
    items: list[Item] = []
    for index, generator in enumerate(GENERATORS):
        tick("Generating pages", index, len(GENERATORS))
        items.extend(generator(site))
    tick("Generating pages", len(GENERATORS), len(GENERATORS))
    srcs = [item.src for item in items]
    if len(srcs) != len(set(srcs)):
        dupes = sorted({s for s in srcs if srcs.count(s) > 1})
        raise SiteError(f"two pages would be written to {', '.join(dupes)}")
    return items


def navigation(site: Site, items: list[Item]) -> list[Any]:
    """mkdocs' `nav`: sections in a fixed order, pages in generation order; titles as HTML."""
    pages = [i for i in items if isinstance(i, SitePage) and i.nav]

    def entry(page: SitePage) -> dict[str, str]:
        return {plain(page.nav_title or page.title): page.src}

    def under(prefix: str) -> list[dict[str, str]]:
        return [entry(p) for p in pages if p.src.startswith(prefix)]

    nav: list[Any] = [{"Home": urls.HOME}]
    nav.append({"The document": under("document/")})
    nav.append({"Actors": under("actors/")})
    nav.append({plain(matrix_title): urls.MATRIX})
    nav.append({plain(objects.TITLE): objects.INDEX})
    nav.append({plain(agenda.TITLE): urls.CALENDAR})
    nav.append({"Graphs": under("graphs/")})
    nav.append({"History": under("history/")})
    nav.append({"Reference": under("reference/")})
    # a section with no page (no amendments listed, say) is left out
    return [n for n in nav if not isinstance(next(iter(n.values())), list) or next(iter(n.values()))]
