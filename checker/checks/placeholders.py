"""Placeholders: parts and clauses whose text says it will be added or developed later.

The patterns live here so that the placeholder check and the reference check that relies on
it (references.py, REF003) agree on what a placeholder is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.checks.base import Context, check, get
from checker.checks.common import memo
from checker.findings import Finding, Location, Severity
from checker.model import Clause, Document

_LATER = r"(?:added|inserted|included|completed|provided|published|developed|finalised|finalized|written|drafted|agreed)"
# "This Annex will set out ... and will be added when those delegations are agreed"
_SELF = re.compile(
    rf"\b(?:this|the)\s+(?:annex|appendix|section|part|paragraph|schedule|chapter)\b[^.]{{0,300}}?"
    rf"\bwill\s+(?:only\s+)?be\s+{_LATER}\b",
    re.IGNORECASE,
)
# "Details will be added when ...", "Text to follow"
_CONTENT_LATER = re.compile(
    rf"\b(?:details|text|content|contents|this)\s+(?:will\s+be\s+{_LATER}|to\s+follow|to\s+be\s+{_LATER})\b",
    re.IGNORECASE,
)
# a sentence that is only a marker: "[To be developed]", "TBC", "Reserved."
_MARKER = re.compile(
    rf"^\W*(?:to\s+be\s+{_LATER}(?:\s+later)?|tbc|tbd|to\s+follow|placeholder|reserved|"
    r"not\s+yet\s+(?:agreed|available|written|published))\W*$",
    re.IGNORECASE,
)


_HINTS = ("will", "to be", "follow", "tbc", "tbd", "placeholder", "reserved", "not yet")


def placeholder_evidence(clause: Clause) -> tuple[str, Location] | None:
    """The sentence that makes `clause` a placeholder and where it is, or None."""
    for sentence in clause.sentences:
        text = sentence.text
        lower = text.lower()
        if not any(hint in lower for hint in _HINTS):
            continue  # (a cheap test: most sentences hold none of the words the patterns need)
        if _SELF.search(text) or _CONTENT_LATER.search(text) or _MARKER.match(text):
            return text, sentence.location
    if clause.depth == 0 and not clause.sentences and not clause.children and clause.table is None:
        return "", clause.location
    return None


def placeholders(document: Document) -> dict[str, tuple[str, Location]]:
    """Every placeholder clause (parts included), by clause id."""
    return memo(document, "placeholders", _placeholders)


def _placeholders(document: Document) -> dict[str, tuple[str, Location]]:
    out: dict[str, tuple[str, Location]] = {}
    for clause in document.clauses.values():
        if document.part_of(clause.id).kind == "glossary":
            continue
        evidence = placeholder_evidence(clause)
        if evidence is not None:
            out[clause.id] = evidence
    return out


def short(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


@check("REF002", "placeholder", Severity.WARNING, "references")
def placeholder(document: Document, context: Context) -> Iterator[Finding]:
    """A part or clause that is a placeholder: its text says it will be added or developed later,
    or a part has no text at all.

    Why it matters: a published framework document is the agreement between a department and
    its agency.  A part that "will be added when those delegations are agreed" is an agreement
    not yet made; readers (and auditors) need to see which parts are missing before they rely
    on the rest.

    Fails::

        id: annex-g
        kind: annex
        title: Delegation of Sponsorship Responsibilities
        text: |
          This Annex will set out how the Sponsor will delegate, and will be added when those
          delegations are agreed.

    Passes::

        id: annex-g
        kind: annex
        title: Delegation of Sponsorship Responsibilities
        text: |
          The Sponsor delegates the agreement of the Business Plan to the Director of Strategy.

    Recognised: a sentence about the part itself that says it "will be added", "developed",
    "completed" or "provided"; "details will be added", "text to follow"; a sentence that is
    only "to be developed", "TBC", "TBD" or "reserved"; a part with no text and no clauses.
    """
    this = get("REF002")
    for clause_id, (text, location) in placeholders(document).items():
        clause = document.clauses[clause_id]
        name = clause.label if clause.depth == 0 else f"clause {clause.label}"
        title = f" '{clause.title}'" if clause.title and clause.title != clause.label else ""
        if text:
            message = f"{name}{title} is a placeholder: \"{short(text)}\""
        else:
            message = f"{name}{title} is a placeholder: it has no text and no clauses"
        yield this.finding(message, location)
