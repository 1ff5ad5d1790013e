"""The responsibility matrix page: things against actors, the role each plays (roles.py).

The table's body is written here rather than in the template: a big document's matrix has
hundreds of thousands of cells, and a Python loop writes them ten times faster than Jinja.
Every value is escaped all the same.
"""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup, escape

from checker.website import urls
from checker.website.pages import Item, Site, View
from checker.website.roles import ROLE_TEXT, ROLES, Matrix


def matrix_body(view: View, matrix: Matrix) -> Markup:
    # the filter matches an actor by its full or its short name
    actor_names = {a: str(escape(" ".join(dict.fromkeys((view.actor_name(a), view.short_name(a))))))
                   for a in matrix.actors}
    cite: dict[str, str] = {}
    rows: list[str] = []
    for thing in matrix.things:
        cells = [f'<tr><th scope="row">{escape(view.object_name(thing))}</th>']
        for actor in matrix.actors:
            roles = matrix.cells.get((thing, actor))
            if not roles:
                cells.append("<td></td>")
                continue
            parts = []
            for role in roles:
                if role.clause not in cite:
                    cite[role.clause] = (f'<a class="fw-cite" href="{escape(view.clause_url(role.clause))}">'
                                         f"{escape(view.label(role.clause))}</a>")
                parts.append(f'<span class="fw-role fw-role--{role.role}">{role.role}</span>&nbsp;'
                             f"{cite[role.clause]}")
            cells.append(f'<td data-fw-actor="{actor_names[actor]}">{"<br>".join(parts)}</td>')
        rows.append("".join(cells) + "</tr>")
    return Markup("\n".join(rows))


def pages(site: Site) -> Iterator[Item]:
    view = site.view(urls.MATRIX)
    yield site.page(urls.MATRIX, "Responsibility matrix", "matrix.html", nav_title="Responsibility matrix",
                    search=False, hide=("navigation", "toc"), matrix=site.matrix, roles=ROLES, role_text=ROLE_TEXT,
                    body=matrix_body(view, site.matrix))
