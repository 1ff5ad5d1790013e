"""Who a clause names (checker/website/mentions.py): any name or alias, as the prose writes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.loader import load_document
from checker.website.mentions import Mention, Mentions

SMALL = Path(__file__).parent / "fixtures" / "site" / "small"

CASES = [
    ("The Chief Executive drafts it.", [Mention("chief_executive")]),
    ("the Accounting Officer for the Agency signs", [Mention("chief_executive", "agency_accounting_officer")]),
    ("the Department\u2019s Principal Accounting Officer", [Mention("permanent_secretary", "principal_accounting_officer")]),
    ("The Agency and the Treasury", [Mention("agency"), Mention("treasury")]),
    ("Chief Executive of the Agency", [Mention("chief_executive")]),  # the longest name wins
    ("an executive agency in the boardroom", []),  # lower case, and no part of a word
    ("the Boardroom", []),
    ("", []),
]


@pytest.fixture(scope="module")
def mentions() -> Mentions:
    document = load_document(SMALL).document
    assert document is not None
    return Mentions(document)


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_mentions_in_text(mentions: Mentions, text: str, expected: list[Mention]) -> None:
    assert mentions.in_text(text) == expected


def test_clauses_and_actors(mentions: Mentions) -> None:
    # the clause's rules count too: the Minister is named by a rule of 1.3, not its prose only
    assert Mention("minister") in mentions.by_clause["the-chief-executive"]
    assert "accounting-officer" in mentions.by_actor["chief_executive"]
    assert mentions.by_actor["treasury"] == ("corporate-plan", "budget")
