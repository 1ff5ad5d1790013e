"""The parts of `fwdoc amend`, on a small fixture document (tests/fixtures/amend/mini).

Data-driven: each case is an edit of the fixture and what the amend machinery must say
about it.  The before-images are also tested as a property: for any sequence of edits,
restoring the before-image of (base, head) onto head gives base back.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checker.amend.approvals import requirements, selects
from checker.amend.diff import WordOp, diff_sources, word_diff
from checker.amend.judge import judge, new_findings
from checker.amend.records import load_records
from checker.amend.semantic import rule_diff
from checker.amend.tree import Register, SourceTree, before_image, load_tree, restore, same_source
from checker.findings import Finding, Location, Severity
from checker.loader import load_document

MINI = Path(__file__).parent / "fixtures" / "amend" / "mini"


def copy(tmp: Path, name: str) -> Path:
    target = tmp / name
    shutil.copytree(MINI, target)
    return target


def edit_part(root: Path, part: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = root / "parts" / f"{part}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def set_rules(root: Path, clause: str, old: str, new: str) -> None:
    def change(data: dict[str, Any]) -> None:
        for node in [data, *data.get("clauses", [])]:
            if node["id"] == clause:
                assert old in node["rules"], node["rules"]
                node["rules"] = node["rules"].replace(old, new)

    part = "introduction" if clause == "introduction" else "governance"
    edit_part(root, part, change)


# -- the semantic diff, in words ----------------------------------------------------------------
SEMANTIC_CASES = [
    ("the-minister", "secretary_of_state must approve", "permanent_secretary must approve",
     "Changed: approval of the Corporate Plan moves from the Secretary of State to the Permanent Secretary."),
    ("the-chief-executive", "chief_executive must publish", "chief_executive may publish",
     "Changed: the Chief Executive's duty to publish the Annual Report becomes a power (must → may)."),
    ("the-chief-executive", "chief_executive reports to permanent_secretary",
     "chief_executive reports to secretary_of_state",
     "Changed: The Chief Executive reports to the Secretary of State, instead of the Permanent Secretary."),
    ("the-minister", "approve corporate_plan annually", "approve corporate_plan",
     "Changed: The Secretary of State must approve the Corporate Plan (before: each year; now: no conditions)."),
    ("introduction", "annexes require agreement of permanent_secretary and chief_executive",
     "annexes require agreement of chief_executive",
     "Changed: amendments to the annexes need the agreement of the Chief Executive, instead of the "
     "Permanent Secretary and the Chief Executive."),
    ("the-minister", "  secretary_of_state is accountable to parliament\n", "",
     "Removed: The Secretary of State is accountable to Parliament."),
    ("the-minister", "annually\n", "annually\n    permanent_secretary must approve annual_report\n",
     "Added: The Permanent Secretary must approve the Annual Report."),
]


@pytest.mark.parametrize("clause, old, new, expected", SEMANTIC_CASES)
def test_rule_changes_in_words(tmp_path: Path, clause: str, old: str, new: str, expected: str) -> None:
    head = copy(tmp_path, "head")
    set_rules(head, clause, old, new)
    base_doc, head_doc = load_document(MINI).document, load_document(head).document
    assert base_doc and head_doc
    assert [c.line for c in rule_diff(base_doc, head_doc)] == [expected]


def test_a_rule_moved_or_reworded_without_changing_its_meaning_is_no_change(tmp_path: Path) -> None:
    head = copy(tmp_path, "head")
    set_rules(head, "the-minister", "secretary_of_state must approve corporate_plan annually",
              "secretary_of_state must approve corporate_plan\n    annually   # reworded over two lines")
    base_doc, head_doc = load_document(MINI).document, load_document(head).document
    assert base_doc and head_doc
    assert rule_diff(base_doc, head_doc) == []


# -- word diff ----------------------------------------------------------------------------------
WORD_CASES = [
    ("a b c d", "a b x d", [("=", "a b "), ("-", "c"), ("+", "x"), ("=", " d")]),
    ("", "new words", [("+", "new words")]),
    ("old words", "", [("-", "old words")]),
    ("agreed by the Lord Chancellor and the Chief Secretary, and published",
     "agreed by the Director General, and published",
     [("=", "agreed by the "), ("-", "Lord Chancellor and the Chief Secretary,"), ("+", "Director General,"),
      ("=", " and published")]),
]


@pytest.mark.parametrize("before, after, ops", WORD_CASES)
def test_word_diff(before: str, after: str, ops: list[tuple[str, str]]) -> None:
    assert word_diff(before, after) == tuple(WordOp(o, t) for o, t in ops)


def test_word_diff_elides_long_unchanged_stretches() -> None:
    words = " ".join(f"w{i}" for i in range(100))
    ops = word_diff(words + " end", words + " finish")
    assert [o.op for o in ops] == ["…", "=", "-", "+"]
    assert ops[1].text == "w92 w93 w94 w95 w96 w97 w98 w99 "  # eight words of context


# -- approvals from the base's amendment rules ---------------------------------------------------
def test_every_amendment_rule_that_covers_a_part_applies(tmp_path: Path) -> None:
    """Approvals add up, as the text reads: a part-specific rule does not displace the rules on
    the annexes or the whole document; the most specific rule's approvers come first."""
    head = copy(tmp_path, "head")
    set_rules(head, "introduction", "amendments to annexes require",
              "amendments to annex-a require agreement of secretary_of_state\n"
              "    amendments to whole_document require agreement of parliament\n"
              "    amendments to annexes require")
    doc = load_document(head).document
    assert doc is not None
    annex, section = doc.part_by_id["annex-a"], doc.part_by_id["governance"]
    assert [selects(s, annex) for s in ("annex-a", "annexes", "main_body", "whole_document")] == [3, 2, 0, 1]
    assert [selects(s, section) for s in ("annex-a", "annexes", "main_body", "whole_document")] == [0, 0, 2, 1]
    reqs = requirements(doc, doc, {"annex-a": ["delegations"], "governance": ["the-minister"]})
    assert [(r.part, r.approvers) for r in reqs] == [
        ("governance", ("secretary_of_state", "treasury_minister", "parliament")),
        ("annex-a", ("secretary_of_state", "permanent_secretary", "chief_executive", "parliament"))]
    assert [len(r.rules) for r in reqs] == [2, 3]


