"""The verb vocabulary: what each action means for the checks and the responsibility matrix.

Meaning is data (checker/vocab/default.yaml, validated against
checker/schemas/vocabulary.schema.json): each action's role, its synonyms, the steps it implies
before it, the acts it excludes, the separation-of-duties pairs, and the manners (how an act is
to be done: `locally`, `in open_and_fair manner`) with their English.  A document extends it with
`vocabulary: vocabulary.yaml` in its manifest; its entries replace the default's verb by verb and
its pairs are added.  Every check and the matrix ask this module, never a verb list of their own.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from checker.findings import Finding, Location, Severity

DEFAULT = Path(__file__).resolve().parent / "vocab" / "default.yaml"
ROLES = ("drafts", "submits", "endorses", "approves", "decides", "consulted", "informed",
         "performs", "audits", "supervises", "appoints")
# roles that settle a decision: two actors holding one of them over one object compete
AUTHORITY_ROLES = frozenset({"endorses", "approves", "decides", "appoints"})


@dataclass(frozen=True)
class Prior:
    """A step an action implies before it: `submit to bearer` is a submission to the one acting."""

    action: str
    to_bearer: bool = False


@dataclass(frozen=True)
class Action:
    verb: str
    role: str
    of: str = "bearer"  # whose role it is: the bearer's or the recipients'
    synonyms: tuple[str, ...] = ()
    before: tuple[Prior, ...] = ()
    excludes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pair:
    """Two acts (canonical verbs) or roles that one actor should not hold on one object."""

    one: str
    other: str
    why: str = ""


@dataclass(frozen=True)
class Manner:
    """How an act is to be done (`locally`, `in open_and_fair manner`): its English and the other
    ids that name the same manner."""

    id: str
    english: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    actions: Mapping[str, Action]
    pairs: tuple[Pair, ...] = ()
    manners: Mapping[str, Manner] = field(default_factory=lambda: MappingProxyType({}))

    @functools.cached_property
    def _manner_ids(self) -> Mapping[str, str]:
        out: dict[str, str] = {}
        for manner in self.manners.values():
            for synonym in manner.synonyms:
                out.setdefault(synonym, manner.id)
        out.update((m, m) for m in self.manners)
        return MappingProxyType(out)

    def manner(self, value: str) -> Manner | None:
        """The manner a rule's manner value names (`independent` is `independently`), or None
        when the vocabulary does not know it.  `in writing` is `in_writing`; `in <word> form` is
        `<word>_form`, known or not."""
        known = self._manner_ids.get(value)
        return self.manners.get(known) if known else None

    def canonical_manner(self, value: str) -> str:
        known = self._manner_ids.get(value)
        return known or value

    def manner_english(self, value: str) -> str:
        """How the English says a manner: the vocabulary's words; `in <word> form` for a form;
        else the id's words."""
        manner = self.manner(value)
        if manner is not None:
            return manner.english
        if value == "in_writing":
            return "in writing"
        if value.endswith("_form"):
            return f"in {value[:-len('_form')].replace('_', ' ')} form"
        return f"in {value.replace('_', ' ')} manner"

    @functools.cached_property
    def _canonical(self) -> Mapping[str, str]:
        out: dict[str, str] = {}
        for action in self.actions.values():
            for synonym in action.synonyms:
                out.setdefault(synonym, action.verb)
        out.update((verb, verb) for verb in self.actions)  # a verb of its own is never a synonym
        return MappingProxyType(out)

    def canonical(self, verb: str) -> str:
        """The verb a rule's action stands for: 'agree' -> 'endorse', 'designate' -> 'appoint'.
        An unknown verb stands for itself."""
        return self._canonical.get(verb, verb)

    def action(self, verb: str) -> Action | None:
        return self.actions.get(self.canonical(verb))

    def role(self, verb: str) -> str | None:
        entry = self.action(verb)
        return entry.role if entry else None

    def role_of(self, verb: str) -> str:
        """Whose role the verb gives: 'bearer' or 'recipient'."""
        entry = self.action(verb)
        return entry.of if entry else "bearer"

    def excludes(self, a: str, b: str) -> bool:
        """Two acts that one actor cannot both do to one object (approve / reject)."""
        ca, cb = self.canonical(a), self.canonical(b)
        ea, eb = self.actions.get(ca), self.actions.get(cb)
        return bool((ea and cb in ea.excludes) or (eb and ca in eb.excludes))

    def matches(self, term: str, verb: str) -> bool:
        """A pair's side (a verb or a role) names this action."""
        canonical = self.canonical(verb)
        return self.canonical(term) == canonical or self.role(verb) == term

    def priors(self, verb: str) -> tuple[Prior, ...]:
        entry = self.action(verb)
        return entry.before if entry else ()


class VocabularyError(ValueError):
    """A vocabulary file that is not what the schema or the meaning of its entries expects."""


