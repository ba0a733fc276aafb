"""The ways to take the mission, in the problem's order, and the rule that picks one.

=============  ==============================================================================
``as_asked``   the lead alone, every task by the day the client asked (its due date)
``negotiate``  the lead alone, every task by the latest day the client accepts (its deadline)
``delegate``   partners from the roster, every task by the day asked
``spread``     the lead alone, every task by the day asked, in more deliveries than the client
               planned if that is what it takes (the fewest that hold)
``mix``        partners and more deliveries, every task by the latest day the client accepts
=============  ==============================================================================

Each option is a :class:`~mission_planner.policy.Policy` over the client's own scenario
(:func:`option_policies`); every figure of an :class:`Option` is measured against that
scenario. An option *holds* when it has a plan: its policy's limits are the client's, except
``spread`` and ``mix`` which may use more deliveries (said in ``overrides``).

The rule (:func:`choose`), by ``prefer``:

* ``"levers"`` (default): the first option in the order above that holds — play for time
  before paying a partner, pay a partner before changing the delivery schedule;
* ``"on_time"``: among the options that hold, the least urgency-weighted lateness, then the
  best margin, then the order above;
* ``"margin"``: among the options that hold, the best margin, then the least lateness, then
  the order above.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from mission_planner.billing import revenue_of
from mission_planner.levers.solving import LATENESS_FIRST, Solved
from mission_planner.levers.tables import (
    staffing_table,
    task_table,
    weighted_lateness,
)
from mission_planner.policy import Policy, Treatment
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.status import Status
from mission_planner.workdays import WorkingDays

OPTIONS = ("as_asked", "negotiate", "delegate", "spread", "mix")
"""The options in the problem's order of preference."""

COUNTER = "counter"
"""The counter-proposal: every lever, any date in the horizon, the least extension."""

LEVERS = {
    "as_asked": (),
    "negotiate": ("negotiate",),
    "delegate": ("delegate",),
    "spread": ("spread",),
    "mix": ("negotiate", "delegate", "spread"),
    COUNTER: ("negotiate", "delegate", "spread"),
}
"""Levers each option pulls."""

Prefer = Literal["levers", "on_time", "margin"]
PREFERENCES: tuple[Prefer, ...] = ("levers", "on_time", "margin")

DEFAULT_SURCHARGE = 0.1
"""Default surcharge on new partners: at equal fit the solver takes a partner the lead knows."""


def option_policies(
    scenario: Scenario,
    *,
    require_trusted: bool = False,
    new_partner_surcharge: float = DEFAULT_SURCHARGE,
    opportunities: Treatment = "ignore",
) -> dict[str, Policy]:
    """The policy of each option (see the module docstring), plus the counter-proposal's.

    Every option treats the scenario's opportunities by ``opportunities``.
    """
    roster: Literal["all", "trusted"] = "trusted" if require_trusted else "all"
    every_delivery = max(scenario.mission.max_tranches, len(scenario.mission.tasks))
    policies = {
        "as_asked": Policy(dates="asked", roster="none"),
        "negotiate": Policy(dates="accepted", roster="none"),
        "delegate": Policy(
            dates="asked", roster=roster, new_partner_surcharge=new_partner_surcharge
        ),
        "spread": Policy(dates="asked", roster="none", max_tranches=every_delivery),
        "mix": Policy(
            dates="accepted",
            roster=roster,
            new_partner_surcharge=new_partner_surcharge,
            max_tranches=every_delivery,
        ),
        COUNTER: Policy(
            dates="horizon",
            roster=roster,
            new_partner_surcharge=new_partner_surcharge,
            max_tranches=every_delivery,
            weights=LATENESS_FIRST,
        ),
    }
    if opportunities == "ignore":
        return policies
    return {
        name: Policy.model_validate({**p.model_dump(), "opportunities": opportunities})
        for name, p in policies.items()
    }


