"""Delegate ("déléguer une partie du job"): partners from the roster meet the client's dates.

Delegate never moves a date: every task's deadline becomes its due date, so a plan delivers
everything as asked, or there is none. The planner chooses who does what within the core's
rules — skills, partners' calendars and busy blocks, caps (``max_hours``), tasks marked
``delegable: false`` stay with the lead, at most ``mission.max_partners`` partners (the client
receives one invoice per firm involved) — minimising the scenario's objective (partner fees,
the lead's coordination time, chunks).

Trust
-----
* *Preference* (default): in the scenario the solver sees, a new partner's day rate is raised
  by ``new_partner_surcharge`` (10 % by default), so at equal fit a trusted partner is chosen.
  Fees, invoices and the margin are reported at the real rates.
* *Requirement*: ``require_trusted=True`` keeps only trusted partners (``trust: trusted``);
  the minimum trust level is then "trusted".

Coordination
------------
The lead stays the single contact: each partner who works costs the lead a kick-off
(``Scenario.kickoff_hours``) before the partner starts and a follow-up
(``coordination_share`` of the partner's hours, rounded up to the grid) by the client's limit
for the partner's tasks, both scheduled in the lead's calendar by the core (schedule rows of
kind ``coordination``) and counted in :attr:`DelegationResult.coordination_hours`. The staffing
table gives each partner's ``coordination_hours``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pandas as pd

from mission_planner.levers import messages
from mission_planner.levers._common import Settings, day_of, empty_plan, frame, midnight, solve
from mission_planner.levers.variants import (
    deadlines_at_due,
    surcharge_new_partners,
    trusted_only,
)
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario

DEFAULT_SURCHARGE = 0.1
"""Default ``new_partner_surcharge``: new partners look 10 % dearer to the solver."""

STAFFING_COLUMNS = {
    "partner": "string",
    "name": "string",
    "trust": "string",
    "tasks": "string",
    "hours": "float64",
    "first_day": "datetime64[ns]",
    "last_day": "datetime64[ns]",
    "day_rate": "float64",
    "fee": "float64",
    "kickoff": "datetime64[ns]",
    "coordination_hours": "float64",
}
"""Columns of :attr:`DelegationResult.staffing`."""

INVOICE_COLUMNS = {
    "firm": "string",
    "name": "string",
    "role": "string",
    "hours": "float64",
    "amount": "float64",
}
"""Columns of :attr:`DelegationResult.invoices`."""

COVERAGE_COLUMNS = {
    "task": "string",
    "skills": "string",
    "delegable": "bool",
    "lead_can": "bool",
    "partners": "string",
    "missing_skills": "string",
}
"""Columns of :attr:`DelegationResult.coverage`."""


@dataclass(frozen=True)
class DelegationResult:
    """Who does what so that every asked date holds, and what it costs.

    Attributes
    ----------
    scenario
        The variant planned: every deadline at its due date, new partners dropped
        (``require_trusted``) or surcharged.
    plan
        Its plan (``check(scenario, plan) == []``).
    staffing
        One row per partner who works: ``partner``, ``name``, ``trust``, ``tasks``
        (comma-joined), ``hours``, ``first_day``, ``last_day``, ``day_rate`` (real), ``fee``
        (hours / ``hours_per_day`` x real day rate), ``kickoff`` (when the lead's kick-off with
        the partner starts; NaT without one) and ``coordination_hours`` (the lead's kick-off and
        follow-up hours with the partner).
    invoices
        What the client receives, one invoice per firm: the lead's (``role`` ``lead``, amount =
        the mission price less the partners' invoices) and one per partner (its fee). The
        amounts add up to the mission price.
    coverage
        One row per task: ``task``, ``skills``, ``delegable``, ``lead_can`` (skills), the
        ``partners`` able to do it, and the ``missing_skills`` when nobody can.
    lead_hours
        The lead's hours of mission work in the plan (coordination excluded).
    coordination_hours
        The lead's kick-off and follow-up hours with the partners, as scheduled.
    revenue, partner_fees, margin
        Mission price, partner fees at real rates, and their difference.
    text, explanation, runtime
        The staffing in words; why there is no plan; seconds for the call.
    """

    scenario: Scenario
    plan: PlanResult
    staffing: pd.DataFrame
    invoices: pd.DataFrame
    coverage: pd.DataFrame
    lead_hours: float
    coordination_hours: float
    revenue: float
    partner_fees: float
    margin: float
    text: str
    explanation: list[str] = field(default_factory=list)
    runtime: float = 0.0

    @property
    def feasible(self) -> bool:
        """True when every asked date holds with the roster."""
        return self.plan.has_plan

    @property
    def partners(self) -> list[str]:
        """Ids of the partners who work on the mission."""
        return [str(p) for p in self.staffing["partner"]]

    @property
    def missing_skills(self) -> dict[str, list[str]]:
        """Tasks nobody able may do, with the skills missing."""
        rows = self.coverage[self.coverage["missing_skills"] != ""]
        return {
            str(r["task"]): str(r["missing_skills"]).split(",") for r in rows.to_dict("records")
        }


def delegate(
    scenario: Scenario,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 2,
    require_trusted: bool = False,
    new_partner_surcharge: float = DEFAULT_SURCHARGE,
    language: str = "en",
) -> DelegationResult:
    """Staff the mission with partners so that every asked date holds.

    Parameters
    ----------
    scenario
        The scenario as given (never modified).
    time_limit, seed, workers
        Solver settings (see :func:`mission_planner.plan`).
    require_trusted
        Only partners with ``trust: trusted`` may work.
    new_partner_surcharge
        Share added to new partners' day rates in the solver's objective (0 = no preference).
    language
        ``"en"`` or ``"fr"``, for :attr:`DelegationResult.text`.

    Returns
    -------
    DelegationResult
        Staffing, invoices, coordination and margin, or why no staffing meets the dates.
    """
    started = time.perf_counter()
    messages.check_language(language)
    settings = Settings(time_limit, seed, workers)
    variant = delegation_scenario(
        scenario, require_trusted=require_trusted, new_partner_surcharge=new_partner_surcharge
    )
    coverage = coverage_table(variant)
    missing = coverage[coverage["missing_skills"] != ""]
    if len(missing):
        gaps = {
            str(r["task"]): str(r["missing_skills"]).split(",") for r in missing.to_dict("records")
        }
        why = [messages.nobody_has_skills(gaps, language)]
        result = empty_plan(settings, why, list(gaps))
    else:
        result = solve(variant, settings)
        why = [] if result.has_plan else list(result.explanation)
    return build_delegation(scenario, variant, result, coverage, why, started, language)


def delegation_scenario(
    scenario: Scenario,
    *,
    require_trusted: bool = False,
    new_partner_surcharge: float = DEFAULT_SURCHARGE,
) -> Scenario:
    """The variant delegate plans: deadlines at due, trust required or preferred."""
    variant = deadlines_at_due(scenario)
    if require_trusted:
        variant = trusted_only(variant)
    if new_partner_surcharge:
        variant = surcharge_new_partners(variant, new_partner_surcharge)
    return variant


def coverage_table(scenario: Scenario) -> pd.DataFrame:
    """Who may do each task by skills and ``delegable`` (calendars and caps not considered).

    Partners busy every day of the horizon (see :func:`~.variants.trusted_only`) count as
    unavailable.
    """
    n_days = (scenario.end - scenario.start).days + 1
    available = [
        p for p in scenario.partners if len({b.date for b in p.busy if b.time is None}) < n_days
    ]
    lead = None if scenario.lead.skills is None else set(scenario.lead.skills)
    rows: list[dict[str, object]] = []
    for task in scenario.mission.tasks:
        need = set(task.skills)
        lead_can = lead is None or need <= lead
        able = [p.id for p in available if task.delegable and need <= set(p.skills)]
        missing = ""
        if not lead_can and not able:
            have = set(lead or set())
            if task.delegable:
                for p in available:
                    have |= set(p.skills)
            missing = ",".join(sorted(need - have)) or ",".join(sorted(need))
        rows.append(
            {
                "task": task.id,
                "skills": ",".join(task.skills),
                "delegable": task.delegable,
                "lead_can": lead_can,
                "partners": ",".join(able),
                "missing_skills": missing,
            }
        )
    return frame(rows, COVERAGE_COLUMNS)


def staffing_tables(
    original: Scenario, result: PlanResult
) -> tuple[pd.DataFrame, pd.DataFrame, float, float, float]:
    """``(staffing, invoices, lead_hours, partner_fees, margin)`` at ``original``'s rates."""
    schedule = result.schedule
    work = schedule[schedule["kind"] == "mission"]
    hours_per_day = original.hours_per_day
    revenue = (
        sum(t.effort_hours for t in original.mission.tasks)
        / hours_per_day
        * original.mission.sale_day_rate
    )
    coordination = schedule[schedule["kind"] == "coordination"]
    rows: list[dict[str, object]] = []
    for partner in original.partners:
        mine = work[work["resource"] == partner.id]
        if mine.empty:
            continue
        hours = float(mine["hours"].sum())
        managing = coordination[coordination["task"].str.endswith(f":{partner.id}")]
        kickoff = managing[managing["task"].str.startswith("kickoff:")]
        tasks = list(dict.fromkeys(str(t) for t in mine.sort_values("start")["task"]))
        rows.append(
            {
                "partner": partner.id,
                "name": partner.name or partner.id,
                "trust": partner.trust.value,
                "tasks": ",".join(tasks),
                "hours": hours,
                "first_day": midnight(pd.Timestamp(mine["date"].min()).date()),
                "last_day": midnight(day_of(pd.Timestamp(mine["end"].max()))),
                "day_rate": partner.day_rate,
                "fee": hours / hours_per_day * partner.day_rate,
                "kickoff": kickoff["start"].min() if not kickoff.empty else pd.NaT,
                "coordination_hours": float(managing["hours"].sum()),
            }
        )
    staffing = frame(rows, STAFFING_COLUMNS)
    fees = float(staffing["fee"].sum())
    lead_hours = float(work.loc[work["resource"] == original.lead.id, "hours"].sum())
    invoices = [
        {
            "firm": original.lead.id,
            "name": original.lead.name or original.lead.id,
            "role": "lead",
            "hours": lead_hours,
            "amount": revenue - fees,
        }
    ]
    invoices += [
        {
            "firm": r["partner"],
            "name": r["name"],
            "role": "partner",
            "hours": r["hours"],
            "amount": r["fee"],
        }
        for r in rows
    ]
    return staffing, frame(invoices, INVOICE_COLUMNS), lead_hours, fees, revenue - fees


