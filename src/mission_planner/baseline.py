"""A previous plan to stay close to: the change terms of a re-plan's objective.

A :class:`Baseline` rides on the :class:`~mission_planner.policy.Policy` of a re-plan. It holds
the previous plan's work rows (task, person, start, end) and delivery instants, and the
:class:`Stability` weights that price a change. :func:`compile_baseline` reads it onto a
problem's working axes (:class:`CompiledBaseline`); the CP-SAT model
(:mod:`mission_planner.cpsat.stability`) and :func:`change_cost` price the same three
figures, in objective units (see :class:`~mission_planner.scenario.Weights`):

=================  ================================================================
hours moved        hours of a job's work that are not on the same person at the same
                   slot as in the previous plan, times ``Stability.hour_moved``
people changed     (job, person) pairs with work now and none before, times
                   ``Stability.person_changed``
dates changed      mission tasks delivered at another instant than before, times
                   ``Stability.date_changed``
=================  ================================================================
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from mission_planner.timeline import Timeline

MAX_STABILITY = 100_000
"""Largest stability weight (per hour moved, person changed or date changed)."""


class Stability(BaseModel):
    """What a change to the previous plan costs in the objective (objective units).

    The defaults price an hour moved like 50 EUR of partner fees, a person newly put on a task
    like 200 EUR and a delivery date changed like 400 EUR; one urgency-hour late still weighs
    1000 (the default lateness weight). :meth:`scaled` multiplies the three together.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    hour_moved: float = Field(default=50.0, ge=0, le=MAX_STABILITY)
    person_changed: float = Field(default=200.0, ge=0, le=MAX_STABILITY)
    date_changed: float = Field(default=400.0, ge=0, le=MAX_STABILITY)

    @classmethod
    def of(cls, weight: float | Stability) -> Stability:
        """``weight`` itself, or the default weights scaled so that an hour moved costs it."""
        if isinstance(weight, Stability):
            return weight
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            raise ValueError(f"stability={weight!r} must be a non-negative number or a Stability")
        return cls().scaled(weight / cls().hour_moved)

    def scaled(self, factor: float) -> Stability:
        """The three weights times ``factor``."""
        return Stability(
            hour_moved=self.hour_moved * factor,
            person_changed=self.person_changed * factor,
            date_changed=self.date_changed * factor,
        )


class BaselineWork(BaseModel):
    """One work row of the previous plan: ``person`` on ``task`` from ``start`` to ``end``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    task: str
    person: str
    start: dt.datetime
    end: dt.datetime


class Baseline(BaseModel):
    """The previous plan a re-plan stays close to, and what a change costs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    work: tuple[BaselineWork, ...] = ()
    deliveries: dict[str, dt.datetime] = Field(default_factory=dict)
    stability: Stability = Field(default_factory=Stability)

    def __repr__(self) -> str:
        return (
            f"Baseline({len(self.work)} work rows, {len(self.deliveries)} deliveries, "
            f"{self.stability!r})"
        )


@dataclass(frozen=True)
class CompiledBaseline:
    """A :class:`Baseline` on a problem's axes, with integer costs (objective scale).

    ``runs[(job, person)]`` are the previous plan's work on that person's working axis as
    ``[a, b)`` runs of consecutive positions; ``people[job]`` who worked on the job;
    ``delivery[task]`` the previous delivery slot (only when on the grid).
    """

    runs: dict[tuple[str, str], list[tuple[int, int]]]
    people: dict[str, frozenset[str]]
    delivery: dict[str, int]
    slot_moved_cost: int
    person_cost: int
    date_cost: int


def compile_baseline(
    baseline: Baseline, timeline: Timeline, jobs: dict[str, int], scale: int
) -> CompiledBaseline:
    """Read ``baseline`` onto ``timeline``'s axes.

    ``jobs`` maps each job id to its effort in slots (rows of other tasks are ignored);
    ``scale`` is :data:`~mission_planner.problem.OBJECTIVE_SCALE`. Work outside the grid or on
    slots that are no longer free for the person counts as moved whatever the new plan does.
    """
    grid = timeline.grid
    origin = np.datetime64(grid.origin, "m")
    slots: dict[tuple[str, str], set[int]] = {}
    for row in baseline.work:
        if row.task not in jobs or row.person not in timeline.people:
            continue
        first = int((np.datetime64(row.start, "m") - origin).astype(int)) // grid.slot_minutes
        last = int((np.datetime64(row.end, "m") - origin).astype(int)) // grid.slot_minutes
        cells = slots.setdefault((row.task, row.person), set())
        cells.update(range(max(0, first), min(grid.n_slots, last)))
    runs: dict[tuple[str, str], list[tuple[int, int]]] = {}
    people: dict[str, set[str]] = {}
    for (job, person), cells in slots.items():
        people.setdefault(job, set()).add(person)
        free = timeline.person(person).free
        if not cells or free.size == 0:
            continue
        wanted = np.array(sorted(cells))
        found = np.searchsorted(free, wanted)
        inside = found < free.size
        positions = found[inside][free[found[inside]] == wanted[inside]]
        runs[(job, person)] = _runs(positions)
    delivery: dict[str, int] = {}
    for task, moment in baseline.deliveries.items():
        minutes = int((np.datetime64(moment, "m") - origin).astype(int))
        if task in jobs and minutes % grid.slot_minutes == 0:
            slot = minutes // grid.slot_minutes
            if 0 <= slot <= grid.n_slots:
                delivery[task] = slot
    weights = baseline.stability
    return CompiledBaseline(
        runs=runs,
        people={job: frozenset(who) for job, who in people.items()},
        delivery=delivery,
        slot_moved_cost=round(weights.hour_moved * grid.slot_minutes / 60 * scale),
        person_cost=round(weights.person_changed * scale),
        date_cost=round(weights.date_changed * scale),
    )


def _runs(positions: np.ndarray) -> list[tuple[int, int]]:
    """Maximal runs ``[a, b)`` of consecutive integers in sorted ``positions``."""
    if positions.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(positions) != 1) + 1
    return [(int(p[0]), int(p[-1]) + 1) for p in np.split(positions, breaks)]


def kept_slots(runs: list[tuple[int, int]], start: int, end: int) -> int:
    """Positions of ``[start, end)`` that lie in ``runs``."""
    return sum(max(0, min(end, b) - max(start, a)) for a, b in runs)


__all__ = [
    "Baseline",
    "BaselineWork",
    "CompiledBaseline",
    "Stability",
    "compile_baseline",
    "kept_slots",
]
