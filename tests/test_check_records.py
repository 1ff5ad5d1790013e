"""`fwdoc check` validates the amendment records with the rest of the source."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from checker.cli import main
from tests.conftest import FRAMEWORK


def test_a_malformed_record_is_an_error_with_its_position(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    document = tmp_path / "framework"
    shutil.copytree(FRAMEWORK, document)
    (document / "amendments" / "bad.yaml").write_text("id: bad\ntitle: x\nstatsu: approved\n")
    status = main(["check", str(document), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    mine = [f for f in findings if f["file"].endswith("amendments/bad.yaml")]
    assert status == 1
    assert {"line": 3, "column": 1} == {k: next(f for f in mine if "statsu" in f["message"])[k]
                                        for k in ("line", "column")}
    assert any("did you mean 'status'" in f["message"] for f in mine)
    missing = sorted(f["message"].split("'")[1] for f in mine if "required key" in f["message"])
    assert missing == ["changes", "proposed", "proposer", "status"]
