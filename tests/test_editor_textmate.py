"""The VS Code extension folder (editors/vscode/): valid JSON, every regular expression compiles
with Oniguruma (the engine VS Code runs, through onigurumacffi), the grammars are what
checker/highlight_textmate.py writes from the grammar, and a small TextMate tokeniser (match and
begin/end rules, includes, back-references in `end`, as vscode-textmate applies them) finds
every keyword of docs/dsl.md's examples and exactly the rules blocks of every NOMS part."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import onigurumacffi
import pytest
import yaml

from checker import highlight_textmate as tm
from checker.highlight import keywords
from tests.conftest import FRAMEWORK, REPO
from tests.test_editor_highlight import WORD, code_blocks

EXT = REPO / "editors" / "vscode"
SYNTAXES = EXT / "syntaxes"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


# -- the folder --------------------------------------------------------------------------------------
def test_the_extension_folder_is_complete_and_valid_json() -> None:
    package = load(EXT / "package.json")
    load(EXT / "language-configuration.json")
    assert (EXT / "README.md").is_file()
    contributes = package["contributes"]
    (language,) = contributes["languages"]
    assert (EXT / language["configuration"]).is_file()
    scopes = {}
    for grammar in contributes["grammars"]:
        data = load(EXT / grammar["path"])
        assert data["scopeName"] == grammar["scopeName"]
        scopes[grammar["scopeName"]] = data
        for scope, lang in grammar.get("embeddedLanguages", {}).items():
            assert lang == language["id"]
            assert scope in json.dumps(data)  # the contentName it names is the grammar's
    assert set(scopes) == {tm.SCOPE, tm.INJECTION_SCOPE, tm.MARKDOWN_SCOPE}
    assert scopes[tm.INJECTION_SCOPE]["injectionSelector"] == "L:source.yaml"


def test_the_grammars_are_generated_from_the_grammar() -> None:
    for name, text in tm.files().items():
        assert (SYNTAXES / name).read_text(encoding="utf-8") == text, \
            f"{name} is stale: python -m checker.highlight_textmate editors/vscode/syntaxes"


def _regexes(node: Any) -> list[tuple[str, str]]:
    out = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("match", "begin", "end", "while") and isinstance(value, str):
                out.append((key, value))
            else:
                out.extend(_regexes(value))
    elif isinstance(node, list):
        for value in node:
            out.extend(_regexes(value))
    return out


def _substitute(pattern: str, groups: list[str]) -> str:
    return re.sub(r"\\(\d)", lambda m: _escape(groups[int(m.group(1))] if int(m.group(1)) < len(groups) else ""),
                  pattern)


def _escape(text: str) -> str:
    return re.sub(r"[\-\\{}*+?|^$.,\[\]()#\s]", lambda m: "\\" + m.group(0), text)


def test_every_regex_compiles_with_oniguruma() -> None:
    count = 0
    for path in SYNTAXES.glob("*.json"):
        for key, pattern in _regexes(load(path)):
            # `end` and `while` may name the begin's captures: vscode-textmate fills them in first
            onigurumacffi.compile(_substitute(pattern, ["", "  ", "-", " "]) if key in ("end", "while") else pattern)
            count += 1
    onigurumacffi.compile(load(EXT / "language-configuration.json")["wordPattern"])
    assert count >= 15


# -- a small TextMate tokeniser ----------------------------------------------------------------------
class Engine:
    """Match and begin/end rules, `include` (#name, a scope name, $self), back-references in
    `end`, the end pattern tried before the rule's own patterns, injections (left priority) at
    every depth; each line is matched with its "\\n", as vscode-textmate does."""

    def __init__(self, grammars: list[dict[str, Any]]) -> None:
        self.grammars = {g["scopeName"]: g for g in grammars}
        self.cache: dict[str, Any] = {}

    def regex(self, pattern: str) -> Any:
        if pattern not in self.cache:
            self.cache[pattern] = onigurumacffi.compile(pattern)
        return self.cache[pattern]

    def expand(self, patterns: list[dict[str, Any]], grammar: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        out = []
        for rule in patterns:
            ref = rule.get("include")
            if ref is None:
                out.append((rule, grammar))
            elif ref.startswith("#"):
                target = grammar["repository"][ref[1:]]
                out.extend(self.expand(target.get("patterns", [target]) if "match" not in target and "begin" not in target
                                       else [target], grammar))
            elif ref == "$self":
                out.extend(self.expand(grammar["patterns"], grammar))
            else:
                other = self.grammars[ref]
                out.extend(self.expand(other["patterns"], other))
        return out

    def tokenize(self, text: str, host: str, injections: list[str]) -> list[list[tuple[str, tuple[str, ...]]]]:
        inject = [pair for scope in injections
                  for pair in self.expand(self.grammars[scope]["patterns"], self.grammars[scope])]
        host_grammar = self.grammars.get(host, {"patterns": [], "scopeName": host})
        # a frame: (patterns, end regex or None, scopes inside)
        stack: list[tuple[list[tuple[dict[str, Any], dict[str, Any]]], Any, tuple[str, ...]]] = [
            (self.expand(host_grammar["patterns"], host_grammar), None, (host,))]
        lines = []
        for raw in text.split("\n"):
            line = raw + "\n"
            pos = 0
            tokens: list[tuple[str, tuple[str, ...]]] = []
            while pos < len(line):
                patterns, end, scopes = stack[-1]
                best = None  # (start, order, kind, match, rule, grammar)
                candidates: list[tuple[str, Any, dict[str, Any] | None, dict[str, Any] | None]] = []
                if end is not None:
                    candidates.append(("end", end, None, None))
                for rule, grammar in inject + patterns:
                    candidates.append(("rule", self.regex(rule.get("match") or rule["begin"]), rule, grammar))
                for order, (kind, regex, rule, grammar) in enumerate(candidates):
                    match = regex.search(line, pos)
                    if match is not None and (best is None or match.start() < best[0]):
                        best = (match.start(), order, kind, match, rule, grammar)
                if best is None:
                    tokens.append((line[pos:], scopes))
                    break
                start, _, kind, match, rule, grammar = best
                if start > pos:
                    tokens.append((line[pos:start], scopes))
                if kind == "end":
                    if match.end() > start:
                        tokens.append((line[start:match.end()], scopes))
                    stack.pop()
                    pos = match.end()
                    continue
                assert rule is not None and grammar is not None
                named = (*scopes, rule["name"]) if "name" in rule else scopes
                if "match" in rule:
                    tokens.append((line[start:match.end()], named))
                    pos = max(match.end(), start + 1) if match.end() == start else match.end()
                    continue
                tokens.append((line[start:match.end()], named))
                groups = [match.group(i) or "" for i in range(10) if _has_group(match, i)]
                end_regex = self.regex(_substitute(rule["end"], groups))
                inner = (*named, *rule.get("contentName", "").split())
                stack.append((self.expand(rule.get("patterns", []), grammar), end_regex, inner))
                pos = match.end()
            lines.append([(t, s) for t, s in tokens if t])
        return lines


def _has_group(match: Any, index: int) -> bool:
    try:
        match.group(index)
    except (IndexError, Exception):  # noqa: BLE001 - onigurumacffi raises on a group the pattern lacks
        return False
    return True


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine([load(p) for p in SYNTAXES.glob("*.json")])


KEYWORD_SCOPES = ("keyword.", "storage.modifier.hedge", "support.type.unit", "constant.language")


def _scope_at(lines: list[list[tuple[str, tuple[str, ...]]]], text: str) -> list[tuple[str, ...]]:
    """The scopes of every character of `text` (lines joined by newlines)."""
    out: list[tuple[str, ...]] = []
    for tokens in lines:
        for value, scopes in tokens:
            out.extend([scopes] * len(value))
    return out[:len(text)]


def _check_keywords(source: str, scopes: list[tuple[str, ...]], where: str) -> int:
    count = 0
    for match in WORD.finditer(source):
        if match.group(0) not in keywords():
            continue
        here = scopes[match.start()]
        if any(s.startswith(("string.", "comment.")) for s in here):
            continue
        assert any(s.startswith(KEYWORD_SCOPES) for s in here), f"{where}: '{match.group(0)}' has {here}"
        count += 1
    return count


def test_every_keyword_of_the_rules_examples_is_scoped(engine: Engine) -> None:
    count = 0
    for line, lang, source in code_blocks():
        if lang == "yaml":
            continue
        scopes = _scope_at(engine.tokenize(source, tm.SCOPE, []), source)
        count += _check_keywords(source, scopes, f"docs/dsl.md:{line}")
    assert count >= 80


def test_rules_blocks_in_yaml_are_embedded_and_scoped(engine: Engine) -> None:
    text = (REPO / "docs" / "dsl.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```$", text, re.M | re.S)
    with_rules = [b for b in blocks if "rules: |" in b]
    assert with_rules
    for block in with_rules:
        scopes = _scope_at(engine.tokenize(block, "source.yaml", [tm.INJECTION_SCOPE]), block)
        start = block.index("rules: |") + len("rules: |\n")
        assert _check_keywords(block[start:], scopes[start:], "a yaml block") > 3
        # the prose above is not rules, though it says "is responsible for"
        prose = block[:block.index("rules: |")]
        assert not any(tm.SCOPE in s for s in scopes[:len(prose)])


def _rules_lines(path: Path) -> set[int]:
    """The 0-based lines of every `rules:` block scalar's content, from the YAML itself."""
    out: set[int] = set()

    def walk(node: Any) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == "rules" and value.style in ("|", ">"):
                    # (a block scalar ends at the start of the line after its last line)
                    stop = value.end_mark.line + (1 if value.end_mark.column else 0)
                    out.update(range(value.start_mark.line + 1, stop))
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    walk(yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader))
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in (FRAMEWORK / "parts").glob("*.yaml")))
def test_exactly_the_rules_blocks_of_noms_are_embedded(engine: Engine, name: str) -> None:
    text = (FRAMEWORK / "parts" / name).read_text(encoding="utf-8")
    lines = engine.tokenize(text, "source.yaml", [tm.INJECTION_SCOPE])
    expected = _rules_lines(FRAMEWORK / "parts" / name)
    source_lines = text.split("\n")
    for number, tokens in enumerate(lines):
        if not source_lines[number].strip():
            continue
        embedded = any(tm.SCOPE in scopes for value, scopes in tokens if value.strip())
        assert embedded == (number in expected), f"{name}:{number + 1}: {source_lines[number]!r}"
        if embedded:
            for _value, scopes in tokens:
                assert "invalid" not in " ".join(scopes)


@pytest.mark.parametrize(("text", "expected"), [
    ("- id: a\n  rules: |\n    x must publish y\n  text: |\n    x must publish y\n", {2}),
    ("- rules: |\n    x must publish y\n  text: |\n    x must publish y\n", {1}),
    ("rules: |-\n  x must publish y\n\n  y may approve z   # note\ntext: x must publish y\n", {1, 3}),
    ("clauses:\n  - id: a\n    rules: >\n      x must publish y\n    clauses: []\n", {3}),
    ("text: |\n  the rules: are not here\nrules: |\n  x must publish y\n", {3}),
])
def test_blocks_end_where_yaml_ends_them(engine: Engine, text: str, expected: set[int]) -> None:
    lines = engine.tokenize(text, "source.yaml", [tm.INJECTION_SCOPE])
    embedded = {number for number, tokens in enumerate(lines)
                if any(tm.SCOPE in s for v, s in tokens if v.strip())}
    assert embedded == expected
