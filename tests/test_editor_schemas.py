"""The JSON Schemas as an editor sees them (docs/editors.md): every source file of NOMS validates;
every bad-input fixture the loader rejects for a schema reason is rejected by the schema; the
schemas and the loader agree on generated documents and on mutations of valid ones; `fwdoc
init` and `fwdoc import` name each file's schema in a first-line comment that resolves to a
copy in the folder; the schemas ship in the wheel."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator, Draft202012Validator, FormatChecker

from checker.load import schemafiles
from checker.load.schema import SCHEMA_DIR
from checker.load.yamlfile import read_yaml
from checker.loader import load_document
from tests.conftest import FRAMEWORK, REPO

MINIMAL = REPO / "tests" / "fixtures" / "docs" / "minimal"
BAD_CORPORA = (REPO / "tests" / "fixtures" / "bad", REPO / "tests" / "fixtures" / "docs" / "invalid")


def schema(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schemafiles.schema_path(kind).read_text(encoding="utf-8"))
    return data


def plain(value: Any) -> Any:
    """A loaded YAML value as plain JSON data (the reader's YDict/YList are dict/list subclasses)."""
    return json.loads(json.dumps(value))


def noms_sources() -> list[tuple[str, str]]:
    manifest = yaml.safe_load((FRAMEWORK / "manifest.yaml").read_text(encoding="utf-8"))
    out = []
    for path in sorted(FRAMEWORK.rglob("*.yaml")):
        rel = path.relative_to(FRAMEWORK).as_posix()
        kind = schemafiles.kind_of(rel, manifest)
        assert kind is not None, f"{rel}: a source file with no schema"
        out.append((rel, kind))
    return out


# -- the schemas themselves ------------------------------------------------------------------------
def test_every_schema_file_is_known_and_every_kind_has_one() -> None:
    on_disk = sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json"))
    assert on_disk == sorted(schemafiles.schema_name(k) for k in schemafiles.KINDS)


@pytest.mark.parametrize("kind", schemafiles.KINDS)
def test_schema_is_valid_for_2020_12_and_draft_7(kind: str) -> None:
    """yaml-language-server supports draft 7 best: the schemas use nothing a draft-7 reader
    would read differently ($defs is reached by JSON pointer in both)."""
    Draft202012Validator.check_schema(schema(kind))
    Draft7Validator.check_schema(schema(kind))


def _properties(node: Any, path: str = "") -> list[tuple[str, Any]]:
    out = []
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            out.append((f"{path}.{key}", value))
        for key, value in node.items():
            out.extend(_properties(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_properties(value, f"{path}[{index}]"))
    return out


@pytest.mark.parametrize("kind", ["manifest", "actors", "objects", "part", "conditions", "vocabulary",
                                  "amendment"])
def test_every_key_has_a_description_for_the_editor(kind: str) -> None:
    """Hover and completion show the description: a key without one is a key the editor
    cannot explain."""
    data = schema(kind)
    missing = []
    for where, prop in _properties(data):
        if "/if" in where:  # a condition's keys, not keys to write
            continue
        target = prop
        if "$ref" in prop and "description" not in prop:
            target = data["$defs"][prop["$ref"].rsplit("/", 1)[1]]
        if "description" not in target:
            missing.append(where)
    assert not missing, missing


def test_numbering_examples_are_the_shipped_schemes() -> None:
    from checker.numbering import schemes

    numbering = schema("manifest")["properties"]["numbering"]
    assert numbering["oneOf"][0]["examples"] == sorted(schemes())
    assert numbering["oneOf"][1]["properties"]["scheme"]["examples"] == sorted(schemes())


def test_defaults_are_what_the_loader_assumes() -> None:
    minimal = load_document(MINIMAL).document
    assert minimal is not None
    props = schema("manifest")["properties"]
    raw = yaml.safe_load((MINIMAL / "manifest.yaml").read_text(encoding="utf-8"))
    for key, got in (("financial_year_start", minimal.manifest.financial_year_start),
                     ("numbering", minimal.manifest.numbering.name), ("language", minimal.manifest.language),
                     ("amendments", minimal.manifest.amendments)):
        if key not in raw:  # the loader filled it in: with the schema's default
            assert props[key]["default"] == got, key
    assert schema("part")["$defs"]["clause"]["properties"]["numbered"]["default"] is True
    assert schema("actors")["$defs"]["actor"]["properties"]["root"]["default"] is False


# -- NOMS -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("rel", "kind"), noms_sources())
def test_every_noms_source_file_validates(rel: str, kind: str) -> None:
    # read as fwdoc and an editor read YAML (2008-07-01 is a text, as in YAML 1.2), not as PyYAML does
    data = plain(read_yaml(FRAMEWORK / rel, FRAMEWORK).data)
    for cls in (Draft202012Validator, Draft7Validator):
        errors = [e.message for e in cls(schema(kind), format_checker=FormatChecker()).iter_errors(data)]
        assert not errors, (rel, cls.__name__, errors[:3])


def test_the_shipped_vocabulary_validates() -> None:
    data = yaml.safe_load((REPO / "checker" / "vocab" / "default.yaml").read_text(encoding="utf-8"))
    assert Draft202012Validator(schema("vocabulary")).is_valid(data)


# -- bad input -----------------------------------------------------------------------------------------
# Schema findings the loader makes itself, after the schema: the schema accepts the file, and the
# reason is in docs/editors.md ("What the schemas cannot say").  Keyed by fixture folder.
LOADER_ONLY: dict[str, str] = {}


def schema_cases() -> list[tuple[str, str]]:
    out = []
    for corpus in BAD_CORPORA:
        for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
            spec = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
            for finding in spec["findings"]:
                if finding["code"] == "SCH001":
                    out.append((f"{corpus.name}/{folder.name}", finding["at"].rsplit(":", 2)[0]))
    return sorted(set(out))


def test_there_are_schema_fixtures_to_test() -> None:
    assert len(schema_cases()) >= 10


@pytest.mark.parametrize(("case", "rel"), schema_cases())
def test_bad_fixture_is_rejected_by_the_schema(case: str, rel: str) -> None:
    corpus, name = case.split("/")
    folder = next(c for c in BAD_CORPORA if c.name == corpus) / name
    path = folder / rel
    kind = schemafiles.kind_of(rel)
    assert kind is not None and path.is_file()
    # the data as fwdoc's reader gives it (a value its YAML layer refuses is no value), which is
    # also what an editor's YAML parser flags
    data = read_yaml(path, folder).data
    valid = Draft202012Validator(schema(kind), format_checker=FormatChecker()).is_valid(plain(data))
    if case in LOADER_ONLY:
        assert valid
    else:
        assert not valid, f"{case}: the schema accepts {rel}, which the loader rejects with SCH001"


# -- the schema and the loader agree -------------------------------------------------------------
def _load_with(tmp: Path, rel: str, data: Any) -> tuple[list[str], list[str]]:
    """(schema finding codes on `rel`, the YAML layer's findings on it) after writing `data` there."""
    doc = tmp / "doc"
    if doc.exists():
        shutil.rmtree(doc)
    shutil.copytree(MINIMAL, doc)
    (doc / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    read = read_yaml(doc / rel, doc)
    findings = load_document(doc).findings
    schema_codes = [f.code for f in findings if f.code.startswith("SCH") and f.location.file == rel]
    return schema_codes, [f.code for f in read.findings]


TARGETS = [("manifest.yaml", "manifest"), ("parts/governance.yaml", "part"), ("actors.yaml", "actors"),
           ("objects.yaml", "objects")]


def _strategy(node: dict[str, Any], root: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Values for the subset of JSON Schema the source schemas use (no library: the one on
    PyPI no longer runs with current hypothesis).  What it draws is filtered by the validator,
    so a loose branch here costs examples, never correctness."""
    if "$ref" in node:
        return _strategy(root["$defs"][node["$ref"].rsplit("/", 1)[1]], root, depth)
    if "enum" in node:
        return st.sampled_from(node["enum"])
    if "oneOf" in node or "anyOf" in node:
        return st.one_of([_strategy(branch, root, depth) for branch in node.get("oneOf", node.get("anyOf"))])
    kind = node.get("type")
    if isinstance(kind, list):
        return st.one_of([_strategy({**node, "type": k}, root, depth) for k in kind])
    if kind == "string":
        if "pattern" in node:
            text = st.from_regex(node["pattern"], fullmatch=True)
        else:
            text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)),
                           min_size=node.get("minLength", 0), max_size=40)
        return text.filter(lambda t: len(t) <= node.get("maxLength", 10_000))
    if kind == "integer":
        return st.integers(node.get("minimum", -1000), node.get("maximum", 1000))
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        items = node.get("items", {"type": "string"})
        return st.lists(_strategy(items, root, depth + 1), min_size=node.get("minItems", 0),
                        max_size=node.get("minItems", 0) if depth > 3 else 3)
    if kind == "object":
        props = node.get("properties", {})
        required = node.get("required", [])
        fixed = st.fixed_dictionaries(
            {k: _strategy(props[k], root, depth + 1) for k in required},
            optional={k: _strategy(v, root, depth + 1) for k, v in props.items()
                      if k not in required and depth <= 3})
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and not props:
            names = _strategy(node.get("propertyNames", {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}),
                              root, depth + 1)
            return st.dictionaries(names, _strategy(extra, root, depth + 1), max_size=3)
        return fixed
    return st.none()


def _generated(kind: str) -> st.SearchStrategy[Any]:
    data = schema(kind)
    validator = Draft202012Validator(data)
    return _strategy(data, data).filter(validator.is_valid)


@pytest.mark.parametrize(("rel", "kind"), TARGETS)
def test_what_the_schema_accepts_loads_without_schema_findings(rel: str, kind: str,
                                                               tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp("gen")

    @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
    @given(_generated(kind))
    def run(data: Any) -> None:
        if kind == "manifest":
            # the loader's own rules beyond the schema (docs/editors.md): a year start that is a day
            # of every year, named dates that exist, a known numbering scheme
            assume(data.get("financial_year_start", "04-01") not in ("02-29", "02-30", "02-31", "04-31",
                                                                      "06-31", "09-31", "11-31"))
            assume(all(FormatChecker().conforms(v, "date") for v in (data.get("dates") or {}).values()))
            numbering = data.get("numbering")
            name = numbering.get("scheme") if isinstance(numbering, dict) else numbering
            from checker.numbering import schemes
            assume(name is None or name in schemes())
        if kind == "part":
            assume("entries" not in data or data["kind"] == "glossary")  # SCH003, see docs/editors.md
        codes, yaml_findings = _load_with(tmp, rel, data)
        assume(not yaml_findings)  # text the YAML layer refuses (a control character) is not the schema's
        assert codes in ([], ["SCH002"]), (data, codes)  # SCH002: row keys against column ids

    run()


def _dict_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = []
    if isinstance(node, dict):
        out.append(path)
        for key, value in node.items():
            out.extend(_dict_paths(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_dict_paths(value, (*path, index)))
    return out


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


MUTATIONS = ("drop-key", "unknown-key", "wrong-type", "bad-word", "empty-text")


@pytest.mark.parametrize(("rel", "kind"), TARGETS)
def test_schema_and_loader_agree_on_mutations(rel: str, kind: str,
                                              tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp("mut")
    original = plain(read_yaml(MINIMAL / rel, MINIMAL).data)
    paths = _dict_paths(original)
    validator = Draft202012Validator(schema(kind))

    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(paths), st.sampled_from(MUTATIONS), st.data())
    def run(path: tuple[Any, ...], mutation: str, draw: st.DataObject) -> None:
        data = copy.deepcopy(original)
        node = _at(data, path)
        keys = sorted(node)
        if mutation == "unknown-key":
            node["zz_" + draw.draw(st.sampled_from(keys or ["x"]))] = "value"
        else:
            assume(keys)
            key = draw.draw(st.sampled_from(keys))
            if mutation == "drop-key":
                del node[key]
            elif mutation == "wrong-type":
                node[key] = draw.draw(st.sampled_from([12, True, [], {"a": "b"}, 1.5]))
            elif mutation == "bad-word":
                node[key] = draw.draw(st.sampled_from(["sektion", "Not A Slug", "x" * 3, "2008-13-45"]))
            else:
                node[key] = ""
        schema_valid = validator.is_valid(data)
        codes, yaml_findings = _load_with(tmp, rel, data)
        assert not yaml_findings
        assert ("SCH001" not in codes) == schema_valid, (path, mutation, codes, schema_valid)

    run()


# -- the lines init and import write ---------------------------------------------------------------
def _modeline_target(path: Path) -> Path | None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    return (path.parent / first[len(prefix):]).resolve() if first.startswith(prefix) else None


def _check_folder(folder: Path) -> None:
    sources = sorted(folder.rglob("*.yaml"))
    sources = [p for p in sources if not p.relative_to(folder).as_posix().startswith((".github", "."))]
    assert sources
    for path in sources:
        rel = path.relative_to(folder).as_posix()
        target = _modeline_target(path)
        assert target is not None, f"{rel}: no schema line"
        kind = schemafiles.kind_of(rel)
        assert kind is not None and target.name == schemafiles.schema_name(kind)
        assert target.is_file() and target.parent == (folder / schemafiles.FOLDER).resolve()
        # the copy is the package's schema, and the file is valid against it
        assert target.read_bytes() == schemafiles.schema_path(kind).read_bytes()
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert Draft202012Validator(json.loads(target.read_text(encoding="utf-8"))).is_valid(data), rel


def test_init_writes_schema_lines_and_copies(tmp_path: Path) -> None:
    result = subprocess.run(["fwdoc", "init", str(tmp_path / "doc")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    _check_folder(tmp_path / "doc")
    check = subprocess.run(["fwdoc", "check", str(tmp_path / "doc")], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_import_writes_schema_lines_and_copies(tmp_path: Path) -> None:
    source = REPO / "tests" / "fixtures" / "shapes" / "hierarchical.md"
    out = tmp_path / "imported"
    result = subprocess.run(["fwdoc", "import", str(source), "--output", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    _check_folder(out)
    # and --force may replace an earlier import, schemas and all
    again = subprocess.run(["fwdoc", "import", str(source), "--output", str(out), "--force"],
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize(("rel", "expected"), [
    ("manifest.yaml", "schemas/manifest.schema.json"),
    ("parts/a.yaml", "../schemas/part.schema.json"),
    ("amendments/x.yaml", "../schemas/amendment.schema.json")])
def test_modeline_is_relative_to_the_file(rel: str, expected: str) -> None:
    assert schemafiles.modeline(rel, schemafiles.kind_of(rel) or "") == \
        f"# yaml-language-server: $schema={expected}\n"


def test_named_registers_are_found_through_the_manifest() -> None:
    manifest = {"conditions": "conditions.yaml", "vocabulary": "./vocab/words.yaml"}
    assert schemafiles.kind_of("conditions.yaml", manifest) == "conditions"
    assert schemafiles.kind_of("vocab/words.yaml", manifest) == "vocabulary"
    assert schemafiles.kind_of("notes.yaml", manifest) is None
    assert schemafiles.kind_of("parts/deep/x.yaml") is None


# -- packaging -------------------------------------------------------------------------------------
def test_wheel_ships_every_schema(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(REPO)], check=True, capture_output=True, text=True)
    (wheel,) = tmp_path.glob("fwdoc-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for kind in schemafiles.KINDS:
        assert f"checker/schemas/{schemafiles.schema_name(kind)}" in names
    # the rules lexer is a Pygments plugin of the installed package
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[pygments.lexers]" in text and "checker.highlight:RulesLexer" in text


@pytest.mark.parametrize(("rel", "kind"), noms_sources())
def test_validating_never_changes_the_data(rel: str, kind: str) -> None:
    """The schemas carry `default`s for editors; the validators must not write them in."""
    from checker.load.schema import is_valid, validator

    data = read_yaml(FRAMEWORK / rel, FRAMEWORK).data
    before = json.dumps(plain(data), sort_keys=True)
    assert is_valid(data, kind)
    list(validator(kind).iter_errors(data))
    assert json.dumps(plain(data), sort_keys=True) == before


def test_defaults_are_not_filled_in_by_the_validators() -> None:
    from checker.load.schema import is_valid

    data = read_yaml(MINIMAL / "manifest.yaml", MINIMAL).data
    assert "financial_year_start" not in data  # (the minimal manifest leaves it to the default)
    assert is_valid(data, "manifest") and "financial_year_start" not in data
