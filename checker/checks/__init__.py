"""The checks: one small unit each, registered by code.  Import every family here."""

from __future__ import annotations

from checker.checks import coverage  # noqa: F401  (registers its checks)
from checker.checks.base import REGISTRY, Check, Context, check
from checker.checks.runner import run_checks

__all__ = ["REGISTRY", "Check", "Context", "check", "run_checks"]
