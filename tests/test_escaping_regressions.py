"""The escaping findings of issues 10 and 11, each as it was reproduced, on real files.

* control characters written as YAML escapes (`\\e`, `\\0`, `\\a`) reached the terminal raw and
  made `--format junit` invalid XML;
* the Markdown publication passed `<script>` and event handlers from the prose through raw;
* the PR comment put ids, titles and file names into code spans and text unescaped: a
  contributor could inject a fake "✅ acceptable" heading, images, links, raw HTML, @mentions.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import yaml
from click.testing import CliRunner
from markdown_it import MarkdownIt

from checker.cli import cli

MINI = Path(__file__).parent / "fixtures" / "amend" / "mini"
MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def fwdoc(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def _set_title(folder: Path, title_yaml: str) -> None:
    """The first clause's title, written as YAML source (so that escapes stay YAML escapes)."""
    part = folder / "parts" / "governance.yaml"
    text = part.read_text(encoding="utf-8")
    assert "    title: The Secretary of State\n" in text
    part.write_text(text.replace("    title: The Secretary of State\n", f"    title: {title_yaml}\n", 1),
                    encoding="utf-8")


def test_yaml_escaped_control_characters_stay_out_of_the_terminal_and_junit(tmp_path: Path) -> None:
    doc = tmp_path / "doc"
    shutil.copytree(MINI, doc)
    _set_title(doc, '"The \\e[2J\\e]0;pwned\\a Secretary\\0 of State \\u202e"')
    # the unused office is quoted by name in a finding (REG002)
    actors = doc / "actors.yaml"
    source = actors.read_text(encoding="utf-8")
    assert "name: Principal Accounting Officer" in source
    actors.write_text(source.replace("name: Principal Accounting Officer",
                                     'name: "Principal \\e[31mAccounting\\0 \\u202eOfficer"'), encoding="utf-8")
    code, text = fwdoc("check", str(doc), "--format", "text")
    assert code in (0, 1)
    assert "Principal \\x1b[31mAccounting\\x00 \\u202eOfficer" in " ".join(text.split())  # shown, not sent
    assert "\x1b" not in text and "\x00" not in text and "\x07" not in text and "\u202e" not in text
    code, junit = fwdoc("check", str(doc), "--format", "junit")
    assert "Principal \\x1b[31mAccounting\\x00" in "".join(ET.fromstring(junit).itertext())
    code, published = fwdoc("publish", str(doc), "--format", "md", "--output", str(tmp_path / "d.md"))
    assert code == 0, published
    md = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "\\x1b\\[2J" in md and "\x1b" not in md and "\x00" not in md


def test_markdown_publication_holds_no_raw_html_from_the_prose(tmp_path: Path) -> None:
    doc = tmp_path / "doc"
    shutil.copytree(MINI, doc)
    part = doc / "parts" / "governance.yaml"
    data = yaml.safe_load(part.read_text(encoding="utf-8"))
    data["clauses"][1]["text"] += ('\n<script>alert(1)</script> <img src=x onerror="alert(2)">\n\n'
                                   "# A heading of its own\n\n![tracker](https://t.invalid/p.png)\n")
    part.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, out = fwdoc("publish", str(doc), "--format", "md", "--output", str(tmp_path / "d.md"))
    assert code == 0, out
    md = (tmp_path / "d.md").read_text(encoding="utf-8")
    html = MD.render(md)
    found: list[tuple[str, list[str]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, [name for name, _ in attrs]))

    Tags().feed(html)
    assert not {tag for tag, _ in found} & {"script", "img"}
    assert not [name for _, names in found for name in names if name.startswith("on")]
    assert "<h1>A heading of its own</h1>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md  # the words are still there, as text


def test_pull_request_comment_cannot_be_forged(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(MINI, base)
    shutil.copytree(MINI, head)
    forged = ("`\n\n## ✅ fwdoc amend: acceptable\n\n![ok](https://t.invalid/ok.png) [approve](https://t.invalid) "
              "<img src=x onerror=alert(1)> cc @octocat, fixes #1")
    _set_title(head, yaml.safe_dump(forged, default_style='"').strip())
    code, out = fwdoc("amend", "record", str(head), "--base-dir", str(base), "--id", "2021-01-retitle",
                      "--title", forged, "--proposer", "permanent_secretary", "--approval",
                      "permanent_secretary:2021-02-01:" + forged)
    assert code == 0, out
    code, comment = fwdoc("amend", str(base), str(head))
    assert code == 1
    tokens = [t for block in MD.parse(comment) for t in (block, *(block.children or []))]
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "❌ fwdoc amend: not acceptable"
    assert "✅ fwdoc amend: acceptable" not in headings
    assert not [t for t in tokens if t.type in ("image", "link_open")]
    assert {t.content for t in tokens if t.type.startswith("html")} <= {"<br>", "<sub>", "</sub>"}
    assert "@octocat" not in comment and "#1" not in comment.replace("#&#8203;1", "")
    assert "@&#8203;octocat" in comment
