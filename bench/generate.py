"""Generate a synthetic framework document of N rules, deterministically, with planted defects.

    python bench/generate.py OUT_FOLDER --rules 10000 [--seed 2008]

Sentences are as long as a real document's: NOMS (the bundled document) has about 360
bytes of source a rule and sentences of 145 characters on average; each ordinary sentence
here is lengthened by a qualifying phrase (`QUALIFIERS`) and each clause carries descriptive
prose with no normative word (`DESCRIPTIONS`), so that a generated document has about as many
bytes a rule as NOMS (`bytes_per_rule`; bench/results.md quotes both).

The document is shaped like a department's collection of framework documents: one section
per 50 objects, each object's rules in one clause (a responsibility, a submit -> endorse ->
approve process with `after` steps, publication deadlines, information and consultation
duties, advice, delegations), an accountability tree of actors up to Parliament with offices
and boards, cross-references, a glossary.  The ordinary rules are built so that no check
fires on them: every object has one owner, one endorser, one approver; deadlines are one
per step; the accountability lines form a tree.

Then it plants defects of every kind the checks look for (`PLANTS`), each in clauses of its
own, and writes `planted.json`: what each check must find (code, clause ids and subjects
each finding must involve).  bench/run.py checks that every one is found and that nothing
else is reported.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# ("may" is a reserved word of the rules language, so no deadline falls at the end of May)
MONTHS = ["january", "february", "march", "april", "june", "july", "august", "september",
          "october", "november", "december"]
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"

# Phrases that lengthen a rule's sentence to a real one's length (no name, number or capital
# that a check would read: the sentence stays what its rules say).
QUALIFIERS = [
    ", in line with the arrangements set out in this framework document and the guidance issued from time to time",
    ", taking account of the views of the organisations concerned and of the resources available in the year",
    " so that the work of the organisation is properly planned, resourced and reported to those who oversee it",
    ", following consultation with the relevant officials and within the budget and policy framework in force",
    " and keep the arrangements under review in the light of experience and of changes in the wider public sector",
    ", having regard to the principles of good governance and to the need for value for money in the use of funds",
]
# Descriptive prose with no normative word (sentences.NORMATIVE), as a clause explains itself.
DESCRIPTIONS = [
    "This arrangement reflects the shared objectives of the organisations concerned and the importance of clear "
    "and timely communication between them at every level.",
    "The purpose of these arrangements is the effective delivery of services to the public, with short lines of "
    "communication and a clear division of work between the teams.",
    "Experience over several years shows that the process works best when the teams involved share their plans "
    "early and record the reasons for the decisions they take.",
    "The annual cycle begins in the autumn, when the planning assumptions for the following year are drawn up, and "
    "ends in the summer, when the results of the year are published.",
    "In practice the work described here is planned well in advance, and the officials involved meet regularly to "
    "discuss progress, risks and any issues that arise during the year.",
    "Over the years the process has changed to reflect new technology, new ways of working and the lessons "
    "learned from reviews of past performance across the sector.",
    "A summary of the year's activity appears in the annual report, together with the figures for spending and "
    "staffing and a short account of the main achievements.",
    "The details of the process are set out in the operating manual, which is published on the intranet and "
    "revised when the business planning cycle changes.",
]


def sizes(rules: int) -> tuple[int, int]:
    """(actors, objects) for a document of `rules` rules: about 10 rules an object, and a
    cast that grows more slowly than the rules (a department has hundreds of offices, not
    thousands)."""
    objects = max(20, rules // 12)
    actors = max(30, int(4 * rules ** 0.5))
    return actors, objects


@dataclass
class Clause:
    id: str
    title: str
    sentences: list[tuple[str, list[str]]] = field(default_factory=list)  # (sentence, rules)
    extra_text: list[str] = field(default_factory=list)  # sentences with no rule (not normative)
    printed: str | None = None
    level: int = 3  # the heading level printed; sections are 1, their groups 2

    def rule_count(self) -> int:
        return sum(len(rules) for _, rules in self.sentences)

    def to_yaml(self) -> dict[str, Any]:
        text_parts = []
        rules_lines = []
        for index, (sentence, rules) in enumerate(self.sentences, start=1):
            tag = f"R{index}"
            text_parts.append(f"{tag}: {sentence}")
            if rules:
                # quoted as people quote: the sentence's first words (its tag keeps the quote unique)
                quote = " ".join(f"{tag}: {sentence}".split()[:10]).rstrip(".,")
                rules_lines.append(f'"{quote}":')
                rules_lines.extend(f"  {rule}" for rule in rules)
        text_parts.extend(self.extra_text)
        out: dict[str, Any] = {"id": self.id, "title": self.title}
        if self.printed:
            out["printed"] = self.printed
        out["level"] = self.level
        out["text"] = " ".join(text_parts) + "\n"
        if rules_lines:
            out["rules"] = "\n".join(rules_lines) + "\n"
        return out


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    parent: str | None
    offices: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    member_of: list[str] = field(default_factory=list)
    root: bool = False


class Generator:
    def __init__(self, rules: int, seed: int) -> None:
        self.target = rules
        self.rng = random.Random(seed)
        n_actors, n_objects = sizes(rules)
        self.actors: list[Actor] = []
        self.objects: list[dict[str, Any]] = []
        self.clauses: list[Clause] = []
        self.plants: list[dict[str, Any]] = []
        self.glossary: list[dict[str, str]] = []
        self.acronyms: list[str] = []
        self.annexes: list[tuple[str, dict[str, Any]]] = []
        self.misnamed: set[int] = set()
        self.copy = 0  # which copy of the planted defects is being planted  # sections the introduction lists under a wrong title
        self._cast(n_actors)
        self._things(n_objects)

    # -- the cast: an accountability tree under Parliament ------------------------------
    def _cast(self, count: int) -> None:
        self.actors.append(Actor("parliament", "Parliament", "body", None, root=True))
        self.actors.append(Actor("minister", "Secretary of State", "individual", "parliament",
                                 aliases=["the responsible Minister"]))
        for index in range(2, count):
            parent = self.actors[max(1, (index - 1) // 4)].id if index > 2 else "minister"
            kind = "body" if index % 7 == 0 else "individual"
            title = "Board" if kind == "body" else "Director"
            actor = Actor(f"unit_{index:04d}", f"{title} {index}", kind, parent)
            if kind == "individual" and index % 5 == 0:
                actor.offices.append(f"office_{index:04d}")
            self.actors.append(actor)
        self.individuals = [a for a in self.actors if a.kind == "individual" and a.id != "minister"]
        self.bodies = [a for a in self.actors if a.kind == "body" and not a.root]
        # board members: individuals from elsewhere in the tree, never the supervised
        for body in self.bodies:
            for member in self.rng.sample(self.individuals, k=min(3, len(self.individuals))):
                if member.parent != body.id:
                    member.member_of.append(body.id)

    def _things(self, count: int) -> None:
        for index in range(count):
            self.objects.append({"id": f"item_{index:05d}", "name": f"Item {index}", "kind": "matter"})
        self.objects.append({"id": "ethical_walls", "name": "ethical walls", "kind": "separation"})
        for index in range(40):
            acronym = "".join(self.rng.choice(LETTERS) for _ in range(3)) + str(index)
            if acronym not in self.acronyms:
                self.acronyms.append(acronym)
        self.glossary = [{"term": a, "expansion": f"Programme {a}"} for a in self.acronyms]

    def actor(self, index: int) -> Actor:
        return self.individuals[index % len(self.individuals)]

    # -- ordinary rules ----------------------------------------------------------------
    def ordinary(self) -> None:
        """Rules per object, built so that no check fires on them."""
        made = 0
        index = 0
        n_people = len(self.individuals)
        # every actor answers upwards: the accountability tree, line management for people
        tree = Clause("accountability-lines", "Accountability lines")
        for actor in self.actors[1:]:
            if actor.parent is None:
                continue  # planted: an office answering to nobody
            if actor.kind == "individual" and self._kind(actor.parent) == "individual":
                tree.sentences.append((f"The {actor.name} is line managed by the one above.",
                                       [f"{actor.parent} line manages {actor.id}"]))
            else:
                tree.sentences.append((f"The {actor.name} is accountable upwards.",
                                       [f"{actor.id} is accountable to {actor.parent}"]))
            for body in actor.member_of:
                tree.sentences[-1][1].append(f"{actor.id} is member of {body}")
        for office_holder in (a for a in self.actors if a.offices and a.parent):
            appointer = office_holder.parent
            for office in office_holder.offices:
                tree.sentences.append((f"The office {office} is appointed from above.",
                                       [f"{appointer} appoints {office}"]))
        tree.extra_text.append("The programmes are the " + ", the ".join(self.acronyms) + ".")
        for board in self.bodies:
            supervised = self.rng.choice([b for b in self.bodies if b.id != board.id] or [board])
            members = {a.id for a in self.actors if board.id in a.member_of}
            members_there = {a.id for a in self.actors if supervised.id in a.member_of}
            if supervised.id != board.id and not members & members_there:
                tree.sentences.append((f"The {board.name} supervises the {supervised.name}.",
                                       [f"{board.id} supervises {supervised.id}"]))
        tree.sentences = [(self._lengthen(sentence), stated) for sentence, stated in tree.sentences]
        for start in range(0, len(tree.sentences), 12):  # a clause a dozen sentences, as people write
            part = Clause(f"accountability-lines-{start // 12 + 1}", f"Accountability lines {start // 12 + 1}",
                          tree.sentences[start:start + 12], tree.extra_text if start == 0 else [])
            self.clauses.append(part)
        made += tree.rule_count()
        objects = [o for o in self.objects if o["id"].startswith("item_")]
        used: set[str] = set()
        while made < self.target - self._plant_budget():
            obj = objects[index % len(objects)]["id"]
            lap = index // len(objects)
            base = index * 7
            owner, submitter, endorser, approver = (self.actor(base + k) for k in range(4))
            if len({owner.id, submitter.id, endorser.id, approver.id}) < 4:
                index += 1
                continue
            clause = Clause(f"rules-{obj.replace('_', '-')}-{lap}", f"Item {index}")
            rules: list[tuple[str, list[str]]] = []
            if lap == 0:
                rules.append((f"The {owner.name} must answer for {obj}.",
                              [f"{owner.id} is responsible for {obj}"]))
                rules.append((f"The {submitter.name} must submit it and the {endorser.name} must endorse it.",
                              [f"{submitter.id} must submit {obj} to {endorser.id} annually",
                               f"{endorser.id} must endorse {obj} after {submitter.id} submits {obj}"]))
                deputy = self._child(approver.id)
                approval = [f"{approver.id} must approve {obj} after {endorser.id} endorses {obj}"]
                if deputy is not None:
                    approval += [f"{approver.id} may delegate approve {obj} to {deputy} in writing",
                                 f"{approver.id} delegates approve {obj} to {deputy} in writing"]
                rules.append((f"The {approver.name} must approve it.", approval))
                month = MONTHS[index % len(MONTHS)]
                rules.append((f"The {owner.name} must publish it by the end of {month.title()}.",
                              [f"{owner.id} must publish {obj} by end of {month}"]))
            others = [self.actor(base + 4 + k) for k in range(3)]
            for k, other in enumerate(others):
                verb = ("inform", "consult", "maintain")[(k + lap) % 3]
                if verb == "maintain":
                    rules.append((f"The {other.name} must keep records of it.",
                                  [f"{other.id} must maintain {obj}"]))
                else:
                    target = self.actor(base + 11 + k + lap).id
                    if target == other.id:
                        continue
                    rules.append((f"The {other.name} must {verb} others about it.",
                                  [f"{other.id} must {verb} {target} on {obj}"]))
            adviser = self.actor(base + 20 + lap)
            if adviser.id not in {submitter.id, endorser.id, approver.id}:
                rules.append((f"The {adviser.name} advises the Secretary of State on it.",
                              [f"{adviser.id} advises minister on {obj}"]))
            clause.sentences = [(self._lengthen(sentence), stated) for sentence, stated in rules]
            clause.extra_text.extend(DESCRIPTIONS[(index + k) % len(DESCRIPTIONS)] for k in range(5))
            used.add(obj)
            if index % 9 == 0:
                clause.extra_text.append(f"The {self.acronyms[index % len(self.acronyms)]} applies here.")
            self.clauses.append(clause)
            made += clause.rule_count()
            index += 1
            if index > 50 * n_people * len(objects):  # pragma: no cover - safety net
                break
        # the register holds only the items the rules name (REG002 is planted separately)
        self.objects = [o for o in self.objects if not o["id"].startswith("item_") or o["id"] in used]

    def _lengthen(self, sentence: str) -> str:
        """A sentence as long as a real one: a qualifying phrase before its full stop."""
        return sentence[:-1] + self.rng.choice(QUALIFIERS) + "."

    def _kind(self, actor_id: str) -> str:
        return next(a.kind for a in self.actors if a.id == actor_id)

    def _child(self, actor_id: str) -> str | None:
        children = self._children().get(actor_id, [])
        return children[0] if children else None

    def _children(self) -> dict[str, list[str]]:
        if not hasattr(self, "_children_cache"):
            out: dict[str, list[str]] = {}
            for actor in self.actors:
                if actor.parent:
                    out.setdefault(actor.parent, []).append(actor.id)
            self._children_cache = out
        return self._children_cache

    def _plant_budget(self) -> int:
        return 40 * self.copies

    @property
    def copies(self) -> int:
        return max(1, self.target // 10000)

    # -- planted defects -----------------------------------------------------------------
    def plant(self) -> None:
        self.planted("DAT001", [])
        for copy in range(self.copies):
            self.copy = copy
            for name, planter in PLANTS.items():
                planter(self, f"{name.lower()}-{copy}")

    def planted(self, code: str, clauses: list[str], subjects: list[str] | None = None) -> None:
        self.plants.append({"code": code, "clauses": clauses, "subjects": subjects or []})

    def new_object(self, tag: str, kind: str = "matter") -> str:
        ident = f"planted_{tag.replace('-', '_')}"
        self.objects.append({"id": ident, "name": f"Planted {tag}", "kind": kind})
        return ident

    def clause(self, tag: str, sentences: list[tuple[str, list[str]]]) -> str:
        clause = Clause(f"planted-{tag}", f"Planted {tag}", sentences)
        self.clauses.append(clause)
        return clause.id

    def two(self, offset: int) -> tuple[str, str]:
        """Two different people for a planted defect, different for every copy planted."""
        a, b = self.actor(offset + 53 * self.copy), self.actor(offset + 53 * self.copy + 1)
        return a.id, b.id

    # -- writing ---------------------------------------------------------------------------
    def write(self, folder: Path) -> None:
        if folder.exists():
            shutil.rmtree(folder)
        (folder / "parts").mkdir(parents=True)
        order = self._interleave()
        parts = []
        per_section = 50
        for s_index in range(0, len(order), per_section):
            number = s_index // per_section + 1
            chunk = order[s_index:s_index + per_section]
            subsections = []
            for sub_index in range(0, len(chunk), 10):
                sub_number = sub_index // 10 + 1
                children = []
                shift = 0
                for c_index, clause in enumerate(chunk[sub_index:sub_index + 10], start=1):
                    if clause.printed == "skip":
                        shift = 1
                        clause.printed = None
                    if clause.printed is None:
                        clause.printed = f"{number}.{sub_number}.{c_index + shift}"
                    children.append(clause.to_yaml())
                subsections.append({"id": f"s{number}-{sub_number}", "title": f"Group {number}.{sub_number}",
                                    "printed": f"{number}.{sub_number}", "level": 2, "clauses": children})
            part_id = f"section-{number:04d}"
            text = f"This section sets out rules of group {number}."
            if number > 1:
                text += f" See {number - 1}.1.1 for the rules before it."
            part = {"id": part_id, "kind": "section", "title": f"Rules of group {number}",
                    "printed": str(number), "level": 1, "text": text + "\n", "clauses": subsections}
            parts.append(part_id)
            _dump(folder / "parts" / f"{part_id}.yaml", part)
        sections = len(parts)
        listed = [f"{n}. Rules of Group {'Number ' + str(n) if n in self.misnamed else n}\\\n   What group {n} covers"
                  for n in range(1, min(sections, 5) + 1)]
        intro = {"id": "introduction", "kind": "introduction", "title": "Introduction",
                 "text": f"The document has {sections} sections, the first of them:\n\n" + "\n".join(listed) + "\n"}
        _dump(folder / "parts" / "introduction.yaml", intro)
        parts.insert(0, "introduction")
        glossary = {"id": "glossary", "kind": "glossary", "title": "Glossary", "entries": self.glossary}
        _dump(folder / "parts" / "glossary.yaml", glossary)
        parts.append("glossary")
        for annex_id, annex in self.annexes:
            _dump(folder / "parts" / f"{annex_id}.yaml", annex)
            parts.append(annex_id)
        manifest = {"title": f"Synthetic Framework Document ({self.target} rules)", "publisher": "Bench",
                    "version": "1", "published": "2008-07-01", "status": "published",
                    "review_by": "2011-12-31", "parts": parts, "vocabulary": "vocabulary.yaml"}
        _dump(folder / "manifest.yaml", manifest)
        _dump(folder / "vocabulary.yaml", {"actions": {"countersign": {"role": "signs"}}})
        actors = []
        for actor in self.actors:
            entry: dict[str, Any] = {"id": actor.id, "name": actor.name, "kind": actor.kind}
            if actor.aliases:
                entry["aliases"] = actor.aliases
            if actor.offices:
                entry["offices"] = [{"id": o, "name": "Office " + o.removeprefix("office_")} for o in actor.offices]
            if actor.member_of:
                entry["member_of"] = actor.member_of
            if actor.root:
                entry["root"] = True
            actors.append(entry)
        _dump(folder / "actors.yaml", {"actors": actors})
        _dump(folder / "objects.yaml", {"objects": self.objects})
        source = sum(path.stat().st_size for path in folder.rglob("*.yaml"))
        (folder / "planted.json").write_text(json.dumps({"rules": self.rule_total(), "plants": self.plants,
                                                         "bytes_per_rule": round(source / max(1, self.rule_total()))},
                                                        indent=1) + "\n", encoding="utf-8")

    def rule_total(self) -> int:
        return sum(c.rule_count() for c in self.clauses)

    def _interleave(self) -> list[Clause]:
        """Spread the planted clauses through the document, deterministically."""
        plain = [c for c in self.clauses if not c.id.startswith("planted-")]
        planted = [c for c in self.clauses if c.id.startswith("planted-")]
        if not planted:
            return plain
        step = max(1, len(plain) // (len(planted) + 1))
        out: list[Clause] = []
        for index, clause in enumerate(plain):
            out.append(clause)
            if index % step == step - 1 and planted:
                out.append(planted.pop(0))
        return out + planted


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10000),
                    encoding="utf-8")


class _Dumper(yaml.SafeDumper):
    """Block scalars for multi-line text, as people write the format."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


