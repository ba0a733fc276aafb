"""``plan``: the planner's entry point (dispatch warm start, then CP-SAT)."""

from __future__ import annotations

import time
from typing import Any

from mission_planner.billing import revenue_of
from mission_planner.cpsat import check_parameters, relaxation_floor, solve
from mission_planner.diagnosis import (
    Cause,
    causes_frame,
    explain,
    find_causes,
    sentences,
    with_earliest_starts,
)
from mission_planner.frames import (
    cost_frame,
    delivery_frame,
    load_frame,
    schedule_frame,
    tranche_frame,
)
from mission_planner.heuristics import best_dispatch, improve, search, sequencing_view
from mission_planner.plan_hint import solution_of, verified
from mission_planner.policy import SCENARIO_AS_WRITTEN, Policy
from mission_planner.problem import OBJECTIVE_SCALE, Problem, compile_problem
from mission_planner.progress import ProgressCallback, ProgressEvent
from mission_planner.result import PlanResult
from mission_planner.scenario import Scenario
from mission_planner.settings import SolveSettings, settings_of
from mission_planner.solution import Evaluation, Solution, evaluate
from mission_planner.status import Status

HEURISTIC_SHARE = 0.25
"""Share of the time limit the local search may use before CP-SAT starts."""
REPAIR_SHARE = 0.75
"""Share of the time limit the heuristic may use when no priority rule meets every deadline."""


