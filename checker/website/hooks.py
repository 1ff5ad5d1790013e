"""The mkdocs events that put the generated pages into a build (site/hooks.py hands them over).

    on_config        load and check the document (or take the data `fwdoc` loaded), generate
                     every page, set the site's name and navigation
    on_files         add each page and asset as a generated file (File.generated)
    on_page_content  swap in the page's finished HTML body and its table of contents; put
                     every table in a focusable scroll region of its own (scroll_tables)
    on_post_page     advance the progress bar
    on_serve         watch the document's folder for `fwdoc serve`

The document comes from the request `fwdoc` puts in `config.extra` (popped before any
template sees it), else from FWDOC_DOCUMENT, else ../framework beside mkdocs.yml.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from checker.website import urls
from checker.website.data import SiteData, SiteError, load_site_data

REQUEST_KEY = "_fwdoc_request"
ENV_DOCUMENT = "FWDOC_DOCUMENT"
ENV_TODAY = "FWDOC_TODAY"
ENV_SITE_URL = "FWDOC_SITE_URL"

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass
class BuildRequest:
    document: Path
    today: date | None = None
    data: SiteData | None = None  # already loaded and checked (fwdoc build)
    progress: Progress | None = None
    site_url: str | None = None  # overrides the manifest's site_url


def request_from_env(config_file: str | None) -> BuildRequest:
    folder = Path(config_file).resolve().parent if config_file else Path.cwd()
    document = Path(os.environ.get(ENV_DOCUMENT) or folder.parent / "framework")
    today = os.environ.get(ENV_TODAY)
    site_url = os.environ.get(ENV_SITE_URL) or None
    try:
        day = date.fromisoformat(today) if today else None
    except ValueError:
        raise SiteError(f"{ENV_TODAY}={today!r} is not a date; expected YYYY-MM-DD") from None
    return BuildRequest(document, day, site_url=site_url)


class SiteHooks:
    """One build's state; on_config starts afresh (mkdocs keeps a hooks module between builds)."""

    def __init__(self) -> None:
        self.pages: dict[str, Any] = {}
        self.items: list[Any] = []
        self.progress: Progress | None = None
        self.document_root: Path | None = None
        self.full_content: str | None = None
        self.rendered = self.read = 0

    # -- events ---------------------------------------------------------------------------
    def on_config(self, config: Any) -> Any:
        from mkdocs.exceptions import PluginError

        from checker.website.generate import generate, navigation
        from checker.website.pages import Site, plain

        try:
            request = config.extra.pop(REQUEST_KEY, None) or request_from_env(config.config_file_path)
            self.progress = request.progress
            self._tick("Loading and checking the document", 0, 1)
            data = request.data or load_site_data(request.document, request.today)
            self.document_root = data.document.root
            site = Site(data)
            self.items = generate(site, self._tick)
            # where the site is served: the sitemap and the 404 page build on it (without one,
            # what mkdocs has stands: nothing for a build, the local address for `serve`)
            address = request.site_url or data.document.manifest.site_url
            try:
                if address:
                    config.site_url = urls.site_url(address)
            except ValueError as err:
                where = "--site-url" if request.site_url else f"{data.document.manifest.location}: site_url"
                raise SiteError(f"{where}: {err}") from None
        except SiteError as err:
            raise PluginError(str(err)) from None
        self.pages = {item.src: item for item in self.items if hasattr(item, "title")}
        self.rendered = self.read = 0
        manifest = data.document.manifest
        config.site_name = plain(manifest.short_title or manifest.title)
        config.site_description = plain(manifest.title)
        config.copyright = plain(f"Published by {manifest.publisher}. Version {manifest.version}.")
        config.nav = navigation(site, self.items)
        # the page's language is the document's (lang="en-GB"); the theme's words are those of
        # the nearest language Material translates (en for en-GB), English when it has none
        language = manifest.language if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*", manifest.language) else "en"
        config.extra["fwdoc_language"] = language
        config.theme["language"] = theme_language(language)
        return config

    def on_files(self, files: Any, config: Any) -> Any:
        from mkdocs.structure.files import File, InclusionLevel

        from checker.website.pages import Asset, plain

        for item in self.items:
            if isinstance(item, Asset):
                files.append(File.generated(config, item.src, content=item.content))
                continue
            meta: dict[str, Any] = {"title": plain(item.title)}
            if not item.search:
                meta["search"] = {"exclude": True}
            elif item.boost is not None:
                meta["search"] = {"boost": item.boost}
            if item.hide:
                meta["hide"] = list(item.hide)
            # JSON is YAML: the front matter cannot be broken by what a title holds
            head = "".join(f"{key}: {json.dumps(value)}\n" for key, value in meta.items())
            body = item.markdown if item.html is None else "<!-- generated by fwdoc -->\n"
            inclusion = InclusionLevel.UNDEFINED if item.nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, item.src, content=f"---\n{head}---\n\n{body}",
                                        inclusion=inclusion))
        return files

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        from mkdocs.structure.toc import get_toc

        self.read += 1
        self._tick("Reading pages", self.read, len(self.pages))
        item = self.pages.get(page.file.src_uri)
        if item is None or item.html is None:
            return scroll_tables(html)
        page.toc = get_toc(toc_tokens(item.html))  # type: ignore[arg-type]
        return scroll_tables(str(item.html))

    # the search plugin indexes a light copy of a generated page (headings and text, none of
    # the links and badges), which it parses several times faster; the page keeps its HTML
    def _on_page_context_first(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        item = self.pages.get(page.file.src_uri)
        if item is not None and page.content and (item.html is not None or item.search_lead_only):
            self.full_content = page.content
            content = page.content
            if item.search_lead_only:  # a check's page: its code, name and summary
                content = content[:m.start()] if (m := re.search(r"<h2\b", content)) else content
            page.content = search_copy(content)
        return context

    def _on_page_context_last(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        if self.full_content is not None:
            page.content, self.full_content = self.full_content, None
        return context

    _on_page_context_first.mkdocs_priority = 100  # type: ignore[attr-defined]  # before search
    _on_page_context_last.mkdocs_priority = -100  # type: ignore[attr-defined]  # after everyone

    @property
    def on_page_context(self) -> Any:
        from mkdocs.plugins import CombinedEvent

        return CombinedEvent(self._on_page_context_first, self._on_page_context_last)

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        self.rendered += 1
        self._tick("Writing pages", self.rendered, len(self.pages))
        return output

    def on_post_build(self, config: Any) -> None:
        self._tick("Writing pages", len(self.pages), len(self.pages))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        if self.document_root is not None:
            server.watch(str(self.document_root))
        return server

    def _tick(self, phase: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(phase, done, total)


def theme_language(tag: str) -> str:
    """The Material translation for a language tag: the tag itself, its primary subtag, or en."""
    import material

    languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    for name in (tag, tag.split("-", 1)[0].lower()):
        if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*", name) and (languages / f"{name}.html").is_file():
            return name
    return "en"


_HEADING = re.compile(r'<h([1-6])\b[^>]*?\sid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def toc_tokens(html: str) -> list[dict[str, Any]]:
    """The table of contents of a finished page: its headings with ids, nested by level."""
    root: dict[str, Any] = {"level": 0, "children": []}
    stack = [root]
    for match in _HEADING.finditer(html):
        level = int(match.group(1))
        name = _HEADERLINK.sub("", match.group(3)).strip()
        token: dict[str, Any] = {"level": level, "id": match.group(2), "name": name, "children": []}
        while stack[-1]["level"] >= level:
            stack.pop()
        stack[-1]["children"].append(token)
        stack.append(token)
    return root["children"]


_TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.S)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S)
_SCROLL_OPEN = re.compile(r'<div class="fw-scroll[^"]*"[^>]*>\s*$')


def scroll_tables(html: str) -> str:
    """Every table in a focusable scroll region of its own (WCAG 1.4.10: a wide table scrolls
    inside its box, never the page; axe: a scrolling region can be reached by keyboard), named
    by its caption (else the heading it sits under; a second of the same name is numbered,
    since axe wants each region's name unique).  A table already in one (the templates' own) is left as it is; a table
    without a class gets one, so that Material does not wrap it again in a box of its own."""
    out: list[str] = []
    last = 0
    names: set[str] = set(re.findall(r'role="region" aria-label="([^"]*)"', html))
    for match in _TABLE.finditer(html):
        if "<table" in match.group(2) or _SCROLL_OPEN.search(html, max(last, match.start() - 300), match.start()):
            continue
        attrs = match.group(1)
        if "class=" not in attrs:
            attrs = ' class="fw-table"' + attrs
        caption = _CAPTION.search(match.group(2))
        name = _TAG.sub("", caption.group(1)).strip() if caption else ""
        if not name:
            headings = list(_HEADING.finditer(html, 0, match.start()))
            above = _TAG.sub("", _HEADERLINK.sub("", headings[-1].group(3))).strip() if headings else ""
            name = f"Table: {above}" if above else "Table"
        name = " ".join(name.replace('"', "&quot;").split())
        base, count = name, 1
        while name in names:
            count += 1
            name = f"{base} ({count})"
        names.add(name)
        out.append(html[last:match.start()])
        out.append(f'<div class="fw-scroll" tabindex="0" role="region" aria-label="{name}">'
                   f"<table{attrs}>{match.group(2)}</table></div>")
        last = match.end()
    out.append(html[last:])
    return "".join(out)


_NOT_SEARCHED = re.compile(r'<(details|pre|div|ul)\b[^>]*\sdata-search-exclude\b[^>]*>.*?</\1>'
                           r'|<a class="headerlink"[^>]*>.*?</a>', re.S)
_SEARCH_TAGS = re.compile(r"</?(?:h[1-6]|p|li|ul|ol|code|pre|sub|sup)\b")
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s{2,}")


def search_copy(html: str) -> str:
    """What the search plugin needs of a page: headings (with ids), paragraphs, list items and
    code, and their text; excluded blocks and permalinks removed."""
    html = _NOT_SEARCHED.sub("", html)
    html = _TAG.sub(lambda m: m.group(0) if _SEARCH_TAGS.match(m.group(0)) else "", html)
    return _SPACES.sub(" ", html)
