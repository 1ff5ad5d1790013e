"""Load a framework document folder into the model, reporting every problem on the way.

One pass: read each file safely (load/yamlfile.py), validate it against its schema
(load/schema.py), number the parts and clauses, split the prose into sentences, parse every
rules block (dsl/), resolve every name against the registers (resolve.py) and build the
immutable model.  It never stops at the first problem: a broken part is reported and skipped,
everything else is still loaded, so that one run reports every problem.
"""

from __future__ import annotations

import bisect
import datetime
import os
import re
from collections.abc import Iterator
from dataclasses import astuple, dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from checker.dsl.ast import Statement
from checker.dsl.parser import DslError
from checker.findings import Finding, Location, Severity, sort_findings
from checker.gcpause import gc_paused
from checker.load.schema import validate, validator
from checker.load.source import inside
from checker.load.yamlfile import BlockInfo, YamlFile, YDict, YList, map_position, read_yaml, shared_memo
from checker.model import (
    Acknowledgement,
    Actor,
    Clause,
    Condition,
    Document,
    Explanation,
    GlossaryEntry,
    Informal,
    Manifest,
    Office,
    Part,
    Rule,
    Sentence,
    Table,
    Thing,
)
from checker.numbering import Numberer, default_scheme, scheme_from
from checker.resolve import Resolver
from checker.sentences import QuoteIndex, Unit, split_units
from checker.suggest import Budget, Suggester, did_you_mean, words


def _units(text: str) -> list[Unit]:
    """`split_units(text)`, once a text while `shared_reads` is on (`fwdoc amend` loads BASE and
    HEAD, whose prose is nearly all the same; the units are frozen and only read)."""
    memo = shared_memo("units")
    if memo is None:
        return split_units(text)
    found: list[Unit] | None = memo.get(text)
    if found is None:
        found = memo[text] = split_units(text)
    return found


def _normalised(text: str) -> str:
    """`normalise(text)`, once a text while `shared_reads` is on (as `_units`)."""
    from checker.sentences import normalise

    memo = shared_memo("normalised")
    if memo is None:
        return normalise(text)
    found: str | None = memo.get(text)
    if found is None:
        found = memo[text] = normalise(text)
    return found


class LoadError(Exception):
    """The folder cannot be read as a framework document at all (exit status 2)."""


@dataclass
class LoadResult:
    document: Document | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


def load_document(root: Path) -> LoadResult:
    """Load the document in `root`; raise LoadError only when there is no document there."""
    root = root.resolve()
    if not root.is_dir():
        raise LoadError(f"{root}: not a folder; expected a framework document folder with a manifest.yaml")
    # exists, not is_file: a manifest that is a link out of the folder or a FIFO is refused
    # with a finding by the reader, not reported as absent
    if not os.path.lexists(root / "manifest.yaml"):
        raise LoadError(f"{root}: no manifest.yaml here; expected a framework document folder "
                        "(see docs/format.md)")
    # the model is built from many small objects: pausing the collector halves load time
    with gc_paused():
        return _Builder(root).build()


