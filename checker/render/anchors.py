"""Anchors and file names shared by every output (single page, PDF and website).

The anchors themselves are derived by the loader (`Clause.anchor`, `Part.anchor`): a section
is `section-2`, an annex `annex-c`, a numbered clause `clause-2-1-3`, an annex paragraph
`clause-c-4`, anything else its id.  This module only adds the few anchors the model does not
know about (glossary entries, the amendment history) and the website's file names.
"""

from __future__ import annotations

import re

from checker.model import Clause, Part

AMENDMENT_HISTORY = "amendment-history"
CONTENTS = "contents"
MAIN = "main-content"


def clause_anchor(clause: Clause) -> str:
    """The fragment that identifies a clause (or a part, the clause of depth 0) everywhere."""
    return clause.anchor


def part_file(part: Part) -> str:
    """The website's Markdown file for a part: `section-2.md`, `annex-c.md`, `glossary.md`."""
    return f"{part.anchor}.md"


def glossary_anchor(term: str) -> str:
    """`glossary-cio` for the glossary entry of 'CIO'; distinct terms give distinct anchors."""
    slug = re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
    return f"glossary-{slug or 'term'}"
