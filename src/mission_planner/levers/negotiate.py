"""Negotiate ("play for time"): the lead alone, inside the flexibility the client granted.

The client's scenario is planned under the ``negotiate`` policy
(:func:`~mission_planner.levers.options.option_policies`): the lead alone, every task by the
latest day the client accepts (its ``deadline``), lateness past the day asked minimised first.
When that holds, each task's delivery is a date the consultant can commit to without asking
for anything the client has not already granted.

When it does not hold, the **extension to propose**: the same, with any date in the horizon
and the urgency-weighted lateness minimised (urgency x hours past the day asked, so an urgent
task moves least); each task past the day the client accepts is reported with the lead's
working days beyond it (``beyond_accepted_working_days``) — something to ask for.

Then, inside the rest of the budget (:mod:`~mission_planner.levers.analyses`): the earliest
each task could be delivered alone, which of the lead's commitments bind, and what each late
task's date would cost if the client's real limit were earlier.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from mission_planner.levers import analyses as an
from mission_planner.levers.options import option_policies
from mission_planner.levers.solving import (
    LATENESS_FIRST,
    frame,
    known_infeasible,
    lead_skill_gaps,
    solve_policies,
)
from mission_planner.levers.tables import task_table, weighted_lateness
from mission_planner.policy import Policy
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.settings import Clock, SolveSettings, settings_of
from mission_planner.texts import check_language, render
from mission_planner.workdays import WorkingDays

MAIN_SHARE = 0.5
"""Share of the budget for the main plan (and the extension when needed)."""

Analysis = an.Analysis


@dataclass(frozen=True)
class NegotiationResult:
    """What the lead alone can commit to, and what to ask the client.

    Attributes
    ----------
    policy, plan
        The policy of the plan kept (``negotiate``, or its extension with any date) and the
        plan (``check(scenario, plan, policy) == []``).
    within_flexibility
        True when every task is delivered by the day the client accepts.
    tasks
        Per task: the client's days, the delivery and how far past each
        (:data:`~mission_planner.levers.tables.TASK_COLUMNS`), with ``earliest_alone``.
    binding, sweep
        The probes (:data:`~mission_planner.levers.analyses.BINDING_COLUMNS`) and the sweep
        (:data:`~mission_planner.levers.analyses.SWEEP_COLUMNS`).
    text, explanation, skipped, runtime
        The brief in words; why there is no plan; analyses the budget left out; seconds.
    """

    policy: Policy
    plan: PlanResult
    within_flexibility: bool
    tasks: pd.DataFrame
    binding: pd.DataFrame
    sweep: pd.DataFrame
    text: str
    explanation: list[str] = field(default_factory=list)
    skipped: int = 0
    runtime: float = 0.0

    @property
    def feasible(self) -> bool:
        """True when the lead alone can do the mission within the horizon."""
        return self.plan.has_plan

    @property
    def total_weighted_extension(self) -> float:
        """Urgency x hours past the days asked, summed over tasks."""
        return weighted_lateness(self.tasks) if self.feasible else float("nan")

    @property
    def total_extension_working_days(self) -> int:
        """Working days past the days asked, summed over tasks."""
        return int(self.tasks["late_working_days"].sum())

    @property
    def beyond_flexibility(self) -> pd.DataFrame:
        """Tasks delivered after the day the client accepts."""
        return self.tasks[~self.tasks["within_accepted"]]


def negotiate(
    scenario: Scenario,
    *,
    settings: SolveSettings | None = None,
    time_limit: float | None = None,
    seed: int | None = None,
    workers: int | None = None,
    parallel: int | None = None,
    earliest: bool = True,
    probes: bool = True,
    sweep: bool = True,
    sweep_points: int = 3,
    max_probes: int = 12,
    language: str = "fr",
) -> NegotiationResult:
    """Plan the lead alone inside the client's flexibility, and prepare the negotiation.

    Parameters
    ----------
    scenario
        The client's scenario (never modified); its partners do not work.
    settings, time_limit, seed, workers, parallel
        The call's budget and solver settings (:class:`~mission_planner.SolveSettings`);
        ``parallel`` analyses run at once.
    earliest, probes, sweep
        Which analyses to run (see :mod:`~mission_planner.levers.analyses`).
    sweep_points, max_probes
        Candidate days per late task; most probes.
    language
        ``"fr"`` or ``"en"``, for :attr:`NegotiationResult.text`.

    Returns
    -------
    NegotiationResult
        The plan, the tables and the brief.
    """
    check_language(language)
    if sweep_points < 1 or max_probes < 0:
        raise ValueError(
            f"negotiate: sweep_points={sweep_points} must be >= 1 and max_probes={max_probes} >= 0"
        )
    chosen = settings_of(
        settings, time_limit=time_limit, seed=seed, workers=workers, parallel=parallel
    )
    clock = Clock(chosen.time_limit)
    policy = option_policies(scenario)["negotiate"]
    unable = lead_skill_gaps(scenario)
    if unable:
        why = render("lead_lacks_skills.txt", "en", gaps=unable)
        result = known_infeasible(chosen, [why], list(unable))
        return _build(scenario, policy, result, clock, language, [why])
    (main,) = solve_policies(scenario, [("negotiate", policy)], chosen, clock, share=MAIN_SHARE)
    assert main is not None  # the first solve always has time
    result = main.plan
    if not result.has_plan:
        extension = policy.model_copy(update={"dates": "horizon", "weights": LATENESS_FIRST})
        (stretched,) = solve_policies(
            scenario, [("extension", extension)], chosen, clock, share=MAIN_SHARE
        )
        if stretched is not None and stretched.plan.has_plan:
            policy, result = extension, stretched.plan
    if not result.has_plan:
        return _build(scenario, policy, result, clock, language, list(result.explanation))
    jobs: list[an.Analysis] = []
    if earliest:
        jobs += an.earliest_jobs(scenario)
    late = weighted_lateness(task_table(scenario, result)) > 0
    if sweep and late:
        jobs += an.sweep_jobs(scenario, policy, result, sweep_points)
    if probes and late:
        jobs += an.probe_jobs(scenario, policy, result, max_probes)
    solved = solve_policies(scenario, [j.job for j in jobs], chosen, clock)
    skipped = sum(s is None for s in solved)
    notes = [f"{skipped} analyses left out: the time limit was reached"] if skipped else []
    return _build(
        scenario,
        policy,
        result,
        clock,
        language,
        notes,
        earliest=an.earliest_table(jobs, solved),
        binding=an.binding_table(scenario, result, jobs, solved),
        sweep=an.sweep_table(scenario, result, jobs, solved),
        skipped=skipped,
    )


def _build(
    scenario: Scenario,
    policy: Policy,
    result: PlanResult,
    clock: Clock,
    language: str,
    explanation: list[str],
    *,
    earliest: pd.DataFrame | None = None,
    binding: pd.DataFrame | None = None,
    sweep: pd.DataFrame | None = None,
    skipped: int = 0,
) -> NegotiationResult:
    tasks = task_table(scenario, result, WorkingDays.of(scenario))
    found = (
        {}
        if earliest is None
        else dict(zip(earliest["task"], earliest["earliest_alone"], strict=True))
    )
    tasks["earliest_alone"] = tasks["task"].map(found).astype("datetime64[ns]")
    binding = binding if binding is not None else frame([], an.BINDING_COLUMNS)
    sweep = sweep if sweep is not None else frame([], an.SWEEP_COLUMNS)
    within = result.has_plan and bool(tasks["within_accepted"].all())
    text = render(
        "negotiation_brief.txt",
        language,
        feasible=result.has_plan,
        within=within,
        tasks=tasks.to_dict("records"),
        binding=binding[binding["binding"]].to_dict("records"),
        explanation=explanation,
    )
    return NegotiationResult(
        policy=policy,
        plan=result,
        within_flexibility=within,
        tasks=tasks,
        binding=binding,
        sweep=sweep,
        text=text,
        explanation=explanation,
        skipped=skipped,
        runtime=clock.elapsed(),
    )


__all__ = ["NegotiationResult", "negotiate"]
