"""Start-up: `fwdoc check` imports only what its run needs (issue 14, NOMS under 0.3 s), and the
text output built without rich is the same text with or without colour."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from checker.findings import Finding, Location, Severity
from checker.formats import Report, formatters

ROOT = Path(__file__).resolve().parent.parent
_PROBE = """
import json, sys
sys.argv = ["fwdoc", *sys.argv[1:]]
from checker.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("rich", "jsonschema", "checker"))),
      file=sys.stderr)
"""


def _modules(*args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


def test_a_plain_check_imports_neither_rich_nor_jsonschema_nor_other_formats() -> None:
    mods = _modules("--no-cache", "check", "framework")
    assert not {m for m in mods if m.split(".")[0] in ("rich", "jsonschema")}
    assert "checker.formats.text" in mods
    assert not {"checker.formats.sarif", "checker.formats.junit", "checker.formats.github"} & mods


def test_colour_imports_rich_and_an_invalid_file_imports_jsonschema(tmp_path: Path) -> None:
    assert "rich" in _modules("check", "framework", "--color", "always")
    doc = tmp_path / "doc"
    doc.mkdir()
    (doc / "manifest.yaml").write_text("title: 3\nunknown_key: x\n", encoding="utf-8")
    assert "jsonschema" in _modules("--no-cache", "check", str(doc))


def _report(color: bool) -> Report:
    findings = [
        Finding("SCH001", "schema", Severity.ERROR, "bad \x1b[2J value", (Location("a.yaml", 3, 5, "c1"),
                                                                          Location("b.yaml", 9, 1))),
        Finding("GLO001", "glossary", Severity.WARNING, "a warning " * 20, (Location("a.yaml", 7, 2),)),
        Finding("DUP001", "dup", Severity.INFO, "a note", (Location("", 0, 0),)),
    ]
    return Report(findings, {"parts": 1, "clauses": 2}, width=60, color=color)


def test_colour_output_is_the_plain_output_with_styles() -> None:
    render = formatters()["text"]
    plain, coloured = render(_report(False)), render(_report(True))
    assert "\x1b[" not in plain and "\x1b[1;31m" in coloured and "\x1b[33m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
    assert "\\x1b[2J" in plain  # the source's escape shown, never sent


def test_formats_are_named_and_unknown_ones_refused() -> None:
    available = formatters()
    assert sorted(available) == ["github", "json", "junit", "lsp-json", "sarif", "text"]
    assert "nope" not in available and "json" in available and len(available) == 6
