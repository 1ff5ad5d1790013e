"""The Markdown importer: the seed, a second agency's document, bad inputs, determinism.

Small inputs with their expected outputs are data in tests/fixtures/importer/cases.yaml.
"""

from __future__ import annotations

import codecs
import difflib
import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.importer import ImportReport, import_markdown, parse_markdown
from checker.importer.headings import classify
from checker.importer.ids import slugify
from checker.importer.markdown_source import ListBlock, Paragraph, split_blocks
from checker.importer.prose import render_prose
from checker.importer.report import Findings
from checker.importer.tables import cell_markdown
from checker.importer.writer import dump_yaml, part_data

FIXTURES = Path(__file__).parent / "fixtures" / "importer"
CASES = yaml.safe_load((FIXTURES / "cases.yaml").read_text(encoding="utf-8"))
OTHER_AGENCY = FIXTURES / "other-agency.md"
SCHEMAS = Path(__file__).resolve().parent.parent / "checker" / "schemas"

# -- helpers -----------------------------------------------------------------------------------


def load_output(folder: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    manifest = yaml.safe_load((folder / "manifest.yaml").read_text(encoding="utf-8"))
    parts = {
        pid: yaml.safe_load((folder / "parts" / f"{pid}.yaml").read_text(encoding="utf-8"))
        for pid in manifest["parts"]
    }
    return manifest, parts


def walk_clauses(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for clause in node.get("clauses", []):
        yield clause
        yield from walk_clauses(clause)


def find_printed(part: dict[str, Any], printed: str) -> dict[str, Any]:
    return next(c for c in walk_clauses(part) if c.get("printed") == printed)


def prose_strings(node: dict[str, Any], *, annex: bool = False) -> Iterator[str]:
    """Every printed string of a part or clause, in reading order (number before title)."""
    if node.get("printed") and not annex:  # an annex's letter is already in its title
        yield node["printed"]
    for key in ("title", "subtitle", "text"):
        if node.get(key):
            yield node[key]
    for item in node.get("items", []):
        yield item if isinstance(item, str) else item["text"]
    table = node.get("table")
    if table:  # the caption repeats a heading: not counted twice
        yield from (column["title"] for column in table["columns"])
        for row in table["rows"]:
            yield from (row[column["id"]] for column in table["columns"])
    for entry in node.get("entries", []):
        yield entry["term"]
        yield entry["expansion"]
    for clause in node.get("clauses", []):
        yield from prose_strings(clause)


_WORD = re.compile(r"[a-z0-9]+")
_TAG = re.compile(r"<[^>]+>")


def words(text: str) -> list[str]:
    """Lowercase words without punctuation, markup or HTML tags."""
    text = _TAG.sub(" ", text).lower().replace("’", "").replace("'", "")
    return _WORD.findall(text)


def imported(source: Path, folder: Path) -> ImportReport:
    report = import_markdown(source, folder)
    assert report.ok, "\n".join(map(str, report.findings))
    return report


# -- the seed ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_import(seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportReport, Path]:
    folder = tmp_path_factory.mktemp("seed") / "imported"
    return imported(seed_path, folder), folder


@pytest.fixture(scope="module")
def seed_output(seed_import: tuple[ImportReport, Path]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    return load_output(seed_import[1])


def test_seed_parts_in_reading_order(seed_output: Any) -> None:
    manifest, parts = seed_output
    kinds = [parts[pid]["kind"] for pid in manifest["parts"]]
    assert kinds == ["foreword", "introduction"] + ["section"] * 7 + ["glossary"] + ["annex"] * 8
    sections = [parts[pid] for pid in manifest["parts"] if parts[pid]["kind"] == "section"]
    assert [s["printed"] for s in sections] == ["1", "2", "3", "4", "5", "6", "7"]
    assert sections[1]["title"] == "Ministry of Justice Strategy, Sponsorship and Relationships"
    assert manifest["parts"][-8:] == [f"annex-{letter}" for letter in "abcdefgh"]
    subtitles = [parts[f"annex-{letter}"]["subtitle"] for letter in "abcdefgh"]
    assert subtitles[0] == "Central Services between NOMS Agency and the Ministry of Justice"
    assert subtitles[5] == "NOMS Agency and other groups in the Ministry of Justice"
    assert all(subtitles)


def test_seed_clauses_follow_the_numbers_not_the_heading_levels(seed_output: Any) -> None:
    _, parts = seed_output
    section_2 = parts["ministry-justice-strategy-sponsorship-relationships"]
    clause_2_1 = section_2["clauses"][0]
    assert clause_2_1["printed"] == "2.1"
    # '#### 2.1.1' and '### 2.1.3' are siblings under 2.1
    assert [c["printed"] for c in clause_2_1["clauses"]] == [f"2.1.{n}" for n in range(1, 8)]
    assert clause_2_1["clauses"][2]["title"] == "Departmental Sponsor"
    # '## 5.5' sits beside '### 5.4' as a clause of section 5
    section_5 = parts["finance-it-audit-assurance"]
    assert [c["printed"] for c in section_5["clauses"]] == [f"5.{n}" for n in range(1, 9)]
    assert section_5["clauses"][4]["title"] == "Audit and Assurance"


def test_seed_unnumbered_headings_under_2_1_6(seed_output: Any) -> None:
    _, parts = seed_output
    clause = find_printed(parts["ministry-justice-strategy-sponsorship-relationships"], "2.1.6")
    children = clause["clauses"]
    assert [c["title"] for c in children] == ["Accountabilities", "Management", "Key relationships"]
    assert all(c["numbered"] is False and "printed" not in c for c in children)
    assert children[2]["text"].startswith("- supporting the Director General of the Criminal Justice Group")


def test_seed_annex_subheadings_are_paragraphs(seed_output: Any) -> None:
    _, parts = seed_output
    titles = [c["title"] for c in parts["annex-c"]["clauses"]]
    assert titles[:3] == ["Guiding principles", "Financial Regime", "Commissioning and Procurement Regime"]
    assert titles[-1] == "Support Services"
    assert all("numbered" not in c for c in parts["annex-c"]["clauses"])
    guiding = parts["annex-c"]["clauses"][0]["text"]
    assert "\n  - Regularity: which demands" in guiding  # the nested list keeps its indentation


def test_seed_glossary_has_every_entry(seed_output: Any, seed_path: Path) -> None:
    _, parts = seed_output
    entries = parts["glossary"]["entries"]
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    start = lines.index("## Glossary")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("#"))
    in_seed = [line for line in lines[start:end] if "\t" in line]
    # The brief said 29; the seed's glossary has 28 'term<TAB>expansion' lines (538-565).
    assert len(entries) == len(in_seed) == 28
    assert entries[0] == {
        "term": "Agency",
        "expansion": "The National Offender Management Service (NOMS) Agency",
    }
    assert {
        "term": "Secretary of State",
        "expansion": "Lord Chancellor and Secretary of State for Justice",
    } in entries


def test_seed_annex_f_table(seed_output: Any) -> None:
    _, parts = seed_output
    tables = [c["table"] for c in walk_clauses(parts["annex-f"]) if "table" in c]
    assert len(tables) == 1
    table = tables[0]
    assert table["caption"] == "NOMS Agency and other groups in the Ministry of Justice"
    assert [c["title"] for c in table["columns"]] == [
        "Function and the MoJ",
        "MoJ Business Groups (excluding NOMS Agency)",
        "NOMS Agency",
    ]
    assert len(table["rows"]) == 6
    first = table["rows"][0]
    ids = [c["id"] for c in table["columns"]]
    assert first[ids[0]].startswith("**Setting policy. objectives and targets**\n\n(Setting targets")
    assert "\n- regulation for the offender management system," in first[ids[1]]
    assert "•" not in json.dumps(table, ensure_ascii=False)
    assert "<" not in json.dumps(table)


def test_seed_contents_and_cover_are_dropped(seed_import: Any, seed_output: Any) -> None:
    report, folder = seed_import
    _, parts = seed_output
    everything = "".join(p.read_text(encoding="utf-8") for p in sorted((folder / "parts").glob("*.yaml")))
    assert "\t" not in everything
    assert "1.1 About the National Offender Management Service (NOMS) Agency" not in everything
    titles = [c.get("title") for part in parts.values() for c in walk_clauses(part)]
    assert "Contents" not in titles and "Notes" not in titles
    assert not parts["foreword"].get("clauses")
    infos = [f.message for f in report.by_severity("info")]
    assert "dropped the contents list (lines 18-65): a publication regenerates it" in infos


def test_seed_prose_repairs(seed_output: Any) -> None:
    _, parts = seed_output
    intro = parts["introduction"]["text"]
    assert "](#)" not in intro
    assert "1. Objectives, Services and Freedoms\\\n   What the Agency is here to do" in intro
    clause = find_printed(parts["objectives-services-freedoms"], "1.3.1")
    assert "international prisoner transfer agreements in furtherance" in clause["text"]
    # defects are kept as printed
    assert "for the NOMS Agency..\n" in parts["annex-h"]["clauses"][3]["text"]
    assert find_printed(parts["ministry-justice-strategy-sponsorship-relationships"], "2.2.3")["title"] == (
        "Parliamentary Commission for Administration"
    )


def test_seed_manifest(seed_output: Any) -> None:
    manifest, parts = seed_output
    assert manifest["title"] == "National Offender Management Service Agency Framework Document"
    assert manifest["publisher"] == "Ministry of Justice"
    assert manifest["signatory"] == {
        "name": "Jack Straw",
        "title": "Lord Chancellor and Secretary of State for Justice",
        "signature": "A handwritten signature in black ink, appearing to read 'Jack Straw', written in a cursive style.",
    }
    assert "signature" not in parts["foreword"]["text"]
    assert manifest["version"] == "0.1"
    assert manifest["status"] == "draft"
    # dates an import cannot know are left out (optional until published), reported as info
    assert "published" not in manifest and "review_by" not in manifest
    assert manifest["amendments"] == "amendments"


def test_seed_scaffold_files(seed_import: Any) -> None:
    report, folder = seed_import
    assert (folder / "actors.yaml").read_text(encoding="utf-8").endswith("actors: []\n")
    assert (folder / "objects.yaml").read_text(encoding="utf-8").endswith("objects: []\n")
    assert (folder / "amendments" / ".gitkeep").is_file()
    assert sorted(p.stem for p in (folder / "parts").glob("*.yaml")) == sorted(report.parts)
    set_by_hand = [f.message for f in report.findings if "set by hand" in f.message]
    assert len(set_by_hand) == 3  # language, version, status
    unknown = [f for f in report.by_severity("info") if "not known from the text" in f.message]
    assert len(unknown) == 2  # published, review_by
    assert not [f for f in report.by_severity("warning") if "set by hand" not in f.message]


def test_seed_ids_are_unique_slugs(seed_output: Any) -> None:
    manifest, parts = seed_output
    ids = list(manifest["parts"]) + [c["id"] for part in parts.values() for c in walk_clauses(part)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) and len(i.split("-")) <= 6 for i in ids)
    assert find_printed(parts["objectives-services-freedoms"], "1.1.1")["id"] == "strategic-purpose-aims"
    assert parts["annex-e"]["clauses"][0]["id"] == "introduction-2"  # the part 'introduction' came first


def test_seed_word_recall(seed_output: Any, seed_path: Path) -> None:
    """All prose of the output covers >= 99.5% of the seed's words, foreword to Annex H, in order."""
    manifest, parts = seed_output
    strings: list[str] = []
    for pid in manifest["parts"]:
        strings.extend(prose_strings(parts[pid], annex=parts[pid]["kind"] == "annex"))
        if pid == "foreword":  # the signature block moved to the manifest
            signatory = manifest["signatory"]
            strings.extend(signatory[key] for key in ("signature", "name", "title"))
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("#") and "Foreword" in line)
    seed_words = words("\n".join(lines[start:]))
    out_words = words("\n".join(strings))
    matcher = difflib.SequenceMatcher(None, seed_words, out_words, autojunk=False)
    recall = sum(block.size for block in matcher.get_matching_blocks()) / len(seed_words)
    assert recall >= 0.995, f"word recall {recall:.4f}"