def plan(
    scenario: Scenario,
    *,
    policy: Policy | None = None,
    settings: SolveSettings | None = None,
    time_limit: float | None = None,
    seed: int | None = None,
    workers: int | None = None,
    solver_params: dict[str, Any] | None = None,
    warm_start: bool = True,
    progress: ProgressCallback | None = None,
    hint: PlanResult | None = None,
) -> PlanResult:
    """Plan the mission around the order book.

    Parameters
    ----------
    scenario
        The validated scenario (never modified). Every table of the result is stated against
        it: asked and accepted dates, lateness, real rates.
    policy
        How to read the scenario for this solve (which dates are hard, who may work, weights,
        ``max_tranches``, ``max_partners``; see :class:`~mission_planner.policy.Policy`).
        Default: the scenario as written.
    settings
        Time budget for the whole call (heuristic, CP-SAT and the explanation of an infeasible
        mission), seed and workers (see :class:`~mission_planner.settings.SolveSettings`).
        With ``workers=1`` the plan is the same from run to run when no phase is stopped by the
        clock: the local search spends a fixed budget of work (:data:`DECODES` or
        :data:`SEQUENCING_SCANS`) unless it reaches its share of the time limit first, and
        CP-SAT proves optimality or infeasibility before the limit.
    time_limit, seed, workers
        Shorthands for the fields of ``settings`` (a shorthand given wins).
    solver_params
        Further CP-SAT parameters (``SatParameters`` field names), checked by name.
    warm_start
        Start CP-SAT from the dispatch heuristic improved by local search.
    progress
        Called with a :class:`~mission_planner.progress.ProgressEvent` when the priority
        rules (or their repair) give a first plan, when the heuristic ends and at each better
        CP-SAT solution.
    hint
        A plan to start from, typically one of the same scenario under another policy. Its
        schedule is read back onto this problem's working axes; CP-SAT is hinted with it
        unless the warm start's plan is at least as good. It is returned only when the checker
        verifies it is a valid plan under this policy and CP-SAT finds nothing better.

    Returns
    -------
    PlanResult
        The plan, its figures and tables, or the reason there is none.
    """
    started = time.perf_counter()
    chosen = settings_of(settings, time_limit=time_limit, seed=seed, workers=workers)
    time_limit, seed, workers = chosen.time_limit, chosen.seed, chosen.workers
    if solver_params:
        check_parameters(solver_params)
    problem = compile_problem(scenario, policy)

    found = find_causes(problem)
    if found:
        return _no_plan(problem, Status.INFEASIBLE, found, started, seed, workers)
    checks = time.perf_counter() - started  # compiling and the checks before search
    # why the dates asked cannot all hold (when the policy lets tasks be late): the same checks
    # again, run only while they cost at most a tenth of the budget
    why_late = _why_late(problem) if checks < 0.1 * time_limit else []

    # the relaxed model's bound, before the heuristic: a plan that meets it is proven best
    search_problem = with_earliest_starts(problem)
    floor = relaxation_floor(search_problem, time_limit, seed, workers, solver_params)

    rules_plan: list[float] = []  # when the priority rules (or their repair) gave a plan

    def heard(event: ProgressEvent) -> None:
        rules_plan.append(event.elapsed)
        if progress is not None:
            progress(event)

    warm = _warm_start(problem, seed, time_limit, heard, started) if warm_start else None
    if warm is not None and problem.starts and not verified(problem, warm):
        warm = None  # the heuristics place pinned starts as early as they can, not exactly
    start, solver_hint = _starting_points(problem, warm, hint)
    heuristic_done = time.perf_counter() - started
    if progress is not None and warm_start:
        value = None if start is None else evaluate(problem, start).objective
        progress(ProgressEvent("heuristic", time.perf_counter() - started, value, None))
    cpsat_start = time.perf_counter() - started
    remaining = max(0.05, time_limit - cpsat_start)
    if start is not None and floor is not None and _meets(problem, start, floor):
        return _with_plan(
            problem,
            start,
            Status.OPTIMAL,
            floor,
            started,
            seed,
            workers,
            rules_plan[0] if rules_plan else heuristic_done,
            heuristic_done,
            why_late,
        )
    outcome = solve(
        search_problem,
        time_limit=remaining,
        seed=seed,
        workers=workers,
        hint=solver_hint,
        params=solver_params,
        report=progress,
        elapsed=cpsat_start,
        floor=floor,
        relax=False,
    )

    solution = outcome.solution
    status = Status(outcome.status)
    if solution is None and start is not None:
        if status is Status.INFEASIBLE:
            raise RuntimeError(
                "mission_planner bug: CP-SAT proved infeasible a feasible heuristic plan"
            )
        solution, status = start, Status.FEASIBLE
    elif (
        solution is not None
        and start is not None
        and evaluate(problem, start).scaled_objective < evaluate(problem, solution).scaled_objective
    ):
        solution, status = start, Status.FEASIBLE
    if solution is None:
        reasons = _explain(problem, status, seed, workers, time_limit, started + time_limit, found)
        return _no_plan(problem, status, reasons, started, seed, workers, outcome.bound)

    # times from the start of the call: the heuristic's plan counts as a plan found, from the
    # moment the priority rules gave one
    first = (
        heuristic_done if start is not None else _shifted(outcome.first_solution_time, cpsat_start)
    )
    if start is not None and start is warm and rules_plan:
        first = rules_plan[0]
    best = _shifted(outcome.best_solution_time, cpsat_start)
    if start is not None and (
        best is None
        or evaluate(problem, start).scaled_objective <= evaluate(problem, solution).scaled_objective
    ):
        best = heuristic_done
    relaxed = outcome.floor is not None and outcome.bound == outcome.floor
    return _with_plan(
        problem,
        solution,
        status,
        outcome.bound,
        started,
        seed,
        workers,
        first,
        best,
        why_late,
        "relaxation" if relaxed else "search",
    )


def _meets(problem: Problem, solution: Solution, floor: int) -> bool:
    """True when ``solution``'s objective is at most the proven ``floor``: it is optimal."""
    return evaluate(problem, solution).scaled_objective <= floor


def _shifted(seconds: float | None, offset: float) -> float | None:
    return None if seconds is None else seconds + offset


SEQUENCING_SCANS = 500
"""Neighbourhood scans of the local search on pure single-person sequencing problems."""
DECODES = 1500
"""Decodes of the local search on general problems."""


