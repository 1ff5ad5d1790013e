"""The Pygments lexer of the rules language (checker/highlight.py): every keyword of docs/dsl.md's
examples is highlighted as a keyword, no NOMS rules block has an Error token, lexing never
raises and gives back its input, and the words come from the grammar (a word added to the
grammar is highlighted without a change to the lexer)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pygments.lexers import get_lexer_by_name
from pygments.token import Comment, Error, Keyword, Name, Number, Operator, String, Text

from checker import highlight
from checker.highlight import RulesLexer, highlight_html, keywords, vocabulary
from checker.load.yamlfile import read_yaml
from tests.conftest import FRAMEWORK, REPO

DSL = REPO / "docs" / "dsl.md"
FENCE = re.compile(r"^```([a-z-]*)\n(.*?)^```$", re.M | re.S)


def code_blocks() -> list[tuple[int, str, str]]:
    """(line, language, rules text) for every code block of docs/dsl.md; a YAML block gives its
    `rules:` values."""
    text = DSL.read_text(encoding="utf-8")
    out = []
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        lang, body = match.group(1), match.group(2)
        if lang == "yaml":
            for rules in _rules_values(yaml.safe_load(body)):
                out.append((line, lang, rules))
        else:
            out.append((line, lang, body))
    return out


def _rules_values(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["rules"]] if isinstance(node.get("rules"), str) else []
        return found + [r for k, v in node.items() if k != "rules" for r in _rules_values(v)]
    if isinstance(node, list):
        return [r for v in node for r in _rules_values(v)]
    return []


def token_at(source: str, lexer: RulesLexer | None = None) -> list[Any]:
    """The token type of every character of `source`."""
    types: list[Any] = []
    for _, token, value in (lexer or RulesLexer()).get_tokens_unprocessed(source):
        types.extend([token] * len(value))
    assert len(types) == len(source)
    return types


WORD = re.compile(r"[a-z][a-z0-9_]*(?:[.\-][a-z0-9_]+)*")


def keyword_occurrences(source: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in WORD.finditer(source) if m.group(0) in keywords()]


# -- docs/dsl.md ------------------------------------------------------------------------------------
def test_dsl_md_has_examples() -> None:
    blocks = code_blocks()
    assert len(blocks) >= 10
    assert sum(1 for _, lang, _ in blocks if lang == "rules") >= 8


@pytest.mark.parametrize(("line", "lang", "source"), code_blocks(), ids=lambda v: str(v)[:20])
def test_every_keyword_in_the_examples_is_highlighted(line: int, lang: str, source: str) -> None:
    types = token_at(source)
    found = keyword_occurrences(source)
    for start, word in found:
        token = types[start]
        if token in String or token in Comment:
            continue  # a keyword inside a quotation or a comment is text
        assert token not in Name and token not in Text and token not in Error, \
            f"docs/dsl.md:{line}: '{word}' is {token}"
    if lang == "rules":
        assert Error not in types, f"docs/dsl.md:{line}: a rules block with an Error token"
    elif lang == "":  # an unlabelled block is one that is not all rules (the lexer flags it)
        assert any(t in Error for t in types), f"docs/dsl.md:{line}: label this block ```rules"


def test_the_examples_use_most_of_the_grammar() -> None:
    """The test above is worth as much as the keywords the examples use."""
    used = {word for _, _, source in code_blocks() for _, word in keyword_occurrences(source)}
    assert len(used) >= 40, sorted(used)


# -- NOMS -----------------------------------------------------------------------------------------------
def noms_rules() -> list[tuple[str, int, str]]:
    out = []
    for path in sorted((FRAMEWORK / "parts").glob("*.yaml")):
        data = read_yaml(path, FRAMEWORK).data
        for index, rules in enumerate(_rules_values(data)):
            out.append((path.name, index, rules))
    return out


def test_no_noms_rules_block_has_an_error_token() -> None:
    blocks = noms_rules()
    assert len(blocks) > 50
    bad = []
    for name, index, source in blocks:
        for _, token, value in RulesLexer().get_tokens_unprocessed(source):
            if token in Error:
                bad.append((name, index, value, source[:80]))
    assert not bad, bad[:10]


def test_noms_names_are_told_apart_with_the_document() -> None:
    from checker.loader import load_document

    document = load_document(FRAMEWORK).document
    assert document is not None
    lexer = highlight.lexer_for(document)
    tokens = {value: token for _, token, value in lexer.get_tokens_unprocessed(
        "permanent_secretary must approve corporate_plan")}
    assert tokens["permanent_secretary"] is Name.Class
    assert tokens["corporate_plan"] is Name.Constant
    assert tokens["must"] is Keyword.Reserved


# -- the words come from the grammar ----------------------------------------------------------
def test_keywords_are_the_parsers_keywords() -> None:
    from checker.dsl.parser import keywords as parser_keywords

    assert keywords() == parser_keywords()


@pytest.mark.parametrize(("source", "expected"), [
    ("must not", Keyword.Reserved), ("has the final power to", Keyword.Reserved), ("may", Keyword.Reserved),
    ("need not", Keyword.Reserved), ("alone", Keyword.Reserved),
    ("as far as possible", Keyword.Pseudo), ("in principle", Keyword.Pseudo), ("normally", Keyword.Pseudo),
    ("months", Keyword.Type), ("quarterly", Keyword.Constant), ("unnamed", Keyword.Constant),
    ("and", Operator.Word), ("not", Operator.Word), ("within", Keyword), ("to", Keyword),
    ("£1.5bn", Number.Money), ("£10,000", Number.Money), ("2008-04-01", highlight.Literal.Date),
    ("12", Number.Integer), ('"a quote"', String.Double), ("'a quote'", String.Single),
    ("# a comment", Comment.Single), ("CON001", Name.Label),
    # look-alikes: names that contain a keyword are names
    ("must_notify", Name), ("normally_x", Name), ("agency.must", Name), ("notes", Name), ("may-be", Name),
])
def test_token_types(source: str, expected: Any) -> None:
    tokens = list(RulesLexer().get_tokens_unprocessed(source))
    assert [(token, value) for _, token, value in tokens] == [(expected, source)]


def test_every_modality_and_hedge_of_the_grammar_is_one_token() -> None:
    for phrase, token in vocabulary().phrases:
        assert [(t, v) for _, t, v in RulesLexer().get_tokens_unprocessed(phrase)] == [(token, phrase)]


def test_a_word_added_to_the_grammar_is_highlighted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import grammar_path

    grammar = grammar_path.grammar_file().read_text(encoding="utf-8")
    changed = grammar.replace('!hedge: "normally"', '!hedge: "normally" | "ordinarily"')
    changed = changed.replace('"annually"                                   -> annually',
                              '"annually"                                   -> annually\n'
                              '         | "biennially"                               -> annually')
    assert changed.count("ordinarily") == 1 and changed.count("biennially") == 1
    (tmp_path / "obligations.lark").write_text(changed, encoding="utf-8")
    monkeypatch.setattr(grammar_path, "grammar_file", lambda: tmp_path / "obligations.lark")
    vocabulary.cache_clear()
    try:
        lexer = type("L", (RulesLexer,), {})()  # a new class reads the grammar afresh
        tokens = {v: t for _, t, v in lexer.get_tokens_unprocessed("x must ordinarily publish y biennially")}
        assert tokens["ordinarily"] is Keyword.Pseudo and tokens["biennially"] is Keyword
    finally:
        vocabulary.cache_clear()


# -- robustness ------------------------------------------------------------------------------------
PIECES = st.sampled_from(sorted(keywords()) + ["x", "a_b", "£5m", "2008-01-01", "12", '"q"', "'q", "#c",
                                              "\\", "\n", " ", "\t", ":", ",", "(", ")", "\r\n", "é", "<", "&"])


@settings(deadline=None)  # (the first lexer reads the grammar)
@given(st.one_of(st.text(), st.lists(PIECES).map(" ".join), st.lists(PIECES).map("".join)))
def test_lexing_never_raises_and_gives_back_the_input(source: str) -> None:
    tokens = list(RulesLexer().get_tokens_unprocessed(source))
    assert "".join(value for _, _, value in tokens) == source
    positions = [pos for pos, _, _ in tokens]
    assert positions == sorted(positions)
    list(RulesLexer().get_tokens(source))  # the preprocessing path too
    html = highlight_html(source)
    assert "<script" not in html.lower() or "<script" not in source.lower() or "&lt;" in html


def test_html_is_escaped() -> None:
    html = highlight_html('x must publish y if "<script>alert(1)</script> & more"')
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; more" in html
    assert '<span class="kr">must</span>' in html


def test_registered_as_a_pygments_plugin() -> None:
    for alias in ("fwdoc-rules", "rules", "obligations"):
        assert get_lexer_by_name(alias).__class__.__name__ == "RulesLexer"


def test_hidden_characters_are_shown_not_sent() -> None:
    html = str(highlight_html('x must publish y if "a\u202eb"'))
    assert "\u202e" not in html and "\\u202e" in html


# -- where the rules are shown -----------------------------------------------------------------
@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from datetime import date

    from checker.website.build import build_site

    out = tmp_path_factory.mktemp("site") / "site"
    build_site(REPO / "tests" / "fixtures" / "site" / "small", out, today=date(2024, 1, 1))
    return out


def test_site_part_pages_highlight_the_rules_as_written(small_site: Path) -> None:
    html = (small_site / "document" / "section-1.html").read_text(encoding="utf-8")
    source = html[html.index('class="fw-source"'):]
    source = source[:source.index("</details>")]
    assert '<div class="highlight"><pre><code>' in source
    assert '<span class="kr">must</span>' in source
    assert '<span class="nc">permanent_secretary</span>' in source  # an actor, told apart
    assert 'class="err"' not in source


def test_site_reference_highlights_the_dsl_examples(small_site: Path) -> None:
    html = (small_site / "reference" / "dsl.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<div class="highlight"><pre>(.*?)</pre></div>', html, re.S)
    rules = [b for b in blocks if re.search(r'<span class="(k|kr|kp|kt|kc|ow)">', b) and 'class="nt"' not in b]
    assert len(rules) >= 8 and not any('class="err"' in b for b in rules)
    assert '<span class="kr">must</span>' in html
    assert '<span class="kp">normally</span>' in html


def test_publication_highlights_the_rule_sources() -> None:
    from checker.loader import load_document
    from checker.render.html import publish_html

    document = load_document(REPO / "tests" / "fixtures" / "docs" / "minimal").document
    assert document is not None
    html = publish_html(document)
    sources = re.findall(r'<code class="fw-rule-src">(.*?)</code>', html, re.S)
    assert sources and all("<span" in s for s in sources)
    assert any('<span class="kr">' in s for s in sources)
    assert ".fw-rule-src .kr" in html  # styled by the page's own stylesheet
