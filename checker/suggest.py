"""'Did you mean' suggestions for misspelt names, keywords and quotes, with bounded work.

difflib compares a word with every candidate, and each comparison costs up to the product of
the two lengths: a document with 20k unknown names against a large register, or thousands of
quotes that match none of thousands of sentences, once took minutes.  So:

* `did_you_mean` compares with every candidate, as difflib does, on short lists (keys of a
  schema, columns of a table, keywords), but not for absurdly long words; on a long list (a
  register) it asks a `Suggester` kept for that list, so that many unknown names cost
  n log n in all, not names x register (issue 14: 8 unknown names took 3.1 s at 100k rules);
* `Suggester` serves many words against one large list (a register, a clause's sentences):
  it remembers each answer, chooses a few candidates by the character trigrams (or words)
  they share with the word, runs difflib on those only, and stops suggesting once it has
  spent its budget of comparisons.  On a small list it compares with every candidate, so
  the suggestions of ordinary documents are exactly difflib's.
"""

from __future__ import annotations

import difflib
import heapq
from collections import Counter
from collections.abc import Callable, Collection, Iterable

MAX_WORD = 200  # longer words are no misspelling of a name: no suggestion
SMALL = 64  # up to this many candidates, compare with every one (difflib's exact answer)
FEW = 8  # candidates chosen by the index for difflib to compare
SCAN = 600  # index entries looked at for one word
# what one run may spend (then it stops suggesting): difflib comparisons of two names cost
# about 0.25 ms, and looking a word up in the index about as much
COMPARISONS = 5_000
SEARCHES = 2_000


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.7) -> str:
    """Return ' (did you mean 'x'?)' or '' when nothing is close."""
    if len(word) > MAX_WORD:
        return ""
    if isinstance(candidates, Collection) and len(candidates) > SMALL:
        return _suggester(candidates, cutoff).hint(word)
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=cutoff)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


# the Suggesters of the last few long lists asked about (the same register is asked about
# once an unknown name): each built once, with its own budget
_KEPT: list[tuple[Collection[str], int, float, Suggester]] = []


def _suggester(candidates: Collection[str], cutoff: float) -> Suggester:
    for kept, size, kept_cutoff, suggester in _KEPT:
        if kept is candidates and size == len(candidates) and kept_cutoff == cutoff:
            return suggester
    suggester = Suggester(candidates, cutoff)
    _KEPT[:] = [(candidates, len(candidates), cutoff, suggester), *_KEPT[:3]]
    return suggester


def trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def words(text: str) -> set[str]:
    return {w for w in text.lower().split() if len(w) > 2}


class Budget:
    """difflib comparisons and index searches left to make; shared by the Suggesters of a run."""

    def __init__(self, left: int = COMPARISONS, searches: int = SEARCHES) -> None:
        self.left = left
        self.searches = searches

    def take(self, wanted: int) -> int:
        granted = max(0, min(wanted, self.left))
        self.left -= granted
        return granted


class Suggester:
    """The closest candidate to each of many words, by difflib's ratio, with bounded work.

    `keys` splits a text into the pieces the index is built on (trigrams for names, words for
    sentences); `shown` turns a match into the hint.
    """

    def __init__(self, candidates: Iterable[str], cutoff: float = 0.7,
                 keys: Callable[[str], set[str]] = trigrams, budget: Budget | None = None,
                 max_word: int = MAX_WORD, few: int = FEW) -> None:
        self.few = few
        self.candidates = sorted(set(candidates))
        self.cutoff = cutoff
        self.keys = keys
        self.budget = budget if budget is not None else Budget()
        self.max_word = max_word
        self._memo: dict[str, str | None] = {}
        self._index: dict[str, list[int]] | None = None
        self._lengths: list[int] = []

    def best(self, word: str) -> str | None:
        """The closest candidate, or None when none is close enough (or the budget is spent)."""
        if word in self._memo:
            return self._memo[word]
        if len(word) > self.max_word or self.budget.left <= 0 or self.budget.searches <= 0:
            return None
        self.budget.searches -= 1
        pool = self.candidates if len(self.candidates) <= SMALL else self._pool(word)
        pool = pool[: self.budget.take(len(pool))]
        matches = difflib.get_close_matches(word, pool, n=1, cutoff=self.cutoff)
        found = matches[0] if matches else None
        self._memo[word] = found
        return found

    def hint(self, word: str) -> str:
        found = self.best(word)
        return f" (did you mean '{found}'?)" if found is not None else ""

    def _pool(self, word: str) -> list[str]:
        """A few candidates that share the most index keys with `word`: the rarest keys first,
        and no more than SCAN index entries in all, so that keys every candidate has (the
        `_of_the_` of a register of officials) cost nothing."""
        if self._index is None:
            self._lengths = [len(candidate) for candidate in self.candidates]
            self._index = {}
            for number, candidate in enumerate(self.candidates):
                for key in self.keys(candidate):
                    self._index.setdefault(key, []).append(number)
        postings = sorted((self._index.get(key, []) for key in self.keys(word)), key=len)
        counts: Counter[int] = Counter()
        scanned = 0
        for posting in postings:
            if not posting:
                continue
            if scanned + len(posting) > SCAN:
                break
            counts.update(posting)
            scanned += len(posting)
        # difflib's ratio needs the lengths to be near: drop candidates that cannot reach the cutoff
        low, high = len(word) * self.cutoff / (2 - self.cutoff), len(word) * (2 - self.cutoff) / self.cutoff
        lengths = self._lengths
        near = [(-count, number) for number, count in counts.items() if low <= lengths[number] <= high]
        return [self.candidates[number] for _, number in heapq.nsmallest(self.few, near)]
