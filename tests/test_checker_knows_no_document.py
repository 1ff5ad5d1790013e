"""The engine serves any framework document: nothing in checker/ (code, data, docstrings that
become reference pages, comments) names the bundled NOMS document's own actors, objects, part
titles or subject.  The names are read from the bundled document itself, so a new register
entry is covered without editing this test; generic offices every framework document has
("Director General", "Chief Executive") are not the bundled document's own."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHECKER = ROOT / "checker"
FRAMEWORK = ROOT / "framework"
# words that make a name the bundled document's own, not any framework document's
DISTINCTIVE = re.compile(r"noms|offender|prison|probation|justice|omsb|\bmoj\b|hmps|parole",
                         re.IGNORECASE)


def _names() -> set[str]:
    names: set[str] = {"NOMS", "National Offender Management Service"}
    for register, key in (("actors.yaml", "actors"), ("objects.yaml", "objects")):
        for entry in yaml.safe_load((FRAMEWORK / register).read_text(encoding="utf-8"))[key]:
            for name in (entry["id"], entry.get("name", ""), *entry.get("aliases", [])):
                if name and DISTINCTIVE.search(str(name)):
                    names.add(str(name))
    for part in sorted((FRAMEWORK / "parts").glob("*.yaml")):
        title = yaml.safe_load(part.read_text(encoding="utf-8")).get("title", "")
        if DISTINCTIVE.search(title):
            names.add(title)
    return names


def _sources() -> list[Path]:
    return sorted(p for p in CHECKER.rglob("*") if p.is_file()
                  and p.suffix in (".py", ".yaml", ".yml", ".json", ".lark", ".txt", ".md", ".html", ".css", ".js"))


def test_the_names_come_from_the_bundled_document() -> None:
    names = _names()
    assert len(names) > 10 and any("_" in n for n in names)  # ids as well as printed names


def _hits(text: str, names: list[str]) -> list[tuple[int, str]]:
    """(line, name) for every name standing as a whole word in the text, any case."""
    lower = text.lower()
    out: list[tuple[int, str]] = []
    for name in names:
        needle, start = name.lower(), 0
        while (at := lower.find(needle, start)) >= 0:
            start = at + 1
            before = lower[at - 1] if at else " "
            after = lower[at + len(needle)] if at + len(needle) < len(lower) else " "
            if not (before.isalnum() or before in "_-" or after.isalnum() or after in "_-"):
                out.append((lower.count("\n", 0, at) + 1, name))
    return out


def test_checker_names_nothing_of_the_bundled_document() -> None:
    names = sorted({n.lower() for n in _names()}, key=len, reverse=True)
    found = [f"{path.relative_to(ROOT)}:{line}: {name}" for path in _sources()
             for line, name in _hits(path.read_text(encoding="utf-8", errors="replace"), names)]
    assert found == []


def test_the_guard_fires_on_a_name_of_the_bundled_document() -> None:
    names = sorted({n.lower() for n in _names()}, key=len, reverse=True)
    assert _hits("x\n        noms_agency must commission interventions", names) == [(2, "noms_agency")]
    assert [name.lower() for _, name in _hits("the workings of the OMSB do not", names)] == ["omsb"]
    assert _hits("        delivery_agency must commission interventions", names) == []
    assert _hits("gnomsx and noms_agencyx", names) == []
