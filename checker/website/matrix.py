"""The responsibility matrix page: things against actors, the role each plays (roles.py).

Three views of the same cells, switched by fwdoc.js (the choice, and both filters, kept in the
page's address: `?view=things&things=plan&actors=treasury`): the table; a list by thing (each
thing, then who plays which role); a list by actor (each actor, then its roles by thing), which
read on a phone where 38 columns cannot.  Without JavaScript all three show, one after another.

The bodies are written here rather than in the template: a big document's matrix has
hundreds of thousands of cells, and a Python loop writes them ten times faster than Jinja.
Every value is escaped all the same.
"""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup, escape

from checker.model import UNNAMED
from checker.website import urls
from checker.website.pages import Item, Site, View
from checker.website.roles import ROLE_TEXT, ROLES, Matrix, Role

TITLE = "Responsibility matrix"  # the page's heading and its entry in the menu


class _Cells:
    """What the three views share: each actor's names (the filters match either), and each
    clause's citation, written once."""

    def __init__(self, view: View, matrix: Matrix) -> None:
        self.view = view
        self.names = {a: str(escape(" ".join(dict.fromkeys((view.actor_name(a), view.short_name(a))))))
                      for a in matrix.actors}
        self._cite: dict[str, str] = {}

    def cite(self, clause: str) -> str:
        if clause not in self._cite:
            self._cite[clause] = (f'<a class="fw-cite" href="{escape(self.view.clause_url(clause))}">'
                                  f"{escape(self.view.label(clause))}</a>")
        return self._cite[clause]

    def roles(self, roles: tuple[Role, ...]) -> str:
        return "<br>".join(f'<span class="fw-role fw-role--{r.role}">{r.role}</span>{self.manner(r)}&nbsp;{self.cite(r.clause)}'
                           for r in roles)

    @staticmethod
    def manner(role: Role) -> str:
        """How the act is to be done ("locally", "in an open and fair manner"), beside the role."""
        if not role.manner:
            return ""
        return f' <span class="fw-role-manner">({escape(", ".join(role.manner))})</span>'

    def actor(self, actor: str) -> str:
        """The actor's name linked to its page; the unnamed bearer has no page."""
        name = escape(self.view.actor_name(actor))
        if actor == UNNAMED and actor not in self.view.document.actors:
            return f"<em>{name}</em>"
        return f'<a href="{escape(self.view.actor_url(actor))}">{name}</a>'



def thing_link(view: View, thing: str) -> str:
    """A thing's name, linked to its page (checker/website/objects.py) when it has one."""
    from checker.website.objects import object_url

    name, url = escape(view.object_name(thing)), object_url(view, thing)
    return f'<a href="{escape(url)}">{name}</a>' if url else str(name)


def matrix_body(view: View, matrix: Matrix, cells: _Cells | None = None) -> Markup:
    cells = cells or _Cells(view, matrix)
    rows: list[str] = []
    for thing in matrix.things:
        out = [f'<tr><th scope="row">{thing_link(view, thing)}</th>']
        for actor in matrix.actors:
            roles = matrix.cells.get((thing, actor))
            if not roles:
                out.append("<td></td>")
                continue
            out.append(f'<td data-fw-actor="{cells.names[actor]}">{cells.roles(roles)}</td>')
        rows.append("".join(out) + "</tr>")
    return Markup("\n".join(rows))


def by_thing(view: View, matrix: Matrix, cells: _Cells) -> Markup:
    """Each thing, then who plays which role in it."""
    out: list[str] = []
    for thing in matrix.things:
        items = []
        for actor in matrix.actors:
            roles = matrix.cells.get((thing, actor))
            if roles:
                items.append(f'<li data-fw-actor="{cells.names[actor]}">{cells.actor(actor)}: {cells.roles(roles)}</li>')
        if items:
            name = escape(view.object_name(thing))
            out.append(f'<li class="fw-mlist__group" data-fw-thing="{name}"><p class="fw-mlist__name">'
                       f'{thing_link(view, thing)}</p>'
                       f'<ul>{"".join(items)}</ul></li>')
    return Markup(f'<ul class="fw-mlist">{"".join(out)}</ul>')


def by_actor(view: View, matrix: Matrix, cells: _Cells) -> Markup:
    """Each actor, then its roles, thing by thing."""
    out: list[str] = []
    for actor in matrix.actors:
        items = []
        for thing in matrix.things:
            roles = matrix.cells.get((thing, actor))
            if roles:
                name = escape(view.object_name(thing))
                items.append(f'<li data-fw-thing="{name}">{thing_link(view, thing)}: {cells.roles(roles)}</li>')
        if items:
            out.append(f'<li class="fw-mlist__group" data-fw-actor="{cells.names[actor]}"><p class="fw-mlist__name">'
                       f'{cells.actor(actor)}</p><ul>{"".join(items)}</ul></li>')
    return Markup(f'<ul class="fw-mlist">{"".join(out)}</ul>')


def pages(site: Site) -> Iterator[Item]:
    view = site.view(urls.MATRIX)
    cells = _Cells(view, site.matrix)
    yield site.page(urls.MATRIX, TITLE, "matrix.html", nav_title=TITLE,
                    search=False, hide=("navigation", "toc"), matrix=site.matrix, roles=ROLES, role_text=ROLE_TEXT,
                    body=matrix_body(view, site.matrix, cells), names=cells.names,
                    unlinked=[a for a in site.matrix.actors if a == UNNAMED and a not in view.document.actors],
                    by_thing=by_thing(view, site.matrix, cells), by_actor=by_actor(view, site.matrix, cells))
