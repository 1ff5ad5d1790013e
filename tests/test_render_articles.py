"""render/english.py finds names in the prose in one pass (`_whole_occurrences`): the same
occurrences as searching the prose once a name, in time linear in the prose."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from checker.render.english import _whole_occurrences
from tests.conftest import FRAMEWORK


def _reference(prose: str, names: set[str]) -> list[tuple[str, int]]:
    """The search it replaced: each name found on its own, left to right."""
    out = []
    for name in sorted(names):
        if not any(c.isalnum() for c in name):
            continue
        start = prose.find(name)
        while start >= 0:
            end = start + len(name)
            if (start == 0 or not prose[start - 1].isalnum()) and (end == len(prose) or not prose[end].isalnum()):
                out.append((name, start))
            start = prose.find(name, end)
    return out


def _overlaps_itself(name: str) -> bool:
    return any(name[-k:] == name[:k] for k in range(1, len(name)))


_words = st.sampled_from(["Board", "board", "the", "Agency", "staff", "Plan", "é", "Ωmega", "2", "of", "_x", "x_"])
_seps = st.sampled_from([" ", "  ", "'s ", ", ", "(", ")", "\n", "-", "", "\u00a0"])
_text = st.lists(st.tuples(_words, _seps), max_size=30).map(lambda ws: "".join(w + s for w, s in ws))


@given(prose=_text, names=st.sets(_text.filter(lambda n: 0 < len(n) < 30 and not _overlaps_itself(n)), max_size=8))
def test_the_same_occurrences_as_one_search_a_name(prose: str, names: set[str]) -> None:
    assert sorted(_whole_occurrences(prose, names)) == sorted(_reference(prose, names))


def test_look_alikes_are_not_whole_words() -> None:
    prose = "the Boards and the Board's plan; Boardroom, aBoard, Board."
    assert [start for _, start in _whole_occurrences(prose, {"Board"})] == [19, 52]


def test_many_names_and_much_prose_stay_linear() -> None:
    """20k names sharing their first word over 40k mentions: one pass, not names x prose."""
    names = {f"Director {i}" for i in range(20_000)}
    prose = " ".join(f"the Director {i % 25_000} agrees." for i in range(40_000))
    began = time.process_time()
    found = _whole_occurrences(prose, names)
    assert time.process_time() - began < 10  # names x prose would be 20k x 1 MB searches
    assert len(found) == sum(1 for i in range(40_000) if i % 25_000 < 20_000)


def test_articles_reuse_clause_counts_between_versions(tmp_path: Path) -> None:
    """`fwdoc amend` names things in BASE, then HEAD: HEAD's articles, read through the clause
    counts BASE left, are the ones HEAD gets on its own (an edit that adds 'the' before a name
    in one clause is seen)."""
    import shutil

    from checker import loader
    from checker.render import english

    head = tmp_path / "head"
    shutil.copytree(FRAMEWORK, head)
    part = head / "parts" / "ministry-justice-strategy-sponsorship-relationships.yaml"
    text = part.read_text(encoding="utf-8")
    # the bare name, many times, in one clause: HEAD now writes it without 'the'
    old = "The Secretary of State appoints an Independent Monitoring Board"
    assert old in text
    part.write_text(text.replace(old, "Permanent Secretary, " * 40 + old, 1), encoding="utf-8")
    base_doc = loader.load_document(FRAMEWORK).document
    head_doc = loader.load_document(head).document
    assert base_doc is not None and head_doc is not None
    english._BY_NAMES.clear()
    english._articles(base_doc)
    shared = english._articles(head_doc)
    english._BY_NAMES.clear()
    english._ARTICLES.clear()
    alone = english._articles(head_doc)
    assert shared.with_the == alone.with_the and shared.without == alone.without
    english._BY_NAMES.clear()
    english._ARTICLES.clear()
    assert english._articles(base_doc).without["Permanent Secretary"] < alone.without["Permanent Secretary"]
