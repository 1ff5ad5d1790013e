"""Numbering schemes: how a document numbers its sections, paragraphs, annexes and list items.

The schemes are data (`schemes.yaml` beside this module); the manifest names one
(`numbering: flat`) and may override its fields.  The loader asks a `Numberer` for the number,
label and anchor of every part and clause in reading order, so that what the original prints
("paragraph 34", "Annexe B") is what the model, and so every output, shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

DEFAULT = "hierarchical"
HIERARCHICAL, DOCUMENT, SECTION, NONE = "hierarchical", "document", "section", "none"
STYLES = (HIERARCHICAL, DOCUMENT, SECTION, NONE)
ANNEX_STYLES = ("letters", "numbers", "roman")
ITEM_STYLES = ("bullets", "letters", "roman", "numbers")
BULLETS = "bullets"
ANNEX_WORDS = ("Annex", "Annexe", "Appendix", "Schedule")


@dataclass(frozen=True)
class Scheme:
    name: str
    description: str = ""
    sections_numbered: bool = True
    style: str = HIERARCHICAL  # hierarchical | document | section | none
    counted: tuple[str, ...] = ("section",)  # part kinds whose paragraphs a flat count numbers
    noun: str = "paragraph"
    annex_style: str = "letters"
    annex_word: str = "Annex"
    items: tuple[str, ...] = (BULLETS,)

    @property
    def flat(self) -> bool:
        return self.style in (DOCUMENT, SECTION)

    def counts(self, kind: str) -> bool:
        """Whether the paragraphs of a part of this kind are numbered by the flat count."""
        return self.flat and kind in self.counted


@cache
def schemes() -> dict[str, Scheme]:
    """Every scheme in schemes.yaml, by name."""
    text = resources.files(__package__).joinpath("schemes.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {name: _scheme(name, body) for name, body in data.items()}


def default_scheme() -> Scheme:
    return schemes()[DEFAULT]


def _scheme(name: str, body: dict[str, Any]) -> Scheme:
    sections = body.get("sections", {})
    paragraphs = body.get("paragraphs", {})
    annexes = body.get("annexes", {})
    return Scheme(
        name=name, description=str(body.get("description", "")),
        sections_numbered=bool(sections.get("numbered", True)),
        style=paragraphs.get("style", HIERARCHICAL),
        counted=tuple(paragraphs.get("parts", ["section"])),
        noun=paragraphs.get("noun", "paragraph"),
        annex_style=annexes.get("style", "letters"), annex_word=annexes.get("word", "Annex"),
        items=tuple(body.get("items", [BULLETS])),
    )


def scheme_from(value: Any) -> tuple[Scheme, str | None]:
    """The scheme a manifest's `numbering:` declares, and a message when it names none.

    The schema has checked the shape; this checks the names, and falls back to the default
    scheme so that the rest of the document still loads."""
    known = schemes()
    if value is None:
        return known[DEFAULT], None
    if isinstance(value, str):
        if value in known:
            return known[value], None
        return known[DEFAULT], (f"unknown numbering scheme '{value}'; expected one of "
                                f"{', '.join(sorted(known))}")
    name = value.get("scheme", DEFAULT)
    if name not in known:
        return known[DEFAULT], (f"unknown numbering scheme '{name}'; expected one of "
                                f"{', '.join(sorted(known))}")
    base = known[name]
    sections, paragraphs, annexes = (value.get(k, {}) for k in ("sections", "paragraphs", "annexes"))
    return Scheme(
        name=name, description=base.description,
        sections_numbered=bool(sections.get("numbered", base.sections_numbered)),
        style=paragraphs.get("style", base.style),
        counted=tuple(paragraphs.get("parts", base.counted)),
        noun=paragraphs.get("noun", base.noun),
        annex_style=annexes.get("style", base.annex_style),
        annex_word=annexes.get("word", base.annex_word),
        items=tuple(value.get("items", base.items)),
    ), None


# -- ordinals ------------------------------------------------------------------------------
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def letters(n: int) -> str:
    """1 -> 'A', 26 -> 'Z', 27 -> 'AA'."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("A") + rem) + out
    return out


def roman(n: int) -> str:
    out = ""
    for value, text in _ROMAN:
        while n >= value:
            out, n = out + text, n - value
    return out


def ordinal_text(n: int, style: str) -> str:
    """The printed form of the n-th annex or list item in a style."""
    if style == "letters":
        return letters(n)
    if style == "roman":
        return roman(n)
    return str(n)


