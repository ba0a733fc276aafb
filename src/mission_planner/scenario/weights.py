"""Weights of the planner's objective."""

from __future__ import annotations

from pydantic import Field

from mission_planner.scenario._base import Frozen

MAX_WEIGHT = 1_000_000
"""Largest weight of an objective term."""


class Weights(Frozen):
    """Weights of the objective terms (non-negative integers).

    The planner minimises::

        lateness      * sum_tasks urgency * hours delivered past due
      + partner_cost  * partner fees in EUR
      + coordination  * hours the lead spends managing delegated work
      + fragmentation * number of chunks
      + overtime      * overtime hours

    The defaults make lateness primary: one urgency-hour late weighs as much as 1000 EUR of
    partner fees, 50 hours of coordination or 100 chunks. Deadlines are hard constraints, not
    weights.
    """

    lateness: int = Field(default=1000, ge=0, le=MAX_WEIGHT)
    partner_cost: int = Field(default=1, ge=0, le=MAX_WEIGHT)
    coordination: int = Field(default=20, ge=0, le=MAX_WEIGHT)
    fragmentation: int = Field(default=10, ge=0, le=MAX_WEIGHT)
    overtime: int = Field(default=50, ge=0, le=MAX_WEIGHT)
