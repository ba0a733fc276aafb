"""Causes of a solve that ended without a plan, within what is left of the call's budget."""

from __future__ import annotations

import time

from mission_planner.cpsat import conflicting_deadlines
from mission_planner.diagnosis.causes import Cause, CauseKind, Remedy
from mission_planner.diagnosis.conditions import find_causes
from mission_planner.problem import Problem
from mission_planner.status import Status

MIN_SEARCH_SECONDS = 0.05
"""Least time left for which the search for conflicting deadlines is worth starting."""


def explain(
    problem: Problem,
    status: Status,
    *,
    deadline: float,
    seed: int = 0,
    workers: int = 1,
    time_limit: float | None = None,
    found: list[Cause] | None = None,
) -> list[Cause]:
    """Why a solve of ``problem`` ended with ``status`` and no plan, by ``deadline``.

    Parameters
    ----------
    problem
        The compiled problem that was solved.
    status
        ``INFEASIBLE`` (proven) or ``UNKNOWN`` (time limit reached, nothing proven).
    deadline
        Absolute instant (:func:`time.perf_counter`) by which to answer. The causes proven
        before search come first; only if there are none and time is left, CP-SAT looks for
        mission deadlines that cannot hold together, stopped at ``deadline``.
    seed, workers
        CP-SAT's seed and workers for that search.
    time_limit
        The call's time limit in seconds, quoted by the undecided and unisolated causes.
    found
        Causes already found by :func:`find_causes` on this problem (not searched again).

    Returns
    -------
    list of Cause
        ``UNDECIDED`` for ``UNKNOWN`` (never worded as impossible); for ``INFEASIBLE`` the
        causes found, else ``DEADLINES`` with the conflicting tasks, else ``HORIZON`` when no
        plan exists even with every mission deadline at the horizon's end, else
        ``UNISOLATED``.
    """
    if status is Status.UNKNOWN:
        return [Cause(CauseKind.UNDECIDED, Remedy.MORE_TIME, time_limit=time_limit)]
    if status is not Status.INFEASIBLE:
        raise ValueError(f"explain: status={status.value!r} comes with a plan, nothing to explain")
    causes = find_causes(problem) if found is None else found
    if causes:
        return causes
    left = deadline - time.perf_counter()
    if left >= MIN_SEARCH_SECONDS:
        core = conflicting_deadlines(problem, time_limit=left, seed=seed, workers=workers)
        if core is not None:
            # a deadline at the horizon's end is no assumption: the horizon binds anyway
            horizon = problem.timeline.grid.n_slots
            core = [t for t in core if problem.job(t).deadline < horizon]
            if not core:
                return [Cause(CauseKind.HORIZON, Remedy.EXTEND_HORIZON)]
            return [Cause(CauseKind.DEADLINES, Remedy.RENEGOTIATE, tasks=tuple(core))]
    return [Cause(CauseKind.UNISOLATED, Remedy.MORE_TIME, time_limit=time_limit)]
