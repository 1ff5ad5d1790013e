"""A Pygments lexer for the rules language, its words read from the grammar.

Registered as the Pygments plugin `fwdoc-rules` (aliases `rules`, `obligations`: see
pyproject's `pygments.lexers` entry point), so Markdown fences ```` ```rules ```` in the docs
(pymdownx.highlight on the site's reference pages), the site's "rules as written" and the HTML
publication's rule sources are highlighted by the same code.

Nothing here is a second list of keywords: the reserved words, the modality and hedge phrases
and the token shapes (names, dates, amounts, codes, quotes, comments) are read from
grammar/obligations.lark, so a word added to the grammar is highlighted without a change here.
What is data here is only how the grammar's rules map to token types (`_PHRASES`, `_WORDS`):

| token type | what | grammar |
|---|---|---|
| Keyword.Reserved | modalities (`must not`, `has final power to`), `alone` | `modality`, `exclusive` |
| Keyword.Pseudo | hedges (`normally`, `as far as possible`) | `hedge` |
| Keyword.Type | units and periods (`months`, `year`) | `unit`, `period` |
| Keyword.Constant | frequency and manner words, `unnamed` | `frequency_word`, `manner_word`, `name` |
| Operator.Word | `and`, `or`, `not` | `cond*`, `names` |
| Keyword | every other reserved word | the rest |
| Name.Class / Name.Constant / Name.Variable | actor or office / object / condition ids, when the lexer is given the document's names | NAME |
| Name | any other id | NAME |
| String | a quoted sentence or condition | STRING |
| Literal.Date, Number.Integer, Number.Money | dates, counts, amounts in pounds | DATE, INT, MONEY |
| Name.Label | a check code (`acknowledge CON001`) | CODE |
| Comment.Single | `# ...` | COMMENT |

The lexer is a highlighter, not the parser: a word is a keyword wherever it stands (the
parser's contextual lexer may read `approval` as a name where a name is expected), and it never
fails: text it does not know is an Error token, never an exception.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from pygments.lexer import RegexLexer, RegexLexerMeta
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
    _TokenType,
)

if TYPE_CHECKING:
    from markupsafe import Markup

# -- how the grammar's rules map to token types (meaning as data) ---------------------------------
# whole expansions of these rules are phrases: "must not" is one modality, not "must" + "not"
_PHRASES: dict[str, _TokenType] = {"modality": Keyword.Reserved, "hedge": Keyword.Pseudo}
# a single word takes the type of the first group among the rules it appears in
_WORDS: tuple[tuple[frozenset[str], _TokenType], ...] = (
    (frozenset({"cond", "cond_and", "cond_not", "names"}), Operator.Word),
    (frozenset({"exclusive"}), Keyword.Reserved),
    (frozenset({"unit", "period"}), Keyword.Type),
    (frozenset({"frequency_word", "manner_word", "name"}), Keyword.Constant),
)
MONEY = Number.Money  # (class "mMoney" in HTML: styled in the site's and the publication's CSS)


class Vocabulary(NamedTuple):
    """What the lexer needs from the grammar."""

    phrases: tuple[tuple[str, _TokenType], ...]  # longest first
    words: dict[str, _TokenType]
    patterns: dict[str, str]  # terminal name -> regular expression


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Phrases, reserved words and token shapes, read from grammar/obligations.lark."""
    from lark.load_grammar import load_grammar

    from checker.grammar_path import grammar_file

    grammar, _ = load_grammar(grammar_file().read_text(encoding="utf-8"), "obligations.lark", [], False)
    terminals, rules, _ignore = grammar.compile(["start", "block"], ())
    by_name = {t.name: t for t in terminals}
    rules_of: dict[str, set[str]] = {}
    phrases: dict[str, _TokenType] = {}
    for rule in rules:
        origin = str(rule.origin.name)
        literal = [by_name[s.name].pattern.value for s in rule.expansion
                   if s.is_term and by_name[s.name].pattern.type == "str"]
        words = [w for w in literal if _is_word(w)]
        if origin in _PHRASES and words and len(words) == len(rule.expansion):
            phrases[" ".join(words)] = _PHRASES[origin]
        for word in words:
            rules_of.setdefault(word, set()).add(origin)
    kinds: dict[str, _TokenType] = {}
    for word, origins in rules_of.items():
        plain = origins - set(_PHRASES)  # a phrase's words, alone, are read by their other uses
        if word in phrases:  # a one-word modality or hedge ('may', also the month in `end of may`)
            kinds[word] = phrases[word]
        else:
            kinds[word] = _word_type(plain) if plain else _PHRASES[min(origins & set(_PHRASES))]
    patterns = {name: by_name[name].pattern.to_regexp() for name in
                ("MONEY", "NAME", "CODE", "DATE", "INT", "STRING", "COMMENT") if name in by_name}
    ordered = tuple(sorted(phrases.items(), key=lambda item: (-len(item[0]), item[0])))
    return Vocabulary(ordered, kinds, patterns)


