"""`fwdoc publish`: formats, exit statuses, atomic writes and --as-at, on the fixture document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from checker.cli import main

DOC = Path(__file__).parent / "fixtures" / "render" / "doc"
NEW_TEXT = "The Chief Executive must submit the Business Plan to the Permanent Secretary by the end of October."


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    root = tmp_path / "doc"
    shutil.copytree(DOC, root)
    return root


@pytest.mark.parametrize("fmt, start", [
    ("md", b"# Example Agency Framework Document\n"),
    ("html", b"<!DOCTYPE html>\n"),
    ("pdf", b"%PDF-1.7\n"),
])
def test_each_format_to_a_file(doc: Path, tmp_path: Path, fmt: str, start: bytes,
                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / f"publication.{fmt}"
    out.parent.mkdir()  # fwdoc does not create the folder an output goes into
    assert main(["publish", str(doc), "--format", fmt, "--output", str(out)]) == 0
    assert out.read_bytes().startswith(start)
    assert f"wrote {out} ({fmt}," in capsys.readouterr().err
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # no temporary file left


def test_markdown_to_standard_output(doc: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["publish", str(doc), "--format", "md"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"# Example Agency Framework Document\n")


@pytest.mark.parametrize("args, message", [
    (["--format", "pdf"], "--format pdf needs --output FILE"),
    (["--format", "html", "--as-at", "2020-13-01"], "'2020-13-01' is not a date; expected YYYY-MM-DD"),
    (["--format", "docx"], "'docx' is not one of"),
])
def test_usage_errors_exit_2(doc: Path, args: list[str], message: str,
                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", str(doc), *args]) == 2
    assert message in capsys.readouterr().err


def test_not_a_document_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", str(tmp_path / "missing"), "--format", "md"]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_failed_build_leaves_the_previous_file_and_exits_1(doc: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "publication.html"
    assert main(["publish", str(doc), "--format", "html", "--output", str(out)]) == 0
    before = out.read_bytes()
    part = doc / "parts" / "governance.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace(
        "permanent_secretary chairs board", "permanent_secretary chairs bord"), encoding="utf-8")
    capsys.readouterr()
    assert main(["publish", str(doc), "--format", "html", "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert "has 1 error(s); fix them (see `fwdoc check`) before publishing" in err
    assert "parts/governance.yaml:" in err and "'bord' is not in the actors, offices or objects registers" in err
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".publication")) == []


def test_unwritable_output_exits_2(doc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["publish", str(doc), "--format", "md", "--output", str(blocker / "out.md")]) == 2
    assert f"{blocker} is not a folder" in capsys.readouterr().err


def _amend(doc: Path) -> None:
    """Change clause 1.2's text and record it as amendment a-2021-1, in force 1 January 2021."""
    part = doc / "parts" / "governance.yaml"
    data = yaml.safe_load(part.read_text(encoding="utf-8"))
    planning = data["clauses"][1]
    assert planning["id"] == "planning"
    old = {k: v for k, v in planning.items() if k != "clauses"}
    planning["text"] = NEW_TEXT + "\n"
    planning["rules"] = ('"must submit the Business Plan":\n'
                         "  chief_executive must submit business_plan to permanent_secretary by end of october\n")
    part.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    record = {
        "id": "a-2021-1", "title": "Shorter planning clause", "proposer": "chief_executive",
        "proposed": "2020-11-01", "in_force": "2021-01-01", "status": "in-force",
        "approvals": [{"actor": "minister", "date": "2020-12-01"}],
        "changes": {"added": [], "removed": [], "changed": ["planning"], "moved": []},
        "before": {"clauses": {"planning": old}},
    }
    (doc / "amendments" / "a-2021-1.yaml").write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")


def test_history_table_lists_amendments(doc: Path, tmp_path: Path) -> None:
    _amend(doc)
    out = tmp_path / "now.html"
    assert main(["publish", str(doc), "--format", "html", "--output", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert NEW_TEXT in html
    history = html.split('id="amendment-history"')[1]
    assert ("<tr><td>a-2021-1</td><td>Shorter planning clause</td><td>1 January 2021</td>"
            "<td>Secretary of State (1 December 2020)</td><td>1.2</td></tr>") in history
    assert '<meta name="dcterms.modified" content="2021-01-01">' in html


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_as_at_publishes_the_document_as_it_stood(doc: Path, tmp_path: Path, fmt: str) -> None:
    _amend(doc)
    then = tmp_path / f"then.{fmt}"
    assert main(["publish", str(doc), "--format", fmt, "--as-at", "2020-06-01", "--output", str(then)]) == 0
    text = then.read_text(encoding="utf-8")
    assert NEW_TEXT not in text
    assert "the first step, a plan" in text
    assert "No amendments have been made" in text
    later = tmp_path / f"later.{fmt}"
    assert main(["publish", str(doc), "--format", fmt, "--as-at", "2021-06-01", "--output", str(later)]) == 0
    assert NEW_TEXT in later.read_text(encoding="utf-8")
