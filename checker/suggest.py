"""'Did you mean' suggestions for misspelt names and keywords."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.7) -> str:
    """Return ' (did you mean 'x'?)' or '' when nothing is close."""
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=cutoff)
    return f" (did you mean '{matches[0]}'?)" if matches else ""
