"""Disruptions re-planned from the previous plan: what changes, and what to tell the client.

Each function names a disruption of the world as a :class:`~mission_planner.explore.Change`
(the scenario after it, described in words); :func:`replan_after` re-plans it at ``now`` from
the previous plan. The promised dates are held if they can be; when they cannot, the re-plan
lets them move at the price of lateness and says which move and what to tell the client.

========================  ====================================================================
:func:`takes_longer`      a task takes ``percent`` % more effort
:func:`partner_drops_out` a partner is unavailable from a day to the end of the horizon
:func:`brought_forward`   the client wants a task by an earlier day
:func:`lead_unavailable`  the lead is off for some days
:func:`new_mission`       another mission arrives in the order book (an engagement)
:func:`opportunity_won`   an opportunity of the scenario is won (all its work to plan)
========================  ====================================================================
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from mission_planner.baseline import Stability
from mission_planner.explore.changes import Change, bring_forward, more_effort, partner_unavailable
from mission_planner.replanning.history import Done
from mission_planner.replanning.run import DEFAULT_STABILITY, Replan, replan
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.settings import Clock, SolveSettings, settings_of

HARD_SHARE = 0.5
"""Share of the time budget the re-plan holding every promise may use before the one that
lets promises move starts."""


@dataclass(frozen=True)
class Disrupted:
    """A disruption re-planned: the change, the re-plan, and whether promises had to move."""

    change: Change
    replan: Replan
    promises_moved: bool
    """True when no plan held every promised date, so the re-plan let them move."""

    def summary(self) -> str:
        """The change in words, then the re-plan's summary (diff and message to the client)."""
        return f"{self.change.description}\n{self.replan.summary()}"

    def client_message(self) -> list[str]:
        """What to tell the client: one sentence per promised date that moves (none: none)."""
        return self.replan.client_message()


def replan_after(
    change: Change,
    previous: PlanResult,
    *,
    now: dt.date,
    done: Done | None = None,
    settings: SolveSettings | None = None,
    stability: float | Stability = DEFAULT_STABILITY,
) -> Disrupted:
    """Re-plan ``change.scenario`` at ``now`` from ``previous``, holding promises if possible.

    The time budget is for the whole call: the re-plan holding every promise may use
    :data:`HARD_SHARE` of it; if it finds no plan, the rest goes to the re-plan that lets
    promises move.
    """
    chosen = settings_of(settings)
    clock = Clock(chosen.time_limit)
    held = replan(
        change.scenario,
        previous,
        now=now,
        done=done,
        settings=chosen.with_time(clock.share(HARD_SHARE)),
        policy=change.policy,
        stability=stability,
    )
    if held.has_plan:
        return Disrupted(change, held, promises_moved=False)
    moved = replan(
        change.scenario,
        previous,
        now=now,
        done=done,
        settings=chosen.with_time(clock.left()),
        policy=change.policy,
        promises_may_move=True,
        stability=stability,
    )
    return Disrupted(change, moved, promises_moved=True)


def takes_longer(scenario: Scenario, task: str, percent: float) -> Change:
    """Task ``task`` takes ``percent`` % more effort (rounded up to the scenario's grid)."""
    if isinstance(percent, bool) or not isinstance(percent, int | float) or percent <= 0:
        raise ValueError(f"takes_longer: percent={percent!r} must be a positive number")
    effort = next((t.effort_hours for t in scenario.mission.tasks if t.id == task), None)
    if effort is None:
        return more_effort(scenario, task, 1.0)  # raises, naming the unknown task
    step = scenario.granularity_minutes / 60
    hours = math.ceil(effort * percent / 100 / step - 1e-9) * step
    change = more_effort(scenario, task, hours)
    return Change(
        name=f"'{task}' +{percent:g} %",
        description=f"task '{task}' takes {percent:g} % longer: {change.description}",
        scenario=change.scenario,
    )


