"""The findings `fwdoc amend` reports about an amendment: one code each, in the amendments family.

Each entry: code -> (name, severity, what it catches and why it matters).  The SARIF output
carries these as rule metadata; docs/amendments.md lists them.
"""

from __future__ import annotations

from checker.findings import Finding, Location, Severity

CODES: dict[str, tuple[str, Severity, str]] = {
    "AMD001": ("missing-record", Severity.ERROR,
               "The source changes but no amendment record is added or changed: every amendment needs a "
               "record saying who proposed and approved it and when it is in force."),
    "AMD002": ("missing-approval", Severity.ERROR,
               "The amendment lacks an approval that the document's own amendment rules (as they stood "
               "before the amendment) require for the parts it changes."),
    "AMD003": ("unlisted-change", Severity.ERROR,
               "The amendment changes a clause (or register entry, or manifest key) that its record does "
               "not list, or lists it under the wrong kind of change."),
    "AMD004": ("listed-but-unchanged", Severity.ERROR,
               "The record lists a clause as changed that the amendment does not change: the history "
               "would name the wrong clauses."),
    "AMD005": ("approval-after-in-force", Severity.ERROR,
               "An approval is dated after the date the amendment comes into force: an amendment cannot "
               "be in force before it is approved."),
    "AMD006": ("stale-reference", Severity.ERROR,
               "A reference in the prose still uses the number of a clause that the amendment renumbered, "
               "so it now points at a different clause or at none."),
    "AMD007": ("reference-to-removed-clause", Severity.ERROR,
               "The prose still refers to a clause that the amendment removes."),
    "AMD008": ("stale-formalisation", Severity.ERROR,
               "A clause's prose changed while its rules did not, or its rules changed while its prose did "
               "not: the formal rules may no longer say what the text says.  Review them and list the "
               "clause under `changes.rules_reviewed` in the record."),
    "AMD009": ("amendment-rule-changed", Severity.INFO,
               "The amendment changes the document's own amendment rules; it is judged by the rules it "
               "replaces, never by its own."),
    "AMD010": ("record-id-mismatch", Severity.ERROR,
               "A record's id differs from its file name, or two records share an id."),
    "AMD011": ("not-approved", Severity.ERROR,
               "The record's status does not allow the change into the document: it is still proposed, "
               "or it was rejected or withdrawn."),
    "AMD012": ("bad-before-images", Severity.ERROR,
               "The record's before-images do not give back the version before the amendment, so the "
               "document as at an earlier date cannot be rebuilt from the records."),
    "AMD013": ("unknown-approver", Severity.ERROR,
               "An approval names an actor or office that is not in the registers."),
    "AMD014": ("approval-before-proposal", Severity.WARNING,
               "An approval is dated before the amendment was proposed."),
    "AMD015": ("history-rewritten", Severity.ERROR,
               "The change deletes, moves or edits an amendment record merged before it (only the step "
               "from approved to in-force is allowed): the history of the document is append-only."),
    "AMD016": ("no-amendment-rule", Severity.WARNING,
               "No amendment rule of the document covers a part the amendment changes, so nobody's "
               "approval can be required for it."),
    "AMD017": ("amendments-folder-changed", Severity.ERROR,
               "The change points the manifest's `amendments:` at another folder, which would hide the "
               "merged records from the gate and from the history."),
    "AMD018": ("path-outside-document", Severity.ERROR,
               "A path in the manifest or a record leaves the document folder (absolute, `..`, a symbolic "
               "link out, a device): nothing outside the document folder is read or written."),
    "AMD019": ("delegation-not-on-record", Severity.ERROR,
               "An approval is given on behalf of a required approver, but the version before the "
               "amendment gives that approver no power to delegate approving amendments to the one who "
               "signed it."),
    "AMD020": ("approval-in-the-future", Severity.ERROR,
               "An approval is dated after today (or after `--today`): an approval that cannot have been "
               "given yet lets nothing into the document."),
    "AMD021": ("record-claims-nothing", Severity.ERROR,
               "A new amendment record lists no change at all (no clause, register entry or manifest key): "
               "it would enter the history, with its before-images and approvals, without amending "
               "anything the gate could judge."),
    "AMD022": ("before-image-not-claimed", Severity.ERROR,
               "A record's before-images hold something the record does not list as changed: a before-image "
               "is what the amendment replaced, and only what it changed can have been replaced."),
    # verified approvals (reviews.py)
    "REV001": ("unverified-approval", Severity.ERROR,
               "With --require-verified: the record claims a required approval, but no holder of the "
               "office (in the approvers map of BASE) approved the head commit of the pull request."),
    "REV002": ("approvers-changed", Severity.WARNING,
               "The pull request changes who holds the offices on GitHub (the approvers map).  It is "
               "judged by the map of BASE; the new map judges the next pull request, so the change "
               "deserves its own review by the repository's owners."),
    "REV003": ("bad-approvers", Severity.ERROR,
               "The approvers map cannot be used: its path leaves the document folder, it names an "
               "actor or office the document does not have, or it is not a file."),
}


def finding(code: str, message: str, *locations: Location, subjects: tuple[str, ...] = ()) -> Finding:
    name, severity, _ = CODES[code]
    return Finding(code, name, severity, message, tuple(locations), subjects=subjects)
