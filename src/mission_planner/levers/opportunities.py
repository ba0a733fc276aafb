"""If an opportunity is also won: which promises of the new mission break, and what to ask then.

The promise is the recommended plan: each task's delivery day. For each opportunity that plan
does not already reserve in full, :func:`if_won` plans the scenario again under the same
policy with all of that opportunity's work reserved (the others as before), any date in the
horizon, lateness counted from the promised days and weighed first
(:func:`~mission_planner.levers.solving.lateness_first`): the least the promises move. A task
delivered after its promised day is a broken promise; its new day is what to negotiate with
the client if the opportunity is won.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from mission_planner.levers.options import Option
from mission_planner.levers.solving import Solved, frame, lateness_first, solve_policies
from mission_planner.levers.tables import task_table
from mission_planner.policy import Policy, Treatment
from mission_planner.scenario import Opportunity, Scenario
from mission_planner.settings import Clock, SolveSettings
from mission_planner.workdays import WorkingDays

IF_WON_COLUMNS = {
    "opportunity": "string",
    "client": "string",
    "probability": "float64",
    "status": "string",
    "task": "string",
    "name": "string",
    "asked_day": "datetime64[ns]",
    "promised_day": "datetime64[ns]",
    "won_day": "datetime64[ns]",
    "late_working_days": "Int64",
    "beyond_promise_working_days": "Int64",
    "within_accepted": "boolean",
    "breaks": "bool",
}
"""Columns of :attr:`Advice.if_won <mission_planner.levers.advise.Advice.if_won>`: one row per
opportunity re-checked and task of the mission. ``promised_day`` is the recommended plan's
delivery day, ``won_day`` the delivery day if the opportunity is also won (empty without a
plan), ``late_working_days`` the working days past the day asked then,
``beyond_promise_working_days`` past the promised day, ``within_accepted`` whether that day
is within the latest the client accepts; ``breaks``: delivered after the promised day (or no
plan)."""


def won_policy(policy: Policy, scenario: Scenario, opportunity: str, promised: Option) -> Policy:
    """``policy`` with all of ``opportunity``'s work reserved, dates free, lateness first.

    Lateness counts from each task's promised day (its delivery day in ``promised``).
    """
    treatments: dict[str, Treatment] = {
        o.id: policy.treatment(o.id) for o in scenario.opportunities
    }
    treatments[opportunity] = "all"
    targets = {
        str(t["task"]): pd.Timestamp(t["delivery_day"]).date()
        for t in promised.tasks.to_dict("records")
    }
    data = policy.model_dump()
    data.update(
        dates="horizon",
        targets=targets,
        opportunities=treatments,
        weights=lateness_first(scenario).model_dump(),
    )
    return Policy.model_validate(data)


def to_recheck(scenario: Scenario, policy: Policy) -> list[Opportunity]:
    """Opportunities whose work ``policy`` does not already reserve in full."""
    return [o for o in scenario.opportunities if policy.treatment(o.id) != "all"]


def if_won(
    scenario: Scenario,
    promised: Option | None,
    settings: SolveSettings,
    clock: Clock,
    share: float,
) -> pd.DataFrame:
    """Each opportunity re-checked against the promised plan (:data:`IF_WON_COLUMNS`).

    Empty without a promised plan or without an opportunity to re-check. The solves share
    ``share`` of the time left on ``clock``.
    """
    if promised is None or not promised.holds:
        return frame([], IF_WON_COLUMNS)
    chosen = to_recheck(scenario, promised.policy)
    jobs = [(o.id, won_policy(promised.policy, scenario, o.id, promised)) for o in chosen]
    solved = solve_policies(scenario, jobs, settings, clock, share=share) if jobs else []
    working = WorkingDays.of(scenario)
    rows: list[dict[str, object]] = []
    for opp, result in zip(chosen, solved, strict=True):
        rows += _rows(scenario, opp, promised, result, working)
    return frame(rows, IF_WON_COLUMNS)


def _rows(
    scenario: Scenario,
    opp: Opportunity,
    promised: Option,
    solved: Solved | None,
    working: WorkingDays,
) -> list[dict[str, object]]:
    status = "not solved" if solved is None else solved.plan.status.value
    won = (
        {str(r["task"]): r for r in task_table(scenario, solved.plan, working).to_dict("records")}
        if solved is not None and solved.plan.has_plan
        else None
    )
    rows: list[dict[str, object]] = []
    for t in promised.tasks.to_dict("records"):
        promised_day = pd.Timestamp(t["delivery_day"])
        row: dict[str, object] = {
            "opportunity": opp.id,
            "client": opp.client,
            "probability": opp.probability,
            "status": status,
            "task": t["task"],
            "name": t["name"],
            "asked_day": t["asked_day"],
            "promised_day": promised_day,
            "won_day": pd.NaT,
            "late_working_days": None,
            "beyond_promise_working_days": None,
            "within_accepted": None,
            "breaks": True,
        }
        if won is not None:
            mine = won[str(t["task"])]
            row["won_day"] = mine["delivery_day"]
            row["late_working_days"] = int(mine["late_working_days"])
            end_of_promise = promised_day + pd.Timedelta(days=1)
            row["beyond_promise_working_days"] = working.between(end_of_promise, mine["delivery"])
            row["within_accepted"] = bool(mine["within_accepted"])
            row["breaks"] = bool(mine["delivery_day"] > promised_day)
        rows.append(row)
    return rows


def if_won_facts(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Per opportunity re-checked, what the texts say.

    Whether a plan exists, and the broken promises: task name, promised day, new day, working
    days past the day asked and past the promise.
    """
    facts = []
    for opp, rows in table.groupby("opportunity", sort=False):
        first = rows.iloc[0]
        broken = rows[rows["breaks"]]
        has_plan = bool(rows["won_day"].notna().all())
        facts.append(
            {
                "id": str(opp),
                "client": str(first["client"]),
                "probability": float(first["probability"]),
                "holds": has_plan,
                "undecided": str(first["status"]) in ("unknown", "not solved"),
                "broken": [
                    {
                        "name": str(r["name"]),
                        "promised_day": r["promised_day"],
                        "won_day": r["won_day"],
                        "late_working_days": int(r["late_working_days"]),
                        "beyond_promise": int(r["beyond_promise_working_days"]),
                        "within_accepted": bool(r["within_accepted"]),
                    }
                    for r in broken.to_dict("records")
                ]
                if has_plan
                else [],
            }
        )
    return facts


__all__ = ["IF_WON_COLUMNS", "if_won", "if_won_facts", "to_recheck", "won_policy"]
