"""Where the shipped data files live, in a source checkout and in an installed wheel.

The wheel force-includes `grammar/` and `site/` inside the package (see pyproject.toml); a
source checkout (and an editable install) reads them from the repository root.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the toolkit's '{name}' folder is missing from the installation")


def grammar_file() -> Path:
    return data_dir("grammar") / "obligations.lark"
