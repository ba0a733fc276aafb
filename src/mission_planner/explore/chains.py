"""The unit of work of a sweep: plans solved in turn inside a time budget, each hinting the next.

A :class:`Point` is one plan to make: the scenario it answers and the
:class:`~mission_planner.policy.Policy` it is read under. A :class:`Chain` is plain data
(points, settings, a budget, an optional starting hint) and :func:`solve_chain` a
module-level function, so both pickle and a chain can run on any
``concurrent.futures.Executor``, on this machine or another.

Budget: a chain has ``settings.time_limit`` seconds from when it starts, and never runs past
``deadline`` (a ``time.time()`` value, the caller's end). Before each point it shares what is
left evenly between the points not yet made; a plan takes a little longer than its own time
limit (building the model and the tables), so each gets its share less that overhead: the
mean of what the plans that used their whole limit took beyond it (a plan that overruns
leaves less to the next ones, so the mean is enough), and their largest for the chain's last
plan (nothing comes after it to absorb an overrun). No plan gets more than what is left less
that largest overrun, and a point that cannot get :data:`MIN_SOLVE` seconds so is not
started: it and the points after it are *skipped* (``None`` in the results).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from mission_planner.explore.executors import run_all
from mission_planner.planner import plan
from mission_planner.policy import Policy
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.settings import MIN_SOLVE, SolveSettings

OVERHEAD = 0.3
"""Seconds a plan is first assumed to take beyond its time limit (the model and the tables;
0.1 to 0.5 s on the bundled examples)."""


@dataclass(frozen=True)
class Point:
    """One plan to make: a label, the scenario it answers and the policy it is read under."""

    label: str
    scenario: Scenario
    policy: Policy | None = None


@dataclass(frozen=True)
class Chain:
    """Points solved in turn, sharing a budget.

    Parameters
    ----------
    points
        The plans to make, most wanted first (the last ones are skipped when time runs out).
    settings
        Seed and workers of every solve; ``time_limit`` is the chain's whole budget.
        ``executor`` must be ``None`` (the chain is shipped to one).
    hint
        The plan the first point is hinted with (see the ``hint`` argument of
        :func:`mission_planner.plan`).
    hints
        Hint every later point with the last plan of the chain (otherwise with ``hint``).
    deadline
        A ``time.time()`` value no plan may run past (the calling sweep's end).
    overhead
        The first guess of the seconds a plan takes beyond its time limit.
    """

    points: tuple[Point, ...]
    settings: SolveSettings
    hint: PlanResult | None = None
    hints: bool = True
    deadline: float | None = None
    overhead: float = OVERHEAD

    def __post_init__(self) -> None:
        if self.settings.executor is not None:
            raise ValueError("Chain: settings.executor must be None (a chain runs on one)")


@dataclass
class _Meter:
    """The budget of a running chain and what plans cost beyond their time limit."""

    budget: float
    deadline: float | None
    overheads: list[float]
    started: float = 0.0

    def __post_init__(self) -> None:
        self.started = time.perf_counter()

    def left(self) -> float:
        own = self.budget - (time.perf_counter() - self.started)
        if self.deadline is not None:
            own = min(own, self.deadline - time.time())
        return max(0.0, own)

    def overhead(self, last: bool) -> float:
        """Seconds a plan is expected to take beyond its limit (the most, for the last one)."""
        if last:
            return max(self.overheads)
        return sum(self.overheads) / len(self.overheads)

    def limit(self, points_left: int) -> float | None:
        """The time limit of the next plan, or ``None`` when it cannot get :data:`MIN_SOLVE`.

        Its share less the expected overhead, at least :data:`MIN_SOLVE`, and never more than
        what is left less the largest overrun seen (so that it ends on time).
        """
        left, most = self.left(), self.overhead(last=True)
        room = left - most
        if room < MIN_SOLVE:
            return None
        return min(room, max(MIN_SOLVE, left / points_left - self.overhead(last=points_left == 1)))


def solve_chain(chain: Chain) -> list[PlanResult | None]:
    """The plan of every point of ``chain``, in order; ``None`` for a point skipped for time."""
    meter = _Meter(chain.settings.time_limit, chain.deadline, [chain.overhead])
    hint = chain.hint
    results: list[PlanResult | None] = []
    for i, point in enumerate(chain.points):
        limit = meter.limit(len(chain.points) - i)
        if limit is None:
            results += [None] * (len(chain.points) - i)
            break
        started = time.perf_counter()
        result = plan(
            point.scenario,
            policy=point.policy,
            settings=replace(chain.settings, time_limit=limit),
            hint=hint,
        )
        beyond = time.perf_counter() - started - limit
        if beyond > 0:  # a plan that ended early says nothing of the overhead
            meter.overheads.append(beyond)
        results.append(result)
        if chain.hints and result.has_plan:
            hint = result
    return results


def solve_points(
    points: Sequence[Point],
    settings: SolveSettings,
    *,
    seconds: float,
    hint: PlanResult | None = None,
    hints: bool = True,
    overhead: float = OVERHEAD,
) -> list[PlanResult | None]:
    """Make ``points`` in ``seconds``, at most ``settings.parallel`` at once.

    The points are dealt in turn to ``min(parallel, len(points))`` chains (chain ``j`` gets
    points ``j``, ``j + parallel``, ...: each chain keeps the order of preference), which run
    at once on ``settings.executor`` (``None``: threads; see
    :mod:`~mission_planner.explore.executors`), each with the whole ``seconds`` and the same
    end. ``hint``, ``hints`` and ``overhead`` are those of :class:`Chain`.

    Returns
    -------
    list
        The plan of each point in the order of ``points``; ``None`` for a point skipped
        because it could not get :data:`~mission_planner.settings.MIN_SOLVE` seconds.
    """
    lanes = min(settings.parallel, len(points))
    if lanes == 0:
        return []
    shipped = replace(settings.with_time(seconds), executor=None)
    deadline = time.time() + seconds
    chains = [
        Chain(tuple(points[j::lanes]), shipped, hint, hints, deadline, overhead)
        for j in range(lanes)
    ]
    results: list[PlanResult | None] = [None] * len(points)
    for j, made in enumerate(run_all(solve_chain, chains, executor=settings.executor)):
        for k, result in enumerate(made):
            results[j + k * lanes] = result
    return results


__all__ = ["OVERHEAD", "Chain", "Point", "solve_chain", "solve_points"]