def partner_drops_out(scenario: Scenario, partner: str, start: dt.date) -> Change:
    """Partner ``partner`` drops out from ``start`` to the end of the horizon."""
    change = partner_unavailable(scenario, partner, start=start, end=scenario.end)
    return Change(
        name=f"'{partner}' drops out from {start}",
        description=f"partner '{partner}' drops out from {start:%a %d %b %Y}",
        scenario=change.scenario,
    )


def brought_forward(scenario: Scenario, task: str, to: dt.date) -> Change:
    """The client wants task ``task`` by ``to`` (its deadline moves as its due date does)."""
    return bring_forward(scenario, task, to)


def lead_unavailable(scenario: Scenario, start: dt.date, end: dt.date) -> Change:
    """The lead is off from ``start`` to ``end`` (calendar days, inclusive)."""
    if end < start:
        raise ValueError(f"lead_unavailable: end={end} is before start={start}")
    if start < scenario.start or end > scenario.end:
        raise ValueError(
            f"lead_unavailable: {start}..{end} is outside the horizon "
            f"{scenario.start}..{scenario.end}"
        )
    data = scenario.model_dump()
    calendar = data["lead"]["calendar"]
    calendar["time_off"] = [
        *calendar.get("time_off", []),
        {"start": start, "end": end, "reason": "unavailable (disruption)"},
    ]
    blocks = [b for b in data.get("fixed_blocks", []) if not start <= b["date"] <= end]
    dropped = len(data.get("fixed_blocks", [])) - len(blocks)
    data["fixed_blocks"] = blocks
    note = f" ({dropped} fixed block(s) those days cancelled)" if dropped else ""
    return Change(
        name=f"lead off {start}..{end}",
        description=f"the lead is unavailable from {start:%a %d %b} to {end:%a %d %b %Y}{note}",
        scenario=Scenario.model_validate(data),
    )


def opportunity_won(scenario: Scenario, opportunity: str) -> Change:
    """Opportunity ``opportunity`` is won: all its work becomes an engagement."""
    known = {o.id: o for o in scenario.opportunities}
    if opportunity not in known:
        raise ValueError(
            f"opportunity_won: {opportunity!r} is not an opportunity of the scenario "
            f"(opportunities: {sorted(known)})"
        )
    won = known[opportunity]
    data = scenario.model_dump()
    data["opportunities"] = [o for o in data["opportunities"] if o["id"] != opportunity]
    data["engagements"] = [*data["engagements"], won.model_dump(exclude={"probability"})]
    return Change(
        name=f"'{opportunity}' won",
        description=(
            f"the opportunity '{opportunity}'{f' for {won.client}' if won.client else ''} is "
            f"won ({won.probability:.0%} likely): {won.effort_hours:g} h of the lead's work "
            f"between {won.earliest_start:%a %d %b} and {won.deadline:%a %d %b %Y}"
        ),
        scenario=Scenario.model_validate(data),
    )


def new_mission(
    scenario: Scenario,
    mission_id: str,
    *,
    effort_hours: float,
    start: dt.date,
    deadline: dt.date,
    client: str = "",
    min_session_hours: float = 2.0,
) -> Change:
    """Another mission arrives: ``effort_hours`` of the lead's work, ``start`` to ``deadline``."""
    data = scenario.model_dump()
    data["engagements"] = [
        *data.get("engagements", []),
        {
            "id": mission_id,
            "client": client,
            "effort_hours": effort_hours,
            "earliest_start": start,
            "deadline": deadline,
            "min_session_hours": min_session_hours,
        },
    ]
    return Change(
        name=f"new mission '{mission_id}'",
        description=(
            f"a new mission '{mission_id}'{f' for {client}' if client else ''} arrives: "
            f"{effort_hours:g} h of the lead's work between {start:%a %d %b} and "
            f"{deadline:%a %d %b %Y}"
        ),
        scenario=Scenario.model_validate(data),
    )


__all__ = [
    "HARD_SHARE",
    "Disrupted",
    "brought_forward",
    "lead_unavailable",
    "new_mission",
    "opportunity_won",
    "partner_drops_out",
    "replan_after",
    "takes_longer",
]
