"""Spread ("étaler la mission"): each part on the day asked, in the deliveries it takes.

The client's scenario is planned under the ``spread`` policy
(:func:`~mission_planner.levers.options.option_policies`): the lead alone, every task by the
day asked, and as many deliveries as that takes — possibly more than the client planned
(``mission.max_tranches``), which is the lever: a delivery schedule (échéancier) other than
the one the client imagined, the most urgent parts first. Then the fewest deliveries that
still hold are searched (one solve per count, smallest first, inside the call's budget).

The échéancier is shown next to the client's own expectation: each task on its day asked,
tasks asked for the same day forming one delivery.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from mission_planner.levers.options import option_policies
from mission_planner.levers.solving import frame, solve_policies
from mission_planner.levers.tables import task_table
from mission_planner.policy import Policy
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.settings import Clock, SolveSettings, settings_of
from mission_planner.texts import check_language, render
from mission_planner.workdays import WorkingDays, day_named, midnight

FIRST_SHARE = 0.5
"""Share of the budget for the first plan (every delivery allowed)."""

ECHEANCIER_COLUMNS = {
    "tranche": "int64",
    "delivery": "datetime64[ns]",
    "delivery_day": "datetime64[ns]",
    "tasks": "string",
    "names": "string",
}
"""Columns of :attr:`SpreadResult.echeancier`: one row per delivery (task ids and names
comma-joined); each task's own dates are in :attr:`SpreadResult.tasks`."""

EXPECTATION_COLUMNS = {"delivery": "int64", "asked_day": "datetime64[ns]", "tasks": "string"}
"""Columns of :attr:`SpreadResult.expectation`."""

ALTERNATIVE_COLUMNS = {
    "max_tranches": "int64",
    "status": "string",
    "tranches_used": "Int64",
}
"""Columns of :attr:`SpreadResult.alternatives`: the delivery counts tried."""


@dataclass(frozen=True)
class SpreadResult:
    """The proposed échéancier next to the client's expectation.

    Attributes
    ----------
    policy, plan
        The policy of the plan kept (its ``max_tranches`` the count chosen) and the plan
        (``check(scenario, plan, policy) == []``).
    echeancier
        :data:`ECHEANCIER_COLUMNS`.
    tasks
        Per task, the client's days and the delivery
        (:data:`~mission_planner.levers.tables.TASK_COLUMNS`).
    expectation
        The client's own deliveries: ``delivery`` (1..), ``asked_day``, ``tasks``.
    alternatives
        :data:`ALTERNATIVE_COLUMNS`.
    text, explanation, runtime
        The échéancier in words; why there is no plan; seconds for the call.
    """

    policy: Policy
    plan: PlanResult
    echeancier: pd.DataFrame
    tasks: pd.DataFrame
    expectation: pd.DataFrame
    alternatives: pd.DataFrame
    text: str
    explanation: list[str] = field(default_factory=list)
    runtime: float = 0.0

    @property
    def feasible(self) -> bool:
        """True when the lead alone delivers every task on its day asked."""
        return self.plan.has_plan

    @property
    def tranche_count(self) -> int:
        """Number of deliveries proposed."""
        return len(self.echeancier)


def spread(
    scenario: Scenario,
    *,
    settings: SolveSettings | None = None,
    time_limit: float | None = None,
    seed: int | None = None,
    workers: int | None = None,
    parallel: int | None = None,
    language: str = "fr",
) -> SpreadResult:
    """Propose the fewest deliveries in which the lead alone keeps every day asked.

    Parameters
    ----------
    scenario
        The client's scenario (never modified); its partners do not work.
    settings, time_limit, seed, workers, parallel
        The call's budget and solver settings (:class:`~mission_planner.SolveSettings`);
        ``parallel`` counts are tried at once.
    language
        ``"fr"`` or ``"en"``, for :attr:`SpreadResult.text`.

    Returns
    -------
    SpreadResult
        The échéancier next to the client's expectation.
    """
    check_language(language)
    chosen = settings_of(
        settings, time_limit=time_limit, seed=seed, workers=workers, parallel=parallel
    )
    clock = Clock(chosen.time_limit)
    first = option_policies(scenario)["spread"]
    (solved,) = solve_policies(scenario, [("spread", first)], chosen, clock, share=FIRST_SHARE)
    assert solved is not None  # the first solve always has time
    best, policy = solved.plan, first
    rows = [_alternative(first, best)]
    if best.has_plan:
        used = int(best.tranches["tranche"].nunique())
        counts = list(range(1, used))  # smallest first: the first that holds is kept
        size = chosen.parallel
        for at in range(0, len(counts), size):
            batch = [
                (str(k), first.model_copy(update={"max_tranches": k}))
                for k in counts[at : at + size]
            ]
            left = -(-(len(counts) - at) // size)
            solved_batch = solve_policies(scenario, batch, chosen, clock, share=1 / left)
            held = None
            for job, outcome in zip(batch, solved_batch, strict=True):
                if outcome is None:
                    continue
                rows.append(_alternative(job[1], outcome.plan))
                if held is None and outcome.plan.has_plan:
                    held = outcome
            if held is not None:
                best, policy = held.plan, held.policy
                break
    tasks = task_table(scenario, best, WorkingDays.of(scenario))
    echeancier = _echeancier(tasks)
    expectation = expectation_table(scenario)
    explanation = [] if best.has_plan else list(best.explanation)
    text = render(
        "spread_brief.txt",
        language,
        feasible=best.has_plan,
        echeancier=echeancier.to_dict("records"),
        expectation=expectation.to_dict("records"),
        planned=scenario.mission.max_tranches,
        explanation=explanation,
    )
    return SpreadResult(
        policy=policy,
        plan=best,
        echeancier=echeancier,
        tasks=tasks,
        expectation=expectation,
        alternatives=frame(rows, ALTERNATIVE_COLUMNS),
        text=text,
        explanation=explanation,
        runtime=clock.elapsed(),
    )


def _alternative(policy: Policy, result: PlanResult) -> dict[str, object]:
    return {
        "max_tranches": policy.max_tranches,
        "status": result.status.value,
        "tranches_used": int(result.tranches["tranche"].nunique()) if result.has_plan else None,
    }


def _echeancier(tasks: pd.DataFrame) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    for number, group in tasks.groupby("tranche", sort=True):
        delivery = pd.Timestamp(group["delivery"].iloc[0])
        rows.append(
            {
                "tranche": int(str(number)),
                "delivery": delivery,
                "delivery_day": group["delivery_day"].iloc[0],
                "tasks": ",".join(group["task"].astype(str)),
                "names": ", ".join(group["name"].astype(str)),
            }
        )
    return frame(rows, ECHEANCIER_COLUMNS)


def expectation_table(scenario: Scenario) -> pd.DataFrame:
    """The client's own expectation: tasks grouped by the day they are asked for."""
    by_day: dict[dt.date, list[str]] = {}
    for task in scenario.mission.tasks:
        by_day.setdefault(day_named(task.due), []).append(task.id)
    rows: list[dict[str, object]] = [
        {"delivery": i + 1, "asked_day": midnight(day), "tasks": ",".join(ids)}
        for i, (day, ids) in enumerate(sorted(by_day.items()))
    ]
    return frame(rows, EXPECTATION_COLUMNS)


__all__ = [
    "ALTERNATIVE_COLUMNS",
    "ECHEANCIER_COLUMNS",
    "EXPECTATION_COLUMNS",
    "SpreadResult",
    "spread",
]
