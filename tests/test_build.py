"""`fwdoc build`: the main job (check, SARIF report, HTML/PDF/Markdown publication, website)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checker.cli import main

SMALL = Path(__file__).parent / "fixtures" / "site" / "small"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    """`fwdoc build` run once from a working folder with the default output, build/."""
    work = tmp_path_factory.mktemp("work")
    capture = pytest.MonkeyPatch()
    capture.chdir(work)
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["build", str(SMALL), "--today", "2024-01-01"])
    capture.undo()
    return work / "build", status, out.getvalue() + err.getvalue()


def test_a_document_with_warnings_is_published_whole(built: tuple[Path, int, str]) -> None:
    out, status, printed = built
    assert status == 0, printed
    assert "check: 0 errors, 1 warning, 0 notes, 0 accepted" in printed
    for line in ("sarif: build/fwdoc.sarif", "html: build/small.html", "pdf: build/small.pdf",
                 "markdown: build/small.md", "site: build/site/index.html"):
        assert line in printed, printed


def test_the_publications(built: tuple[Path, int, str]) -> None:
    out = built[0]
    assert (out / "small.pdf").read_bytes().startswith(b"%PDF-")
    assert "Example Agency Framework Document" in (out / "small.html").read_text(encoding="utf-8")
    assert "Example Agency Framework Document" in (out / "small.md").read_text(encoding="utf-8")
    assert (out / "site" / "actors" / "permanent_secretary.html").is_file()


def test_the_sarif_report(built: tuple[Path, int, str]) -> None:
    report = json.loads((built[0] / "fwdoc.sarif").read_text(encoding="utf-8"))
    assert report["version"] == "2.1.0"
    results = report["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["DAT001"]
    assert results[0]["level"] == "warning"


def test_errors_stop_the_job_after_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "doc"
    shutil.copytree(SMALL, broken)
    part = broken / "parts" / "planning.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("chief_executive must draft", "cheif_executive must draft"),
                    encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(broken), "--output", str(out), "--today", "2024-01-01"]) == 1
    printed = capsys.readouterr()
    assert "NAM001" in printed.err and "nothing was published" in printed.err
    assert "cheif_executive" in printed.err
    assert sorted(p.name for p in out.iterdir()) == ["fwdoc.sarif"]
    results = json.loads((out / "fwdoc.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert "NAM001" in [r["ruleId"] for r in results]


def test_a_folder_that_is_not_a_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes").mkdir()
    assert main(["build", str(tmp_path / "notes"), "--output", str(tmp_path / "out")]) == 1
    assert "no manifest.yaml" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
