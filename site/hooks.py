"""mkdocs hooks: generate every page of the site from the framework document.

The work is done in checker/website/ (see hooks.py there); this file only hands mkdocs the
event functions, so that `mkdocs build -f site/mkdocs.yml` and `fwdoc site` build the same
site.
"""

from checker.website.hooks import SiteHooks

_HOOKS = SiteHooks()

on_config = _HOOKS.on_config
on_files = _HOOKS.on_files
on_page_content = _HOOKS.on_page_content
on_page_context = _HOOKS.on_page_context
on_post_page = _HOOKS.on_post_page
on_post_build = _HOOKS.on_post_build
on_serve = _HOOKS.on_serve
