"""Meetings: times when several people are free at once, in one unbroken stretch.

A meeting of ``length`` slots starts at a position of the host's working axis (the lead's,
for a kick-off) when the host's positions ``s .. s + length - 1`` are consecutive real slots
(no break, no night inside) and every guest has each of those real slots among their free
working slots. The CP-SAT model and the warm start read :func:`joint_starts`; the checker and
the test oracle state the rule on their own.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mission_planner.timeline import PersonTime


def joint_starts(host: PersonTime, guests: Sequence[PersonTime], length: int) -> np.ndarray:
    """Per position of ``host``'s axis: whether a meeting of ``length`` slots may start there."""
    free = np.asarray(host.free, dtype=np.int64)
    size = free.size
    ok = np.zeros(size, dtype=bool)
    if length <= 0 or size < length:
        return ok
    last = size - length + 1
    ok[:last] = free[length - 1 :] - free[:last] == length - 1
    for guest in guests:
        theirs = np.asarray(guest.free, dtype=np.int64)
        present = np.isin(free, theirs)
        # every slot of the stretch is free for the guest: a window sum of ``present``
        sums = np.concatenate(([0], np.cumsum(present)))
        ok[:last] &= sums[length:] - sums[:last] == length
    return ok