def test_an_office_approves_as_its_holder(tmp_path: Path) -> None:
    base, head = copy(tmp_path, "base"), copy(tmp_path, "head")
    edit_part(head, "annex-a", lambda d: d["clauses"][0].update(text=d["clauses"][0]["text"] + "More.\n"))
    (head / "amendments" / "a-1.yaml").write_text(
        "id: a-1\ntitle: More\nproposer: chief_executive\nproposed: 2021-01-01\nin_force: 2021-03-01\n"
        "status: approved\napprovals:\n  - {actor: principal_accounting_officer, date: 2021-02-01}\n"
        "  - {actor: chief_executive, date: 2021-02-01}\nchanges:\n  changed: [delegations]\n"
        "  rules_reviewed: [delegations]\n", encoding="utf-8")
    j = judge(base, head)
    assert [f.code for f in j.findings] == ["AMD012"]  # hand-written: no before-images
    assert [(a.actor, a.given) for a in j.approvals] == [("permanent_secretary", True), ("chief_executive", True)]


# -- findings: introduced, or already there ------------------------------------------------------
def _f(code: str, message: str, clause: str = "c") -> Finding:
    return Finding(code, "x", Severity.WARNING, message, (Location("parts/p.yaml", 1, 1, clause),))


def test_findings_already_in_base_are_not_blamed_even_when_renumbered() -> None:
    base = [_f("A", "clause 2.1.4 is odd"), _f("B", "Annex C paragraph 3 is odd"), _f("C", "gone")]
    head = [_f("A", "clause 2.1.5 is odd"), _f("B", "Annex D paragraph 3 is odd"), _f("D", "new")]
    introduced, fixed = new_findings(base, head)
    assert [f.code for f in introduced] == ["D"]
    assert fixed == 1
    # a second finding like one BASE had once is new
    introduced, _ = new_findings(base[:1], [base[0], base[0]])
    assert len(introduced) == 1


# -- records ------------------------------------------------------------------------------------
RECORD_CASES = [
    ("id: x-1\ntitle: T\nproposer: chief_executive\nproposed: 2021-01-01\nstatus: approved\nchanges: {}\n",
     "SCH001", "the required key 'in_force' is missing"),
    ("id: x-1\ntitle: T\nproposer: chief_executive\nproposed: 2021-01-01\nstatus: agreed\nchanges: {}\n",
     "SCH001", "'agreed' is not allowed"),
    ("id: x-2\ntitle: T\nproposer: chief_executive\nproposed: 2021-01-01\nstatus: proposed\nchanges: {}\n",
     "AMD010", "has id 'x-2'; expected 'x-1'"),
    ("id: x-1\ntitle: T\nproposer: chief_executive\nproposed: 2021-01-01\nstatus: proposed\n"
     "changes: {changed: [a]}\nnotes: hi\n", "SCH001", "unknown key 'notes'"),
]


@pytest.mark.parametrize("text, code, message", RECORD_CASES)
def test_bad_records_are_findings_with_a_place(tmp_path: Path, text: str, code: str, message: str) -> None:
    root = copy(tmp_path, "doc")
    (root / "amendments" / "x-1.yaml").write_text(text, encoding="utf-8")
    records = load_records(root)
    assert records.records == [] or code == "AMD010"
    [problem] = [f for f in records.findings if f.code == code and message in f.message]
    assert problem.location.file == "amendments/x-1.yaml" and problem.location.line >= 1


