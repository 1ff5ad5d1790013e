"""The hygiene checks (checks/hygiene.py, collisions.py, containment.py, terms.py) beyond their
fixtures: exact positions of hidden characters in real files, look-alikes that must stay
quiet, and properties over random text, names and containment graphs."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.checks import Context, run_checks
from checker.checks.characters import HIDDEN
from checker.checks.hidden import scan
from checker.checks.scripts import mixed_script
from checker.checks.terms import normalised_term
from checker.checks.unicode_tables import scripts_of, skeleton
from checker.findings import Finding, Location
from checker.loader import load_document
from checker.model import Actor, Document, GlossaryEntry, Manifest, Thing
from tests.test_checks_fixtures import build_document

HYGIENE = {"HYG001", "HYG002", "HYG003", "HYG004", "HYG005", "STR104", "REG005", "GLO005"}
CONTROLS = sorted(c for c, h in HIDDEN.items() if h.code == "HYG001")
BIDI = sorted(c for c, h in HIDDEN.items() if h.code == "HYG002" and h.policy == "always")
# text that needs no escaping inside double quotes and holds nothing hidden
SAFE = st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"), blacklist_characters='"\\')


def _run(folder: Path, codes: set[str] = HYGIENE) -> list[Finding]:
    result = load_document(folder)
    assert result.document is not None
    assert not result.errors, [f"{e.location} {e.message}" for e in result.errors]
    return run_checks(result.document, Context(today=date(2024, 1, 1)), select=codes)


def _escape(char: str) -> str:
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def _where(text: str, needle: str) -> tuple[int, int]:
    """The 1-based line and column of the first `needle` in `text` (the test's own oracle)."""
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


# -- exact positions in a real document ----------------------------------------------------------

def test_escapes_are_reported_at_their_backslash_in_every_kind_of_string(tmp_path: Path) -> None:
    folder = build_document(tmp_path / "doc", {
        "actors": [{"id": "deputy", "name": "Deputy", "kind": "individual",
                    "description": "Acts for the Director General."}],
        "rules": ['noms_agency must publish corporate_plan'],
        "parts": [{"id": "glossary", "kind": "glossary", "title": "Glossary",
                   "entries": [{"term": "DEL", "expansion": "Departmental Expenditure Limit"}]}],
    })
    # write the escapes by hand, where a person would: a description, a rules block, a glossary
    # entry and the manifest's title
    edits = {"actors.yaml": ("Acts for the", '"Acts\\e for the'), "parts/glossary.yaml": ("expansion: Departmental", 'expansion: "\\aDepartmental'),
             "manifest.yaml": ("title: Example", 'title: "Ex\\x07ample')}
    for name, (old, new) in edits.items():
        path = folder / name
        text = path.read_text(encoding="utf-8").replace(old, new, 1)
        if new.count('"') == 1:  # close the quote at the end of that line
            at = text.index(new)
            end = text.index("\n", at)
            text = text[:end] + '"' + text[end:]
        path.write_text(text, encoding="utf-8")
    with (folder / "objects.yaml").open("a", encoding="utf-8") as comment:
        comment.write("# a \\0 or \\e in a comment is no string\n")
    findings = _run(folder, {"HYG001"})
    got = sorted((f.location.file, f.location.line, f.location.column) for f in findings)
    expected = []
    for name, needle in (("actors.yaml", "\\e"), ("parts/glossary.yaml", "\\a"), ("manifest.yaml", "\\x07")):
        line, column = _where((folder / name).read_text(encoding="utf-8"), needle)
        expected.append((name, line, column))
    assert got == sorted(expected)
    by_file = {f.location.file: f for f in findings}
    assert by_file["actors.yaml"].subjects == ("deputy",)
    assert by_file["parts/glossary.yaml"].location.clause == "glossary"
    assert 'written as the escape "\\e"' in by_file["actors.yaml"].message
    for finding in findings:  # the message shows the character, never holds it
        assert not set(finding.message) & set(HIDDEN), finding.message


def test_raw_bidi_and_zero_width_characters_in_a_clause(tmp_path: Path) -> None:
    folder = build_document(tmp_path / "doc", {"rules": [{"title": "Statement 1", "text": "It must publish.\n",
                                                          "rules": '"It must":\n  informal "x"\n'}]})
    path = folder / "parts" / "rules-section.yaml"
    text = path.read_text(encoding="utf-8").replace("It must publish", "It must \u202epublish", 1)
    text = text.replace("title: Statement 1", "title: State\u200bment 1", 1)
    path.write_text(text, encoding="utf-8")
    findings = _run(folder, {"HYG002", "HYG003"})
    assert sorted((f.code, f.location.line, f.location.column) for f in findings) == sorted(
        [("HYG002", *_where(text, "\u202e")), ("HYG003", *_where(text, "\u200b"))])
    assert all(f.location.clause == "statement-1" for f in findings)


def test_an_acknowledgement_in_the_clause_suppresses_it(tmp_path: Path) -> None:
    folder = build_document(tmp_path / "doc", {"rules": [{
        "title": "Notes", "text": "A note\u200b here.\n",
        "rules": '"A note":\n  informal "a note"\nacknowledge HYG003 because "the text quotes it"\n'}]})
    findings = _run(folder, {"HYG003"})
    assert len(findings) == 1 and findings[0].suppression is not None


# -- look-alikes that must stay quiet -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    'a: "می\u200cخواهم"',  # Persian: the non-joiner is spelling
    'a: "मन्\u200dत्री"',  # Devanagari: the joiner makes the half form
    'a: "👩\u200d💻 team"',  # an emoji sequence
    'a: "سلام\u200f and ok"',  # a right-to-left mark beside Arabic letters
    'a: plain text # \u202e in a comment is not a string',
    'a: "tab\\there and\\nnew line"',
    'a: "a \\\\e is a backslash and an e"',
    'a: Café, Gŵyl, Βουλή, 東京',
])
def test_legitimate_text_is_quiet(text: str) -> None:
    assert scan(text + "\n") == []


