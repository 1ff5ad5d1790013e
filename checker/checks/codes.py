"""The finding codes that are not registered checks: reported by the loader while it reads the
source (files, schema, DSL syntax, names, structure, citations) and by the engine around the
checks (acknowledgements, baselines).  The reference pages (reference.py) are generated from
this table and from the registered checks' docstrings, so every code has one page.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.findings import Severity


@dataclass(frozen=True)
class CheckDoc:
    """Everything the reference (and SARIF rule metadata) says about one code."""

    code: str
    name: str
    severity: Severity
    family: str
    summary: str
    why: str
    fails: str
    passes: str
    notes: str = ""
    registered: bool = True

    @property
    def help_text(self) -> str:
        return f"{self.summary}\n\nWhy it matters: {self.why}"

    @property
    def page(self) -> str:
        return f"{self.code}.md"


E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _other(code: str, name: str, severity: Severity, family: str, summary: str, why: str,
           fails: str, passes: str) -> CheckDoc:
    return CheckDoc(code, name, severity, family, summary, why, fails, passes, registered=False)

OTHER_CODES: tuple[CheckDoc, ...] = (
    # -- source files (checker/load/yamlfile.py, loader.py) ------------------------------
    _other("SRC001", "unreadable", E, "source", "A source file cannot be read (permissions, a folder where a file should be).",
            "Nothing in an unreadable file is checked or published.", "chmod 000 parts/annex-a.yaml", "chmod 644 parts/annex-a.yaml"),
    _other("SRC002", "file-too-large", E, "source", "A source file is larger than the loader accepts.",
            "A huge part is a sign of pasted binary or generated text, and would slow every run.",
            "parts/annex-c.yaml  # 40 MB", "split the part into several parts"),
    _other("SRC003", "not-utf8", E, "source", "A source file is not valid UTF-8.",
            "Text in another encoding is misread: names and quotes change silently.",
            "a file saved as Windows-1252 with a curly quote", "the same file saved as UTF-8"),
    _other("SRC004", "byte-order-mark", E, "source", "A source file starts with a UTF-8 byte-order mark.",
            "Some tools read the mark as part of the first key, so the file means something different to them.",
            "\\ufeffid: annex-a", "id: annex-a"),
    _other("SRC005", "crlf", E, "source", "A source file has Windows (CRLF) or other non-LF line ends.",
            "Mixed line ends make diffs and positions unreliable; every file uses LF.",
            "id: annex-a\\r\\n", "id: annex-a\\n"),
    _other("SRC006", "tab-indent", E, "source", "A tab is used for indentation.",
            "YAML forbids tabs for indentation; editors show them at different widths.",
            "clauses:\n\t- id: first", "clauses:\n  - id: first"),
    _other("SRC007", "empty-file", E, "source", "A source file is empty or holds no YAML document.",
            "An empty part is almost always a mistake in a commit.", "(an empty file)", "id: annex-a\nkind: annex\ntitle: ..."),
    _other("SRC008", "yaml-syntax", E, "source", "A source file is not valid YAML, or holds more than one document, or a value YAML cannot read (a date such as 2008-13-45).",
            "Nothing after a syntax error can be read reliably.", "title: [unclosed", "title: Unclosed"),
    _other("SRC009", "yaml-alias", E, "source", "A YAML anchor or alias (&name, *name) is used.",
            "Aliases hide repeated text and can expand without limit (an alias bomb); the source is written out in full.",
            "a: &x text\nb: *x", "a: text\nb: text"),
    _other("SRC010", "duplicate-key", E, "source", "A key appears twice in one YAML mapping.",
            "YAML keeps the last value silently; the first is lost without a word.", "title: A\ntitle: B", "title: B"),
    _other("SRC011", "complex-key", E, "source", "A mapping key is not plain text.",
            "Every key of the format is a word; a list or mapping as a key is a typing mistake.", "? [a, b]\n: value", "a: value"),
    _other("SRC012", "missing-file", E, "source", "A file the document needs is missing: a register, or a part the manifest lists.",
            "A part listed but missing is silently absent from every output.",
            "parts: [foreword, annex-z]  # no parts/annex-z.yaml", "parts: [foreword]"),
    _other("SRC013", "too-deep", E, "source", "The YAML nesting is deeper than the loader accepts.",
            "No framework file needs that depth; it is a generated or malicious file.", "[[[[[[...]]]]]]", "clauses nested a few levels"),
    _other("SRC014", "not-a-regular-file", E, "source", "A source file is a device, a named pipe (FIFO), a socket or a folder, or a link to one.",
            "Reading a device such as /dev/zero never ends, and reading a FIFO blocks for ever; such a file is refused without being read.",
            "parts/annex-a.yaml -> /dev/zero", "parts/annex-a.yaml as an ordinary file"),
    _other("SRC015", "outside-document", E, "source", "A source file is a symbolic link (or lies under one) whose target is outside the document folder.",
            "Document text comes from pull requests: a part committed as a link to /etc/shadow must not be read, and nothing of it may appear in a finding. A link to another file inside the document folder is fine.",
            "parts/annex-a.yaml -> ../../../etc/shadow", "parts/annex-a.yaml -> ../shared/annex-a.yaml (inside the document folder)"),
    # -- schema (checker/load/schema.py, loader.py) ---------------------------------------
    _other("SCH001", "schema", E, "schema", "A file does not match its JSON Schema (checker/schemas/): a missing or unknown key, a value of the wrong type.",
            "The loader and every output rely on the shape the schema describes.", "id: annex-a\nkind: appendix", "id: annex-a\nkind: annex"),
    _other("SCH002", "unknown-column", E, "schema", "A table row has a key that is not one of the table's column ids.",
            "The cell would never be shown: rows are rendered column by column.",
            "columns: [{id: function, title: Function}]\nrows: [{functon: Setting policy}]",
            "columns: [{id: function, title: Function}]\nrows: [{function: Setting policy}]"),
    _other("SCH003", "misplaced-entries", E, "schema", "A part that is not the glossary has glossary `entries`.",
            "Entries outside the glossary part are never read as glossary entries.",
            "kind: annex\nentries: [{term: CIO, expansion: Chief Information Officer}]",
            "kind: glossary\nentries: [{term: CIO, expansion: Chief Information Officer}]"),
    _other("SCH004", "unknown-numbering", E, "schema", "The manifest's `numbering:` names no numbering scheme (checker/numbering/schemes.yaml).",
            "Every number the outputs print, and every reference the checks resolve, follows the scheme; an unknown one falls back to the hierarchical scheme.",
            "numbering: flatt", "numbering: flat"),
    # -- conformance profiles (checker/profiles/, `fwdoc check --profile NAME`) -------------
    _other("PRF001", "missing-element", W, "profiles", "The document lacks an element that the official guidance of the profile says a framework document must contain (a purpose, the accounting officer's designation, the review of the document ...).",
            "Government guidance (Managing Public Money's framework document specimen, the Cabinet Office's guide to executive agencies, the Scottish Government's guidance on framework documents) is comply-or-explain: a document that leaves an element out must say why. The finding names the guidance and where in it the element comes from; an `explain PRF001 for <element> because \"...\"` statement records the justified departure and turns the finding into information.",
            "fwdoc check framework --profile uk-alb   # no sentence says how complaints are handled",
            "explain PRF001 for complaints_and_ombudsman because \"complaints are handled under the Department's procedure\""),
    _other("PRF002", "contradicted-element", W, "profiles", "The document says the opposite of what the profile's guidance asks (a rule that the Minister is not accountable to Parliament, a document that will not be reviewed).",
            "A contradiction of the guidance is a departure that must be explained, not a gap: it is reported where the contradicting rule or sentence stands.",
            "secretary_of_state must not be accountable to parliament",
            "secretary_of_state is accountable to parliament"),
    _other("PRF003", "unused-explanation", W, "profiles", "An `explain` statement names no element of the profile checked, or explains a departure the document no longer makes.",
            "A stale explanation claims a departure that is not there; a misspelt element leaves the real departure unexplained.",
            "explain PRF001 for complaint_ombudsman because \"...\"",
            "explain PRF001 for complaints_and_ombudsman because \"...\""),
    # -- rules (checker/dsl/, checker/resolve.py) -----------------------------------------
    _other("DSL001", "syntax", E, "rules", "A statement in a `rules:` block does not follow the obligations language (docs/dsl.md).",
            "A rule that cannot be parsed is not checked: its conflicts would pass unnoticed.",
            "director_general must submmit corporate_plan", "director_general must submit corporate_plan"),
    _other("NAM001", "unknown-name", E, "rules", "A rule names an actor, office, object or part that is in no register.",
            "A misspelt name creates a new, imaginary actor: every check about the real one misses the rule.",
            "permanent_secetary must approve corporate_plan", "permanent_secretary must approve corporate_plan"),
    _other("NAM002", "wrong-kind", E, "rules", "A rule puts a name of the wrong kind in a place: an object where an actor is needed, or a non-office after `holds`.",
            "An object cannot be accountable or be delegated to; the rule does not mean what it says.",
            "director_general reports to corporate_plan", "director_general reports to permanent_secretary"),
    _other("NAM003", "unknown-condition", E, "rules", "A condition written as a name (`if first_plans`) is not declared in the conditions register, or a declared condition excludes or implies an undeclared one.",
            "A misspelt condition is a new, unrelated condition: the checks can no longer see that two rules apply in the same (or exclusive) circumstances.",
            "director_general must submit plan if frist_plans", "director_general must submit plan if first_plans  # declared in conditions.yaml"),
    _other("NAM004", "reserved-condition-id", E, "rules", "The conditions register declares an id that the rules language cannot use as a name: a reserved word such as `final` or `alone`.",
            "A condition the rules cannot name is declared for nothing: every rule that writes it fails to parse, with a message about the grammar instead of the register.",
            "conditions:\n  - id: final", "conditions:\n  - id: finalised"),
    _other("COV002", "uncited-rule", W, "coverage", "A rule (or informal mark) cites no sentence of its clause's prose.",
            "Rules are checked against the sentences they formalise; an uncited rule cannot be reviewed against the text.",
            "rules: |\n  director_general reports to permanent_secretary",
            "rules: |\n  \"line manager of the Agency Director General\":\n    permanent_secretary line manages director_general"),
    _other("COV003", "bad-citation", E, "coverage", "A quoted sentence fragment is not in the clause's text, is in several sentences, or is empty.",
            "A citation that points nowhere means the text changed under the rule: the rule may no longer say what the text says.",
            "\"no such text\":\n  director_general reports to permanent_secretary",
            "\"line manager of the Agency Director General\":\n  permanent_secretary line manages director_general"),
    # -- structure and registers (checker/loader.py) --------------------------------------
    _other("STR001", "duplicate-id", E, "structure", "A part or clause id is used twice.",
            "Ids are the stable anchors of links, amendments and rules; two clauses with one id cannot both be addressed.",
            "- id: sponsor\n- id: sponsor", "- id: sponsor\n- id: sponsor-delegations"),
    _other("STR002", "part-id-mismatch", E, "structure", "A part file's `id` differs from its file name.",
            "The manifest lists parts by file name; a different id makes links and amendments point at the wrong part.",
            "# parts/annex-a.yaml\nid: annex-b", "# parts/annex-a.yaml\nid: annex-a"),
    _other("STR003", "unlisted-part", W, "structure", "A part file is not listed in the manifest's `parts`.",
            "An unlisted part is never checked or published; it is usually forgotten work.",
            "parts: [foreword]  # parts/annex-a.yaml exists", "parts: [foreword, annex-a]"),
    _other("REG001", "duplicate-id", E, "registers", "An actor, office or object id is defined twice in the registers.",
            "Every rule naming the id would bind to only one of the two entries.",
            "- id: oversight_board\n- id: oversight_board", "- id: oversight_board\n- id: agency_board"),
    # -- acknowledgements and baselines (checker/checks/suppression.py) -------------------
    _other("ACK001", "acknowledgement-without-reason", E, "suppression", "An `acknowledge` statement gives no reason.",
            "An acknowledgement is the document's own authority for accepting a finding; without a reason it is just a silenced warning.",
            "acknowledge SOD003 for director_general, oversight_board and delivery_agency because \"\"",
            "acknowledge SOD003 for director_general, oversight_board and delivery_agency because \"the workings of the oversight board do not dilute the delivery responsibilities of the Director General\""),
    _other("ACK002", "unused-acknowledgement", W, "suppression", "An `acknowledge` statement matches no finding.",
            "The problem it accepted is gone, or its names are wrong: either way it no longer says anything true.",
            "acknowledge SOD003 for permanent_secretary because \"...\"  # no SOD003 finding names the Permanent Secretary",
            "acknowledge SOD003 for director_general, oversight_board and delivery_agency because \"...\""),
    _other("ACK003", "unknown-check", E, "suppression", "An `acknowledge` statement names a code that is not a check.",
            "A misspelt code acknowledges nothing, while the author believes a finding is accepted.",
            "acknowledge SOD030 for director_general, oversight_board and delivery_agency because \"...\"", "acknowledge SOD003 for director_general, oversight_board and delivery_agency because \"...\""),
    _other("BAS001", "bad-baseline", E, "suppression", "The baseline file given with `--baseline` is not valid JSON or not a baseline.",
            "A broken baseline would suppress nothing, and every accepted finding would fail the build.",
            "{\"findings\": [{\"code\": \"REF002\"}]}  # no fingerprint",
            "fwdoc check --write-baseline fwdoc-baseline.json"),
    _other("BAS002", "stale-baseline-entry", INFO, "suppression", "A baseline entry matches no current finding.",
            "The finding was fixed (or its message changed); the entry should go so that the baseline lists only what is still accepted.",
            "an entry for a finding that was fixed", "fwdoc check --write-baseline fwdoc-baseline.json"),
)
