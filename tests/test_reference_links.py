"""Every code any output can name has a reference page (docs/checks/CODE.md, and the site's
reference/checks/CODE.html), and every link an output makes to one points at a page that exists:
no 404.  The codes come from every registry (the registered checks, the loader's and engine's
table, the amendment gate's table) and, as a net under them, from every "ABC123" literal in the
engine's source."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.amend.codes import CODES as AMEND_CODES
from checker.checks import REGISTRY
from checker.checks.codes import OTHER_CODES
from checker.checks.reference import catalogue, reference_pages
from checker.cli import cli
from checker.findings import Finding, Location, Severity
from checker.formats import Report, help_base_of, help_uri
from checker.formats import sarif as sarif_format
from tests.conftest import REPO

DOCS = REPO / "docs" / "checks"
MINI = Path(__file__).parent / "fixtures" / "amend" / "mini"


def every_code() -> set[str]:
    registries = set(REGISTRY) | {d.code for d in OTHER_CODES} | set(AMEND_CODES)
    literals = set()
    for path in (REPO / "checker").rglob("*.py"):
        literals |= set(re.findall(r'"([A-Z]{3}\d{3})"', path.read_text(encoding="utf-8")))
    return registries | literals


@pytest.mark.parametrize("code", sorted(every_code()))
def test_every_code_has_a_page(code: str) -> None:
    assert code in catalogue()
    page = DOCS / f"{code}.md"
    assert page.is_file(), f"{page} is missing: run python -m checker.checks.reference docs/checks"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!-- generated") and f"# {code} " in text and "## Why it matters" in text
    assert f"]({code}.md)" in (DOCS / "index.md").read_text(encoding="utf-8")
    assert f"{code}.md" in reference_pages()  # the site builds its reference/checks/ from these


def test_amendment_pages_say_where_they_come_from() -> None:
    for code in AMEND_CODES:
        text = (DOCS / f"{code}.md").read_text(encoding="utf-8")
        assert "reported by `fwdoc amend`" in text and "](../amendments.md)" in text
        assert (DOCS / "../amendments.md").resolve().is_file()


def test_help_uri() -> None:
    assert help_uri("CON001") == "docs/checks/CON001.md"
    assert help_uri("CON001", "https://example.org/fw/") == "https://example.org/fw/reference/checks/CON001.html"
    assert help_base_of("https://a.example", "https://b.example") == "https://a.example"
    assert help_base_of(None, "https://b.example") == "https://b.example"
    assert help_base_of(None, None) == ""


def _sarif_uris(payload: dict) -> list[str]:
    return [rule["helpUri"] for run in payload["runs"] for rule in run["tool"]["driver"]["rules"]]


def test_sarif_rules_link_to_real_pages() -> None:
    findings = [Finding(code, "x", Severity.WARNING, "m", (Location("a.yaml", 1, 1),)) for code in sorted(every_code())]
    payload = json.loads(sarif_format.render(Report(findings, {}, "doc")))
    uris = _sarif_uris(payload)
    assert len(uris) == len(every_code())
    for uri in uris:
        assert uri.startswith("docs/checks/") and (REPO / uri).is_file(), uri
    text = json.dumps(payload)
    assert ".invalid" not in text and "informationUri" not in text  # no placeholder host
    linked = json.loads(sarif_format.render(Report(findings, {}, "doc", help_base="https://example.org/fw")))
    assert all(u.startswith("https://example.org/fw/reference/checks/") and u.endswith(".html")
               for u in _sarif_uris(linked))
    assert linked["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/fw/reference/checks/index.html"


def test_the_commands_pass_the_base_url(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(MINI), "--format", "sarif", "--help-base-url",
                                      "https://example.org/fw"])
    uris = _sarif_uris(json.loads(result.stdout))
    assert uris and all(u.startswith("https://example.org/fw/reference/checks/") for u in uris)
    shutil.copytree(MINI, tmp_path / "base")
    shutil.copytree(MINI, tmp_path / "head")
    part = tmp_path / "head" / "parts" / "governance.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("publishes the Annual Report.",
                                                             "publishes the Annual Report each year."),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["amend", str(tmp_path / "base"), str(tmp_path / "head"), "--format", "sarif"])
    uris = _sarif_uris(json.loads(result.stdout))
    assert "docs/checks/AMD001.md" in uris
    assert all((REPO / u).is_file() for u in uris)