@pytest.mark.parametrize("text, char", [
    ('a: "Sec\u200dretary"', "\u200d"),  # a joiner between Latin letters hides nothing legitimate
    ('a: "left\u200fto right"', "\u200f"),  # a right-to-left mark without right-to-left letters
    ('a: "\\U0000202E"', "\u202e"),
    ('a: "\\N"', "\x85"),
    ('a: "\\L"', "\u2028"),
    ("a: 'single \u2066 quoted'", "\u2066"),
    ("a: |\n  block\n  text \ufeff here\n", "\ufeff"),
])
def test_hidden_characters_fire(text: str, char: str) -> None:
    hits = scan(text + "\n")
    assert [h.char for h in hits] == [char]


# -- properties of the character scan ---------------------------------------------------------------

@settings(deadline=None)  # the first example loads the Unicode tables; a busy machine is slow
@given(st.lists(st.text(SAFE, max_size=30), min_size=1, max_size=5))
def test_text_without_hidden_characters_never_fires(values: list[str]) -> None:
    text = "".join(f'k{i}: "{v}"\n' for i, v in enumerate(values))
    assert scan(text) == []


@settings(deadline=None)  # the first example loads the Unicode tables; a busy machine is slow
@given(st.lists(st.text(SAFE, max_size=20), max_size=4), st.text(SAFE, max_size=30),
       st.text(SAFE, max_size=30), st.sampled_from(CONTROLS), st.booleans())