def _is_word(text: str) -> bool:
    return text.replace("-", "").isalpha()


def _word_type(origins: set[str]) -> _TokenType:
    for group, token in _WORDS:
        if origins & group:
            return token
    return Keyword


def keywords() -> frozenset[str]:
    """Every reserved word of the grammar."""
    return frozenset(vocabulary().words)


def _tokens() -> dict[str, list[Any]]:
    vocab = vocabulary()
    pats = vocab.patterns
    # a keyword or phrase ends where a name could not go on (`must_notify` is a name)
    end = r"(?![a-z0-9_]|[.\-][a-z0-9_])"
    phrase_rules = [("(?:" + r"[ \t]+".join(re.escape(w) for w in phrase.split()) + ")" + end, token)
                    for phrase, token in vocab.phrases if " " in phrase]
    return {
        "root": [
            (r"[ \t\f\r]*\n", Whitespace),
            (r"[ \t\f\r]+", Whitespace),
            (pats["COMMENT"], Comment.Single),
            (r'"[^"\n]*"', String.Double),
            (r"'[^'\n]*'", String.Single),
            (pats["MONEY"], MONEY),
            (pats["DATE"], Literal.Date),
            (pats["INT"], Number.Integer),
            (pats["CODE"], Name.Label),
            *phrase_rules,
            (pats["NAME"], _name),
            (r"\\(?=[ \t\f]*\r?\n)", Punctuation),  # a line that goes on below
            (r"[:,;()]", Punctuation),
            (r"[^\s]", Error),
        ]
    }


def _name(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, _TokenType, str]]:
    word = match.group(0)
    kind = vocabulary().words.get(word)
    if kind is None:
        names: dict[str, _TokenType] = getattr(lexer, "names", {})
        kind = names.get(word, Name)
    yield match.start(), kind, word


class _GrammarLexerMeta(RegexLexerMeta):
    """Reads the grammar when the first lexer is made, not on import: Pygments imports every
    plugin lexer to look up a name, and the grammar is not read for nothing."""

    def __call__(cls, *args: Any, **kwds: Any) -> Any:
        if not cls.__dict__.get("tokens"):
            cls.tokens = _tokens()
        return super().__call__(*args, **kwds)


class RulesLexer(RegexLexer, metaclass=_GrammarLexerMeta):
    """The fwdoc rules language (grammar/obligations.lark).

    Options: `actors`, `objects` and `conditions`, lists of ids (or comma-separated text), tell
    the ids of the document apart (Name.Class, Name.Constant, Name.Variable); without them every
    id is a Name.
    """

    name = "fwdoc rules"
    aliases = ["fwdoc-rules", "rules", "obligations"]
    filenames: list[str] = []
    mimetypes = ["text/x-fwdoc-rules"]
    flags = re.MULTILINE

    tokens: dict[str, list[Any]] = {}  # read from the grammar by the metaclass, once

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.names: dict[str, _TokenType] = {}
        for option, token in (("conditions", Name.Variable), ("objects", Name.Constant), ("actors", Name.Class)):
            for word in _ids(options.get(option)):
                self.names[word] = token


def _ids(value: Any) -> Iterable[str]:
    if value is None:
        return ()
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value]


def lexer_for(document: Any | None = None) -> RulesLexer:
    """A lexer that knows a loaded document's actor, office, object and condition ids."""
    if document is None:
        return RulesLexer()
    return RulesLexer(actors=[*document.actors, *document.offices], objects=list(document.objects),
                      conditions=list(getattr(document, "conditions", {}) or {}))


def css_class(token: _TokenType) -> str:
    """Pygments' short class of a token type ("kr"; "mMoney" for a type of our own), as its
    HTML formatter and stylesheets name them."""
    from pygments.token import STANDARD_TYPES

    suffix = ""
    while token not in STANDARD_TYPES:
        suffix = token[-1] + suffix
        token = token.parent
    return STANDARD_TYPES[token] + suffix


def highlight_html(source: str, lexer: RulesLexer | None = None) -> Markup:
    """Rules as HTML, one <span class="..."> a token (Pygments' classes), for a <code> element.

    Every character is escaped as the templates escape source text (markupsafe, after
    checker/escape.py's `visible` shows hidden characters such as a bidi override); the only
    markup is the spans written here."""
    from markupsafe import Markup, escape

    from checker.escape import visible

    out = []
    for _, token, value in (lexer or RulesLexer()).get_tokens_unprocessed(source):
        text = escape(visible(value, keep="\n\t"))
        if token in Whitespace or token is Text:
            out.append(str(text))
        else:
            out.append(f'<span class="{css_class(token)}">{text}</span>')
    return Markup("".join(out))


__all__ = ["MONEY", "RulesLexer", "css_class", "highlight_html", "keywords", "lexer_for", "vocabulary"]
