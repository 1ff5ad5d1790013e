"""CPU seconds, for the tests that bound work against a hang: a loaded CI machine slows the wall
clock, never the work a hang or a quadratic blow-up would add."""

from __future__ import annotations

import resource


def cpu_seconds() -> float:
    """CPU used so far by this process and by the children it has waited for (a subprocess run
    to its end counts)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