def test_one_control_character_fires_once_at_its_column(before: list[str], prefix: str, suffix: str,
                                                        char: str, named: bool) -> None:
    names = {"\0": "\\0", "\x07": "\\a", "\x08": "\\b", "\x0b": "\\v", "\x0c": "\\f", "\r": "\\r",
             "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
    escape = names[char] if named and char in names else _escape(char)
    lead = "".join(f'k{i}: "{v}"\n' for i, v in enumerate(before))
    line = f'title: "{prefix}{escape}{suffix}"\n'
    hits = scan(lead + line)
    assert [(h.char, h.line, h.column, h.escape, h.code) for h in hits] == [
        (char, len(before) + 1, len('title: "') + len(prefix) + 1, escape, "HYG001")]


@settings(deadline=None)  # the first example loads the Unicode tables; a busy machine is slow
@given(st.text(SAFE, max_size=30), st.text(SAFE, max_size=30), st.sampled_from(BIDI))
def test_one_raw_bidi_override_fires_at_its_column(prefix: str, suffix: str, char: str) -> None:
    hits = scan(f'text: "{prefix}{char}{suffix}"\n')
    assert [(h.char, h.line, h.column) for h in hits] == [(char, 1, len('text: "') + len(prefix) + 1)]


# -- names ----------------------------------------------------------------------------------------

LATIN = st.characters(whitelist_categories=("Lu", "Ll"), min_codepoint=0x41, max_codepoint=0x17F).filter(
    lambda c: scripts_of(c) == frozenset({"Latin"}))
GREEK = st.characters(min_codepoint=0x3B1, max_codepoint=0x3C9).filter(lambda c: unicodedata.category(c) == "Ll")
# Cyrillic letters that look like Latin ones, and the Latin letter each stands for
TWINS = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x"}


@settings(deadline=None)  # the first example loads the Unicode tables; a busy machine is slow
@given(st.lists(st.text(LATIN, min_size=1, max_size=12), min_size=1, max_size=4))
def test_latin_names_with_accents_never_mix(words: list[str]) -> None:
    assert mixed_script(" ".join(words)) is None


@settings(deadline=None)  # the first example loads the Unicode tables; a busy machine is slow
@given(st.lists(st.text(GREEK, min_size=1, max_size=12), min_size=1, max_size=4))
def test_all_greek_names_never_mix(words: list[str]) -> None:
    assert mixed_script(" ".join(words)) is None


@settings(deadline=None)  # the first example loads the Unicode tables; a busy machine is slow
@given(st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=2, max_size=15), st.data())
def test_one_cyrillic_twin_in_a_latin_word_always_mixes(word: str, data: st.DataObject) -> None:
    cyrillic, latin = data.draw(st.sampled_from(sorted(TWINS.items())))
    at = data.draw(st.integers(0, len(word) - 1))
    spoofed = word[:at] + cyrillic + word[at + 1:]
    other = [c for c in word if c != word[at]]
    if not other:  # a word of one letter repeated: the whole word is another script
        return
    why = mixed_script(f"Permanent {spoofed}")
    assert why is not None and f"'{cyrillic}' (cyrillic small letter" in why
    assert skeleton(word[:at] + latin + word[at + 1:]) == skeleton(spoofed)


def _document(actors: Sequence[Actor] = (), objects: Sequence[Thing] = (),
              glossary: Sequence[GlossaryEntry] = ()) -> Document:
    """A model built directly, for checks that read only the registers and the glossary."""
    manifest = Manifest("T", "P", "1", "2020-01-01", "published", "2099-01-01", ())
    return Document(root=Path("."), manifest=manifest, parts=(), clauses=MappingProxyType({}),
                    actors=MappingProxyType({a.id: a for a in actors}), offices=MappingProxyType({}),
                    objects=MappingProxyType({t.id: t for t in objects}), glossary=tuple(glossary), rules=())


def test_look_alike_names_across_registers() -> None:
    doc = _document([Actor("ps", "Permanent Secretary", "individual", location=Location("actors.yaml", 1, 3)),
                     Actor("twin", "the Permanent Secretаry", "individual", location=Location("actors.yaml", 5, 3)),
                     Actor("second", "Second Permanent Secretary", "individual", location=Location("actors.yaml", 9, 3))],
                    [Thing("plan", "Chairman's Plan", location=Location("objects.yaml", 1, 3)),
                     Thing("plan2", "Chairrnan's Plan", location=Location("objects.yaml", 3, 3))])
    findings = run_checks(doc, Context(), select={"HYG005"})
    assert [(f.location.line, f.subjects) for f in findings] == [(5, ("ps", "twin")), (3, ("plan", "plan2"))]


# -- containment --------------------------------------------------------------------------------

