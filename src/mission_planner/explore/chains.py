"""The unit of work of a sweep: scenario variants solved in turn, each plan hinting the next.

A :class:`Chain` is plain data (scenarios, settings, an optional starting hint) and
:func:`solve_chain` a module-level function, so both pickle and a chain can run on any
``concurrent.futures.Executor``, on this machine or another.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mission_planner.planner import plan
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario


@dataclass(frozen=True)
class SolveSettings:
    """Settings of every solve of a sweep: seconds per plan, CP-SAT's seed and workers.

    Raises
    ------
    ValueError
        When a setting is out of range (the message names it and its value).
    """

    time_limit: float = 2.0
    seed: int = 0
    workers: int = 1

    def __post_init__(self) -> None:
        limit = self.time_limit
        if not (isinstance(limit, int | float) and math.isfinite(limit) and limit > 0):
            raise ValueError(f"time_limit={limit!r} must be a positive number of seconds")
        if not isinstance(self.seed, int) or self.seed < 0:
            raise ValueError(f"seed={self.seed!r} must be a non-negative integer")
        if not isinstance(self.workers, int) or self.workers < 1:
            raise ValueError(f"workers={self.workers!r} must be a positive integer")


@dataclass(frozen=True)
class Point:
    """One plan to make: a label and the scenario variant (its weights included)."""

    label: str
    scenario: Scenario


@dataclass(frozen=True)
class Chain:
    """Points solved in turn.

    With ``hints``, the first point is hinted with ``hint`` and every later point with the
    last plan of the chain (see the ``hint`` argument of :func:`mission_planner.plan`).
    """

    points: tuple[Point, ...]
    settings: SolveSettings
    hint: PlanResult | None = None
    hints: bool = True


def solve_chain(chain: Chain) -> list[PlanResult]:
    """The plan of every point of ``chain``, in order."""
    hint = chain.hint if chain.hints else None
    results: list[PlanResult] = []
    for point in chain.points:
        result = plan(
            point.scenario,
            time_limit=chain.settings.time_limit,
            seed=chain.settings.seed,
            workers=chain.settings.workers,
            hint=hint,
        )
        results.append(result)
        if chain.hints and result.has_plan:
            hint = result
    return results
