"""Plain tables of a plan against the client's scenario: the facts every text reads.

* :func:`task_table` — per task: the day asked, the day accepted, the delivery, how late in
  working and calendar days, whether it stays within the client's limit, and whether it waits
  for its tranche (finished by the day asked, delivered later with other tasks).
* :func:`staffing_table`, :func:`invoice_table` — who works, for how long, at what fee; what
  the client is invoiced.
* :func:`coverage_table` — who may do each task by skills and ``delegable``.

Dates follow :mod:`mission_planner.workdays`.
"""

from __future__ import annotations

import pandas as pd

from mission_planner.billing import revenue_of
from mission_planner.levers.solving import frame
from mission_planner.policy import Policy
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.workdays import (
    WorkingDays,
    accepted_instant,
    asked_instant,
    calendar_days_between,
    day_named,
    day_of,
    midnight,
)

TASK_COLUMNS = {
    "task": "string",
    "name": "string",
    "tranche": "int64",
    "urgency": "int64",
    "resources": "string",
    "asked_day": "datetime64[ns]",
    "accepted_day": "datetime64[ns]",
    "finish": "datetime64[ns]",
    "delivery": "datetime64[ns]",
    "delivery_day": "datetime64[ns]",
    "late_hours": "float64",
    "late_working_days": "int64",
    "late_calendar_days": "int64",
    "beyond_accepted_working_days": "int64",
    "on_time": "bool",
    "within_accepted": "bool",
    "waits_for_tranche": "bool",
}
"""Columns of :func:`task_table`, one row per task of the mission, in scenario order.

``asked_day`` and ``accepted_day`` are the client's days (its due date and its deadline, the
latest day it accepts), at 00:00; ``delivery`` is the planned instant (its tranche's) and
``delivery_day`` its day; ``late_*`` count from the end of the day asked
(:mod:`~mission_planner.workdays`); ``beyond_accepted_working_days`` from the end of the day
accepted; ``waits_for_tranche`` is true when the task is finished by the day asked but
delivered later with its tranche."""

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
"""Columns of :func:`staffing_table`, one row per partner who works."""

INVOICE_COLUMNS = {
    "firm": "string",
    "name": "string",
    "role": "string",
    "hours": "float64",
    "amount": "float64",
}
"""Columns of :func:`invoice_table`, one row per firm the client pays."""

COVERAGE_COLUMNS = {
    "task": "string",
    "skills": "string",
    "delegable": "bool",
    "lead_can": "bool",
    "partners": "string",
    "missing_skills": "string",
}
"""Columns of :func:`coverage_table`."""


def task_table(
    scenario: Scenario, result: PlanResult, working: WorkingDays | None = None
) -> pd.DataFrame:
    """Each task's client dates and planned delivery (:data:`TASK_COLUMNS`); empty: no plan."""
    if not result.has_plan:
        return frame([], TASK_COLUMNS)
    working = working or WorkingDays.of(scenario)
    rows: list[dict[str, object]] = []
    for d in result.deliveries.to_dict("records"):
        task = scenario.task(str(d["task"]))
        asked, accepted = asked_instant(scenario, task.id), accepted_instant(scenario, task.id)
        delivery, finish = pd.Timestamp(d["delivery"]), pd.Timestamp(d["finish"])
        rows.append(
            {
                "task": task.id,
                "name": task.name or task.id,
                "tranche": int(d["tranche"]),
                "urgency": task.urgency,
                "resources": str(d["resources"]),
                "asked_day": midnight(day_named(task.due)),
                "accepted_day": midnight(day_named(task.latest)),
                "finish": finish,
                "delivery": delivery,
                "delivery_day": midnight(day_of(delivery)),
                "late_hours": max(0.0, (delivery - asked) / pd.Timedelta(hours=1)),
                "late_working_days": working.between(asked, delivery),
                "late_calendar_days": calendar_days_between(asked, delivery),
                "beyond_accepted_working_days": working.between(accepted, delivery),
                "on_time": delivery <= asked,
                "within_accepted": delivery <= accepted,
                "waits_for_tranche": finish <= asked < delivery,
            }
        )
    return frame(rows, TASK_COLUMNS)


def weighted_lateness(tasks: pd.DataFrame) -> float:
    """Urgency x hours past the day asked, summed over the tasks of a :func:`task_table`."""
    return float((tasks["urgency"] * tasks["late_hours"]).sum())


def staffing_table(scenario: Scenario, result: PlanResult) -> pd.DataFrame:
    """Partners who work, their hours, days, real fees and the lead's coordination with them."""
    schedule = result.schedule
    work = schedule[schedule["kind"] == "mission"]
    coordination = schedule[schedule["kind"] == "coordination"]
    rows: list[dict[str, object]] = []
    for partner in scenario.partners:
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
                "fee": hours / scenario.hours_per_day * partner.day_rate,
                "kickoff": kickoff["start"].min() if not kickoff.empty else pd.NaT,
                "coordination_hours": float(managing["hours"].sum()),
            }
        )
    return frame(rows, STAFFING_COLUMNS)


def invoice_table(scenario: Scenario, result: PlanResult, staffing: pd.DataFrame) -> pd.DataFrame:
    """What the client is invoiced, by firm (:mod:`~mission_planner.billing`).

    Co-contracting: the lead's invoice (the price less partner fees) and each partner's (its
    fee). Subcontracting: one invoice, the lead's, for the whole price.
    """
    if not result.has_plan:
        return frame([], INVOICE_COLUMNS)
    work = result.schedule[result.schedule["kind"] == "mission"]
    lead_hours = float(work.loc[work["resource"] == scenario.lead.id, "hours"].sum())
    rows: list[dict[str, object]] = [
        {
            "firm": scenario.lead.id,
            "name": scenario.lead.name or scenario.lead.id,
            "role": "lead",
            "hours": lead_hours,
            "amount": revenue_of(scenario) - float(staffing["fee"].sum()),
        }
    ]
    if scenario.mission.billing == "subcontracting":
        rows[0]["amount"] = revenue_of(scenario)
        return frame(rows, INVOICE_COLUMNS)
    rows += [
        {
            "firm": r["partner"],
            "name": r["name"],
            "role": "partner",
            "hours": r["hours"],
            "amount": r["fee"],
        }
        for r in staffing.to_dict("records")
    ]
    return frame(rows, INVOICE_COLUMNS)


def coverage_table(scenario: Scenario, policy: Policy | None = None) -> pd.DataFrame:
    """Who may do each task by skills and ``delegable`` under ``policy``'s roster.

    Calendars and hour caps are not considered; a partner cap of 0 (``max_partners``) allows
    no partner. ``missing_skills`` lists, when nobody allowed can do the task, the skills
    nobody allowed has.
    """
    policy = policy or Policy()
    allowed = [p for p in scenario.partners if policy.allows(scenario, p.id)]
    if policy.partners_cap_for(scenario) == 0:
        allowed = []
    lead = None if scenario.lead.skills is None else set(scenario.lead.skills)
    rows: list[dict[str, object]] = []
    for task in scenario.mission.tasks:
        need = set(task.skills)
        lead_can = lead is None or need <= lead
        able = [p.id for p in allowed if task.delegable and need <= set(p.skills)]
        missing = ""
        if not lead_can and not able:
            have = set(lead or set())
            if task.delegable:
                for p in allowed:
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


__all__ = [
    "COVERAGE_COLUMNS",
    "INVOICE_COLUMNS",
    "STAFFING_COLUMNS",
    "TASK_COLUMNS",
    "coverage_table",
    "invoice_table",
    "staffing_table",
    "task_table",
    "weighted_lateness",
]
