"""Solving the client's scenario under several policies inside one call's budget.

A lever or the advice plans the same scenario under a few :class:`~mission_planner.policy.Policy`
records. :func:`solve_policies` runs them ``settings.parallel`` at a time in threads (CP-SAT
releases the GIL while it searches), each with ``settings.workers`` workers, so at most
``workers x parallel`` solver threads run at once; each round shares what is left of the
call's :class:`~mission_planner.settings.Clock` between its solves, and a solve that could not
get :data:`~mission_planner.settings.MIN_SOLVE` seconds is not started (``None``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pandas as pd

from mission_planner.planner import plan
from mission_planner.policy import Policy
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario, Weights
from mission_planner.settings import MIN_SOLVE, Clock, SolveSettings
from mission_planner.status import Status

LATENESS_FIRST = Weights(
    lateness=10_000, partner_cost=0, coordination=0, fragmentation=1, overtime=1
)
"""Weights when only lateness counts: chunks and overtime merely break ties (their largest
possible total is below one urgency-slot of lateness on any realistic scenario)."""

POLICY_LATENESS = 100_000
"""Lateness weight (at least) of the options that may move dates: one urgency-hour late
outweighs 100,000 EUR of fees, so a date moves only when nothing else keeps it."""


@dataclass(frozen=True)
class Solved:
    """One policy's plan and the seconds it took."""

    label: str
    policy: Policy
    plan: PlanResult
    runtime: float


def lateness_first(scenario: Scenario) -> Weights:
    """The scenario's weights with lateness raised to at least :data:`POLICY_LATENESS`."""
    weights = scenario.weights
    return Weights.model_validate(
        {**weights.model_dump(), "lateness": max(weights.lateness, POLICY_LATENESS)}
    )


def solve_policies(
    scenario: Scenario,
    jobs: Sequence[tuple[str, Policy] | tuple[str, Policy, Scenario]],
    settings: SolveSettings,
    clock: Clock,
    *,
    share: float = 1.0,
    cap: float | None = None,
) -> list[Solved | None]:
    """Plan ``scenario`` under each ``(label, policy)``, in order, within the clock.

    Parameters
    ----------
    scenario
        The client's scenario (never modified).
    jobs
        Labels and policies; a third element is another scenario to plan instead (a what-if
        that changes the world, such as a commitment removed).
    settings
        Seed, workers and ``parallel`` (solves at once).
    clock
        The call's budget.
    share
        Fraction of the time left that these jobs may use in all.
    cap
        Most seconds for one solve.

    Returns
    -------
    list
        One :class:`Solved` per job, or ``None`` for a job the budget left no time for.
    """
    out: list[Solved | None] = []
    size = settings.parallel
    stop_at = time.perf_counter() + clock.left() * share
    with ThreadPoolExecutor(max_workers=size) as pool:
        for first in range(0, len(jobs), size):
            batch = jobs[first : first + size]
            rounds_left = -(-(len(jobs) - first) // size)
            seconds = (stop_at - time.perf_counter()) / rounds_left
            if cap is not None:
                seconds = min(seconds, cap)
            if seconds < MIN_SOLVE:
                out += [None] * (len(jobs) - first)
                break
            each = settings.with_time(seconds)

            def run(
                job: tuple[str, Policy] | tuple[str, Policy, Scenario],
                each: SolveSettings = each,
            ) -> Solved:
                t0 = time.perf_counter()
                world = job[2] if len(job) == 3 else scenario
                result = plan(world, policy=job[1], settings=each)
                return Solved(job[0], job[1], result, time.perf_counter() - t0)

            out += list(pool.map(run, batch))
    return out


def frame(rows: list[dict[str, object]], columns: dict[str, str]) -> pd.DataFrame:
    """A table with exactly ``columns`` (name -> dtype), empty when there are no rows."""
    return pd.DataFrame(rows, columns=list(columns)).astype(columns)


def not_run(settings: SolveSettings, why: str) -> PlanResult:
    """An ``UNKNOWN`` result for a solve the budget left no time for."""
    return _empty(Status.UNKNOWN, settings, [why], [])


def known_infeasible(settings: SolveSettings, why: list[str], tasks: list[str]) -> PlanResult:
    """An ``INFEASIBLE`` result without solving, when the answer is known beforehand."""
    return _empty(Status.INFEASIBLE, settings, why, tasks)


def _empty(status: Status, settings: SolveSettings, why: list[str], tasks: list[str]) -> PlanResult:
    return PlanResult.without_plan(
        status, why, infeasible_tasks=sorted(tasks), seed=settings.seed, workers=settings.workers
    )


def lead_skill_gaps(scenario: Scenario) -> dict[str, list[str]]:
    """Tasks the lead cannot do for lack of skills, with the skills missing."""
    if scenario.lead.skills is None:
        return {}
    have = set(scenario.lead.skills)
    return {
        t.id: sorted(set(t.skills) - have)
        for t in scenario.mission.tasks
        if not set(t.skills) <= have
    }


__all__ = [
    "LATENESS_FIRST",
    "POLICY_LATENESS",
    "Solved",
    "frame",
    "known_infeasible",
    "lateness_first",
    "lead_skill_gaps",
    "not_run",
    "solve_policies",
]
