"""The verb vocabulary: the shipped file is valid and covers every verb the bundled document
uses; a document's own file extends it; a broken one is reported with its place."""

from __future__ import annotations

from pathlib import Path

import yaml

from checker import vocab
from checker.load.schema import validator
from checker.model import Document


def test_shipped_vocabulary_matches_its_schema() -> None:
    data = yaml.safe_load(vocab.DEFAULT.read_text(encoding="utf-8"))
    assert list(validator("vocabulary").iter_errors(data)) == []
    assert vocab.validate_data(data) == []


def test_synonyms_roles_priors_and_exclusions() -> None:
    words = vocab.default()
    assert words.canonical("agree") == words.canonical("endorse") == "endorse"
    assert words.canonical("designate") == "appoint"
    assert words.canonical("made_up_verb") == "made_up_verb"
    assert words.role("prepare") == "drafts" and words.role("sign_off") == "approves"
    assert words.role_of("notify") == "recipient"
    assert words.excludes("approve", "refuse") and not words.excludes("approve", "publish")
    assert vocab.Prior("submit", True) in words.priors("approve")
    assert words.matches("drafts", "prepare") and words.matches("commission", "procure")
    assert not words.matches("approves", "publish")


def test_every_action_of_the_bundled_document_is_in_the_vocabulary(
        document: Document, framework_dir: Path) -> None:
    # the document's own vocabulary file (named in its manifest) extends the shipped one
    words, problems = vocab.load_extension(framework_dir, "vocabulary.yaml")
    assert problems == []
    used = {r.action for r in document.rules if r.action}
    used |= {q.value for r in document.rules for q in r.quals("after") if q.value}
    missing = sorted(v for v in used if words.action(v) is None)
    assert missing == []


def test_a_document_extends_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "vocabulary.yaml").write_text(
        "actions:\n  countersign: {role: approves, synonyms: [co-sign]}\n"
        "  publish: {role: informed, of: recipient}\n"
        "separation:\n  - {one: countersign, other: drafts}\n", encoding="utf-8")
    words, problems = vocab.load_extension(tmp_path, "vocabulary.yaml")
    assert problems == []
    assert words.canonical("co-sign") == "countersign" and words.role("co-sign") == "approves"
    assert words.role("publish") == "informed" and words.role("agree") == "endorses"
    assert vocab.Pair("countersign", "drafts") in words.pairs
    assert len(words.pairs) == len(vocab.default().pairs) + 1


def test_unknown_references_are_reported_at_their_key(tmp_path: Path) -> None:
    (tmp_path / "vocabulary.yaml").write_text(
        "actions:\n  approve: {role: approves}\n  veto: {role: decides, excludes: [rubber_stamp]}\n",
        encoding="utf-8")
    words, problems = vocab.load_extension(tmp_path, "vocabulary.yaml")
    assert words is vocab.default()
    assert [(p.code, str(p.location), p.message) for p in problems] == [
        ("VOC001", "vocabulary.yaml:3:3", "actions.veto.excludes: 'rubber_stamp' is not an action of the vocabulary")]


def test_a_file_outside_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("actions: {}\n", encoding="utf-8")
    doc = tmp_path / "doc"
    doc.mkdir()
    (doc / "vocabulary.yaml").symlink_to(outside)
    words, problems = vocab.load_extension(doc, "vocabulary.yaml")
    assert words is vocab.default() and problems and problems[0].location.file == "vocabulary.yaml"


def test_a_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    words, problems = vocab.load_extension(tmp_path, "vocabulary.yaml")
    assert words is vocab.default()
    assert [(p.location.file, p.location.line) for p in problems] == [("vocabulary.yaml", 1)]
