"""The import as a list of phases: lines -> blocks -> front matter -> tree -> model."""

from __future__ import annotations

from collections.abc import Sequence

from checker.importer.freeze import freeze_parts
from checker.importer.front_matter import split_front, take_signatory
from checker.importer.headings import HeadingKind, classify, clean_heading_text
from checker.importer.markdown_source import Block, Heading, split_blocks
from checker.importer.model import Document, Manifest, Part, Signatory
from checker.importer.report import Findings
from checker.importer.structure import ClauseDraft, PartDraft, Shape, TreeBuilder, detect_shape
from checker.importer.tables import MISSING

LANGUAGE = "en-GB"
VERSION = "0.1"
STATUS = "draft"


def build_document(lines: list[str], source_name: str, findings: Findings) -> Document | None:
    """The document, or None after an error finding (nothing to write)."""
    blocks = split_blocks(lines, findings)
    shape = detect_shape(blocks)
    front = split_front(blocks, findings, shape.section_level if shape.flat else 0)
    builder = TreeBuilder(findings, shape)
    for block in (*front.unplaced, *front.body):
        builder.feed(block)
    drafts = builder.finish()
    if not drafts:
        findings.error(
            1,
            "found no part headings: expected '# Foreword ...', '# Introduction', '# 1. Title', "
            "'# Glossary' or '# Annex A' headings",
        )
        return None
    signatory = _take_signatory(drafts, findings)
    parts = freeze_parts(drafts, findings)
    title, publisher = _title_and_publisher(
        front.title, front.title_line, front.publisher, front.publisher_line, front.unplaced, findings
    )
    _report_placeholders(findings)
    numbering = _numbering(shape, parts)
    if numbering is not None:
        findings.info(0, f"numbering: {numbering if isinstance(numbering, str) else numbering['scheme']} "
                      "(the paragraphs and annexes as printed); see docs/format.md")
    manifest = Manifest(
        title=title,
        publisher=publisher,
        language=LANGUAGE,
        signatory=signatory,
        version=VERSION,
        published=None,
        status=STATUS,
        review_by=None,
        parts=tuple(part.id for part in parts),
        amendments="amendments",
        source_name=source_name,
        description=front.summary,
        numbering=numbering,
    )
    return Document(manifest, parts)


def _take_signatory(drafts: list[PartDraft], findings: Findings) -> Signatory | None:
    foreword = next((d for d in drafts if d.kind == "foreword"), None)
    if foreword is None:
        return None
    # The signature ends the foreword: its last sub-heading's text if it has sub-headings.
    holders: list[PartDraft | ClauseDraft] = [*foreword.children[-1:], foreword]
    for holder in holders:
        signatory, rest = take_signatory(list(holder.blocks), findings)
        if signatory is not None:
            holder.blocks = rest  # type: ignore[assignment]  # prose blocks in, prose blocks out
            return signatory
    return None


def _title_and_publisher(
    title: str | None,
    title_line: int,
    publisher: str | None,
    publisher_line: int,
    before_parts: Sequence[Block],
    findings: Findings,
) -> tuple[str, str]:
    if title is None:
        # A plain heading before the first part is a title; 'Contents' or '1. Aims' is not.
        first = next(
            (
                b
                for b in before_parts
                if isinstance(b, Heading) and classify(b.text).kind is HeadingKind.PLAIN
            ),
            None,
        )
        if first is not None:
            title, title_line = clean_heading_text(first.text), first.line
            findings.warning(
                first.line, f"no cover title: took the title from the first heading ('{title}'); check it"
            )
        else:
            findings.warning(1, f"no title found: wrote '{MISSING}'")
    else:
        findings.info(title_line, f"manifest title '{title}' taken from the cover")
    if publisher is None:
        findings.warning(title_line or 1, f"no publisher found on the cover: wrote '{MISSING}'")
    else:
        findings.info(publisher_line, f"manifest publisher '{publisher}' taken from the cover; check it")
    return title or MISSING, publisher or MISSING


def _report_placeholders(findings: Findings) -> None:
    # An import cannot know these; the loader's schema rejects the nulls until someone sets them.
    findings.info(0, f"manifest language: assumed '{LANGUAGE}'; set by hand if not")
    for key, value in (("version", f'"{VERSION}"'), ("status", STATUS)):
        findings.warning(0, f"manifest {key}: wrote {value}; set by hand")
    for key in ("published", "review_by"):
        findings.info(0, f"manifest {key}: not known from the text, left out; add it when known")


def _numbering(shape: Shape, parts: Sequence[Part]) -> str | dict[str, object] | None:
    """The manifest's `numbering:` for what the import found (None: the default, hierarchical)."""
    annexes = [p for p in parts if p.kind == "annex"]
    word = annexes[0].title.split(" ", 1)[0].capitalize() if annexes else "Annex"
    digits = any((p.printed or "").isdigit() for p in annexes)
    override: dict[str, object] = {}
    if word in ("Annexe", "Appendix", "Schedule") or digits:
        override["annexes"] = {**({"word": word} if word != "Annex" else {}),
                               **({"style": "numbers"} if digits else {})}
    scheme = ("per-section" if shape.restarts else "flat") if shape.flat else "hierarchical"
    if shape.unnumbered:
        scheme = "unnumbered"
    if not override:
        return scheme if shape.flat else None
    return {"scheme": scheme, **override}
