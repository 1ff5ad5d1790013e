"""`find_references` runs a family of patterns only when its needle (a cheap search) is in the
text: the needles must never skip a pattern that would have found something.  Compared with
every pattern run, on texts built from the words the patterns read, in every case."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from checker.xrefs import find_references

WORDS = ["see", "See also", "section", "Sections", "paragraph", "paras.", "para", "clause", "Clauses",
         "Chapter", "part", "Part", "Schedule", "article", "Regulation", "rules", "Standing Orders",
         "annex", "Annex", "ANNEXE", "Appendix", "appendices", "of", "to", "under", "the", "The", "and",
         "or", "Act", "Acts", "Regulations", "Order", "Measure", "Rules", "Directive", "Lamp", "Records",
         "Managing Public Money", "(Wales)", "2011", "1958", "2.1.4", "2.1", "34", "8", "C", "B", "3",
         "4.", "1)", "Capital Programmes", "this", "document", "-", "–", ",", "&", ".", "£2.5", "v1.2.3"]
SPACES = [" ", "  ", "\n", "\n  ", "\t", ""]


@st.composite
def texts(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SPACES)), max_size=25))
    return "".join(word + space for word, space in pieces)


@given(texts())
def test_the_needles_never_skip_a_reference(text: str) -> None:
    assert find_references(text) == find_references(text, gated=False)


@given(st.text(alphabet=st.sampled_from("seActionpargh 0123456789.AOCR\n-,"), max_size=60))
def test_the_needles_never_skip_a_reference_in_any_characters(text: str) -> None:
    assert find_references(text) == find_references(text, gated=False)


def test_references_written_in_capitals_are_found() -> None:
    # the needles read the lower-cased text: a reference in capitals is still a reference
    for text in ("SEE 2.1.4", "SECTION 3 OF THE LAMP ACT 2011", "PARAGRAPH 4 OF ANNEX C", "Annex C"):
        assert find_references(text) == find_references(text, gated=False) != []
