"""Small helpers the check families share: how rules and names read in a message."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from checker.model import ACTOR, Document, Ref, Rule

T = TypeVar("T")


def memo(document: Document, key: str, build: Callable[[Document], T]) -> T:
    """Build a derived index once per document, so that the checks sharing it pay once.

    Kept in the document's own `__dict__`, as functools.cached_property keeps its values:
    it lives and dies with the document, and nothing is shared between documents.
    """
    store: dict[str, Any] = document.__dict__.setdefault("_checks_memo", {})
    if key not in store:
        store[key] = build(document)
    value: T = store[key]
    return value

POSITIVE = ("must", "may", "should")
NEGATIVE = ("must_not", "may_not", "should_not")
MODALITY_WORDS = {
    "must": "must", "must_not": "must not", "may": "may", "may_not": "may not",
    "should": "should", "should_not": "should not",
}
# which verbs are one act, and the role each gives, is the vocabulary's (checker/vocab.py)


def where(document: Document, rule: Rule) -> str:
    """The clause a rule belongs to, as the text refers to it: '2.1.3', 'Annex F paragraph 3',
    '3.2.1, Reporting' for an unnumbered sub-heading."""
    clause = document.clauses.get(rule.clause)
    if clause is None:
        return rule.clause
    if clause.number is not None or clause.depth == 0:
        return clause.label
    numbered = next((c for c in document.ancestors(clause.id) if c.number is not None or c.depth == 0), None)
    return f"{numbered.label}, {clause.label}" if numbered is not None else clause.label


def join(words: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(dict.fromkeys(words))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def actor_as_written(document: Document, rule: Rule, actor_id: str) -> str:
    """How the rule names an actor: 'the Departmental Sponsor' when written as that office."""
    for ref in (*rule.subjects, *rule.objects, *rule.counterparts,
                *(r for q in rule.qualifiers for r in q.refs)):
        if ref.kind == ACTOR and ref.id == actor_id:
            return the(document.display(ref))
    return the(document.actor_name(actor_id))


def same_actor(document: Document, actor_id: str) -> str:
    """'the same person' or 'the same body': for a message naming one actor two ways."""
    actor = document.actors.get(actor_id)
    return "the same person" if actor is not None and actor.kind == "individual" else "the same body"


def the(name: str) -> str:
    """'Permanent Secretary' -> 'the Permanent Secretary'; 'Parliament', 'HM Treasury' stay.

    No article before a name that has one, a single capitalised word (a proper name such as
    Parliament) or a name led by an acronym.
    """
    if not name or name.split()[0].lower() in ("the", "a", "an"):
        return name
    words = name.split()
    if len(words) == 1 and name[0].isupper() or (len(words[0]) > 1 and words[0].isupper()):
        return name
    return "the " + name


def third_person(verb: str) -> str:
    """'approve' -> 'approves', 'publish' -> 'publishes', 'comply_with' -> 'complies with'."""
    head, _, tail = verb.partition("_")
    if head.endswith(("s", "sh", "ch", "x", "z")):
        head += "es"
    elif head.endswith("y") and head[-2:-1] not in ("a", "e", "i", "o", "u"):
        head = head[:-1] + "ies"
    else:
        head += "s"
    return " ".join([head, *tail.split("_")]) if tail else head


def object_name(document: Document, object_id: str) -> str:
    return f"'{document.object_name(object_id)}'"


def ref_name(document: Document, ref: Ref) -> str:
    return document.display(ref)


def conditions_disjoint(a: Rule, b: Rule) -> bool:
    """True when the rules apply in cases that cannot both arise: `if c` against `unless c`."""
    conds_a, conds_b = a.conditions, b.conditions
    if not conds_a or not conds_b:
        return False
    for kind_a, value_a in conds_a:
        for kind_b, value_b in conds_b:
            if value_a.lower() != value_b.lower():
                continue
            if (kind_a == "unless") != (kind_b == "unless"):
                return True
    return False


def scopes_disjoint(a: Rule, b: Rule) -> bool:
    """True when one rule's scope or exceptions leave out what the other covers."""
    scope_a, scope_b = set(a.scope), set(b.scope)
    if scope_a and scope_b and not scope_a & scope_b:
        return True
    covers_a = scope_a | set(a.object_ids)
    covers_b = scope_b | set(b.object_ids)
    if set(a.exceptions) & (scope_b or covers_b) - set(a.object_ids):
        return True
    return bool(set(b.exceptions) & (scope_a or covers_a) - set(b.object_ids))


def memberships(document: Document) -> Memberships:
    return memo(document, "memberships", Memberships)


class Memberships:
    """Which actors are part or members of which: the registers and the membership rules."""

    def __init__(self, document: Document) -> None:
        self.document = document
        parents: dict[str, list[str]] = {}
        for entry in document.actors.values():
            parents[entry.id] = [*entry.member_of, *([entry.part_of] if entry.part_of else [])]
        for rule in document.rules:
            if rule.kind == "membership":
                for actor_id in rule.actors:
                    parents.setdefault(actor_id, []).extend(r.id for r in rule.objects if r.kind == ACTOR)
        self.parents = {k: tuple(dict.fromkeys(v)) for k, v in parents.items()}
        self._chains: dict[str, frozenset[str]] = {}

    def containers(self, actor_id: str) -> frozenset[str]:
        """Every actor that `actor_id` is part or a member of, transitively."""
        cached = self._chains.get(actor_id)
        if cached is not None:
            return cached
        out: set[str] = set()
        todo = [actor_id]
        while todo:
            for parent in self.parents.get(todo.pop(), ()):
                if parent not in out and parent != actor_id:
                    out.add(parent)
                    todo.append(parent)
        result = frozenset(out)
        self._chains[actor_id] = result
        return result

    def related(self, a: str, b: str) -> bool:
        """One actor is part or a member of the other."""
        return b in self.containers(a) or a in self.containers(b)
