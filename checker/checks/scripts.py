"""Which scripts a name is written in (UTS #39 section 5): a word mixing scripts that are not
written together, or a word spelt wholly in look-alike letters of another script."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache

from checker.checks.unicode_tables import ANY, scripts_of, skeleton

_WORD = re.compile(r"[^\W_]+(?:[\u0300-\u036f\u200c\u200d]+[^\W_]*)*")


@lru_cache(maxsize=65536)
def _resolved(word: str) -> frozenset[str] | None:
    """UTS #39's resolved script set of a word (None: every script, as for digits)."""
    result: frozenset[str] | None = None
    for char in word:
        scripts = _char_scripts(char)
        if scripts is not None:
            result = scripts if result is None else result & scripts
    return result


@cache
def _char_scripts(char: str) -> frozenset[str] | None:
    scripts = scripts_of(char)
    return None if scripts & ANY else _augment(scripts)


def _augment(scripts: frozenset[str]) -> frozenset[str]:
    """Han, kana and Hangul are written together (UTS #39 section 5.1's augmented sets), and
    with Latin (its "highly restrictive" level: "NHK放送")."""
    extra = set()
    if "Latin" in scripts:  # UTS #39 "highly restrictive": Latin may join any of the three
        extra |= {"Japanese", "Korean", "Han with Bopomofo"}
    if "Han" in scripts:
        extra |= {"Japanese", "Korean", "Han with Bopomofo"}
    if scripts & {"Hiragana", "Katakana"}:
        extra.add("Japanese")
    if "Hangul" in scripts:
        extra.add("Korean")
    if "Bopomofo" in scripts:
        extra.add("Han with Bopomofo")
    return scripts | extra if extra else scripts


def _main_script(word: str) -> str:
    counts: Counter[str] = Counter()
    for char in word:
        for script in scripts_of(char) - ANY:
            counts[script] += 1
    return min(counts, key=lambda s: (-counts[s], s)) if counts else "Common"


def _foreign(word: str, script: str) -> list[str]:
    out = []
    for char in dict.fromkeys(word):
        scripts = scripts_of(char)
        if not scripts & ANY and script not in _augment(scripts):
            out.append(f"'{char}' ({unicodedata.name(char, f'U+{ord(char):04X}').lower()})")
    return out


def mixed_script(text: str) -> str | None:
    """Why a name mixes scripts, or None: a word whose letters come from scripts that are not
    written together ("Secretаry" with a Cyrillic "а"), or, in a name with Latin words, a word
    spelt wholly in look-alike letters of another script ("Ѕесrеtаrу")."""
    if text.isascii():  # ASCII letters are all Latin
        return None
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    latin = False
    for word in words:
        resolved = _resolved(word)
        if resolved is not None and not resolved:
            main = _main_script(" ".join(words))  # ties go to the script of the other words
            return (f"the word '{word}' mixes {main} letters with "
                    f"{', '.join(_foreign(word, main))}")
        if resolved is not None and "Latin" in resolved:
            latin = True
    if not latin:
        return None
    for word in words:
        resolved = _resolved(word)
        if resolved is None or "Latin" in resolved:
            continue
        look = skeleton(word)
        if look.isascii() and look.isalpha() and len(word) > 1:
            return (f"the word '{word}' is spelt in {_main_script(word)} letters that look like "
                    f"the Latin '{look}'")
    return None
