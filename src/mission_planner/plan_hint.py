"""A plan (:class:`~mission_planner.result.PlanResult`) read back into solver terms, as a hint.

:func:`solution_of` turns a plan's tables into a :class:`~mission_planner.solution.Solution`
of another (or the same) problem: each chunk of the schedule (rows of one task or engagement
with one ``chunk`` number) becomes a run of positions on its person's working axis, tranches
come from ``deliveries`` and delivery instants from ``tranches``. The plan may have been made
for a variant of the scenario (other deadlines, another roster, other weights): what no longer
fits is mapped to the nearest positions (the hint is then *inexact*) or left out.

:func:`verified` tells whether a solution is a valid plan of the problem, by running the
independent checker (:func:`mission_planner.check`) on its tables. Only a verified hint may be
returned as a plan; any hint may guide CP-SAT.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mission_planner.checker import check
from mission_planner.contract import COORDINATION, WORK_KINDS
from mission_planner.frames import delivery_frame, schedule_frame, tranche_frame
from mission_planner.problem import Problem
from mission_planner.result import PlanResult
from mission_planner.solution import Chunk, Solution, normalized


@dataclass(frozen=True)
class Hint:
    """A plan read onto a problem.

    ``exact`` is True when every work row of the plan lies on free working slots of its person
    in this problem, every job of the problem has work and every chunk was kept as it is; an
    exact hint may still break the problem's other rules (see :func:`verified`).
    """

    solution: Solution
    exact: bool


def solution_of(problem: Problem, result: PlanResult) -> Hint | None:
    """The plan in ``result`` as a solution of ``problem``; ``None`` when it cannot be one.

    It cannot when ``result`` has no plan, or its deliveries do not name every mission task of
    ``problem`` with tranches numbered ``1..k`` and their delivery instants.
    """
    if not result.has_plan:
        return None
    tranches = _tranches(problem, result)
    if tranches is None:
        return None
    tranche, delivery = tranches
    chunks, exact = _chunks(problem, result.schedule)
    jobs = {job.id for job in problem.jobs}
    coordination = [c for c in chunks if c.job not in jobs]
    chunks = [c for c in chunks if c.job in jobs]
    worked = {c.job for c in chunks}
    exact = exact and all(job.id in worked for job in problem.jobs)
    exact = exact and len(delivery) <= problem.max_tranches
    solution = normalized(
        problem,
        Solution(chunks=chunks, tranche=tranche, delivery=delivery, coordination=coordination),
    )
    return Hint(solution=solution, exact=exact)


def verified(problem: Problem, solution: Solution) -> bool:
    """Whether ``solution`` is a valid plan of ``problem`` under its policy (no violation)."""
    worked = {c.job for c in solution.chunks}
    if any(job.id not in worked for job in problem.jobs):
        return False
    used = set(solution.tranche.values())
    if used != set(range(len(solution.delivery))):
        return False
    tables = _Tables(
        schedule=schedule_frame(problem, solution),
        deliveries=delivery_frame(problem, solution),
        tranches=tranche_frame(problem, solution),
    )
    return check(problem.scenario, tables, problem.policy) == []


@dataclass(frozen=True)
class _Tables:
    """The three tables the checker reads."""

    schedule: pd.DataFrame
    deliveries: pd.DataFrame
    tranches: pd.DataFrame
    has_plan: bool = True


def _tranches(problem: Problem, result: PlanResult) -> tuple[dict[str, int], list[int]] | None:
    """0-based tranche of each mission job and the delivery slot of each tranche."""
    grid = problem.timeline.grid
    deliveries = result.deliveries
    numbers = {
        str(t): int(n) for t, n in zip(deliveries["task"], deliveries["tranche"], strict=True)
    }
    if any(job.id not in numbers for job in problem.mission_jobs):
        return None
    rows = sorted(
        (int(n), pd.Timestamp(d))
        for n, d in zip(result.tranches["tranche"], result.tranches["delivery"], strict=True)
    )
    if [n for n, _ in rows] != list(range(1, len(rows) + 1)):
        return None
    tranche = {job.id: numbers[job.id] - 1 for job in problem.mission_jobs}
    if any(not 0 <= k < len(rows) for k in tranche.values()):
        return None
    delivery = [_slot(problem, moment) for _, moment in rows]
    if any(slot is None for slot in delivery):
        return None
    return tranche, [grid.clamp(slot) for slot in delivery if slot is not None]


def _slot(problem: Problem, moment: Any) -> int | None:
    """The slot starting at ``moment``; ``None`` when ``moment`` is off the problem's grid."""
    grid = problem.timeline.grid
    minutes = (pd.Timestamp(moment) - pd.Timestamp(grid.origin)) / pd.Timedelta(minutes=1)
    if minutes != int(minutes) or int(minutes) % grid.slot_minutes:
        return None
    return int(minutes) // grid.slot_minutes


def _chunks(problem: Problem, schedule: pd.DataFrame) -> tuple[list[Chunk], bool]:
    """Chunks of the schedule's work rows on the problem's axes, and whether all fit exactly."""
    grid = problem.timeline.grid
    jobs = {job.id: job for job in problem.jobs}
    exact = True
    runs: dict[tuple[str, int], list[tuple[str, int, int]]] = {}
    for row in schedule.to_dict("records"):
        if row["kind"] not in WORK_KINDS:
            continue
        person = str(row["resource"])
        job = jobs.get(str(row["task"]))
        if row["kind"] == COORDINATION and person == problem.lead:
            job_id = str(row["task"])
        elif job is None or job.kind != row["kind"] or person not in problem.people:
            exact = False
            continue
        else:
            job_id = job.id
        start, end = _slot(problem, row["start"]), _slot(problem, row["end"])
        if start is None or end is None or not 0 <= start < end <= grid.n_slots:
            exact = False
            continue
        runs.setdefault((job_id, int(row["chunk"])), []).append((person, start, end))
    chunks: list[Chunk] = []
    for (job_id, _), pieces in runs.items():
        people = {person for person, _, _ in pieces}
        if len(people) != 1:
            exact = False
        person = pieces[0][0]
        slots = np.concatenate([np.arange(a, b) for p, a, b in pieces if p == person])
        slots = np.unique(slots)
        chunk, fits = _on_axis(problem, job_id, person, slots)
        exact = exact and fits
        if chunk is not None:
            chunks.append(chunk)
    return chunks, exact


def _on_axis(
    problem: Problem, job_id: str, person: str, slots: np.ndarray
) -> tuple[Chunk | None, bool]:
    """The chunk covering real ``slots`` on ``person``'s axis, and whether it covers exactly them.

    When the slots are not consecutive free slots of the person, the chunk starts at the first
    free position at or after the first slot (kept inside the axis) with the same length.
    """
    axis = problem.timeline.person(person)
    length = int(slots.size)
    if length > axis.size:
        return None, False
    positions = np.searchsorted(axis.free, slots)
    inside = positions < axis.size
    fits = bool(
        inside.all()
        and (axis.free[positions[inside]] == slots[inside]).all()
        and (np.diff(positions) == 1).all()
    )
    start = int(positions[0]) if fits else min(int(positions[0]), axis.size - length)
    return Chunk(job_id, person, start, length), fits
