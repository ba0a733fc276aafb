"""Opportunities a plan reserves load for, read by the checker on its own.

Under a policy whose ``opportunities`` is ``"expected"`` or ``"all"``, each opportunity of the
scenario is work the plan must hold: an engagement of ``ceil(p x effort)`` hours (to the grid)
or of its whole effort, inside its window. The checker then checks the plan against the
scenario with those engagements added (effort, window, sessions, the lead's time).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from mission_planner.scenario import Scenario

if TYPE_CHECKING:
    from mission_planner.policy import Policy


def with_reserved(scenario: Scenario, policy: Policy | None) -> Scenario:
    """``scenario`` with the opportunities ``policy`` reserves as engagements (else itself)."""
    rule = "ignore" if policy is None else policy.opportunities
    if rule == "ignore" or not scenario.opportunities:
        return scenario
    minutes = scenario.granularity_minutes
    added = []
    for opp in scenario.opportunities:
        share = 1.0 if rule == "all" else opp.win_probability
        slots = math.ceil(round(opp.effort_hours * 60) * share / minutes - 1e-9)
        if slots == 0:
            continue
        hours = slots * minutes / 60
        added.append(
            {
                "id": opp.id,
                "client": opp.client,
                "effort_hours": hours,
                "earliest_start": opp.earliest_start,
                "deadline": opp.deadline,
                "min_session_hours": min(opp.min_session_hours, hours),
                "max_chunks": opp.max_chunks,
            }
        )
    data = scenario.model_dump()
    data["engagements"] = [*data["engagements"], *added]
    data["opportunities"] = []
    return Scenario.model_validate(data)


__all__ = ["with_reserved"]
