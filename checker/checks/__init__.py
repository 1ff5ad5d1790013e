"""The checks: one small unit each, registered by code.  Import every family here."""

from __future__ import annotations

from checker.checks import (  # noqa: F401  (each module registers its checks)
    accountability,
    collisions,
    conflicts,
    containment,
    coverage,
    dates,
    delegation,
    duplicates,
    glossary,
    hygiene,
    placeholders,
    process,
    references,
    registers,
    reserved,
    separation,
    structure,
    terms,
    vocabulary,
)
from checker.checks.base import REGISTRY, Check, Context, check
from checker.checks.runner import run_checks

__all__ = ["REGISTRY", "Check", "Context", "check", "run_checks"]
