"""How to plan the client's scenario: which dates are hard, who may work, what the solver weighs.

The client's :class:`~mission_planner.scenario.Scenario` is the one reference: a lever never
rewrites it. A :class:`Policy` says how one solve reads it, and every table, figure and
sentence is still computed against the scenario (asked date, accepted date, real rates).

========================  ===========================================================
``dates``                 the hard limit of each task: ``"asked"`` (its due date),
                          ``"accepted"`` (its deadline, the latest date the client
                          accepts; the default), ``"horizon"`` (any date in the horizon)
                          or a mapping ``{task: date}`` (a proposed date; other tasks
                          keep their accepted date)
``roster``                who may work besides the lead: ``"all"``, ``"trusted"``,
                          ``"none"`` (the lead alone) or a tuple of partner ids
``new_partner_surcharge`` new partners look this much dearer to the solver (0.1 = 10 %);
                          fees are always reported at the real rates
``weights``               objective weights (default: the scenario's)
``max_tranches``          most deliveries (default: the mission's)
``max_partners``          most partners (default: the mission's)
``targets``               the date a task's lateness is counted from in the objective
                          (default: its due date)
``urgency``               a task's urgency in the objective (default: the task's)
``promised``              dates promised to the client in a previous plan: each task
                          is delivered by its promise (and by its hard limit); the
                          lead's follow-up with partners may still run to the hard limit
``kicked_off``            partners whose kick-off with the lead already took place
``coordinated_before``    per partner, hours delegated and hours of the lead's follow-up
                          before a re-plan: the follow-up owed is what the whole needs
                          beyond what was done
``baseline``              a previous plan the solve stays close to, and the price of
                          each change (see :mod:`mission_planner.baseline`; set by
                          :func:`~mission_planner.replan`)
``opportunities``         how missions not yet won are treated: ``"ignore"`` (the
                          default), ``"expected"`` (reserve the lead's expected load,
                          probability x effort rounded to the grid, inside the
                          opportunity's window), ``"all"`` (reserve all its work), or a
                          mapping ``{opportunity: treatment}`` (others ignored)
========================  ===========================================================
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mission_planner.baseline import Baseline
from mission_planner.scenario import Opportunity, Scenario, Trust, Weights
from mission_planner.scenario.mission import moment_end

DateRule = Literal["asked", "accepted", "horizon"]
RosterRule = Literal["all", "trusted", "none"]
Treatment = Literal["ignore", "expected", "all"]
TREATMENTS: tuple[Treatment, ...] = ("ignore", "expected", "all")


class Policy(BaseModel):
    """How one solve reads the scenario (see the module docstring).

    Examples
    --------
    >>> Policy(dates="asked", roster="none")  # the lead alone, every task by its due date
    Policy(dates='asked', roster='none', ...)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    dates: DateRule | dict[str, dt.date | dt.datetime] = "accepted"
    roster: RosterRule | tuple[str, ...] = "all"
    new_partner_surcharge: float = Field(default=0.0, ge=0, le=10)
    weights: Weights | None = None
    max_tranches: int | None = Field(default=None, ge=1)
    max_partners: int | None = Field(default=None, ge=0)
    targets: dict[str, dt.date | dt.datetime] = Field(default_factory=dict)
    urgency: dict[str, int] = Field(default_factory=dict)
    promised: dict[str, dt.datetime] = Field(default_factory=dict)
    kicked_off: tuple[str, ...] = ()
    coordinated_before: dict[str, tuple[float, float]] = Field(default_factory=dict)
    baseline: Baseline | None = None
    opportunities: Treatment | dict[str, Treatment] = "ignore"

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={value!r}"
            for name, value in self
            if value != type(self).model_fields[name].get_default(call_default_factory=True)
        )
        return f"Policy({shown})"

    @model_validator(mode="after")
    def _urgencies(self) -> Policy:
        for task, value in self.urgency.items():
            if not 0 <= value <= 1000:
                raise ValueError(f"Policy: urgency[{task!r}]={value} must be between 0 and 1000")
        return self

    # ------------------------------------------------------------------ reading
    def check(self, scenario: Scenario) -> None:
        """Raise ``ValueError`` naming the field and value that do not fit ``scenario``."""
        tasks = {t.id for t in scenario.mission.tasks}
        for name, mapping in (
            ("dates", self.dates if isinstance(self.dates, dict) else {}),
            ("targets", self.targets),
            ("urgency", self.urgency),
            ("promised", self.promised),
        ):
            unknown = sorted(set(mapping) - tasks)
            if unknown:
                raise ValueError(f"Policy: {name} names unknown task(s) {unknown}")
        if isinstance(self.opportunities, dict):
            known = {o.id for o in scenario.opportunities}
            unknown = sorted(set(self.opportunities) - known)
            if unknown:
                raise ValueError(f"Policy: opportunities names unknown opportunity(ies) {unknown}")
        if isinstance(self.roster, tuple):
            known = {p.id for p in scenario.partners}
            unknown = sorted(set(self.roster) - known)
            if unknown:
                raise ValueError(f"Policy: roster names unknown partner(s) {unknown}")
        partners = {p.id for p in scenario.partners}
        for name, names in (
            ("kicked_off", self.kicked_off),
            ("coordinated_before", tuple(self.coordinated_before)),
        ):
            unknown = sorted(set(names) - partners)
            if unknown:
                raise ValueError(f"Policy: {name} names unknown partner(s) {unknown}")

    def hard_limit(self, scenario: Scenario, task_id: str) -> dt.datetime:
        """The instant task ``task_id`` must be delivered by under this policy."""
        task = scenario.task(task_id)
        if isinstance(self.dates, dict):
            chosen = self.dates.get(task_id)
            return moment_end(task.latest if chosen is None else chosen)
        if self.dates == "asked":
            return moment_end(task.due)
        if self.dates == "horizon":
            return moment_end(scenario.end)
        return moment_end(task.latest)

    def delivery_limit(self, scenario: Scenario, task_id: str) -> dt.datetime:
        """The instant ``task_id`` is delivered by: its hard limit, or its promise if earlier."""
        limit = self.hard_limit(scenario, task_id)
        promise = self.promised.get(task_id)
        return limit if promise is None else min(limit, promise)

    def target(self, scenario: Scenario, task_id: str) -> dt.datetime:
        """The instant lateness is counted from for ``task_id`` in the objective."""
        chosen = self.targets.get(task_id)
        return moment_end(scenario.task(task_id).due if chosen is None else chosen)

    def allows(self, scenario: Scenario, partner_id: str) -> bool:
        """Whether partner ``partner_id`` may work on the mission."""
        if self.roster == "all":
            return True
        if self.roster == "none":
            return False
        if self.roster == "trusted":
            trust = {p.id: p.trust for p in scenario.partners}
            return trust.get(partner_id) is Trust.TRUSTED
        return partner_id in self.roster

    def weights_for(self, scenario: Scenario) -> Weights:
        """The objective weights of the solve."""
        return self.weights if self.weights is not None else scenario.weights

    def tranches_for(self, scenario: Scenario) -> int:
        """Most deliveries of the solve."""
        return self.max_tranches if self.max_tranches is not None else scenario.mission.max_tranches

    def partners_cap_for(self, scenario: Scenario) -> int | None:
        """Most partners of the solve (``None``: no cap)."""
        if self.max_partners is not None:
            return self.max_partners
        return scenario.mission.max_partners

    def treatment(self, opportunity: str) -> Treatment:
        """How the opportunity with this id is treated (``"ignore"`` when a mapping omits it)."""
        if isinstance(self.opportunities, dict):
            return self.opportunities.get(opportunity, "ignore")
        return self.opportunities

    def reserved(self, scenario: Scenario) -> list[tuple[Opportunity, float]]:
        """Each opportunity whose work the plan reserves, with the lead's hours reserved.

        ``"all"`` reserves its ``effort_hours``; ``"expected"`` reserves ``probability x
        effort_hours`` rounded to the nearest step of the grid (half a step up), and nothing
        when that rounds to zero.
        """
        step = scenario.granularity_minutes
        out = []
        for opp in scenario.opportunities:
            rule = self.treatment(opp.id)
            if rule == "all":
                out.append((opp, opp.effort_hours))
            elif rule == "expected":
                steps = math.floor(opp.probability * opp.effort_hours * 60 / step + 0.5 + 1e-9)
                if steps:
                    out.append((opp, steps * step / 60))
        return out

    def overrides(self, scenario: Scenario) -> list[str]:
        """The scenario values this policy replaces, in words (``"max_tranches 3 -> 5"``)."""
        out = []
        if self.max_tranches is not None and self.max_tranches != scenario.mission.max_tranches:
            out.append(f"max_tranches {scenario.mission.max_tranches} -> {self.max_tranches}")
        cap = scenario.mission.max_partners
        if self.max_partners is not None and self.max_partners != cap:
            out.append(f"max_partners {'none' if cap is None else cap} -> {self.max_partners}")
        if self.weights is not None and self.weights != scenario.weights:
            out.append("weights")
        return out


SCENARIO_AS_WRITTEN = Policy()
"""The scenario read as written: the client's accepted dates, the whole roster."""


__all__ = ["SCENARIO_AS_WRITTEN", "TREATMENTS", "DateRule", "Policy", "RosterRule", "Treatment"]
