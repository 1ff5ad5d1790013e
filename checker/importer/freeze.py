"""Turn the drafts into the frozen model: ids allocated, prose rendered as Markdown.

Part ids are claimed before any clause id, so that a clause titled 'Introduction' inside an
annex becomes 'introduction-2' and never takes the introduction part's id. Clause ids are then
claimed in reading order, which makes the result the same on every run.
"""

from __future__ import annotations

import re

from checker.importer.ids import IdAllocator, slugify
from checker.importer.model import Clause, Part
from checker.importer.prose import render_prose
from checker.importer.report import Findings
from checker.importer.structure import ClauseDraft, PartDraft

_FIXED_IDS = {"foreword": "foreword", "introduction": "introduction", "glossary": "glossary"}


def freeze_parts(drafts: list[PartDraft], findings: Findings) -> tuple[Part, ...]:
    ids = IdAllocator()
    part_ids = [ids.claim(_part_id(draft)) for draft in drafts]
    return tuple(
        _part(draft, part_id, ids, findings) for draft, part_id in zip(drafts, part_ids, strict=True)
    )


def _part_id(draft: PartDraft) -> str:
    if draft.kind in _FIXED_IDS:
        return _FIXED_IDS[draft.kind]
    if draft.kind == "annex":
        # Not slugify: it would drop the 'a' of 'Annex A' as a stop-word.
        return "-".join(re.findall(r"[a-z0-9]+", draft.title.lower())) or "annex"
    return slugify(draft.title) or f"section-{draft.printed or 'x'}"


def _part(draft: PartDraft, part_id: str, ids: IdAllocator, findings: Findings) -> Part:
    return Part(
        id=part_id,
        kind=draft.kind,
        title=draft.title,
        subtitle=draft.subtitle,
        printed=draft.printed,
        text=render_prose(draft.blocks, findings),
        clauses=tuple(_clause(child, ids, findings) for child in draft.children),
        entries=tuple(draft.entries),
        line=draft.line,
    )


def _clause(draft: ClauseDraft, ids: IdAllocator, findings: Findings) -> Clause:
    text = render_prose(draft.blocks, findings)
    base = slugify(draft.title or draft.id_hint or "") or slugify(text or "") or "clause"
    clause_id = ids.claim(base)
    return Clause(
        id=clause_id,
        title=draft.title,
        printed=draft.printed,
        numbered=draft.numbered,
        text=text,
        table=draft.table,
        clauses=tuple(_clause(child, ids, findings) for child in draft.children),
        line=draft.line,
    )
