"""The ``consultant`` suites: generated scenarios and the contenders that plan them.

Instances come from :mod:`benchmarks.generators` (instance index = generator seed; the
``consultant-nosplit`` suite uses the generator's non-splitting variant). Each contender gets
the same validated :class:`~mission_planner.Scenario` and is timed from the call on
(generation is not timed). Every plan goes through the library's independent checker,
``len(check(scenario, plan))`` is recorded as ``violations`` (it must be 0).

- ``ours``: :func:`mission_planner.plan` with default settings (heuristic warm start, CP-SAT);
- ``dispatch``: the library's list scheduling alone — :func:`mission_planner.heuristics.dispatch`
  (EDD, least slack and ATC priority rules, engagements early or late, optimal tranches, a short
  repair when no rule meets every deadline) on ``compile_problem(scenario)``, valued by
  :func:`mission_planner.solution.evaluate`: what heuristic schedulers do;
- ``cpsat-cold``: ``plan(..., warm_start=False)``: our CP-SAT model without the warm start;
- ``naive``: the afternoon CP-SAT model on real time (:mod:`benchmarks.baselines.consultant_naive`);
- ``pyjobshop``: PyJobShop on the non-splitting variant only
  (:mod:`benchmarks.baselines.consultant_pyjobshop`).

The baselines that produce their own plan state it as a library
:class:`~mission_planner.solution.Solution` and value it with
:func:`mission_planner.solution.evaluate` (:func:`solution_outcome`), so that every objective in
a table is the library's.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import pandas as pd

from benchmarks.baselines._common import CpsatRun, Outcome, improving
from benchmarks.generators import Generated, generate_with_reference, reference_solution
from mission_planner import Scenario, check, plan
from mission_planner.problem import Problem, compile_problem
from mission_planner.solution import Solution, evaluate


@dataclass(frozen=True)
class Instance:
    """Generated scenario ``size``/``index`` (the seed).

    ``reference`` is the objective of the generator's reference plan (a feasible plan, not a
    best known value: ``gap_reference`` is ``False``); ``None`` when not computed.
    """

    size: str
    index: int
    scenario: Scenario
    generated: Generated
    reference: float | None = None
    optimal: bool = False
    gap_reference: bool = False
    nosplit: bool = False
    """The generator's non-splitting variant."""

    @property
    def name(self) -> str:
        """Short name, e.g. ``M-002`` (``M-nosplit-002`` for the variant)."""
        return f"{self.size}{'-nosplit' if self.nosplit else ''}-{self.index:03d}"


def load_instance(size: str, index: int, reference: bool = True, nosplit: bool = False) -> Instance:
    """The scenario of ``size`` for seed ``index``, and its reference plan's objective."""
    generated = generate_with_reference(size, index, nosplit=nosplit)
    value = None
    if reference:
        problem = compile_problem(generated.scenario)
        value = evaluate(problem, reference_solution(generated, problem)).objective
    return Instance(size, index, generated.scenario, generated, value, nosplit=nosplit)


def load_nosplit_instance(size: str, index: int, reference: bool = True) -> Instance:
    """The non-splitting variant's scenario of ``size`` for seed ``index`` (the suite loader of
    ``consultant-nosplit``)."""
    return load_instance(size, index, reference, nosplit=True)


# ---------------------------------------------------------------------------- plan tables
@dataclass(frozen=True)
class Tables:
    """What :func:`mission_planner.check` reads, for a plan that is not a ``PlanResult``."""

    has_plan: bool
    schedule: pd.DataFrame
    deliveries: pd.DataFrame
    tranches: pd.DataFrame


def tables(problem: Problem, solution: Solution) -> Tables:
    """The result tables of ``solution``, as the library writes them."""
    from mission_planner.frames import delivery_frame, schedule_frame, tranche_frame

    return Tables(
        True,
        schedule_frame(problem, solution),
        delivery_frame(problem, solution),
        tranche_frame(problem, solution),
    )


def solution_violations(problem: Problem, solution: Solution) -> int:
    """``len(check(scenario, tables))`` of a solver-level solution."""
    return len(check(problem.scenario, tables(problem, solution)))


