"""The responsibility matrix's roles (checker/website/roles.py), one DSL snippet a case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.loader import load_document
from checker.website.roles import build_matrix

SMALL = Path(__file__).parent / "fixtures" / "site" / "small"

CASES = [
    # (rules, expected {(thing, actor, role)})
    ("chief_executive must draft business_plan", {("business_plan", "chief_executive", "drafts")}),
    ("chief_executive must prepare annual_report", {("annual_report", "chief_executive", "drafts")}),
    ("chief_executive must submit corporate_plan to permanent_secretary",
     {("corporate_plan", "chief_executive", "drafts")}),
    ("permanent_secretary must endorse corporate_plan", {("corporate_plan", "permanent_secretary", "endorses")}),
    ("treasury may agree agency_budget", {("agency_budget", "treasury", "endorses")}),
    ("minister must approve corporate_plan", {("corporate_plan", "minister", "approves")}),
    # the recipients of consult / inform / notify / report play the role, not the bearer
    ("chief_executive must consult treasury on agency_budget", {("agency_budget", "treasury", "consulted")}),
    ("chief_executive must inform minister of serious_incidents", {("serious_incidents", "minister", "informed")}),
    ("chief_executive must notify minister of serious_incidents", {("serious_incidents", "minister", "informed")}),
    ("chief_executive must report serious_incidents to minister", {("serious_incidents", "minister", "informed")}),
    # the qualifiers give roles too
    ("minister must approve agency_budget with the agreement of treasury",
     {("agency_budget", "minister", "approves"), ("agency_budget", "treasury", "endorses")}),
    ("chief_executive must publish annual_report subject to the approval of minister",
     {("annual_report", "minister", "approves")}),
    ("chief_executive must publish annual_report after consulting permanent_secretary",
     {("annual_report", "permanent_secretary", "consulted")}),
    ("minister must approve corporate_plan after permanent_secretary endorses corporate_plan",
     {("corporate_plan", "minister", "approves"), ("corporate_plan", "permanent_secretary", "endorses")}),
    # relations
    ("chief_executive is responsible for agency_budget", {("agency_budget", "chief_executive", "responsible")}),
    ("chief_executive is accountable to permanent_secretary for agency_performance",
     {("agency_performance", "chief_executive", "accountable")}),
    ("chief_executive is accountable to permanent_secretary", set()),
    # prohibitions and verbs without a role give nothing
    ("minister must not approve agency_budget", set()),
    ("minister may not approve agency_budget", set()),
    ("chief_executive must publish annual_report", set()),
    # an office stands for its holder
    ("agency_accounting_officer must prepare annual_report", {("annual_report", "chief_executive", "drafts")}),
]


def _document(tmp_path: Path, rules: str):
    root = tmp_path / "doc"
    (root / "parts").mkdir(parents=True)
    for name in ("actors.yaml", "objects.yaml"):
        shutil.copy(SMALL / name, root / name)
    (root / "manifest.yaml").write_text(
        "title: T\npublisher: P\nversion: '1'\npublished: 2020-01-01\nstatus: draft\n"
        "review_by: 2030-01-01\nparts: [only]\n", encoding="utf-8")
    body = "\n".join("        " + line for line in rules.splitlines())
    (root / "parts" / "only.yaml").write_text(
        "id: only\nkind: section\ntitle: Only\nclauses:\n  - id: c\n    text: The rule.\n"
        f"    rules: |\n      \"The rule\":\n{body}\n", encoding="utf-8")
    result = load_document(root)
    assert result.document is not None
    assert not [f for f in result.findings if f.code.startswith(("DSL", "NAM"))], result.findings
    return result.document


@pytest.mark.parametrize(("rules", "expected"), CASES, ids=[c[0] for c in CASES])
def test_roles(tmp_path: Path, rules: str, expected: set[tuple[str, str, str]]) -> None:
    matrix = build_matrix(_document(tmp_path, rules))
    found = {(r.thing, r.actor, r.role) for roles in matrix.cells.values() for r in roles}
    assert found == expected


def test_matrix_rows_and_columns_of_the_small_document() -> None:
    document = load_document(SMALL).document
    assert document is not None
    matrix = build_matrix(document)
    # rows sorted by name, columns in register order, only those with a role
    names = [document.object_name(t) for t in matrix.things]
    assert names == sorted(names, key=str.lower)
    assert list(matrix.actors) == [a for a in document.actors if a in matrix.actors]
    assert "parliament" not in matrix.actors
    roles = [(r.role, r.clause) for r in matrix.cells[("corporate_plan", "permanent_secretary")]]
    assert roles == [("endorses", "the-minister"), ("endorses", "the-permanent-secretary")]