# -- one planter per kind of defect ---------------------------------------------------------

Planter = Callable[[Generator, str], None]


def _con001(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, _ = g.two(101)
    cid = g.clause(tag, [(f"The {a} must and must not publish it.",
                          [f"{a} is responsible for {obj}", f"{a} must publish {obj}", f"{a} must not publish {obj}"])])
    g.planted("CON001", [cid], [a, obj])


def _con002(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, b = g.two(103)
    cid = g.clause(tag, [("Two owners.", [f"{a} is responsible for {obj}", f"{b} is responsible for {obj}"])])
    g.planted("CON002", [cid], [a, b, obj])


def _con003(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, b = g.two(105)
    cid = g.clause(tag, [("Two approvers.", [f"{a} is responsible for {obj}", f"{a} must approve {obj}",
                                              f"{b} must approve {obj}"])])
    g.planted("CON003", [cid], [a, b, obj])


def _con004(g: Generator, tag: str) -> None:
    holders = [a for a in g.actors if a.offices and a.parent]
    holder = holders[g.copy % len(holders)]
    office = holder.offices[0]
    a, b = g.two(107)
    others = [x for x in (a, b) if x != holder.parent]
    cid = g.clause(tag, [("Another appointer.", [f"{others[0]} appoints {office}"])])
    g.planted("CON004", [cid], [others[0], office])


def _del001(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, b = g.two(109)
    cid = g.clause(tag, [("An unheld delegation.", [f"{b} is responsible for {obj}",
                                                     f"{a} delegates approve {obj} to {b}"])])
    g.planted("DEL001", [cid], [a, obj])


def _del002(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, b = g.two(111)
    c = g.actor(113 + 53 * g.copy).id
    cid = g.clause(tag, [("A delegation to the wrong person.", [
        f"{a} is responsible for {obj}", f"{a} may delegate approve {obj} to {b}",
        f"{a} delegates approve {obj} to {c}"])])
    g.planted("DEL002", [cid], [a, c, obj])


def _del003(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, b = g.two(115)
    c = g.actor(117 + 53 * g.copy).id
    cid = g.clause(tag, [("A sub-delegation.", [
        f"{a} is responsible for {obj}", f"{a} delegates approve {obj} to {b}",
        f"{b} delegates approve {obj} to {c}"])])
    g.planted("DEL003", [cid], [b, c, obj])


def _del004(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, b = g.two(119)
    cid = g.clause(tag, [("Not in writing.", [
        f"{a} is responsible for {obj}", f"{a} may delegate {obj} to {b} in writing",
        f"{a} delegates {obj} to {b}"])])
    g.planted("DEL004", [cid], [a, b, obj])


def _del005(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, b = g.two(121)
    cid = g.clause(tag, [("A loop.", [
        f"{a} is responsible for {obj}", f"{b} is responsible for {obj} for ethical_walls",
        f"{a} delegates approve {obj} to {b}", f"{b} delegates approve {obj} to {a}"])])
    g.planted("DEL005", [cid], [a, b, obj])


def _del006(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, b = g.two(147)
    cid = g.clause(tag, [("Acting under a delegation only permitted.", [
        f"{a} is responsible for {obj}", f"{a} may delegate endorse {obj} to {b}",
        f"{b} must agree {obj} on behalf of {a}"])])
    g.planted("DEL006", [cid], [a, b, obj])


def _acc001(g: Generator, tag: str) -> None:
    a, b = g.two(123)
    cid = g.clause(tag, [("A loop of accountability.", [f"{b} is accountable to {a}", f"{a} reports to {b}"])])
    g.planted("ACC001", [cid], [a, b])


def _acc002(g: Generator, tag: str) -> None:
    ident = f"orphan_{tag.replace('-', '_')}"
    g.actors.append(Actor(ident, f"Orphan {tag}", "individual", None, offices=[f"{ident}_office"]))
    cid = g.clause(tag, [("An office appointed but answering to nobody.",
                          [f"minister appoints {ident}_office", f"{ident} must maintain ethical_walls"])])
    g.planted("ACC002", [], [ident])
    del cid


def _acc003(g: Generator, tag: str) -> None:
    a, b = g.two(125)
    c = g.actor(127 + 53 * g.copy).id
    cid = g.clause(tag, [("A second line manager.", [f"{a} line manages {c}", f"{b} line manages {c}"])])
    g.planted("ACC003", [cid], [c])


def _pro001(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, b = g.two(129)
    cid = g.clause(tag, [("A loop of steps.", [
        f"{a} is responsible for {obj}",
        f"{a} must publish {obj} after {b} reviews {obj}", f"{b} must review {obj} after {a} publishes {obj}"])])
    g.planted("PRO001", [cid], [a, b, obj])


def _pro002(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, _ = g.two(131)
    first = g.clause(f"{tag}-a", [("A deadline.", [f"{a} is responsible for {obj}", f"{a} must publish {obj} by end of march"])])
    second = g.clause(f"{tag}-b", [("Another deadline.", [f"{a} must publish {obj} by end of june"])])
    g.planted("PRO002", [first, second], [a, obj])


def _sod001(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, _ = g.two(133)
    cid = g.clause(tag, [("Commissions and provides.", [
        f"{a} is responsible for {obj}", f"{a} must commission {obj}", f"{a} must provide {obj}"])])
    g.planted("SOD001", [cid], [a, obj])


def _sod002(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    holders = [a for a in g.actors if a.offices and a.id != "minister"]
    holder = holders[(g.copy + 1) % len(holders)]
    cid = g.clause(tag, [("Submits to itself.", [
        f"{holder.id} is responsible for {obj}", f"{holder.id} must submit {obj} to {holder.offices[0]}",
        f"{holder.offices[0]} must approve {obj}"])])
    g.planted("SOD002", [cid], [holder.id, obj])


def _sod003(g: Generator, tag: str) -> None:
    board = g.bodies[g.copy % len(g.bodies)].id if g.bodies else "parliament"
    ident = f"agency_{tag.replace('-', '_')}"
    g.actors.append(Actor(ident, f"Agency {tag}", "body", board))
    head = g.actor(135 + 53 * g.copy).id
    membership = [] if board in g.actor(135 + 53 * g.copy).member_of else [f"{head} is member of {board}"]
    cid = g.clause(tag, [("Supervisor includes the supervised.", [
        f"{board} supervises {ident}", *membership, f"{head} is responsible for {ident}"])])
    g.planted("SOD003", [cid], [head, board, ident])


def _sod004(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, _ = g.two(137)
    cid = g.clause(tag, [("Advises on its own work.", [
        f"{a} is responsible for {obj}", f"{a} must endorse {obj}", f"{a} advises minister on {obj}"])])
    g.planted("SOD004", [cid], [a, obj])


def _dup001(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, _ = g.two(139)
    first = g.clause(f"{tag}-a", [("Stated once.", [f"{a} is responsible for {obj}", f"{a} must maintain {obj}"])])
    second = g.clause(f"{tag}-b", [("Stated again.", [f"{a} must maintain {obj}"])])
    g.planted("DUP001", [first, second], [a, obj])


def _ref001(g: Generator, tag: str) -> None:
    cid = g.clause(tag, [])
    g.clauses[-1].extra_text.append("The details are in section 98.7.9.")
    g.planted("REF001", [cid])


def _ref002(g: Generator, tag: str) -> None:
    annex_id = f"annex-{tag}"
    g.annexes = [*g.annexes, (annex_id, {"id": annex_id, "kind": "annex", "title": f"Placeholder {tag}",
                                         "text": "This Annex will be added when the arrangements are agreed.\n",
                                         "rules": '"This Annex will be added":\n  informal "a placeholder, not a rule"\n'})]
    letter = _letter(len(g.annexes))
    cid = g.clause(tag, [])
    g.clauses[-1].extra_text.append(f"Details of the arrangements are included at Annex {letter}.")
    g.planted("REF002", [annex_id])
    g.planted("REF003", [cid, annex_id])


def _ref004(g: Generator, tag: str) -> None:
    g.misnamed.add(2)
    g.planted("REF004", ["introduction"])


def _glo(g: Generator, tag: str) -> None:
    cid = g.clause(tag, [])
    undefined = f"ZQX{len(g.plants)}"
    g.clauses[-1].extra_text.append(f"The {undefined} and the Xyzzy{tag[-1]}Tq apply.")
    g.planted("GLO001", [], [undefined])
    unused = f"UNUSED{len(g.plants)}"
    g.glossary.append({"term": unused, "expansion": "Never used"})
    g.planted("GLO002", [], [unused])
    spelt = f"QwE{len(g.plants)}"
    g.glossary.append({"term": spelt, "expansion": "Spelt differently"})
    g.clauses[-1].extra_text.append(f"The {spelt.upper()} is spelt in capitals here.")
    g.planted("GLO003", [], [spelt])
    twice = g.acronyms[len(g.plants) % len(g.acronyms)]
    g.glossary.append({"term": twice, "expansion": "Defined twice"})
    g.planted("GLO004", [], [twice])
    del cid


def _reg(g: Generator, tag: str) -> None:
    ident = f"unused_{tag.replace('-', '_')}"
    g.objects.append({"id": ident, "name": f"Unused {tag}", "kind": "matter"})
    g.planted("REG002", [], [ident])
    first, second = g.actor(141 + 53 * g.copy), g.actor(143 + 53 * g.copy)
    alias = f"the Shared Title {tag}"
    first.aliases.append(alias)
    second.aliases.append(alias)
    g.planted("REG003", [], [first.id, second.id])
    ghost = Actor(f"ghost_{tag.replace('-', '_')}", f"Ghost {tag}", "body", None, member_of=["no_such_board"])
    g.actors.append(ghost)
    g.clause(tag, [("The ghost answers to the minister.", [f"{ghost.id} is accountable to minister"])])
    g.planted("REG004", [], [ghost.id])


def _structure(g: Generator, tag: str) -> None:
    gap = g.clause(f"{tag}-gap", [])
    g.clauses[-1].printed = "skip"  # printed one number on: a gap (see write)
    g.clauses[-1].extra_text.append("A clause printed with a number skipped.")
    level = g.clause(f"{tag}-level", [])
    g.clauses[-1].printed = "9.9"
    g.clauses[-1].extra_text.append("A clause printed at the wrong level.")
    heading = g.clause(f"{tag}-heading", [])
    g.clauses[-1].level = 2
    g.clauses[-1].extra_text.append("A clause whose heading is printed one level too high.")
    g.planted("STR101", [gap])
    g.planted("STR102", [level])
    g.planted("STR103", [heading])


def _cov(g: Generator, tag: str) -> None:
    cid = g.clause(tag, [])
    g.clauses[-1].extra_text.append("The Director must approve the plan.")
    g.planted("COV001", [cid])


def _hygiene(g: Generator, tag: str) -> None:
    """Hidden characters, look-alike names, an anchor collision, containment circles and a
    glossary term written two ways (checks/hygiene.py, collisions.py, containment.py, terms.py)."""
    control = g.clause(f"{tag}-control", [])
    g.clauses[-1].extra_text.append("A bell\a rings here.")
    g.planted("HYG001", [control])
    bidi = g.clause(f"{tag}-bidi", [])
    g.clauses[-1].extra_text.append("The text \u202ereads backwards\u202c here.")
    g.planted("HYG002", [bidi])
    hidden, mixed = g.actor(151 + 53 * g.copy), g.actor(153 + 53 * g.copy)
    hidden.aliases.append(f"Secret\u200bariat {tag}")
    g.planted("HYG003", [], [hidden.id])
    mixed.aliases.append(f"Pl\u0430nning Unit {tag}")  # a Cyrillic a
    g.planted("HYG004", [], [mixed.id])
    original = g.actor(155 + 53 * g.copy)
    original.aliases.append(f"{original.name} 1")
    twin = Actor(f"twin_{tag.replace('-', '_')}", f"{original.name} l", "individual", None)  # l for 1
    g.actors.append(twin)
    g.clause(f"{tag}-twin", [("The twin answers to the minister.", [f"{twin.id} is accountable to minister"])])
    g.planted("HYG005", [], [original.id, twin.id])
    annex_id = f"annex-{tag}"
    collides = f"clause-{g.copy + 1}-1-1"
    g.annexes = [*g.annexes, (annex_id, {"id": annex_id, "kind": "annex", "title": f"Notes {tag}",
                                         "text": "Notes on the document.\n",
                                         "clauses": [{"id": collides, "numbered": False, "title": "Notes",
                                                      "text": "More notes.\n"}]})]
    g.planted("STR104", [collides])
    circle = [Actor(f"circle_{tag.replace('-', '_')}_{n}", f"Circle {tag} {n}", "body", None) for n in (1, 2)]
    circle[0].member_of.append(circle[1].id)
    circle[1].member_of.append(circle[0].id)
    g.actors.extend(circle)
    g.clause(f"{tag}-circle", [("The circle answers to the minister.",
                                [f"{c.id} is accountable to minister" for c in circle])])
    g.planted("REG005", [], [c.id for c in circle])
    things = [f"loop_{tag.replace('-', '_')}_{n}" for n in (1, 2)]
    g.objects += [{"id": things[0], "name": f"Circle {tag} one", "kind": "matter", "part_of": things[1]},
                  {"id": things[1], "name": f"Circle {tag} two", "kind": "matter", "part_of": things[0]}]
    g.planted("REG005", [], things)
    term = g.acronyms[(len(g.plants) + 7) % len(g.acronyms)]
    wide = "".join(chr(ord(c) + 0xFEE0) for c in term)  # the full-width form of the same term
    g.glossary.append({"term": wide, "expansion": f"Programme {term}"})
    g.clauses[-1].extra_text.append(f"The {wide} applies.")
    g.planted("GLO005", [], [wide])


def _letter(n: int) -> str:
    return LETTERS_ALL[n - 1]


LETTERS_ALL = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

def _con005(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, _ = g.two(171)
    cid = g.clause(tag, [("Approves and rejects.", [f"{a} is responsible for {obj}", f"{a} must approve {obj}",
                                                     f"{a} must reject {obj}"])])
    g.planted("CON005", [cid], [a, obj])


def _con006(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, b = g.two(173)
    cid = g.clause(tag, [("A sole authority given twice.", [f"{a} alone has power to approve {obj}",
                                                             f"{b} may approve {obj}"])])
    g.planted("CON006", [cid], [a, b, obj])


def _pro003(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, b = g.two(175)
    cid = g.clause(tag, [("A deadline that cannot be met.", [
        f"{a} is responsible for {obj}", f"{a} must certify {obj} not before end of july",
        f"{b} must publish {obj} by end of june after {a} certifies {obj}"])])
    g.planted("PRO003", [cid], [b, a, obj])


def _pro004(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, b = g.two(177)
    cid = g.clause(tag, [("An approval due before the submission.", [
        f"{a} is responsible for {obj}", f"{a} must submit {obj} to {b} by end of november",
        f"{b} must approve {obj} by end of october"])])
    g.planted("PRO004", [cid], [b, a, obj])


def _del007(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, b = g.two(179)
    cid = g.clause(tag, [("A delegation beyond its limit.", [
        f"{a} may approve {obj} up to £5m", f"{a} delegates approve {obj} to {b} up to £10m"])])
    g.planted("DEL007", [cid], [a, b, obj])


def _voc001(g: Generator, tag: str) -> None:
    if g.copy == 0:  # one vocabulary file, with one bad role (written by `write`)
        g.planted("VOC001", [])


def _voc002(g: Generator, tag: str) -> None:
    obj = g.new_object(tag)
    a, _ = g.two(181)
    cid = g.clause(tag, [("Done in a manner nobody declared.", [
        f"{a} is responsible for {obj}", f"{a} must publish {obj} in open_and_fiar manner"])])
    g.planted("VOC002", [cid], ["open_and_fiar"])


def _nam005(g: Generator, tag: str) -> None:
    if g.copy == 0:  # one object whose id is a reserved word (ids are unique)
        g.objects.append({"id": "manner", "name": f"Manner {tag}", "kind": "matter"})
        g.planted("NAM005", [], ["manner"])
        g.planted("REG002", [], ["manner"])  # no rule can name it, so none does


def _dat002(g: Generator, tag: str) -> None:
    if g.copy == 0:  # a review of the document due before the date the document is published
        doc = g.new_object(tag, kind="document")
        cid = g.clause(tag, [("The schedule is reviewed before it is published.", [
            f"unnamed must review {doc} no later than 2008-06-30"])])
        g.planted("DAT002", [cid])


PLANTS: dict[str, Planter] = {
    "CON001": _con001, "CON002": _con002, "CON003": _con003, "CON004": _con004,
    "DEL001": _del001, "DEL002": _del002, "DEL003": _del003, "DEL004": _del004, "DEL005": _del005, "DEL006": _del006,
    "ACC001": _acc001, "ACC002": _acc002, "ACC003": _acc003, "PRO001": _pro001, "PRO002": _pro002,
    "SOD001": _sod001, "SOD002": _sod002, "SOD003": _sod003, "SOD004": _sod004, "DUP001": _dup001,
    "REF001": _ref001, "REF002": _ref002, "REF004": _ref004, "GLO": _glo, "REG": _reg, "STR": _structure, "COV": _cov,
    "HYG": _hygiene, "CON005": _con005, "CON006": _con006, "PRO003": _pro003, "PRO004": _pro004,
    "DEL007": _del007, "VOC001": _voc001, "VOC002": _voc002, "NAM005": _nam005,
    "DAT002": _dat002,
}


def generate(folder: Path, rules: int, seed: int = 2008) -> dict[str, Any]:
    """Write a synthetic document of about `rules` rules to `folder`; return planted.json's data."""
    generator = Generator(rules, seed)
    generator.plant()
    generator.ordinary()
    generator.write(folder)
    data: dict[str, Any] = json.loads((folder / "planted.json").read_text(encoding="utf-8"))
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rules", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2008)
    args = parser.parse_args(argv)
    data = generate(args.folder, args.rules, args.seed)
    print(f"wrote {args.folder}: {data['rules']} rules, {data['bytes_per_rule']} bytes of source a rule, "
          f"{len(data['plants'])} planted defects")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
