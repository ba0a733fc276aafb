"""Outcome of a solve."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """What the planner could establish.

    Every CP-SAT status maps here on purpose: ``OPTIMAL`` and ``FEASIBLE`` come with a plan
    (``FEASIBLE`` when the time limit stopped the proof); ``INFEASIBLE`` is proven and comes with
    an explanation; ``UNKNOWN`` means no plan was found and nothing was proven within the time
    limit. CP-SAT's ``MODEL_INVALID`` is a bug and raises instead.
    """

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"

    @property
    def has_plan(self) -> bool:
        """True when a plan comes with this status."""
        return self in (Status.OPTIMAL, Status.FEASIBLE)