def _acyclic(edges: dict[str, set[str]]) -> bool:
    """Kahn's algorithm: the oracle the check's strongly-connected components are judged by."""
    indegree = {node: 0 for node in edges}
    for parents in edges.values():
        for parent in parents:
            indegree[parent] += 1
    ready = [node for node, count in indegree.items() if count == 0]
    seen = 0
    while ready:
        node = ready.pop()
        seen += 1
        for parent in edges[node]:
            indegree[parent] -= 1
            if indegree[parent] == 0:
                ready.append(parent)
    return seen == len(edges)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 7).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.one_of(st.none(), st.integers(0, n - 1)), min_size=n, max_size=n),
    st.lists(st.lists(st.integers(0, n - 1), max_size=3), min_size=n, max_size=n))))
def test_containment_cycles_are_found_exactly(graph: tuple[int, list[Any], list[list[int]]]) -> None:
    n, part_of, member_of = graph
    ids = [f"a{i}" for i in range(n)]
    actors = [Actor(ids[i], f"Actor {i}", "body", member_of=tuple(ids[m] for m in member_of[i]),
                    part_of=ids[part_of[i]] if part_of[i] is not None else None,
                    location=Location("actors.yaml", 1 + 3 * i, 3)) for i in range(n)]
    edges = {a.id: {*a.member_of, *([a.part_of] if a.part_of else [])} for a in actors}
    findings = run_checks(_document(actors), Context(), select={"REG005"})
    assert (findings == []) == _acyclic(edges)
    reach = {node: _reachable(edges, node) for node in edges}
    components = {frozenset(o for o in edges if o in reach[node] and node in reach[o]) | {node}
                  for node in edges}
    circles = {c for c in components if len(c) > 1}
    selves = {node for node, parents in edges.items() if node in parents}
    seen_circles, seen_selves = [], []
    for finding in findings:
        members = list(finding.subjects)
        # the named entries form a real circle: each step is an edge, and it closes
        for child, parent in zip(members, members[1:] + members[:1], strict=True):
            assert parent in edges[child], (finding.message, edges)
        assert len(members) == len(set(members))
        if len(members) == 1 and "itself" in finding.message:
            seen_selves.append(members[0])
        else:
            seen_circles.append(next(c for c in circles if set(members) <= c))
    assert sorted(seen_selves) == sorted(selves)
    assert sorted(map(sorted, seen_circles)) == sorted(map(sorted, circles))


def _reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    out: set[str] = set()
    todo = [start]
    while todo:
        for parent in edges[todo.pop()]:
            if parent not in out:
                out.add(parent)
                todo.append(parent)
    return out


# -- glossary terms --------------------------------------------------------------------------------