def test_seed_output_matches_the_schemas(seed_import: Any) -> None:
    import jsonschema

    part_schema = json.loads((SCHEMAS / "part.schema.json").read_text(encoding="utf-8"))
    manifest_schema = json.loads((SCHEMAS / "manifest.schema.json").read_text(encoding="utf-8"))
    _, folder = seed_import
    for path in sorted((folder / "parts").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), part_schema)
    manifest = yaml.safe_load((folder / "manifest.yaml").read_text(encoding="utf-8"))
    # The dates are left out: the scaffold is valid as written, and with the dates set.
    jsonschema.validate(manifest, manifest_schema)
    jsonschema.validate({**manifest, "published": "2008-07-01", "review_by": "2011-12-31"}, manifest_schema)


# -- another agency's document -----------------------------------------------------------------


@pytest.fixture(scope="module")
def other_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportReport, Path]:
    folder = tmp_path_factory.mktemp("other") / "imported"
    return imported(OTHER_AGENCY, folder), folder


def test_other_agency_structure(other_import: Any) -> None:
    report, folder = other_import
    manifest, parts = load_output(folder)
    assert manifest["parts"] == [
        "foreword",
        "introduction",
        "purpose-scope",
        "governance",
        "glossary",
        "annex-a",
        "annex-b",
    ]
    assert manifest["title"] == "Coastal Waters Licensing Agency Framework Document"
    assert manifest["publisher"] == "Department for Marine Affairs"
    assert manifest["signatory"] == {
        "name": "Ada Lovelace",
        "title": "Chief Commissioner for Marine Affairs",
        "signature": "A signature in blue ink reading 'A. Lovelace'",
    }
    scope = parts["purpose-scope"]
    assert scope["printed"] == "1"
    assert [c["printed"] for c in scope["clauses"]] == ["1.1", "1.2", "1.3.2"]
    licensing = find_printed(scope, "1.2.1")
    assert [(c["title"], c["numbered"]) for c in licensing["clauses"]] == [
        ("Duties", False),
        ("Limits", False),
    ]
    assert licensing["text"] == (
        "The Agency will:\n\n"
        "- assess each application against the published criteria;\n"
        "- consult the Marine Board where an application:\n"
        "  - affects a protected area; or\n"
        "  - exceeds the tonnage limit;\n"
        "- publish every decision within 28 days.\n"
    )
    assert find_printed(scope, "1.1")["text"] == (
        "The Agency issues licences for fishing, dredging and cable laying in coastal waters. It was set up in 2030..\n"
    )
    assert find_printed(scope, "1.3.2")["text"] == "Fees are set out in Annex A.\n"
    governance = parts["governance"]
    assert governance["title"] == "Governance"
    assert [(c["printed"], c["title"]) for c in governance["clauses"]] == [
        ("2.1", "The Board"),
        ("2.2", "Reporting"),
    ]
    assert parts["glossary"]["entries"][2] == {"term": "EEZ", "expansion": "Exclusive Economic Zone"}
    assert len(parts["glossary"]["entries"]) == 4
    assert parts["annex-a"]["subtitle"] == "Licence Fees"
    assert [c["title"] for c in parts["annex-a"]["clauses"]] == ["Principles", "Review"]


