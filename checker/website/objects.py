"""One page per thing the rules are about (who drafts, endorses, approves, is consulted, is
informed, who may decide it, with deadlines and the clauses that say so: checker/answers/), and
the things index with the question box: a JSON export of the common answers written into the
page (as an attribute's value), read by one small script (site/docs/assets/fwdoc-ask.js) that answers client-side."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from checker.answers import Answer, AskError, decide, delegation, duties, roles
from checker.answers import accountable as accountable_q
from checker.escape import json_inert
from checker.model import Document
from checker.website import urls
from checker.website.pages import Item, Site, View
from checker.website.urls import safe_name

INDEX = "things/index.md"
TITLE = "Things and questions"
SCRIPT = "assets/fwdoc-ask.js"


def object_page(object_id: str) -> str:
    # an object called "index" must not take the index's place ('-' is never in an object id)
    return f"things/{'index-' if object_id == 'index' else safe_name(object_id)}.md"


def with_pages(document: Document) -> list[str]:
    """The things that get a page: those some rule names or gives someone a role for, by name."""
    store = document.__dict__.setdefault("_answers_memo", {})
    if "things" not in store:
        named = (set(document.rules_by_object) | set(roles.by_thing(document))) & set(document.objects)
        store["things"] = sorted(named, key=lambda t: (document.object_name(t).lower(), t))
    found: list[str] = store["things"]
    return found


def object_url(view: View, object_id: str) -> str | None:
    """The address of a thing's page from the page `view` writes, None when it has none."""
    if object_id not in _paged(view.document):
        return None
    return view.url(object_page(object_id))


def _paged(document: Document) -> frozenset[str]:
    store = document.__dict__.setdefault("_answers_memo", {})
    if "paged" not in store:
        store["paged"] = frozenset(with_pages(document))
    paged: frozenset[str] = store["paged"]
    return paged


class ActorAnswers:
    """The answers an actor page shows: its powers, its lines to the top, who may act for it,
    and the rules that bind it through a group it belongs to."""

    def __init__(self, document: Document, actor_id: str) -> None:
        self.document = document
        self.actor = actor_id

    @cached_property
    def accountable(self) -> Answer:
        return accountable_q.accountable(self.document, self.actor)

    @cached_property
    def acts_for(self) -> Answer:
        return delegation.may_act_for(self.document, self.actor)

    @cached_property
    def powers(self) -> Answer:
        """Its powers and exemptions (`has power to`, `need not`), which the duties sections of
        the page, kept by modality, do not list."""
        full = duties.duties(self.document, self.actor)
        items = tuple(i for i in full.items if i.group in ("power", "need_not") and not any(
            "is a member of" in step.says for step in i.chain))
        return Answer(full.kind, full.question, full.about, items, (),
                      tuple(g for g in full.groups if any(i.group == g[0] for i in items)))

    @cached_property
    def through_groups(self) -> Answer:
        return duties.duties(self.document, self.actor, through_groups=True)


def pages(site: Site) -> Iterator[Item]:
    document = site.document
    things = with_pages(document)
    export: dict[str, Any] = {"things": {}, "actors": {}}
    here = INDEX
    index_view = site.view(here)
    for thing in things:
        src = object_page(thing)
        answer = roles.object_roles(document, thing)
        decides = decide.may_decide(document, thing)
        rules = document.rules_by_object.get(thing, ())
        yield site.page(src, document.object_name(thing), "object.html", nav=False, search=False,
                        thing=document.objects[thing], answer=answer, decides=decides, rules=rules,
                        index=site.view(src).url(here))
        export["things"][thing] = {
            "name": document.object_name(thing), "aliases": list(document.objects[thing].aliases),
            "url": index_view.url(src),
            "answers": {"object": _items(index_view, answer), "who-decides": _items(index_view, decides)}}
    for actor in document.actors:
        try:
            lines = accountable_q.accountable(document, actor)
            acts = delegation.may_act_for(document, actor)
        except AskError:  # (a register name is always known; kept for safety)
            continue
        export["actors"][actor] = {
            "name": document.actor_name(actor), "aliases": list(document.actors[actor].aliases),
            "url": index_view.url(urls.actor_page(actor)),
            "answers": {"accountable": _items(index_view, lines), "who-acts-for": _items(index_view, acts)}}
    # an attribute's value, escaped by the template like any other text
    data = json_inert(json.dumps(export, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    yield site.page(here, TITLE, "things.html", nav_title=TITLE, search=False,
                    things=things, data=data, script=index_view.url(SCRIPT), page_of=object_page)


def _items(view: View, answer: Answer) -> list[dict[str, Any]]:
    headings = dict(answer.groups)
    out = []
    for item in answer.items:
        cites = [[s.cited, view.clause_url(s.clause)] for s in dict.fromkeys(
            (*item.sources, *(c.source for c in item.chain if c.source)))]
        out.append({"group": headings.get(item.group, item.group), "name": item.name, "says": item.says,
                    "details": [f"{k}: {v}" for k, v in item.details], "cites": cites})
    return out
