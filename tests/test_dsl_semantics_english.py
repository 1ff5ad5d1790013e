"""Every generated statement of issue 12's constructs, resolved against a real document's
registers, reads as one English sentence that keeps its hedge, its force, its amounts and its
recurrence (the English renderer never drops a construct, never raises)."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.dsl.parser import parse_rules
from checker.findings import Location
from checker.loader import load_document
from checker.model import Document
from checker.render.english import money, sentence
from checker.resolve import Resolver
from tests.test_dsl_semantics_props import Expect, statements

FIXTURE = Path(__file__).parent / "fixtures" / "render" / "doc"
REGISTER_NAMES = st.sampled_from(["minister", "permanent_secretary", "chief_executive", "board",
                                  "treasury", "named_staff", "corporate_plan", "business_plan",
                                  "annual_report", "incidents", "principal_accounting_officer"])
HEDGE_WORDS = {"normally": "normally", "in_principle": "in principle", "exceptionally": "exceptionally",
               "as_appropriate": "as appropriate", "where_necessary": "where necessary",
               "from_time_to_time": "from time to time", "as_far_as_possible": "as far as possible"}


@functools.lru_cache(maxsize=1)
def _document() -> Document:
    result = load_document(FIXTURE)
    assert result.document is not None
    return result.document


@settings(max_examples=120, deadline=None)
@given(statements(REGISTER_NAMES, ("approve", "publish", "review", "submit", "comply_with")))
def test_every_construct_reads_as_english(case: tuple[str, dict[str, Any], list[Expect]]) -> None:
    document = _document()
    text, expected, _ = case
    (stmt,), errors = parse_rules(text)
    assert not errors
    resolver = Resolver(document.actors, document.offices, document.objects, [])
    rule = resolver.rule(stmt, "c#1", "c", Location("x.yaml", 1, 1), None, lambda line, col: Location("x.yaml", line, col))
    english = sentence(rule, document)
    assert english[:1].isupper() and english.endswith("."), english
    assert "_" not in english, english  # every name in its register's words
    if rule.hedge:
        assert HEDGE_WORDS[rule.hedge] in english, (text, english)
    if rule.modality == "need_not":
        assert "need not" in english
    if rule.modality == "power" and not rule.unnamed:
        assert re.search(r"\bha(s|ve)\b.*\bthe (final )?power to\b", english), (text, english)
    if rule.unnamed and rule.action and rule.modality not in ("power",):
        assert " be " in english, (text, english)  # the passive
    for qual in rule.qualifiers:
        if qual.band is not None:
            for amount in (qual.band.low, qual.band.high):
                if amount is not None:
                    assert money(amount) in english, (text, english)
        if qual.recurrence is not None and qual.kind == "recurrence":
            assert ("at least once every" if qual.recurrence.at_least else "every") in english
        if qual.term is not None:
            assert f"for up to {qual.term.n} " in english
        # purposes, means and examples are said, never dropped
        if qual.kind == "purpose":
            assert ("so that " if qual.cond is not None else " in order to ") in english, (text, english)
        if qual.kind == "means":
            assert (" by means of " if qual.refs else " by ") in english, (text, english)
        if qual.kind == "example":
            assert re.search(r", (such as|including) ", english), (text, english)
    if len(rule.actions) > 1:
        assert " or " in english, (text, english)  # the choice of acts
    assert (expected["quantity"] is None) or f"{expected['quantity'][1]} " in english
