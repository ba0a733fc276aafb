"""The client's hard limits a plan is checked against, read on their own from a policy.

By default they are the scenario's: each task's deadline (its due date when it has none),
``max_tranches``, ``max_partners``, the whole roster and no time reserved for opportunities. A
:class:`~mission_planner.policy.Policy` may change them for one plan (the lead alone, every
task by its due date, a proposed date, more deliveries); the checker reads the policy's raw
fields here itself, and shares no computation with the planner.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mission_planner.scenario import Opportunity, Scenario, Trust
from mission_planner.scenario.mission import moment_end

if TYPE_CHECKING:
    from mission_planner.policy import Policy


@dataclass(frozen=True)
class Limits:
    """Hard limits: per task the latest delivery, the caps, and who may work."""

    latest: dict[str, dt.datetime]
    max_tranches: int
    max_partners: int | None
    partners: frozenset[str]
    """Partners allowed to work on the mission."""
    follow_up_by: dict[str, dt.datetime]
    """Per task, where the lead's follow-up with its partners may run to: the latest delivery
    before any promise of a re-plan (a promise bounds the delivery, not the follow-up)."""
    kicked_off: frozenset[str]
    """Partners whose kick-off took place before a re-plan (none owed)."""
    coordinated_before: dict[str, tuple[float, float]]
    """Per partner, hours delegated and hours of follow-up before a re-plan."""
    reserved: tuple[Opportunity, ...] = field(default=())
    """Opportunities whose work the plan reserves, each with the hours reserved as its
    ``effort_hours`` (the lead's, inside its window, in its sessions, as an engagement)."""

    @classmethod
    def read(cls, scenario: Scenario, policy: Policy | None = None) -> Limits:
        """The scenario's limits, changed where ``policy`` says so."""
        latest: dict[str, dt.datetime] = {}
        for task in scenario.mission.tasks:
            moment = task.deadline if task.deadline is not None else task.due
            if policy is not None:
                rule = policy.dates
                if isinstance(rule, dict):
                    moment = rule.get(task.id, moment)
                elif rule == "asked":
                    moment = task.due
                elif rule == "horizon":
                    moment = scenario.end
            latest[task.id] = moment_end(moment)
        follow_up_by = dict(latest)
        promised = {} if policy is None else policy.promised
        for task_id, promise in promised.items():
            if task_id in latest:
                latest[task_id] = min(latest[task_id], promise)
        tranches = scenario.mission.max_tranches
        cap = scenario.mission.max_partners
        partners = {p.id for p in scenario.partners}
        if policy is not None:
            if policy.max_tranches is not None:
                tranches = policy.max_tranches
            if policy.max_partners is not None:
                cap = policy.max_partners
            roster = policy.roster
            if roster == "none":
                partners = set()
            elif roster == "trusted":
                partners = {p.id for p in scenario.partners if p.trust is Trust.TRUSTED}
            elif isinstance(roster, tuple):
                partners &= set(roster)
        kicked_off = frozenset(() if policy is None else policy.kicked_off)
        before = {} if policy is None else dict(policy.coordinated_before)
        return cls(
            latest,
            tranches,
            cap,
            frozenset(partners),
            follow_up_by,
            kicked_off,
            before,
            _reserved(scenario, policy),
        )


def _reserved(scenario: Scenario, policy: Policy | None) -> tuple[Opportunity, ...]:
    """The opportunities a policy reserves, with the hours reserved as their effort.

    ``"all"``: its effort; ``"expected"``: ``probability x effort`` to the nearest grid step
    (a half step rounds up), nothing when that is zero; ``"ignore"`` or left out of a
    mapping: nothing.
    """
    if policy is None:
        return ()
    rule = policy.opportunities
    step = scenario.granularity_minutes
    out = []
    for opp in scenario.opportunities:
        treatment = rule.get(opp.id, "ignore") if isinstance(rule, dict) else rule
        minutes = opp.effort_hours * 60
        if treatment == "expected":
            minutes = step * math.floor(opp.probability * minutes / step + 0.5 + 1e-9)
        if treatment in ("expected", "all") and minutes > 0:
            data = opp.model_dump() | {"effort_hours": minutes / 60}
            out.append(Opportunity.model_validate(data))
    return tuple(out)


__all__ = ["Limits"]