class _Builder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.findings: list[Finding] = []
        self.files: list[str] = []
        self._quote_index: dict[str, QuoteIndex] = {}
        # what `_rules` needs of each clause with rules, not the clause's YAML: the trees of
        # the part files are let go part by part, before the blocks are parsed (peak memory)
        self._pending: list[tuple[str, str, BlockInfo, Clause]] = []
        self.broken_names: set[str] = set()  # ids of register entries that failed the schema
        self._suggesters: dict[str, Suggester] = {}  # "did you mean" sentences, by clause
        # a comparison of two sentences costs about a millisecond: about a second in all
        self._fuzzy_budget = Budget(2_000, 2_000)

    # -- reading ---------------------------------------------------------------------------
    def read(self, path: Path, kind: str, partial: bool = False) -> YamlFile | None:
        """The file when it is valid; with `partial`, a register keeps its valid entries."""
        doc = read_yaml(path, self.root)
        self.files.append(doc.rel)
        ok = doc.data is not None and validate(doc, kind)
        self.findings.extend(doc.findings)
        if ok:
            return doc
        return _valid_entries(doc, kind, self.broken_names) if partial else None

    def error(self, code: str, name: str, message: str, *locations: Location) -> None:
        self.findings.append(Finding(code, name, Severity.ERROR, message, tuple(locations)))

    def warning(self, code: str, name: str, message: str, *locations: Location) -> None:
        self.findings.append(Finding(code, name, Severity.WARNING, message, tuple(locations)))

    # -- the whole document ------------------------------------------------------------------
    def build(self) -> LoadResult:
        manifest_file = self.read(self.root / "manifest.yaml", "manifest")
        actors_file = self._optional("actors.yaml", "actors")
        objects_file = self._optional("objects.yaml", "objects")
        manifest = self._manifest(manifest_file)
        actors, offices = self._actors(actors_file)
        objects = self._objects(objects_file)
        conditions = self._conditions(manifest_file)

        part_files: list[tuple[str, YamlFile]] = []
        if manifest_file is not None:
            part_files = self._part_files(manifest_file)

        self.resolver = Resolver(actors, offices, objects, [pid for pid, _ in part_files],
                                 broken=self.broken_names, conditions=conditions,
                                 dates=manifest.dates if manifest else None)
        parts: list[Part] = []
        self.clauses: dict[str, Clause] = {}
        self.clause_loc: dict[str, Location] = {}
        self.rules: list[Rule] = []
        self.informals: list[Informal] = []
        self.acks: list[Acknowledgement] = []
        self.explanations: list[Explanation] = []
        glossary: list[GlossaryEntry] = []
        self.numberer = Numberer(manifest.numbering if manifest else default_scheme())
        part_files.reverse()
        while part_files:  # each part's YAML tree dropped once the part is built
            part = self._part(*part_files.pop())
            if part is not None:
                parts.append(part)
                glossary.extend(part.entries)
        self._parse_pending()
        self._quote_index.clear()  # (needed by the citations only)

        self.findings.extend(self.resolver.findings)
        document = None
        if manifest is not None:
            document = Document(
                root=self.root,
                manifest=manifest,
                parts=tuple(parts),
                clauses=MappingProxyType(self.clauses),
                actors=MappingProxyType(actors),
                offices=MappingProxyType(offices),
                objects=MappingProxyType(objects),
                glossary=tuple(glossary),
                rules=tuple(self.rules),
                informals=tuple(self.informals),
                acknowledgements=tuple(self.acks),
                explanations=tuple(self.explanations),
                files=tuple(self.files),
                conditions=MappingProxyType(conditions),
            )
        return LoadResult(document, sort_findings(self.findings))

    def _optional(self, name: str, kind: str) -> YamlFile | None:
        path = self.root / name
        if not os.path.lexists(path):
            self.error("SRC012", "missing-file", f"the {kind} register {name} is missing; "
                       f"expected a file with a top-level '{kind}:' list", Location(name))
            return None
        # one broken entry must not turn every use of every other name into an error
        return self.read(path, kind, partial=True)

    def _manifest(self, yfile: YamlFile | None) -> Manifest | None:
        if yfile is None:
            return None
        data = yfile.data
        sig = data.get("signatory") or {}
        scheme, problem = scheme_from(data.get("numbering"))
        if problem:
            pos = data.value_pos["numbering"]
            self.error("SCH004", "unknown-numbering", problem, Location(yfile.rel, pos.line, pos.column))
        year_start = data.get("financial_year_start", "04-01")
        try:  # (a leap day cannot start every year)
            datetime.date(2001, *(int(part) for part in year_start.split("-")))
        except ValueError:
            pos = data.value_pos["financial_year_start"]
            self.error("SCH001", "schema", f"financial_year_start '{year_start}' is not a day of "
                       "every year; expected MM-DD, such as 04-01", Location(yfile.rel, pos.line, pos.column))
            year_start = "04-01"
        dates: dict[str, datetime.date] = {}
        for key, value in (data.get("dates") or {}).items():
            try:
                dates[key] = datetime.date.fromisoformat(value)
            except ValueError as err:
                pos = data["dates"].value_pos[key]
                self.error("SCH001", "schema", f"the date '{key}' ({value}) does not exist ({err}); "
                           "expected YYYY-MM-DD", Location(yfile.rel, pos.line, pos.column))
        return Manifest(
            title=data["title"], publisher=data["publisher"], version=str(data["version"]),
            # an imported or new document may not know its dates yet: "" until set
            published=data.get("published") or "", status=data["status"],
            review_by=data.get("review_by") or "", numbering=scheme,
            parts=tuple(data["parts"]), language=data.get("language", "en"),
            short_title=data.get("short_title"),
            signatory=MappingProxyType({k: str(v) for k, v in sig.items()}),
            amendments=data.get("amendments", "amendments"),
            description=data.get("description", ""),
            site_url=data.get("site_url", ""),
            back_matter=MappingProxyType({k: str(v) for k, v in (data.get("back_matter") or {}).items()}),
            location=Location(yfile.rel, 1, 1),
            financial_year_start=year_start,
            dates=MappingProxyType(dates),
            dates_annex=bool((data.get("publication") or {}).get("dates_annex", False)),
        )

    # -- registers ---------------------------------------------------------------------------
    def _actors(self, yfile: YamlFile | None) -> tuple[dict[str, Actor], dict[str, Office]]:
        actors: dict[str, Actor] = {}
        offices: dict[str, Office] = {}
        if yfile is None:
            return actors, offices
        items: YList = yfile.data["actors"]
        first_seen: dict[str, Location] = {}
        for index, item in enumerate(items):
            loc = Location(yfile.rel, items.item_pos[index].line, items.item_pos[index].column)
            office_ids = []
            for o_index, office in enumerate(item.get("offices", [])):
                o_pos = item["offices"].item_pos[o_index]
                o_loc = Location(yfile.rel, o_pos.line, o_pos.column)
                if self._duplicate(office["id"], o_loc, first_seen, "name"):
                    continue
                offices[office["id"]] = Office(office["id"], office["name"], item["id"],
                                               tuple(office.get("aliases", [])),
                                               office.get("description", ""), o_loc)
                office_ids.append(office["id"])
            if self._duplicate(item["id"], loc, first_seen, "name"):
                continue
            actors[item["id"]] = Actor(
                id=item["id"], name=item["name"], kind=item["kind"],
                aliases=tuple(item.get("aliases", [])), offices=tuple(office_ids),
                member_of=tuple(item.get("member_of", [])), chairs=tuple(item.get("chairs", [])),
                part_of=item.get("part_of"), root=bool(item.get("root", False)),
                description=item.get("description", ""), location=loc,
            )
        self._register_first_seen = first_seen
        return actors, offices

    def _entries(self, yfile: YamlFile, key: str) -> Iterator[tuple[Any, Location]]:
        """Each entry of a register's list with its place; an id already taken by an earlier
        entry (of any register) is reported and left out."""
        first_seen = getattr(self, "_register_first_seen", {})
        items: YList = yfile.data[key]
        for index, item in enumerate(items):
            loc = Location(yfile.rel, items.item_pos[index].line, items.item_pos[index].column)
            if not self._duplicate(item["id"], loc, first_seen, "name"):
                yield item, loc

    def _objects(self, yfile: YamlFile | None) -> dict[str, Thing]:
        objects: dict[str, Thing] = {}
        if yfile is None:
            return objects
        for item, loc in self._entries(yfile, "objects"):
            objects[item["id"]] = Thing(item["id"], item["name"], item.get("kind", ""),
                                        tuple(item.get("aliases", [])), item.get("part_of"),
                                        item.get("description", ""), loc, owner=item.get("owner"))
        return objects

    def _conditions(self, manifest: YamlFile | None) -> dict[str, Condition]:
        """The optional conditions register, named in the manifest as `conditions:`."""
        out: dict[str, Condition] = {}
        if manifest is None or "conditions" not in manifest.data:
            return out
        name = manifest.data["conditions"]
        path = self.root / name
        if not os.path.lexists(path):
            pos = manifest.data.value_pos["conditions"]
            self.error("SRC012", "missing-file", f"the manifest names the conditions register "
                       f"{name}, which does not exist; expected a file with a top-level "
                       "'conditions:' list", Location(manifest.rel, pos.line, pos.column))
            return out
        yfile = self.read(path, "conditions", partial=True)
        if yfile is None:
            return out
        for item, loc in self._entries(yfile, "conditions"):
            if not _usable_condition(item["id"]):
                # the grammar decides: a reserved word (`final`) cannot stand where a name does
                self.error("NAM004", "reserved-condition-id",
                           f"the condition id '{item['id']}' is a reserved word of the rules language, so no "
                           f"rule can name it (`if {item['id']}` does not parse); expected another id, for "
                           f"example '{item['id']}_{'case' if item['id'] != 'case' else 'condition'}'", loc)
                self.broken_names.add(item["id"])  # reported once, here
                continue
            out[item["id"]] = Condition(item["id"], tuple(item.get("phrases", [])),
                                        tuple(item.get("excludes", [])), tuple(item.get("implies", [])),
                                        item.get("description", ""), loc)
        for cond in out.values():
            for other in (*cond.excludes, *cond.implies):
                if other not in out and other not in self.broken_names:
                    self.error("NAM003", "unknown-condition",
                               f"the condition '{cond.id}' relates to '{other}', which is not a "
                               f"declared condition{did_you_mean(other, list(out))}", cond.location)
        return out

    def _duplicate(self, key: str, loc: Location, seen: dict[str, Location], what: str) -> bool:
        if key in seen:
            self.error("REG001", "duplicate-id",
                       f"the {what} '{key}' is defined twice (first at {seen[key]}); ids must be unique",
                       loc, seen[key])
            return True
        seen[key] = loc
        return False

    # -- parts and clauses --------------------------------------------------------------------
    def _part_files(self, manifest: YamlFile) -> list[tuple[str, YamlFile]]:
        out: list[tuple[str, YamlFile]] = []
        parts: YList = manifest.data["parts"]
        listed = set()
        for index, part_id in enumerate(parts):
            pos = parts.item_pos[index]
            loc = Location(manifest.rel, pos.line, pos.column)
            if part_id in listed:
                self.error("STR001", "duplicate-id", f"the part '{part_id}' is listed twice", loc)
                continue
            listed.add(part_id)
            path = self.root / "parts" / f"{part_id}.yaml"
            if not os.path.lexists(path):
                self.error("SRC012", "missing-file",
                           f"the manifest lists the part '{part_id}' but parts/{part_id}.yaml does not exist",
                           loc)
                continue
            yfile = self.read(path, "part")
            if yfile is None:
                continue
            if yfile.data["id"] != part_id:
                pos_id = yfile.data.value_pos["id"]
                self.error("STR002", "part-id-mismatch",
                           f"the part in parts/{part_id}.yaml has id '{yfile.data['id']}'; "
                           f"expected '{part_id}' (the file name)",
                           Location(yfile.rel, pos_id.line, pos_id.column))
            out.append((part_id, yfile))
        folder = self.root / "parts"
        # (a parts folder that is a link out of the document is not listed: its parts are
        # refused one by one above, and the names of files elsewhere are no business of ours)
        if folder.is_dir() and inside(folder, self.root):
            for path in sorted(folder.glob("*.yaml")):
                if path.stem not in listed:  # an error: a forgotten part is silently unpublished
                    self.error("STR003", "unlisted-part",
                                 f"parts/{path.name} is not in the manifest's parts, so it is never "
                                 "checked or published; add it to 'parts' or delete it",
                                 Location(f"parts/{path.name}", 1, 1))
        return out

    def _part(self, part_id: str, yfile: YamlFile) -> Part | None:
        data: YDict = yfile.data
        kind = data["kind"]
        printed = str(data["printed"]) if data.get("printed") is not None else None
        number, label, anchor = astuple(self.numberer.part(part_id, kind, data["title"], printed))
        loc = Location(yfile.rel, data.pos.line, data.pos.column, part_id)
        if "entries" in data and kind != "glossary":
            pos = data.key_pos["entries"]
            self.error("SCH003", "misplaced-entries",
                       f"the part '{part_id}' is a {kind}, but only a glossary part has 'entries'; "
                       "move them to the glossary part (kind: glossary)",
                       Location(yfile.rel, pos.line, pos.column, part_id))
        entries = tuple(
            GlossaryEntry(e["term"], e["expansion"],
                          Location(yfile.rel, data["entries"].item_pos[i].line,
                                   data["entries"].item_pos[i].column, part_id))
            for i, e in enumerate(data.get("entries", []))
        )
        part = Part(part_id, kind, data["title"], data.get("subtitle"), number, label, anchor,
                    yfile.rel, loc, entries, printed)
        self._clause(yfile, data, part, None, 0, number, label, anchor, loc)
        return part

    def _clause(self, yfile: YamlFile, data: YDict, part: Part, parent: str | None, depth: int,
                number: str | None, label: str, anchor: str, loc: Location) -> None:
        clause_id = data["id"]
        if clause_id in self.clauses:
            self.error("STR001", "duplicate-id",
                       f"the clause id '{clause_id}' is used twice (first at {self.clause_loc[clause_id]}); "
                       "clause ids must be unique in the document", loc, self.clause_loc[clause_id])
            return
        self.clause_loc[clause_id] = loc
        children_ids: list[str] = []
        children: YList = data.get("clauses", YList())
        child_no = 0
        pending: list[tuple[YDict, str | None, str, str, Location]] = []
        for index, child in enumerate(children):
            pos = children.item_pos[index]
            child_loc = Location(yfile.rel, pos.line, pos.column, child["id"])
            if child.get("numbered", True):
                child_no += 1
                printed = str(child["printed"]) if child.get("printed") is not None else None
                c_number, c_label, c_anchor = astuple(self.numberer.clause(
                    part.id, part.kind, part.title, part.number, number, depth + 1, child_no, printed))
            else:
                c_number, c_label, c_anchor = None, child.get("title", child["id"]), child["id"]
            children_ids.append(child["id"])
            pending.append((child, c_number, c_label, c_anchor, child_loc))

        text = data.get("text", "")
        items = tuple(i if isinstance(i, str) else i["text"] for i in data.get("items", []))
        table = _table(data.get("table"))
        if table is not None:
            self._table_keys(yfile, data["table"], clause_id)
        sentences = self._sentences(yfile, data, clause_id, text, items, table)
        rules_loc = None
        if "rules" in data:
            pos = data.value_pos["rules"]
            rules_loc = Location(yfile.rel, pos.line, pos.column, clause_id)
        clause = Clause(
            id=clause_id, part=part.id, parent=parent, depth=depth, number=number, label=label,
            anchor=anchor, title=data.get("title") if depth else part.title,
            printed=data.get("printed"), numbered=data.get("numbered", True), text=text,
            items=items, table=table, children=tuple(children_ids), location=loc,
            sentences=tuple(sentences), rules_location=rules_loc, level=data.get("level"),
        )
        self.clauses[clause_id] = clause
        if "rules" in data:
            block = data.block.get("rules") or BlockInfo(data.value_pos["rules"].line, 0, False,
                                                         data.value_pos["rules"].column)
            self._pending.append((yfile.rel, data["rules"], block, clause))  # parsed together once all are read
        for child, c_number, c_label, c_anchor, child_loc in pending:
            self._clause(yfile, child, part, clause_id, depth + 1, c_number, c_label, c_anchor,
                         child_loc)

    def _table_keys(self, yfile: YamlFile, table: YDict, clause_id: str) -> None:
        """A row key that is no column id would be dropped silently: report it."""
        columns = [c["id"] for c in table["columns"]]
        for index, row in enumerate(table["rows"], start=1):
            for key in row:
                if key in columns:
                    continue
                pos = row.key_pos.get(key, row.pos) if isinstance(row, YDict) else table.pos
                self.error("SCH002", "unknown-column",
                           f"row {index} of the table has the key '{key}', which is not a column "
                           f"id{did_you_mean(key, columns)}; expected one of {', '.join(columns)}",
                           Location(yfile.rel, pos.line, pos.column, clause_id))

    def _sentences(self, yfile: YamlFile, data: YDict, clause_id: str, text: str,
                   items: tuple[str, ...], table: Table | None) -> list[Sentence]:
        out: list[Sentence] = []

        def add(source: str, block: BlockInfo | None, fallback: Location, origin: str) -> None:
            # offsets of line starts, searched by bisection: counting newlines afresh for each
            # sentence is quadratic on a long text
            starts = [0, *(match.end() for match in _NEWLINE.finditer(source))] if block else []
            for unit in _units(source):
                loc = fallback
                if block is not None:
                    line = bisect.bisect_right(starts, unit.offset)
                    col = unit.offset - starts[line - 1] + 1
                    f_line, f_col = map_position(block, line, col)
                    loc = Location(yfile.rel, f_line, f_col, clause_id)
                out.append(Sentence(len(out) + 1, unit.text, unit.normative, loc,
                                    origin if unit.origin == "text" else unit.origin))

        def where(key: str) -> Location:
            pos = data.value_pos.get(key, data.pos)
            return Location(yfile.rel, pos.line, pos.column, clause_id)

        if text:
            add(text, data.block.get("text"), where("text"), "text")
        lead_normative = bool(out and out[-1].normative)
        item_list = data.get("items", YList())
        for index, item in enumerate(items):
            pos = item_list.item_pos[index]
            loc = Location(yfile.rel, pos.line, pos.column, clause_id)
            for unit in _units(item):
                out.append(Sentence(len(out) + 1, unit.text, unit.normative or lead_normative, loc, "item"))
        if table is not None:
            loc = where("table")
            for row in table.rows:
                for cell in row:
                    add(cell, None, loc, "cell")
        return out

    # -- rules --------------------------------------------------------------------------------
    def _parse_pending(self) -> None:
        from checker.dsl.parser import parse_many

        results = parse_many([rules for _, rules, _, _ in self._pending])
        for (rel, _, block, clause), (statements, errors) in zip(self._pending, results, strict=True):
            self._rules(rel, block, clause, statements, errors)
        self._pending.clear()

    def _rules(self, rel: str, block: BlockInfo, clause: Clause, statements: list[Statement],
               errors: list[DslError]) -> None:
        def at(line: int, column: int) -> Location:
            f_line, f_col = map_position(block, line, column)
            return Location(rel, f_line, f_col, clause.id)

        for err in errors:
            self.error("DSL001", "syntax", err.message, at(err.line, err.column))
        current: int | None = None  # the sentence the statements below cite
        count = 0
        for stmt in statements:
            loc = at(stmt.line, stmt.column)
            if stmt.kind == "sentence":
                current = self._cite(clause, stmt.text or "", loc, stmt.occurrence)
                continue
            if stmt.kind == "informal":
                if current is None:
                    self.warning("COV002", "uncited-rule",
                                 "this informal mark cites no sentence; put it under a "
                                 "\"quote from the sentence\": line", loc)
                self.informals.append(Informal(clause.id, stmt.text or "", loc,
                                               None if current == _UNPLACED else current))
                continue
            if stmt.kind == "explain":
                self.explanations.append(Explanation(clause.id, stmt.code or "", stmt.element or "",
                                                     stmt.text or "", loc))
                continue
            if stmt.kind == "acknowledge":
                subjects = tuple(self.resolver.name(n, at).id for n in stmt.objects)
                if not (stmt.text or "").strip():
                    self.error("ACK001", "acknowledgement-without-reason",
                               f"the acknowledgement of {stmt.code} gives no reason; say why the "
                               "finding is accepted", loc)
                self.acks.append(Acknowledgement(clause.id, stmt.code or "", subjects, stmt.text or "", loc))
                continue
            count += 1
            if current is None:  # (a failed citation was reported already)
                self.warning("COV002", "uncited-rule",
                             "this rule cites no sentence; put it under a \"quote from the "
                             "sentence\": line so that it cites the sentence it formalises", loc)
            sentence = None if current == _UNPLACED else current
            rule = self.resolver.rule(stmt, f"{clause.id}#{count}", clause.id, loc, sentence, at)
            self.rules.append(rule)

    def _cite(self, clause: Clause, quote: str, loc: Location, occurrence: int | None = None) -> int | None:
        wanted = _normalised(quote)
        if not wanted:
            self.error("COV003", "bad-citation", "the quoted sentence fragment is empty", loc)
            return _UNPLACED  # reported: its rules are not "uncited" as well
        # each sentence is normalised and indexed once per clause, not once per citation
        index = self._quote_index.get(clause.id)
        if index is None:
            index = self._quote_index[clause.id] = QuoteIndex([_normalised(s.text) for s in clause.sentences])
        hits = index.containing(wanted)  # positions in clause.sentences, shared: not copied per citation
        if occurrence is not None and hits:
            if 1 <= occurrence <= len(hits):
                return clause.sentences[hits[occurrence - 1]].index
            self.error("COV003", "bad-citation",
                       f"the quote \"{quote}\" occurs in {len(hits)} sentence(s) of clause "
                       f"{clause.label}; occurrence ({occurrence}) does not exist", loc)
            return _UNPLACED
        if len(hits) == 1:
            return clause.sentences[hits[0]].index
        if not hits:
            close = self._close_sentence(clause, quote)
            hint = f" (did you mean \"{close[:80]}\"?)" if close else ""
            where = "" if clause.sentences else " (the clause has no text)"
            self.error("COV003", "bad-citation",
                       f"the quote \"{quote}\" is not in the text of clause {clause.label}{where}{hint}",
                       loc)
            return _UNPLACED
        shown = _LISTED_SENTENCES  # a message names a few sentences, not thousands
        numbers = ", ".join(str(clause.sentences[i].index) for i in hits[:shown])
        if len(hits) > shown:
            numbers += f" and {len(hits) - shown} more"
        self.error("COV003", "bad-citation",
                   f"the quote \"{quote}\" is in several sentences of clause {clause.label} "
                   f"({numbers}); quote more words so that it names one, or add which occurrence "
                   f"is meant: \"{quote}\" (2):", loc)
        return clause.sentences[hits[0]].index

    def _close_sentence(self, clause: Clause, quote: str) -> str | None:
        """The sentence of the clause nearest to a quote that is in none of them.

        difflib is quadratic in the lengths it compares and was run against every sentence
        for every failed quote (30 s for 1000 quotes against 1000 sentences): it now compares
        sentence-sized texts only, with the few sentences that share the most words with the
        quote, within one budget of comparisons for the whole document."""
        suggester = self._suggesters.get(clause.id)
        if suggester is None:
            suggester = self._suggesters[clause.id] = Suggester(
                (s.text[:300] for s in clause.sentences), cutoff=0.4, keys=words,
                budget=self._fuzzy_budget, max_word=300, few=5)
        return suggester.best(quote)


