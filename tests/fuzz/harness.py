"""How the fuzz targets run: two hypothesis profiles and a runner that honours a time budget.

- `ci` (the default): a fixed number of examples per target, chosen so that each target takes a
  few seconds, derandomized and without an example database, so every run sees the same
  examples and CI is stable.
- `long`: random examples in rounds of `LONG_ROUND` (a fresh seed each round), round after
  round until the target's time budget is spent (FWDOC_FUZZ_MINUTES, default 10 minutes), with
  a per-example deadline that turns a hang into a failure and the example database on, so a
  failure found is replayed first next time.  Select it with FWDOC_FUZZ_PROFILE=long or
  pytest's `--hypothesis-profile=long`; scripts/fuzz.sh does the first (see docs/fuzzing.md).

Hypothesis stops a run by a count of examples, never by the clock; rounds give the wall-clock
stop without losing a failure (a round that fails shrinks and reports as usual).

The profiles are registered when this module is imported (tests/conftest.py imports it, so
that `--hypothesis-profile=long` finds them); loading a profile is left to the targets, so
the rest of the suite keeps hypothesis' defaults.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, reject, settings

from tests.fuzz.known import open_cause

PROFILE_ENV = "FWDOC_FUZZ_PROFILE"
SCREEN_ENV = "FWDOC_FUZZ_SCREEN"  # "0": report open known causes too (to see them still found)
MINUTES_ENV = "FWDOC_FUZZ_MINUTES"
DEFAULT_MINUTES = 10.0
LONG_ROUND = 500

_QUIET = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large,
          HealthCheck.large_base_example]

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=False,
                          suppress_health_check=_QUIET)
settings.register_profile("long", max_examples=LONG_ROUND, derandomize=False, deadline=timedelta(seconds=20),
                          print_blob=True, suppress_health_check=_QUIET)


def active_profile() -> str:
    """`long` when asked for (environment or --hypothesis-profile), else `ci`."""
    chosen = os.environ.get(PROFILE_ENV, "").strip()
    if chosen:
        return chosen
    return "long" if settings.get_current_profile_name() == "long" else "ci"


def budget_seconds() -> float:
    return float(os.environ.get(MINUTES_ENV, "") or DEFAULT_MINUTES) * 60


def fuzz(*strategies: Any, examples: int, **named: Any) -> Callable[[Callable[..., None]], Callable[[], None]]:
    """Like `@given`, run with the active profile: `examples` examples under `ci`, rounds until
    the time budget under `long`.  The decorated target takes only drawn arguments."""

    def decorate(target: Callable[..., None]) -> Callable[[], None]:
        def test() -> None:
            profile = active_profile()
            if profile != "long":
                settings(settings.get_profile(profile), max_examples=examples)(given(*strategies, **named)(target))()
                return
            run = settings(settings.get_profile("long"))(given(*strategies, **named)(target))
            stop = time.monotonic() + budget_seconds()
            while True:
                run()
                if time.monotonic() >= stop:
                    break

        test.__name__ = test.__qualname__ = target.__name__
        test.__doc__ = target.__doc__
        test.__module__ = target.__module__
        return test

    return decorate


@contextlib.contextmanager
def screened() -> Iterator[None]:
    """Set aside an example that fails by an open known cause (tests/fuzz/known.py); let every
    other exception through."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - sorted by cause just below
        if open_cause(exc) is None or os.environ.get(SCREEN_ENV, "1") == "0":
            raise
        reject()