def _warm_start(
    problem: Problem,
    seed: int,
    time_limit: float,
    progress: ProgressCallback | None = None,
    t0: float | None = None,
) -> Solution | None:
    """Dispatch rules improved by local search; ``None`` when no heuristic plan was found.

    ``time_limit`` is the whole call's. The heuristic may use :data:`HEURISTIC_SHARE` of it
    (the priority rules at most half of that, and at least as long as the ``dispatch``
    baseline's default at time limits from 8 s, so that the plan is never worse than it);
    when no priority rule meets every deadline, the repair (local search that minimises the
    deadline excess first) may go on up to :data:`REPAIR_SHARE` of it, since CP-SAT rarely
    finds a first plan where the rules found none. The budgets are counted in work, not
    seconds, so that a run that ends before its time is repeatable; the times only cap slow
    cases. ``progress`` hears of the first heuristic plan as soon as there is one (``t0``: the
    call's start).
    """
    t0 = time.perf_counter() if t0 is None else t0
    budget = SEQUENCING_SCANS if sequencing_view(problem) is not None else DECODES
    share = HEURISTIC_SHARE * time_limit
    decoded, candidate, decoder = best_dispatch(problem, time_limit=share)
    if decoded.solution is None:
        decoded, candidate = search(
            decoder,
            candidate,
            seed=seed,
            max_evaluations=budget,
            deadline=t0 + REPAIR_SHARE * time_limit,
            first=decoded,
            stop_when_feasible=True,
        )
    start: Solution | list[str] = candidate.order
    if decoded.solution is not None:
        start = decoded.solution
        if progress is not None:
            value = evaluate(problem, start).objective
            progress(ProgressEvent("heuristic", time.perf_counter() - t0, value, None))
    left = max(0.0, share - (time.perf_counter() - t0))
    try:
        return improve(
            problem,
            start,
            seed=seed,
            max_evaluations=budget,
            time_limit=left,
            decoder=decoder,
            rules=False,
        )
    except ValueError:  # no plan can be decoded from that order
        return None


def _starting_points(
    problem: Problem, warm: Solution | None, given: PlanResult | None
) -> tuple[Solution | None, Solution | None]:
    """The best valid plan known before CP-SAT, and the solution CP-SAT is hinted with.

    ``warm`` is the warm start's plan (valid by construction) and ``given`` the caller's hint,
    read onto this problem by :func:`~mission_planner.plan_hint.solution_of`. CP-SAT is hinted
    with the given plan unless the warm start's objective is at most the given plan's (then
    with the warm start). The given plan is the best known valid plan only when it beats the
    warm start and the checker verifies it (:func:`~mission_planner.plan_hint.verified`).
    """
    read = None if given is None else solution_of(problem, given)
    if read is None:
        return warm, warm
    value = evaluate(problem, read.solution).scaled_objective
    if warm is not None and evaluate(problem, warm).scaled_objective <= value:
        return warm, warm
    valid = read.exact and verified(problem, read.solution)
    return (read.solution if valid else warm), read.solution


def _explain(
    problem: Problem,
    status: Status,
    seed: int,
    workers: int,
    time_limit: float,
    deadline: float,
    found: list[Cause],
) -> list[Cause]:
    """Why no plan came out of the search, answered by ``deadline`` (the call's budget).

    ``found`` are the causes checked before search (none, or there would be no search).
    """
    return explain(
        problem,
        status,
        deadline=deadline,
        seed=seed,
        workers=workers,
        time_limit=time_limit,
        found=found,
    )


def _why_late(problem: Problem) -> list[Cause]:
    """Why the dates asked cannot all hold under ``problem``'s policy, proven without search.

    The checks before search, on the problem with every task due by its asked date (the rest
    of the policy unchanged: roster, tranches, partners). A cause found proves that every plan
    delivers some task late. Empty when the policy already holds every task to its asked date,
    or when no necessary condition fails: a late plan is then a trade-off of the objective
    (fees or sessions against lateness) or the search did not find better, and no cause is
    claimed.
    """
    if problem.policy.dates == "asked":
        return []
    asked = problem.policy.model_copy(update={"dates": "asked"})
    return find_causes(compile_problem(problem.scenario, asked))