_LISTED_SENTENCES = 10
_NEWLINE = re.compile("\n")  # (found by the regex engine: a walk over the characters in Python was 8% of a load)
_UNPLACED = -1  # a citation that failed (and was reported): its rules are not "uncited"


def _valid_entries(doc: YamlFile, kind: str, broken: set[str]) -> YamlFile | None:
    """A register that failed its schema, keeping only the entries without a violation.

    The ids of the dropped entries (and of their offices) go into `broken`, so that their uses
    are not reported again as unknown names: the schema finding is the one to fix.
    """
    data = doc.data
    items = data.get(kind) if isinstance(data, YDict) else None
    if not isinstance(items, YList):
        return None
    bad = {err.absolute_path[1] for err in validator(kind).iter_errors(data)
           if len(err.absolute_path) >= 2 and err.absolute_path[0] == kind}
    for index in bad:
        item = items[index] if isinstance(index, int) and index < len(items) else None
        if isinstance(item, dict):
            offices = item.get("offices")
            for entry in [item, *(offices if isinstance(offices, list) else [])]:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    broken.add(entry["id"])
    kept = YList(item for index, item in enumerate(items) if index not in bad)
    kept.pos = items.pos
    kept.item_pos = [pos for index, pos in enumerate(items.item_pos) if index not in bad]
    out = YDict({kind: kept})
    out.pos, out.key_pos, out.value_pos, out.block = data.pos, data.key_pos, data.value_pos, data.block
    return replace(doc, data=out)


def _table(data: Any) -> Table | None:
    if not data:
        return None
    columns = tuple((c["id"], c["title"]) for c in data["columns"])
    rows = tuple(tuple(str(row.get(cid, "")) for cid, _ in columns) for row in data["rows"])
    return Table(data.get("caption"), columns, rows)


def _usable_condition(name: str) -> bool:
    """A rule can name the condition: `if <name>` parses with it as a condition name."""
    from checker.dsl.parser import keywords, parse_statement

    if name.split(".")[0] not in keywords():
        return True
    try:
        parse_statement(f"probe must publish probe if {name}")
    except Exception:  # lark's UnexpectedInput and the builder's DslError: not a name
        return False
    return True
