"""Delegate ("déléguer une partie du job"): partners from the roster keep the days asked.

The client's scenario is planned under the ``delegate`` policy
(:func:`~mission_planner.levers.options.option_policies`): every task by the day asked, the
roster allowed (all partners, or only those the lead knows with ``require_trusted``), new
partners looking ``new_partner_surcharge`` dearer to the solver. The planner chooses who does
what within the core's rules — skills, partners' calendars and busy days, caps
(``max_hours``), tasks marked ``delegable: false`` stay with the lead, at most
``mission.max_partners`` partners (one invoice per firm) — minimising the scenario's objective
(fees, the lead's coordination time, chunks).

The lead stays the single contact: each partner who works costs the lead a kick-off
(``Scenario.kickoff_hours``) and a follow-up (``coordination_share`` of the partner's hours),
scheduled in the lead's calendar (schedule rows of kind ``coordination``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pandas as pd

from mission_planner.billing import revenue_of
from mission_planner.levers.options import DEFAULT_SURCHARGE, option_policies
from mission_planner.levers.solving import known_infeasible
from mission_planner.levers.tables import (
    coverage_table,
    invoice_table,
    staffing_table,
    task_table,
)
from mission_planner.planner import plan
from mission_planner.policy import Policy
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.settings import SolveSettings, settings_of
from mission_planner.texts import check_language, render


@dataclass(frozen=True)
class DelegationResult:
    """Who does what so that every day asked holds, and what it costs.

    Attributes
    ----------
    policy, plan
        The policy planned and its plan (``check(scenario, plan) == []``).
    tasks
        Per task, the client's days and the delivery
        (:data:`~mission_planner.levers.tables.TASK_COLUMNS`).
    staffing, invoices, coverage
        :data:`~mission_planner.levers.tables.STAFFING_COLUMNS`, ``INVOICE_COLUMNS`` and
        ``COVERAGE_COLUMNS``: partners who work, one invoice per firm (they add up to the
        mission's price), who may do each task.
    lead_hours, coordination_hours, revenue, partner_fees, margin
        The lead's own mission hours; kick-off and follow-up hours; price; fees at real rates;
        price less fees.
    text, explanation, runtime
        The staffing in words (``language``); why there is no plan; seconds for the call.
    """

    policy: Policy
    plan: PlanResult
    tasks: pd.DataFrame
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
        """True when every day asked holds with the roster."""
        return self.plan.has_plan

    @property
    def partners(self) -> list[str]:
        """Ids of the partners who work on the mission."""
        return [str(p) for p in self.staffing["partner"]]

    @property
    def missing_skills(self) -> dict[str, list[str]]:
        """Tasks nobody allowed may do, with the skills missing."""
        rows = self.coverage[self.coverage["missing_skills"] != ""]
        return {
            str(r["task"]): str(r["missing_skills"]).split(",") for r in rows.to_dict("records")
        }


def delegate(
    scenario: Scenario,
    *,
    settings: SolveSettings | None = None,
    time_limit: float | None = None,
    seed: int | None = None,
    workers: int | None = None,
    require_trusted: bool = False,
    new_partner_surcharge: float = DEFAULT_SURCHARGE,
    language: str = "fr",
) -> DelegationResult:
    """Staff the mission with partners so that every day asked holds.

    Parameters
    ----------
    scenario
        The client's scenario (never modified).
    settings, time_limit, seed, workers
        The call's budget and solver settings (:class:`~mission_planner.SolveSettings`).
    require_trusted
        Only partners with ``trust: trusted`` may work.
    new_partner_surcharge
        Share added to new partners' day rates in the solver's objective (0: no preference).
    language
        ``"fr"`` or ``"en"``, for :attr:`DelegationResult.text`.

    Returns
    -------
    DelegationResult
        Staffing, invoices, coordination and margin, or why no staffing keeps the days asked.
    """
    started = time.perf_counter()
    check_language(language)
    chosen = settings_of(settings, time_limit=time_limit, seed=seed, workers=workers)
    policy = option_policies(
        scenario, require_trusted=require_trusted, new_partner_surcharge=new_partner_surcharge
    )["delegate"]
    coverage = coverage_table(scenario, policy)
    missing = coverage[coverage["missing_skills"] != ""]
    if len(missing):
        why = [
            render("missing_skills.txt", "en", rows=missing.to_dict("records")),
        ]
        result = known_infeasible(chosen, why, [str(t) for t in missing["task"]])
    else:
        result = plan(scenario, policy=policy, settings=chosen)
    staffing = staffing_table(scenario, result)
    invoices = invoice_table(scenario, result, staffing)
    work = result.schedule[result.schedule["kind"] == "mission"]
    lead_hours = float(work.loc[work["resource"] == scenario.lead.id, "hours"].sum())
    fees = float(staffing["fee"].sum())
    revenue = revenue_of(scenario)
    tasks = task_table(scenario, result)
    explanation = [] if result.has_plan else list(result.explanation)
    text = render(
        "delegation_brief.txt",
        language,
        feasible=result.has_plan,
        lead=scenario.lead.name or scenario.lead.id,
        staffing=staffing.to_dict("records"),
        names={t.id: t.name or t.id for t in scenario.mission.tasks},
        coordination=float(staffing["coordination_hours"].sum()),
        revenue=revenue,
        fees=fees,
        margin=revenue - fees,
        missing=missing.to_dict("records"),
        explanation=explanation,
    )
    return DelegationResult(
        policy=policy,
        plan=result,
        tasks=tasks,
        staffing=staffing,
        invoices=invoices,
        coverage=coverage,
        lead_hours=lead_hours,
        coordination_hours=float(staffing["coordination_hours"].sum()),
        revenue=revenue,
        partner_fees=fees,
        margin=revenue - fees,
        text=text,
        explanation=explanation,
        runtime=time.perf_counter() - started,
    )


__all__ = ["DelegationResult", "delegate"]
