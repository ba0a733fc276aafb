"""The figures of a plan that explore, the what-ifs and the charts compare, one row per plan.

Every figure is measured against the scenario the plan answers (the client's due dates),
whatever policy it was made under:

* ``lateness`` — sum over tasks of urgency x hours from the due instant to the delivery;
* ``extension_days`` — sum over tasks of the lead's working days past the due date up to the
  delivery (as :meth:`mission_planner.workdays.WorkingDays.between` counts them);
* ``late_tasks`` — tasks delivered after their due instant;
* ``partner_fees``, ``margin`` — the plan's (EUR; revenue - partner fees);
* ``lead_hours`` — the lead's hours on schedule rows of kind ``mission`` or ``coordination``;
* ``chunks`` — work chunks of the schedule (kinds ``mission`` and ``engagement``), the
  fragmentation the objective counts;
* ``objective`` — the plan's objective, under the weights it was solved with.

Frames also carry ``policy``: the :class:`~mission_planner.policy.Policy` the plan was made
under (``None`` when not known), so that ``check(scenario, row.result, row.policy)``
verifies it against the limits it was made for.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from mission_planner.contract import JOB_KINDS, MISSION_TIME_KINDS
from mission_planner.policy import Policy
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.workdays import WorkingDays, asked_instant

PLAN_COLUMNS = {
    "label": "string",
    "status": "string",
    "lateness": "float64",
    "extension_days": "int64",
    "late_tasks": "int64",
    "partner_fees": "float64",
    "margin": "float64",
    "lead_hours": "float64",
    "chunks": "int64",
    "objective": "float64",
    "non_dominated": "bool",
    "policy": "object",
    "result": "object",
}
"""Columns (name -> dtype) of :func:`mission_planner.explore.explore`'s frame."""

PARETO_COLUMNS = ("lateness", "extension_days", "partner_fees", "lead_hours", "chunks")
"""The figures a plan is compared on, all minimised."""

FIGURE_COLUMNS = (
    "lateness",
    "extension_days",
    "late_tasks",
    "partner_fees",
    "margin",
    "lead_hours",
    "chunks",
    "objective",
)
"""The numeric figures of a plan row."""

LEAD_KINDS = MISSION_TIME_KINDS
"""Schedule kinds counted as the lead's time on the mission."""

CHUNK_KINDS = JOB_KINDS
"""Schedule kinds whose chunks count as fragmentation."""


def plan_figures(scenario: Scenario, result: PlanResult) -> dict[str, Any]:
    """The figures of ``result`` (which must hold a plan), measured against ``scenario``.

    Raises
    ------
    ValueError
        When ``result`` has no plan, or delivers a task ``scenario`` does not have.
    """
    if not result.has_plan:
        raise ValueError(f"plan_figures: result.status={result.status.value!r} holds no plan")
    tasks = {t.id for t in scenario.mission.tasks}
    working = WorkingDays.of(scenario)
    lateness, days, late = 0.0, 0, 0
    for row in result.deliveries.to_dict("records"):
        task_id = str(row["task"])
        if task_id not in tasks:
            raise ValueError(
                f"plan_figures: deliveries.task={task_id!r} is not a task of the scenario"
            )
        asked = asked_instant(scenario, task_id)
        delivery = pd.Timestamp(row["delivery"])
        if delivery > asked:
            late += 1
            lateness += scenario.task(task_id).urgency * (delivery - asked) / pd.Timedelta(hours=1)
            days += working.between(asked, delivery)
    schedule = result.schedule
    lead_rows = schedule[
        schedule["kind"].isin(LEAD_KINDS) & (schedule["resource"] == scenario.lead.id)
    ]
    work = schedule[schedule["kind"].isin(CHUNK_KINDS)]
    chunks = len(work[["kind", "task", "chunk"]].drop_duplicates())
    return {
        "status": result.status.value,
        "lateness": lateness,
        "extension_days": days,
        "late_tasks": late,
        "partner_fees": float(result.partner_fees),
        "margin": float(result.margin),
        "lead_hours": float(lead_rows["hours"].sum()),
        "chunks": chunks,
        "objective": float("nan") if result.objective is None else float(result.objective),
    }


def plan_row(
    scenario: Scenario, label: str, result: PlanResult, policy: Policy | None = None
) -> dict[str, Any]:
    """One row of :data:`PLAN_COLUMNS` (``non_dominated`` False until computed).

    ``policy`` is the policy ``result`` was made under, kept in the row.
    """
    return {
        "label": label,
        **plan_figures(scenario, result),
        "non_dominated": False,
        "policy": policy,
        "result": result,
    }


def plan_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a frame with exactly the :data:`PLAN_COLUMNS` and their dtypes."""
    frame = pd.DataFrame(rows, columns=list(PLAN_COLUMNS))
    return frame.astype(PLAN_COLUMNS)
