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
