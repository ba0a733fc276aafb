"""Spread ("étaler la mission"): deliver in tranches inside the client's deadlines.

The lead works alone and every task's deadline is the client's own (its flexibility is used,
never exceeded). The planner groups the tasks into at most ``max_tranches`` tranches, most
urgent first, and dates them, minimising the urgency-weighted shift past the asked dates
(lateness first; chunks and overtime only break ties). It then chooses *how many* tranches:
the fewest that keep the smallest weighted shift found (fewer deliveries for the client at no
cost in delay), re-planning with each smaller ``max_tranches`` (in parallel) and keeping the
smallest count whose shift is no larger.

The échéancier is shown next to the client's original expectation: each task on its asked
date, tasks asked for the same day forming one delivery.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

import pandas as pd

from mission_planner.levers import messages
from mission_planner.levers._common import (
    DEFAULT_PARALLEL,
    LATENESS_FIRST,
    Budget,
    Settings,
    asked_instant,
    calendar_days_between,
    day_of,
    deadline_instant,
    empty_plan,
    frame,
    lead_skill_gaps,
    lead_working_days,
    midnight,
    solve,
    solve_all,
    working_days_between,
)
from mission_planner.levers.negotiate import AnalysisPlan
from mission_planner.levers.variants import lead_alone, with_max_tranches, with_weights
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario

ECHEANCIER_COLUMNS = {
    "tranche": "int64",
    "tasks": "string",
    "delivery": "datetime64[ns]",
    "delivery_day": "datetime64[ns]",
    "asked": "datetime64[ns]",
    "client_deadline": "datetime64[ns]",
    "shift_working_days": "int64",
    "shift_calendar_days": "int64",
    "weighted_shift": "float64",
}
"""Columns of :attr:`SpreadResult.echeancier`."""

TASK_COLUMNS = {
    "task": "string",
    "name": "string",
    "urgency": "int64",
    "asked": "datetime64[ns]",
    "client_deadline": "datetime64[ns]",
    "tranche": "int64",
    "delivery": "datetime64[ns]",
    "shift_working_days": "int64",
    "shift_calendar_days": "int64",
    "weighted_shift": "float64",
}
"""Columns of :attr:`SpreadResult.tasks`."""

EXPECTATION_COLUMNS = {"delivery": "int64", "asked_day": "datetime64[ns]", "tasks": "string"}
"""Columns of :attr:`SpreadResult.expectation`."""

ALTERNATIVE_COLUMNS = {
    "max_tranches": "int64",
    "status": "string",
    "tranches_used": "Int64",
    "weighted_shift": "float64",
}
"""Columns of :attr:`SpreadResult.alternatives`."""


@dataclass(frozen=True)
class SpreadResult:
    """The proposed échéancier and how far it shifts the client's dates.

    Attributes
    ----------
    scenario
        The variant whose plan was chosen: lead alone (``max_partners = 0``), the client's
        deadlines, ``max_tranches`` as chosen, weights ``LATENESS_FIRST``.
    plan
        Its plan (``check(scenario, plan) == []``).
    echeancier
        One row per tranche: ``tranche``, ``tasks``, ``delivery`` (instant) and
        ``delivery_day``, ``asked`` (earliest due of its tasks), ``client_deadline`` (earliest
        deadline), ``shift_working_days`` / ``shift_calendar_days`` (delivery past asked),
        ``weighted_shift`` (urgency x hours late, summed over its tasks).
    tasks
        One row per task, the client's date next to the proposed one: ``task``, ``name``,
        ``urgency``, ``asked``, ``client_deadline``, ``tranche``, ``delivery``,
        ``shift_working_days``, ``shift_calendar_days``, ``weighted_shift``.
    expectation
        The client's original expectation: ``delivery`` (1..), ``asked_day``, ``tasks`` asked
        for that day.
    alternatives
        The tranche counts tried: ``max_tranches``, ``status``, ``tranches_used``,
        ``weighted_shift`` (NaN without a plan).
    text, explanation, analyses, runtime
        The échéancier in words; why there is no plan; every plan solved with its variant;
        seconds for the call.
    """

    scenario: Scenario
    plan: PlanResult
    echeancier: pd.DataFrame
    tasks: pd.DataFrame
    expectation: pd.DataFrame
    alternatives: pd.DataFrame
    text: str
    explanation: list[str] = field(default_factory=list)
    analyses: tuple[AnalysisPlan, ...] = ()
    runtime: float = 0.0

    @property
    def feasible(self) -> bool:
        """True when the lead alone meets every client deadline in tranches."""
        return self.plan.has_plan

    @property
    def total_weighted_shift(self) -> float:
        """Sum over tasks of urgency x hours delivered past the asked date."""
        return float(self.tasks["weighted_shift"].sum()) if self.feasible else float("nan")

    @property
    def tranche_count(self) -> int:
        """Number of deliveries proposed."""
        return len(self.echeancier)


def spread(
    scenario: Scenario,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 2,
    choose_count: bool = True,
    analysis_time_limit: float | None = None,
    analysis_budget: float | None = None,
    parallel: int = DEFAULT_PARALLEL,
    language: str = "en",
) -> SpreadResult:
    """Propose an échéancier of at most ``max_tranches`` deliveries, the lead alone.

    Parameters
    ----------
    scenario
        The scenario as given (never modified); its partners are ignored.
    time_limit, seed, workers
        Settings of the main solve (with the scenario's ``max_tranches``).
    choose_count
        Try every smaller number of tranches and keep the fewest with no larger weighted shift
        (one solve each, of ``analysis_time_limit`` seconds, within ``analysis_budget``).
    analysis_time_limit, analysis_budget, parallel
        As in :func:`~mission_planner.levers.negotiate.negotiate`.
    language
        ``"en"`` or ``"fr"``, for :attr:`SpreadResult.text`.

    Returns
    -------
    SpreadResult
        The échéancier next to the client's expectation.
    """
    started = time.perf_counter()
    messages.check_language(language)
    settings = Settings(time_limit, seed, workers, analysis_time_limit, analysis_budget, parallel)
    variant = spread_scenario(scenario)
    analyses: list[AnalysisPlan] = []
    alternatives: list[dict[str, object]] = []
    unable = lead_skill_gaps(scenario)
    if unable:
        why = [messages.lead_lacks_skills(unable, language)]
        result = empty_plan(settings, why, list(unable))
        return _build(scenario, variant, result, started, language, why, alternatives, analyses)
    result = solve(variant, settings)
    analyses.append(AnalysisPlan(f"max_tranches {scenario.mission.max_tranches}", variant, result))
    alternatives.append(_alternative(scenario, scenario.mission.max_tranches, result))
    if not result.has_plan:
        why = [messages.spread_impossible(language), *result.explanation]
        return _build(scenario, variant, result, started, language, why, alternatives, analyses)
    chosen, best = variant, result
    shift = _shift(scenario, result)
    if choose_count:
        counts = range(len(result.tranches) - 1, 0, -1)
        jobs = [(f"max_tranches {k}", with_max_tranches(variant, k)) for k in counts]
        solved = solve_all(jobs, settings, settings.per_analysis, Budget(settings.budget))
        for k, outcome in zip(counts, solved, strict=True):
            if outcome is None:
                continue
            _, fewer, attempt = outcome
            analyses.append(AnalysisPlan(f"max_tranches {k}", fewer, attempt))
            alternatives.append(_alternative(scenario, k, attempt))
            if attempt.has_plan and _shift(scenario, attempt) <= shift + 1e-6:
                chosen, best = fewer, attempt
    return _build(scenario, chosen, best, started, language, [], alternatives, analyses)


def spread_scenario(scenario: Scenario) -> Scenario:
    """The variant spread plans: lead alone, the client's deadlines, lateness first."""
    return with_weights(lead_alone(scenario), LATENESS_FIRST)


def _shift(original: Scenario, result: PlanResult) -> float:
    total = 0.0
    for d in result.deliveries.to_dict("records"):
        task = original.task(str(d["task"]))
        late = (pd.Timestamp(d["delivery"]) - asked_instant(original, task.id)) / pd.Timedelta(
            hours=1
        )
        total += task.urgency * max(0.0, late)
    return total


def _alternative(original: Scenario, count: int, result: PlanResult) -> dict[str, object]:
    return {
        "max_tranches": count,
        "status": result.status.value,
        "tranches_used": len(result.tranches) if result.has_plan else None,
        "weighted_shift": _shift(original, result) if result.has_plan else float("nan"),
    }


def spread_tables(
    original: Scenario, result: PlanResult
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(echeancier, tasks, expectation)`` of a plan, against ``original``'s dates."""
    working = lead_working_days(original)
    task_rows: list[dict[str, object]] = []
    for d in result.deliveries.to_dict("records"):
        task = original.task(str(d["task"]))
        asked = asked_instant(original, task.id)
        delivery = pd.Timestamp(d["delivery"])
        late = max(0.0, (delivery - asked) / pd.Timedelta(hours=1))
        task_rows.append(
            {
                "task": task.id,
                "name": task.name,
                "urgency": task.urgency,
                "asked": asked,
                "client_deadline": deadline_instant(original, task.id),
                "tranche": int(d["tranche"]),
                "delivery": delivery,
                "shift_working_days": working_days_between(working, asked, delivery),
                "shift_calendar_days": calendar_days_between(asked, delivery),
                "weighted_shift": task.urgency * late,
            }
        )
    tasks = frame(task_rows, TASK_COLUMNS)
    tranche_rows: list[dict[str, object]] = []
    for number, group in tasks.groupby("tranche", sort=True):
        asked = pd.Timestamp(group["asked"].min())
        delivery = pd.Timestamp(group["delivery"].max())
        tranche_rows.append(
            {
                "tranche": int(str(number)),
                "tasks": ",".join(group["task"].astype(str)),
                "delivery": delivery,
                "delivery_day": midnight(day_of(delivery)),
                "asked": asked,
                "client_deadline": pd.Timestamp(group["client_deadline"].min()),
                "shift_working_days": working_days_between(working, asked, delivery),
                "shift_calendar_days": calendar_days_between(asked, delivery),
                "weighted_shift": float(group["weighted_shift"].sum()),
            }
        )
    return frame(tranche_rows, ECHEANCIER_COLUMNS), tasks, expectation_table(original)


def expectation_table(original: Scenario) -> pd.DataFrame:
    """The client's own expectation: tasks grouped by the day they are asked for."""
    by_day: dict[dt.date, list[str]] = {}
    for task in original.mission.tasks:
        by_day.setdefault(day_of(asked_instant(original, task.id)), []).append(task.id)
    rows: list[dict[str, object]] = [
        {"delivery": i + 1, "asked_day": midnight(day), "tasks": ",".join(ids)}
        for i, (day, ids) in enumerate(sorted(by_day.items()))
    ]
    return frame(rows, EXPECTATION_COLUMNS)


def _build(
    original: Scenario,
    variant: Scenario,
    result: PlanResult,
    started: float,
    language: str,
    explanation: list[str],
    alternatives: list[dict[str, object]],
    analyses: list[AnalysisPlan],
) -> SpreadResult:
    echeancier, tasks, expectation = spread_tables(original, result)
    text = messages.spread_text(original, result, echeancier, expectation, explanation, language)
    return SpreadResult(
        scenario=variant,
        plan=result,
        echeancier=echeancier,
        tasks=tasks,
        expectation=expectation,
        alternatives=frame(alternatives, ALTERNATIVE_COLUMNS),
        text=text,
        explanation=explanation,
        analyses=tuple(analyses),
        runtime=time.perf_counter() - started,
    )


__all__ = [
    "ALTERNATIVE_COLUMNS",
    "ECHEANCIER_COLUMNS",
    "EXPECTATION_COLUMNS",
    "TASK_COLUMNS",
    "SpreadResult",
    "spread",
    "spread_scenario",
]
