"""What the fuzz targets feed the tool: hostile text, DSL near the grammar, YAML near the
syntax, and small documents built from tests/fixtures/amend/mini with fuzzed fields.

Inputs stay near what the tool reads (keywords, names, quotes, tags, dates, numbers) so that
the examples get past the first check, and far from it (any Unicode, control characters,
bidi and zero-width characters, markup) so that nothing is assumed.  Numbers stay below
Python's 4300-digit limit for str(int) except a few tokens (HUGE, and 5000-digit occurrence
numbers in the DSL) that keep the known causes within reach (see known.py).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from checker.dsl.parser import keywords

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI = FIXTURES / "amend" / "mini"
KEYWORDS = sorted(keywords())

# -- text ---------------------------------------------------------------------------------------
CONTROL = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x85, 0x9B)]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u202d", "\u2066",
             "\u2069", "\u061c", "\u2028", "\u2029"]
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</textarea>", "<!--", "-->",
          "]]>", "<![CDATA[", "&amp;", "&#0;", "&lt;", "[x](javascript:alert(1))", "![i](x.png)",
          "{{ 7*7 }}", "{% raw %}", "${x}", "::error::x", "%0A", "%25", "\\", "|", "*", "_", "`", "#", "> ",
          "- ", "1. ", "\n\n", "\r\n", "\r", "\t", '"', "'", "\u201c", "\u2019", ":", ",", ";", "(", ")"]
YAMLISH = ["yes", "no", "on", "off", "~", "null", "true", ".inf", "-.inf", ".nan", "0x1f", "0o17", "017",
           "1_000", "1:20:30", "2008-10-31", "2008-13-45", "2008-02-30", "0000-00-00", "9999-12-31",
           "2008-10-31T12:00:00Z", "1e400", "-0", "+1", "@x", "`x", "%x", "!x", "&a", "*a", "<<", "---", "..."]
CONFUSABLE = ["Secret\u0430ry", "\u0391gency", "permanent_secret\u0430ry", "Chief Ex\u0435cutive", "\uff21"]
SPECIAL = [*CONTROL, *INVISIBLE, *MARKUP, *YAMLISH, *CONFUSABLE]

# UTF-8 writable: no lone surrogates
any_char = st.characters(exclude_categories=("Cs",))


def odd_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Any text, leaning on the characters and strings that break things."""
    piece = st.one_of(
        st.text(any_char, max_size=max_size),
        st.sampled_from(SPECIAL),
        st.sampled_from(KEYWORDS),
        st.text(st.sampled_from([*CONTROL, *INVISIBLE]), min_size=1, max_size=4),
    )
    return st.lists(piece, max_size=6).map("".join)


long_text = st.builds(lambda word, n: word * n, st.sampled_from(["x", "ab ", "\u00e9", "<b>", '"q" ', "1"]),
                      st.integers(500, 5_000))


def plain_text() -> st.SearchStrategy[str]:
    return st.one_of(odd_text(), odd_text(), long_text)


# -- the DSL -----------------------------------------------------------------------------------
NAMES = ["parliament", "secretary_of_state", "permanent_secretary", "principal_accounting_officer",
         "chief_executive", "treasury_minister", "corporate_plan", "annual_report", "main_body", "annexes",
         "unknown_actor", "x", "a.b", "a-b", "permanent_secretary.office"]
_DSL_SNIPPETS = [case["rules"] for name in ("valid.yaml", "invalid.yaml")
                 for case in yaml.safe_load((FIXTURES / "dsl" / name).read_text(encoding="utf-8"))
                 if case["rules"].strip()]
_TOKEN = re.compile(r"\S+|\s+")

dsl_token = st.one_of(
    st.sampled_from(KEYWORDS), st.sampled_from(KEYWORDS), st.sampled_from(NAMES),
    st.sampled_from([" ", " ", " ", "\n", "\n  ", "\n    ", ",", ":", "(", ")", "#", "\\", "\\\n", "\t",
                     "CON001", "AMD010", "2008-10-31", "2008-13-45", "3", "0", "00", '"', "'"]),
    st.from_regex(r'"[^"\n]{0,20}"', fullmatch=True),                 # a quote
    st.from_regex(r'"[^"\n]{0,12}" \([0-9]{1,6}\):', fullmatch=True),  # a citation with an occurrence
    st.text(any_char, max_size=6),
)


