"""The NOMS rules re-formalised for issue 12 read, in English, as their sentences say: the
hedge is kept, a power is a power, an agentless passive stays passive (and keeps whose
approval is sought), collaboration is not consultation."""

from __future__ import annotations

import pytest

from checker.model import Document
from checker.render.english import sentence

CASES = [
    # (clause, words of the cited sentence, words the English must contain, words it must not)
    ("parliamentary-commission-administration", "will normally delegate", ["will normally delegate"], ["should"]),
    ("accounting-officer-responsibilities", "will normally appear", ["will normally appear", "unless"], []),
    # "Each year, and normally by the end of April": the duty is firm, the deadline the usual one
    ("performance-management-reporting", "normally by the end of April",
     ["must agree", "each year normally by the end of April"], ["will normally agree"]),
    ("financial-delegations-2", "In principle, the control totals", ["in principle"], []),
    ("secretary-state-ministers", "annually approving", ["has the power to approve"], ["must approve"]),
    ("senior-civil-servants", "approval must be sought for all new posts",
     ["The approval of the Permanent Secretary must be sought for"], ["must approve"]),
    ("prisons-probation-inspectorates-ombudsman", "published separately, in anonymised form",
     ["must be published", "separately", "in anonymised form"], ["when", "if"]),
    ("vision-noms-agency", "working closely with sentencers", ["working with sentencers"], ["consult"]),
    ("parliamentary-commission-administration", "subject to the jurisdiction", ["is subject to"], ["accountable"]),
    ("noms-agency-will", "dotted line reporting", ["dotted reporting line"], ["reports to"]),
    ("audit-assurance", "at least four non executive", ["at least 4"], []),
]


@pytest.mark.parametrize("clause, quote, present, absent", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_english_says_what_the_sentence_says(document: Document, clause: str, quote: str,
                                             present: list[str], absent: list[str]) -> None:
    cited = {s.index for s in document.clauses[clause].sentences if quote.lower() in s.text.lower()}
    assert len(cited) == 1, f"'{quote}' is not one sentence of {clause}"
    english = [sentence(r, document) for r in document.rules_by_clause[clause] if r.sentence in cited]
    assert english, f"no rule cites '{quote}'"
    for words in present:
        assert any(words.lower() in e.lower() for e in english), (words, english)
    for words in absent:
        assert not any(f" {words.lower()} " in f" {e.lower()} " for e in english), (words, english)
