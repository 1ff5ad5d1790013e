"""The same hostile strings through every renderer and output format (issue 11, issue 10 item 8).

Hostile strings (raw HTML, event handlers, `](javascript:`, fences, `@user`, `#1`, line-start
markup, `|`, control characters, ESC sequences, bidi overrides, NUL) go into:

* Finding records, through every findings format (text, json, github, sarif, junit);
* a Judgement of a real amendment, in every string the amend report shows (ids, titles, file
  names, register entries, manifest keys, messages, word diffs), through every amend format,
  compared with the same Judgement holding benign placeholders of the same shape: the
  Markdown (read by markdown-it, CommonMark) must hold exactly the same elements;
* small documents on disk (the amend fixture, with hostile titles, prose, items, a table,
  a record title, an approval reference and a hostile folder name), through `fwdoc amend` in
  every format, `fwdoc check` in every format and `fwdoc publish` as Markdown and HTML;
* the escaping primitives themselves, read back by the parser of their context.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from checker import escape
from checker.amend import report
from checker.amend.diff import Renumbering
from checker.amend.judge import Judgement, judge
from checker.cli import cli
from checker.findings import Finding, Location, Severity, Suppression
from checker.formats import Report, formatters
from checker.loader import load_document
from checker.render.html import print_script, publish_html
from checker.render.markdown import publish_markdown
from checker.render.prose import ALLOWED_TAGS

MINI = Path(__file__).parent / "fixtures" / "amend" / "mini"

PIECES = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">a</a>',
    "[x](javascript:alert(1))", "](javascript:alert(2))", "![i](https://t.invalid/p.png)", "<b onclick=x>b</b>",
    "<!-- c -->", "<div>", "</details>", "<sub>", "```", "~~~", "`", "``", "~~", "**", "*", "_", "@user",
    "@org/team", "a@b.invalid", "#1", "GH-2", "# ", "## ✅ acceptable", "> ", "- ", "+ ", "1. ", "2) ", "===",
    "---", "|", "||", "\\", "\\|", "&amp;", "&#60;", "https://evil.invalid", "www.evil.invalid", "%", "%0A",
    "::", ":", ",", "=", "'", '"', " ", "  ", "\t", "\n", "\r\n", "\n\n", "\x00", "\x07", "\x1b[31m", "\x1b]0;t\x07",
    "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u2028", "\U000e0041", "word",
]


def hostile(max_pieces: int = 6, surrogates: bool = False) -> st.SearchStrategy[str]:
    exclude = () if surrogates else ("Cs",)
    free = st.text(st.characters(exclude_categories=exclude), max_size=3)
    return st.lists(st.one_of(st.sampled_from(PIECES), free), min_size=1, max_size=max_pieces).map("".join)


def benign(text: str) -> str:
    """A placeholder of the same shape for the Markdown: one plain word where the hostile
    string has any visible text, nothing where it has only whitespace."""
    return "benign" if text.split() else ""


# -- reading outputs back -----------------------------------------------------------------
MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own colours, in --color output


def raw_hidden(text: str, allowed: str = "\n") -> list[str]:
    """Characters that act on a screen (as escape.visible defines them) left raw in `text`."""
    return sorted({c for c in text if c not in allowed and unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp", "Cs"}})


def walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


def elements(markdown: str) -> list[tuple[str, str]]:
    """Every element markdown-it finds, in order: type and tag, the content of raw HTML."""
    out = []
    for t in walk(MD.parse(markdown)):
        if t.type in ("text", "text_special", "inline"):
            continue
        out.append((t.type, t.content if t.type.startswith("html") else t.tag))
    return out


GITHUB_AUTOLINKS = re.compile(r"(?<![\w`])@[A-Za-z0-9]|(?<![&\w])#\d|\bgh-\d|https?://|\bwww\.", re.IGNORECASE)


def github_references(markdown: str) -> list[str]:
    """What GitHub would turn into a mention, an issue link or an autolink in the text of a
    comment (code spans and raw HTML excepted, as GitHub excepts them)."""
    found = []
    for t in walk(MD.parse(markdown)):
        if t.type == "text":
            found += GITHUB_AUTOLINKS.findall(t.content)
    return found


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def assert_inert_html(html: str, allowed: set[str]) -> None:
    for tag, attrs in tags(html):
        assert tag in allowed, f"<{tag}> in {html[:300]!r}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{name}= on <{tag}>"
            assert not re.match(r"\s*(javascript|vbscript|data):", value, re.IGNORECASE), f"{name}={value!r}"


ANNOTATION = re.compile(r"::(error|warning|notice) ([^:\r\n]*)::([^\r\n]*)")


def unescape_workflow(text: str) -> str:
    return (text.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r").replace("%0A", "\n")
            .replace("%25", "%"))


def assert_annotations(out: str, count: int) -> None:
    lines = out.splitlines()
    assert len(lines) == count, out
    for line in lines[:-1] if count else []:
        match = ANNOTATION.fullmatch(line)
        assert match, line
        for prop in match.group(2).split(","):
            key, sep, _ = prop.partition("=")
            assert sep and key in {"file", "line", "col", "title"}, prop
        assert not raw_hidden(line, ""), line


# -- 1. Finding records through every findings format -------------------------------------
@st.composite
def findings(draw: st.DrawFn) -> list[Finding]:
    out = []
    for index in range(draw(st.integers(1, 3))):
        places = tuple(Location(draw(hostile(3)), draw(st.integers(0, 40)), draw(st.integers(0, 9)),
                                draw(st.none() | hostile(3))) for _ in range(draw(st.integers(1, 3))))
        suppression = draw(st.none() | st.builds(Suppression, st.sampled_from(["inSource", "external"]),
                                                  hostile(4)))
        out.append(Finding(f"HOS00{index}", draw(hostile(3)), draw(st.sampled_from(list(Severity))),
                           draw(hostile(8)), places, suppression))
    return out


def _sarif_unescape(text: str) -> str:
    """sarif_text read back: only a bracket is escaped, with the backslashes before it doubled."""
    return re.sub(r"((?:\\\\)*)\\([\[\]])", lambda m: m.group(1)[: len(m.group(1)) // 2] + m.group(2), text)


@settings(max_examples=150, deadline=None)
@given(findings(), hostile(4))
def test_findings_formats_stay_inert(items: list[Finding], title: str) -> None:
    rep = Report(items, {"rules": 1}, title, title)
    render = formatters()

    for color in (False, True):
        text = render["text"](dataclasses.replace(rep, color=color))
        assert not raw_hidden(_SGR.sub("", text)), text
        assert len(text.splitlines()) == len(render["text"](dataclasses.replace(
            rep, findings=_benign_findings(items), color=color)).splitlines())

    payload = json.loads(render["json"](rep))
    assert [f["message"] for f in payload["findings"]] == [f.message for f in items]  # exact data
    assert not raw_hidden(render["json"](rep))

    from checker.formats.github import capped

    annotated, _ = capped(items)  # at most ten of a kind (GitHub drops the rest), errors first
    assert_annotations(render["github"](rep), len(annotated) + 1)
    for line, finding in zip(render["github"](rep).splitlines(), annotated, strict=False):
        props = dict(p.split("=", 1) for p in ANNOTATION.fullmatch(line).group(2).split(","))  # type: ignore[union-attr]
        if finding.location.file:
            assert unescape_workflow(props["file"]) == escape.visible(finding.location.file, keep="\r\n")

    sarif = json.loads(render["sarif"](rep))
    for result, finding in zip(sarif["runs"][0]["results"], items, strict=True):
        text = result["message"]["text"]
        assert _sarif_unescape(text) == escape.visible(finding.message, keep="\n")
        assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", text), text  # no embedded link

    root = ET.fromstring(render["junit"](rep))  # valid XML 1.0, whatever the source held
    assert root.tag == "testsuites"


def _benign_findings(items: list[Finding]) -> list[Finding]:
    """The same findings with placeholders (a file name per distinct file: output groups by it)."""
    files: dict[str, str] = {}

    def file(name: str) -> str:
        return name and files.setdefault(name, f"f{len(files)}")

    return [Finding(f.code, "n", f.severity, "m", tuple(Location(file(p.file), p.line, p.column, p.clause and "c")
                                                        for p in f.locations),
                    f.suppression and Suppression(f.suppression.kind, "r")) for f in items]


# -- 2. A Judgement's strings through every amend format -----------------------------------
@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> Judgement:
    """A real amendment of the mini document: a changed clause (a word diff), a moved rule,
    a missing approval (a finding)."""
    root = tmp_path_factory.mktemp("judged")
    base, head = _amended(root)
    j = judge(base, head, "base", "head")
    assert j.diff.changes and j.findings and j.approvals and j.semantic
    return j


def _amended(root: Path) -> tuple[Path, Path]:
    base, head = root / "base", root / "head"
    shutil.copytree(MINI, base)
    shutil.copytree(MINI, head)
    part = head / "parts" / "governance.yaml"
    data = yaml.safe_load(part.read_text(encoding="utf-8"))
    minister = data["clauses"][0]
    minister["text"] = minister["text"].replace("The Secretary of State approves", "The Permanent Secretary approves")
    minister["rules"] = minister["rules"].replace("secretary_of_state must approve", "permanent_secretary must approve")
    part.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(cli, [
        "amend", "record", str(head), "--base-dir", str(base), "--id", "2021-01-plan-approval",
        "--title", "The Permanent Secretary approves the Corporate Plan", "--proposer", "permanent_secretary",
        "--proposed", "2021-01-04", "--in-force", "2021-04-01", "--status", "approved",
        "--approval", "permanent_secretary:2021-02-01:Minute PS/21/1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return base, head


def substitute(j: Judgement, s: Callable[[str], str]) -> Judgement:
    """The Judgement with `s` applied to every string the report shows from the source."""
    rep = dataclasses.replace

    def loc(x: Location) -> Location:
        return rep(x, file=s(x.file), clause=s(x.clause) if x.clause else x.clause)

    def finding(f: Finding) -> Finding:
        sup = f.suppression and rep(f.suppression, reason=s(f.suppression.reason))
        return rep(f, name=s(f.name), message=s(f.message), locations=tuple(loc(x) for x in f.locations),
                   suppression=sup)

    diff = rep(
        j.diff,
        changes=tuple(rep(c, clause=s(c.clause), heading=s(c.heading), fields=tuple(s(x) for x in c.fields),
                          before_label=s(c.before_label or "1"),
                          words=tuple(rep(w, text=s(w.text)) for w in c.words)) for c in j.diff.changes),
        renumbered=(*(rep(r, clause=s(r.clause), before=s(r.before)) for r in j.diff.renumbered),
                    Renumbering(s("c"), s("1"), s("2"))),
        registers=((s("actors"), s("an_id"), "added"), (s("objects"), s("other"), "changed")),
        manifest=(s("title"), s("a-key")),
    )
    return rep(
        j, base_label=s(j.base_label), head_label=s(j.head_label), title=s(j.title), document=s(j.document),
        diff=diff,
        semantic=[rep(x, text=s(x.text)) for x in j.semantic],
        requirements=[rep(r, part_label=s(r.part_label)) for r in j.requirements],
        approvals=[rep(a, name=s(a.name), parts=tuple(s(p) for p in a.parts), reference=s(a.reference),
                       date=s(a.date) if a.date else a.date) for a in j.approvals],
        records=[rep(r, id=s(r.id), title=s(r.title), status=s(r.status),
                     in_force=s(r.in_force) if r.in_force else r.in_force) for r in j.records],
        findings=[finding(f) for f in j.findings],
        introduced=[finding(f) for f in j.findings],
    )


REPORT_HEADINGS = {"Problems", "Approvals", "What changes in the rules", "Clauses"}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(hostile(), min_size=1, max_size=12))
def test_every_amend_format_is_inert(judged: Judgement, strings: list[str]) -> None:
    """Each source string the report shows is replaced by a hostile one (the same strings in
    turn); the Markdown has exactly the elements of the report with benign placeholders."""
    slots: dict[str, int] = {}

    def pick(texts: list[str]) -> Callable[[str], str]:
        def s(original: str) -> str:
            index = slots.setdefault(original, len(slots))
            return texts[index % len(texts)]
        return s

    bad = substitute(judged, pick(strings))
    good = substitute(judged, pick([benign(x) for x in strings]))

    text = report.markdown(bad)
    # A message's `code spans` are read as code (checker/formats/mdtext.py); backticks a source
    # string brings into a message can pair into one more span. A code span is inert (no
    # HTML, no link), so spans aside the report has exactly the benign report's elements.
    def structure(markdown: str) -> list[tuple[str, str]]:
        return [e for e in elements(markdown) if e[0] != "code_inline"]

    assert structure(text) == structure(report.markdown(good))
    tokens = list(walk(MD.parse(text)))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith(("✅ fwdoc amend:", "❌ fwdoc amend:", "➖ fwdoc amend:"))
    assert set(headings[1:]) <= REPORT_HEADINGS
    assert not [t for t in tokens if t.type in ("image", "link_open")]
    assert not github_references(text), github_references(text)
    assert not raw_hidden(text)

    payload = json.loads(report.to_json(bad))
    assert payload["title"] == bad.title  # exact data
    assert not raw_hidden(report.to_json(bad))
    from checker.formats.github import capped

    assert_annotations(report.github(bad), len(capped([*bad.findings, *bad.introduced])[0]) + 1)
    sarif = json.loads(report.sarif(bad))
    assert sarif["runs"][0]["tool"]["driver"]["name"] == "fwdoc amend"
    assert not raw_hidden(report.sarif(bad))


# -- 3. Documents on disk, through the command line ----------------------------------------
def fs_name(text: str) -> str:
    """A hostile folder name the file system accepts."""
    name = "h-" + text.replace("/", "_").replace("\x00", "_")
    while len(name.encode("utf-8")) > 120:
        name = name[:-1]
    return name


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def plant(root: Path, strings: list[str], folder: str) -> tuple[Path, Path]:
    """The mini amendment, then hostile strings in the head's manifest, titles, prose, items,
    a table, the record's title and an approval's reference; the head renamed `folder`."""
    shutil.copytree(_template(), root, dirs_exist_ok=True)
    base, head = root / "base", root / "head"
    s = iter([f"p {x} q" for x in strings] * 12)  # never empty: an empty title is another document
    manifest = yaml.safe_load((head / "manifest.yaml").read_text(encoding="utf-8"))
    manifest["publisher"] = next(s)
    manifest["title"] = next(s) + " x"
    (head / "manifest.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    part_file = head / "parts" / "governance.yaml"
    part = yaml.safe_load(part_file.read_text(encoding="utf-8"))
    part["title"] = next(s) + " x"
    minister, executive = part["clauses"]
    minister["title"] = next(s) + " x"
    minister["text"] = minister["text"].replace("each year", f"each year {next(s)} {next(s)}")
    executive["text"] = f"{next(s)}\n\n{executive['text']}\n{next(s)}\n"
    executive["items"] = [next(s) + " x", next(s) + " y"]
    executive["table"] = {"caption": next(s) + " c", "columns": [{"id": "a", "title": next(s) + " a"},
                                                                  {"id": "b", "title": "B"}],
                          "rows": [{"a": next(s) + " r", "b": next(s) + " s"}]}
    part_file.write_text(yaml.safe_dump(part, sort_keys=False, allow_unicode=True), encoding="utf-8")
    record_file = head / "amendments" / "2021-01-plan-approval.yaml"
    record = yaml.safe_load(record_file.read_text(encoding="utf-8"))
    record["title"] = next(s) + " x"
    record["approvals"][0]["reference"] = next(s) + " x"
    record_file.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")
    renamed = head.parent / folder
    head.rename(renamed)
    return base, renamed


_TEMPLATE: list[Path] = []


def _template() -> Path:
    """The recorded mini amendment, made once a session (`fwdoc amend record` judges too)."""
    if not _TEMPLATE:
        root = Path(tempfile.mkdtemp(prefix="fwdoc-escape-template-"))
        _amended(root)
        _TEMPLATE.append(root)
    return _TEMPLATE[0]


@pytest.fixture(scope="module", autouse=True)
def _remove_template() -> Iterator[None]:
    yield
    while _TEMPLATE:
        shutil.rmtree(_TEMPLATE.pop(), ignore_errors=True)


PUBLICATION_TAGS = ALLOWED_TAGS | {"div"}


@settings(max_examples=10, deadline=None)
@given(st.lists(hostile(5), min_size=3, max_size=8), hostile(3))
def test_documents_on_disk_through_every_command(strings: list[str], folder: str) -> None:
    with tempfile.TemporaryDirectory(prefix="fwdoc-escape-") as tmp:
        root = Path(tmp)
        (root / "bad").mkdir()
        (root / "good").mkdir()
        base, head = plant(root / "bad", strings, fs_name(folder))
        gbase, ghead = plant(root / "good", [benign(x) or "plain" for x in strings], "h-benign")
        code, out = run("amend", str(base), str(head), "--format", "github", "--summary", str(root / "a.md"),
                        "--write", f"json:{root / 'a.json'}", "--write", f"sarif:{root / 'a.sarif'}")
        assert code in (0, 1), out
        outputs = {"github": out} | {fmt: (root / f"a.{ext}").read_text(encoding="utf-8")
                                     for fmt, ext in (("markdown", "md"), ("json", "json"), ("sarif", "sarif"))}
        text = outputs["markdown"]
        _, good_text = run("amend", str(gbase), str(ghead))
        kinds = ("heading_open", "image", "link_open", "html_block", "html_inline", "hr", "fence", "code_block",
                 "table_open", "blockquote_open")
        assert Counter(k for k, _ in elements(text) if k in kinds) == \
            Counter(k for k, _ in elements(good_text) if k in kinds)
        assert [c for k, c in elements(text) if k.startswith("html")] == \
            [c for k, c in elements(good_text) if k.startswith("html")]
        assert not github_references(text) and not raw_hidden(text)
        json.loads(outputs["json"])
        json.loads(outputs["sarif"])
        for line in outputs["github"].splitlines():
            assert ANNOTATION.fullmatch(line), line
            assert not raw_hidden(line, "")

        for fmt in ("text", "json", "github", "sarif", "junit"):
            code, out = run("check", str(head), "--format", fmt)
            assert code in (0, 1), out
            assert not raw_hidden(out), (fmt, out)
            if fmt in ("json", "sarif"):
                json.loads(out)
            if fmt == "junit":
                ET.fromstring(out)
            if fmt == "github":
                assert all(ANNOTATION.fullmatch(x) for x in out.splitlines()[:-1]), out

        # the renderers themselves: `fwdoc publish` refuses a document with errors, and a
        # hostile string may well be one (a hygiene check); the publication must be inert anyway
        document, good_document = load_document(head).document, load_document(ghead).document
        assert document is not None and good_document is not None
        published = {"md": publish_markdown(document), "html": publish_html(document)}
        md_tokens = list(walk(MD.parse(published["md"])))
        good_tokens = list(walk(MD.parse(publish_markdown(good_document))))
        assert sum(t.type == "heading_open" for t in md_tokens) == sum(t.type == "heading_open" for t in good_tokens)
        assert not [t for t in md_tokens if t.type in ("image", "html_inline")]
        for t in md_tokens:
            if t.type == "link_open":
                assert re.match(r"(https?|mailto):", str(t.attrGet("href"))), t.attrGet("href")
            if t.type == "html_block":
                assert_inert_html(t.content, PUBLICATION_TAGS | {"table", "thead", "tbody", "tr", "th", "td"})
        assert_inert_html(MD.render(published["md"]), PUBLICATION_TAGS | {"h1", "h2", "h3", "h4", "h5", "h6"})
        # the page's one script is fwdoc's print button (allowed by its hash): none from the source
        page_script = Markup("<script>{}</script>").format(print_script()[0])
        assert published["html"].count("<script") == 1 and page_script in published["html"]
        page_tags = {tag for tag, _ in tags(published["html"].replace(page_script, ""))}
        assert "script" not in page_tags
        assert_inert_html(published["html"].replace(page_script, ""), page_tags)  # no event handler, no javascript: address


# -- 4. The primitives, read back by the parser of their context ---------------------------
def _plain(markdown: str) -> str:
    """The text markdown-it reads from one paragraph of inline Markdown (no element allowed)."""
    tokens = MD.parse(markdown)
    if not tokens:
        return ""
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], markdown
    children = tokens[1].children or []
    assert all(c.type in ("text", "text_special") for c in children), [c.type for c in children]
    return "".join(c.content for c in children)


@settings(max_examples=400, deadline=None)
@given(hostile(8, True))
def test_markdown_text_reads_back_as_the_text(text: str) -> None:
    expected = escape.visible(" ".join(text.split()))
    assert _plain(escape.markdown_text(text)).replace("\u200b", "") == expected
    assert _plain("x " + escape.markdown_text(text, line_start=False)).replace("\u200b", "") == \
        ("x " + expected).strip()
    assert not github_references(escape.markdown_text(text))
    heading = MD.parse("## " + escape.markdown_text(text, line_start=False))  # the publication's headings
    assert [t.type for t in heading] == ["heading_open", "inline", "heading_close"]
    assert "".join(c.content for c in heading[1].children or []).replace("\u200b", "") == expected


@settings(max_examples=400, deadline=None)
@given(hostile(8, True), st.booleans())
def test_markdown_code_reads_back_as_the_text(text: str, table: bool) -> None:
    span = escape.markdown_code(text, table=table)
    markdown = f"| {span} |\n|---|\n" if table else span
    children = [c for t in MD.parse(markdown) if t.type == "inline" for c in t.children or []
                if c.type != "text" or c.content.strip()]
    assert [c.type for c in children] == ["code_inline"], (markdown, children)
    assert children[0].content == (escape.visible(" ".join(text.split())) or " ")


@settings(max_examples=300, deadline=None)
@given(hostile(8, True))
def test_terminal_xml_and_workflow_text(text: str) -> None:
    assert not raw_hidden(escape.terminal(text), "")
    element = ET.Element("x", a=escape.xml_text(text))
    element.text = escape.xml_text(text)
    read = ET.fromstring(ET.tostring(element, encoding="unicode"))  # valid XML 1.0
    assert (read.text or "") == escape.xml_text(text).replace("\r\n", "\n").replace("\r", "\n")
    assert "\n" not in escape.workflow_data(text) and "\r" not in escape.workflow_data(text)
    prop = escape.workflow_property(text)
    assert not set(prop) & {":", ",", "\n", "\r"}
    assert unescape_workflow(prop) == escape.visible(text, keep="\r\n")
    assert json.loads(escape.json_inert(json.dumps(text, ensure_ascii=False))) == text


@settings(max_examples=25, deadline=None)
@given(hostile(6))
def test_dot_labels_draw_as_valid_svg(text: str) -> None:
    from checker.website.graphs import Edge, Graph, draw

    graph = Graph("g", "t", nodes={"a": text, "b": "B"})
    graph.edges.append(Edge("a", "b", "delegates", None, text))  # type: ignore[arg-type]
    root = ET.fromstring(draw(graph))  # control characters would make it invalid XML
    for element in root.iter():
        assert element.tag.rsplit("}", 1)[-1] != "script"
        assert not [name for name in element.attrib if name.startswith("on")]