def build_delegation(
    original: Scenario,
    variant: Scenario,
    result: PlanResult,
    coverage: pd.DataFrame,
    explanation: list[str],
    started: float,
    language: str,
) -> DelegationResult:
    """Assemble a :class:`DelegationResult` from a plan of ``variant``."""
    staffing, invoices, lead_hours, fees, margin = staffing_tables(original, result)
    revenue = fees + margin
    coordination = float(result.objective_terms.get("coordination_hours", 0.0))
    if not result.has_plan:
        staffing, invoices = staffing.iloc[0:0], invoices.iloc[0:0]
    text = messages.delegation_text(
        original, result, staffing, invoices, coordination, margin, explanation, language
    )
    return DelegationResult(
        scenario=variant,
        plan=result,
        staffing=staffing,
        invoices=invoices,
        coverage=coverage,
        lead_hours=lead_hours,
        coordination_hours=coordination,
        revenue=revenue,
        partner_fees=fees,
        margin=margin,
        text=text,
        explanation=explanation,
        runtime=time.perf_counter() - started,
    )


__all__ = [
    "COVERAGE_COLUMNS",
    "DEFAULT_SURCHARGE",
    "INVOICE_COLUMNS",
    "STAFFING_COLUMNS",
    "DelegationResult",
    "delegate",
    "delegation_scenario",
]
