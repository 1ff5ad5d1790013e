"""The document's own verb vocabulary (`vocabulary:` in the manifest): read, validated, reported."""

from __future__ import annotations

from collections.abc import Iterator

from checker import vocab
from checker.checks.base import Context, check, get
from checker.findings import Finding, Severity
from checker.model import Document


@check("VOC001", "bad-vocabulary", Severity.ERROR, "rules")
def bad_vocabulary(document: Document, context: Context) -> Iterator[Finding]:
    """The document's vocabulary file (named by `vocabulary:` in manifest.yaml) cannot be read,
    does not match the vocabulary schema, or refers to actions nobody defines.

    Why it matters: the vocabulary says which verbs are one act, which role each gives and which
    duties must be kept apart; every conflict check and the responsibility matrix read it.  A
    broken file is ignored (the shipped vocabulary stays in force), so the document's own verbs
    would silently mean nothing.

    Fails::

        # manifest.yaml: vocabulary: vocabulary.yaml
        # vocabulary.yaml
        actions:
          countersign: {role: signs}

    Passes::

        actions:
          countersign: {role: approves, synonyms: [co-sign], before: [submit to bearer]}
    """
    this = get("VOC001")
    for finding in vocab.findings_for(document):
        yield this.finding(finding.message, *finding.locations)


@check("VOC002", "unknown-manner", Severity.WARNING, "rules")
def unknown_manner(document: Document, context: Context) -> Iterator[Finding]:
    """A rule says an act is done `in <manner> manner` with a manner the vocabulary does not
    declare (the shipped `manner:` list, or the document's own vocabulary file).

    Why it matters: a manner is how the act must be done ("in an open and fair manner",
    "independently"); the English and the responsibility matrix say it with the vocabulary's
    words, and two spellings of one manner are one manner only when the vocabulary says so.  A
    misspelt or undeclared manner still reads, but as its id's words, and means nothing to a
    reader of the vocabulary.

    Fails::

        the_agency must recruit permanent_employees in open_and_fiar manner

    Passes::

        the_agency must recruit permanent_employees in open_and_fair manner
        # or declare it in the document's vocabulary.yaml:
        # manner:
        #   courteous: {english: courteously}
    """
    from checker.suggest import did_you_mean

    this = get("VOC002")
    words = vocab.for_document(document)
    for rule in document.rules:
        for qual in rule.qualifiers:
            value = qual.value or ""
            if qual.kind != "manner" or value.endswith("_form") or words.manner(value) is not None:
                continue
            yield this.finding(
                f"'{value}' is not a manner the vocabulary declares, so `in {value} manner` says nothing "
                f"the checks or the English can rely on{did_you_mean(value, sorted(words.manners))}; "
                "expected a declared manner, or a `manner:` entry in the document's vocabulary file",
                rule.location, subjects=(value,))
