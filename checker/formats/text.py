"""Human output: findings grouped by file, each under its file's name; in colour (rich) when
asked for (`fwdoc check --color`, NO_COLOR, FORCE_COLOR: checker/cli/check.py).

    framework/parts/annex-c.yaml
      125:5: warning STR103 'C.3 Commissioning and Procurement Regime' to 'C.8 Support
             Services' (6 headings) are printed as level-2 headings [heading-level-out-of-place]
             also: 151:5 (financial-delegations-2); 239:5 (procurement-delegations); and 4 more

The file is named once, in its header; a finding starts with `line:column` and its message is
wrapped to the report's width under itself.  Places in the same file are `line:column`, places
in another file carry its path; a long list of places is cut after a few, with the count.

Every value from the source (file names, clause ids, messages, reasons) goes through
`escape.terminal`: an ESC sequence, a control character or a bidi override in the source is
shown as a visible escape (`\\x1b`, `\\u202e`), never sent to the terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from itertools import groupby
from typing import Any

from checker.escape import terminal
from checker.findings import Finding, Location, Severity
from checker.formats import Report


class Text:
    """A line of output with styled spans: what rich's `Text` holds, without importing rich
    (0.1 s of start-up) unless the output is in colour (`render` converts it then)."""

    __slots__ = ("spans",)

    def __init__(self, text: str = "", style: str = "") -> None:
        self.spans: list[tuple[str, str]] = [(text, style)] if text else []

    def append(self, text: str, style: str = "") -> None:
        self.spans.append((text, style))

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.spans)

    def rich(self) -> Any:
        from rich.text import Text as RichText

        out = RichText()
        for text, style in self.spans:
            out.append(text, style=style or None)
        return out


_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
ALSO_SHOWN = 3  # other places a finding lists before "and N more"
# the words every command (check, build, the site) uses for the two kinds of finding that never
# fail a run: an info finding is a note; a suppressed one (acknowledged, baselined) is accepted
INFO_WORD = "note"
SUPPRESSED_WORD = "accepted"
_KINDS = {"inSource": "acknowledged in the source", "external": "in the baseline"}


def place(loc: Location) -> str:
    """A place as `file:line:column`, safe for a terminal."""
    return terminal(str(loc))


def _short(loc: Location, file: str) -> str:
    """A place within `file` as `line:column`; elsewhere as `file:line:column`."""
    if loc.file == file and loc.line:
        return f"{loc.line}:{loc.column}" if loc.column else str(loc.line)
    return place(loc)


def also(finding: Finding, file: str | None = None, limit: int | None = None) -> str:
    """The other places of a finding, each with its clause: `a.yaml:9:3 (two); ...`.

    With `file`, places in that file are written `9:3`; with `limit`, at most that many are
    listed and the rest counted."""
    others = finding.locations[1:]
    shown = others if limit is None else others[:limit]
    text = "; ".join((place(o) if file is None else _short(o, file)) + (f" ({terminal(o.clause)})" if o.clause else "")
                     for o in shown)
    if len(others) > len(shown):
        text += f"; and {len(others) - len(shown)} more"
    return text


def line(finding: Finding) -> Text:
    """A finding on one line, its place in full (for a message that stands alone)."""
    loc = finding.location
    out = Text()
    out.append(f"{place(loc)}: ")
    out.append(str(finding.severity), style=_STYLES[finding.severity])
    out.append(f" {terminal(finding.code)} ", style="bold")
    out.append(f"{terminal(finding.message)} ")
    out.append(f"[{terminal(finding.name)}]", style="dim")
    if len(finding.locations) > 1:
        out.append(f" [also: {also(finding)}]", style="dim")
    if finding.suppression is not None:
        out.append(f" ({SUPPRESSED_WORD}: {terminal(finding.suppression.reason)})", style="green")
    return out


def _wrapped(words: str, first: int, width: int) -> list[str]:
    """`words` wrapped to `width` columns, the first line `first` columns shorter."""
    if width <= 20:
        return [words]
    lines = textwrap.wrap(words, width=width, initial_indent="x" * first, break_long_words=False,
                          break_on_hyphens=False)
    if lines:
        lines[0] = lines[0][first:]
    return lines or [""]


def entry(finding: Finding, width: int) -> list[Text]:
    """A finding under its file's header: `  line:col: severity CODE message [name]`, wrapped to
    `width`, then its other places and its suppression on lines of their own."""
    loc = finding.location
    where = f"{_short(loc, loc.file)}: " if loc.line else ""  # a finding about a whole file has no place
    head = f"  {where}{finding.severity} {terminal(finding.code)} "
    indent = " " * max(min(len(f"  {where}"), 12), 4)
    body = f"{terminal(finding.message)} [{terminal(finding.name)}]"
    lines = _wrapped(body, len(head) - len(indent), width - len(indent)) if width else [body]
    first = Text(f"  {where}")
    first.append(str(finding.severity), style=_STYLES[finding.severity])
    first.append(f" {terminal(finding.code)} ", style="bold")
    first.append(lines[0])
    out = [first] + [Text(indent + rest) for rest in lines[1:]]
    if len(finding.locations) > 1:
        text = "also: " + also(finding, loc.file, ALSO_SHOWN)
        out += [Text(indent + part, style="dim") for part in (_wrapped(text, 0, width - len(indent)) if width
                                                                else [text])]
    if finding.suppression is not None:
        kind = _KINDS.get(finding.suppression.kind, finding.suppression.kind)
        text = f"{SUPPRESSED_WORD} ({kind}): {terminal(finding.suppression.reason)}"
        out += [Text(indent + part, style="green") for part in (_wrapped(text, 0, width - len(indent)) if width
                                                                  else [text])]
    return out


def counts(findings: list[Finding]) -> dict[str, int]:
    """{'error': n, 'warning': n, 'info': n, 'suppressed': n}: active findings by severity, and
    the suppressed (accepted) ones apart."""
    active = [f for f in findings if f.suppression is None]
    out = {str(sev): sum(1 for f in active if f.severity is sev) for sev in (Severity.ERROR, Severity.WARNING,
                                                                               Severity.INFO)}
    out["suppressed"] = len(findings) - len(active)
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def counts_line(numbers: Mapping[str, int]) -> str:
    """`1 error, 19 warnings, 32 notes, 1 accepted`: the words `fwdoc check` and `fwdoc build` share.
    `numbers` is keyed by severity and 'suppressed' (as `counts` and the JSON summary are)."""
    return (f"{_plural(numbers['error'], 'error')}, {_plural(numbers['warning'], 'warning')}, "
            f"{_plural(numbers['info'], INFO_WORD)}, {numbers['suppressed']} {SUPPRESSED_WORD}")


def summary(report: Report) -> str:
    """The counts (`0 errors, 19 warnings, 32 notes, 1 accepted`), then the document's size and
    its coverage on lines of their own."""
    text = counts_line(counts(report.counted if report.counted is not None else report.findings))
    if report.hidden:
        text += f" ({report.hidden} not shown: {report.hidden_why})"
    lines = [text]
    stats = report.stats
    if stats:
        lines.append(f"{stats.get('parts', 0)} parts, {stats.get('clauses', 0)} clauses, "
                     f"{stats.get('rules', 0)} rules, {stats.get('actors', 0)} actors, "
                     f"{stats.get('objects', 0)} objects")
        if "normative_sentences" in stats:
            lines.append(f"{stats['normative_sentences']} normative sentences: "
                         f"{stats.get('formalised', 0)} formalised, {stats.get('informal', 0)} informal, "
                         f"{stats.get('uncovered', 0)} uncovered")
    return "\n".join(lines)


def render(report: Report) -> str:
    lines: list[Text] = []
    if not report.quiet or report.findings:
        for file, group in groupby(report.findings, key=lambda f: f.location.file):
            lines.append(Text(terminal(file) or "(document)", style="bold underline"))
            for finding in group:
                lines += entry(finding, report.width)
            lines.append(Text(""))
    first, *rest = summary(report).split("\n")
    lines.append(Text(first, style="bold"))
    lines += [Text(more) for more in rest]
    if not report.color:
        return "\n".join(item.plain for item in lines) + "\n"
    from rich.console import Console

    console = Console(force_terminal=True, color_system="standard", width=100_000,
                      highlight=False, soft_wrap=True)
    with console.capture() as captured:
        for item in lines:
            console.print(item.rich())
    return captured.get()


def statistics(findings: list[Finding]) -> str:
    """`--statistics`: one line a code, most frequent first: count, code, name, severity, and
    how many of them are accepted."""
    rows: dict[str, list[Finding]] = {}
    for finding in findings:
        rows.setdefault(finding.code, []).append(finding)
    ordered = sorted(rows.items(), key=lambda item: (-len(item[1]), item[0]))
    width = max((len(str(len(group))) for _, group in ordered), default=1)
    out = []
    for code, group in ordered:
        worst = max(f.severity for f in group)
        quiet = sum(1 for f in group if f.suppression is not None)
        tail = f" ({quiet} {SUPPRESSED_WORD})" if quiet else ""
        out.append(f"{len(group):>{width}}  {terminal(code)}  {str(worst):<7}  {terminal(group[0].name)}{tail}")
    out.append(counts_line(counts(findings)))
    return "\n".join(out) + "\n"
