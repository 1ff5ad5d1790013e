"""Registers: the actors and objects registers are used, unambiguous and consistent."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from checker.checks.base import Context, check, get
from checker.checks.common import join
from checker.findings import Finding, Location, Severity
from checker.model import Document


def used_names(document: Document) -> tuple[set[str], set[str]]:
    """(ids of actors and objects, ids of offices) that rules, registers or marks name."""
    ids: set[str] = set()
    offices: set[str] = set()
    for rule in document.rules:
        refs = (*rule.subjects, *rule.objects, *rule.counterparts,
                *(r for q in rule.qualifiers for r in (*q.refs, *q.objects)))
        for ref in refs:
            ids.add(ref.id)
            if ref.office:
                offices.add(ref.office)
    for actor in document.actors.values():
        ids.update(actor.member_of)
        ids.update(actor.chairs)
        if actor.part_of:
            ids.add(actor.part_of)
    for thing in document.objects.values():
        if thing.part_of:
            ids.add(thing.part_of)
        if thing.owner:
            ids.add(thing.owner)
            if thing.owner in document.offices:
                offices.add(thing.owner)
    for ack in document.acknowledgements:
        ids.update(ack.subjects)
    signatory = document.manifest.signatory.get("actor")
    if signatory:
        ids.add(signatory)
    return ids, offices


@check("REG002", "unused-register-entry", Severity.INFO, "registers")
def unused_register_entry(document: Document, context: Context) -> Iterator[Finding]:
    """An actor, office or object in the registers that no rule, register entry or mark names.

    Why it matters: the registers are the document's cast list.  An entry nothing uses is
    either a rule that was never written (a sentence about that actor with no rule beside
    it) or an entry left over after the text changed; both are worth a look.

    Fails::

        # objects.yaml
        - {id: estate_strategy, name: Estate Strategy}
        # ...and no rule names estate_strategy

    Passes::

        # objects.yaml
        - {id: estate_strategy, name: Estate Strategy}
        # rules:
        agency must comply_with estate_strategy

    An actor counts as used when a rule names it or one of its offices, when another entry
    lists it (`member_of`, `chairs`, `part_of`) or when it signs the document.
    """
    this = get("REG002")
    ids, offices = used_names(document)
    for actor in document.actors.values():
        if actor.id not in ids:
            yield this.finding(f"the actor '{actor.id}' ({actor.name}) is in the register but no rule "
                               "names it", actor.location, subjects=(actor.id,))
    for office in document.offices.values():
        if office.id not in offices:
            yield this.finding(f"the office '{office.id}' ({office.name}) is in the register but no "
                               "rule names it", office.location, subjects=(office.id,))
    for thing in document.objects.values():
        if thing.id not in ids:
            yield this.finding(f"the object '{thing.id}' ({thing.name}) is in the register but no rule "
                               "names it", thing.location, subjects=(thing.id,))


def _key(name: str) -> str:
    name = " ".join(name.split())
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
    return name.lower()


@check("REG003", "ambiguous-name", Severity.WARNING, "registers")
def ambiguous_name(document: Document, context: Context) -> Iterator[Finding]:
    """A name or alias (an office title, a short name) that the registers give to two different
    actors or objects.

    Why it matters: the text names people and bodies by their titles.  If "the Chair" or
    "the Accounting Officer" belongs to two actors, a reader cannot tell who is meant, and
    neither can the checker: every rule written under that name may bind the wrong person.

    Fails::

        - id: permanent_secretary
          name: Permanent Secretary
          aliases: [Accounting Officer]
        - id: director_general
          name: Director General
          aliases: [Accounting Officer]

    Passes::

        - id: permanent_secretary
          name: Permanent Secretary
          aliases: [Principal Accounting Officer]
        - id: director_general
          name: Director General
          aliases: [Agency Accounting Officer]

    Names are compared without case and without a leading "the".  An office and the actor
    holding it may share a name: they are one person.
    """
    this = get("REG003")
    # name -> {who it resolves to: (how to show the entry, where it is)}
    owners: dict[str, dict[str, tuple[str, Location]]] = defaultdict(dict)
    for actor in document.actors.values():
        for name in actor.names:
            owners[_key(name)].setdefault(actor.id, (f"{actor.name} ('{actor.id}')", actor.location))
    for office in document.offices.values():
        for name in (office.name, *office.aliases):
            owners[_key(name)].setdefault(
                office.holder, (f"{office.name} (the office '{office.id}' of '{office.holder}')", office.location))
    for thing in document.objects.values():
        for name in thing.names:
            owners[_key(name)].setdefault(f"object:{thing.id}", (f"{thing.name} ('{thing.id}')", thing.location))
    for name, entries in sorted(owners.items()):
        if len(entries) < 2:
            continue
        ordered = sorted(entries.items(), key=lambda item: item[1][1])
        who = join(shown for _, (shown, _) in ordered)
        yield this.finding(f"the name \"{name}\" is given to {who}; a name must stand for one actor or "
                           "object", *(loc for _, (_, loc) in ordered),
                           subjects=tuple(ident.removeprefix("object:") for ident, _ in ordered))


@check("REG004", "unknown-register-reference", Severity.ERROR, "registers")
def unknown_register_reference(document: Document, context: Context) -> Iterator[Finding]:
    """A register entry or the manifest's signatory that names an actor or object the registers
    do not have (`member_of`, `chairs`, `part_of`, an object's `owner`, `signatory.actor`).

    Why it matters: membership and chairing feed the separation-of-duties and accountability
    checks.  A misspelt body in `member_of` silently drops the actor from that body, and
    every check that relies on the membership passes when it should not.

    Fails::

        - id: director_general
          name: Director General
          kind: individual
          member_of: [supervisory_bord]

    Passes::

        - id: director_general
          name: Director General
          kind: individual
          member_of: [supervisory_board]
    """
    from checker.suggest import did_you_mean

    this = get("REG004")
    actors = document.actors
    for actor in actors.values():
        for key, names in (("member_of", actor.member_of), ("chairs", actor.chairs),
                           ("part_of", (actor.part_of,) if actor.part_of else ())):
            for name in names:
                if name not in actors:
                    yield this.finding(f"the actor '{actor.id}' lists '{name}' in {key}, but no actor "
                                       f"has that id{did_you_mean(name, actors)}", actor.location,
                                       subjects=(actor.id,))
    for thing in document.objects.values():
        if thing.part_of and thing.part_of not in document.objects:
            yield this.finding(f"the object '{thing.id}' is part_of '{thing.part_of}', but no object has "
                               f"that id{did_you_mean(thing.part_of, document.objects)}", thing.location,
                               subjects=(thing.id,))
        if thing.owner and thing.owner not in actors and thing.owner not in document.offices:
            yield this.finding(f"the object '{thing.id}' has the owner '{thing.owner}', but no actor or office "
                               f"has that id{did_you_mean(thing.owner, [*actors, *document.offices])}",
                               thing.location, subjects=(thing.id,))
    signatory = document.manifest.signatory.get("actor")
    if signatory and signatory not in actors and signatory not in document.offices:
        yield this.finding(f"the manifest's signatory is '{signatory}', but no actor or office has that "
                           f"id{did_you_mean(signatory, actors)}", document.manifest.location)
