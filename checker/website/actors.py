"""One page per actor (names, aliases and offices; what it must, must not and may do; to whom
it is accountable and who is accountable to it; delegations; boards), and the actors index."""

from __future__ import annotations

from collections.abc import Iterator

from checker.website import urls
from checker.website.facts import actor_sections, register_boards
from checker.website.objects import ActorAnswers, object_url
from checker.website.pages import Item, Site

KIND_WORDS = {"individual": "a person", "body": "a body", "group": "a group of people"}


def pages(site: Site) -> Iterator[Item]:
    from checker.website.generate import NAV_ACTORS_MAX

    document = site.document
    actors = list(document.actors.values())
    offices = {a.id: [document.offices[o] for o in a.offices if o in document.offices] for a in actors}
    for office in sorted(document.offices.values(), key=lambda o: o.id):
        if office not in offices.get(office.holder, [office]):
            offices.setdefault(office.holder, []).append(office)
    yield site.page(urls.ACTORS, "Actors", "actors.html", nav_title="All actors", boost=1.0,
                    actors=actors, offices=offices, kinds=KIND_WORDS,
                    counts={a.id: len(document.rules_by_actor.get(a.id, ())) for a in actors})
    in_nav = len(actors) <= NAV_ACTORS_MAX
    for actor in actors:
        mentions = site.mentions.by_actor.get(actor.id, ())
        yield site.page(
            urls.actor_page(actor.id), actor.name, "actor.html", nav=in_nav, boost=2.0,
            actor=actor, offices=offices.get(actor.id, []), kind=KIND_WORDS.get(actor.kind, actor.kind),
            sections=actor_sections(document, actor.id), boards=register_boards(document, actor.id),
            named_in=[document.clauses[c] for c in mentions],
            roles=site.matrix.roles_of(actor.id),
            rule_count=len(document.rules_by_actor.get(actor.id, ())),
            answers=ActorAnswers(document, actor.id), object_url=object_url,
        )