@st.composite
def mutated(draw: st.DrawFn, source: str, pieces: st.SearchStrategy[str]) -> str:
    """`source` with one to five token mutations (delete, duplicate, swap, insert, replace, split)."""
    tokens = _TOKEN.findall(source) or [""]
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace", "split"]))
        i = draw(st.integers(0, len(tokens) - 1))
        if op == "delete" and len(tokens) > 1:
            del tokens[i]
        elif op == "duplicate":
            tokens.insert(i, tokens[i])
        elif op == "swap":
            j = draw(st.integers(0, len(tokens) - 1))
            tokens[i], tokens[j] = tokens[j], tokens[i]
        elif op == "insert":
            tokens.insert(i, draw(pieces))
        elif op == "replace":
            tokens[i] = draw(pieces)
        else:
            at = draw(st.integers(0, len(tokens[i])))
            tokens[i] = tokens[i][:at] + draw(pieces) + tokens[i][at:]
    return "".join(tokens)


# statements built from the grammar's productions (docs/dsl.md), so that examples reach deep
# into the parser and the loader's use of what it returns
_names = st.lists(st.sampled_from(NAMES[:10]), min_size=1, max_size=3).flatmap(
    lambda ns: st.sampled_from([" and ", " or ", ", "]).map(
        lambda joint: ns[0] if len(ns) == 1 else ", ".join(ns[:-1]) + joint + ns[-1]))
_QUALIFIERS = ["to {n}", "for {n}", "except {n}", "if budget_agreed", 'when "asked"', "unless urgent", "of {n}",
               "on {n}", "after consulting {n}", "in consultation with {n}", "after {n} approves {n}",
               "on the recommendation of {n}", "on behalf of {n}", "with the approval of {n}",
               "subject to the approval of {n}", "with the agreement of {n}", "through {n}", "in writing",
               "in accordance with {n}", "in {n}", "annually", "each year", "by end of march",
               "by {date}", "by audit", "before audit", "within {int} days", "within {int} months",
               "as soon as possible", "routinely", "regularly", "quarterly", "monthly"]
_STATEMENTS = ["{n} {modality} approve {n}", "{n} {modality} comply", "{n} {modality} notify {n}",
               "{n} is responsible for {n}", "{n} are accountable to {n}", "{n} is answerable to {n}",
               "{n} reports to {n}", "{n} line manages {n}", "{n} chairs {n}", "{n} is member of {n}",
               "{n} are members of {n}", "{n} appoints {n} as {n}", "{n} designates {n}", "{n} holds {n}",
               "{n} advises {n}", "{n} supervises {n}", "{n} oversees {n}",
               "{n} {modality} delegate approve corporate_plan to {n}", "{n} may sub-delegate spending to {n}",
               "{n} delegates approval corporate_plan to {n}", "amendments to {n} require approval of {n}",
               "amendments to {n} requires agreement of {n}", 'informal "{quote}"',
               'acknowledge CON001 because "{quote}"', 'acknowledge DEL002 for {n} because "{quote}"',
               '"{quote}":', '"{quote}" ({int}):']
_MODALITIES = ["must", "must not", "may", "may not", "should", "should not"]
_ints = st.one_of(st.integers(0, 10**6).map(str), st.sampled_from(["00", "9" * 30, "9" * 5000]))


@st.composite
def dsl_statement(draw: st.DrawFn) -> str:
    template = draw(st.sampled_from(_STATEMENTS))
    template += "".join(" " + draw(st.sampled_from(_QUALIFIERS)) for _ in range(draw(st.integers(0, 3))))
    return re.sub(r"\{(\w+)\}", lambda m: draw({
        "n": _names, "modality": st.sampled_from(_MODALITIES), "int": _ints,
        "date": st.sampled_from(["2008-10-31", "2008-13-45", "0000-00-00", "2024-02-30"]),
        "quote": st.text(st.characters(exclude_categories=("Cs",), exclude_characters='"\n'), max_size=15),
    }[m.group(1)]), template)


dsl_block = st.lists(st.tuples(dsl_statement(), st.sampled_from(["\n", "\n", "\n  ", "\n\n", " \\\n", "; ", "\n;\n"])),
                     min_size=1, max_size=6).map(lambda items: "".join(s + sep for s, sep in items))

dsl_text = st.one_of(
    dsl_block,
    dsl_block.flatmap(lambda s: mutated(s, st.one_of(dsl_token, odd_text(8)))),
    st.sampled_from(_DSL_SNIPPETS).flatmap(lambda s: mutated(s, st.one_of(dsl_token, odd_text(8)))),
    st.lists(dsl_token, max_size=50).map("".join),
    st.text(any_char, max_size=80),
)

# -- YAML ----------------------------------------------------------------------------------------
# numbers too large for str(int) (Python's 4300-digit limit), as YAML reads them
HUGE = ["0x" + "f" * 4000, "1" + "0" * 4400, ":".join(["59"] * 2500), "0o" + "7" * 4800]
TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary", "!!map", "!!seq",
        "!!set", "!!omap", "!!pairs", "!!merge", "!!value", "!!python/object/apply:os.system", "!!python/name:x",
        "!custom", "!", "!<tag:yaml.org,2002:str>", "!<x>"]