def parse_ordinal(token: str, style: str) -> int | None:
    """The position a printed letter, numeral or number stands for (None if it is not one)."""
    token = token.strip().upper()
    if not token:
        return None
    # ASCII digits only: str.isdigit() also accepts '²' and other digits int() refuses
    digits = token.isascii() and token.isdigit()
    if style == "numbers" or digits:
        return int(token) if digits and len(token) <= 6 else None
    if style == "roman":
        for n in range(1, 400):
            if roman(n) == token:
                return n
        return None
    if re.fullmatch(r"[A-Z]{1,3}", token):
        n = 0
        for char in token:
            n = n * 26 + ord(char) - ord("A") + 1
        return n
    return None


def item_marker(index: int, depth: int, scheme: Scheme) -> str | None:
    """'(a)' for the first item of a list, '(i)' for the first of a list inside it; None where
    the scheme prints bullets (the renderers then write a bullet list)."""
    styles = scheme.items or (BULLETS,)
    style = styles[min(depth, len(styles) - 1)]
    if style == BULLETS:
        return None
    return f"({ordinal_text(index, style).lower() if style != 'numbers' else index})"


# -- numbering a document --------------------------------------------------------------------
@dataclass(frozen=True)
class Numbered:
    number: str | None  # what references cite: "2.1.3", "34", "C.4", "B"
    label: str  # how the text names it: "2.1.3", "paragraph 34", "Annex C paragraph 4", "Annexe B"
    anchor: str  # the fragment every output uses


@dataclass
class Numberer:
    """Numbers parts and clauses in reading order under one scheme."""

    scheme: Scheme
    sections: int = 0
    annexes: int = 0
    paragraphs: int = 0  # the flat count

    # (anchors are not made unique here: an id that collides with a generated anchor is the
    # collision check's finding, checks/collisions.py)

    def part(self, part_id: str, kind: str, title: str, printed: str | None) -> Numbered:
        scheme = self.scheme
        if scheme.style == SECTION:
            self.paragraphs = 0
        if kind == "section":
            self.sections += 1
            if not scheme.sections_numbered:
                return Numbered(None, title, part_id)
            at = parse_ordinal(printed, "numbers") if printed else None
            self.sections = at if at else self.sections
            number = str(self.sections)
            return Numbered(number, f"Section {number}", f"section-{number}")
        if kind == "annex":
            at = parse_ordinal(printed, scheme.annex_style) if printed else None
            self.annexes = at if at else self.annexes + 1
            number = ordinal_text(self.annexes, scheme.annex_style)
            word = scheme.annex_word
            return Numbered(number, f"{word} {number}",
                            f"{word.lower()}-{number.lower()}")
        return Numbered(None, title, part_id)

    def clause(self, part_id: str, part_kind: str, part_title: str, part_number: str | None,
               parent: str | None, depth: int, index: int, printed: str | None = None) -> Numbered:
        """The `index`-th numbered child (1-based) of a clause numbered `parent`, at `depth`.

        A flat count follows the printed number where the original skips ahead (a gap STR101
        reports), so that the outputs show what is printed; it never goes back or repeats, so
        that an inserted paragraph moves every later one."""
        scheme = self.scheme
        if scheme.counts(part_kind):
            if depth == 1 or parent is None:
                self.paragraphs += 1
                ahead = parse_ordinal(printed, "numbers") if printed and printed.strip().isdigit() else None
                if ahead is not None and ahead > self.paragraphs:
                    self.paragraphs = ahead
                number = str(self.paragraphs)
                if scheme.style == SECTION and part_number is not None:
                    number = f"{part_number}.{number}"
            else:
                number = f"{parent}.{index}"
            anchor = f"{scheme.noun}-{number.replace('.', '-')}".lower()
            if scheme.style == SECTION and part_number is None:  # 1, 2 ... again in each part
                anchor = f"{part_id}-{anchor}"
            return Numbered(number, f"{scheme.noun} {number}", anchor)
        if part_number is None or parent is None or (
                part_kind == "section" and scheme.style == NONE):
            # foreword, introduction, glossary, unnumbered sections: for reference only
            return Numbered(None, f"{part_title} {scheme.noun} {index}",
                            f"{part_id}-{index}")
        child = f"{parent}.{index}"
        if part_kind == "annex":
            tail = child.split(".", 1)[1]
            label = f"{scheme.annex_word} {part_number} {scheme.noun} {tail}"
        else:
            label = child
        return Numbered(child, label, "clause-" + child.replace(".", "-").lower())
