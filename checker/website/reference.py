"""The toolkit's reference for the policy team: the DSL (docs/dsl.md, included as it stands)
and one page per check, written from the checks' docstrings (checker/checks/reference.py).

These pages are the toolkit's own Markdown, not the document's, so mkdocs renders them as
usual and checks their links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from checker.grammar_path import data_dir
from checker.website import urls
from checker.website.pages import Item, Site, SitePage

_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((?!https?:|mailto:|#)([^)\s]+)\)")


@lru_cache(maxsize=1)
def check_pages() -> dict[str, str]:
    """{code: Markdown} of every registered check."""
    from checker.checks.reference import reference_pages

    pages = reference_pages()
    return {_code(key): text for key, text in sorted(pages.items())}


def check_codes() -> frozenset[str]:
    return frozenset(check_pages())


def _code(key: str) -> str:
    return key.rsplit("/", 1)[-1].removesuffix(".md")


def dsl_reference() -> str | None:
    try:
        path = data_dir("docs") / "dsl.md"
    except FileNotFoundError:
        return None
    return path.read_text(encoding="utf-8") if path.is_file() else None


def unlink_outside(markdown: str, known: set[str], here: str) -> str:
    """Keep links between pages of the site; a link to a doc the site does not carry becomes
    its text (so that a strict build does not fail on the repository's other docs)."""
    import posixpath

    base = posixpath.dirname(here)

    def fix(match: re.Match[str]) -> str:
        target = match.group(2).split("#", 1)[0]
        if not target:
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(base, target))
        return match.group(0) if resolved in known else match.group(1)

    return _LINK.sub(fix, markdown)


def pages(site: Site) -> Iterator[Item]:
    checks = check_pages()
    known = {urls.REFERENCE, urls.DSL, urls.CHECKS, *(urls.check_page(c) for c in checks)}
    dsl = dsl_reference()
    index = ["# The toolkit's reference", "",
             "How the framework document is written as source and what `fwdoc check` looks for.", ""]
    if dsl is not None:
        index.append("- [The obligations language](dsl.md): the rules written beside each clause.")
    index.append(f"- [The checks](checks/index.md): what each of the {len(checks)} checks catches, "
                 "with a failing and a passing example.")
    yield SitePage(urls.REFERENCE, "Reference", markdown="\n".join(index) + "\n", nav_title="Reference")
    if dsl is not None:
        yield SitePage(urls.DSL, "The obligations language", markdown=unlink_outside(dsl, known, urls.DSL))
    from checker.checks import REGISTRY

    rows = ["# The checks", "", "| Code | Name | Severity | Family |", "|---|---|---|---|"]
    for code in checks:
        check = REGISTRY.get(code)
        name, severity, family = (check.name, str(check.severity), check.family) if check else ("", "", "")
        rows.append(f"| [{code}]({code}.md) | {name} | {severity} | {family} |")
    yield SitePage(urls.CHECKS, "The checks", markdown="\n".join(rows) + "\n")
    for code, text in checks.items():
        src = urls.check_page(code)
        yield SitePage(src, f"{code} {REGISTRY[code].name}" if code in REGISTRY else code,
                       markdown=unlink_outside(text, known, src), nav=False)
