"""The facts the advice's texts read: plain data from the options, never computed in a template.

:func:`advice_facts` hands the templates (:mod:`mission_planner.texts.advice`) names, per-task
dates, partners with the trust the client should hear of, invoicing milestones and each
option's figures and first reason, in every language.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import pandas as pd

from mission_planner.billing import invoices_count, milestone_table, revenue_of
from mission_planner.diagnosis import causes_of, sentences
from mission_planner.levers.options import COUNTER, OPTIONS, Option, Prefer, option_policies
from mission_planner.levers.tables import coverage_table
from mission_planner.scenario import Scenario, Trust
from mission_planner.texts import LANGUAGES


class Recommendation(StrEnum):
    """What to answer the client."""

    AS_ASKED = "accept as asked"
    NEGOTIATED = "accept with the client's flexibility"
    PARTNERS = "accept with partners"
    SPREAD = "accept with more deliveries"
    MIX = "accept with a mix"
    COUNTER_PROPOSAL = "propose other dates"
    UNDECIDED = "no answer within the time limit"
    DECLINE = "decline"


def advice_facts(
    prefer: Prefer,
    scenario: Scenario,
    options: dict[str, Option],
    best: Option | None,
    recommendation: Recommendation,
    counter: Option | None,
    tradeoffs: pd.DataFrame,
) -> dict[str, Any]:
    """Plain data the texts read: names, per-task dates, partners, options' figures."""
    chosen = best if best is not None else counter
    tasks = [] if chosen is None else chosen.tasks.to_dict("records")
    names = {t.id: t.name or t.id for t in scenario.mission.tasks}
    partners = []
    if chosen is not None:
        trust = {p.id: p.trust is Trust.TRUSTED for p in scenario.partners}
        for r in chosen.staffing.to_dict("records"):
            partners.append(
                {
                    "name": r["name"],
                    "trusted": trust[str(r["partner"])],
                    "tasks": [names[t] for t in str(r["tasks"]).split(",") if t],
                }
            )
    tranches = []  # what the client receives on each day (tranches delivered the same day, one)
    for number, day in enumerate(sorted({t["delivery_day"] for t in tasks}), start=1):
        members = [t for t in tasks if t["delivery_day"] == day]
        tranches.append({"number": number, "day": day, "tasks": members})
    milestones = milestone_table(scenario, chosen.plan.deliveries) if chosen else None
    return {
        "billing": scenario.mission.billing,
        "price": revenue_of(scenario),
        "vat": scenario.mission.vat_rate > 0,
        "milestones": [] if milestones is None else _named(milestones, names),
        "mission": scenario.mission.name,
        "client": scenario.mission.client,
        "lead": scenario.lead.name or scenario.lead.id,
        "recommendation": recommendation.name,
        "best": None if best is None else best.name,
        "best_late_days": None if best is None else best.late_working_days,
        "horizon_end": scenario.end,
        "planned_deliveries": scenario.mission.max_tranches,
        "tasks": tasks,
        "tranches": tranches,
        "partners": partners,
        "invoices": invoices_count(scenario, len(partners)),
        "dates_moved": any(not t["on_time"] for t in tasks),
        "options": [option_facts(options[name], scenario) for name in OPTIONS],
        "counter": None if counter is None else option_facts(counter, scenario),
        "tradeoffs": tradeoffs.to_dict("records"),
        "prefer": prefer,
        "decline_skills": _missing_skills(scenario, recommendation),
    }


def _missing_skills(scenario: Scenario, recommendation: Recommendation) -> list[dict[str, Any]]:
    """When declining: tasks nobody the roster rules allow can do, with the skills missing."""
    if recommendation is not Recommendation.DECLINE:
        return []
    coverage = coverage_table(scenario, option_policies(scenario)[COUNTER])
    names = {t.id: t.name or t.id for t in scenario.mission.tasks}
    return [
        {"task": names[str(r["task"])], "skills": str(r["missing_skills"]).split(",")}
        for r in coverage.to_dict("records")
        if r["missing_skills"]
    ]


def _named(milestones: pd.DataFrame, names: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            **{str(k): v for k, v in row.items()},
            "names": [names[t] for t in str(row["tasks"]).split(",")],
        }
        for row in milestones.to_dict("records")
    ]


def option_facts(option: Option, scenario: Scenario) -> dict[str, Any]:
    """One option's figures for the texts, with its first reason in every language."""
    names = scenario.display_names()
    causes = causes_of(option.plan.causes)
    return {
        "name": option.name,
        "holds": option.holds,
        "undecided": option.undecided,
        "late_tasks": len(option.late_tasks),
        "late_working_days": option.late_working_days,
        "beyond_accepted": len(option.beyond_accepted),
        "partners": list(option.staffing["name"]),
        "fees": option.fees,
        "margin": option.margin,
        "lead_hours": option.lead_hours,
        "tranches": option.tranches,
        "overrides": list(option.overrides),
        "why": {
            language: sentences(causes, language, lead=scenario.lead.id, names=names)[:1]
            or option.plan.explanation[:1]
            for language in LANGUAGES
        },
        "tasks": option.tasks.to_dict("records"),
    }


__all__ = ["Recommendation", "advice_facts", "option_facts"]
