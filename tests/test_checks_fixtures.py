"""Every registered check, run on a small document that triggers it and one that does not.

The fixtures are data: tests/fixtures/checks/<CODE>.yaml, each with a `fail:` and a `pass:`
case, expanded here into a temporary document folder (registers from _base.yaml) and loaded
with the real loader.  A case may give:

* `rules:` a list; a string is one rule in a clause of its own (the clause's text is
  "Statement N." and the rule cites it), a mapping is a whole clause (`text`, `rules`, ...);
* `parts:` whole parts, after the section the `rules:` make;
* `actors:` / `objects:` entries added to the base registers (`base: false` drops them);
* `manifest:` keys that replace the base manifest's; `today:` the date checks judge against;
* `files:` other files of the document folder, by name (a mapping is written as YAML);
* `expect:` words each finding message must hold (fail case), `count:` how many findings.

The loader must report no error for either case, so that a fixture tests the check and not
a typing mistake in the fixture.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.checks import REGISTRY, Context, run_checks
from checker.findings import Finding, Severity
from checker.loader import load_document

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
BASE = yaml.safe_load((FIXTURES / "_base.yaml").read_text(encoding="utf-8"))


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")


def build_document(folder: Path, case: dict[str, Any]) -> Path:
    """Write a document folder for one fixture case; return it."""
    base = case.get("base", True)
    actors = (list(BASE["actors"]) if base else []) + list(case.get("actors", []))
    objects = (list(BASE["objects"]) if base else []) + list(case.get("objects", []))
    parts: list[dict[str, Any]] = []
    rules = case.get("rules", [])
    if rules:
        clauses = []
        for index, item in enumerate(rules, start=1):
            if isinstance(item, str):
                clauses.append({"id": f"statement-{index}", "title": f"Statement {index}",
                                "text": f"Statement {index}.\n",
                                "rules": f'"Statement {index}":\n  {item}\n'})
            else:
                clauses.append({"id": f"statement-{index}", **item})
        parts.append({"id": "rules-section", "kind": "section", "title": "Rules", "clauses": clauses})
    parts += list(case.get("parts", []))
    if not parts:  # the manifest needs a part
        parts.append({"id": "empty-section", "kind": "section", "title": "Empty", "text": "Nothing.\n"})
    manifest = {**BASE["manifest"], **case.get("manifest", {}), "parts": [p["id"] for p in parts]}
    _dump(folder / "manifest.yaml", manifest)
    _dump(folder / "actors.yaml", {"actors": actors})
    _dump(folder / "objects.yaml", {"objects": objects})
    for part in parts:
        _dump(folder / "parts" / f"{part['id']}.yaml", part)
    for name, content in case.get("files", {}).items():
        if isinstance(content, str):
            (folder / name).write_text(content, encoding="utf-8")
        else:
            _dump(folder / name, content)
    return folder


def run_case(tmp_path: Path, code: str, case: dict[str, Any]) -> tuple[list[Finding], list[Finding]]:
    """(findings of `code`, the loader's errors) for one fixture case."""
    result = load_document(build_document(tmp_path / "doc", case))
    assert result.document is not None
    today = case.get("today")
    context = Context(today=today if isinstance(today, date) else date.fromisoformat(str(today))) \
        if today else Context()
    findings = [f for f in run_checks(result.document, context, select={code}) if f.code == code]
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    return findings, errors


def _fixtures() -> list[tuple[str, str]]:
    out = []
    for path in sorted(FIXTURES.glob("[A-Z]*.yaml")):
        for side in ("fail", "pass"):
            out.append((path.stem, side))
    return out


@pytest.mark.parametrize("code, side", _fixtures(), ids=[f"{c}-{s}" for c, s in _fixtures()])
def test_check_fixture(tmp_path: Path, code: str, side: str) -> None:
    data = yaml.safe_load((FIXTURES / f"{code}.yaml").read_text(encoding="utf-8"))
    case = data[side]
    findings, errors = run_case(tmp_path, code, case)
    assert not errors, "the fixture itself has errors: " + "; ".join(f"{e.location} {e.code} {e.message}" for e in errors)
    shown = "\n".join(f"{f.location} {f.message}" for f in findings)
    if side == "pass":
        assert findings == [], f"{code} fired on its passing fixture:\n{shown}"
        return
    assert findings, f"{code} did not fire on its failing fixture"
    if "count" in case:
        assert len(findings) == case["count"], shown
    for words in case.get("expect", []):
        assert any(words in f.message for f in findings), f"no {code} message holds {words!r}:\n{shown}"
    for finding in findings:
        assert finding.severity is REGISTRY[code].severity or code in ("CON001",), finding
        assert finding.locations and all(loc.file and loc.line for loc in finding.locations), finding


def test_every_registered_check_has_a_fixture() -> None:
    have = {path.stem for path in FIXTURES.glob("[A-Z]*.yaml")}
    assert sorted(set(REGISTRY) - have) == []
    assert sorted(have - set(REGISTRY)) == []
