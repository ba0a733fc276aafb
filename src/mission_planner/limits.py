"""The objective's integers must fit CP-SAT's 64-bit range: checked before any model is built.

The solver adds integer coefficients times bounded variables; if the largest objective value a
plan could reach passes :data:`MAX_OBJECTIVE`, OR-Tools fails deep inside the model build
(an ``OverflowError``, or a C++ cast error). :func:`check_objective` bounds each term from the
compiled problem (weights already scaled, slots counted on the grid) and refuses the scenario
with :class:`~mission_planner.errors.ScenarioLimitError` naming the weight to lower.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from mission_planner.errors import InputProblem, ScenarioLimitError


class _Job(Protocol):
    @property
    def effort(self) -> int: ...
    @property
    def max_chunks(self) -> int: ...
    @property
    def urgency(self) -> int: ...


class _Person(Protocol):
    @property
    def cost_per_slot(self) -> int: ...


class CompiledProblem(Protocol):
    """What :func:`check_objective` reads of a :class:`mission_planner.problem.Problem`."""

    @property
    def scenario(self) -> Any: ...
    @property
    def timeline(self) -> Any: ...
    @property
    def jobs(self) -> Sequence[_Job]: ...
    @property
    def people(self) -> Mapping[str, _Person]: ...
    @property
    def lateness_per_slot(self) -> int: ...
    @property
    def chunk_cost(self) -> int: ...
    @property
    def overtime_cost(self) -> int: ...
    @property
    def coordination_cost(self) -> int: ...


MAX_OBJECTIVE = 2**53
"""Largest objective any plan may reach (exact in a float, far inside int64)."""


def objective_bounds(problem: CompiledProblem) -> dict[str, int]:
    """An upper bound of each objective term over every plan of ``problem``.

    Each term is bounded by its coefficient times the most units it can count: every slot of
    the horizon late for every unit of urgency, every slot of effort done by the dearest
    partner, every chunk, every slot in overtime for every person, every lead slot in
    coordination.
    """
    slots = problem.timeline.grid.n_slots + 1
    effort = sum(job.effort for job in problem.jobs)
    dearest = max((person.cost_per_slot for person in problem.people.values()), default=0)
    return {
        "lateness": problem.lateness_per_slot * slots * sum(job.urgency for job in problem.jobs),
        "partner_cost": dearest * effort,
        "fragmentation": problem.chunk_cost * sum(job.max_chunks for job in problem.jobs),
        "overtime": problem.overtime_cost * slots * len(problem.people),
        "coordination": problem.coordination_cost * slots,
    }


def check_objective(problem: CompiledProblem) -> None:
    """Refuse a problem whose objective could pass :data:`MAX_OBJECTIVE`.

    Raises
    ------
    ScenarioLimitError
        Naming the largest term and its weight.
    """
    bounds = objective_bounds(problem)
    total = sum(bounds.values())
    if total <= MAX_OBJECTIVE:
        return
    term = max(bounds, key=lambda name: bounds[name])
    weight = getattr(problem.scenario.weights, term)
    message = (
        f"the objective could reach {total:.3g}, past the solver's integer range "
        f"({MAX_OBJECTIVE:.3g}); the {term} term alone {bounds[term]:.3g}: lower the weight "
        f"(or the rates, urgencies, horizon)"
    )
    raise ScenarioLimitError("scenario", [InputProblem(f"weights.{term}", message, weight)])


__all__ = ["MAX_OBJECTIVE", "check_objective", "objective_bounds"]