def _change_terms(problem: Problem, figures: Evaluation) -> dict[str, float]:
    """The change terms against a re-plan's previous plan (none without a baseline)."""
    changes = figures.changes
    if changes is None:
        return {}
    return {
        "hours_moved": changes.slots_moved * problem.timeline.grid.slot_hours,
        "people_changed": float(changes.people_changed),
        "dates_changed": float(changes.dates_changed),
        "change_cost": changes.cost / OBJECTIVE_SCALE,
    }


def plan_of(
    problem: Problem, solution: Solution, *, settings: SolveSettings | None = None
) -> PlanResult:
    """The :class:`PlanResult` of a known valid ``solution`` of ``problem``, without search.

    Its status is ``feasible`` (nothing proves it optimal); a re-plan uses it to keep the
    previous plan when it is still valid.
    """
    chosen = settings_of(settings)
    return _with_plan(
        problem,
        solution,
        Status.FEASIBLE,
        None,
        time.perf_counter(),
        chosen.seed,
        chosen.workers,
        0.0,
        0.0,
        [],
    )


def _no_plan(
    problem: Problem,
    status: Status,
    reasons: list[Cause],
    started: float,
    seed: int,
    workers: int,
    bound: int | None = None,
) -> PlanResult:
    tasks = sorted({t for cause in reasons for t in cause.tasks})
    return PlanResult.without_plan(
        status,
        sentences(reasons, lead=problem.lead, names=problem.scenario.display_names()),
        infeasible_tasks=tasks,
        causes=causes_frame(reasons),
        bound=None if bound is None else bound / OBJECTIVE_SCALE,
        runtime=time.perf_counter() - started,
        seed=seed,
        workers=workers,
        policy=None if problem.policy == SCENARIO_AS_WRITTEN else problem.policy,
        bound_source=None if bound is None else "search",
    )


def _with_plan(
    problem: Problem,
    solution: Solution,
    status: Status,
    bound: int | None,
    started: float,
    seed: int,
    workers: int,
    first_solution_time: float | None,
    best_solution_time: float | None,
    why_late: list[Cause],
    source: str = "search",
) -> PlanResult:
    scenario = problem.scenario
    figures = evaluate(problem, solution)
    objective = figures.objective
    lower = None if bound is None else min(bound / OBJECTIVE_SCALE, objective)
    if status is Status.OPTIMAL:
        lower = objective
    gap = (
        None
        if lower is None
        else (0.0 if objective == lower else (objective - lower) / max(abs(objective), 1e-9))
    )
    schedule = schedule_frame(problem, solution)
    costs = cost_frame(problem, schedule)
    revenue = revenue_of(scenario)
    fees = float(costs.loc[costs["role"] == "partner", "fee"].sum())
    return PlanResult(
        status=status,
        objective=objective,
        objective_terms={
            "lateness": figures.lateness,
            "partner_fees": figures.partner_fees,
            "coordination_hours": figures.coordination_hours,
            "chunks": float(figures.chunks),
            "overtime_hours": figures.overtime_hours,
            **_change_terms(problem, figures),
        },
        bound=lower,
        gap=gap,
        runtime=time.perf_counter() - started,
        seed=seed,
        workers=workers,
        schedule=schedule,
        deliveries=delivery_frame(problem, solution),
        tranches=tranche_frame(problem, solution),
        load=load_frame(problem, schedule),
        costs=costs,
        revenue=revenue,
        partner_fees=fees,
        margin=revenue - fees,
        first_solution_time=first_solution_time,
        best_solution_time=best_solution_time,
        explanation=sentences(why_late, lead=problem.lead, names=scenario.display_names()),
        causes=causes_frame(why_late),
        policy=None if problem.policy == SCENARIO_AS_WRITTEN else problem.policy,
        bound_source=_bound_source(status, lower, source),
    )


def _bound_source(status: Status, bound: float | None, source: str) -> str | None:
    """Where the reported bound comes from (see :attr:`PlanResult.bound_source`)."""
    if status is Status.OPTIMAL:
        return "optimal"
    return None if bound is None else source
