"""Fuzz target: every output format (checker/formats: text, json, github, sarif, junit) on
findings whose every field comes from the source: messages, names, files, clause ids and
reasons with any characters.  Each format documents no exception; each output keeps its own
syntax (see outputs.py)."""

from __future__ import annotations

from hypothesis import strategies as st

from checker.checks.reference import catalogue
from checker.findings import Finding, Location, Severity, Suppression
from checker.formats import Report
from tests.fuzz.harness import fuzz
from tests.fuzz.outputs import check_formats
from tests.fuzz.strategies import odd_text, plain_text

CODES = sorted(catalogue())

location = st.builds(
    Location, file=st.one_of(st.sampled_from(["parts/p.yaml", "manifest.yaml", ""]), odd_text(20)),
    line=st.one_of(st.just(0), st.integers(1, 10**9)), column=st.one_of(st.just(0), st.integers(1, 10**6)),
    clause=st.one_of(st.none(), st.sampled_from(["the-minister", "2.1.4"]), odd_text(12)))
suppression = st.builds(Suppression, kind=st.sampled_from(["inSource", "external"]), reason=plain_text(),
                        location=st.one_of(st.none(), location))
finding = st.builds(
    Finding, code=st.one_of(st.sampled_from(CODES), st.from_regex(r"[A-Z]{3}[0-9]{3}", fullmatch=True)),
    name=st.one_of(st.sampled_from(["schema", "competing-approval"]), odd_text(12)),
    severity=st.sampled_from(list(Severity)), message=plain_text(),
    locations=st.lists(location, min_size=1, max_size=3).map(tuple),
    suppression=st.one_of(st.none(), st.none(), suppression),
    subjects=st.lists(odd_text(8), max_size=2).map(tuple))
stats = st.dictionaries(st.sampled_from(["parts", "clauses", "rules", "actors", "objects", "normative_sentences",
                                         "formalised", "informal", "uncovered"]), st.integers(0, 10**6))
report = st.builds(Report, findings=st.lists(finding, max_size=6), stats=stats,
                   document=st.one_of(st.just("framework"), odd_text(12)), title=odd_text(20), color=st.just(False))


@fuzz(report, examples=150)
def test_fuzz_output_formats(report: Report) -> None:
    check_formats(report)
