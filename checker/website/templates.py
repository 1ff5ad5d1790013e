"""The page templates (site/templates/*.html): jinja2 with autoescape on, undefined names fatal.

Everything a template prints is escaped unless it is Markup already, and the only Markup it
is given comes from checker/render/prose.py (sanitised) or from these templates themselves.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2

from checker.grammar_path import data_dir


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("site") / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["capitalize_first"] = lambda text: str(text)[:1].upper() + str(text)[1:]
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
