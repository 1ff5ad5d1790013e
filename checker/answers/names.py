"""Names as a reader types them: an id, a register name or an alias, in any case, with or
without a leading 'the'; an unknown name is an AskError with the nearest known one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from checker.answers.base import AskError
from checker.model import Document
from checker.suggest import did_you_mean


@dataclass(frozen=True)
class Named:
    kind: str  # actor | office | object
    id: str  # the actor (an office: its holder), object or office id
    office: str | None = None  # the office the reader named, if any


def _key(text: str) -> str:
    text = " ".join(text.replace("_", " ").split()).lower()
    return re.sub(r"^the\s+", "", text)


def _index(document: Document) -> dict[str, dict[str, Named]]:
    store = document.__dict__.setdefault("_answers_memo", {})
    if "names" in store:
        found: dict[str, dict[str, Named]] = store["names"]
        return found
    out: dict[str, dict[str, Named]] = {"actor": {}, "office": {}, "object": {}}
    for actor in document.actors.values():
        for name in (actor.id, *actor.names):
            out["actor"].setdefault(_key(name), Named("actor", actor.id))
    for office in document.offices.values():
        for name in (office.id, office.name, *office.aliases):
            out["office"].setdefault(_key(name), Named("office", office.holder, office.id))
    for thing in document.objects.values():
        for name in (thing.id, *thing.names):
            out["object"].setdefault(_key(name), Named("object", thing.id))
    store["names"] = out
    return out


def lookup(document: Document, text: str, kinds: Iterable[str]) -> Named:
    """The register entry `text` names, among `kinds` (tried in order: an actor's own name
    before an office's)."""
    kinds = tuple(kinds)
    index = _index(document)
    key = _key(text)
    for kind in kinds:
        if key in index[kind]:
            return index[kind][key]
    words = {"actor": "an actor", "office": "an office", "object": "an object"}
    wanted = " or ".join(words[k] for k in kinds)
    ids = sorted({n for k in kinds for n in _ids(document, k)})
    hint = did_you_mean(text, ids) or did_you_mean(key, sorted({n for k in kinds for n in index[k]}))
    raise AskError(f"'{text}' is not {wanted} of the document{hint}")


def _ids(document: Document, kind: str) -> list[str]:
    if kind == "actor":
        return list(document.actors)
    if kind == "office":
        return list(document.offices)
    return list(document.objects)


def actor(document: Document, text: str) -> Named:
    """An actor, or an office (answered for its holder)."""
    return lookup(document, text, ("actor", "office"))


def thing(document: Document, text: str) -> Named:
    return lookup(document, text, ("object",))


def office(document: Document, text: str) -> Named:
    return lookup(document, text, ("office",))


def office_note(document: Document, named: Named) -> tuple[str, ...]:
    if named.office is None:
        return ()
    return (f"{document.offices[named.office].name} is an office held by {document.actor_name(named.id)}: "
            "the answer is the holder's.",)
