"""Property-based attacks on the gate: whatever a contributor writes into a record or a manifest,
the verdict is right or the gate says it could not judge (AmendError, exit status 2); it is
never "acceptable" for a main-body change the main body's approvers did not approve.

The document is the small fixture (tests/fixtures/amend/mini): the main body is amended with
the agreement of the Secretary of State and the Treasury Minister.  The genuine record of a
main-body change (written by `fwdoc amend record`, both approvals) is acceptable; hypothesis
mutates it, or the manifest, or a merged record, every way a YAML file can be written.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.amend.guard import AmendError
from checker.amend.judge import Judgement, judge
from checker.cli import cli

MINI = Path(__file__).parent / "fixtures" / "amend" / "mini"
MAIN_BODY = {"secretary_of_state", "treasury_minister"}
RECORD = "2021-01-plan"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _main_body_change(root: Path) -> None:
    path = root / "parts" / "governance.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    minister = data["clauses"][0]
    minister["text"] = minister["text"].replace("The Secretary of State approves", "The Permanent Secretary approves")
    minister["rules"] = minister["rules"].replace("secretary_of_state must approve", "permanent_secretary must approve")
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def genuine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    """(base, head, the genuine record's data): head holds the main-body change and its record."""
    tmp = tmp_path_factory.mktemp("genuine")
    base, head = tmp / "base", tmp / "head"
    shutil.copytree(MINI, base)
    shutil.copytree(MINI, head)
    _main_body_change(head)
    args = ["amend", "record", str(head), "--base-dir", str(base), "--id", RECORD, "--title", "Plan approval",
            "--proposer", "chief_executive", "--proposed", "2021-01-04", "--in-force", "2021-04-01",
            "--status", "approved"]
    for actor in sorted(MAIN_BODY):
        args += ["--approval", f"{actor}:2021-02-01:Letter"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    path = head / "amendments" / f"{RECORD}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.unlink()
    return base, head, data


@contextmanager
def _copies(base: Path, head: Path) -> Iterator[tuple[Path, Path]]:
    with tempfile.TemporaryDirectory(prefix="fwdoc-prop-") as tmp:
        shutil.copytree(base, Path(tmp) / "base")
        shutil.copytree(head, Path(tmp) / "head")
        yield Path(tmp) / "base", Path(tmp) / "head"


def _verdict(base: Path, head: Path) -> Judgement | None:
    """The judgement, or None when the gate could not judge (exit status 2)."""
    try:
        return judge(base, head)
    except AmendError:
        return None


def _approved_by_the_main_body(data: Any) -> bool:
    """What a record must say for a main-body change to be let in (no delegation in this document)."""
    if not isinstance(data, dict) or data.get("status") not in ("approved", "in-force"):
        return False
    approvals = data.get("approvals")
    if not isinstance(approvals, list):
        return False
    direct = {a.get("actor") for a in approvals if isinstance(a, dict) and "on_behalf_of" not in a}
    return MAIN_BODY <= direct


# -- strategies ---------------------------------------------------------------------------------
NAMES = st.sampled_from(["secretary_of_state", "treasury_minister", "permanent_secretary", "chief_executive",
                         "parliament", "principal_accounting_officer", "nobody", "Secretary_Of_State",
                         "secretary_of_state.deputy", ""])
DATES = st.sampled_from(["2021-02-01", "2020-01-01", "2021-04-01", "2022-12-31", "2021-13-45", "yesterday"])
JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8)
APPROVAL = st.fixed_dictionaries({"actor": NAMES, "date": DATES},
                                 optional={"reference": st.text(max_size=12), "on_behalf_of": NAMES})
CLAUSES = st.lists(st.sampled_from(["the-minister", "the-chief-executive", "delegations", "governance",
                                    "introduction", "no-such-clause"]), max_size=3)


@st.composite
def records(draw: st.DrawFn, genuine: dict[str, Any]) -> Any:
    """The genuine record, mutated field by field, or replaced by anything at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(JUNK)
    data = copy.deepcopy(genuine)
    if draw(st.booleans()):
        data["approvals"] = draw(st.lists(APPROVAL, max_size=4) | JUNK)
    if draw(st.booleans()):
        data["status"] = draw(st.sampled_from(["proposed", "approved", "in-force", "rejected", "withdrawn"]) | JUNK)
    if draw(st.booleans()):
        data["changes"] = draw(st.fixed_dictionaries({}, optional={k: CLAUSES for k in
                                                                   ("added", "removed", "changed", "moved")}) | JUNK)
    if draw(st.booleans()):
        data["before"] = draw(st.just({}) | JUNK | st.just(None))
    if draw(st.booleans()):
        data["id"] = draw(st.sampled_from(["2021-01-other", RECORD.upper(), "../2021-01-plan"]))
    for key in draw(st.lists(st.sampled_from(["title", "proposer", "proposed", "in_force", "summary"]), max_size=2)):
        if draw(st.booleans()):
            data.pop(key, None)
        else:
            data[key] = draw(JUNK)
    return data


def _write(path: Path, data: Any, raw: bool) -> None:
    if raw and isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


# -- the properties -----------------------------------------------------------------------------
def test_the_genuine_record_is_acceptable(genuine: tuple[Path, Path, dict[str, Any]]) -> None:
    """The properties below are not vacuous: the unmutated record lets the change in."""
    base, head, data = genuine
    with _copies(base, head) as (b, h):
        _write(h / "amendments" / f"{RECORD}.yaml", data, raw=False)
        j = _verdict(b, h)
        assert j is not None and j.acceptable, j and [f.message for f in j.blocking]


@SETTINGS
@given(data=st.data())
def test_any_record_yields_a_right_verdict_or_could_not_judge(genuine: tuple[Path, Path, dict[str, Any]],
                                                                data: st.DataObject) -> None:
    base, head, record = genuine
    mutated = data.draw(records(record))
    raw = data.draw(st.booleans()) and isinstance(mutated, str)
    with _copies(base, head) as (b, h):
        _write(h / "amendments" / f"{RECORD}.yaml", mutated, raw)
        j = _verdict(b, h)
        if j is not None and j.acceptable:
            assert _approved_by_the_main_body(mutated), mutated
            assert not j.diff.empty and j.records


@SETTINGS
@given(data=st.data())
def test_any_manifest_is_acceptable_only_when_it_says_what_base_says(genuine: tuple[Path, Path, dict[str, Any]],
                                                                     data: st.DataObject) -> None:
    base, _, _ = genuine
    original = yaml.safe_load((base / "manifest.yaml").read_text(encoding="utf-8"))
    manifest: Any = copy.deepcopy(original)
    choice = data.draw(st.integers(0, 4))
    if choice == 0:
        manifest = data.draw(JUNK)
    elif choice == 1:
        manifest["parts"] = data.draw(st.lists(st.sampled_from(
            ["introduction", "governance", "annex-a", "../annex-a", "/tmp/x", "annex-b", "Governance", ""]),
            max_size=4) | JUNK)
    elif choice == 2:
        manifest["amendments"] = data.draw(st.sampled_from(
            ["amendments", "amendments/", "./amendments", "..", "../amendments", "/tmp", "parts", "", "elsewhere"]) | JUNK)
    elif choice == 3:
        key = data.draw(st.sampled_from(sorted(original)))
        manifest[key] = data.draw(JUNK)
    else:
        manifest = data.draw(st.text(max_size=40))
    with _copies(base, base) as (b, h):
        _write(h / "manifest.yaml", manifest, raw=isinstance(manifest, str))
        j = _verdict(b, h)
        if j is not None and j.acceptable:
            now = yaml.safe_load((h / "manifest.yaml").read_text(encoding="utf-8"))
            same = {k: v for k, v in now.items() if k != "amendments"} == \
                {k: v for k, v in original.items() if k != "amendments"}
            folder = now.get("amendments")  # blank or absent: the default folder
            folder = folder.strip().rstrip("/") if isinstance(folder, str) and folder.strip() else "amendments"
            assert same and folder == "amendments", now


@SETTINGS
@given(data=st.data())
def test_a_merged_record_only_goes_in_force(genuine: tuple[Path, Path, dict[str, Any]], data: st.DataObject) -> None:
    """BASE holds the amended document and its record; HEAD changes nothing but the record."""
    _, head, record = genuine
    mutated = data.draw(records(record))
    with _copies(head, head) as (b, h):
        _write(b / "amendments" / f"{RECORD}.yaml", record, raw=False)
        _write(h / "amendments" / f"{RECORD}.yaml", mutated, raw=False)
        j = _verdict(b, h)
        if j is not None and j.acceptable:
            allowed = copy.deepcopy(record)
            if isinstance(mutated, dict) and mutated.get("status") == "in-force":
                allowed["status"] = "in-force"
            assert mutated == allowed, mutated