yaml_token = st.one_of(
    st.sampled_from(["\n", "\n", "\n  ", "\n    ", "\n- ", "\n  - ", ": ", ":", "- ", "? ", "key", "id", "title",
                     "text", "rules", "clauses", "actors", "'", '"', "|", ">", "|-", ">+", "|2", "{", "}", "[",
                     "]", ",", "#", " ", "  ", "\t", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "---\n", "...\n",
                     "\\", "\\u0000", "\\x00", "\\e", "\\N", "\\L", "\\P", "\r\n", "\r", "\ufeff"]),
    st.sampled_from(YAMLISH), st.sampled_from(TAGS),
    st.integers(-(10**30), 10**30).map(str),
    st.text(any_char, max_size=8),
    st.sampled_from(HUGE),
)


def _dump(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=80)


scalar = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**40), 10**40), st.floats(), st.text(any_char, max_size=20),
    st.sampled_from(YAMLISH), st.dates(), odd_text(12),
)
yaml_value = st.recursive(
    scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(st.text(any_char, max_size=8), st.sampled_from(
                                ["id", "title", "text", "kind", "rules", "clauses", "name", "actors", "objects"])),
                                inner, max_size=4)),
    max_leaves=12,
)


def encoded(text: str, how: str) -> bytes:
    if how == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    if how == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8", "surrogatepass")
    if how == "latin-1":
        return text.encode("latin-1", "replace")
    if how == "utf-16":
        return text.encode("utf-16")
    return text.encode("utf-8", "surrogatepass")


encoding = st.sampled_from(["utf-8"] * 8 + ["bom", "crlf", "latin-1", "utf-16"])
# a mapping of tagged and odd scalars: every tag on every kind of value
tagged = st.lists(st.tuples(st.sampled_from(["id", "title", "text", "level", "k"]), st.sampled_from(["", *TAGS]),
                            st.one_of(st.sampled_from([*YAMLISH, "''", '""', "x", "1", "1.5", "0x", "-"]),
                                      st.text(any_char, max_size=6))),
                  min_size=1, max_size=6).map(lambda rows: "".join(f"{k}{i}: {t} {v}\n" for i, (k, t, v) in enumerate(rows)))
yaml_bytes = st.one_of(
    st.binary(max_size=200),
    st.builds(encoded, tagged, encoding),
    st.builds(encoded, st.lists(yaml_token, max_size=60).map("".join), encoding),
    st.builds(encoded, yaml_value.map(_dump).flatmap(lambda s: mutated(s, yaml_token)), encoding),
    st.builds(encoded, st.builds(lambda o, n, c: o * n + c, st.sampled_from(["[", "{a: ", "- "]),
                                 st.integers(1, 200), st.sampled_from(["", "x", "]"])), encoding),  # nesting
)

# -- small documents from the mini fixture --------------------------------------------------------
BASE_FILES = {path.relative_to(MINI).as_posix(): yaml.safe_load(path.read_text(encoding="utf-8"))
              for path in sorted(MINI.rglob("*.yaml"))}
IDS = ["introduction", "governance", "annex-a", "the-minister", "the-chief-executive", "delegations",
       "section-1", "clause-2-1-2", "part-1", "annex-b", "x", "a-b-c", "Bad Id", "", "1"]