def test_other_agency_table_and_findings(other_import: Any) -> None:
    report, folder = other_import
    _, parts = load_output(folder)
    annex_b = parts["annex-b"]
    assert annex_b["subtitle"] == "Roles of the Department and the Agency"
    table = annex_b["clauses"][0]["table"]
    assert [c["id"] for c in table["columns"]] == ["function", "department", "agency"]
    assert table["rows"] == [
        {
            "function": "**Policy**\n\n(Setting the rules)\n",
            "department": "Sets licensing policy",
            "agency": "Applies it, including:\n\n- assessing applications\n- publishing decisions\n",
        },
        {
            "function": "**Appeals**",
            "department": "Hears appeals against the Agency's decisions",
            "agency": "Gives reasons for every refusal",
        },
        {"function": "**Audit**", "department": "Audits the Agency each year", "agency": ""},
    ]
    # what could not be placed is kept, and said
    unplaced = parts["foreword"]["clauses"][0]
    assert unplaced["numbered"] is False
    assert (
        unplaced["text"] == "Presented to the Marine Board under paragraph 4 of the Marine Licensing Act.\n"
    )
    warnings = {(f.line, f.message.split(":")[0]) for f in report.by_severity("warning") if f.line}
    assert warnings == {
        (27, "text before the first part is neither cover nor contents"),
        (80, "no clause '1.3' above '1.3.2'"),
        (124, "table row has 2 cells, expected 3 (one a column)"),
    }
    infos = [f.message for f in report.by_severity("info")]
    assert "read the line '2.1 The Board' as a heading (it has no '#')" in infos
    assert "dropped the empty 'Notes' page" in infos
    assert "cover text 'July 2031' is not used in the output" in infos


