"""The amend report in every output format, each a function of one `Judgement`.

* `markdown`: a pull-request comment: the verdict, a summary table, then the details;
* `json`: everything, for tools;
* `github`: workflow-command annotations (the markdown goes to `$GITHUB_STEP_SUMMARY`);
* `sarif`: SARIF 2.1.0, for code scanning.

Everything from the source (ids, titles, file names, manifest keys, rule sources, messages)
reaches the comment through `md` (inline text) or `code` (a code span with a safe fence), both
from checker/escape.py: it cannot add a heading, a link, an image, raw HTML or a mention.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.amend.diff import ClauseChange, WordOp
from checker.amend.judge import Judgement, clause_name
from checker.amend.reviews import CLAIMED, VERIFIED, Check, verification_of
from checker.escape import json_inert, markdown_code, markdown_text, workflow_data
from checker.findings import Finding, Location, Severity
from checker.formats import help_uri
from checker.formats.mdtext import markdown_message

ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
MAX_ITEMS = 60  # items a markdown list shows


@dataclass(frozen=True)
class Links:
    """What the comment may link to and name, when the command knows it (checker/cli/amend.py):

    * `files`: the address files are under at the head commit
      (`https://github.com/OWNER/REPO/blob/SHA/`, plus the working folder's place in the
      repository), so `file:line` opens the file at that line;
    * `help_base`: the published site's URL, for each code's reference page; else `docs`: the
      repository's own docs/checks/ at the head commit, when it holds the pages;
    * `base_option`: how the command named the version before (`--base main`, `--base-dir old`),
      for the commands a fix needs."""

    files: str = ""
    help_base: str = ""
    docs: str = ""
    base_option: str = ""


def file_link(loc: Location, links: Links) -> str:
    """`file:line:column` as a code span, linked to the file at the head commit when known."""
    shown = code(f"{loc}" + (f" ({loc.clause})" if loc.clause else ""))
    if not links.files or not loc.file:
        return shown
    target = links.files + quote(loc.file, safe="/") + (f"#L{loc.line}" if loc.line else "")
    return f"[{shown}]({target})"


def code_link(finding: Finding, links: Links) -> str:
    """The code in bold, linked to its reference page when one is published."""
    label = f"**{md(finding.code)}**"
    if links.help_base:
        return f"[{label}]({help_uri(finding.code, links.help_base)})"
    if links.docs:
        return f"[{label}]({links.docs}{quote(finding.code)}.md)"
    return label


def fix_command(f: Finding, j: Judgement, links: Links) -> str | None:
    """The command that fixes a finding, when one does: `fwdoc amend record` rewrites the record
    from the real change (its lists, before-images), adds approvals and reviewed rules."""
    if f.code not in ("AMD001", "AMD002", "AMD003", "AMD004", "AMD008", "AMD012", "AMD021", "AMD022"):
        return None
    base = links.base_option or "--base BASE"
    head = j.document or "framework"
    if f.code == "AMD001":
        return (f"fwdoc amend record {head} {base} --id ID --title TITLE --proposer ACTOR")
    record = _record_of(f, j)
    start = f"fwdoc amend record {head} {base} --id {record or 'ID'}"
    if f.code == "AMD002":
        return start + "".join(f" --approval {actor}:YYYY-MM-DD:REFERENCE" for actor in f.subjects or ("ACTOR",))
    if f.code == "AMD008":
        clause = f.location.clause or _quoted_after(f.message, "list")
        return start + f" --rules-reviewed {clause or 'CLAUSE'}"
    return start


def _record_of(f: Finding, j: Judgement) -> str | None:
    """The record a finding is about: the one whose file it points at, else the only new one."""
    for r in j.records:
        if f.location.file.endswith(r.file):
            return r.id
    return j.records[0].id if len(j.records) == 1 else None


def _quoted_after(message: str, word: str) -> str | None:
    match = re.search(rf"\b{word} '([a-z0-9][a-z0-9-]*)'", message)
    return match.group(1) if match else None


def md(text: object) -> str:
    """Source text made inert in Markdown (and in GitHub's HTML): `escape.markdown_text`."""
    return markdown_text(str(text))


def code(text: object) -> str:
    """Source text as a code span with a safe fence, `|` escaped (it may sit in a table)."""
    return markdown_code(str(text), table=True)


def verdict(j: Judgement) -> str:
    """A run that blocks is "not acceptable" even when the source did not change (a deleted
    record, a file that cannot be read): the heading must never read as harmless."""
    if j.unchanged and j.acceptable:
        return "no change"
    return "acceptable" if j.acceptable else "not acceptable"


def _record_line(j: Judgement) -> str:
    if not j.records:
        return "none"
    out = []
    for r in j.records:
        when = f", in force {r.in_force}" if r.in_force else ""  # md() keeps the leading ", "
        out.append(f"{code(r.id)} {md(r.title)} ({md(r.status)}{md(when)})")
    return "<br>".join(out)


def _counts(j: Judgement) -> dict[str, int]:
    kinds = ("added", "removed", "changed")
    out = {k: sum(1 for c in j.diff.changes if c.kind == k) for k in kinds}
    out["moved"] = sum(1 for c in j.diff.changes if c.moved)
    out["renumbered"] = len(j.diff.renumbered)
    return out


def _words(ops: tuple[WordOp, ...]) -> str:
    out = []
    for op in ops:
        text = md(op.text)
        if op.op == "=":
            out.append(text)
        elif op.op == "-" and text:  # an empty pair would read as a fence or a rule: `~~~~`, `****`
            out.append(f"~~{text}~~")
        elif op.op == "+" and text:
            out.append(f"**{text}**")
        elif op.op not in "-+":
            out.append("…")
    return " ".join(x for x in out if x)


def markdown(j: Judgement, links: Links | None = None) -> str:
    links = links or Links()
    v = verdict(j)
    icon = {"acceptable": "✅", "not acceptable": "❌", "no change": "➖"}[v]
    lines = [f"## {icon} fwdoc amend: {v}", ""]
    lines.append(f"**{md(j.title)}**, {code(j.base_label)} → {code(j.head_label)}")
    lines.append("")
    blocking = j.blocking
    if blocking:
        codes: dict[str, int] = {}
        for f in blocking:
            codes[f.name] = codes.get(f.name, 0) + 1
        what = ", ".join(f"{n} {md(name)}" for name, n in codes.items())
        lines += [f"> {len(blocking)} problem{'s' if len(blocking) != 1 else ''} "
                  f"block{'s' if len(blocking) == 1 else ''} this amendment: {what}.", ""]
    elif not j.unchanged:
        notes = [f for f in (*j.findings, *j.introduced) if f.suppression is None]
        tail = f" ({len(notes)} note{'s' if len(notes) != 1 else ''} below)" if notes else ""
        lines += [f"> The amendment is recorded, approved as its amendment rules require, and introduces "
                  f"no error{tail}.", ""]
    c = _counts(j)
    sem = {k: sum(1 for s in j.semantic if s.kind == k) for k in ("added", "removed", "changed")}
    needed = [a for a in j.approvals if a.parts]
    given = [a for a in needed if a.given]
    parts = ", ".join(r.part_label for r in j.requirements) or "none"
    lines += [
        f"| Amendment record | {_record_line(j)} |", "|---|---|",
        f"| Clauses | {c['changed']} changed, {c['added']} added, {c['removed']} removed, {c['moved']} moved, "
        f"{c['renumbered']} renumbered |",
        f"| Rules | {sem['changed']} changed, {sem['added']} added, {sem['removed']} removed |",
        f"| Parts touched | {md(parts)} |",
        f"| Approvals | {len(given)} of {len(needed)} required{_verified_count(j)} |",
        f"| Findings | {len(j.introduced)} introduced; {j.preexisting} already in {code(j.base_label)} (not blamed); "
        f"{j.fixed} fixed |",
        "",
    ]
    problems = [f for f in (*j.findings, *j.introduced) if f.suppression is None]
    if problems:
        lines += ["### Problems", ""]
        ordered = sorted(problems, key=lambda f: (-int(f.severity), f.sort_key()))
        for f in ordered[:MAX_ITEMS]:
            lines.append(f"- {ICON[f.severity]} {code_link(f, links)} {file_link(f.location, links)}: "
                         f"{markdown_message(f.message)}")
            fix = fix_command(f, j, links)
            if fix:
                lines.append(f"  - Fix: {code(fix)}")
        lines += _more(len(ordered))
        lines.append("")
    if j.approvals:
        checks = {c.actor: c for c in verification_of(j).checks}
        lines += ["### Approvals", "", "| Approver | Needed for | Approved | Verified | Reference |",
                  "|---|---|---|---|---|"]
        for a in j.approvals:
            # a tick only where it counts: an approval nobody requires is recorded, not a pass
            mark = ("❌ missing" if not a.given else f"✅ {md(a.date)}" if a.parts else f"given {md(a.date)}")
            needed_for = md(", ".join(a.parts)) if a.parts else "not required"
            check = checks.get(a.actor)
            lines.append(f"| {md(a.name)} | {needed_for} | {mark} | {_verified_cell(j, check)} | "
                         f"{md(a.reference)} |")
        lines.append("")
        lines += [_verified_line(j), ""]
        rules = {" ".join(r.source.split()) for req in j.requirements for r in req.rules}
        if rules:
            lines.append(f"Required by the amendment rules of {code(j.base_label)}: "
                         + "; ".join(code(r) for r in sorted(rules)) + ".")
            lines.append("")
    if j.semantic:
        lines += ["### What changes in the rules", ""]
        for s in j.semantic[:MAX_ITEMS]:
            where = ", ".join(clause_name(j.head_doc if s.after else j.base_doc, cid) for cid in s.clauses)
            lines.append(f"- **{s.kind.capitalize()}** ({md(where)}): {md(s.text)}.")
        lines += _more(len(j.semantic))
        lines.append("")
    if j.diff.changes or j.diff.registers or j.diff.manifest:
        lines += ["### Clauses", ""]
        for change in j.diff.changes[:MAX_ITEMS]:
            lines += _clause_md(change, j)
        lines += _more(len(j.diff.changes))
        for register, entry, kind in j.diff.registers:
            lines.append(f"- **{md(kind.capitalize())}** in {md(f'{register}.yaml')}: {code(entry)}")
        for key in j.diff.manifest:
            lines.append(f"- **Changed** in the manifest: {code(key)}")
        lines.append("")
    if j.diff.renumbered:
        lines += ["<details><summary>Renumbered clauses "
                  f"({len(j.diff.renumbered)})</summary>", ""]
        for r in j.diff.renumbered:
            lines.append(f"- {md(clause_name(j.head_doc, r.clause))}: was {md(r.before)}")
        lines += ["", "</details>", ""]
    lines.append(f"<sub>fwdoc {__version__} · exit {0 if j.acceptable else 1}</sub>")
    return "\n".join(lines) + "\n"


# -- verified approvals (checker/amend/reviews.py) ---------------------------------------------
# logins, team slugs and commits are checked against GitHub's forms when read (no backtick,
# no markup); they go through code() all the same, names from the source through md()


def _verified_count(j: Judgement) -> str:
    v = verification_of(j)
    return f", {len(v.verified)} verified" if v.reviewed else ""


def _verified_cell(j: Judgement, check: Check | None) -> str:
    v = verification_of(j)
    if check is None:
        return "–"
    if not v.reviewed:
        return "not checked"
    if check.status == VERIFIED:
        return "✅ approved by " + ", ".join(code(who) for who in check.by)
    why = []
    if not check.holders:
        why.append("nobody listed")
    why += [f"{code(who)} approved an earlier commit" for who, _ in check.stale]
    why += [f"{code(who)}: {md(state.lower().replace('_', ' '))}" for who, state in check.withdrawn]
    if check.unresolved:
        why.append("team not resolved")
    tail = f" ({'; '.join(why)})" if why else ""
    if check.status == CLAIMED:
        return f"⚠️ claimed only{tail}"
    return f"❌ no approving review{tail}"


def _verified_line(j: Judgement) -> str:
    """The sentence that always says which approvals were verified, and against what."""
    v = verification_of(j)
    if not v.checks:
        return "**Verified approvals:** none required."
    if not v.reviewed:
        return ("**Verified approvals:** none checked. The approvals above are what the record claims; "
                "`fwdoc amend --reviews` checks them against the pull request's reviews.")
    done = [md(c.name) for c in v.verified]
    claimed = [md(c.name) for c in v.checks if c.status == CLAIMED]
    source = (f"the holders in {md(v.approvers_file)} of {code(j.base_label)}" if v.approvers_file
              else "no approvers map (the manifest of the base version names none)")
    out = (f"**Verified approvals:** {len(done)} of {len(v.checks)} required, by reviews approving commit "
           f"{code(v.head_commit[:12])}, against {source}")
    out += f": {', '.join(done)}." if done else "."
    if claimed:
        out += f" Claimed by the record only: {', '.join(claimed)}"
        out += " (an error with `--require-verified`)." if not v.required else "."
    return out


def _verification_dict(j: Judgement) -> dict[str, Any]:
    v = verification_of(j)
    return {
        "reviewed": v.reviewed, "head_commit": v.head_commit or None, "approvers_file": v.approvers_file,
        "require_verified": v.required,
        "approvals": [{"actor": c.actor, "name": c.name, "parts": list(c.parts), "recorded": c.recorded,
                       "status": c.status, "by": list(c.by),
                       "stale": [{"login": who, "commit": sha} for who, sha in c.stale],
                       "withdrawn": [{"login": who, "state": state} for who, state in c.withdrawn],
                       "holders": list(c.holders), "unresolved_teams": list(c.unresolved)}
                      for c in v.checks],
    }


def _more(count: int) -> list[str]:
    """A long list is cut (a pull-request comment holds at most 65,536 characters)."""
    if count <= MAX_ITEMS:
        return []
    return [f"- … and {count - MAX_ITEMS} more (see `--format json`)"]


def _clause_md(change: ClauseChange, j: Judgement) -> list[str]:
    doc = j.base_doc if change.kind == "removed" else j.head_doc
    name = md(clause_name(doc, change.clause))
    kind = change.kind.capitalize()
    extra = []
    if change.moved and change.kind != "moved":
        extra.append("moved")
    if change.renumbered:
        extra.append(f"was {change.before_label}")
    fields = sorted(set(change.fields))
    if change.kind == "changed" and fields:
        extra.append("fields: " + ", ".join(fields))
    tail = f" ({md('; '.join(extra))})" if extra else ""
    out = [f"- **{kind}** {name} {code(change.clause)}{tail}"]
    if change.words:
        words = _words(change.words)
        out.append(f"  > {words if len(words) <= 1500 else words[:1500].rsplit(' ', 1)[0] + ' …'}")
    return out


def _change_dict(change: ClauseChange) -> dict[str, Any]:
    return {
        "clause": change.clause, "kind": change.kind, "part": change.part,
        "before": change.before_label, "after": change.after_label, "heading": change.heading,
        "fields": list(change.fields), "moved": change.moved, "prose_changed": change.prose_changed,
        "rules_changed": change.rules_changed,
        "words": [{"op": w.op, "text": w.text} for w in change.words],
    }


def to_json(j: Judgement, links: Links | None = None) -> str:
    payload = {
        "tool": {"name": "fwdoc amend", "version": __version__},
        "verdict": verdict(j),
        "acceptable": j.acceptable,
        "base": j.base_label,
        "head": j.head_label,
        "title": j.title,
        "records": [{"id": r.id, "title": r.title, "status": r.status, "proposed": r.proposed,
                     "in_force": r.in_force, "file": r.file,
                     "approvals": [{"actor": a.actor, "date": a.date, "reference": a.reference}
                                   for a in r.approvals],
                     "changes": r.changes.to_data()} for r in j.records],
        "summary": {**_counts(j),
                    "rules": {k: sum(1 for s in j.semantic if s.kind == k) for k in ("added", "removed", "changed")},
                    "introduced": len(j.introduced), "preexisting": j.preexisting, "fixed": j.fixed,
                    "blocking": len(j.blocking)},
        "changes": [_change_dict(c) for c in j.diff.changes],
        "renumbered": [{"clause": r.clause, "before": r.before, "after": r.after} for r in j.diff.renumbered],
        "registers": [{"register": r, "id": e, "kind": k} for r, e, k in j.diff.registers],
        "manifest": list(j.diff.manifest),
        "semantic": [{"kind": s.kind, "text": s.text, "clauses": list(s.clauses),
                      "before": s.before.source if s.before else None,
                      "after": s.after.source if s.after else None} for s in j.semantic],
        "requirements": [{"part": r.part, "label": r.part_label, "clauses": list(r.clauses),
                          "approvers": list(r.approvers),
                          "rules": [" ".join(x.source.split()) for x in r.rules]} for r in j.requirements],
        "approvals": [{"actor": a.actor, "name": a.name, "parts": list(a.parts), "given": a.given,
                       "record": a.record, "date": a.date, "reference": a.reference} for a in j.approvals],
        "verification": _verification_dict(j),
        "findings": [f.to_dict() for f in j.findings],
        "introduced": [f.to_dict() for f in j.introduced],
    }
    return json_inert(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"


def github(j: Judgement, links: Links | None = None) -> str:
    """Workflow commands: one annotation a finding (at most ten of each kind, most severe first:
    GitHub drops the rest of a step's annotations without a word), then a notice with the
    verdict and how many findings are not annotated; the job summary has them all."""
    from checker.formats.github import annotation, capped

    ordered = sorted((*j.findings, *j.introduced), key=lambda f: (-int(f.severity), f.sort_key()))
    shown, left = capped(ordered)
    out = [annotation(f) for f in shown]
    tail = f" ({len(j.blocking)} blocking problem{'s' if len(j.blocking) != 1 else ''})"
    missing = sum(left.values())
    if missing:
        tail += (f"; {missing} more finding{'s' if missing != 1 else ''} not annotated (GitHub shows 10 of each "
                 "kind a step): all are in the job summary and in --format json")
    out.append(f"::notice title=fwdoc amend::{workflow_data(f'the amendment is {verdict(j)}{tail}')}")
    return "\n".join(out) + "\n"


def sarif(j: Judgement, links: Links | None = None) -> str:
    from checker.amend.sarif import render

    return render(j, (links or Links()).help_base)


FORMATS: dict[str, Callable[..., str]] = {
    "markdown": markdown, "json": to_json, "github": github, "sarif": sarif,
}