# names that become paths (the amendments folder, part ids): outside, absolute, odd
PATHS = ["../outside", "/etc", "/dev/zero", "amendments/../..", ".", "parts", "amendments/", "", "x" * 300]
RECORD = {"id": "2021-01-plan", "title": "Plan approval", "proposer": "permanent_secretary",
          "proposed": "2021-01-04", "in_force": "2021-04-01", "status": "approved",
          "approvals": [{"actor": "permanent_secretary", "date": "2021-02-01", "reference": "Minute 1"}],
          "changes": {"changed": ["the-minister"], "rules_reviewed": ["the-minister"]},
          "summary": ["The Permanent Secretary approves the plan."],
          "before": {"clauses": {"the-minister": {"id": "the-minister", "text": "Before."}}}}


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a YAML tree, the root included."""
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, (*prefix, i))
    return out


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


# what a field may become: a fuzzed value near its meaning, or anything at all
def field_value(sentences: list[str]) -> st.SearchStrategy[Any]:
    quotes = st.sampled_from(sentences or ["x"]).flatmap(
        lambda s: st.tuples(st.integers(0, max(len(s) - 1, 0)), st.integers(1, 40)).map(
            lambda ab: s[ab[0]:ab[0] + ab[1]]))
    rules = st.lists(st.one_of(
        quotes.map(lambda q: f'"{q}":'), st.sampled_from(NAMES).map(lambda n: f"  {n} must approve corporate_plan"),
        dsl_text, st.just("  chief_executive reports to chief_executive"),
        st.just("  chief_executive must approve corporate_plan by 2008-13-45"),
        st.just("  acknowledge CON001 because \"x\""),
    ), min_size=1, max_size=5).map("\n".join)
    return st.one_of(
        plain_text(), st.sampled_from(IDS), st.sampled_from(NAMES), rules, rules,
        st.sampled_from(["individual", "body", "group", "section", "annex", "glossary", "foreword",
                         "proposed", "approved", "in-force", "rejected", "draft", "published"]),
        st.integers(-(10**6), 10**6), st.booleans(), st.none(), st.dates().map(str),
        st.lists(st.sampled_from([*NAMES, *IDS]), max_size=4), yaml_value,
        st.sampled_from(PATHS), st.sampled_from(IDS).map(lambda i: i * 40),
    )


def _edit(draw: st.DrawFn, data: Any, sentences: list[str], part: bool) -> None:
    """One edit anywhere in a YAML tree: set, delete, add a key, duplicate or swap items, or
    (in a part) insert a new clause."""
    path = draw(st.sampled_from(_paths(data)))
    op = draw(st.sampled_from(["set", "set", "set", "delete", "add-key", "duplicate", "swap", "new-clause"]))
    parent = _get(data, path[:-1]) if path else None
    if op == "set" and path:
        parent[path[-1]] = draw(field_value(sentences))
    elif op == "delete" and path:
        del parent[path[-1]]
    elif op == "add-key":
        target = _get(data, path)
        if isinstance(target, dict):
            key = draw(st.one_of(st.sampled_from(["id", "title", "text", "rules", "items", "table", "printed",
                                                  "level", "numbered", "aliases", "part_of", "member_of",
                                                  "chairs", "offices", "signatory", "entries", "clauses",
                                                  "before", "approvals", "in_force", "summary"]),
                                 st.text(any_char, max_size=6)))
            target[key] = draw(field_value(sentences))
    elif op == "duplicate" and path and isinstance(parent, list):
        parent.insert(path[-1], copy.deepcopy(parent[path[-1]]))
    elif op == "swap" and path and isinstance(parent, list) and len(parent) > 1:
        parent.reverse()
    elif op == "new-clause" and part and isinstance(data, dict):
        clauses = data.setdefault("clauses", [])
        if isinstance(clauses, list):
            clauses.insert(draw(st.integers(0, len(clauses))), {
                "id": draw(st.sampled_from(IDS)), "title": draw(plain_text()),
                "text": draw(st.one_of(plain_text(), st.sampled_from(sentences or ["x"]))),
                "rules": draw(field_value(sentences))})


def _sentences(files: dict[str, Any]) -> list[str]:
    return [v for data in files.values() for p in _paths(data) if isinstance(v := _get(data, p), str) and len(v) > 20]


@st.composite
def documents(draw: st.DrawFn) -> dict[str, bytes]:
    """The mini document with one to six field edits; file name -> bytes to write."""
    files = copy.deepcopy(BASE_FILES)
    if draw(st.booleans()):
        files["amendments/2021-01-plan.yaml"] = copy.deepcopy(RECORD)
    sentences = _sentences(files)
    for _ in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from(sorted(files)))
        _edit(draw, files[name], sentences, name.startswith("parts/"))
    out = {name: _dump(data).encode("utf-8") for name, data in files.items()}
    if draw(st.integers(0, 7)) == 0:  # now and then one file broken below the YAML level
        name = draw(st.sampled_from(sorted(out)))
        out[name] = encoded(draw(mutated(out[name].decode("utf-8"), yaml_token)), draw(encoding))
    return out


# one valid file of each kind the schemas describe
VALID = {"manifest": BASE_FILES["manifest.yaml"], "actors": BASE_FILES["actors.yaml"],
         "objects": BASE_FILES["objects.yaml"], "part": BASE_FILES["parts/governance.yaml"], "amendment": RECORD}


@st.composite
def source_files(draw: st.DrawFn, kind: str) -> bytes:
    """A valid file of `kind` with zero to five edits, now and then mutated as text."""
    data = copy.deepcopy(VALID[kind])
    sentences = _sentences({"x": data})
    for _ in range(draw(st.integers(0, 5))):
        _edit(draw, data, sentences, kind == "part")
    text = _dump(data)
    if draw(st.integers(0, 4)) == 0:
        text = draw(mutated(text, yaml_token))
    return text.encode("utf-8", "surrogatepass")


def write(root: Path, files: dict[str, bytes]) -> None:
    (root / "amendments").mkdir(parents=True, exist_ok=True)
    (root / "parts").mkdir(exist_ok=True)
    for name, raw in files.items():
        (root / name).write_bytes(raw)