# -- bad input ---------------------------------------------------------------------------------

BAD_INPUTS = [
    pytest.param(
        b"# Introduction\n\nThe Agency\nwill r\xe9port.\n", 4, 7, "byte 0xe9 is not valid UTF-8", id="latin-1"
    ),
    pytest.param(b"", 1, 1, "the file is empty", id="empty"),
    pytest.param(b"  \n\n\t\n", 1, 1, "the file is empty", id="blank"),
    pytest.param(codecs.BOM_UTF8, 1, 1, "the file is empty", id="bom-only"),
    pytest.param(
        codecs.BOM_UTF16_LE + "# Intro".encode("utf-16-le"), 1, 1, "the file is UTF-16", id="utf-16"
    ),
    pytest.param(b"Just a paragraph of text.\n", 1, 1, "found no part headings", id="no-parts"),
]


@pytest.mark.parametrize(("data", "line", "column", "message"), BAD_INPUTS)
def test_bad_input_gives_a_finding(tmp_path: Path, data: bytes, line: int, column: int, message: str) -> None:
    source = tmp_path / "bad.md"
    source.write_bytes(data)
    report = import_markdown(source, tmp_path / "out")
    assert not report.ok and not report.written
    errors = report.by_severity("error")
    assert len(errors) == 1
    assert (errors[0].file, errors[0].line, errors[0].column) == (str(source), line, column)
    assert errors[0].message.startswith(message)
    assert "expected" in errors[0].message
    assert not (tmp_path / "out").exists()


