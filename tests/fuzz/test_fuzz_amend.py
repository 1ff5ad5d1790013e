"""Fuzz target: the amendment gate (checker/amend: judge and its reports), the part of fwdoc that
reads pull requests from outsiders.  BASE is tests/fixtures/amend/mini; HEAD is the same document
with fuzzed fields and records.  `judge` raises AmendError (a LoadError: exit 2, "could not
judge") when HEAD is not a document it can judge, with the file and position; otherwise each
report renders, json parses, SARIF validates, GitHub gets one workflow
command a finding plus the verdict."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from pathlib import Path

from checker.amend.guard import AmendError
from checker.amend.judge import Judgement, judge
from checker.amend.report import FORMATS
from checker.checks.base import Context
from tests.fuzz.harness import fuzz, screened
from tests.fuzz.outputs import sarif_validator
from tests.fuzz.strategies import MINI, documents, write


@fuzz(documents(), examples=40)
def test_fuzz_amendment_gate(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base, head = Path(tmp) / "base", Path(tmp) / "head"
        shutil.copytree(MINI, base)
        write(head, files)
        with screened():
            try:
                judgement = judge(base, head, context=Context(today=date(2024, 1, 1)))
            except AmendError as err:  # could not judge: it must say where and why
                assert str(err).startswith("could not judge") and ("yaml" in str(err) or "parts/" in str(err)), str(err)
                return
            reports = {name: render(judgement) for name, render in FORMATS.items()}
    assert isinstance(judgement, Judgement) and isinstance(judgement.acceptable, bool)
    assert all(isinstance(text, str) and text.strip() for text in reports.values())
    assert json.loads(reports["json"])["acceptable"] == judgement.acceptable
    errors = sorted(sarif_validator().iter_errors(json.loads(reports["sarif"])), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    commands = [line for line in reports["github"].split("\n") if line.startswith("::")]
    from checker.formats.github import capped

    shown = capped([*judgement.findings, *judgement.introduced])[0]  # ten of a kind, then the verdict
    assert len(commands) == len(shown) + 1, reports["github"][:2000]