def _problems_of(data: Any, known: set[str] | None = None) -> list[tuple[str, str]]:
    """(verb, what is wrong) beyond the data's shape: references to actions nobody defines."""
    problems: list[tuple[str, str]] = []
    actions = data.get("actions", {}) or {}
    known = set(actions) if known is None else known
    for verb, entry in actions.items():
        for other in entry.get("excludes", []):
            if other not in known:
                problems.append((verb, f"actions.{verb}.excludes: '{other}' is not an action of the vocabulary"))
        for prior in entry.get("before", []):
            name = prior.split(" ", 1)[0]
            if name not in known:
                problems.append((verb, f"actions.{verb}.before: '{name}' is not an action of the vocabulary"))
    return problems


def _build(data: Mapping[str, Any], base: Vocabulary | None = None) -> Vocabulary:
    actions: dict[str, Action] = dict(base.actions) if base else {}
    for verb, entry in (data.get("actions") or {}).items():
        actions[verb] = Action(
            verb=verb, role=entry["role"], of=entry.get("of", "bearer"),
            synonyms=tuple(entry.get("synonyms", ())),
            before=tuple(Prior(p.split(" ", 1)[0], p.endswith(" to bearer")) for p in entry.get("before", ())),
            excludes=tuple(entry.get("excludes", ())))
    pairs = (*(base.pairs if base else ()),
             *(Pair(p["one"], p["other"], p.get("why", "")) for p in data.get("separation") or ()))
    manners: dict[str, Manner] = dict(base.manners) if base else {}
    for key, entry in (data.get("manner") or {}).items():
        manners[key] = Manner(key, str(entry.get("english") or key.replace("_", " ")),
                              tuple(entry.get("synonyms", ())))
    return Vocabulary(MappingProxyType(actions), tuple(dict.fromkeys(pairs)), MappingProxyType(manners))


def validate_data(data: Any) -> list[str]:
    """Every problem of a vocabulary's data: schema violations, then unknown references."""
    from checker.load.schema import validator

    if not isinstance(data, dict):
        return ["expected a mapping with 'actions' and 'separation'"]
    errors = sorted(validator("vocabulary").iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        return [f"{'.'.join(str(p) for p in e.absolute_path) or 'the top level'}: {e.message}" for e in errors]
    return [message for _, message in _problems_of(data)]


@functools.cache
def default() -> Vocabulary:
    """The shipped vocabulary.  Its schema is checked by the test suite (tests/test_vocab.py), not
    on every run; unknown references still raise, since a broken shipped file is a bug."""
    data = yaml.load(DEFAULT.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    problems = _problems_of(data)
    if problems:
        raise VocabularyError(f"{DEFAULT}: " + "; ".join(message for _, message in problems))
    return _build(data)


def load_extension(root: Path, rel: str, base: Vocabulary | None = None) -> tuple[Vocabulary, list[Finding]]:
    """The default vocabulary extended by the document's own file `rel` (read through the load
    stage's guarded reader); problems are findings and leave the default in force."""
    from checker.load.schema import validate
    from checker.load.yamlfile import read_yaml

    base = base or default()
    doc = read_yaml(root / rel, root)
    if doc.findings or doc.data is None:
        return base, list(doc.findings)
    if not validate(doc, "vocabulary"):
        return base, [Finding("VOC001", "bad-vocabulary", Severity.ERROR, f.message, f.locations)
                      for f in doc.findings]
    actions = doc.data.get("actions") or {}
    problems = _problems_of(doc.data, set(base.actions) | set(actions))
    if problems:
        def where(verb: str) -> Location:
            pos = getattr(actions, "key_pos", {}).get(verb)
            return Location(doc.rel, pos.line, pos.column) if pos else Location(doc.rel, 1, 1)
        return base, [Finding("VOC001", "bad-vocabulary", Severity.ERROR, message, (where(verb),))
                      for verb, message in problems]
    return _build(doc.data, base), []


def vocabulary_file(document: Any) -> str | None:
    """The manifest's `vocabulary:` entry (read again from manifest.yaml when the model does not
    carry it)."""
    named = getattr(document.manifest, "vocabulary", None)
    if named:
        return str(named)
    from checker.load.yamlfile import read_yaml

    manifest = read_yaml(document.root / "manifest.yaml", document.root)
    value = manifest.data.get("vocabulary") if isinstance(manifest.data, dict) else None
    return value if isinstance(value, str) else None


def for_document(document: Any) -> Vocabulary:
    """The vocabulary in force for a document (built once per document)."""
    return _loaded(document)[0]


def findings_for(document: Any) -> list[Finding]:
    """Problems of the document's own vocabulary file."""
    return _loaded(document)[1]


def _loaded(document: Any) -> tuple[Vocabulary, list[Finding]]:
    store: dict[str, Any] = document.__dict__.setdefault("_checks_memo", {})
    if "vocabulary" not in store:
        rel = vocabulary_file(document)
        store["vocabulary"] = load_extension(document.root, rel) if rel else (default(), [])
    loaded: tuple[Vocabulary, list[Finding]] = store["vocabulary"]
    return loaded