def test_missing_source_and_folder_source(tmp_path: Path) -> None:
    for source in (tmp_path / "missing.md", tmp_path):
        report = import_markdown(source, tmp_path / "out")
        assert not report.ok
        assert report.findings[0].message.startswith(("no such file", "is a folder"))


SEED_LIKE = "# Contents\n\nIntroduction\t2\n\n## Introduction\n\nThe Agency\nreports.\n\n## 1. Aims\n\n### 1.1 Scope\n\nAll of it.\n"


@pytest.mark.parametrize(
    ("encoded", "message"),
    [
        pytest.param(
            SEED_LIKE.replace("\n", "\r\n").encode(), "converted 14 CRLF line ending(s) to LF", id="crlf"
        ),
        pytest.param(
            codecs.BOM_UTF8 + SEED_LIKE.encode(),
            "removed the UTF-8 byte-order mark at the start of the file",
            id="bom",
        ),
        pytest.param(
            SEED_LIKE.replace("All of", "\x0cAll of").encode(), "removed a page-break character", id="ff"
        ),
    ],
)
def test_repairable_input_imports_like_clean_input(tmp_path: Path, encoded: bytes, message: str) -> None:
    clean, messy = tmp_path / "clean.md", tmp_path / "messy.md"
    clean.write_text(SEED_LIKE, encoding="utf-8")
    messy.write_bytes(encoded)
    imported(clean, tmp_path / "a")
    report = imported(messy, tmp_path / "b")
    assert message in [f.message for f in report.by_severity("info")]
    assert read_tree(tmp_path / "a") == {
        k: v.replace(b"messy.md", b"clean.md") for k, v in read_tree(tmp_path / "b").items()
    }


ODD_LINES = [
    "# 1. Aims",
    "## 2.1.3 Deep",
    "### Plain heading",
    "## Annex A",
    "## Glossary",
    "# Introduction",
    "# Foreword",
    "# Contents",
    "#",
    "---",
    "---\t--\t--",
    "a\tb\tc",
    "<p><b>x</b></p>\t<ul><li>• y</li></ul>",
    "<p>unclosed",
    "- item",
    "  - nested",
    "1. one  ",
    "[Link](#)",
    "text without end",
    "lowercase start.",
    "**BOLD NAME**  ",
    "![image](x.png)",
    "A signature.",
    "",
    "",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(ODD_LINES), st.text(max_size=30)), max_size=40))