@dataclass(frozen=True)
class Option:
    """One way to take the mission: its policy, its plan and its figures.

    Figures are the client's: ``tasks`` is the per-task table
    (:data:`~mission_planner.levers.tables.TASK_COLUMNS`), ``weighted_lateness`` urgency x
    hours past the days asked, ``late_working_days`` their lead's working days summed over
    tasks, ``beyond_accepted`` the tasks past the day the client accepts, ``fees`` at real
    rates, ``margin`` the price less the fees, ``lead_hours`` the lead's own mission hours plus
    ``coordination_hours``.
    """

    name: str
    policy: Policy
    plan: PlanResult
    tasks: pd.DataFrame
    staffing: pd.DataFrame
    revenue: float
    own_hours: float
    """The lead's own mission hours (coordination excluded)."""
    runtime: float
    overrides: tuple[str, ...] = ()

    @property
    def status(self) -> Status:
        """Status of the option's solve."""
        return self.plan.status

    @property
    def holds(self) -> bool:
        """True when the option has a plan within its limits."""
        return bool(self.status.has_plan)

    @property
    def undecided(self) -> bool:
        """True when the solve ended without a plan and without a proof (time limit)."""
        return self.status is Status.UNKNOWN

    @property
    def weighted_lateness(self) -> float:
        """Urgency x hours past the days asked."""
        return weighted_lateness(self.tasks) if self.holds else float("nan")

    @property
    def late_tasks(self) -> list[str]:
        """Tasks delivered after the day asked."""
        return [str(t) for t in self.tasks.loc[~self.tasks["on_time"], "task"]]

    @property
    def late_working_days(self) -> int:
        """Working days past the days asked, summed over tasks."""
        return int(self.tasks["late_working_days"].sum())

    @property
    def beyond_accepted(self) -> list[str]:
        """Tasks delivered after the latest day the client accepts."""
        return [str(t) for t in self.tasks.loc[~self.tasks["within_accepted"], "task"]]

    @property
    def partners(self) -> list[str]:
        """Partners who work."""
        return [str(p) for p in self.staffing["partner"]]

    @property
    def fees(self) -> float:
        """Partner fees at real rates."""
        return float(self.staffing["fee"].sum())

    @property
    def margin(self) -> float:
        """The mission's price less partner fees."""
        return self.revenue - self.fees if self.holds else float("nan")

    @property
    def coordination_hours(self) -> float:
        """The lead's kick-off and follow-up hours with partners."""
        return float(self.staffing["coordination_hours"].sum())

    @property
    def lead_hours(self) -> float:
        """The lead's own mission hours plus coordination."""
        return self.own_hours + self.coordination_hours if self.holds else float("nan")

    @property
    def tranches(self) -> int:
        """Deliveries in the plan."""
        return int(self.tasks["tranche"].nunique()) if self.holds else 0


def measure(scenario: Scenario, solved: Solved, working: WorkingDays | None = None) -> Option:
    """An :class:`Option` from one policy's plan, every figure against ``scenario``."""
    result = solved.plan
    tasks = task_table(scenario, result, working)
    staffing = staffing_table(scenario, result)
    work = result.schedule
    own = work[(work["kind"] == "mission") & (work["resource"] == scenario.lead.id)]
    return Option(
        name=solved.label,
        policy=solved.policy,
        plan=result,
        tasks=tasks,
        staffing=staffing,
        revenue=revenue_of(scenario),
        own_hours=float(own["hours"].sum()),
        runtime=solved.runtime,
        overrides=tuple(solved.policy.overrides(scenario)),
    )


def choose(options: Mapping[str, Option], prefer: Prefer = "levers") -> Option | None:
    """The option the rule picks (see the module docstring); ``None`` when none holds."""
    if prefer not in PREFERENCES:
        raise ValueError(f"advise: prefer={prefer!r} must be one of {list(PREFERENCES)}")
    held = [options[name] for name in OPTIONS if name in options and options[name].holds]
    if not held:
        return None
    if prefer == "levers":
        return held[0]
    order = {name: i for i, name in enumerate(OPTIONS)}
    if prefer == "on_time":
        return min(held, key=lambda o: (round(o.weighted_lateness, 6), -o.margin, order[o.name]))
    return min(held, key=lambda o: (-round(o.margin, 2), o.weighted_lateness, order[o.name]))


__all__ = [
    "COUNTER",
    "DEFAULT_SURCHARGE",
    "LEVERS",
    "OPTIONS",
    "PREFERENCES",
    "Option",
    "Prefer",
    "choose",
    "measure",
    "option_policies",
]
