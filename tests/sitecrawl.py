"""Crawl a built site over HTTP: every page and asset a link names, and every anchor.

Shared by the site tests (tests/test_site_pages.py under a sub-path, tests/test_site_browser.py at
the root), so that both read links the same way: `href`, `src` and SVG's `xlink:href`, and
anchors by `id` or by `<a name>`."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

# fragments the theme's own controls use, not anchors of a page
THEME_FRAGMENTS = ("", "__search", "__drawer")


class Links(HTMLParser):
    """The links and the anchors of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "a" and found.get("name"):
            self.ids.add(found["name"] or "")
        for key in ("href", "src", "xlink:href"):
            if tag in ("a", "link", "img", "script") and found.get(key):
                self.refs.append(found[key] or "")


def fetch(url: str) -> tuple[int, str, bytes]:
    """Status, content type and body (an HTTP error's too)."""
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get_content_type(), err.read()


def crawl(base: str, starts: list[str]) -> tuple[dict[str, Links], list[str], list[str]]:
    """Every page and asset reachable from `starts` on `base`'s host: (pages, broken links,
    missing anchors).  A link to the same host outside `base` is broken (the site must work
    under its own path); another host is not followed."""
    origin = "{0.scheme}://{0.netloc}/".format(urllib.parse.urlsplit(base))
    pages: dict[str, Links] = {}
    queue = list(starts)
    broken: list[str] = []
    anchors: list[tuple[str, str, str]] = []
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        _, kind, body = fetch(url)
        parsed = pages[url] = Links()
        if kind != "text/html":
            continue
        parsed.feed(body.decode("utf-8"))
        for ref in parsed.refs:
            target = urllib.parse.urljoin(url, ref)
            if not target.startswith(origin):
                continue  # another host
            page, _, fragment = target.partition("#")
            page = page.split("?")[0]
            if not page.startswith(base):
                broken.append(f"{url} -> {ref} (outside {base})")
                continue
            if fragment:
                anchors.append((url, page, fragment))
            if page in pages:
                continue
            code, _, _ = fetch(page)
            if code != 200:
                broken.append(f"{url} -> {ref} ({code})")
                pages[page] = Links()
            elif page.endswith(".html"):
                queue.append(page)
            else:
                pages[page] = Links()
    missing = [f"{src} -> {page}#{fragment}" for src, page, fragment in anchors
               if fragment not in pages[page].ids and fragment not in THEME_FRAGMENTS]
    return pages, broken, missing
