"""Where each page of the site lives, and the relative address from one page to another.

Pages are named by stable ids (part anchors as the publication uses them, actor ids, check
codes), never by position, so that a link into the site survives a renumbering elsewhere.
The site is built with `use_directory_urls: false`: `actors/x.md` is served as `actors/x.html`.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

from checker.model import Clause, Document, Part
from checker.render.anchors import part_file

HOME = "index.md"
ACTORS = "actors/index.md"
MATRIX = "matrix.md"
CALENDAR = "calendar.md"
GRAPHS = "graphs/index.md"
HISTORY = "history/index.md"
REFERENCE = "reference/index.md"
DSL = "reference/dsl.md"
CHECKS = "reference/checks/index.md"
REPORT = "reference/report.md"


def part_page(part: Part) -> str:
    return f"document/{part_file(part)}"


def actor_page(actor_id: str) -> str:
    # an actor called "index" must not take the index's place ('-' is never in an actor id)
    return f"actors/{'index-' if actor_id == 'index' else safe_name(actor_id)}.md"


def check_page(code: str) -> str:
    return f"reference/checks/{safe_name(code)}.md"


def graph_page(name: str) -> str:
    return f"graphs/{name}.md"


def amendment_page(record_id: str) -> str:
    # ('_' is never in an amendment id)
    return f"history/{'index_' if record_id == 'index' else safe_name(record_id)}.md"


def clause_history_page(part: Part) -> str:
    return f"history/clauses/{part_file(part)}"


def safe_name(text: str) -> str:
    """A file name from an id: ids are slugs already; anything else is replaced."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-") or "page"


def html_path(src: str) -> str:
    """The built file of a page: `actors/x.md` -> `actors/x.html`."""
    return src[:-3] + ".html" if src.endswith(".md") else src


def relative(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """The address of `to_src` (a page or an asset), as written on the page `from_src`."""
    if anchor and to_src == from_src:
        return f"#{anchor}"
    url = _relpath(html_path(to_src), posixpath.dirname(html_path(from_src)))
    return f"{url}#{anchor}" if anchor else url


@lru_cache(maxsize=65536)
def _relpath(target: str, here: str) -> str:
    """posixpath.relpath for the site's own relative paths, without touching the file system."""
    src = [p for p in here.split("/") if p]
    dst = target.split("/")
    common = 0
    while common < min(len(src), len(dst) - 1) and src[common] == dst[common]:
        common += 1
    return "/".join([".."] * (len(src) - common) + dst[common:])


def clause_url(document: Document, clause: Clause, from_src: str) -> str:
    """The address of a clause (or a part, the clause of depth 0) from the page `from_src`."""
    part = document.part_by_id[clause.part]
    return relative(from_src, part_page(part), clause.anchor)


_SITE_URL = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")


def site_url(value: str) -> str:
    """The address the site is served from, ending in '/' (mkdocs' sitemap and 404 page build
    on it); ValueError, saying what was expected, for anything but an http(s) address."""
    value = value.strip()
    if not _SITE_URL.fullmatch(value) or any(c in value for c in "<>\"'`\\"):
        raise ValueError(f"{value!r} is not a web address; expected one such as "
                         "https://example.org/framework/ (http or https, no query or fragment)")
    return value if value.endswith("/") else value + "/"
