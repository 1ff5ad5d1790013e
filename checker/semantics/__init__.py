"""The semantic stage: rules normalised into facts (facts.py), conditions as formulas decided
under the conditions register (conditions.py), time on one day line (timing.py).  Every
conflict check reads `facts_of(document)`, built once per document."""

from __future__ import annotations

from checker.model import Document
from checker.semantics.facts import Fact, Facts


def facts_of(document: Document) -> Facts:
    store = document.__dict__.setdefault("_checks_memo", {})
    if "facts" not in store:
        store["facts"] = Facts(document)
    facts: Facts = store["facts"]
    return facts


__all__ = ["Fact", "Facts", "facts_of"]
