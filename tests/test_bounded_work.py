"""Bounded work: hostile input of any size costs a bounded number of fuzzy comparisons, and no
search compares everything with everything.

The shape is tested by counting: every difflib comparison goes through
`difflib.get_close_matches`, which is wrapped here to count the candidates it is given.  The
old loader compared every failed quote with every sentence of its clause and every unknown
name with the whole register, so these counts grew with the product of the two sizes.  A
generous time bound guards each case as well (bench/hostile.py measures the full sizes).
"""

from __future__ import annotations

import difflib
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.load.yamlfile import parse_yaml
from checker.loader import load_document
from checker.sentences import QuoteIndex
from checker.suggest import COMPARISONS, Suggester, did_you_mean

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import hostile  # noqa: E402  (the benchmark's generators build the same hostile documents)

BASE = Path(__file__).parent / "fixtures" / "docs" / "minimal"


@pytest.fixture
def comparisons(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the candidates handed to difflib (each one a comparison, at worst)."""
    counted: list[int] = []
    real = difflib.get_close_matches

    def counting(word: Any, possibilities: Any, *args: Any, **kwargs: Any) -> Any:
        possibilities = list(possibilities)
        counted.append(len(possibilities))
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    yield counted


def _build(tmp_path: Path, build: Callable[[Path], None]) -> Path:
    folder = tmp_path / "doc"
    shutil.copytree(BASE, folder)
    build(folder)
    return folder


def test_failed_quotes_make_a_bounded_number_of_comparisons(tmp_path: Path, comparisons: list[int]) -> None:
    folder = _build(tmp_path, hostile.quotes(1500))
    started = time.perf_counter()
    result = load_document(folder)
    seconds = time.perf_counter() - started
    failed = [f for f in result.findings if f.code == "COV003"]
    assert len(failed) == 1500
    # the old loader: 1500 x 1500 = 2,250,000 comparisons (about 45 s)
    assert sum(comparisons) <= 2_000, sum(comparisons)
    assert seconds < 30, f"{seconds:.1f} s"


def test_unknown_names_make_a_bounded_number_of_comparisons(tmp_path: Path, comparisons: list[int]) -> None:
    folder = _build(tmp_path, hostile.unknown_names(3000, 3000))
    started = time.perf_counter()
    result = load_document(folder)
    seconds = time.perf_counter() - started
    unknown = [f for f in result.findings if f.code == "NAM001"]
    assert len(unknown) == 6000
    # the old resolver: 3,097 distinct names x 3,006 register entries, each against all
    assert sum(comparisons) <= COMPARISONS, sum(comparisons)
    assert seconds < 30, f"{seconds:.1f} s"


def test_the_first_unknown_names_still_get_their_suggestion(tmp_path: Path) -> None:
    """The budget does not cost the ordinary case its hint: in a large register, a typo of
    one of its names is still found (by the trigram index, not by comparing with all)."""
    register = [f"official_{i:05d}_of_the_agency" for i in range(20_000)] + ["permanent_secretary"]
    suggest = Suggester(register)
    assert suggest.hint("permanent_secetary") == " (did you mean 'permanent_secretary'?)"
    assert suggest.hint("official_01234_of_the_agncy") == " (did you mean 'official_01234_of_the_agency'?)"
    assert suggest.hint("completely_different") == ""


@settings(max_examples=200, deadline=None)
@given(word=st.text(alphabet="abcdefg_", min_size=1, max_size=12),
       candidates=st.lists(st.text(alphabet="abcdefg_", min_size=1, max_size=12), max_size=40))
def test_on_a_small_list_the_suggester_is_difflib(word: str, candidates: list[str]) -> None:
    """Up to SMALL candidates, every one is compared: exactly today's suggestions."""
    assert Suggester(candidates).hint(word) == did_you_mean(word, candidates)


def test_the_suggester_remembers_and_stops(comparisons: list[int]) -> None:
    register = [f"name_{i}" for i in range(5000)]
    suggest = Suggester(register)
    for _ in range(3):
        suggest.hint("name_12x")
    assert len(comparisons) == 1  # asked three times, searched once
    for i in range(20_000):
        suggest.hint(f"nam_{i}x")
    assert sum(comparisons) <= COMPARISONS


def test_a_long_word_gets_no_suggestion(comparisons: list[int]) -> None:
    assert did_you_mean("a" * 100_000, ["a" * 10]) == ""
    assert Suggester(["a" * 10]).hint("a" * 100_000) == ""
    assert comparisons == []


def test_base_60_numbers_are_text_and_cheap() -> None:
    """0.9 MB of base-60 integers took PyYAML 21 s; now they are text, read in linear time."""
    number = ":".join(["59"] * 30_000)
    raw = "".join(f"n{i}: {number}\n" for i in range(10)).encode()
    started = time.perf_counter()
    doc = parse_yaml(raw, Path("x.yaml"), "x.yaml")
    seconds = time.perf_counter() - started
    assert doc.findings == [] and doc.data["n0"] == number
    assert seconds < 5, f"{seconds:.1f} s"


def test_a_tagged_base_60_number_is_refused_before_it_is_built() -> None:
    number = ":".join(["59"] * 100_000)
    started = time.perf_counter()
    doc = parse_yaml(f"n: !!int {number}\nf: !!float {number}.5\n".encode(), Path("x.yaml"), "x.yaml")
    assert time.perf_counter() - started < 5
    assert [f.code for f in doc.findings] == ["SRC008", "SRC008"]
    assert all("base-60" in f.message for f in doc.findings)


def test_the_hostile_base_60_document_loads_quickly(tmp_path: Path) -> None:
    folder = _build(tmp_path, hostile.base_60(0.9))
    started = time.perf_counter()
    result = load_document(folder)
    seconds = time.perf_counter() - started
    assert {f.code for f in result.findings} == {"SCH001"}  # a level that is text, not 1 to 6
    assert seconds < 15, f"{seconds:.1f} s"


# -- the quote index: the same answer as testing every sentence ---------------------------------
_WORD = st.sampled_from(["the", "director", "general", "must", "report", "a", "b", "ab", "ba", "x\0y"])
_TEXT = st.lists(_WORD, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(_TEXT, max_size=60), quote=_TEXT, cut=st.integers(0, 3))
def test_the_quote_index_finds_what_a_full_scan_finds(texts: list[str], quote: str, cut: int) -> None:
    wanted = quote[cut:] if len(quote) > cut else quote  # quotes may start inside a word
    naive = [i for i, text in enumerate(texts) if wanted in text]
    assert QuoteIndex(texts).containing(wanted) == naive


def test_the_quote_index_tests_few_sentences() -> None:
    """A quote with a rare inner word is tested against the few sentences holding it."""
    texts = [f"the director general must report number {i} each year" for i in range(10_000)]
    index = QuoteIndex(texts)
    assert index.containing("must report number 4321 each") == [4321]
    assert index.containing("general must report number 99999 each") == []
    assert index._joined == ""  # never needed the joined scan
    assert index.containing("each year") == list(range(10_000))


def test_one_huge_block_is_shared_among_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """parse_many hands out runs of statements, so that a clause of 20k rules is parsed on
    every core (when FWDOC_JOBS asks for more than one): the result is exactly the sequential
    one, errors and positions included."""
    from checker import cache
    from checker.dsl.parser import PARALLEL_THRESHOLD, parse_many, parse_rules

    monkeypatch.setenv("FWDOC_JOBS", "2")
    monkeypatch.setattr(cache._SETTINGS, "folder", None)

    lines = []
    for i in range(9_000):
        lines.append(f'"quote {i}":' if i % 50 == 0 else f"official_{i} must submit plan_{i}\n  to board_{i}")
        if i % 997 == 0:
            lines.append(f"official_{i} must; submit by 2008-13-45")
    huge = "\n".join(lines)
    small = ["a must submit b", "a mustt submit b", "a is accountable to b; c reports to d"]
    blocks = [small[0], huge, *small]
    assert sum(map(len, blocks)) > PARALLEL_THRESHOLD
    assert parse_many(blocks) == [parse_rules(block) for block in blocks]
