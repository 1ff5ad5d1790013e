"""docs/editors.md says what is true: its VS Code problem matcher reads every finding of `fwdoc
check`'s text output, its table of schemas names every schema, the codes it lists exist; and
`fwdoc init --schemas` refreshes the copies it describes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from checker.load import schemafiles
from tests.conftest import REPO

DOC = REPO / "docs" / "editors.md"
MINIMAL = REPO / "tests" / "fixtures" / "docs" / "minimal"


def json_blocks() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return [re.sub(r"^ {3}", "", b, flags=re.M) for b in re.findall(r"^ *```json\n(.*?)^ *```$", text, re.M | re.S)]


def test_every_json_example_parses() -> None:
    blocks = json_blocks()
    assert len(blocks) >= 3
    for block in blocks:
        json.loads(block)


def test_the_problem_matcher_reads_every_finding(tmp_path: Path) -> None:
    tasks = next(json.loads(b) for b in json_blocks() if '"problemMatcher"' in b)
    (task,) = tasks["tasks"]
    matcher = task["problemMatcher"]
    file_pattern, line_pattern = matcher["pattern"]
    doc = tmp_path / "framework"
    shutil.copytree(MINIMAL, doc)
    part = doc / "parts" / "governance.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("kind: section", "kind: sektion"), encoding="utf-8")
    env = {**os.environ, **task["options"]["env"]}
    args = task["command"].split()
    assert args[:3] == ["fwdoc", "check", "framework"]
    text = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True).stdout
    found = set()
    current = None
    for line in text.splitlines():
        head = re.match(file_pattern["regexp"], line)
        if head:
            current = head.group(file_pattern["file"])
            continue
        match = re.match(line_pattern["regexp"], line)
        if match and current:
            found.add((current, int(match.group(line_pattern["line"])), int(match.group(line_pattern["column"])),
                       match.group(line_pattern["severity"]), match.group(line_pattern["code"])))
    data = json.loads(subprocess.run([*args, "--format", "json"], cwd=tmp_path, capture_output=True,
                                     text=True).stdout)
    expected = {(f["file"], f["line"], f["column"], f["severity"], f["code"]) for f in data["findings"]
                if f["file"].endswith(".yaml")}
    assert expected and found == expected
    assert any(code == "SCH001" for *_, code in found)


def test_the_schema_table_names_every_schema() -> None:
    text = DOC.read_text(encoding="utf-8")
    for kind in schemafiles.KINDS:
        assert f"`{schemafiles.schema_name(kind)}`" in text


def test_the_codes_it_names_exist() -> None:
    from checker.checks.reference import catalogue

    known = set(catalogue())
    text = DOC.read_text(encoding="utf-8")
    codes = set(re.findall(r"\b([A-Z]{3}\d{3})\b", text))
    assert {"SCH002", "SCH003", "SCH004", "DSL001"} <= codes
    assert codes <= known, codes - known


def _init(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["fwdoc", "init", *args], capture_output=True, text=True, cwd=tmp_path)


def test_init_schemas_refreshes_only_the_copies(tmp_path: Path) -> None:
    assert _init(tmp_path, "doc").returncode == 0
    stale = tmp_path / "doc" / "schemas" / "part.schema.json"
    stale.write_text("{}", encoding="utf-8")
    (tmp_path / "doc" / "schemas" / "manifest.schema.json").unlink()
    manifest = (tmp_path / "doc" / "manifest.yaml").read_bytes()
    result = _init(tmp_path, "doc", "--schemas")
    assert result.returncode == 0, result.stderr
    for relative in schemafiles.schema_copies():
        assert (tmp_path / "doc" / relative).read_bytes() == \
            schemafiles.schema_path(Path(relative).name.split(".")[0]).read_bytes()
    assert (tmp_path / "doc" / "manifest.yaml").read_bytes() == manifest


@pytest.mark.parametrize("case", ["no-manifest", "schemas-is-a-link", "copy-is-a-link"])
def test_init_schemas_refuses(tmp_path: Path, case: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    if case == "no-manifest":
        (tmp_path / "doc").mkdir()
    else:
        assert _init(tmp_path, "doc").returncode == 0
        schemas = tmp_path / "doc" / "schemas"
        if case == "schemas-is-a-link":
            shutil.rmtree(schemas)
            schemas.symlink_to(outside)
        else:
            (schemas / "part.schema.json").unlink()
            (schemas / "part.schema.json").symlink_to(outside / "x.json")
    result = _init(tmp_path, "doc", "--schemas")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not list(outside.iterdir())  # nothing written through a link
