"""Missions not yet won: the lead's work if they are, and the odds.

An :class:`Opportunity` is a possible mission in the pipeline: its effort (the lead's), its
window and its win probability. The :class:`~mission_planner.policy.Policy` of a solve says how
the plan treats the opportunities (``opportunities``): ``"ignore"`` them (the default),
reserve their ``"expected"`` load (effort x win probability, rounded up to the grid) or reserve
``"all"`` of it. A reserved opportunity is planned as an engagement of that effort inside its
window (:func:`reserved_engagements`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from mission_planner.scenario.commitments import Engagement

if TYPE_CHECKING:
    from mission_planner.scenario.scenario import Scenario

OpportunityRule = Literal["ignore", "expected", "all"]


class Opportunity(Engagement):
    """A mission not yet won, with the odds of winning it.

    If won, it is an engagement: ``effort_hours`` of the lead's work from ``earliest_start``
    to ``deadline`` in sessions of at least ``min_session_hours``; ``win_probability`` is the
    chance it is (0 excluded).
    """

    win_probability: float = Field(gt=0, le=1)

    def reserved(self, rule: OpportunityRule, step_hours: float) -> float:
        """Hours the plan reserves for it under ``rule`` (on the grid of ``step_hours``)."""
        if rule == "ignore":
            return 0.0
        if rule == "all":
            return self.effort_hours
        return math.ceil(self.effort_hours * self.win_probability / step_hours - 1e-9) * step_hours

    def won(self) -> Engagement:
        """The opportunity won: an engagement of its whole effort."""
        return self.as_engagement(self.effort_hours)

    def as_engagement(self, hours: float) -> Engagement:
        """An engagement of ``hours`` in the opportunity's window."""
        return Engagement(
            id=self.id,
            client=self.client,
            effort_hours=hours,
            earliest_start=self.earliest_start,
            deadline=self.deadline,
            min_session_hours=min(self.min_session_hours, hours),
            max_chunks=self.max_chunks,
        )


def reserved_engagements(scenario: Scenario, rule: OpportunityRule) -> tuple[Engagement, ...]:
    """The engagements the plan reserves for the scenario's opportunities under ``rule``."""
    step = scenario.granularity_minutes / 60
    out = []
    for opportunity in scenario.opportunities:
        hours = opportunity.reserved(rule, step)
        if hours > 0:
            out.append(opportunity.as_engagement(hours))
    return tuple(out)


def opportunity_errors(scenario: Scenario) -> list[str]:
    """Unknown or clashing ids, windows outside the horizon, efforts off the grid."""
    errors = []
    taken = {t.id for t in scenario.mission.tasks} | {e.id for e in scenario.engagements}
    step = scenario.granularity_minutes
    seen: set[str] = set()
    for i, opportunity in enumerate(scenario.opportunities):
        where = f"opportunities[{i}]"
        if opportunity.id in taken or opportunity.id in seen:
            errors.append(f"{where}: id={opportunity.id!r} is already used")
        seen.add(opportunity.id)
        if not scenario.start <= opportunity.deadline <= scenario.end:
            errors.append(f"{where}: deadline={opportunity.deadline} is outside the horizon")
        if (
            abs(opportunity.effort_hours * 60 / step - round(opportunity.effort_hours * 60 / step))
            > 1e-6
        ):
            errors.append(
                f"{where}: effort_hours={opportunity.effort_hours:g} is not a multiple of "
                f"{step} minutes"
            )
    return errors


__all__ = ["Opportunity", "OpportunityRule", "opportunity_errors", "reserved_engagements"]
