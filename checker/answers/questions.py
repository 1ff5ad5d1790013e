"""The question kinds `fwdoc ask` and the site know, and the one entry point that answers them."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from checker.answers import accountable, decide, delegation, duties, roles, whatif
from checker.answers.base import Answer, AskError
from checker.model import Document


@dataclass(frozen=True)
class Kind:
    name: str
    takes: str  # what its argument names: "object" | "actor" | "" (what-if: options only)
    summary: str


KINDS = {k.name: k for k in (
    Kind("who-drafts", "object", "who drafts, prepares or submits X"),
    Kind("who-endorses", "object", "who endorses or agrees X"),
    Kind("who-approves", "object", "who approves X"),
    Kind("who-is-consulted", "object", "who is consulted on X"),
    Kind("who-is-informed", "object", "who is informed of X"),
    Kind("object", "object", "every role for X (drafts, endorses, approves, consulted, informed)"),
    Kind("who-decides", "object", "who may decide X, and to whom the decision may be delegated"),
    Kind("who-acts-for", "actor", "who may act for Y: its delegations, their limits, sub-delegations"),
    Kind("duties", "actor", "what Y must, should, may and must not do [--about X] [--from D --to D]"),
    Kind("accountable", "actor", "to whom Y is accountable, every line to the top"),
    Kind("what-if", "", "what changes if --move OFFICE goes --to ACTOR (the checks run on the moved model)"),
)}


def answer(document: Document, kind: str, name: str | None = None, *, about: str | None = None,
           start: datetime.date | None = None, end: datetime.date | None = None,
           move: str | None = None, to: str | None = None) -> Answer:
    """Answer one question; AskError for a question that cannot be asked as given."""
    entry = KINDS.get(kind)
    if entry is None:
        from checker.suggest import did_you_mean

        raise AskError(f"'{kind}' is not a question{did_you_mean(kind, sorted(KINDS))}; "
                       f"the questions are {', '.join(KINDS)}")
    if entry.takes and not name:
        raise AskError(f"{kind} needs {'a thing (an object)' if entry.takes == 'object' else 'an actor'}: "
                       f"fwdoc ask {kind} NAME")
    if not entry.takes:
        if name:
            raise AskError(f"{kind} takes no name; write: fwdoc ask what-if --move OFFICE --to ACTOR")
        if not move or not to:
            raise AskError("what-if needs --move OFFICE and --to ACTOR")
        return whatif.what_if(document, move, to)
    if kind != "duties" and (about or start or end):
        raise AskError(f"--about, --from and --to are for the duties question, not {kind}")
    assert name is not None
    handlers: dict[str, Callable[[], Answer]] = {
        "object": lambda: roles.object_roles(document, name),
        "who-decides": lambda: decide.may_decide(document, name),
        "who-acts-for": lambda: delegation.may_act_for(document, name),
        "duties": lambda: duties.duties(document, name, about, start, end),
        "accountable": lambda: accountable.accountable(document, name),
    }
    if kind in roles.QUESTIONS:
        return roles.who(document, kind, name)
    return handlers[kind]()
