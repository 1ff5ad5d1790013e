"""Cross-reference detection in prose (checker/xrefs.py): data-driven cases."""

from __future__ import annotations

import pytest

from checker.xrefs import find_references

CASES = [
    ("The Board (see 2.1.4) will support", [("2.1.4", "number", "see 2.1.4")]),
    ("the responsibilities set out in section 2.1.7.", [("2.1.7", "number", "section 2.1.7")]),
    ("Details of the delegations are included at Annex G.", [("Annex G", "annex", "Annex G")]),
    ("the Finance and Procurement Memorandum (Annex C).", [("Annex C", "annex", "Annex C")]),
    ("as described in paragraph 2.1.3 above", [("2.1.3", "number", "paragraph 2.1.3")]),
    ("external communications (excluding media - see 2.4.2)", [("2.4.2", "number", "see 2.4.2")]),
    ("see paragraph 4 of Annex C", [("C.4", "number", "paragraph 4 of Annex C")]),
    ("as Annex C paragraph 4 says", [("C.4", "number", "Annex C paragraph 4")]),
    ("Annexes A and B list them", [("Annex A", "annex", "Annexes A"), ("Annex B", "annex", "B")]),
    ("sections 2.1 and 2.2 apply", [("2.1", "number", "sections 2.1"), ("2.2", "number", "2.2")]),
    ("Section 2 sets out", [("2", "number", "Section 2")]),
    ("as set out in 3.2.1 of this document", [("3.2.1", "number", "3.2.1")]),
    # not references
    # another instrument's provisions: external, never this document's sections
    ("under sections 1 & 4 of the Prison Act 1952, the duty",
     [("Prison Act 1952", "external", "sections 1 & 4 of the Prison Act 1952")]),
    ("costs rose by 1.5 per cent in 2008/09", []),
    ("version 1.0 of the plan, dated 1.5.2008", []),
    ("the annex to the report", []),
    ("1. deliver effective punishments;", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_find_references(text: str, expected: list[tuple[str, str, str]]) -> None:
    refs = find_references(text)
    assert [(r.target, r.kind, text[r.start:r.end]) for r in refs] == expected


def test_listed_titles_carry_their_number() -> None:
    text = ("The document has seven sections:\n\n"
            "1. Objectives, Services and Freedoms\\\n   What the Agency is here to do\n"
            "4. Capital Programmes and Estate Management\\\n   The Agency's responsibilities\n")
    refs = find_references(text)
    assert [(r.kind, r.number, r.target) for r in refs] == [
        ("title", "1", "Objectives, Services and Freedoms"),
        ("title", "4", "Capital Programmes and Estate Management"),
    ]
    assert text[refs[1].start:refs[1].end] == "Capital Programmes and Estate Management"


def test_references_are_ordered_and_do_not_overlap() -> None:
    text = "See Annex C paragraph 4, section 2.1.7 and (see 2.1.4); Annex G."
    refs = find_references(text)
    assert [r.target for r in refs] == ["C.4", "2.1.7", "2.1.4", "Annex G"]
    for a, b in zip(refs, refs[1:], strict=False):
        assert a.end <= b.start