def solution_outcome(
    problem: Problem,
    run: CpsatRun,
    decode: Any,
    bound: float | None,
) -> tuple[Outcome, Solution | None]:
    """A CP-SAT baseline's outcome, every objective the library's, and its final plan.

    ``decode(captured)`` states what ``run`` captured of a solution as a library
    :class:`~mission_planner.solution.Solution`; the final plan and each improving one are
    valued by :func:`~mission_planner.solution.evaluate` (the trace keeps those that improve
    on the library's objective) and the final plan goes through the checker. ``bound`` (in
    the library's units, or ``None``) replaces CP-SAT's.
    """
    out = run.outcome
    points = [(i.time, evaluate(problem, decode(i.captured)).objective) for i in run.improvements]
    trace = improving(points)
    if run.final is None:
        return out._replace(bound=bound, trace=trace or None), None
    solution = decode(run.final)
    objective = evaluate(problem, solution).objective
    best = next((t for t, v in trace if v <= objective + 1e-9), out.total_time)
    outcome = out._replace(
        objective=objective,
        bound=bound,
        time_to_first=trace[0][0] if trace else out.time_to_first,
        time_to_best=best,
        violations=solution_violations(problem, solution),
        trace=trace or None,
    )
    return outcome, solution


# ---------------------------------------------------------------------------- contenders
def _plan(
    inst: Instance, time_limit: float, workers: int, seed: int, warm_start: bool
) -> tuple[Outcome, Any]:
    scenario = inst.scenario
    t0 = time.perf_counter()
    heuristic: float | None = None
    points: list[tuple[float, float]] = []

    def on_progress(event: Any) -> None:
        nonlocal heuristic
        now = time.perf_counter() - t0
        if event.phase == "heuristic":
            heuristic = now
        if event.objective is not None:
            points.append((now, float(event.objective)))

    result = plan(
        scenario,
        time_limit=time_limit,
        seed=seed,
        workers=workers,
        warm_start=warm_start,
        progress=on_progress,
    )
    total = time.perf_counter() - t0
    objective = None if result.objective is None else float(result.objective)
    best = None
    if objective is not None:
        # the first moment a plan as good as the final one was known
        best = next((t for t, v in points if v <= objective + 1e-9), total)
        points.append((total, objective))  # kept only if better than any reported plan
    trace = improving(points)
    outcome = Outcome(
        objective=objective,
        bound=None if result.bound is None else float(result.bound),
        status=result.status.value,
        time_to_first=trace[0][0] if trace else None,
        time_to_best=best,
        total_time=total,
        violations=len(check(scenario, result)) if result.has_plan else None,
        heuristic_time=heuristic,
        cpsat_first_time=result.first_solution_time,
        trace=trace or None,
    )
    return outcome, result


def model_build_time(scenario: Scenario) -> float:
    """Seconds to compile ``scenario`` and build its CP-SAT model (no solve)."""
    from mission_planner.cpsat.model import build_model

    t0 = time.perf_counter()
    build_model(compile_problem(scenario))
    return time.perf_counter() - t0


def solve_ours(
    inst: Instance, time_limit: float = 10.0, workers: int = 2, seed: int = 0
) -> Outcome:
    """``mission_planner.plan`` with default settings; then the model build time, apart."""
    outcome, _ = _plan(inst, time_limit, workers, seed, warm_start=True)
    return outcome._replace(build_time=model_build_time(inst.scenario))


def solve_cold(
    inst: Instance, time_limit: float = 10.0, workers: int = 2, seed: int = 0
) -> Outcome:
    """``mission_planner.plan(warm_start=False)``: CP-SAT on our model, no heuristic hint."""
    outcome, _ = _plan(inst, time_limit, workers, seed, warm_start=False)
    return outcome


def solve_dispatch(
    inst: Instance, time_limit: float = 10.0, workers: int = 1, seed: int = 0
) -> Outcome:
    """The library's dispatch (priority rules and list scheduling); no time limit, no bound."""
    from mission_planner.heuristics import dispatch

    del time_limit, workers, seed
    t0 = time.perf_counter()
    problem = compile_problem(inst.scenario)
    solution = dispatch(problem)
    total = time.perf_counter() - t0
    if solution is None:
        return Outcome(None, None, "unknown", None, None, total)
    return Outcome(
        objective=evaluate(problem, solution).objective,
        bound=None,
        status="feasible",
        time_to_first=total,
        time_to_best=total,
        total_time=total,
        violations=solution_violations(problem, solution),
        heuristic_time=total,
        trace=((total, evaluate(problem, solution).objective),),
    )
