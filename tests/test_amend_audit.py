"""The holes an independent audit of the amendment gate found (issue 10), each attacked again.

Every test here failed on the gate as the audit found it; each stands for one way a
contributor walked a change through without the approvals the document requires.  Where git
matters (how BASE is read), the attack is made in a real git repository
(tests/fixtures/amend/gitrepo.py) on the small fixture document: the main body is amended with
the agreement of the Secretary of State and the Treasury Minister, the annex with that of the
Permanent Secretary and the Chief Executive.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "amend"))
sys.path.insert(0, str(Path(__file__).parent))
from gitrepo import MINI, Repo  # noqa: E402
from test_amend_attacks import (  # noqa: E402
    MAIN_BODY, amend, amend_git, approve_on_behalf, codes, edit_part, folders, fwdoc, main_body_change,
    messages, record,
)


# == 1. a delegation written where the delegator could be bypassed counts for nothing ============
def _framework_amendments(root: Path) -> None:
    with (root / "actors.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  - id: junior_minister\n    name: Junior Minister\n    kind: individual\n")
    with (root / "objects.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  - id: framework_amendments\n    name: amendments to this document\n    kind: document\n")
    edit_part(root, "introduction", lambda d: d.update(
        text=d["text"] + "The Secretary of State and the Treasury Minister may approve amendments.\n",
        rules=d["rules"] + '"may approve amendments":\n'
              "  secretary_of_state and treasury_minister may approve framework_amendments\n"))


def _delegate_in(root: Path, part: str) -> None:
    text = "The Secretary of State may delegate approving amendments to a junior Minister.\n"
    rules = ('"may delegate approving amendments to a junior Minister":\n'
             "  secretary_of_state may delegate approve framework_amendments to junior_minister\n")

    def change(data: dict[str, Any]) -> None:
        node = data["clauses"][0] if part == "annex-a" else data
        node["text"] = node["text"] + text
        node["rules"] = node.get("rules", "") + rules

    edit_part(root, part, change)


@pytest.mark.parametrize("where, honoured", [("annex-a", False), ("introduction", True)])
def test_a_delegation_counts_only_where_the_delegator_must_approve_its_amendment(
        tmp_path: Path, where: str, honoured: bool) -> None:
    """Written in the annex, which the Permanent Secretary and the Chief Executive alone may
    amend, the Secretary of State's "delegation" is not theirs: an approval on their behalf
    counts for neither.  The same words in the introduction (amended only with the Secretary
    of State's approval) are honoured."""
    base, head = folders(tmp_path)
    for root in (base, head):
        _framework_amendments(root)
        _delegate_in(root, where)
    main_body_change(head)
    path = record(base, head, "2021-01-delegated", "treasury_minister")
    approve_on_behalf(path, "junior_minister", "secretary_of_state")
    code, payload, _ = amend(base, head)
    assert payload is not None
    if honoured:
        assert (code, payload["verdict"]) == (0, "acceptable"), payload["findings"]
    else:
        assert code == 1 and payload["verdict"] != "acceptable"
        [refused] = messages(payload, "AMD019")
        assert "on behalf of the Secretary of State" in refused
        assert any("lacks the approval of the Secretary of State" in m for m in messages(payload, "AMD002"))
