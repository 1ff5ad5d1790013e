"""What a heading says it is, from its words and numbers alone (never from its '#' level).

PDF conversions give the same kind of heading any level ('# 1.', '## 2.', '### 2.1.3' next to
'#### 2.1.1'), so the level carries no structure. The printed number does: '2.1.3 Title' is
clause 3 of clause 1 of section 2 whatever its level. Context (is this 'Introduction' the
document's introduction, or a sub-heading inside an annex?) is decided by the structure stage.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class HeadingKind(enum.Enum):
    CONTENTS = "contents"
    FOREWORD = "foreword"
    INTRODUCTION = "introduction"
    SECTION = "section"  # "3. The Planning Framework"
    NUMBERED = "numbered"  # "2.1.3 Departmental Sponsor", "C.2 Financial Regime"
    GLOSSARY = "glossary"
    ANNEX = "annex"
    PLAIN = "plain"  # anything else: an unnumbered sub-heading


@dataclass(frozen=True)
class HeadingInfo:
    kind: HeadingKind
    title: str  # as printed, without the number ("Annex A" for annexes)
    number: tuple[int, ...] = ()  # (3,) for a section, (2, 1, 3) for a clause
    printed: str | None = None  # "3", "2.1.3", "A"
    label: str | None = None  # an annex's letter, or the letter before a lettered number
    rest: str | None = None  # an annex heading's own subtitle: "Annex A: Central Services"


_CONTENTS = re.compile(r"^(?:table\s+of\s+)?contents$", re.IGNORECASE)
# "Foreword", "Ministerial Foreword", "Foreword by the Minister", "Chair's foreword", "Preface"
_FOREWORD = re.compile(r"^(?:[\w’'-]+\s+){0,3}(?:foreword|preface)\b", re.IGNORECASE)
_INTRODUCTION = re.compile(r"^introduction$", re.IGNORECASE)
_GLOSSARY = re.compile(r"^(?:glossary|abbreviations|acronyms)\b", re.IGNORECASE)
# The letter stays case-sensitive so that "Appendix to the report" is not appendix "TO".
_ANNEX = re.compile(r"^((?i:annexe|annex|appendix|schedule))\s+([A-Z]{1,2}|\d{1,2})\b\.?(?:\s*[:.\-–—]\s*|\s+|$)(.*)$")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,3})+)\.?\s+(\S.*)$")
_LETTERED = re.compile(r"^([A-Z])\.(\d{1,3}(?:\.\d{1,3})*)\.?\s+(\S.*)$")
_SECTION = re.compile(r"^(?:(?i:section|chapter|part)\s+)?(\d{1,2})(?:[.:)]\s*|\s+)(\S.*)$")
_SECTION_ALONE = re.compile(r"^(?:section|chapter|part)\s+(\d{1,2})\.?$", re.IGNORECASE)
# "**Title**", "__Title__", "*Title*": emphasis around a whole heading is typography.
_WRAPPED = re.compile(r"^(\*\*|__|\*|_)(.+)\1$")
# A page number a converter left after a tab: "Introduction\t6".
_PAGE_NUMBER = re.compile(r"\t+\s*\d+\s*$")


def clean_heading_text(text: str) -> str:
    text = _PAGE_NUMBER.sub("", text).strip()
    while (match := _WRAPPED.match(text)) is not None:
        text = match.group(2).strip()
    return text.replace("\t", " ")


def classify(raw: str) -> HeadingInfo:
    text = clean_heading_text(raw)
    bare = text.rstrip(" .:")
    if _CONTENTS.match(bare):
        return HeadingInfo(HeadingKind.CONTENTS, text)
    if _FOREWORD.match(text):
        return HeadingInfo(HeadingKind.FOREWORD, text)
    if _INTRODUCTION.match(bare):
        return HeadingInfo(HeadingKind.INTRODUCTION, text)
    if _GLOSSARY.match(text):
        return HeadingInfo(HeadingKind.GLOSSARY, text)
    if (match := _ANNEX.match(text)) is not None:
        word, label, rest = match.groups()
        title = f"{word} {label}"
        return HeadingInfo(
            HeadingKind.ANNEX, title, printed=label.upper(), label=label.upper(), rest=rest.strip() or None
        )
    if (match := _NUMBERED.match(text)) is not None:
        printed = match.group(1)
        number = tuple(int(part) for part in printed.split("."))
        return HeadingInfo(HeadingKind.NUMBERED, match.group(2).strip(), number, printed)
    if (match := _LETTERED.match(text)) is not None:
        letter, digits, title = match.groups()
        number = tuple(int(part) for part in digits.split("."))
        return HeadingInfo(HeadingKind.NUMBERED, title.strip(), number, f"{letter}.{digits}", label=letter)
    if (match := _SECTION.match(text)) is not None:
        return HeadingInfo(
            HeadingKind.SECTION, match.group(2).strip(), (int(match.group(1)),), match.group(1)
        )
    if (match := _SECTION_ALONE.match(text)) is not None:
        return HeadingInfo(HeadingKind.SECTION, text, (int(match.group(1)),), match.group(1))
    return HeadingInfo(HeadingKind.PLAIN, text)
