"""An answer as text (a terminal), JSON or Markdown: every string from the source escaped
for where it lands (checker/escape.py); the same answer always gives the same bytes."""

from __future__ import annotations

import json

from checker.answers.base import Answer, Item
from checker.escape import json_inert, markdown_text, terminal

FORMATS = ("text", "json", "markdown")


def _groups(answer: Answer) -> list[tuple[str, list[Item]]]:
    out = []
    for group, heading in answer.groups:
        items = [i for i in answer.items if i.group == group]
        if items:
            out.append((heading, items))
    return out


def text(answer: Answer) -> str:
    lines = [terminal(answer.question), ""]
    for heading, items in _groups(answer):
        lines.append(terminal(heading))
        for item in items:
            cites = "; ".join(dict.fromkeys(s.cited for s in item.sources))  # ("3.2.1, Reporting" is one)
            lead = f"{item.name}: {item.says}" if item.name else item.says
            lines.append("  - " + terminal(lead) + (f"  [{terminal(cites)}]" if cites else ""))
            for kind, value in item.details:
                lines.append(f"      {terminal(kind)}: {terminal(value)}")
            for step in item.chain:
                where = f" [{step.source.cited}]" if step.source else ""
                lines.append("      ← " + terminal(step.says + where))
            for src in item.sources:
                if src.says != item.says:
                    lines.append(f"      {terminal(src.cited)}: {terminal(src.says)}")
        lines.append("")
    for note in answer.notes:
        lines.append(terminal(note))
    if answer.citations:
        lines.append("Clauses: " + terminal("; ".join(answer.citations)))
    return "\n".join(lines).rstrip("\n") + "\n"


def as_json(answer: Answer) -> str:
    return json_inert(json.dumps(answer.as_dict(), indent=2, ensure_ascii=False, sort_keys=False)) + "\n"


def markdown(answer: Answer) -> str:
    lines = [f"## {markdown_text(answer.question)}", ""]
    for heading, items in _groups(answer):
        lines += [f"### {markdown_text(heading)}", ""]
        for item in items:
            cites = "; ".join(dict.fromkeys(markdown_text(s.cited, line_start=False) for s in item.sources))
            lead = markdown_text(f"{item.name}: {item.says}" if item.name else item.says, line_start=False)
            lines.append(f"- {lead}" + (f" ({cites})" if cites else ""))
            for kind, value in item.details:
                lines.append(f"  - {markdown_text(kind, line_start=False)}: {markdown_text(value, line_start=False)}")
            for step in item.chain:
                where = f" ({markdown_text(step.source.cited, line_start=False)})" if step.source else ""
                lines.append(f"  - because {markdown_text(step.says, line_start=False)}{where}")
            for src in (s for s in item.sources if s.says != item.says):
                lines.append(f"  - {markdown_text(src.cited, line_start=False)}: "
                             f"{markdown_text(src.says, line_start=False)}")
        lines.append("")
    for note in answer.notes:
        lines += [markdown_text(note), ""]
    if answer.citations:
        lines += ["Clauses: " + markdown_text("; ".join(answer.citations), line_start=False), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def render(answer: Answer, fmt: str) -> str:
    if fmt == "json":
        return as_json(answer)
    if fmt == "markdown":
        return markdown(answer)
    return text(answer)
