"""Register ids that the rules language cannot name (the actors, offices and objects registers;
the conditions register's are NAM004, reported while it is read)."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from checker.checks.base import Context, check, get
from checker.findings import Finding, Severity
from checker.model import UNNAMED, Document


@functools.lru_cache(maxsize=512)
def nameable(name: str) -> bool:
    """A rule can name it: `<name> must publish <name>` parses with it as the bearer and the
    object, and it is not the reserved bearer `unnamed`.  The grammar decides, so a word the
    language reserves later is caught without a list kept here."""
    from checker.dsl.parser import keywords, parse_statement

    if name == UNNAMED:
        return False
    if name.split(".")[0] not in keywords():
        return True
    try:
        stmt = parse_statement(f"{name} must publish {name}")
    except Exception:  # lark's UnexpectedInput and the builder's DslError: not a name
        return False
    return [r.text for r in stmt.subjects] == [name] and [r.text for r in stmt.objects] == [name]


@check("NAM005", "reserved-register-id", Severity.ERROR, "rules")
def reserved_register_id(document: Document, context: Context) -> Iterator[Finding]:
    """An actor, office or object id is a reserved word of the rules language (`final`,
    `alone`, `locally`, `unnamed`), so no rule can name it.

    Why it matters: an entry the rules cannot name is declared for nothing: every rule that
    writes it fails to parse with a message about the grammar, not the register, and `unnamed`
    would be read as the reserved bearer of an agentless passive, never as the entry.  NAM004
    says the same of the conditions register.

    Fails::

        # objects.yaml
        objects:
          - id: final
            name: final accounts

    Passes::

        objects:
          - id: final_accounts
            name: final accounts
    """
    this = get("NAM005")
    registers = (("actor", document.actors), ("office", document.offices), ("object", document.objects))
    for kind, entries in registers:
        for entry_id, entry in entries.items():
            if nameable(entry_id):
                continue
            yield this.finding(
                f"the {kind} id '{entry_id}' is a reserved word of the rules language, so no rule can "
                f"name it; expected another id, for example '{entry_id}_{kind}'",
                entry.location, subjects=(entry_id,))
