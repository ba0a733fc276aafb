"""The recommended option's plan, stated in the terms of the scenario as given.

Each option of :func:`~mission_planner.levers.advise` is planned on a *variant* of the
scenario (deadlines set to the due dates or to the horizon's end, new partners' rates raised
by a surcharge, policy weights), so its plan's figures are those of the variant. A consultant
who saves the recommended plan checks it against the scenario file they wrote: this module
restates the figures that depend on the variant, so that ``mission-planner check SCENARIO
PLAN.json`` reads it as a plan of that scenario.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pandas as pd

from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.scenario.mission import moment_end

if TYPE_CHECKING:
    from mission_planner.levers.advise import Advice


def recommended_plan(advice: Advice) -> PlanResult | None:
    """The recommended option's plan restated against ``advice.scenario`` (None: decline)."""
    chosen = advice.chosen
    if chosen is None or not chosen.plan.has_plan:
        return None
    return restate(chosen.plan, advice.scenario)


def restate(result: PlanResult, scenario: Scenario) -> PlanResult:
    """``result``, planned on a variant of ``scenario``, with the figures of ``scenario``.

    The schedule is kept as planned. Restated: each task's ``deadline`` (its deadline in
    ``scenario``, a date meaning 24:00) and ``within_deadline`` in ``deliveries``; each
    tranche's ``deadline`` (the earliest of its tasks'); the ``day_rate`` and ``fee`` of
    every person in ``costs`` at their real rates, and ``partner_fees`` and ``margin`` from
    them. The objective and its terms stay those the option's solve minimised.

    Parameters
    ----------
    result
        A plan of a variant of ``scenario`` with the same people, tasks, due dates and horizon.
    scenario
        The scenario as given.

    Returns
    -------
    PlanResult
        A new result; ``result`` is not modified. Without a plan, ``result`` itself.
    """
    if not result.has_plan:
        return result
    limits = {t.id: pd.Timestamp(moment_end(t.latest)) for t in scenario.mission.tasks}
    deliveries = result.deliveries.copy()
    deliveries["deadline"] = deliveries["task"].map(limits).astype("datetime64[ns]")
    deliveries["within_deadline"] = (deliveries["delivery"] <= deliveries["deadline"]).astype(
        "bool"
    )
    tranches = result.tranches.copy()
    earliest = deliveries.groupby("tranche")["deadline"].min()
    tranches["deadline"] = tranches["tranche"].map(earliest).astype("datetime64[ns]")
    rates = {scenario.lead.id: scenario.lead.day_rate}
    rates.update({p.id: p.day_rate for p in scenario.partners})
    costs = result.costs.copy()
    costs["day_rate"] = costs["resource"].map(rates).astype("float64")
    costs["fee"] = costs["hours"] / scenario.hours_per_day * costs["day_rate"]
    fees = float(costs.loc[costs["role"] == "partner", "fee"].sum())
    return dataclasses.replace(
        result,
        deliveries=deliveries,
        tranches=tranches,
        costs=costs,
        partner_fees=fees,
        margin=result.revenue - fees,
    )


__all__ = ["recommended_plan", "restate"]