# -- before-images: a property ------------------------------------------------------------------
def _edits() -> st.SearchStrategy[list[tuple[str, int, str]]]:
    kinds = st.sampled_from(["text", "remove", "add", "swap", "actor", "manifest", "part"])
    return st.lists(st.tuples(kinds, st.integers(0, 5), st.text("abc \n", max_size=12)), max_size=6)


def _apply(tree: SourceTree, edits: list[tuple[str, int, str]]) -> None:
    for n, (kind, index, text) in enumerate(edits):
        nodes = [node for node, _, _ in tree.walk()]
        node = nodes[index % len(nodes)]
        parents = [p for p in nodes if tree.children.get(p)]
        if kind == "text":
            tree.nodes[node]["text"] = text
        elif kind == "remove" and tree.children.get(parents[index % len(parents)] if parents else ""):
            parent = parents[index % len(parents)]
            tree.children[parent].pop(index % len(tree.children[parent]))
        elif kind == "add":
            new = f"new-{n}"
            tree.nodes[new] = {"id": new, "text": text}
            tree.children.setdefault(node, []).insert(0, new)
            tree.children[new] = []
        elif kind == "swap" and parents:
            kids = tree.children[parents[index % len(parents)]]
            kids.reverse()
        elif kind == "actor" and tree.registers.setdefault("actors", Register()).order:
            # once every actor is removed there is none left to edit or remove
            reg = tree.registers["actors"]
            actor = reg.order[index % len(reg.order)]
            if text:
                reg.entries[actor] = {**reg.entries[actor], "description": text}
            else:
                reg.order.remove(actor)
                del reg.entries[actor]
        elif kind == "manifest":
            tree.manifest["version"] = text or "2"
        elif kind == "part":
            part = f"annex-new-{n}"
            tree.nodes[part] = {"id": part, "kind": "annex", "title": text or "T"}
            tree.children[part] = []
            tree.manifest["parts"] = [*tree.parts, part]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=_edits(), second=_edits())
# every actor removed, then one more actor edit (the register is empty)
@example(first=[("actor", 0, "")] * 6, second=[("actor", 1, "x")])
def test_before_images_give_the_earlier_tree_back(first: list[tuple[str, int, str]],
                                                 second: list[tuple[str, int, str]]) -> None:
    original = load_tree(MINI)
    middle = original.copy()
    _apply(middle, first)
    last = middle.copy()
    _apply(last, second)
    one, two = before_image(original, middle), before_image(middle, last)
    back = last.copy()
    restore(back, two)
    assert same_source(back, middle)
    restore(back, one)
    assert same_source(back, original)


def test_diff_of_the_source(tmp_path: Path) -> None:
    head = copy(tmp_path, "head")

    def change(data: dict[str, Any]) -> None:
        data["clauses"].reverse()
        data["clauses"][0]["text"] += "It also lays the report before Parliament.\n"

    edit_part(head, "governance", change)
    base_tree, head_tree = load_tree(MINI), load_tree(head)
    diff = diff_sources(base_tree, head_tree, load_document(MINI).document, load_document(head).document)
    kinds = {c.clause: (c.kind, c.moved, c.before_label, c.after_label) for c in diff.changes}
    # of two swapped clauses one moved (the other kept its place among its siblings)
    assert kinds == {"the-chief-executive": ("changed", True, "1.2", "1.1")}
    assert [(r.clause, r.before, r.after) for r in diff.renumbered] == [
        ("the-chief-executive", "1.2", "1.1"), ("the-minister", "1.1", "1.2")]


def test_every_amendment_code_is_documented() -> None:
    from checker.amend.codes import CODES

    docs = Path(__file__).resolve().parents[1] / "docs"
    # amendments-gate.md holds what the gate guarantees, with its codes, until the lead merges it
    doc = "".join((docs / name).read_text(encoding="utf-8") for name in ("amendments.md", "amendments-gate.md"))
    for code, (name, severity, help_text) in CODES.items():
        assert f"| {code} | {name} | {severity} |" in doc, code
        assert help_text.endswith(".") and len(help_text.split()) >= 8, code


def test_a_part_file_that_cannot_be_read_is_reported_not_diffed(tmp_path: Path) -> None:
    base, head = copy(tmp_path, "base"), copy(tmp_path, "head")
    (head / "parts" / "governance.yaml").write_text("id: governance\nclauses: [\n", encoding="utf-8")
    (head / "amendments" / "a-1.yaml").write_text(
        "id: a-1\ntitle: T\nproposer: chief_executive\nproposed: 2021-01-01\nstatus: proposed\n"
        "changes: {changed: [the-minister]}\n", encoding="utf-8")
    j = judge(base, head)
    assert not j.acceptable
    [syntax] = [f for f in j.introduced if f.code == "SRC008"]
    assert syntax.location.file == "parts/governance.yaml" and syntax.location.line == 3
    assert not [f for f in j.findings if f.code in ("AMD003", "AMD004", "AMD012")]
