"""The responsibility matrix page: things against actors, the role each plays (roles.py)."""

from __future__ import annotations

from collections.abc import Iterator

from checker.website import urls
from checker.website.pages import Item, Site
from checker.website.roles import ROLE_TEXT, ROLES


def pages(site: Site) -> Iterator[Item]:
    yield site.page(urls.MATRIX, "Responsibility matrix", "matrix.html", nav_title="Responsibility matrix",
                    search=False, hide=("toc",), matrix=site.matrix, roles=ROLES, role_text=ROLE_TEXT)