def test_any_markdown_gives_findings_not_tracebacks(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "fuzz.md"
        source.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        findings = Findings(str(source))
        document = parse_markdown(source, findings)
        assert document is not None or any(f.severity == "error" for f in findings.items)


# -- determinism and the output folder ---------------------------------------------------------


def read_tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_imports_are_byte_identical(seed_path: Path, tmp_path: Path) -> None:
    imported(seed_path, tmp_path / "one")
    imported(seed_path, tmp_path / "two")
    first, second = read_tree(tmp_path / "one"), read_tree(tmp_path / "two")
    assert first == second
    assert "amendments/.gitkeep" in first


def test_non_empty_output_is_refused_unless_forced(tmp_path: Path) -> None:
    output = tmp_path / "out"
    output.mkdir()
    (output / "keep.txt").write_text("mine", encoding="utf-8")
    report = import_markdown(OTHER_AGENCY, output)
    assert not report.ok and not report.written
    assert report.findings[0].file == str(output)
    assert "is not empty" in report.findings[0].message
    assert (output / "keep.txt").read_text(encoding="utf-8") == "mine"
    forced = import_markdown(OTHER_AGENCY, output, force=True)
    assert forced.ok and forced.written
    assert not (output / "keep.txt").exists() and (output / "manifest.yaml").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folders left behind


def test_empty_existing_output_and_file_output(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert import_markdown(OTHER_AGENCY, tmp_path / "empty").written
    (tmp_path / "file").write_text("x", encoding="utf-8")
    report = import_markdown(OTHER_AGENCY, tmp_path / "file", force=True)
    assert not report.ok and "is not a folder" in report.findings[0].message


# -- the small pieces, as data -----------------------------------------------------------------


@pytest.mark.parametrize("case", CASES["headings"], ids=lambda c: c["text"])
def test_heading_classification(case: dict[str, Any]) -> None:
    info = classify(case["text"])
    assert (info.kind.value, info.title, info.printed) == (case["kind"], case["title"], case["printed"])


@pytest.mark.parametrize(("title", "slug"), CASES["slugs"], ids=lambda v: str(v)[:30])
def test_slugs(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize("case", CASES["prose"], ids=lambda c: c["name"])
def test_prose(case: dict[str, Any]) -> None:
    findings = Findings("case.md")
    blocks = split_blocks(case["markdown"].split("\n"), findings)
    assert all(isinstance(b, (Paragraph, ListBlock)) for b in blocks)
    assert (
        render_prose([b for b in blocks if isinstance(b, (Paragraph, ListBlock))], findings) == case["text"]
    )


@pytest.mark.parametrize("case", CASES["cells"], ids=lambda c: c["html"][:30])
def test_html_cells(case: dict[str, str]) -> None:
    assert cell_markdown(case["html"]) == case["markdown"]


@pytest.mark.parametrize("case", CASES["documents"], ids=lambda c: c["name"])
def test_small_documents(tmp_path: Path, case: dict[str, Any]) -> None:
    source = tmp_path / "case.md"
    source.write_text(case["markdown"], encoding="utf-8")
    findings = Findings(str(source))
    document = parse_markdown(source, findings)
    assert document is not None
    written = {part.id: yaml.safe_load(dump_yaml(part_data(part))) for part in document.parts}
    for part_id, expected in case["parts"].items():
        assert written[part_id] == expected
    found = [(f.line, f.severity, f.message) for f in findings.sorted() if f.line]
    for line, severity, start in case["findings"]:
        assert any(f[:2] == (line, severity) and f[2].startswith(start) for f in found), found
    expected_places = {(line, severity) for line, severity, _ in case["findings"]}
    manifest = ("no title found", "no publisher found", "no cover title")  # these snippets have no cover
    unexpected = [f for f in found if f[1] != "info" and f[:2] not in expected_places]
    assert [f for f in unexpected if not f[2].startswith(manifest)] == []
