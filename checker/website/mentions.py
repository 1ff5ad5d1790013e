"""Where a clause names an actor or an office, under any of its names or aliases.

Each clause page lists who it names with their register names, and each actor page lists the
clauses that name it: so the site's search finds a clause by an office's name even where the
prose uses an alias ("Accounting Officer for the Agency" for the Agency Accounting Officer).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from checker.model import ACTOR, Clause, Document, Rule


@dataclass(frozen=True, order=True)
class Mention:
    actor: str
    office: str | None = None  # the office it is named as, if any


class Mentions:
    """Every clause's mentions, and every actor's clauses, computed once for a document."""

    def __init__(self, document: Document) -> None:
        self.document = document
        names: dict[str, Mention] = {}
        for actor in sorted(document.actors.values(), key=lambda a: a.id):
            for alias in actor.names:
                names.setdefault(_key(alias), Mention(actor.id))
        for office in sorted(document.offices.values(), key=lambda o: o.id):
            for alias in (office.name, *office.aliases):
                # an office's name is more specific than an actor alias that happens to match
                names[_key(alias)] = Mention(office.holder, office.id)
        names.pop("", None)
        self._names = names
        self._pattern = None
        if names:
            alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
            self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
        by_clause: dict[str, tuple[Mention, ...]] = {}
        by_actor: dict[str, list[str]] = defaultdict(list)
        rules = document.rules_by_clause
        for clause in document.clauses.values():
            found = self._clause(clause, rules.get(clause.id, ()))
            by_clause[clause.id] = found
            for actor_id in dict.fromkeys(m.actor for m in found):
                by_actor[actor_id].append(clause.id)
        self.by_clause: Mapping[str, tuple[Mention, ...]] = MappingProxyType(by_clause)
        self.by_actor: Mapping[str, tuple[str, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in by_actor.items()})

    def in_text(self, text: str) -> list[Mention]:
        if self._pattern is None or not text:
            return []
        return [self._names[m.group(0)] for m in self._pattern.finditer(text.translate(_QUOTES))]

    def _clause(self, clause: Clause, rules: Iterable[Rule]) -> tuple[Mention, ...]:
        cells = [cell for row in clause.table.rows for cell in row] if clause.table else []
        found: list[Mention] = []
        for text in (clause.title or "", clause.text, *clause.items, *cells):
            found.extend(self.in_text(text))
        for rule in rules:
            refs = (*rule.subjects, *rule.objects, *rule.counterparts,
                    *(r for q in rule.qualifiers for r in q.refs))
            found.extend(Mention(r.id, r.office) for r in refs if r.kind == ACTOR)
        # an actor named both plainly and as an office is listed once for each way
        return tuple(m for m in dict.fromkeys(found) if m.actor in self.document.actors)


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _key(name: str) -> str:
    """A name as the prose may write it: straight quotes, no leading article ('the Agency'
    matches 'The Agency' at the start of a sentence as well)."""
    name = " ".join(name.split()).translate(_QUOTES)
    bare = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    return bare if len(bare) >= 3 else name