@settings(deadline=None)  # the first example loads the Unicode tables; a busy machine is slow
@given(st.lists(st.text(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij"), min_size=1, max_size=8),
                min_size=1, max_size=4), st.lists(st.integers(1, 3), min_size=4, max_size=4))
def test_spacing_and_width_never_make_a_new_term(words: list[str], gaps: list[int]) -> None:
    term = " ".join(words)
    spaced = "".join(w + " " * g for w, g in zip(words, gaps, strict=False)).rstrip() + "  "
    wide = "".join(chr(ord(c) + 0xFEE0) if c != " " else c for c in term)
    assert normalised_term(spaced) == normalised_term(term) == normalised_term(wide)


@settings(deadline=None)  # the first example loads the Unicode tables; a busy machine is slow
@given(st.text(st.sampled_from("abcdefgh"), min_size=1, max_size=6),
       st.text(st.sampled_from("abcdefgh"), min_size=1, max_size=6))
def test_different_words_stay_different_terms(a: str, b: str) -> None:
    if a.rstrip("s") != b.rstrip("s"):
        assert normalised_term(a) != normalised_term(b)


# -- anchors ----------------------------------------------------------------------------------------

def test_anchor_collisions_with_glossary_titles_and_paragraphs(tmp_path: Path) -> None:
    folder = build_document(tmp_path / "doc", {"parts": [
        {"id": "clause-1", "kind": "foreword", "title": "Foreword",
         "clauses": [{"id": "first-paragraph", "text": "A paragraph."}]},  # its anchor: clause-1-1
        {"id": "plans", "kind": "section", "title": "Plans", "clauses": [
            {"id": "corporate-plans", "title": "Corporate plans", "text": "Plans."},  # clause-1-1
            {"id": "intro", "numbered": False, "title": "Intro", "text": "Intro."},
            {"id": "intro-title", "numbered": False, "title": "Intro title", "text": "Intro."},
            {"id": "glossary-cio", "numbered": False, "title": "CIO", "text": "The CIO."}]},
        {"id": "glossary", "kind": "glossary", "title": "Glossary",
         "entries": [{"term": "CIO", "expansion": "Chief Information Officer"}]}]})
    findings = _run(folder, {"STR104"})
    messages = sorted(f.message for f in findings)
    assert len(messages) == 3, messages
    assert any(re.search(r"the clause 'first-paragraph' .* anchor 'clause-1-1', .* clause 1\.1\b", m) for m in messages)
    assert any("the clause 'intro' " in m and "'intro-title'" in m for m in messages)
    assert any("'glossary-cio'" in m and "the glossary entry 'CIO'" in m for m in messages)


# -- the bundled document -----------------------------------------------------------------------------

def test_the_noms_document_is_clean(framework_dir: Path) -> None:
    result = load_document(framework_dir)
    assert result.document is not None
    findings = run_checks(result.document, Context(today=date(2024, 1, 1)), select=HYGIENE)
    assert [f"{f.location} {f.code} {f.message}" for f in findings] == []


# -- bounded work, and no second read of a clean document ----------------------------------------------

def test_a_clean_document_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import checker.checks.hygiene as hygiene

    reads: list[str] = []
    real = hygiene.source_text
    monkeypatch.setattr(hygiene, "source_text", lambda root, rel: reads.append(rel) or real(root, rel))
    clean = build_document(tmp_path / "clean", {"rules": ["noms_agency must publish corporate_plan"]})
    assert _run(clean, {"HYG001", "HYG002", "HYG003"}) == [] and reads == []
    dirty = build_document(tmp_path / "dirty", {"actors": [{"id": "deputy", "name": "Dep\u200buty",
                                                          "kind": "individual"}]})
    assert len(_run(dirty, {"HYG003"})) == 1
    assert reads == ["actors.yaml"]  # only the file that holds one


@pytest.mark.parametrize("make", ["fifo", "link-out", "device"])
def test_a_file_that_is_no_longer_a_regular_file_inside_is_not_read(tmp_path: Path, make: str) -> None:
    from checker.checks.hidden import source_text

    root = tmp_path / "doc"
    root.mkdir()
    (tmp_path / "outside.yaml").write_text('a: "\\e"\n', encoding="utf-8")
    target = root / "actors.yaml"
    if make == "fifo":
        os.mkfifo(target)
    elif make == "link-out":
        target.symlink_to(tmp_path / "outside.yaml")
    else:
        target.symlink_to("/dev/zero")
    assert source_text(root, "actors.yaml") is None  # and it returns at once


def test_a_file_full_of_hidden_characters_is_reported_up_to_the_limit() -> None:
    text = "".join(f'k{i}: "a\\e{i}"\n' for i in range(50))
    hits = scan(text, limit=5)
    assert len(hits) == 5 and hits[-1].more and not any(h.more for h in hits[:-1])
    long = scan('k: "' + "x\u200b" * 5000 + '"\n')
    assert len(long) == 1 and long[0].count == 1000 and long[0].column == len('k: "x') + 1


def test_one_glossary_term_written_two_ways_is_glo005s_not_hyg005s() -> None:
    entries = (GlossaryEntry("DEL", "Departmental Expenditure Limit", Location("parts/g.yaml", 3, 3)),
               GlossaryEntry("ＤＥＬ", "Departmental Expenditure Limit", Location("parts/g.yaml", 5, 3)),
               GlossaryEntry("C0O", "Chief Operating Officer", Location("parts/g.yaml", 7, 3)),
               GlossaryEntry("COO", "Chief Operating Officer", Location("parts/g.yaml", 9, 3)))
    found = run_checks(_document(glossary=entries), Context(), select={"HYG005", "GLO005"})
    assert [(f.code, f.location.line) for f in found] == [("GLO005", 5), ("HYG005", 9)]
