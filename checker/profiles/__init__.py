"""Conformance profiles: what official guidance says a framework document must contain.

A profile is data (`<name>.yaml` beside this module): the guidance it follows, and each
required element with its source and the patterns that show the document has it.  A few
mechanisms read the model (as vale's styles extend a few rule kinds):

| pattern | satisfied when |
|---|---|
| `part: foreword` | the document has a part of that kind |
| `heading: <regex>` | a part or clause title matches |
| `text: <regex>` | a sentence of the prose matches |
| `rule: {kind, modality, action, subject, object}` | a rule of the model matches every field given (kinds and modalities as lists, the rest regexes over names and ids) |

`fwdoc check --profile NAME` reports comply-or-explain: PRF001 for each element the document
lacks, PRF002 for each it contradicts (`contradicted_by:`), unless a clause's rules record a
justified departure (`explain PRF001 for <element> because "..."`), which turns the finding into
information that carries the reason; PRF003 for an explanation that names no element of the
profile or is no longer needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from checker.findings import Finding, Location, Severity
from checker.model import ACTOR, Document, Explanation, Ref, Rule
from checker.suggest import did_you_mean

POSITIVE = ("must", "may", "should", "power", "duty")


class ProfileError(Exception):
    """A profile that does not exist or cannot be read (a usage problem: exit 2)."""


@dataclass(frozen=True)
class Pattern:
    kind: str  # part | heading | text | rule
    value: Any


@dataclass(frozen=True)
class Element:
    id: str
    name: str
    guidance: str  # the title of the guidance it comes from
    where: str  # where in the guidance
    any: tuple[Pattern, ...]
    contradicted_by: tuple[Pattern, ...] = ()

    @property
    def source(self) -> str:
        return f"{self.guidance}: {self.where}"


@dataclass(frozen=True)
class Profile:
    id: str
    title: str
    elements: tuple[Element, ...]


def available() -> list[str]:
    """The names of the profiles that ship with the package."""
    folder = resources.files(__package__)
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


@cache
def load(name: str) -> Profile:
    names = available()
    if name not in names:
        raise ProfileError(f"no profile '{name}'{did_you_mean(name, names)}; expected one of {', '.join(names)}")
    data = yaml.safe_load(resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8"))
    guidance = {g["id"]: f"{g['publisher']}, {g['title']}" for g in data["guidance"]}
    elements = tuple(
        Element(e["id"], e["name"], guidance[e["source"]["guidance"]], e["source"]["where"],
                tuple(_pattern(p) for p in e["any"]),
                tuple(_pattern(p) for p in e.get("contradicted_by", [])))
        for e in data["elements"])
    return Profile(data["id"], data["title"], elements)


def _pattern(data: dict[str, Any]) -> Pattern:
    [(kind, value)] = data.items()
    if kind in ("heading", "text"):
        return Pattern(kind, re.compile(value, re.IGNORECASE))
    if kind == "rule":
        return Pattern(kind, {k: (re.compile(v, re.IGNORECASE) if isinstance(v, str) else tuple(v))
                              for k, v in value.items()})
    return Pattern(kind, value)


# -- matching ------------------------------------------------------------------------------------
def _names(document: Document, refs: tuple[Ref, ...]) -> list[str]:
    out: list[str] = []
    for ref in refs:
        out += [ref.id, ref.text, document.display(ref)]
        if ref.kind == ACTOR and ref.id in document.actors:
            out += document.actors[ref.id].names
    return out


def _rule_matches(document: Document, rule: Rule, want: dict[str, Any]) -> bool:
    if "kind" in want and rule.kind not in want["kind"]:
        return False
    modality = rule.modality or "must"
    if "modality" in want:
        if modality not in want["modality"]:
            return False
    elif modality not in POSITIVE:
        return False  # "must not" never shows the document has what the guidance asks
    if "action" in want and not want["action"].search(rule.action or ""):
        return False
    fields = {"subject": rule.subjects,
              "object": (*rule.objects, *rule.counterparts, *(r for q in rule.qualifiers for r in q.refs))}
    for key, refs in fields.items():
        if key in want and not any(want[key].search(name) for name in _names(document, refs)):
            return False
    return True


def _where(document: Document, pattern: Pattern) -> Location | None:
    """Where the document shows the pattern (None: it does not)."""
    if pattern.kind == "part":
        part = next((p for p in document.parts if p.kind == pattern.value), None)
        return part.location if part else None
    if pattern.kind == "heading":
        for clause in document.clauses.values():
            if clause.title and pattern.value.search(clause.title):
                return clause.location
        return None
    if pattern.kind == "text":
        for clause in document.clauses.values():
            for sentence in clause.sentences:
                if pattern.value.search(sentence.text):
                    return sentence.location
        return None
    rule = next((r for r in document.rules if _rule_matches(document, r, pattern.value)), None)
    return rule.location if rule else None


def _first(document: Document, patterns: tuple[Pattern, ...]) -> Location | None:
    return next((loc for p in patterns if (loc := _where(document, p)) is not None), None)


# -- findings ------------------------------------------------------------------------------------
def profile_findings(document: Document, name: str) -> list[Finding]:
    """PRF001/PRF002/PRF003 for the profile `name` (comply or explain)."""
    profile = load(name)
    return list(_findings(document, profile))


def _findings(document: Document, profile: Profile) -> Iterator[Finding]:
    explained: dict[tuple[str, str], Explanation] = {}
    known = {e.id for e in profile.elements}
    for mark in document.explanations:
        explained.setdefault((mark.code, mark.element), mark)
    used: set[tuple[str, str]] = set()
    for element in profile.elements:
        present = _first(document, element.any)
        against = _first(document, element.contradicted_by) if element.contradicted_by else None
        if present is None:
            used.add(("PRF001", element.id))
            yield _departure(document, profile, element, "PRF001", "missing-element",
                             f"lacks {element.name}", document.manifest.location,
                             explained.get(("PRF001", element.id)))
        if against is not None:
            used.add(("PRF002", element.id))
            yield _departure(document, profile, element, "PRF002", "contradicted-element",
                             f"says the opposite of what the guidance asks about {element.name}", against,
                             explained.get(("PRF002", element.id)))
    for (code, element_id), mark in sorted(explained.items()):
        if not code.startswith("PRF"):
            continue
        if element_id not in known:
            yield Finding("PRF003", "unused-explanation", Severity.WARNING,
                          f"the explanation of {code} names '{element_id}', which is no element of the "
                          f"profile '{profile.id}'{did_you_mean(element_id, sorted(known))}", (mark.location,))
        elif (code, element_id) not in used:
            yield Finding("PRF003", "unused-explanation", Severity.INFO,
                          f"the explanation of {code} for '{element_id}' is no longer needed: the document "
                          f"now conforms to the profile '{profile.id}' on it", (mark.location,))


def _departure(document: Document, profile: Profile, element: Element, code: str, name: str,
               what: str, location: Location, mark: Explanation | None) -> Finding:
    message = (f"the document {what} (profile '{profile.id}', element '{element.id}'; "
               f"{element.source})")
    if mark is not None:
        if not mark.reason.strip():
            return Finding(code, name, Severity.WARNING,
                           f"{message}; the explanation at {mark.location} gives no reason", (location, mark.location))
        return Finding(code, name, Severity.INFO, f"{message}; explained: \"{mark.reason}\"",
                       (mark.location, location))
    return Finding(code, name, Severity.WARNING,
                   f"{message}; add it, or record why not with "
                   f"`explain {code} for {element.id} because \"...\"` in the rules of the clause concerned",
                   (location,))
