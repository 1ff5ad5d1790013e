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

# the toolkit's pages are for maintainers: found by their codes and names, but ranked below
# every page of the document (a search for "delegation" wants the clauses, not DEL002)
SEARCH_BOOST = 0.1

_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((?!https?:|mailto:|#)([^)\s]+)\)")


@lru_cache(maxsize=1)
def check_pages() -> dict[str, str]:
    """{file name: Markdown}: the checks' index ('index.md') and one page per check ('ACC001.md')."""
    from checker.checks.reference import reference_pages

    return dict(sorted(reference_pages().items()))


def check_codes() -> frozenset[str]:
    """The codes that have a reference page."""
    return frozenset(name.removesuffix(".md") for name in check_pages() if name != "index.md")


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
    from checker.checks import REGISTRY

    checks = check_pages()
    from checker.website.home import report

    known = {urls.REFERENCE, urls.DSL, urls.REPORT, *(f"reference/checks/{name}" for name in checks)}
    dsl = dsl_reference()
    index = ["# The toolkit's reference", "",
             "How the framework document is written as source, and what `fwdoc check` looks for.", ""]
    if dsl is not None:
        index.append("- [The obligations language](dsl.md): the rules written beside each clause.")
    index.append(f"- [The checks](checks/index.md): what each of the {len(checks) - 1} checks catches, "
                 "why it matters, and a failing and a passing example.")
    index.append("- [What the checks report](report.md): what `fwdoc check` finds in this version "
                 "of the document.")
    yield SitePage(urls.REFERENCE, "Reference", markdown="\n".join(index) + "\n", nav_title="The toolkit",
                   boost=SEARCH_BOOST)
    yield report(site)
    if dsl is not None:
        yield SitePage(urls.DSL, "The obligations language", markdown=unlink_outside(dsl, known, urls.DSL),
                       boost=SEARCH_BOOST)
    for name, text in checks.items():
        src = f"reference/checks/{name}"
        code = name.removesuffix(".md")
        if name == "index.md":
            title = "Check reference"
        else:
            title = f"{code} {REGISTRY[code].name}" if code in REGISTRY else code
        yield SitePage(src, title, markdown=unlink_outside(text, known, src), nav=name == "index.md",
                       boost=SEARCH_BOOST, search_lead_only=True)
