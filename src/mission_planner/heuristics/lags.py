"""Lags in the warm start: the earliest real instant a job may start after its lags.

A calendar lag of ``l`` slots from instant ``a`` (the other job's finish, or its first
chunk's start) allows a start at ``a + l``; a working lag, for a person ``p``, at the first
instant ``t`` with ``W_p(t) >= W_p(a) + l`` (``W_p``: working slots before ``t``, see
:meth:`~mission_planner.problem.Problem.working_before`). The decoder does not know yet who
will do the job, so it takes the latest of those instants over the job's people.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from mission_planner.problem import Job, Problem


def earliest_after_lags(
    problem: Problem, job: Job, finish: Mapping[str, int], start: Mapping[str, int]
) -> int:
    """Earliest start of ``job`` its lags allow, given placed jobs' ``finish`` and ``start``."""
    horizon = problem.timeline.grid.n_slots
    earliest = 0
    for lag in job.lags:
        anchor = start[lag.job] if lag.from_start else finish[lag.job]
        if not lag.working:
            earliest = max(earliest, anchor + lag.slots)
            continue
        for person in job.people:
            table = problem.working_before(person)
            target = int(table[min(anchor, horizon)]) + lag.slots
            earliest = max(earliest, int(np.searchsorted(table, target, side="left")))
    return min(earliest, horizon)
