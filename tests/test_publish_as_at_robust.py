"""`publish --as-at` never passes today's text off as the past (audit-robust 9).

The past is rebuilt by undoing the amendment records; a record that cannot be read or is not
valid would be left out, so the command refuses (exit 2, naming the record) instead."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SMALL = Path(__file__).parent / "fixtures" / "site" / "small"


def publish(doc: Path, day: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["fwdoc", "publish", str(doc), "--format", "md", "--as-at", day],
                          capture_output=True, text=True, timeout=300)


def record(doc: Path) -> Path:
    return sorted((doc / "amendments").glob("*.yaml"))[0]


@pytest.mark.parametrize("damage", [
    lambda text: text + "id: [\n",                                        # invalid YAML
    lambda text: text.replace("status:", "status: bogus\nold_status:", 1),  # not valid
    lambda text: text + "foo: bar\n",                                     # an unknown key
])
def test_a_broken_record_refuses_as_at(tmp_path: Path, damage: object) -> None:
    doc = tmp_path / "doc"
    shutil.copytree(SMALL, doc)
    assert publish(doc, "2020-05-01").returncode == 0
    path = record(doc)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    result = publish(doc, "2020-05-01")
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert f"amendments/{path.name}" in result.stderr and "cannot publish the document as at" in result.stderr
    assert result.stdout == ""


def test_an_amendments_folder_linked_out_refuses_as_at(tmp_path: Path) -> None:
    doc = tmp_path / "doc"
    shutil.copytree(SMALL, doc)
    (doc / "amendments").rename(tmp_path / "elsewhere")
    (doc / "amendments").symlink_to("../elsewhere")
    result = publish(doc, "2020-05-01")
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
