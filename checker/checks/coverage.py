"""Coverage: every normative sentence is formalised by rules or marked informal."""

from __future__ import annotations

from collections.abc import Iterator

from checker.checks.base import Context, check, get
from checker.findings import Finding, Severity
from checker.gcpause import gc_paused
from checker.model import Document


def covered_sentences(document: Document) -> set[tuple[str, int]]:
    cited = {(r.clause, r.sentence) for r in document.rules if r.sentence is not None}
    cited |= {(i.clause, i.sentence) for i in document.informals if i.sentence is not None}
    return {(c, s) for c, s in cited if s is not None}


@check("COV001", "unformalised-sentence", Severity.WARNING, "coverage")
def unformalised_sentence(document: Document, context: Context) -> Iterator[Finding]:
    """A normative sentence that no rule formalises and no informal mark explains.

    Why it matters: the rules are what the checker reasons about.  A sentence that says who
    must, may or is responsible for something, with no rule beside it, is invisible to every
    conflict, delegation and amendment check: a contradiction in it would pass unnoticed.

    Fails::

        text: The Permanent Secretary approves the Corporate Plan.
        rules: ""

    Passes::

        text: The Permanent Secretary approves the Corporate Plan.
        rules: |
          "approves the Corporate Plan":
            permanent_secretary must approve corporate_plan

    A sentence is normative by the heuristic in docs/coverage.md (normative words such as
    must, will, may, responsible, accountable, approves; list items led in by a normative
    sentence).  A sentence that cannot be stated in the DSL is marked `informal "reason"`.
    """
    this = get("COV001")
    covered = covered_sentences(document)
    for clause in document.clauses.values():
        for sentence in clause.sentences:
            if sentence.normative and (clause.id, sentence.index) not in covered:
                text = sentence.text if len(sentence.text) <= 90 else sentence.text[:87] + "..."
                yield this.finding(
                    f"clause {clause.label}, sentence {sentence.index} is normative but has no "
                    f"rule and no informal mark: \"{text}\"",
                    sentence.location,
                )


def coverage_stats(document: Document) -> dict[str, int]:
    """Counts of normative sentences: formalised by rules, marked informal, uncovered."""
    # (the collector paused: a full collection over a large model's objects, triggered by the
    # sets built here, cost 2.9 s at 100k rules)
    with gc_paused():
        return _coverage_stats(document)


def _coverage_stats(document: Document) -> dict[str, int]:
    by_rules = {(r.clause, r.sentence) for r in document.rules if r.sentence is not None}
    by_informal = {(i.clause, i.sentence) for i in document.informals if i.sentence is not None}
    normative = [(c.id, s.index) for c in document.clauses.values() for s in c.sentences if s.normative]
    formalised = sum(1 for key in normative if key in by_rules)
    informal = sum(1 for key in normative if key not in by_rules and key in by_informal)
    return {
        "normative_sentences": len(normative),
        "formalised": formalised,
        "informal": informal,
        "uncovered": len(normative) - formalised - informal,
    }
