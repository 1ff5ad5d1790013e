"""`glossary.count_uses` counts each passage's distinct words once and runs the pattern of
several-word terms only on passages that hold a first word of one: it must count exactly what
a word-by-word walk with the pattern run on every passage counts (the reference below is the
code it replaced)."""

from __future__ import annotations

import re
from collections import defaultdict

from hypothesis import given
from hypothesis import strategies as st

from checker.checks.glossary import _TOKEN, Passage, Use, _singular, count_uses
from checker.findings import Location
from checker.model import GlossaryEntry

TERMS = ["Board", "Agency", "SLA", "SLAs", "Secretary of State", "Chief Executive", "e-Government Unit",
         "&Co Board", "Key Worker", "K Office", "Office"]
WORDS = ["board", "Boards", "BOARD", "agency", "SLAs", "sla", "secretary", "of", "State", "states",
         "Chief", "executive", "Executives", "e", "-", "government", "Government", "unit", "&", "Co",
         "key", "Worker", "\u212aey", "worker's", "K", "office", "Office’s", "the", "and", "İ"]


def reference(entries: list[GlossaryEntry], prose: list[Passage]) -> dict[str, Use]:
    words: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for entry in entries:
        key = _singular(entry.term).lower()
        for form in (entry.term, _singular(entry.term)):
            (words if _TOKEN.fullmatch(form) else phrases).setdefault(form.lower(), key)
    pattern = None
    if phrases:
        alternatives = sorted({re.escape(t) for t in phrases}, key=len, reverse=True)
        pattern = re.compile(rf"(?<![\w&])({'|'.join(alternatives)})(?:s|['’]s)?(?![\w&])", re.IGNORECASE)
    uses: dict[str, Use] = defaultdict(Use)

    def count(form: str, key: str, location: Location) -> None:
        use = uses[key]
        use.count += 1
        use.forms[form] = use.forms.get(form, 0) + 1
        if use.first is None:
            use.first = location

    for passage in prose:
        for token in _TOKEN.findall(passage.text):
            lower = token.lower()
            found = words.get(lower)
            if found is None and lower.endswith("s"):
                found = words.get(lower[:-1])
                token = token[:-1]
            if found is not None:
                count(token, found, passage.location)
        if pattern is not None:
            for match in pattern.finditer(passage.text):
                found = phrases.get(match[1].lower())
                if found is not None:
                    count(match[1], found, passage.location)
    return uses


def _plain(uses: dict[str, Use]) -> list[tuple[str, int, Location | None, list[tuple[str, int]]]]:
    return [(key, use.count, use.first, list(use.forms.items())) for key, use in uses.items()]


passage_texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "", "-", ". ", "\n"])),
                         max_size=20).map(lambda pieces: "".join(w + s for w, s in pieces))


@given(st.lists(st.sampled_from(TERMS), min_size=1, max_size=6, unique=True),
       st.lists(passage_texts, max_size=6))
def test_counts_as_word_by_word(terms: list[str], texts: list[str]) -> None:
    entries = [GlossaryEntry(term, "x", Location("parts/glossary.yaml", i + 1, 1)) for i, term in enumerate(terms)]
    prose = [Passage(text, Location("parts/a.yaml", i + 1, 1)) for i, text in enumerate(texts)]
    assert _plain(count_uses(entries, prose)) == _plain(reference(entries, prose))


def test_a_phrase_is_found_where_its_first_word_is_written_in_another_alphabet() -> None:
    # the Kelvin sign folds to "k" under the pattern's IGNORECASE: the passage is not ASCII,
    # so the pattern runs although "key" is none of its words
    entries = [GlossaryEntry("Key Worker", "x", Location("g.yaml", 1, 1))]
    prose = [Passage("the \u212aey Worker", Location("a.yaml", 1, 1))]
    assert count_uses(entries, prose)["key worker"].count == 1
